//! Documents attached to an activity report (PDF and office files): storing uploads, and
//! the title, language and removal a member edits. Like photos, only the current revision
//! changes, only while it is editable, and every check is repeated in the write
//! transaction.

use std::path::PathBuf;

use actix_web::web;
use diesel::SqliteConnection;

use super::Who;
use super::form::is_language_tag;
use super::photos::editable_revision;
use crate::db::Db;
use crate::db::models::activities::{self as acts, NewAttachment};
use crate::db::models::attachments::{self, AttachmentRow};
use crate::db::models::media::{self, NewStoredFile};
use crate::domain::lifecycle::State;
use crate::error::AppError;
use crate::media::documents::{self, DocumentKind, DocumentRefusal};
use crate::media::store::MediaStore;

/// The largest document accepted.
pub const MAX_ATTACHMENT_BYTES: usize = 40 * 1024 * 1024;
/// The longest title accepted.
pub const MAX_TITLE_CHARS: usize = 300;

/// A report's documents as the attachments page shows them.
pub struct AttachmentList {
    pub activity_title: String,
    /// The report's language: what a new document is assumed to be written in.
    pub language: String,
    pub editable: bool,
    pub attachments: Vec<AttachmentRow>,
}

/// The documents of the activity's current revision, when `who` may reach it (else 404).
pub async fn list(db: &Db, who: Who, activity_id: i32) -> Result<AttachmentList, AppError> {
    db.read(move |conn| {
        let head = acts::head(conn, activity_id)?
            .filter(|h| who.can_reach(h.organization_id))
            .ok_or(AppError::NotFound)?;
        let current = acts::revision(conn, head.current_revision_id.ok_or(AppError::NotFound)?)?;
        Ok(AttachmentList {
            editable: current.state.parse::<State>().is_ok_and(State::is_editable),
            attachments: attachments::of_revision(conn, current.id)?,
            activity_title: current.title,
            language: current.language,
        })
    })
    .await
}

/// Checks, before any file is read, that documents may be added to the activity; returns
/// the language of its current revision.
pub async fn check_upload(db: &Db, who: Who, activity_id: i32) -> Result<String, AppError> {
    db.read(move |conn| {
        let revision = editable_revision(conn, &who, activity_id)?;
        Ok(acts::revision(conn, revision)?.language)
    })
    .await
}

/// An uploaded file, complete and synced in `tmp/`.
pub struct Uploaded {
    pub temp: PathBuf,
    pub sha256: String,
    pub len: u64,
    /// The name the browser gave.
    pub name: String,
}

