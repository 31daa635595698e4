//! Stored images, their variants, stored files, and who may see them.

use diesel::prelude::*;
use diesel::sql_types::Text;

use crate::db::schema::{image_variants, stored_files, stored_images};
use crate::media::images::PreparedImage;

/// Records a prepared image and its variants, or finds the one already stored with the same
/// source hash. Returns the image id. The variant files must already be written.
pub fn insert_image(conn: &mut SqliteConnection, image: &PreparedImage) -> QueryResult<i32> {
    let existing = stored_images::table
        .filter(stored_images::sha256.eq(&image.source_sha256))
        .select(stored_images::id)
        .first::<i32>(conn)
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let id: i32 = diesel::insert_into(stored_images::table)
        .values((
            stored_images::sha256.eq(&image.source_sha256),
            stored_images::width.eq(image.width as i32),
            stored_images::height.eq(image.height as i32),
        ))
        .returning(stored_images::id)
        .get_result(conn)?;
    for v in &image.variants {
        diesel::insert_into(image_variants::table)
            .values((
                image_variants::image_id.eq(id),
                image_variants::format.eq(v.format),
                image_variants::width.eq(v.width as i32),
                image_variants::height.eq(v.height as i32),
                image_variants::byte_size.eq(v.bytes.len() as i64),
                image_variants::path.eq(v.relative_path()),
            ))
            .execute(conn)?;
    }
    Ok(id)
}

/// A document to record: its hash, type, size and place under `media/`.
pub struct NewStoredFile<'a> {
    pub sha256: &'a str,
    pub media_type: &'a str,
    pub byte_size: i64,
    pub path: &'a str,
}

/// Records a stored document, or finds the one with the same hash. Returns its id.
pub fn insert_file(conn: &mut SqliteConnection, file: &NewStoredFile<'_>) -> QueryResult<i32> {
    let existing = stored_files::table
        .filter(stored_files::sha256.eq(file.sha256))
        .select(stored_files::id)
        .first::<i32>(conn)
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    diesel::insert_into(stored_files::table)
        .values((
            stored_files::sha256.eq(file.sha256),
            stored_files::media_type.eq(file.media_type),
            stored_files::byte_size.eq(file.byte_size),
            stored_files::path.eq(file.path),
        ))
        .returning(stored_files::id)
        .get_result(conn)
}

#[derive(QueryableByName)]
struct MediaType {
    #[diesel(sql_type = Text)]
    media_type: String,
}

/// The media type of the file at `path` when a visitor may see it: a variant of a photo on a
/// published activity or of an active organization's logo, or a document attached to a
/// published activity. Anything else, existing or not, is `None`.
pub fn public_media_type(conn: &mut SqliteConnection, path: &str) -> QueryResult<Option<String>> {
    let found: Option<MediaType> = diesel::sql_query(
        "SELECT CASE v.format WHEN 'jpeg' THEN 'image/jpeg' WHEN 'webp' THEN 'image/webp' \
                ELSE 'image/png' END AS media_type
           FROM image_variants v
          WHERE v.path = ?1
            AND (EXISTS (SELECT 1 FROM photos p
                           JOIN activities a ON a.live_revision_id = p.revision_id
                          WHERE p.image_id = v.image_id)
                 OR EXISTS (SELECT 1 FROM organizations o
                             WHERE o.logo_image_id = v.image_id AND o.active))
         UNION ALL
         SELECT f.media_type
           FROM stored_files f
          WHERE f.path = ?1
            AND EXISTS (SELECT 1 FROM attachments t
                          JOIN activities a ON a.live_revision_id = t.revision_id
                         WHERE t.file_id = f.id)
         LIMIT 1",
    )
    .bind::<Text, _>(path)
    .get_result(conn)
    .optional()?;
    Ok(found.map(|m| m.media_type))
}
