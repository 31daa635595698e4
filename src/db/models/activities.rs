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
