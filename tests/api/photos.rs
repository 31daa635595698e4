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
    let upload_forms = edit.attrs("form[enctype='multipart/form-data']", "action");
    assert_eq!(
        upload_forms,
        [
            format!("/admin/activities/{id}/photos"),
            format!("/admin/activities/{id}/attachments")
        ]
    );
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

/// A camera-like picture: gradients under per-pixel noise, so that it takes real work to
/// encode and each `seed` gives different bytes.
fn noisy_photo(width: u32, height: u32, seed: u32) -> RgbImage {
    let mut state = seed.wrapping_mul(0x9E37_79B9) | 1;
    RgbImage::from_fn(width, height, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let n = (state % 31) as i32 - 15;
        let c = |base: u32| (base as i32 + n).clamp(0, 255) as u8;
        Rgb([c(x * 200 / width), c(y * 200 / height), c(60 + seed % 100)])
    })
}

/// The current revision of an activity.
fn current_revision(app: &TestApp, activity: i32) -> i32 {
    use mmn_portal::db::schema::activities;
    activities::table
        .find(activity)
        .select(activities::current_revision_id)
        .first::<Option<i32>>(&mut *app.db.read_conn().unwrap())
        .unwrap()
        .expect("a current revision")
}

/// Publishes the activity's current revision the way approval does (see `fixtures`).
fn publish(app: &TestApp, activity: i32) {
    crate::fixtures::go_live(app, activity, current_revision(app, activity));
}

fn slug(app: &TestApp, activity: i32) -> String {
    use mmn_portal::db::schema::activities;
    activities::table
        .find(activity)
        .select(activities::slug)
        .first(&mut *app.db.read_conn().unwrap())
        .unwrap()
}

