//! Photos of an activity report: storing uploads, and the alt text, caption, order and
//! removal a member edits. Only the current revision changes, and only while it is a draft
//! or has changes requested; every check is repeated inside the write transaction.

use actix_web::web;
use diesel::SqliteConnection;

use super::Who;
use crate::db::Db;
use crate::db::models::activities::{self as acts, NewPhoto};
use crate::db::models::{media, photos};
use crate::domain::lifecycle::State;
use crate::error::AppError;
use crate::media::images::{self, PreparedImage};
use crate::media::sha256_hex;
use crate::media::store::MediaStore;
use crate::media::upload::{self, Refusal};
use crate::media::work;

/// The largest photo accepted.
pub const MAX_PHOTO_BYTES: usize = 25 * 1024 * 1024;
/// The most files one upload request may carry.
pub const MAX_FILES: usize = 30;
/// The most bytes one upload request may carry, all parts together.
pub const MAX_REQUEST_BYTES: usize = 250 * 1024 * 1024;

/// The longest alt text accepted.
pub const MAX_ALT_CHARS: usize = 500;
/// The longest caption accepted.
pub const MAX_CAPTION_CHARS: usize = 2000;

/// The revision photos (and documents) may be added to: the activity's current one, when
/// `who` may reach the activity (else 404) and the revision is editable (else 409).
pub(crate) fn editable_revision(
    conn: &mut SqliteConnection,
    who: &Who,
    activity_id: i32,
) -> Result<i32, AppError> {
    let head = acts::head(conn, activity_id)?
        .filter(|h| who.can_reach(h.organization_id))
        .ok_or(AppError::NotFound)?;
    let current_id = head.current_revision_id.ok_or(AppError::NotFound)?;
    let state: State = acts::revision(conn, current_id)?
        .state
        .parse()
        .map_err(|e: String| AppError::internal(anyhow::anyhow!(e)))?;
    if !state.is_editable() {
        return Err(AppError::Conflict("photo-not-editable"));
    }
    Ok(current_id)
}

/// Checks, before any file is read, that photos may be added to the activity.
pub async fn check_upload(db: &Db, who: Who, activity_id: i32) -> Result<(), AppError> {
    db.read(move |conn| editable_revision(conn, &who, activity_id).map(drop))
        .await
}

/// Decodes, re-encodes and writes the variants: slow work, for the blocking pool.
fn prepare_and_write(
    store: &MediaStore,
    bytes: &[u8],
) -> Result<Result<PreparedImage, Refusal>, AppError> {
    let image = match upload::decode(bytes, MAX_PHOTO_BYTES) {
        Ok(image) => image,
        Err(refusal) => return Ok(Err(refusal)),
    };
    // Re-encoding from pixels is what removes EXIF (with GPS), XMP and IPTC.
    let prepared = images::prepare_owned(image, sha256_hex(bytes))?;
    for variant in &prepared.variants {
        store.write(&variant.relative_path(), &variant.bytes)?;
    }
    Ok(Ok(prepared))
}

/// Stores one uploaded file as a photo at the end of the activity's current revision. The
/// variant files are written first, then the image (once per content) and the photo are
/// recorded in one transaction. A refused file stores nothing.
pub async fn add_photo(
    db: &Db,
    store: &MediaStore,
    who: Who,
    activity_id: i32,
    original_name: String,
    bytes: web::Bytes,
) -> Result<Result<(), Refusal>, AppError> {
    // What can be refused without decoding is refused now, without waiting for a turn.
    let header = bytes.clone();
    if let Err(refusal) = web::block(move || upload::inspect(&header, MAX_PHOTO_BYTES)).await? {
        return Ok(Err(refusal));
    }
    let store = store.clone();
    // A few at a time (as many as there are cores), so that parallel uploads queue rather
    // than each holding a decoded photo in memory at once.
    let prepared = match work::run(move || prepare_and_write(&store, &bytes)).await?? {
        Ok(prepared) => prepared,
        Err(refusal) => return Ok(Err(refusal)),
    };
    db.write(move |conn| {
        let revision_id = editable_revision(conn, &who, activity_id)?;
        let image_id = media::insert_image(conn, &prepared)?;
        let position = photos::next_position(conn, revision_id)?;
        acts::add_photo(
            conn,
            &NewPhoto {
                revision_id,
                image_id,
                position,
                alt: "",
                caption: "",
                original_name: &original_name,
            },
        )?;
        Ok(Ok(()))
    })
    .await
}

/// The photo's activity, when `who` may reach it (else 404) and the photo is on its
/// current, editable revision (else 409).
fn editable_photo(conn: &mut SqliteConnection, who: &Who, photo_id: i32) -> Result<i32, AppError> {
    let place = photos::place(conn, photo_id)?
        .filter(|p| who.can_reach(p.organization_id))
        .ok_or(AppError::NotFound)?;
    let editable = place.current_revision_id == Some(place.revision_id)
        && place.state.parse::<State>().is_ok_and(State::is_editable);
    if !editable {
        return Err(AppError::Conflict("photo-not-editable"));
    }
    Ok(place.activity_id)
}

/// Checks, before the form is judged, that `who` may edit the photo now (404, else 409);
/// returns its activity.
pub async fn check_photo(db: &Db, who: Who, photo_id: i32) -> Result<i32, AppError> {
    db.read(move |conn| editable_photo(conn, &who, photo_id))
        .await
}

/// What the photo form sends.
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct PhotoText {
    #[serde(default)]
    pub alt: String,
    #[serde(default)]
    pub caption: String,
    #[serde(default)]
    pub decorative: String,
}

impl PhotoText {
    /// The message id of the first problem, if any.
    pub fn problem(&self) -> Option<&'static str> {
        if self.alt.trim().chars().count() > MAX_ALT_CHARS {
            Some("photo-alt-too-long")
        } else if self.caption.trim().chars().count() > MAX_CAPTION_CHARS {
            Some("photo-caption-too-long")
        } else if !matches!(self.decorative.as_str(), "" | "yes") {
            Some("photo-decorative-invalid")
        } else {
            None
        }
    }
}

/// Saves a photo's alt text, caption and decorative mark; returns its activity.
pub async fn set_text(db: &Db, who: Who, photo_id: i32, text: PhotoText) -> Result<i32, AppError> {
    db.write(move |conn| {
        let activity_id = editable_photo(conn, &who, photo_id)?;
        photos::set_text(
            conn,
            photo_id,
            text.alt.trim(),
            text.caption.trim(),
            text.decorative == "yes",
        )?;
        Ok(activity_id)
    })
    .await
}

/// Moves a photo one place up or down; returns its activity.
pub async fn move_photo(db: &Db, who: Who, photo_id: i32, up: bool) -> Result<i32, AppError> {
    db.write(move |conn| {
        let activity_id = editable_photo(conn, &who, photo_id)?;
        photos::swap(conn, photo_id, up)?;
        Ok(activity_id)
    })
    .await
}

/// Takes a photo off the report; returns its activity.
pub async fn delete_photo(db: &Db, who: Who, photo_id: i32) -> Result<i32, AppError> {
    db.write(move |conn| {
        let activity_id = editable_photo(conn, &who, photo_id)?;
        photos::delete(conn, photo_id)?;
        Ok(activity_id)
    })
    .await
}
