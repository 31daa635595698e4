//! Reading a logo from a multipart upload, and the logo as the management pages show it.

use actix_multipart::Multipart;
use actix_web::web::Bytes;
use futures_util::StreamExt;

use crate::db::Db;
use crate::db::models::organizations::{self, Organization};
use crate::error::AppError;
use crate::management::logo::{LogoRefusal, MAX_BYTES};
use crate::media::upload::{Read, ReadError, read_capped};

/// The field of the upload form that holds the file.
const FIELD: &str = "logo";

/// Reads the `logo` part into memory, up to [`MAX_BYTES`]; other parts (the CSRF token,
/// which the middleware has checked already) are skipped. A larger file is refused as soon
/// as it passes the cap, without reading the rest. A body that is not a readable multipart
/// form is a refusal too (422), never the extractor's bare 400.
pub async fn read_logo(mut multipart: Multipart) -> Result<Bytes, LogoRefusal> {
    while let Some(part) = multipart.next().await {
        let Ok(mut part) = part else {
            return Err(LogoRefusal::Missing);
        };
        if part.name() != Some(FIELD) {
            continue;
        }
        // The logo is the only file: its cap is the request's budget too, so a larger file
        // is refused as soon as it passes the cap.
        return match read_capped(&mut part, MAX_BYTES, MAX_BYTES).await {
            Ok(Read::Complete(bytes)) => Ok(bytes),
            Ok(Read::TooLarge(_)) | Err(ReadError::OverBudget) => Err(LogoRefusal::TooLarge),
            Err(ReadError::Broken) => Err(LogoRefusal::Unreadable),
        };
    }
    Err(LogoRefusal::Missing)
}

/// A logo's smallest variant, for the management pages.
pub struct LogoView {
    pub src: String,
    pub width: i32,
    pub height: i32,
}

/// The organization `id` with its logo, or 404.
pub async fn organization_with_logo(
    db: &Db,
    id: i32,
) -> Result<(Organization, Option<LogoView>), AppError> {
    db.read(move |conn| {
        let org = organizations::find(conn, id)?.ok_or(AppError::NotFound)?;
        let logo = match org.logo_image_id {
            Some(image_id) => organizations::smallest_variant(conn, image_id)?,
            None => None,
        };
        let logo = logo.map(|(path, width, height)| LogoView {
            src: format!("/media/{path}"),
            width,
            height,
        });
        Ok((org, logo))
    })
    .await
}