#[tokio::test]
async fn eight_parallel_uploads_all_succeed_with_jpeg_and_webp_variants() {
    let app = TestApp::spawn().await;
    categories(&app);
    let token = log_in_as_member(&app, "fed").await;
    let id = draft(&app, &app.client, &token, "Eight at once").await;
    let photos: Vec<Vec<u8>> = (0..8)
        .map(|i| encode(&noisy_photo(1600, 1200, i), ImageFormat::Jpeg))
        .collect();
    let started = Instant::now();
    let requests = photos.into_iter().map(|bytes| {
        let (app, token) = (&app, &token);
        async move {
            let file = vec![("phone.jpg", "image/jpeg", bytes)];
            upload(app, &app.client, token, id, file).await.status()
        }
    });
    let statuses = futures_util::future::join_all(requests).await;
    assert_eq!(
        statuses,
        vec![StatusCode::SEE_OTHER; 8],
        "every upload accepted"
    );
    assert!(
        started.elapsed() < Duration::from_secs(120),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(photo_rows(&app, id).len(), 8);
    assert_eq!(stored_image_count(&app), 8);

    // Each photo: JPEG and WebP at 400, 1000 and 1600 px, each file decoding to its size.
    use mmn_portal::db::schema::image_variants;
    let variants: Vec<(String, i32, i32, String)> = image_variants::table
        .order((image_variants::image_id, image_variants::width))
        .select((
            image_variants::format,
            image_variants::width,
            image_variants::height,
            image_variants::path,
        ))
        .load(&mut *app.db.read_conn().unwrap())
        .unwrap();
    assert_eq!(variants.len(), 8 * 6);
    for (format, width, height, path) in &variants[..6] {
        let bytes = std::fs::read(app.data_dir.path().join("media").join(path)).unwrap();
        let expected = if format == "webp" {
            ImageFormat::WebP
        } else {
            ImageFormat::Jpeg
        };
        assert_eq!(image::guess_format(&bytes).unwrap(), expected, "{path}");
        let decoded = image::load_from_memory(&bytes).unwrap();
        assert_eq!(
            (decoded.width() as i32, decoded.height() as i32),
            (*width, *height)
        );
    }
    let formats: Vec<&str> = variants[..6].iter().map(|v| v.0.as_str()).collect();
    assert_eq!(formats.iter().filter(|f| **f == "webp").count(), 3);
    assert_eq!(
        std::fs::read_dir(app.data_dir.path().join("tmp"))
            .unwrap()
            .count(),
        0,
        "nothing left in tmp/"
    );
}

#[tokio::test]
async fn published_files_are_cached_briefly_with_an_etag_and_taken_down_at_once() {
    let app = TestApp::spawn().await;
    categories(&app);
    let token = log_in_as_member(&app, "fed").await;
    let id = draft(&app, &app.client, &token, "Cached").await;
    let file = vec![(
        "a.jpg",
        "image/jpeg",
        encode(&picture(500, 300, 21), ImageFormat::Jpeg),
    )];
    assert_eq!(
        upload(&app, &app.client, &token, id, file).await.status(),
        StatusCode::SEE_OTHER
    );
    let src = photo_sources(&app, &app.client, id).await.remove(0);
    let public = src.strip_prefix("/admin").unwrap().to_owned();
    let visitor = client();
    publish(&app, id);

    let response = visitor.get(app.url(&public)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert_eq!(headers["cache-control"], "public, max-age=300");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["content-type"], "image/jpeg");
    let etag = headers["etag"].to_str().unwrap().to_owned();
    let hash = public
        .rsplit('/')
        .next()
        .unwrap()
        .split('.')
        .next()
        .unwrap();
    assert_eq!(etag, format!("\"{hash}\""), "the content hash");
    let body = response.bytes().await.unwrap();
    assert_eq!(mmn_portal::media::sha256_hex(&body), hash);

    let revalidated = visitor
        .get(app.url(&public))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(revalidated.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(revalidated.headers()["etag"], etag.as_str());
    assert_eq!(
        revalidated.headers()["cache-control"],
        "public, max-age=300"
    );
    assert!(revalidated.bytes().await.unwrap().is_empty());
    let other = visitor
        .get(app.url(&public))
        .header("If-None-Match", "\"something-else\"")
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), StatusCode::OK);

    // A range, for a download resumed on a bad connection.
    let range = visitor
        .get(app.url(&public))
        .header("Range", "bytes=0-9")
        .send()
        .await
        .unwrap();
    assert_eq!(range.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(range.bytes().await.unwrap().len(), 10);

    // Unpublished: gone at once, and a cached copy cannot be revalidated either.
    crate::fixtures::unpublish(&app, id);
    for if_none_match in [None, Some(etag.as_str())] {
        let mut request = visitor.get(app.url(&public));
        if let Some(tag) = if_none_match {
            request = request.header("If-None-Match", tag);
        }
        assert_eq!(
            request.send().await.unwrap().status(),
            StatusCode::NOT_FOUND
        );
    }
    let own = app.client.get(app.url(&src)).send().await.unwrap();
    assert_eq!(own.status(), StatusCode::OK);
    let cache = own.headers()["cache-control"].to_str().unwrap();
    assert!(
        cache.contains("no-store") && !cache.contains("public"),
        "{cache}"
    );
    assert!(own.headers().get("etag").is_none());
}

#[tokio::test]
async fn public_pages_offer_webp_and_jpeg_in_a_picture_and_the_larger_photo_by_link() {
    let app = TestApp::spawn().await;
    categories(&app);
    let token = log_in_as_member(&app, "fed").await;
    let id = draft(&app, &app.client, &token, "Pictures").await;
    let file = vec![(
        "wide.jpg",
        "image/jpeg",
        encode(&noisy_photo(2400, 1600, 5), ImageFormat::Jpeg),
    )];
    assert_eq!(
        upload(&app, &app.client, &token, id, file).await.status(),
        StatusCode::SEE_OTHER
    );
    let photo = photo_rows(&app, id)[0].0;
    let response = post(
        &app,
        &app.client,
        &format!("/admin/photos/{photo}"),
        &[
            ("csrf_token", &token),
            ("alt", "People at a table"),
            ("caption", "A caption"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    publish(&app, id);

    let page = app
        .get_page(&format!("/activities/{}", slug(&app, id)))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let webp = page.attrs(".gallery picture > source[type='image/webp']", "srcset");
    assert_eq!(webp.len(), 1, "{}", page.body);
    let webp_urls: Vec<&str> = webp[0]
        .split(", ")
        .map(|c| c.split(' ').next().unwrap())
        .collect();
    assert_eq!(webp_urls.len(), 3);
    assert!(webp[0].ends_with(" 2000w") && webp[0].contains(".webp 400w"));
    assert_eq!(
        page.attrs(".gallery picture > source", "sizes"),
        page.attrs(".gallery picture > img", "sizes")
    );
    let img = |attr: &str| page.attrs(".gallery picture > img", attr);
    assert!(img("srcset")[0].contains(".jpg 400w") && img("srcset")[0].contains(".jpg 2000w"));
    assert_eq!(img("loading"), ["lazy"]);
    assert_eq!(img("alt"), ["People at a table"]);
    assert_eq!(
        (img("width"), img("height")),
        (vec!["400".to_owned()], vec!["267".to_owned()])
    );
    // Without JavaScript the photo is a link to its largest JPEG.
    let larger = page.attrs(".gallery a", "href");
    assert!(larger[0].ends_with(".jpg"), "{larger:?}");
    let large = fetch_image(&app, &client(), &larger[0]).await;
    assert_eq!(large.dimensions(), (2000, 1333));
    for url in webp_urls {
        let response = client().get(app.url(url)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{url}");
        assert_eq!(response.headers()["content-type"], "image/webp");
        let bytes = response.bytes().await.unwrap();
        assert_eq!(image::guess_format(&bytes).unwrap(), ImageFormat::WebP);
    }

    // The card on the home page is a picture too.
    let home = app.get_page("/").await;
    let card_webp = home.attrs(".card picture > source[type='image/webp']", "srcset");
    assert_eq!(card_webp.len(), 1, "{}", home.body);
    assert_eq!(
        home.attrs(".card picture > img.card-thumb", "loading"),
        ["lazy"]
    );

    let Some(checker) = HtmlChecker::find("public_pages_offer_webp_and_jpeg") else {
        return;
    };
    checker
        .check_all(&[
            ("activity".to_owned(), page.body),
            ("home".to_owned(), home.body),
        ])
        .unwrap();
}

#[tokio::test]
async fn the_secretariat_purges_a_photo_everywhere_and_a_member_cannot() {
    let app = TestApp::spawn().await;
    categories(&app);
    let token = log_in_as_member(&app, "fed").await;
    let bytes = encode(&picture(640, 480, 31), ImageFormat::Jpeg);
    let keep = encode(&picture(640, 480, 32), ImageFormat::Jpeg);
    // The same photo on a published report and on a draft, and another photo beside it.
    let published = draft(&app, &app.client, &token, "Published with the photo").await;
    let files = vec![
        ("same.jpg", "image/jpeg", bytes.clone()),
        ("keep.jpg", "image/jpeg", keep),
    ];
    assert_eq!(
        upload(&app, &app.client, &token, published, files)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    publish(&app, published);
    let other = draft(&app, &app.client, &token, "Draft with the same photo").await;
    let files = vec![("again.jpg", "image/jpeg", bytes)];
    assert_eq!(
        upload(&app, &app.client, &token, other, files)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(stored_image_count(&app), 2);
    let image_id: i32 = photos::table
        .filter(photos::original_name.eq("same.jpg"))
        .select(photos::image_id)
        .first(&mut *app.db.read_conn().unwrap())
        .unwrap();
    use mmn_portal::db::schema::image_variants;
    let paths: Vec<String> = image_variants::table
        .filter(image_variants::image_id.eq(image_id))
        .select(image_variants::path)
        .load(&mut *app.db.read_conn().unwrap())
        .unwrap();
    assert_eq!(paths.len(), 4, "JPEG and WebP at 400 and 640 px");
    let public = format!("/media/{}", paths[0]);
    assert_eq!(
        client()
            .get(app.url(&public))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );

    // A member may not, even for their own photo: 403, nothing changes.
    let purge = format!("/admin/images/{image_id}/purge");
    let response = post(&app, &app.client, &purge, &[("csrf_token", &token)]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(stored_image_count(&app), 2);
    assert_eq!(photo_rows(&app, published).len(), 2);
    assert_eq!(photo_rows(&app, other).len(), 1);
    assert!(
        paths
            .iter()
            .all(|p| app.data_dir.path().join("media").join(p).exists())
    );

    // The secretariat: from the editor, where the button is.
    let admin = client();
    let admin_token = log_in_as_secretariat_with(&app, &admin).await;
    let editor = Page::from_response(
        admin
            .get(app.url(&format!("/admin/activities/{published}/edit")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(
        editor.attrs("form.purge-form", "action").contains(&purge),
        "{}",
        editor.body
    );
    let response = post(
        &app,
        &admin,
        &purge,
        &[
            ("csrf_token", &admin_token),
            ("back", &published.to_string()),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&response),
        format!("/admin/activities/{published}/edit")
    );
    assert_eq!(stored_image_count(&app), 1, "only the other photo's image");
    assert_eq!(photo_rows(&app, published).len(), 1);
    assert!(photo_rows(&app, other).is_empty());
    for path in &paths {
        assert!(
            !app.data_dir.path().join("media").join(path).exists(),
            "{path} removed"
        );
    }
    assert_eq!(
        client()
            .get(app.url(&public))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    let (action, target): (String, Option<i32>) = {
        use mmn_portal::db::schema::audit_events;
        audit_events::table
            .order(audit_events::id.desc())
            .select((audit_events::action, audit_events::target_id))
            .first(&mut *app.db.read_conn().unwrap())
            .unwrap()
    };
    assert_eq!((action.as_str(), target), ("image-purged", Some(image_id)));
    // Again: there is nothing left to purge.
    let response = post(&app, &admin, &purge, &[("csrf_token", &admin_token)]).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

/// The strings of `tests/data/hostile-strings.txt` (see its header: after the first empty
/// line one per line, `\u{HEX}` standing for that character).
fn hostile_strings() -> Vec<String> {
    const LIST: &str = include_str!("../data/hostile-strings.txt");
    let body = LIST
        .split_once("\n\n")
        .expect("a header, then the strings")
        .1;
    body.split('\n')
        .filter(|line| !line.is_empty())
        .map(|line| {
            let mut out = String::new();
            let mut rest = line;
            while let Some(at) = rest.find("\\u{") {
                out.push_str(&rest[..at]);
                let (hex, after) = rest[at + 3..].split_once('}').expect("a closed escape");
                out.push(char::from_u32(u32::from_str_radix(hex, 16).unwrap()).unwrap());
                rest = after;
            }
            out.push_str(rest);
            out
        })
        .collect()
}

/// The shape of a document: every element's name and attribute names, in order. Text put
/// into a page can change values, never this.
fn shape(html: &scraper::Html) -> Vec<String> {
    html.root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
        .map(|el| {
            let mut attrs: Vec<&str> = el.value().attrs().map(|(name, _)| name).collect();
            attrs.sort_unstable();
            format!("{}[{}]", el.value().name(), attrs.join(" "))
        })
        .collect()
}

/// What a parser gives back for text that went into a page, whitespace collapsed: NUL
/// becomes the replacement character in an attribute and is dropped from text.
fn as_parsed(s: &str, in_attribute: bool) -> String {
    let nul = if in_attribute { "\u{FFFD}" } else { "" };
    s.replace('\0', nul)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// At most `max` characters of `s`, and never blank (a blank caption is left out).
fn fitted(s: &str, max: usize) -> String {
    let cut: String = s.trim().chars().take(max).collect();
    if cut.trim().is_empty() {
        format!("x {cut}")
    } else {
        cut
    }
}

#[tokio::test]
async fn hostile_alt_texts_and_captions_stay_text_on_every_page() {
    let app = TestApp::spawn().await;
    categories(&app);
    let token = log_in_as_member(&app, "fed").await;
    let id = draft(&app, &app.client, &token, "Hostile descriptions").await;
    let strings = hostile_strings();
    assert!(strings.len() > 100, "{} strings", strings.len());
    // One small picture, placed once per string (one stored image, many photos).
    let tiny = encode(&picture(40, 30, 77), ImageFormat::Jpeg);
    for chunk in strings.chunks(30) {
        let files = chunk
            .iter()
            .map(|_| ("tiny.jpg", "image/jpeg", tiny.clone()))
            .collect();
        assert_eq!(
            upload(&app, &app.client, &token, id, files).await.status(),
            StatusCode::SEE_OTHER
        );
    }
    let ids: Vec<i32> = photo_rows(&app, id).iter().map(|r| r.0).collect();
    assert_eq!(ids.len(), strings.len());
    let slug = slug(&app, id);
    let visitor = client();
    let pages = [
        format!("/activities/{slug}"),
        "/".to_owned(),
        format!("/admin/activities/{id}/edit"),
    ];

    // Once with plain words, to learn the shape of each page.
    let describe = |texts: Vec<(String, String)>| {
        let (app, token, ids) = (&app, &token, &ids);
        async move {
            for (photo, (alt, caption)) in ids.iter().zip(texts) {
                let path = format!("/admin/photos/{photo}");
                let fields = [
                    ("csrf_token", token.as_str()),
                    ("alt", alt.as_str()),
                    ("caption", caption.as_str()),
                ];
                let response = post(app, &app.client, &path, &fields).await;
                if response.status() == StatusCode::UNPROCESSABLE_ENTITY {
                    // Too long: the refusal page keeps the shape too; then cut to fit.
                    let page = Page::from_response(response).await;
                    assert!(page.body.contains("field-error"), "{alt:?}");
                    let fields = [
                        ("csrf_token", token.as_str()),
                        ("alt", &fitted(&alt, 500)),
                        ("caption", &fitted(&caption, 2000)),
                    ];
                    let response = post(app, &app.client, &path, &fields).await;
                    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{alt:?}");
                } else {
                    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{alt:?}");
                }
            }
        }
    };
    let plain: Vec<(String, String)> = (0..ids.len())
        .map(|i| (format!("Alt {i}"), format!("Caption {i}")))
        .collect();
    describe(plain).await;
    let revision = current_revision(&app, id);
    publish(&app, id);
    let mut expected_shapes = Vec::new();
    for path in &pages {
        let who = if path.starts_with("/admin") {
            &app.client
        } else {
            &visitor
        };
        let page = Page::from_response(who.get(app.url(path)).send().await.unwrap()).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        expected_shapes.push(shape(&page.html));
    }

    // Back to a draft, then every hostile string as an alt text and as a caption.
    crate::fixtures::execute(
        &app,
        &format!(
            "UPDATE activities SET live_revision_id = NULL WHERE id = {id};
             UPDATE activity_revisions SET state = 'draft' WHERE id = {revision};"
        ),
    );
    let hostile: Vec<(String, String)> = strings
        .iter()
        .enumerate()
        .map(|(i, s)| {
            // Each string as the alt of one photo and the caption of the next.
            let caption = &strings[(i + 1) % strings.len()];
            (fitted(s, usize::MAX), fitted(caption, usize::MAX))
        })
        .collect();
    describe(hostile).await;
    publish(&app, id);
    let stored: Vec<(String, String)> = photo_rows(&app, id)
        .into_iter()
        .map(|r| (r.1, r.2))
        .collect();
    for (path, expected) in pages.iter().zip(&expected_shapes) {
        let who = if path.starts_with("/admin") {
            &app.client
        } else {
            &visitor
        };
        let page = Page::from_response(who.get(app.url(path)).send().await.unwrap()).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let got = shape(&page.html);
        if &got != expected {
            let at = got
                .iter()
                .zip(expected)
                .position(|(a, b)| a != b)
                .unwrap_or(got.len().min(expected.len()));
            panic!(
                "{path}: the page's elements changed at {at}: {:?} instead of {:?}",
                got.get(at),
                expected.get(at)
            );
        }
        if path.starts_with("/activities/") {
            let alts = page.attrs(".gallery img", "alt");
            let captions = page.texts(".gallery figcaption");
            assert_eq!(alts.len(), stored.len());
            for ((alt, caption), (want_alt, want_caption)) in
                alts.iter().zip(&captions).zip(&stored)
            {
                assert_eq!(
                    as_parsed(alt, true),
                    as_parsed(want_alt, true),
                    "alt kept as text"
                );
                assert_eq!(
                    as_parsed(caption, false),
                    as_parsed(want_caption, false),
                    "caption kept as text"
                );
            }
        }
    }
}
