//! The secretariat's takedown of a photo: the stored image is removed from every revision
//! (published or not) and every logo that shows it, with its variants and their files, and
//! the audit log says who did it. Rows first, committed, then files.

use std::time::SystemTime;

use actix_web::web;

use super::store::MediaStore;
use crate::accounts::{Actor, audit};
use crate::db::Db;
use crate::db::models::media::{self, Purged};
use crate::error::AppError;

/// Purges the stored image `image_id` everywhere. A 404 when there is no such image. The
/// caller checks that the actor is the secretariat.
pub async fn purge_image(
    db: &Db,
    store: &MediaStore,
    actor: Actor,
    image_id: i32,
) -> Result<Purged, AppError> {
    let started = SystemTime::now();
    let purged = db
        .write(move |conn| {
            let purged = media::purge_image(conn, image_id)?.ok_or(AppError::NotFound)?;
            let detail = describe(&purged);
            audit(
                conn,
                &actor,
                "image-purged",
                ("image", Some(image_id)),
                &detail,
            )?;
            Ok(purged)
        })
        .await?;
    let store = store.clone();
    let paths = purged.paths.clone();
    web::block(move || {
        for path in paths {
            // A file stored again since the purge began belongs to a new upload of the same
            // picture, whose row may be about to commit: the clean-up task judges it later.
            let touched = store
                .path(&path)
                .and_then(|p| std::fs::metadata(p).ok())
                .and_then(|m| m.modified().ok())
                .is_some_and(|t| t >= started);
            if !touched && let Err(e) = store.remove(&path) {
                tracing::warn!(path, error = %e, "purged file not removed; the clean-up will");
            }
        }
    })
    .await?;
    Ok(purged)
}

/// The audit detail: where the image was shown.
fn describe(purged: &Purged) -> String {
    let mut activities: Vec<i32> = purged.photos.iter().map(|&(_, a)| a).collect();
    activities.sort_unstable();
    activities.dedup();
    let list = activities
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "{} photo(s) on activities [{list}], {} logo(s), {} file(s)",
        purged.photos.len(),
        purged.logos,
        purged.paths.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_detail_names_each_activity_once() {
        let purged = Purged {
            photos: vec![(1, 7), (2, 3), (3, 7)],
            logos: 0,
            paths: vec!["a".into(), "b".into()],
        };
        assert_eq!(
            describe(&purged),
            "3 photo(s) on activities [3, 7], 0 logo(s), 2 file(s)"
        );
    }
}
