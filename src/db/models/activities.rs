//! Activities and their revisions, as written and as published.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{
    activities, activity_revisions, attachments, photos, revision_categories, revision_links,
    revision_partners,
};

/// The content of a new revision.
#[derive(Debug, Insertable)]
#[diesel(table_name = activity_revisions)]
pub struct NewRevision<'a> {
    pub activity_id: i32,
    pub number: i32,
    pub state: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub body: &'a str,
    pub body_html: &'a str,
    pub event_start: Option<NaiveDate>,
    pub event_end: Option<NaiveDate>,
    pub location: &'a str,
    pub language: &'a str,
    pub photo_consent: bool,
    pub created_by: Option<i32>,
    pub submitted_at: Option<NaiveDateTime>,
}

/// Creates an activity (without revisions yet) and returns its id.
pub fn insert_activity(
    conn: &mut SqliteConnection,
    slug: &str,
    organization_id: i32,
    created_by: Option<i32>,
) -> QueryResult<i32> {
    diesel::insert_into(activities::table)
        .values((
            activities::slug.eq(slug),
            activities::organization_id.eq(organization_id),
            activities::created_by.eq(created_by),
        ))
        .returning(activities::id)
        .get_result(conn)
}

/// Adds a revision and makes it the activity's current one. Returns the revision id.
pub fn insert_revision(
    conn: &mut SqliteConnection,
    revision: &NewRevision<'_>,
) -> QueryResult<i32> {
    let id: i32 = diesel::insert_into(activity_revisions::table)
        .values(revision)
        .returning(activity_revisions::id)
        .get_result(conn)?;
    diesel::update(activities::table.find(revision.activity_id))
        .set(activities::current_revision_id.eq(id))
        .execute(conn)?;
    Ok(id)
}

/// Makes `revision_id` the public face of its activity, first published at `published_at`.
pub fn set_live(
    conn: &mut SqliteConnection,
    activity_id: i32,
    revision_id: i32,
    published_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(activities::table.find(activity_id))
        .set((
            activities::live_revision_id.eq(revision_id),
            activities::published_at.eq(published_at),
        ))
        .execute(conn)
        .map(drop)
}

/// Records when an activity was published without making it public (an unpublished one
/// keeps its first publication time for when it is republished).
pub fn set_published_at(
    conn: &mut SqliteConnection,
    activity_id: i32,
    published_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(activities::table.find(activity_id))
        .set(activities::published_at.eq(published_at))
        .execute(conn)
        .map(drop)
}

