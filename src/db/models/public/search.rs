//! Searching public activities through the trigram index (`search_index`, kept equal to the
//! live revisions by the triggers of `migrations/2026-11-29-000005_search`).
//!
//! Cost is bounded by [`CANDIDATES`], whatever the size of the site: a search keeps its
//! most recently added matches only, ranked as they are read ([`matches`]), then reads the
//! rows of the page shown ([`hits`]), whose highlights are found in Rust
//! (`crate::search::highlight`). Queries with only short terms have no index to use: they
//! scan the stored text of the newest [`SCAN_LIMIT`] public activities at most. (Measured
//! on 100 000 activities of 2 KB each, for a word in 62 000 of them and a Thai or a Burmese
//! substring in 20 000: keeping and ranking 1 000 matches took 1.5–2.5 ms, about a third of
//! that for 300; built-in bm25 over all matches took 40–120 ms; a full scan of short terms
//! 110 ms. FTS5's `highlight()` on a page's rows took 1.2–2.1 ms, reading them plainly
//! 0.2 ms.)

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{Date, Double, Integer, Nullable, Text, Timestamp};
use diesel::sqlite::Sqlite;

use crate::search::CANDIDATES;
use crate::search::query::SearchQuery;

/// Narrowing a search (ids and values already checked against [`FilterOptions`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub category: Option<i32>,
    /// The submitting organization or a partner.
    pub organization: Option<i32>,
    pub language: Option<String>,
    /// The year of the event, or of publication for an activity without event dates.
    pub year: Option<i32>,
    /// The site's offset from UTC in seconds, for the publication year.
    pub utc_offset: i32,
}

impl Filters {
    pub fn any(&self) -> bool {
        self.category.is_some()
            || self.organization.is_some()
            || self.language.is_some()
            || self.year.is_some()
    }
}

/// A result, with the text a snippet is made of.
#[derive(Debug, Clone, QueryableByName)]
pub struct Hit {
    #[diesel(sql_type = Integer)]
    pub id: i32,
    #[diesel(sql_type = Text)]
    pub slug: String,
    #[diesel(sql_type = Nullable<Timestamp>)]
    pub published_at: Option<NaiveDateTime>,
    #[diesel(sql_type = Text)]
    pub language: String,
    #[diesel(sql_type = Nullable<Date>)]
    pub event_start: Option<NaiveDate>,
    #[diesel(sql_type = Nullable<Date>)]
    pub event_end: Option<NaiveDate>,
    #[diesel(sql_type = Text)]
    pub organization_name: String,
    #[diesel(sql_type = Text)]
    pub organization_slug: String,
    #[diesel(sql_type = Text)]
    pub title: String,
    #[diesel(sql_type = Text)]
    pub summary: String,
    /// Markdown.
    #[diesel(sql_type = Text)]
    pub body: String,
    #[diesel(sql_type = Text)]
    pub location: String,
    #[diesel(sql_type = Text)]
    pub organizations: String,
    #[diesel(sql_type = Text)]
    pub attachments: String,
}

/// The most activities a query without indexed terms reads, newest first.
pub const SCAN_LIMIT: i64 = 5_000;

/// The indexed columns, in the order of the FTS5 table.
const COLUMNS: [&str; 6] = [
    "title",
    "summary",
    "body",
    "location",
    "organizations",
    "attachments",
];
/// A match in the title counts most, then the summary; the body is long and counts least.
const RANK: &str = "capped_bm25(search_index, 10.0, 4.0, 1.0, 2.0, 2.0, 2.0)";
/// All indexed text of a row, for substring matching of short terms.
const ALL_TEXT: &str = "(search_index.title || ' ' || search_index.summary || ' ' || \
    search_index.body || ' ' || search_index.location || ' ' || \
    search_index.organizations || ' ' || search_index.attachments)";

enum Bind {
    Text(String),
    Int(i32),
}

/// FROM and WHERE of a search, with its bind values in order.
struct Conditions {
    sql: String,
    binds: Vec<Bind>,
}

