//! `/search?q=…&category=…&organization=…&language=…&year=…&page=N`.
//!
//! Whatever `q` holds, the answer is a page: results, or a sentence saying why there are
//! none. Unknown filter values are ignored rather than refused (a bookmarked search outlives
//! a renamed category).

use actix_web::{HttpRequest, web};
use askama::Template;
use askama_web::WebTemplate;

use super::archive::utc_offset;
use super::view::{PER_PAGE, Pagination, local_date, page_number};
use crate::cache::Memo;
use crate::config::Site;
use crate::db::Db;
use crate::db::models::public::search::{self, FilterOptions, Filters, Hit};
use crate::error::AppError;
use crate::markdown;
use crate::search::CANDIDATES;
use crate::search::highlight::Terms;
use crate::search::query::SearchQuery;
use crate::search::snippet::{self, Segment};
use crate::templates::Layout;

/// Graphemes of context shown around a match: two or three lines on a wide screen, five
/// or six on a phone.
const SNIPPET_WIDTH: usize = 160;

/// The query string as typed; empty when absent.
#[derive(Debug, Clone, Default)]
struct Params {
    q: String,
    category: String,
    organization: String,
    language: String,
    year: String,
}

impl Params {
    /// Never fails: malformed escapes and bytes are read leniently.
    fn parse(query: &str) -> Params {
        let mut p = Params::default();
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let slot = match key.as_ref() {
                "q" => &mut p.q,
                "category" => &mut p.category,
                "organization" => &mut p.organization,
                "language" => &mut p.language,
                "year" => &mut p.year,
                _ => continue,
            };
            *slot = value.into_owned();
        }
        p
    }

    /// The search's address on page `n`.
    fn url(&self, n: i64) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (key, value) in [
            ("q", &self.q),
            ("category", &self.category),
            ("organization", &self.organization),
            ("language", &self.language),
            ("year", &self.year),
        ] {
            if !value.is_empty() {
                query.append_pair(key, value);
            }
        }
        if n > 1 {
            query.append_pair("page", &n.to_string());
        }
        format!("/search?{}", query.finish())
    }

    /// The filters among `options` that these values name.
    fn filters(&self, options: &FilterOptions, utc_offset: i32) -> Filters {
        let by_slug = |list: &[(i32, String, String)], slug: &str| {
            list.iter()
                .find(|(_, s, _)| s == slug)
                .map(|(id, _, _)| *id)
        };
        Filters {
            category: by_slug(&options.categories, &self.category),
            organization: by_slug(&options.organizations, &self.organization),
            language: options
                .languages
                .iter()
                .find(|l| **l == self.language)
                .cloned(),
            year: self.year.parse().ok().filter(|y| options.years.contains(y)),
            utc_offset,
        }
    }
}

/// An option of a filter.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// A result as the page shows it.
pub struct ResultView {
    pub url: String,
    pub title: Vec<Segment>,
    /// Set when the activity's language differs from the page's.
    pub lang: Option<String>,
    pub published: String,
    pub published_iso: String,
    pub event: String,
    pub organization_name: String,
    pub organization_url: String,
    pub snippet: Vec<Segment>,
}

#[derive(Template, WebTemplate)]
#[template(path = "public/search.html")]
pub struct SearchPage {
    layout: Layout,
    title: String,
    q: String,
    categories: Vec<Choice>,
    organizations: Vec<Choice>,
    languages: Vec<Choice>,
    years: Vec<Choice>,
    /// Whether a search ran (result pages are not for search engines).
    searched: bool,
    /// What came of it: how many found, or why nothing.
    status: Option<String>,
    notes: Vec<String>,
    results: Vec<ResultView>,
    pagination: Option<Pagination>,
}