/// Puts a revision in these categories.
pub fn add_categories(
    conn: &mut SqliteConnection,
    revision_id: i32,
    category_ids: &[i32],
) -> QueryResult<()> {
    for &category_id in category_ids {
        diesel::insert_into(revision_categories::table)
            .values((
                revision_categories::revision_id.eq(revision_id),
                revision_categories::category_id.eq(category_id),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Names a revision's partner organizations.
pub fn add_partners(
    conn: &mut SqliteConnection,
    revision_id: i32,
    organization_ids: &[i32],
) -> QueryResult<()> {
    for &organization_id in organization_ids {
        diesel::insert_into(revision_partners::table)
            .values((
                revision_partners::revision_id.eq(revision_id),
                revision_partners::organization_id.eq(organization_id),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Adds an external link after the revision's others.
pub fn add_link(
    conn: &mut SqliteConnection,
    revision_id: i32,
    position: i32,
    url: &str,
    title: &str,
) -> QueryResult<()> {
    diesel::insert_into(revision_links::table)
        .values((
            revision_links::revision_id.eq(revision_id),
            revision_links::position.eq(position),
            revision_links::url.eq(url),
            revision_links::title.eq(title),
        ))
        .execute(conn)
        .map(drop)
}

/// A photo to place on a revision.
pub struct NewPhoto<'a> {
    pub revision_id: i32,
    pub image_id: i32,
    pub position: i32,
    pub alt: &'a str,
    pub caption: &'a str,
    pub original_name: &'a str,
}

pub fn add_photo(conn: &mut SqliteConnection, photo: &NewPhoto<'_>) -> QueryResult<i32> {
    diesel::insert_into(photos::table)
        .values((
            photos::revision_id.eq(photo.revision_id),
            photos::image_id.eq(photo.image_id),
            photos::position.eq(photo.position),
            photos::alt.eq(photo.alt),
            photos::caption.eq(photo.caption),
            photos::original_name.eq(photo.original_name),
        ))
        .returning(photos::id)
        .get_result(conn)
}

/// A document to attach to a revision.
pub struct NewAttachment<'a> {
    pub revision_id: i32,
    pub file_id: i32,
    pub position: i32,
    pub title: &'a str,
    pub language: &'a str,
    pub file_name: &'a str,
}

pub fn add_attachment(conn: &mut SqliteConnection, a: &NewAttachment<'_>) -> QueryResult<i32> {
    diesel::insert_into(attachments::table)
        .values((
            attachments::revision_id.eq(a.revision_id),
            attachments::file_id.eq(a.file_id),
            attachments::position.eq(a.position),
            attachments::title.eq(a.title),
            attachments::language.eq(a.language),
            attachments::file_name.eq(a.file_name),
        ))
        .returning(attachments::id)
        .get_result(conn)
}

/// What the lifecycle and the editor need to know about an activity.
#[derive(Debug, Clone, Queryable)]
pub struct ActivityHead {
    pub id: i32,
    pub slug: String,
    pub organization_id: i32,
    pub current_revision_id: Option<i32>,
    pub live_revision_id: Option<i32>,
    pub published_at: Option<NaiveDateTime>,
}

pub fn head(conn: &mut SqliteConnection, id: i32) -> QueryResult<Option<ActivityHead>> {
    activities::table
        .find(id)
        .select((
            activities::id,
            activities::slug,
            activities::organization_id,
            activities::current_revision_id,
            activities::live_revision_id,
            activities::published_at,
        ))
        .first(conn)
        .optional()
}

/// A revision's own fields.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = activity_revisions)]
pub struct Revision {
    pub id: i32,
    pub activity_id: i32,
    pub number: i32,
    pub state: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub body_html: String,
    pub event_start: Option<NaiveDate>,
    pub event_end: Option<NaiveDate>,
    pub location: String,
    pub language: String,
    pub publish_at: Option<NaiveDateTime>,
    pub photo_consent: bool,
    pub submitted_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
}

pub fn revision(conn: &mut SqliteConnection, id: i32) -> QueryResult<Revision> {
    activity_revisions::table
        .find(id)
        .select(Revision::as_select())
        .first(conn)
}

pub fn slug_taken(conn: &mut SqliteConnection, slug: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        activities::table.filter(activities::slug.eq(slug)),
    ))
    .get_result(conn)
}

/// The content fields a member edits.
pub struct RevisionContent<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub body: &'a str,
    pub body_html: &'a str,
    pub event_start: Option<NaiveDate>,
    pub event_end: Option<NaiveDate>,
    pub location: &'a str,
    pub language: &'a str,
}

pub fn update_content(
    conn: &mut SqliteConnection,
    revision_id: i32,
    c: &RevisionContent<'_>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(activity_revisions::table.find(revision_id))
        .set((
            activity_revisions::title.eq(c.title),
            activity_revisions::summary.eq(c.summary),
            activity_revisions::body.eq(c.body),
            activity_revisions::body_html.eq(c.body_html),
            activity_revisions::event_start.eq(c.event_start),
            activity_revisions::event_end.eq(c.event_end),
            activity_revisions::location.eq(c.location),
            activity_revisions::language.eq(c.language),
            activity_revisions::updated_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// Replaces a revision's categories, partners and links.
pub fn replace_relations(
    conn: &mut SqliteConnection,
    revision_id: i32,
    category_ids: &[i32],
    partner_ids: &[i32],
    links: &[(String, String)],
) -> QueryResult<()> {
    diesel::delete(
        revision_categories::table.filter(revision_categories::revision_id.eq(revision_id)),
    )
    .execute(conn)?;
    diesel::delete(revision_partners::table.filter(revision_partners::revision_id.eq(revision_id)))
        .execute(conn)?;
    diesel::delete(revision_links::table.filter(revision_links::revision_id.eq(revision_id)))
        .execute(conn)?;
    add_categories(conn, revision_id, category_ids)?;
    add_partners(conn, revision_id, partner_ids)?;
    for (i, (url, title)) in links.iter().enumerate() {
        add_link(conn, revision_id, i as i32, url, title)?;
    }
    Ok(())
}

/// Copies a revision's photos and attachments onto a newer revision (the files are shared).
pub fn copy_media(conn: &mut SqliteConnection, from: i32, to: i32) -> QueryResult<()> {
    diesel::sql_query(
        "INSERT INTO photos (revision_id, image_id, position, alt, caption, decorative, original_name)
         SELECT ?2, image_id, position, alt, caption, decorative, original_name FROM photos WHERE revision_id = ?1",
    )
    .bind::<diesel::sql_types::Integer, _>(from)
    .bind::<diesel::sql_types::Integer, _>(to)
    .execute(conn)?;
    diesel::sql_query(
        "INSERT INTO attachments (revision_id, file_id, position, title, language, file_name)
         SELECT ?2, file_id, position, title, language, file_name FROM attachments WHERE revision_id = ?1",
    )
    .bind::<diesel::sql_types::Integer, _>(from)
    .bind::<diesel::sql_types::Integer, _>(to)
    .execute(conn)?;
    Ok(())
}

pub fn set_state(
    conn: &mut SqliteConnection,
    revision_id: i32,
    state: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(activity_revisions::table.find(revision_id))
        .set((
            activity_revisions::state.eq(state),
            activity_revisions::updated_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

pub fn mark_submitted(
    conn: &mut SqliteConnection,
    revision_id: i32,
    consent: bool,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(activity_revisions::table.find(revision_id))
        .set((
            activity_revisions::state.eq("submitted"),
            activity_revisions::submitted_at.eq(now),
            activity_revisions::photo_consent.eq(consent),
            activity_revisions::updated_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

pub fn schedule(
    conn: &mut SqliteConnection,
    revision_id: i32,
    at: NaiveDateTime,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(activity_revisions::table.find(revision_id))
        .set((
            activity_revisions::state.eq("scheduled"),
            activity_revisions::publish_at.eq(at),
            activity_revisions::updated_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// Takes an activity off the public site.
pub fn clear_live(conn: &mut SqliteConnection, activity_id: i32) -> QueryResult<()> {
    diesel::update(activities::table.find(activity_id))
        .set(activities::live_revision_id.eq(None::<i32>))
        .execute(conn)
        .map(drop)
}

/// Puts the current revision back in front after a newer draft is thrown away, or for a
/// republished activity.
pub fn set_current(
    conn: &mut SqliteConnection,
    activity_id: i32,
    revision_id: i32,
) -> QueryResult<()> {
    diesel::update(activities::table.find(activity_id))
        .set(activities::current_revision_id.eq(revision_id))
        .execute(conn)
        .map(drop)
}

pub fn delete_activity(conn: &mut SqliteConnection, activity_id: i32) -> QueryResult<()> {
    diesel::delete(activities::table.find(activity_id))
        .execute(conn)
        .map(drop)
}

/// Photos of a revision that have neither alt text nor the decorative mark.
pub fn photos_without_alt(
    conn: &mut SqliteConnection,
    revision_id: i32,
) -> QueryResult<(i64, i64)> {
    let total: i64 = photos::table
        .filter(photos::revision_id.eq(revision_id))
        .count()
        .get_result(conn)?;
    let missing: i64 = photos::table
        .filter(photos::revision_id.eq(revision_id))
        .filter(photos::alt.eq(""))
        .filter(photos::decorative.eq(false))
        .count()
        .get_result(conn)?;
    Ok((total, missing))
}

/// Revisions whose scheduled time has come, oldest first.
pub fn due_revisions(
    conn: &mut SqliteConnection,
    now: NaiveDateTime,
) -> QueryResult<Vec<(i32, i32)>> {
    activity_revisions::table
        .filter(activity_revisions::state.eq("scheduled"))
        .filter(activity_revisions::publish_at.le(now))
        .order(activity_revisions::publish_at)
        .select((activity_revisions::activity_id, activity_revisions::number))
        .load(conn)
}

/// The slugs' ids, in order; `None` when one is unknown.
pub fn category_ids(
    conn: &mut SqliteConnection,
    slugs: &[String],
) -> QueryResult<Option<Vec<i32>>> {
    use crate::db::schema::categories;
    let found: Vec<(String, i32)> = categories::table
        .filter(categories::slug.eq_any(slugs))
        .select((categories::slug, categories::id))
        .load(conn)?;
    Ok(in_order(slugs, &found))
}

pub fn organization_ids(
    conn: &mut SqliteConnection,
    slugs: &[String],
) -> QueryResult<Option<Vec<i32>>> {
    use crate::db::schema::organizations;
    let found: Vec<(String, i32)> = organizations::table
        .filter(organizations::slug.eq_any(slugs))
        .select((organizations::slug, organizations::id))
        .load(conn)?;
    Ok(in_order(slugs, &found))
}

/// The newest revision of an activity in `state`.
pub fn latest_in_state(
    conn: &mut SqliteConnection,
    activity_id: i32,
    state: &str,
) -> QueryResult<Option<i32>> {
    activity_revisions::table
        .filter(activity_revisions::activity_id.eq(activity_id))
        .filter(activity_revisions::state.eq(state))
        .order(activity_revisions::number.desc())
        .select(activity_revisions::id)
        .first(conn)
        .optional()
}

pub fn category_slugs(conn: &mut SqliteConnection, revision_id: i32) -> QueryResult<Vec<String>> {
    use crate::db::schema::categories;
    revision_categories::table
        .inner_join(categories::table)
        .filter(revision_categories::revision_id.eq(revision_id))
        .select(categories::slug)
        .load(conn)
}

/// Category slugs, partner slugs and (url, title) links of a revision.
pub type RevisionRelations = (Vec<String>, Vec<String>, Vec<(String, String)>);

/// A revision's category slugs, partner slugs and links, for the edit form.
pub fn relations_of(
    conn: &mut SqliteConnection,
    revision_id: i32,
) -> QueryResult<RevisionRelations> {
    use crate::db::schema::organizations;
    let categories = category_slugs(conn, revision_id)?;
    let partners = revision_partners::table
        .inner_join(organizations::table)
        .filter(revision_partners::revision_id.eq(revision_id))
        .select(organizations::slug)
        .load(conn)?;
    let links = revision_links::table
        .filter(revision_links::revision_id.eq(revision_id))
        .order(revision_links::position)
        .select((revision_links::url, revision_links::title))
        .load(conn)?;
    Ok((categories, partners, links))
}

pub fn set_slug(conn: &mut SqliteConnection, activity_id: i32, slug: &str) -> QueryResult<()> {
    diesel::update(activities::table.find(activity_id))
        .set(activities::slug.eq(slug))
        .execute(conn)
        .map(drop)
}

/// The ids of `slugs` in their order from (slug, id) rows; `None` when one is missing.
fn in_order(slugs: &[String], found: &[(String, i32)]) -> Option<Vec<i32>> {
    slugs
        .iter()
        .map(|s| found.iter().find(|(f, _)| f == s).map(|(_, id)| *id))
        .collect()
}
