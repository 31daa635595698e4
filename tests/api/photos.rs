//! Photos on activity reports over real HTTP: uploads judged by content with real files made
//! here (EXIF with GPS, XMP, orientation, a huge PNG, impostors), metadata gone from every
//! stored byte, the photo forms, who may see and change what, and what submitting asks.

use std::io::{Cursor, Write};
use std::time::{Duration, Instant};

use diesel::prelude::*;
use image::{DynamicImage, GenericImageView, ImageFormat, Rgb, RgbImage};
use mmn_portal::db::schema::{photos, stored_images};
use reqwest::multipart::{Form, Part};
use reqwest::{Client, Response, StatusCode};

use crate::fixtures::execute;
use crate::helpers::{Page, TestApp, client};
use crate::sessions::{
    location, log_in_as_member, log_in_as_member_with, log_in_as_secretariat_with,
};
use crate::tools::HtmlChecker;

/// Latitude 16° 42' 51.59" as three big-endian TIFF rationals: bytes no re-encoded file
/// would contain by chance.
const GPS_LATITUDE: [u32; 6] = [16, 1, 42, 1, 5159, 100];

fn gps_bytes() -> Vec<u8> {
    GPS_LATITUDE.iter().flat_map(|n| n.to_be_bytes()).collect()
}

/// An EXIF APP1 segment: IFD0 with the orientation and a pointer to a GPS IFD that holds
/// latitude reference and latitude.
fn exif_segment(orientation: u16) -> Vec<u8> {
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"MM\0\x2a");
    tiff.extend_from_slice(&8u32.to_be_bytes());
    let entry = |tiff: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        tiff.extend_from_slice(&tag.to_be_bytes());
        tiff.extend_from_slice(&kind.to_be_bytes());
        tiff.extend_from_slice(&count.to_be_bytes());
        tiff.extend_from_slice(&value);
    };
    // IFD0 at 8: 2 entries, 30 bytes; the GPS IFD at 38, 30 bytes; the rationals at 68.
    tiff.extend_from_slice(&2u16.to_be_bytes());
    let o = orientation.to_be_bytes();
    entry(&mut tiff, 0x0112, 3, 1, [o[0], o[1], 0, 0]);
    entry(&mut tiff, 0x8825, 4, 1, 38u32.to_be_bytes());
    tiff.extend_from_slice(&0u32.to_be_bytes());
    assert_eq!(tiff.len(), 38);
    tiff.extend_from_slice(&2u16.to_be_bytes());
    entry(&mut tiff, 0x0001, 2, 2, *b"N\0\0\0");
    entry(&mut tiff, 0x0002, 5, 3, 68u32.to_be_bytes());
    tiff.extend_from_slice(&0u32.to_be_bytes());
    assert_eq!(tiff.len(), 68);
    tiff.extend_from_slice(&gps_bytes());
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend_from_slice(&tiff);
    segment(0xE1, &payload)
}

/// An XMP APP1 segment naming a GPS position.
fn xmp_segment() -> Vec<u8> {
    let mut payload = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
    payload.extend_from_slice(
        br#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="16,42.8598N"/></rdf:RDF></x:xmpmeta>"#,
    );
    segment(0xE1, &payload)
}

fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut s = vec![0xFF, marker];
    s.extend_from_slice(&u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
    s.extend_from_slice(payload);
    s
}

/// Inserts segments right after the JPEG's SOI marker.
fn with_segments(jpeg: &[u8], segments: &[Vec<u8>]) -> Vec<u8> {
    assert_eq!(&jpeg[..2], &[0xFF, 0xD8]);
    let mut out = jpeg[..2].to_vec();
    for s in segments {
        out.extend_from_slice(s);
    }
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn encode(image: &RgbImage, format: ImageFormat) -> Vec<u8> {
    let mut bytes = Vec::new();
    DynamicImage::ImageRgb8(image.clone())
        .write_to(&mut Cursor::new(&mut bytes), format)
        .unwrap();
    bytes
}

/// A photo-like picture (a gradient), `seed` making each one different.
fn picture(width: u32, height: u32, seed: u8) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x * 3) as u8, (y * 5) as u8, seed])
    })
}

