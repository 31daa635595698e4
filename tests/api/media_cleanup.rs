//! The media clean-up task on a real portal: rows that nothing uses are deleted, then files
//! that no row names once they are older than the grace period; what is used, and what is
//! recent (an upload in flight), is kept; nothing runs at start-up.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use diesel::prelude::*;
use image::{DynamicImage, ImageFormat, Rgb, RgbImage};
use mmn_portal::db::schema::{image_variants, photos, stored_files, stored_images};
use mmn_portal::media::cleanup::MediaCleanup;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

use crate::helpers::TestApp;
use crate::sessions::log_in_as_member;

fn jpeg(seed: u8) -> Vec<u8> {
    let picture = RgbImage::from_fn(300, 200, |x, y| Rgb([x as u8, y as u8, seed]));
    let mut bytes = Vec::new();
    DynamicImage::ImageRgb8(picture)
        .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Jpeg)
        .unwrap();
    bytes
}

/// Sets a file's modification time `age` in the past, as if written then.
fn age(path: &Path, age: Duration) {
    std::fs::File::options()
        .append(true)
        .open(path)
        .unwrap()
        .set_modified(SystemTime::now() - age)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// Writes `bytes` at `relative` under the data dir.
fn stray(app: &TestApp, relative: &str, bytes: &[u8]) -> PathBuf {
    let path = app.data_dir.path().join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

fn variant_paths(app: &TestApp, image_id: i32) -> Vec<PathBuf> {
    image_variants::table
        .filter(image_variants::image_id.eq(image_id))
        .select(image_variants::path)
        .load::<String>(&mut *app.db.read_conn().unwrap())
        .unwrap()
        .into_iter()
        .map(|p| app.data_dir.path().join("media").join(p))
        .collect()
}

async fn post_multipart(
    app: &TestApp,
    path: &str,
    field: &str,
    token: &str,
    name: &str,
    bytes: Vec<u8>,
) {
    let form = Form::new().text("csrf_token", token.to_owned()).part(
        field.to_owned(),
        Part::bytes(bytes).file_name(name.to_owned()),
    );
    let response = app
        .client
        .post(app.url(path))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{path}");
}

async fn post(app: &TestApp, path: &str, token: &str) {
    let response = app
        .client
        .post(app.url(path))
        .form(&[("csrf_token", token)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{path}");
}

#[tokio::test]
async fn unused_rows_and_old_stray_files_are_removed_and_used_or_recent_ones_kept() {
    let app = TestApp::spawn_with(|c| {
        c.media_cleanup = MediaCleanup {
            every: Duration::from_millis(200),
            grace: Duration::from_secs(60 * 60),
        }
    })
    .await;
    let token = log_in_as_member(&app, "fed").await;
    let response = app
        .client
        .post(app.url("/admin/activities"))
        .form(&[("csrf_token", token.as_str()), ("title", "Clean-up")])
        .send()
        .await
        .unwrap();
    let id = crate::helpers::created_activity_id(&response);

    // Two photos and a document; then one photo and the document are removed.
    let photos_path = format!("/admin/activities/{id}/photos");
    post_multipart(&app, &photos_path, "photos", &token, "kept.jpg", jpeg(1)).await;
    post_multipart(&app, &photos_path, "photos", &token, "removed.jpg", jpeg(2)).await;
    let docs_path = format!("/admin/activities/{id}/attachments");
    let pdf = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".to_vec();
    post_multipart(&app, &docs_path, "attachments", &token, "old.pdf", pdf).await;
    let rows: Vec<(i32, i32, String)> = photos::table
        .order(photos::position)
        .select((photos::id, photos::image_id, photos::original_name))
        .load(&mut *app.db.read_conn().unwrap())
        .unwrap();
    let (kept_image, removed_image) = (rows[0].1, rows[1].1);
    // Read now: once unused, the image's rows may go at the next run.
    let kept = variant_paths(&app, kept_image);
    let removed = variant_paths(&app, removed_image);
    assert_eq!(
        (kept.len(), removed.len()),
        (2, 2),
        "JPEG and WebP at 300 px"
    );
    post(&app, &format!("/admin/photos/{}/delete", rows[1].0), &token).await;
    let attachment: i32 = mmn_portal::db::schema::attachments::table
        .select(mmn_portal::db::schema::attachments::id)
        .first(&mut *app.db.read_conn().unwrap())
        .unwrap();
    let document: String = stored_files::table
        .select(stored_files::path)
        .first(&mut *app.db.read_conn().unwrap())
        .unwrap();
    let document = app.data_dir.path().join("media").join(document);
    post(
        &app,
        &format!("/admin/attachments/{attachment}/delete"),
        &token,
    )
    .await;

    // Everything old enough, so only the database decides; plus strays old and new.
    let hour_and_a_bit = Duration::from_secs(60 * 60 + 60);
    for path in kept.iter().chain(&removed).chain([&document]) {
        age(path, hour_and_a_bit);
    }
    let cut_off = stray(
        &app,
        &format!("media/img/ab/{}.jpg", "ab".repeat(32)),
        b"\xff\xd8 cut",
    );
    let partial = stray(&app, "media/img/ab/.left.partial", b"half");
    let upload_left = stray(&app, "tmp/123-4.part", b"half an upload");
    for path in [&cut_off, &partial, &upload_left] {
        age(path, hour_and_a_bit);
    }
    let in_flight = stray(
        &app,
        &format!("media/img/cd/{}.webp", "cd".repeat(32)),
        b"RIFF",
    );

    let deadline = Instant::now() + Duration::from_secs(20);
    let count =
        |table: &str| crate::helpers_count(&app, &format!("SELECT count(*) AS n FROM {table}"));
    while (cut_off.exists() || removed.iter().any(|p| p.exists()) || document.exists())
        && Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(!cut_off.exists() && !partial.exists(), "old strays removed");
    assert!(!upload_left.exists(), "an old leftover in tmp/ removed");
    for path in &removed {
        assert!(!path.exists(), "{} of the removed photo", path.display());
    }
    assert!(!document.exists(), "the removed document's file");
    let images: Vec<i32> = stored_images::table
        .select(stored_images::id)
        .load(&mut *app.db.read_conn().unwrap())
        .unwrap();
    assert_eq!(
        images,
        [kept_image],
        "the unused image's row is gone, the used one kept"
    );
    assert_eq!(count("image_variants"), 2);
    assert_eq!(count("stored_files"), 0);
    for path in &kept {
        assert!(path.exists(), "{} is used", path.display());
    }
    assert!(
        in_flight.exists(),
        "a recent file is spared whatever the database says"
    );
}

#[tokio::test]
async fn nothing_is_cleaned_at_start_up() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir
        .path()
        .join("media/img/ef")
        .join(format!("{}.jpg", "ef".repeat(32)));
    std::fs::create_dir_all(old.parent().unwrap()).unwrap();
    std::fs::write(&old, b"no row names me").unwrap();
    age(&old, Duration::from_secs(24 * 60 * 60));
    let app = TestApp::spawn_in(dir, |_| {}).await;
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
    assert!(old.exists(), "the first run is one period after the start");
}
