//! Documents attached to activity revisions: the editor's list, and the changes members
//! make. Adding one goes through `activities::add_attachment`.

use diesel::prelude::*;

use crate::db::schema::{activities, activity_revisions, attachments, stored_files};

/// An attachment as the editor lists it.
#[derive(Debug, Clone, Queryable)]
pub struct AttachmentRow {
    pub id: i32,
    pub position: i32,
    pub title: String,
    pub language: String,
    pub file_name: String,
    /// Relative to `media/`.
    pub path: String,
    pub byte_size: i64,
}

/// A revision's attachments in order, with their files: one query.
pub fn of_revision(
    conn: &mut SqliteConnection,
    revision_id: i32,
) -> QueryResult<Vec<AttachmentRow>> {
    attachments::table
        .inner_join(stored_files::table)
        .filter(attachments::revision_id.eq(revision_id))
        .order(attachments::position)
        .select((
            attachments::id,
            attachments::position,
            attachments::title,
            attachments::language,
            attachments::file_name,
            stored_files::path,
            stored_files::byte_size,
        ))
        .load(conn)
}

/// The position after the revision's last attachment.
pub fn next_position(conn: &mut SqliteConnection, revision_id: i32) -> QueryResult<i32> {
    let last: Option<i32> = attachments::table
        .filter(attachments::revision_id.eq(revision_id))
        .select(diesel::dsl::max(attachments::position))
        .first(conn)?;
    Ok(last.map_or(0, |p| p + 1))
}

/// Where an attachment sits: what the access checks need.
#[derive(Debug, Clone, Queryable)]
pub struct AttachmentPlace {
    pub revision_id: i32,
    pub activity_id: i32,
    pub organization_id: i32,
    pub current_revision_id: Option<i32>,
    /// The state of the attachment's own revision.
    pub state: String,
}

pub fn place(
    conn: &mut SqliteConnection,
    attachment_id: i32,
) -> QueryResult<Option<AttachmentPlace>> {
    attachments::table
        .inner_join(activity_revisions::table.inner_join(activities::table))
        .filter(attachments::id.eq(attachment_id))
        .select((
            attachments::revision_id,
            activities::id,
            activities::organization_id,
            activities::current_revision_id,
            activity_revisions::state,
        ))
        .first(conn)
        .optional()
}

pub fn set_details(
    conn: &mut SqliteConnection,
    attachment_id: i32,
    title: &str,
    language: &str,
) -> QueryResult<()> {
    diesel::update(attachments::table.find(attachment_id))
        .set((
            attachments::title.eq(title),
            attachments::language.eq(language),
        ))
        .execute(conn)
        .map(drop)
}

/// Takes the attachment off its revision. The stored file stays while another revision
/// (the published one, say) uses it; the clean-up task removes it once none does.
pub fn delete(conn: &mut SqliteConnection, attachment_id: i32) -> QueryResult<()> {
    diesel::delete(attachments::table.find(attachment_id))
        .execute(conn)
        .map(drop)
}