/// A 20000 x 20000 one-bit PNG of one colour: a few dozen KB announcing 400 megapixels.
fn huge_png() -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, 20_000, 20_000);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::One);
        let mut writer = encoder.write_header().unwrap();
        let mut stream = writer.stream_writer().unwrap();
        let row = vec![0u8; 2_500];
        for _ in 0..20_000 {
            stream.write_all(&row).unwrap();
        }
        stream.finish().unwrap();
    }
    out
}

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
const SVG: &[u8] = br#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>"#;
const HTML: &[u8] =
    b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>";

/// A file to upload: name, declared type, bytes.
type File = (&'static str, &'static str, Vec<u8>);

/// POSTs files in the field `photos`, the CSRF token first.
async fn upload(
    app: &TestApp,
    client: &Client,
    token: &str,
    id: i32,
    files: Vec<File>,
) -> Response {
    let mut form = Form::new().text("csrf_token", token.to_owned());
    for (name, mime, bytes) in files {
        let part = Part::bytes(bytes).file_name(name).mime_str(mime).unwrap();
        form = form.part("photos", part);
    }
    client
        .post(app.url(&format!("/admin/activities/{id}/photos")))
        .multipart(form)
        .send()
        .await
        .expect("upload sent")
}

async fn post(app: &TestApp, client: &Client, path: &str, fields: &[(&str, &str)]) -> Response {
    client
        .post(app.url(path))
        .form(fields)
        .send()
        .await
        .expect("POST sent")
}

