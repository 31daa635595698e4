//! Sets of translations: an original activity and the activities whose `translation_of`
//! names it (see `migrations/*_translations`).

use diesel::prelude::*;

use crate::db::schema::{activities, activity_revisions, organizations};

/// A member of a set as the admin page lists it, in its current (edited) revision.
#[derive(Debug, Clone, Queryable)]
pub struct SetMember {
    pub id: i32,
    pub slug: String,
    pub organization_id: i32,
    pub organization_name: String,
    pub translation_of: Option<i32>,
    pub live: bool,
    pub title: String,
    pub language: String,
}

/// A published member of a set, as public pages link it.
#[derive(Debug, Clone, Queryable)]
pub struct LiveMember {
    pub id: i32,
    pub slug: String,
    pub title: String,
    pub language: String,
    pub live_revision_id: i32,
}

/// The original of the set `activity_id` belongs to (itself when it is not a translation).
pub fn root_of(conn: &mut SqliteConnection, activity_id: i32) -> QueryResult<Option<i32>> {
    activities::table
        .find(activity_id)
        .select(activities::translation_of)
        .first::<Option<i32>>(conn)
        .optional()
        .map(|found| found.map(|of| of.unwrap_or(activity_id)))
}

/// Every member of the set whose original is `root`, original first, in the language of
/// its current revision.
pub fn members(conn: &mut SqliteConnection, root: i32) -> QueryResult<Vec<SetMember>> {
    activities::table
        .inner_join(
            activity_revisions::table.on(activity_revisions::id
                .nullable()
                .eq(activities::current_revision_id)),
        )
        .inner_join(organizations::table)
        .filter(
            activities::id
                .eq(root)
                .or(activities::translation_of.eq(root)),
        )
        .order((activities::translation_of.is_not_null(), activities::id))
        .select((
            activities::id,
            activities::slug,
            activities::organization_id,
            organizations::name,
            activities::translation_of,
            activities::live_revision_id.is_not_null(),
            activity_revisions::title,
            activity_revisions::language,
        ))
        .load(conn)
}

/// The published members of the set whose original is `root`, original first.
pub fn live_members(conn: &mut SqliteConnection, root: i32) -> QueryResult<Vec<LiveMember>> {
    Ok(live_members_of_sets(conn, &[root])?
        .into_iter()
        .map(|(_, member)| member)
        .collect())
}

/// Makes every member of the set of `old_root` (and `old_root` itself) a translation of
/// `new_root`, so that linking an activity that already has translations merges the sets.
pub fn move_set(conn: &mut SqliteConnection, old_root: i32, new_root: i32) -> QueryResult<()> {
    diesel::update(
        activities::table.filter(
            activities::id
                .eq(old_root)
                .or(activities::translation_of.eq(old_root)),
        ),
    )
    .set(activities::translation_of.eq(Some(new_root)))
    .execute(conn)
    .map(drop)
}

/// Takes `activity_id` out of its set. When it is the original, the oldest translation
/// becomes the original of the others, so they stay linked to each other.
pub fn leave_set(conn: &mut SqliteConnection, activity_id: i32) -> QueryResult<()> {
    let translations: Vec<i32> = activities::table
        .filter(activities::translation_of.eq(activity_id))
        .order(activities::id)
        .select(activities::id)
        .load(conn)?;
    if let Some((&heir, rest)) = translations.split_first() {
        diesel::update(activities::table.find(heir))
            .set(activities::translation_of.eq(None::<i32>))
            .execute(conn)?;
        diesel::update(activities::table.filter(activities::id.eq_any(rest)))
            .set(activities::translation_of.eq(Some(heir)))
            .execute(conn)?;
    }
    diesel::update(activities::table.find(activity_id))
        .set(activities::translation_of.eq(None::<i32>))
        .execute(conn)
        .map(drop)
}

/// The activity a member typed as the original: its public address, its admin address, its
/// short name (slug) or its number.
pub fn find_by_reference(
    conn: &mut SqliteConnection,
    reference: &str,
) -> QueryResult<Option<(i32, i32)>> {
    let reference = reference.trim();
    let path = reference.split_once("://").map_or(reference, |(_, rest)| {
        rest.find('/').map_or("", |slash| &rest[slash..])
    });
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let by_id = |id: &str| id.parse::<i32>().ok();
    let (id, slug) = match segments.as_slice() {
        ["admin", "activities", id, ..] => (by_id(id), None),
        ["activities", slug] => (None, Some(*slug)),
        [single] => (by_id(single), Some(*single)),
        _ => (None, None),
    };
    let query = activities::table.select((activities::id, activities::organization_id));
    if let Some(id) = id
        && let Some(found) = query.find(id).first(conn).optional()?
    {
        return Ok(Some(found));
    }
    match slug {
        Some(slug) => query
            .filter(activities::slug.eq(slug))
            .first(conn)
            .optional(),
        None => Ok(None),
    }
}

/// The published members of the sets whose originals are `roots`, as (original, member),
/// original first within each set: one query for a feed's worth of activities.
pub fn live_members_of_sets(
    conn: &mut SqliteConnection,
    roots: &[i32],
) -> QueryResult<Vec<(i32, LiveMember)>> {
    let rows: Vec<(i32, Option<i32>, String, String, String, i32)> = activities::table
        .inner_join(
            activity_revisions::table.on(activity_revisions::id
                .nullable()
                .eq(activities::live_revision_id)),
        )
        .filter(
            activities::id
                .eq_any(roots)
                .or(activities::translation_of.eq_any(roots)),
        )
        .order((activities::translation_of.is_not_null(), activities::id))
        .select((
            activities::id,
            activities::translation_of,
            activities::slug,
            activity_revisions::title,
            activity_revisions::language,
            activity_revisions::id,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, of, slug, title, language, live_revision_id)| {
            let member = LiveMember {
                id,
                slug,
                title,
                language,
                live_revision_id,
            };
            (of.unwrap_or(id), member)
        })
        .collect())
}

/// Every published activity that has a published translation, by slug: its whole set as
/// (language, slug), original first. One query, for the sitemap.
pub fn live_sets(
    conn: &mut SqliteConnection,
) -> QueryResult<std::collections::HashMap<String, Vec<(String, String)>>> {
    use diesel::sql_types::{Integer, Text};
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = Integer)]
        root: i32,
        #[diesel(sql_type = Text)]
        slug: String,
        #[diesel(sql_type = Text)]
        language: String,
    }
    let rows: Vec<Row> = diesel::sql_query(
        "SELECT coalesce(m.translation_of, m.id) AS root, m.slug AS slug, r.language AS language \
         FROM activities m JOIN activity_revisions r ON r.id = m.live_revision_id \
         WHERE m.translation_of IS NOT NULL \
            OR m.id IN (SELECT translation_of FROM activities WHERE translation_of IS NOT NULL) \
         ORDER BY root, m.translation_of IS NOT NULL, m.id",
    )
    .load(conn)?;
    let mut sets: Vec<(i32, Vec<(String, String)>)> = Vec::new();
    for row in rows {
        match sets.last_mut() {
            Some((root, members)) if *root == row.root => members.push((row.language, row.slug)),
            _ => sets.push((row.root, vec![(row.language, row.slug)])),
        }
    }
    let mut by_slug = std::collections::HashMap::new();
    for (_, members) in sets.into_iter().filter(|(_, m)| m.len() > 1) {
        for (_, slug) in &members {
            by_slug.insert(slug.clone(), members.clone());
        }
    }
    Ok(by_slug)
}