impl Conditions {
    /// Which activities match. The index holds public activities only (its triggers see
    /// to that), so a search without filters reads nothing else; the wide revision row (the
    /// report as written and as HTML) is joined only when a filter needs it.
    fn new(query: &SearchQuery, filters: &Filters) -> Conditions {
        let sql = if query.fts.is_some() && !filters.any() {
            " FROM search_index".to_owned()
        } else {
            let revision = if filters.language.is_some() || filters.year.is_some() {
                " JOIN activity_revisions r ON r.id = a.live_revision_id"
            } else {
                ""
            };
            format!(
                " FROM search_index \
                 JOIN activities a ON a.id = search_index.rowid{revision} \
                 WHERE a.live_revision_id IS NOT NULL"
            )
        };
        let mut c = Conditions {
            sql,
            binds: Vec::new(),
        };
        if let Some(fts) = &query.fts {
            c.and("search_index MATCH ?", [Bind::Text(fts.clone())]);
        } else if !query.required_like.is_empty() || !query.excluded_like.is_empty() {
            c.and(
                &format!(
                    "a.id IN (SELECT id FROM activities WHERE live_revision_id IS NOT NULL \
                      ORDER BY published_at DESC LIMIT {SCAN_LIMIT})"
                ),
                [],
            );
        }
        for group in &query.required_like {
            let alternatives = vec![format!("{ALL_TEXT} LIKE ? ESCAPE '\\'"); group.len()];
            c.and(
                &format!("({})", alternatives.join(" OR ")),
                group.iter().map(|p| Bind::Text(p.clone())),
            );
        }
        for pattern in &query.excluded_like {
            c.and(
                &format!("{ALL_TEXT} NOT LIKE ? ESCAPE '\\'"),
                [Bind::Text(pattern.clone())],
            );
        }
        if let Some(id) = filters.category {
            c.and(
                "EXISTS (SELECT 1 FROM revision_categories rc \
                  WHERE rc.revision_id = a.live_revision_id AND rc.category_id = ?)",
                [Bind::Int(id)],
            );
        }
        if let Some(id) = filters.organization {
            c.and(
                "(a.organization_id = ? OR EXISTS (SELECT 1 FROM revision_partners rp \
                  WHERE rp.revision_id = a.live_revision_id AND rp.organization_id = ?))",
                [Bind::Int(id), Bind::Int(id)],
            );
        }
        if let Some(language) = &filters.language {
            c.and("r.language = ?", [Bind::Text(language.clone())]);
        }
        if let Some(year) = filters.year {
            c.and(
                &format!("{} = ?", year_expression()),
                [Bind::Int(filters.utc_offset), Bind::Int(year)],
            );
        }
        c
    }

    fn and(&mut self, condition: &str, binds: impl IntoIterator<Item = Bind>) {
        self.sql.push_str(if self.sql.contains(" WHERE ") {
            " AND "
        } else {
            " WHERE "
        });
        self.sql.push_str(condition);
        self.binds.extend(binds);
    }

    /// `prefix` + these conditions + `suffix`, with every value bound.
    fn query<'a>(
        &'a self,
        prefix: &str,
        suffix: &str,
    ) -> diesel::query_builder::BoxedSqlQuery<'a, Sqlite, diesel::query_builder::SqlQuery> {
        let mut query = diesel::sql_query(format!("{prefix}{}{suffix}", self.sql)).into_boxed();
        for bind in &self.binds {
            query = match bind {
                Bind::Text(t) => query.bind::<Text, _>(t.as_str()),
                Bind::Int(n) => query.bind::<Integer, _>(*n),
            };
        }
        query
    }
}

/// The year an activity is filed under: its event's, else its publication's in the site's
/// time zone (one bind: the UTC offset in seconds).
fn year_expression() -> &'static str {
    "coalesce(CAST(strftime('%Y', r.event_start) AS INTEGER), \
              CAST(strftime('%Y', a.published_at, ? || ' seconds') AS INTEGER))"
}

/// The activities a search may show: its [`CANDIDATES`] most recently added matches at
/// most, in the order they are shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matches {
    /// Activity ids, best first for a ranked search, else newest publication first.
    ids: Vec<i32>,
    /// Whether more activities matched than were kept.
    pub capped: bool,
}

impl Matches {
    /// The first [`CANDIDATES`] of `ids`, noting whether there were more.
    fn kept(mut ids: Vec<i32>) -> Matches {
        let capped = ids.len() as i64 > CANDIDATES;
        ids.truncate(CANDIDATES as usize);
        Matches { ids, capped }
    }

    /// How many were kept (at most [`CANDIDATES`]).
    pub fn count(&self) -> i64 {
        self.ids.len() as i64
    }
}

/// A kept match of a ranked search.
#[derive(QueryableByName)]
struct Scored {
    #[diesel(sql_type = Integer)]
    id: i32,
    /// `capped_bm25`: lower is better.
    #[diesel(sql_type = Double)]
    score: f64,
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = Integer)]
    id: i32,
}