pub async fn search(
    req: HttpRequest,
    db: web::Data<Db>,
    site: web::Data<Site>,
    facets: web::Data<Memo<FilterOptions>>,
) -> Result<SearchPage, AppError> {
    let page = page_number(req.query_string())?;
    let params = Params::parse(req.query_string());
    let query = SearchQuery::parse(&params.q);
    let offset = utc_offset(&site);
    let (options, filters, outcome) = {
        let (params, query) = (params.clone(), query.clone());
        let facets = facets.into_inner();
        db.read(move |conn| {
            let options = facets.get_or_compute(|| search::filter_options(conn, offset))?;
            let filters = params.filters(&options, offset);
            if query.is_empty() && !filters.any() {
                return Ok((options, filters, None));
            }
            let matches = search::matches(conn, &query, &filters)?;
            let hits = search::hits(conn, &matches, (page - 1) * PER_PAGE, PER_PAGE)?;
            Ok((options, filters, Some((matches, hits))))
        })
        .await?
    };
    let mut layout = Layout::for_request(&req);
    let blank = params.q.trim().is_empty();
    if blank && !filters.any() {
        layout = layout.with_canonical(site.base_url.join("/search"));
    }
    let mut notes = Vec::new();
    if !query.ignored.is_empty() {
        notes.push(layout.t_with("search-ignored", "terms", &query.ignored.join(" ")));
    }
    let searched = outcome.is_some();
    let (status, results, pagination) = match outcome {
        None if blank => (None, Vec::new(), None),
        None => (Some(layout.t("search-too-short")), Vec::new(), None),
        Some((matches, _)) if matches.count() == 0 => {
            (Some(layout.t("search-nothing-found")), Vec::new(), None)
        }
        Some((matches, hits)) => {
            let total = matches.count();
            let found = if matches.capped {
                notes.push(layout.t_count("search-capped", CANDIDATES));
                layout.t_count("search-found-more-than", CANDIDATES)
            } else {
                layout.t_count("search-found", total)
            };
            let pagination = Pagination::with_urls(page, total, &layout, |n| params.url(n))?;
            let terms = Terms::new(&query.wanted);
            let results = hits
                .iter()
                .map(|hit| result_view(hit, &terms, &layout, &site))
                .collect();
            (Some(found), results, Some(pagination))
        }
    };
    let title = if blank {
        layout.t("search-title")
    } else {
        layout.t_with("search-title-for", "query", params.q.trim())
    };
    Ok(SearchPage {
        title,
        categories: choices(&options.categories, filters.category),
        organizations: choices(&options.organizations, filters.organization),
        languages: options
            .languages
            .iter()
            .map(|tag| Choice {
                value: tag.clone(),
                label: layout.language_name(tag),
                selected: filters.language.as_ref() == Some(tag),
            })
            .collect(),
        years: options
            .years
            .iter()
            .map(|y| Choice {
                value: y.to_string(),
                label: y.to_string(),
                selected: filters.year == Some(*y),
            })
            .collect(),
        q: params.q,
        searched,
        status,
        notes,
        results,
        pagination,
        layout,
    })
}

fn choices(list: &[(i32, String, String)], selected: Option<i32>) -> Vec<Choice> {
    list.iter()
        .map(|(id, slug, name)| Choice {
            value: slug.clone(),
            label: name.clone(),
            selected: selected == Some(*id),
        })
        .collect()
}

fn result_view(hit: &Hit, terms: &Terms, layout: &Layout, site: &Site) -> ResultView {
    let published = hit
        .published_at
        .map(|at| local_date(at, site.timezone))
        .unwrap_or_default();
    ResultView {
        url: format!("/activities/{}", hit.slug),
        title: snippet::segments(&hit.title, terms),
        lang: (hit.language != layout.lang()).then(|| hit.language.clone()),
        published: layout.date(published),
        published_iso: published.format("%Y-%m-%d").to_string(),
        event: layout.event_dates(hit.event_start, hit.event_end),
        organization_name: hit.organization_name.clone(),
        organization_url: format!("/organizations/{}", hit.organization_slug),
        snippet: excerpt(hit, terms),
    }
}

/// Where a term is: the body first, else the other fields; else the start of the summary
/// (a match in the title only).
fn excerpt(hit: &Hit, terms: &Terms) -> Vec<Segment> {
    let body = markdown::plain_text(&hit.body);
    [
        body.as_str(),
        &hit.summary,
        &hit.location,
        &hit.attachments,
        &hit.organizations,
    ]
    .into_iter()
    .find_map(|field| snippet::excerpt_around_match(field, terms, SNIPPET_WIDTH))
    .unwrap_or_else(|| snippet::excerpt(&hit.summary, terms, SNIPPET_WIDTH))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_of_search_and_feeds_exists() {
        // Those read through `t_with`, `t_count` or Fluent arguments, which the catalog
        // test of `i18n` does not see.
        let layout = Layout::new("en");
        for id in [
            "search-title-for",
            "search-ignored",
            "search-capped",
            "search-found",
            "search-found-more-than",
            "feed-category-link",
            "feed-organization-link",
            "feed-site-title",
            "feed-category-title",
            "feed-organization-title",
        ] {
            assert!(layout.catalog.has(id), "{id}");
        }
        assert_eq!(layout.t_count("search-found", 1), "One activity found.");
        assert_eq!(
            layout.t_count("search-found-more-than", CANDIDATES),
            format!("More than {CANDIDATES} activities found.")
        );
    }

    #[test]
    fn params_are_read_leniently_and_written_back() {
        let p = Params::parse("q=%22a+b%22%20c&category=trainings&year=2016&page=2&x=%ZZ&q2");
        assert_eq!(p.q, "\"a b\" c");
        assert_eq!(p.category, "trainings");
        assert_eq!(
            p.url(3),
            "/search?q=%22a+b%22+c&category=trainings&year=2016&page=3"
        );
        assert_eq!(
            p.url(1),
            "/search?q=%22a+b%22+c&category=trainings&year=2016"
        );
        let odd = Params::parse("q=%E0%B8&q=%FF%FE%00");
        assert_eq!(
            odd.q, "\u{FFFD}\u{FFFD}\u{0}",
            "invalid UTF-8 becomes U+FFFD"
        );
    }
}