/// Stores one uploaded document at the end of the activity's current revision: judged by
/// its content, moved into `media/` under its hash, then recorded in one transaction. A
/// refused file is removed from `tmp/` and stores nothing.
pub async fn add_attachment(
    db: &Db,
    store: &MediaStore,
    who: Who,
    activity_id: i32,
    upload: Uploaded,
    language: String,
) -> Result<Result<(), DocumentRefusal>, AppError> {
    let temp = upload.temp.clone();
    let kind = web::block(move || {
        let judged = std::fs::File::open(&temp).and_then(documents::identify);
        if !matches!(judged, Ok(Ok(_))) {
            let _ = std::fs::remove_file(&temp);
        }
        judged
    })
    .await?
    .map_err(AppError::internal)?;
    let kind = match kind {
        Ok(kind) => kind,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let relative = stored_path(&upload.sha256, kind);
    let (store, temp, target) = (store.clone(), upload.temp, relative.clone());
    web::block(move || store.adopt(&temp, &target)).await??;
    db.write(move |conn| {
        let revision_id = editable_revision(conn, &who, activity_id)?;
        let file_id = media::insert_file(
            conn,
            &NewStoredFile {
                sha256: &upload.sha256,
                media_type: kind.media_type(),
                byte_size: upload.len as i64,
                path: &relative,
            },
        )?;
        let title = documents::title_from_name(&upload.name);
        let title: String = title.chars().take(MAX_TITLE_CHARS).collect();
        let position = attachments::next_position(conn, revision_id)?;
        acts::add_attachment(
            conn,
            &NewAttachment {
                revision_id,
                file_id,
                position,
                title: if title.is_empty() { "Document" } else { &title },
                language: &language,
                file_name: &documents::download_name(&upload.name, kind),
            },
        )?;
        Ok(Ok(()))
    })
    .await
}

/// Where a document lives under `media/`: named by its content hash.
fn stored_path(sha256: &str, kind: DocumentKind) -> String {
    format!("doc/{}/{sha256}.{}", &sha256[..2], kind.extension())
}

/// The attachment's activity, when `who` may reach it (else 404) and it is on the current,
/// editable revision (else 409).
fn editable_attachment(
    conn: &mut SqliteConnection,
    who: &Who,
    attachment_id: i32,
) -> Result<i32, AppError> {
    let place = attachments::place(conn, attachment_id)?
        .filter(|p| who.can_reach(p.organization_id))
        .ok_or(AppError::NotFound)?;
    let editable = place.current_revision_id == Some(place.revision_id)
        && place.state.parse::<State>().is_ok_and(State::is_editable);
    if !editable {
        return Err(AppError::Conflict("attachment-not-editable"));
    }
    Ok(place.activity_id)
}

/// Checks, before the form is judged, that `who` may edit the attachment now (404, else
/// 409); returns its activity.
pub async fn check_attachment(db: &Db, who: Who, attachment_id: i32) -> Result<i32, AppError> {
    db.read(move |conn| editable_attachment(conn, &who, attachment_id))
        .await
}

/// What the attachment form sends.
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct AttachmentDetails {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub language: String,
}

impl AttachmentDetails {
    /// The field and message id of the first problem, if any.
    pub fn problem(&self) -> Option<(&'static str, &'static str)> {
        let title = self.title.trim();
        if title.is_empty() {
            Some(("title", "attachment-title-missing"))
        } else if title.chars().count() > MAX_TITLE_CHARS {
            Some(("title", "attachment-title-too-long"))
        } else if !is_language_tag(&self.language.trim().to_lowercase()) {
            Some(("language", "attachment-language-invalid"))
        } else {
            None
        }
    }
}

/// Saves an attachment's title and language; returns its activity.
pub async fn set_details(
    db: &Db,
    who: Who,
    attachment_id: i32,
    details: AttachmentDetails,
) -> Result<i32, AppError> {
    db.write(move |conn| {
        let activity_id = editable_attachment(conn, &who, attachment_id)?;
        attachments::set_details(
            conn,
            attachment_id,
            details.title.trim(),
            &details.language.trim().to_lowercase(),
        )?;
        Ok(activity_id)
    })
    .await
}

/// Takes a document off the report; returns its activity.
pub async fn delete_attachment(db: &Db, who: Who, attachment_id: i32) -> Result<i32, AppError> {
    db.write(move |conn| {
        let activity_id = editable_attachment(conn, &who, attachment_id)?;
        attachments::delete(conn, attachment_id)?;
        Ok(activity_id)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_need_a_title_and_a_language_tag() {
        let ok = AttachmentDetails {
            title: " Annual report ".into(),
            language: "TH".into(),
        };
        assert_eq!(ok.problem(), None);
        let untitled = AttachmentDetails {
            title: "  ".into(),
            ..ok.clone()
        };
        assert_eq!(
            untitled.problem(),
            Some(("title", "attachment-title-missing"))
        );
        let long = AttachmentDetails {
            title: "x".repeat(301),
            ..ok.clone()
        };
        assert_eq!(long.problem(), Some(("title", "attachment-title-too-long")));
        let bad = AttachmentDetails {
            language: "<b>".into(),
            ..ok
        };
        assert_eq!(
            bad.problem(),
            Some(("language", "attachment-language-invalid"))
        );
    }

    #[test]
    fn documents_are_stored_by_hash_with_their_real_extension() {
        let sha = "ab".repeat(32);
        assert_eq!(
            stored_path(&sha, DocumentKind::Xlsx),
            format!("doc/ab/{sha}.xlsx")
        );
    }
}