/// Which activities match, in the order they are shown, in one statement.
///
/// A ranked search reads the index in rowid order, newest first, and stops after
/// [`CANDIDATES`] matches (FTS5 does this without reading the older ones), scoring each
/// with `capped_bm25` (`src/search/rank.rs`: bm25 without its count of every row holding
/// each phrase); the kept matches are then sorted here. A word found in most activities
/// costs about what a rare one does.
pub fn matches(
    conn: &mut SqliteConnection,
    query: &SearchQuery,
    filters: &Filters,
) -> QueryResult<Matches> {
    let conditions = Conditions::new(query, filters);
    let limit = CANDIDATES + 1;
    if query.fts.is_none() {
        let ids: Vec<i32> = conditions
            .query(
                "SELECT a.id AS id",
                &format!(" ORDER BY a.published_at DESC, a.id DESC LIMIT {limit}"),
            )
            .load::<Id>(conn)?
            .into_iter()
            .map(|row| row.id)
            .collect();
        return Ok(Matches::kept(ids));
    }
    let mut scored: Vec<Scored> = conditions
        .query(
            &format!("SELECT search_index.rowid AS id, {RANK} AS score"),
            &format!(" ORDER BY search_index.rowid DESC LIMIT {limit}"),
        )
        .load(conn)?;
    // Only the kept ones are sorted: the one past the cap was read to know there are more.
    // Equal scores go most recently added first.
    let kept = scored.len().min(CANDIDATES as usize);
    scored[..kept].sort_by(|a, b| a.score.total_cmp(&b.score).then(b.id.cmp(&a.id)));
    Ok(Matches::kept(scored.into_iter().map(|s| s.id).collect()))
}

/// Results `offset..offset + limit` of `matches`, read in full.
pub fn hits(
    conn: &mut SqliteConnection,
    matches: &Matches,
    offset: i64,
    limit: i64,
) -> QueryResult<Vec<Hit>> {
    let ids: Vec<i32> = matches
        .ids
        .iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(0))
        .copied()
        .collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<String> = ids.iter().map(i32::to_string).collect();
    let mut hits: Vec<Hit> = diesel::sql_query(format!(
        "SELECT a.id AS id, a.slug AS slug, a.published_at AS published_at, \
                r.language AS language, r.event_start AS event_start, r.event_end AS event_end, \
                o.name AS organization_name, o.slug AS organization_slug, {} \
           FROM search_index \
           JOIN activities a ON a.id = search_index.rowid \
           JOIN activity_revisions r ON r.id = a.live_revision_id \
           JOIN organizations o ON o.id = a.organization_id \
          WHERE search_index.rowid IN ({})",
        COLUMNS
            .map(|name| format!("search_index.{name} AS {name}"))
            .join(", "),
        list.join(", ")
    ))
    .load(conn)?;
    hits.sort_by_key(|hit| ids.iter().position(|&id| id == hit.id));
    Ok(hits)
}

/// What the filters offer: only values that some public activity has.
#[derive(Debug, Clone, Default)]
pub struct FilterOptions {
    /// (id, slug, name), in navigation order.
    pub categories: Vec<(i32, String, String)>,
    /// (id, slug, name) of active organizations, by name.
    pub organizations: Vec<(i32, String, String)>,
    pub languages: Vec<String>,
    /// Newest first.
    pub years: Vec<i32>,
}

pub fn filter_options(conn: &mut SqliteConnection, utc_offset: i32) -> QueryResult<FilterOptions> {
    use crate::db::schema::{categories, organizations};

    #[derive(QueryableByName)]
    struct Facet {
        #[diesel(sql_type = Text)]
        language: String,
        #[diesel(sql_type = Nullable<Integer>)]
        year: Option<i32>,
    }
    let categories = categories::table
        .order((categories::position, categories::name))
        .select((categories::id, categories::slug, categories::name))
        .load(conn)?;
    let organizations = organizations::table
        .filter(organizations::active.eq(true))
        .order(organizations::name)
        .select((organizations::id, organizations::slug, organizations::name))
        .load(conn)?;
    // Languages and years in one pass over the public activities, through the covering
    // index of migration 000010 (the planner would read the wide revision rows instead).
    let facets = diesel::sql_query(format!(
        "SELECT DISTINCT r.language AS language, {} AS year FROM activities a \
           JOIN activity_revisions r INDEXED BY activity_revisions_facets \
             ON r.id = a.live_revision_id",
        year_expression()
    ))
    .bind::<Integer, _>(utc_offset)
    .load::<Facet>(conn)?;
    let mut languages: Vec<String> = facets.iter().map(|f| f.language.clone()).collect();
    languages.sort();
    languages.dedup();
    let mut years: Vec<i32> = facets.iter().filter_map(|f| f.year).collect();
    years.sort_by(|a, b| b.cmp(a));
    years.dedup();
    Ok(FilterOptions {
        categories,
        organizations,
        languages,
        years,
    })
}