/// Creates a draft with everything submitting needs; returns its id.
async fn draft(app: &TestApp, client: &Client, token: &str, title: &str) -> i32 {
    let response = post(
        app,
        client,
        "/admin/activities",
        &[
            ("csrf_token", token),
            ("title", title),
            ("summary", "Volunteers met workers at the border."),
            ("body", "What happened, in order."),
            ("categories", "trainings"),
            ("event_start", "2019-12-18"),
            ("language", "en"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "draft created");
    crate::helpers::created_activity_id(&response)
}

fn categories(app: &TestApp) {
    execute(
        app,
        "INSERT INTO categories (slug, name, position) VALUES ('trainings', 'Trainings', 1)",
    );
}

/// (photo id, alt, caption, decorative, position, variant paths) of an activity's photos on
/// its current revision, in order.
fn photo_rows(app: &TestApp, activity: i32) -> Vec<(i32, String, String, bool, i32)> {
    use mmn_portal::db::schema::activities;
    let conn = &mut *app.db.read_conn().unwrap();
    let current: Option<i32> = activities::table
        .find(activity)
        .select(activities::current_revision_id)
        .first(conn)
        .unwrap();
    photos::table
        .filter(photos::revision_id.nullable().eq(current))
        .order(photos::position)
        .select((
            photos::id,
            photos::alt,
            photos::caption,
            photos::decorative,
            photos::position,
        ))
        .load(conn)
        .unwrap()
}

fn stored_image_count(app: &TestApp) -> i64 {
    stored_images::table
        .count()
        .get_result(&mut *app.db.read_conn().unwrap())
        .unwrap()
}

/// Every file under the data dir's `media/`, with its bytes.
fn media_files(app: &TestApp) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    fn walk(dir: &std::path::Path, out: &mut Vec<(std::path::PathBuf, Vec<u8>)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                out.push((path, bytes));
            }
        }
    }
    let mut files = Vec::new();
    walk(&app.data_dir.path().join("media"), &mut files);
    files
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The `/admin/media/…` sources of the edit page's photos, in order.
async fn photo_sources(app: &TestApp, client: &Client, id: i32) -> Vec<String> {
    let page = Page::from_response(
        client
            .get(app.url(&format!("/admin/activities/{id}/edit")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    page.attrs(".photo-list img", "src")
}

async fn fetch_image(app: &TestApp, client: &Client, src: &str) -> DynamicImage {
    let response = client.get(app.url(src)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{src}");
    image::load_from_memory(&response.bytes().await.unwrap()).unwrap()
}

#[tokio::test]
async fn metadata_never_survives_and_orientation_is_applied() {
    let app = TestApp::spawn().await;
    categories(&app);
    let token = log_in_as_member(&app, "fed").await;
    let id = draft(&app, &app.client, &token, "Border training").await;

    // A photo carrying EXIF with a GPS position and XMP naming it again.
    let plain = encode(&picture(1200, 800, 1), ImageFormat::Jpeg);
    let tagged = with_segments(&plain, &[exif_segment(1), xmp_segment()]);
    assert!(contains(&tagged, &gps_bytes()) && contains(&tagged, b"http://ns.adobe.com/xap"));
    assert!(
        image::load_from_memory(&tagged).is_ok(),
        "the test file is a valid JPEG"
    );
    let response = upload(
        &app,
        &app.client,
        &token,
        id,
        vec![("gps.jpg", "image/jpeg", tagged)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), format!("/admin/activities/{id}/edit"));

    // Orientation 6: the camera held sideways; the picture must come out turned clockwise.
    // A 40 x 20 picture, blue with a red top-left block, becomes 20 x 40 with the red block
    // at the top right.
    let sideways = RgbImage::from_fn(40, 20, |x, y| {
        if x < 10 && y < 10 {
            Rgb([230, 20, 20])
        } else {
            Rgb([20, 20, 230])
        }
    });
    let rotated = with_segments(&encode(&sideways, ImageFormat::Jpeg), &[exif_segment(6)]);
    let response = upload(
        &app,
        &app.client,
        &token,
        id,
        vec![("portrait.jpg", "image/jpeg", rotated)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    let files = media_files(&app);
    assert!(files.len() >= 4, "variants written: {}", files.len());
    for (path, bytes) in &files {
        for needle in [
            b"Exif".as_slice(),
            b"GPS",
            b"http://ns.adobe.com/xap",
            &gps_bytes(),
        ] {
            assert!(
                !contains(bytes, needle),
                "{} contains {:?}",
                path.display(),
                String::from_utf8_lossy(needle)
            );
        }
    }

    let sources = photo_sources(&app, &app.client, id).await;
    assert_eq!(sources.len(), 2);
    let upright = fetch_image(&app, &app.client, &sources[1]).await;
    assert_eq!(upright.dimensions(), (20, 40), "width and height swapped");
    let red = upright.get_pixel(15, 4);
    let blue = upright.get_pixel(4, 4);
    assert!(red[0] > 150 && red[2] < 100, "top right is red: {red:?}");
    assert!(blue[2] > 150 && blue[0] < 100, "top left is blue: {blue:?}");
    let rows = photo_rows(&app, id);
    let names: Vec<String> = photos::table
        .order(photos::position)
        .select(photos::original_name)
        .load(&mut *app.db.read_conn().unwrap())
        .unwrap();
    assert_eq!(names, ["gps.jpg", "portrait.jpg"]);
    assert_eq!(rows.iter().map(|r| r.4).collect::<Vec<_>>(), [0, 1]);
}

#[tokio::test]
async fn anything_but_a_real_jpeg_png_or_webp_is_refused_and_nothing_stored() {
    let app = TestApp::spawn().await;
    categories(&app);
    let token = log_in_as_member(&app, "fed").await;
    let id = draft(&app, &app.client, &token, "Impostors").await;

    let started = Instant::now();
    let response = upload(
        &app,
        &app.client,
        &token,
        id,
        vec![("huge.png", "image/png", huge_png())],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::from_response(response).await;
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert!(
        page.texts(".refused")[0].contains("50 megapixels"),
        "{}",
        page.body
    );

    let mut truncated = encode(&picture(600, 400, 2), ImageFormat::Jpeg);
    truncated.truncate(truncated.len() / 3);
    let impostors: Vec<File> = vec![
        ("photo.jpg", "image/jpeg", HTML.to_vec()),
        ("drawing.svg", "image/svg+xml", SVG.to_vec()),
        ("cut.jpg", "image/jpeg", truncated),
        ("empty.jpg", "image/jpeg", Vec::new()),
        ("report.jpg", "image/jpeg", PDF.to_vec()),
        (
            "anim.gif",
            "image/gif",
            b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec(),
        ),
    ];
    for file in impostors {
        let name = file.0;
        let response = upload(&app, &app.client, &token, id, vec![file]).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name}"
        );
        let page = Page::from_response(response).await;
        let refused = page.texts(".refused");
        assert_eq!(refused.len(), 1, "{name}: {}", page.body);
        assert!(refused[0].contains(name), "{name} listed");
        assert!(
            refused[0].contains("JPEG, PNG or WebP"),
            "{name}: the message names the formats that work: {}",
            refused[0]
        );
    }
    assert_eq!(stored_image_count(&app), 0);
    assert!(photo_rows(&app, id).is_empty());
    assert!(media_files(&app).is_empty(), "no file written");

    // No file at all: 422 too, never a bare 400.
    let response = upload(&app, &app.client, &token, id, vec![]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_mixed_upload_keeps_the_good_files_and_one_photo_is_stored_once() {
    let app = TestApp::spawn().await;
    categories(&app);
    let token = log_in_as_member(&app, "fed").await;
    let id = draft(&app, &app.client, &token, "Mixed").await;
    let good = encode(&picture(300, 200, 3), ImageFormat::Png);
    let webp = encode(&picture(120, 90, 4), ImageFormat::WebP);
    let response = upload(
        &app,
        &app.client,
        &token,
        id,
        vec![
            ("good.png", "image/png", good.clone()),
            ("fake.jpg", "image/jpeg", HTML.to_vec()),
            ("small.webp", "image/webp", webp),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::from_response(response).await;
    assert_eq!(page.texts(".accepted").len(), 2, "{}", page.body);
    assert!(page.texts(".accepted")[0].contains("good.png"));
    assert!(page.texts(".refused")[0].contains("fake.jpg"));
    assert_eq!(photo_rows(&app, id).len(), 2, "the good ones kept");
    assert_eq!(stored_image_count(&app), 2);

    // The same photo again: a second place on the report, the same stored image.
    let response = upload(
        &app,
        &app.client,
        &token,
        id,
        vec![("again.png", "image/png", good)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(photo_rows(&app, id).len(), 3);
    assert_eq!(stored_image_count(&app), 2, "stored once");
}

#[tokio::test]
async fn photos_are_described_moved_and_removed_by_their_organization_only() {
    let app = TestApp::spawn().await;
    categories(&app);
    let token = log_in_as_member(&app, "fed").await;
    let id = draft(&app, &app.client, &token, "Photos to arrange").await;
    let files = (0..3)
        .map(|i| {
            (
                "p.jpg",
                "image/jpeg",
                encode(&picture(200, 150, 10 + i), ImageFormat::Jpeg),
            )
        })
        .collect();
    assert_eq!(
        upload(&app, &app.client, &token, id, files).await.status(),
        StatusCode::SEE_OTHER
    );
    let ids: Vec<i32> = photo_rows(&app, id).iter().map(|r| r.0).collect();
    assert_eq!(ids.len(), 3);
    let edit = format!("/admin/activities/{id}/edit");

    // Text.
    let path = format!("/admin/photos/{}", ids[0]);
    let response = post(
        &app,
        &app.client,
        &path,
        &[
            ("csrf_token", &token),
            ("alt", "Two women at a table"),
            ("caption", "Mae Sot, 2019"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), edit);
    let response = post(
        &app,
        &app.client,
        &format!("/admin/photos/{}", ids[1]),
        &[("csrf_token", &token), ("decorative", "yes")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let rows = photo_rows(&app, id);
    assert_eq!(
        (rows[0].1.as_str(), rows[0].2.as_str(), rows[0].3),
        ("Two women at a table", "Mae Sot, 2019", false)
    );
    assert!(rows[1].3, "decorative");

    // Too long: 422, the typed text kept at its photo, nothing saved.
    let long = "a".repeat(501);
    let response = post(
        &app,
        &app.client,
        &path,
        &[("csrf_token", &token), ("alt", &long)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::from_response(response).await;
    assert_eq!(
        page.attrs(&format!("#alt-{}", ids[0]), "value"),
        std::slice::from_ref(&long)
    );
    assert_eq!(page.texts(&format!("#photo-{}-error", ids[0])).len(), 1);
    assert_eq!(photo_rows(&app, id)[0].1, "Two women at a table");
    let response = post(
        &app,
        &app.client,
        &format!("{path}/move"),
        &[("csrf_token", &token), ("direction", "sideways")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Order.
    let response = post(
        &app,
        &app.client,
        &format!("/admin/photos/{}/move", ids[0]),
        &[("csrf_token", &token), ("direction", "down")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let order = |app: &TestApp| photo_rows(app, id).iter().map(|r| r.0).collect::<Vec<_>>();
    assert_eq!(order(&app), [ids[1], ids[0], ids[2]]);
    post(
        &app,
        &app.client,
        &format!("/admin/photos/{}/move", ids[2]),
        &[("csrf_token", &token), ("direction", "up")],
    )
    .await;
    assert_eq!(order(&app), [ids[1], ids[2], ids[0]]);
    // At the top, up changes nothing.
    let response = post(
        &app,
        &app.client,
        &format!("/admin/photos/{}/move", ids[1]),
        &[("csrf_token", &token), ("direction", "up")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(order(&app), [ids[1], ids[2], ids[0]]);

    // Another organization's member: 404 everywhere, nothing changes.
    let other = client();
    let other_token = log_in_as_member_with(&app, &other, "caram").await;
    let before = photo_rows(&app, id);
    for (path, fields) in [
        (
            format!("/admin/photos/{}", ids[0]),
            vec![("alt", "hijacked")],
        ),
        (
            format!("/admin/photos/{}/move", ids[0]),
            vec![("direction", "up")],
        ),
        (format!("/admin/photos/{}/delete", ids[0]), vec![]),
        (format!("/admin/photos/{}", ids[0]), vec![("alt", &long)]),
    ] {
        let mut form = vec![("csrf_token", other_token.as_str())];
        form.extend(fields);
        assert_eq!(
            post(&app, &other, &path, &form).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let file = vec![(
        "x.jpg",
        "image/jpeg",
        encode(&picture(50, 50, 99), ImageFormat::Jpeg),
    )];
    assert_eq!(
        upload(&app, &other, &other_token, id, file).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        post(
            &app,
            &other,
            "/admin/photos/999999",
            &[("csrf_token", &other_token), ("alt", "x")]
        )
        .await
        .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(photo_rows(&app, id), before, "nothing changed");
    let src = &photo_sources(&app, &app.client, id).await[0];
    assert_eq!(
        other.get(app.url(src)).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );

    // Removal.
    let response = post(
        &app,
        &app.client,
        &format!("/admin/photos/{}/delete", ids[2]),
        &[("csrf_token", &token)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(order(&app), [ids[1], ids[0]]);
}

#[tokio::test]
async fn a_drafts_photo_is_private_and_submitting_needs_alt_text_and_consent() {
    let app = TestApp::spawn().await;
    categories(&app);
    let token = log_in_as_member(&app, "fed").await;
    let id = draft(&app, &app.client, &token, "Private until published").await;
    let file = vec![(
        "a.jpg",
        "image/jpeg",
        encode(&picture(500, 300, 7), ImageFormat::Jpeg),
    )];
    assert_eq!(
        upload(&app, &app.client, &token, id, file).await.status(),
        StatusCode::SEE_OTHER
    );

    let src = photo_sources(&app, &app.client, id).await.remove(0);
    let public = src.strip_prefix("/admin").unwrap().to_owned();
    assert!(public.starts_with("/media/img/"), "{public}");
    let visitor = client();
    assert_eq!(
        visitor.get(app.url(&public)).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.client
            .get(app.url(&public))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND,
        "not even for its organization on the public path"
    );
    let own = app.client.get(app.url(&src)).send().await.unwrap();
    assert_eq!(own.status(), StatusCode::OK);
    assert_eq!(own.headers()["content-type"], "image/jpeg");
    assert!(
        own.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("no-store")
    );
    let response = visitor.get(app.url(&src)).send().await.unwrap();
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "the admin path needs a session"
    );

    // Submitting: alt text first, then consent.
    let submit = format!("/admin/activities/{id}/submit");
    let response = post(
        &app,
        &app.client,
        &submit,
        &[("csrf_token", &token), ("consent", "yes")],
    )
    .await;
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a photo without alt text"
    );
    let photo = photo_rows(&app, id)[0].0;
    let response = post(
        &app,
        &app.client,
        &format!("/admin/photos/{photo}"),
        &[("csrf_token", &token), ("alt", "A banner at the march")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = post(&app, &app.client, &submit, &[("csrf_token", &token)]).await;
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "without consent"
    );
    let response = post(
        &app,
        &app.client,
        &submit,
        &[("csrf_token", &token), ("consent", "yes")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    // Submitted: photos no longer change (409), and the editor offers no photo forms.
    let file = vec![(
        "b.jpg",
        "image/jpeg",
        encode(&picture(60, 60, 8), ImageFormat::Jpeg),
    )];
    assert_eq!(
        upload(&app, &app.client, &token, id, file).await.status(),
        StatusCode::CONFLICT
    );
    let response = post(
        &app,
        &app.client,
        &format!("/admin/photos/{photo}"),
        &[("csrf_token", &token), ("alt", "changed")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(
        post(
            &app,
            &app.client,
            &format!("/admin/photos/{photo}/delete"),
            &[("csrf_token", &token)]
        )
        .await
        .status(),
        StatusCode::CONFLICT
    );
    assert_eq!(photo_rows(&app, id).len(), 1);

    // Once the secretariat publishes it, the same file is public.
    let admin = client();
    let admin_token = log_in_as_secretariat_with(&app, &admin).await;
    assert_eq!(
        admin.get(app.url(&src)).send().await.unwrap().status(),
        StatusCode::OK,
        "the secretariat sees every organization's photos"
    );
    let approve = format!("/admin/activities/{id}/approve");
    let response = post(&app, &admin, &approve, &[("csrf_token", &admin_token)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = visitor.get(app.url(&public)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("public")
    );
}

#[tokio::test]
async fn limits_per_file_and_per_request_and_the_pages_are_valid_html() {
    let app = TestApp::spawn().await;
    categories(&app);
    let token = log_in_as_member(&app, "fed").await;
    let id = draft(&app, &app.client, &token, "Limits").await;

    // Over 25 MB: refused on its own; the next file is still taken.
    let mut big = encode(&picture(100, 100, 5), ImageFormat::Png);
    big.resize(25 * 1024 * 1024 + 1, 0);
    let small = encode(&picture(80, 60, 6), ImageFormat::Jpeg);
    let response = upload(
        &app,
        &app.client,
        &token,
        id,
        vec![
            ("big.png", "image/png", big),
            ("small.jpg", "image/jpeg", small.clone()),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let result_page = Page::from_response(response).await;
    assert!(result_page.texts(".refused")[0].contains("25 MB"));
    assert!(result_page.texts(".accepted")[0].contains("small.jpg"));
    assert_eq!(photo_rows(&app, id).len(), 1);

    // 31 files: the 30 received first are kept and listed, then 413.
    let files = (0..31)
        .map(|_| ("many.jpg", "image/jpeg", small.clone()))
        .collect();
    let response = upload(&app, &app.client, &token, id, files).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let page = Page::from_response(response).await;
    assert_eq!(page.texts(".accepted").len(), 30);
    assert!(page.texts("#upload-stopped")[0].contains("30"));
    assert_eq!(photo_rows(&app, id).len(), 31);

    // The editor with its photo forms, and the result page, are valid HTML.
    let edit = Page::from_response(
        app.client
            .get(app.url(&format!("/admin/activities/{id}/edit")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let upload_form = edit.attrs("form[enctype='multipart/form-data']", "action");
    assert_eq!(upload_form, [format!("/admin/activities/{id}/photos")]);
    assert_eq!(
        edit.attrs("input[type=file][name=photos][multiple]", "accept"),
        ["image/jpeg,image/png,image/webp"]
    );
    assert!(
        edit.body
            .contains("location data (GPS) is removed from photos")
    );
    let Some(checker) = HtmlChecker::find("photo_pages_are_valid_html") else {
        return;
    };
    checker
        .check_all(&[
            ("editor".to_owned(), edit.body),
            ("upload result".to_owned(), result_page.body),
        ])
        .unwrap();
}
