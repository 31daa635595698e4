//! Stored images, their variants, stored files, and who may see them.

use diesel::prelude::*;
use diesel::sql_types::{Bool, Integer, Nullable, Text};

use crate::db::schema::{image_variants, photos, stored_files, stored_images};
use crate::media::images::PreparedImage;

/// Records a prepared image and its variants, or finds the one already stored: with the
/// same source hash, or with the same pixels (a photo sent once as PNG and once as WebP
/// encodes to the very same variants, whose names are their hashes). Returns the image id.
/// The variant files must already be written.
pub fn insert_image(conn: &mut SqliteConnection, image: &PreparedImage) -> QueryResult<i32> {
    let existing = stored_images::table
        .filter(stored_images::sha256.eq(&image.source_sha256))
        .select(stored_images::id)
        .first::<i32>(conn)
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let paths: Vec<String> = image.variants.iter().map(|v| v.relative_path()).collect();
    let same_pixels = image_variants::table
        .filter(image_variants::path.eq_any(&paths))
        .select(image_variants::image_id)
        .first::<i32>(conn)
        .optional()?;
    if let Some(id) = same_pixels {
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
    for (v, path) in image.variants.iter().zip(&paths) {
        diesel::insert_into(image_variants::table)
            .values((
                image_variants::image_id.eq(id),
                image_variants::format.eq(v.format),
                image_variants::width.eq(v.width as i32),
                image_variants::height.eq(v.height as i32),
                image_variants::byte_size.eq(v.bytes.len() as i64),
                image_variants::path.eq(path),
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

/// A media file as served: its type, and for a document the name it is downloaded under.
#[derive(Debug, Clone, QueryableByName)]
pub struct ServedFile {
    #[diesel(sql_type = Text)]
    pub media_type: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub file_name: Option<String>,
}

/// The file at `path` when a visitor may see it: a variant of a photo on a published
/// activity or of an active organization's logo, or a document attached to a published
/// activity. Anything else, existing or not, is `None`.
pub fn public_file(conn: &mut SqliteConnection, path: &str) -> QueryResult<Option<ServedFile>> {
    diesel::sql_query(
        "SELECT CASE v.format WHEN 'jpeg' THEN 'image/jpeg' WHEN 'webp' THEN 'image/webp' \
                ELSE 'image/png' END AS media_type, NULL AS file_name
           FROM image_variants v
          WHERE v.path = ?1
            AND (EXISTS (SELECT 1 FROM photos p
                           JOIN activities a ON a.live_revision_id = p.revision_id
                          WHERE p.image_id = v.image_id)
                 OR EXISTS (SELECT 1 FROM organizations o
                             WHERE o.logo_image_id = v.image_id AND o.active))
         UNION ALL
         SELECT f.media_type, (SELECT t.file_name FROM attachments t
                                 JOIN activities a ON a.live_revision_id = t.revision_id
                                WHERE t.file_id = f.id ORDER BY t.id LIMIT 1)
           FROM stored_files f
          WHERE f.path = ?1
            AND EXISTS (SELECT 1 FROM attachments t
                          JOIN activities a ON a.live_revision_id = t.revision_id
                         WHERE t.file_id = f.id)
         LIMIT 1",
    )
    .bind::<Text, _>(path)
    .get_result(conn)
    .optional()
}

/// The file at `path` when it belongs to a photo or a document on any revision of an
/// activity of `organization_id` (every activity when `secretariat`): what the editor may
/// show of unpublished work. Anything else is `None`.
pub fn reachable_file(
    conn: &mut SqliteConnection,
    path: &str,
    organization_id: Option<i32>,
    secretariat: bool,
) -> QueryResult<Option<ServedFile>> {
    diesel::sql_query(
        "SELECT CASE v.format WHEN 'jpeg' THEN 'image/jpeg' WHEN 'webp' THEN 'image/webp' \
                ELSE 'image/png' END AS media_type, NULL AS file_name
           FROM image_variants v
          WHERE v.path = ?1
            AND EXISTS (SELECT 1 FROM photos p
                          JOIN activity_revisions r ON r.id = p.revision_id
                          JOIN activities a ON a.id = r.activity_id
                         WHERE p.image_id = v.image_id
                           AND (?3 OR a.organization_id = ?2))
         UNION ALL
         SELECT f.media_type, t.file_name
           FROM stored_files f
           JOIN attachments t ON t.file_id = f.id
           JOIN activity_revisions r ON r.id = t.revision_id
           JOIN activities a ON a.id = r.activity_id
          WHERE f.path = ?1 AND (?3 OR a.organization_id = ?2)
         LIMIT 1",
    )
    .bind::<Text, _>(path)
    .bind::<Nullable<Integer>, _>(organization_id)
    .bind::<Bool, _>(secretariat)
    .get_result(conn)
    .optional()
}

/// Every path under `media/` that a row names.
pub fn all_paths(conn: &mut SqliteConnection) -> QueryResult<Vec<String>> {
    let mut paths: Vec<String> = image_variants::table
        .select(image_variants::path)
        .load(conn)?;
    paths.extend(
        stored_files::table
            .select(stored_files::path)
            .load::<String>(conn)?,
    );
    Ok(paths)
}

/// Deletes every stored image that no photo and no logo uses, with its variants; returns
/// the paths of their files, to remove once this has committed.
pub fn delete_unused_images(conn: &mut SqliteConnection) -> QueryResult<Vec<String>> {
    let unused: Vec<i32> = diesel::sql_query(
        "SELECT s.id FROM stored_images s
          WHERE NOT EXISTS (SELECT 1 FROM photos p WHERE p.image_id = s.id)
            AND NOT EXISTS (SELECT 1 FROM organizations o WHERE o.logo_image_id = s.id)",
    )
    .load::<Id>(conn)?
    .into_iter()
    .map(|r| r.id)
    .collect();
    delete_images(conn, &unused)
}

/// Deletes every stored file that no attachment uses; returns their paths.
pub fn delete_unused_files(conn: &mut SqliteConnection) -> QueryResult<Vec<String>> {
    let unused: Vec<(i32, String)> = diesel::sql_query(
        "SELECT f.id, f.path FROM stored_files f
          WHERE NOT EXISTS (SELECT 1 FROM attachments t WHERE t.file_id = f.id)",
    )
    .load::<IdPath>(conn)?
    .into_iter()
    .map(|r| (r.id, r.path))
    .collect();
    let ids: Vec<i32> = unused.iter().map(|(id, _)| *id).collect();
    diesel::delete(stored_files::table.filter(stored_files::id.eq_any(&ids))).execute(conn)?;
    Ok(unused.into_iter().map(|(_, path)| path).collect())
}

fn delete_images(conn: &mut SqliteConnection, ids: &[i32]) -> QueryResult<Vec<String>> {
    let paths = image_variants::table
        .filter(image_variants::image_id.eq_any(ids))
        .select(image_variants::path)
        .load(conn)?;
    // Variants go with their image (ON DELETE CASCADE), logos are unset (SET NULL).
    diesel::delete(stored_images::table.filter(stored_images::id.eq_any(ids))).execute(conn)?;
    Ok(paths)
}

/// What purging an image removed.
#[derive(Debug, Clone, Default)]
pub struct Purged {
    /// The photos that showed it, and the activity of each.
    pub photos: Vec<(i32, i32)>,
    /// Whether it was an organization's logo.
    pub logos: i64,
    /// The variant files, to remove once this has committed.
    pub paths: Vec<String>,
}

/// Removes the image `image_id` from every revision that shows it and from every logo, then
/// the image and its variants. `None` when there is no such image.
pub fn purge_image(conn: &mut SqliteConnection, image_id: i32) -> QueryResult<Option<Purged>> {
    use crate::db::schema::{activity_revisions, organizations};
    let exists = stored_images::table
        .find(image_id)
        .select(stored_images::id)
        .first::<i32>(conn)
        .optional()?
        .is_some();
    if !exists {
        return Ok(None);
    }
    let photos = photos::table
        .inner_join(activity_revisions::table)
        .filter(photos::image_id.eq(image_id))
        .order(photos::id)
        .select((photos::id, activity_revisions::activity_id))
        .load(conn)?;
    let logos = organizations::table
        .filter(organizations::logo_image_id.eq(image_id))
        .count()
        .get_result(conn)?;
    diesel::delete(photos::table.filter(photos::image_id.eq(image_id))).execute(conn)?;
    let paths = delete_images(conn, &[image_id])?;
    Ok(Some(Purged {
        photos,
        logos,
        paths,
    }))
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = Integer)]
    id: i32,
}

#[derive(QueryableByName)]
struct IdPath {
    #[diesel(sql_type = Integer)]
    id: i32,
    #[diesel(sql_type = Text)]
    path: String,
}
