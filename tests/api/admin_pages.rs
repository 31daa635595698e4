//! The secretariat's management pages (organizations, categories, pages, audit log) and a
//! member's own organization page, through real HTTP.

use std::io::Cursor;

use diesel::prelude::*;
use image::{DynamicImage, ImageFormat, Rgb, RgbImage};
use mmn_portal::db::models::organizations::{self, Organization};
use mmn_portal::db::models::site::{self, NewPage};
use mmn_portal::db::schema::{audit_events, image_variants, stored_images};
use reqwest::multipart::{Form, Part};
use reqwest::{Client, Response, StatusCode};

use crate::helpers::{Page, TestApp, client};
use crate::sessions::{
    PASSWORD, location, log_in_as_member, log_in_as_member_with, log_in_as_secretariat,
    member_email, page_with, submit_login,
};
use crate::tools::HtmlChecker;

async fn post(app: &TestApp, client: &Client, path: &str, fields: &[(&str, &str)]) -> Response {
    client
        .post(app.url(path))
        .form(fields)
        .send()
        .await
        .expect("POST sent")
}

/// POSTs a form and parses the answer as a page (for 422s).
async fn post_page(app: &TestApp, path: &str, fields: &[(&str, &str)]) -> Page {
    Page::from_response(post(app, &app.client, path, fields).await).await
}

/// Creates an organization through the form; returns its id.
async fn create_organization(app: &TestApp, token: &str, name: &str, slug: &str) -> i32 {
    let response = post(
        app,
        &app.client,
        "/admin/organizations",
        &[
            ("csrf_token", token),
            ("name", name),
            ("slug", slug),
            ("country", "KH"),
            ("website", ""),
            ("profile", ""),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{name} created");
    let to = location(&response);
    to.strip_prefix("/admin/organizations/")
        .and_then(|rest| rest.split('?').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("redirect to the new organization, not {to}"))
}

fn organization(app: &TestApp, id: i32) -> Organization {
    organizations::find(&mut app.db.read_conn().unwrap(), id)
        .unwrap()
        .expect("organization stored")
}

fn organization_id(app: &TestApp, slug: &str) -> i32 {
    site::organization_id(&mut app.db.read_conn().unwrap(), slug)
        .unwrap()
        .expect("organization exists")
}

/// How many audit events of `action` there are.
fn audited(app: &TestApp, action: &str) -> i64 {
    audit_events::table
        .filter(audit_events::action.eq(action))
        .count()
        .get_result(&mut app.db.read_conn().unwrap())
        .unwrap()
}

fn stored_image_count(app: &TestApp) -> i64 {
    stored_images::table
        .count()
        .get_result(&mut app.db.read_conn().unwrap())
        .unwrap()
}

/// The files under `media/`, recursively.
fn media_files(app: &TestApp) -> Vec<std::path::PathBuf> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&app.data_dir.path().join("media"), &mut files);
    files
}

fn add_page(app: &TestApp, slug: &str, title: &str, body: &str) {
    site::insert_page(
        &mut app.db.write_conn().unwrap(),
        &NewPage {
            slug,
            title,
            body,
            position: 0,
        },
    )
    .unwrap();
}

/// An image drawn here and encoded as `format`.
fn picture(format: ImageFormat, width: u32, height: u32) -> Vec<u8> {
    let image = DynamicImage::ImageRgb8(RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x * 7) as u8, (y * 5) as u8, 120])
    }));
    let mut bytes = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut bytes), format)
        .unwrap();
    bytes
}

/// A small but real PDF, to be offered as a logo under an image's name.
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// POSTs a multipart upload: the CSRF token first, as the portal requires, then the file.
async fn upload(
    app: &TestApp,
    client: &Client,
    path: &str,
    token: &str,
    name: &str,
    mime: &str,
    bytes: Vec<u8>,
) -> Response {
    let part = Part::bytes(bytes)
        .file_name(name.to_owned())
        .mime_str(mime)
        .unwrap();
    let form = Form::new()
        .text("csrf_token", token.to_owned())
        .part("logo", part);
    client
        .post(app.url(path))
        .multipart(form)
        .send()
        .await
        .expect("upload sent")
}

/// The field's value in a page, and whether it is marked invalid with its message next to it.
fn field(page: &Page, id: &str) -> (String, bool) {
    let value = page
        .attrs(&format!("#{id}"), "value")
        .into_iter()
        .next()
        .or_else(|| page.texts(&format!("textarea#{id}")).into_iter().next())
        .unwrap_or_default();
    let invalid = page
        .attrs(&format!("#{id}[aria-invalid=true]"), "aria-describedby")
        .iter()
        .any(|d| d.contains(&format!("{id}-error")))
        && !page.texts(&format!(".field-error#{id}-error")).is_empty();
    (value, invalid)
}

#[tokio::test]
async fn every_management_page_renders_as_valid_html() {
    let app = TestApp::spawn().await;
    let token = log_in_as_secretariat(&app).await;
    let id = create_organization(&app, &token, "Mekong Migration Network", "").await;
    let logo = upload(
        &app,
        &app.client,
        &format!("/admin/organizations/{id}/logo"),
        &token,
        "logo.png",
        "image/png",
        picture(ImageFormat::Png, 120, 120),
    )
    .await;
    assert_eq!(logo.status(), StatusCode::SEE_OTHER);
    let created = post(
        &app,
        &app.client,
        "/admin/categories",
        &[
            ("csrf_token", &token),
            ("name", "Trainings"),
            ("slug", ""),
            ("description", "National trainings"),
            ("position", "2"),
        ],
    )
    .await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    add_page(
        &app,
        "about",
        "About the network",
        "The network **works together** across the region.\n\n<script>alert(1)</script>",
    );

    let mut documents = Vec::new();
    for path in [
        "/admin/organizations".to_owned(),
        format!("/admin/organizations/{id}"),
        format!("/admin/organizations/{id}?saved=1"),
        "/admin/categories".into(),
        "/admin/pages".into(),
        "/admin/pages/about".into(),
        "/admin/audit".into(),
        "/admin/audit?action=organization-created".into(),
    ] {
        let page = app.get_page(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        documents.push((path, page.body));
    }
    // The refused forms are pages too.
    let refused = [
        (
            "/admin/organizations",
            vec![
                ("name", ""),
                ("slug", "Not A Slug"),
                ("country", "XX"),
                ("website", "javascript:alert(1)"),
            ],
        ),
        (
            "/admin/categories",
            vec![("name", ""), ("position", "first")],
        ),
        ("/admin/pages/about", vec![("title", " "), ("body", "x")]),
    ];
    for (path, mut fields) in refused {
        fields.push(("csrf_token", &token));
        let page = post_page(&app, path, &fields).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        documents.push((format!("{path} refused"), page.body));
    }
    let refused_logo = upload(
        &app,
        &app.client,
        &format!("/admin/organizations/{id}/logo"),
        &token,
        "logo.png",
        "image/png",
        PDF.to_vec(),
    )
    .await;
    documents.push((
        "logo refused".into(),
        Page::from_response(refused_logo).await.body,
    ));

    // A member's page, in a session of its own.
    let member = client();
    log_in_as_member_with(&app, &member, "map-foundation").await;
    let own = page_with(&app, &member, "/admin/organization").await;
    assert_eq!(own.status, StatusCode::OK);
    documents.push(("/admin/organization".into(), own.body));

    let Some(checker) = HtmlChecker::find("every_management_page_renders_as_valid_html") else {
        return;
    };
    checker.check_all(&documents).unwrap();
}

#[tokio::test]
async fn organizations_are_created_updated_and_audited() {
    let app = TestApp::spawn().await;
    let token = log_in_as_secretariat(&app).await;

    let id = create_organization(&app, &token, "Human Rights & Development Foundation", "").await;
    let org = organization(&app, id);
    assert_eq!(
        (org.slug.as_str(), org.country.as_str(), org.active),
        ("human-rights-development-foundation", "KH", true)
    );
    assert_eq!(audited(&app, "organization-created"), 1);

    let list = app.get_page("/admin/organizations").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        list.texts("table.list td")
            .iter()
            .any(|t| t.contains("Human Rights & Development Foundation")),
        "{}",
        list.body
    );

    let updated = post(
        &app,
        &app.client,
        &format!("/admin/organizations/{id}"),
        &[
            ("csrf_token", &token),
            ("name", "HRDF"),
            ("slug", "hrdf"),
            ("country", "TH"),
            ("website", "https://hrdfoundation.org"),
            ("profile", "Legal aid for *migrant workers*."),
        ],
    )
    .await;
    assert_eq!(updated.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&updated),
        format!("/admin/organizations/{id}?saved=1")
    );
    let org = organization(&app, id);
    assert_eq!(
        (
            org.name.as_str(),
            org.slug.as_str(),
            org.country.as_str(),
            org.website.as_deref()
        ),
        ("HRDF", "hrdf", "TH", Some("https://hrdfoundation.org"))
    );
    assert_eq!(audited(&app, "organization-updated"), 1);
    let edit = app
        .get_page(&format!("/admin/organizations/{id}?saved=1"))
        .await;
    assert_eq!(
        edit.texts("p.notice[role=status]").len(),
        1,
        "a saved notice"
    );
    assert_eq!(field(&edit, "name").0, "HRDF");

    // The public page follows at once.
    let public = app.get_page("/organizations/hrdf").await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(public.body.contains("<em>migrant workers</em>"));

    // The audit log shows it, in the site's time zone.
    let log = app
        .get_page("/admin/audit?action=organization-updated")
        .await;
    assert_eq!(log.status, StatusCode::OK);
    let cells = log.texts("table.audit tbody td");
    assert!(
        cells.contains(&"organization-updated".to_owned())
            && cells.contains(&"admin@localhost".to_owned()),
        "{cells:?}"
    );
    assert!(
        log.attrs("table.audit time", "datetime")
            .iter()
            .all(|d| d.ends_with("+07:00"))
    );
}

#[tokio::test]
async fn a_refused_organization_form_keeps_the_input_and_names_each_problem() {
    let app = TestApp::spawn().await;
    let token = log_in_as_secretariat(&app).await;
    let taken = create_organization(&app, &token, "MAP Foundation", "").await;

    let page = post_page(
        &app,
        "/admin/organizations",
        &[
            ("csrf_token", &token),
            ("name", "Mekong <Network>"),
            ("slug", "Not A Slug"),
            ("country", "XX"),
            ("website", "javascript:alert(1)"),
            ("profile", "Kept *as typed*"),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field(&page, "name"), ("Mekong <Network>".to_owned(), false));
    assert_eq!(field(&page, "slug"), ("Not A Slug".to_owned(), true));
    assert!(field(&page, "country").1, "country named");
    assert_eq!(
        field(&page, "website"),
        ("javascript:alert(1)".to_owned(), true)
    );
    assert_eq!(field(&page, "profile").0, "Kept *as typed*");
    assert!(
        page.texts("#website-error")[0].contains("https://"),
        "the message says what works"
    );
    assert!(!page.body.contains("<Network>"), "input is escaped");

    // A slug in use is named at the slug, on creation and on update.
    let page = post_page(
        &app,
        "/admin/organizations",
        &[
            ("csrf_token", &token),
            ("name", "MAP Foundation"),
            ("country", "TH"),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field(&page, "slug").1);
    let other = create_organization(&app, &token, "Other", "other").await;
    let page = post_page(
        &app,
        &format!("/admin/organizations/{other}"),
        &[
            ("csrf_token", &token),
            ("name", "Other"),
            ("slug", "map-foundation"),
            ("country", "TH"),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field(&page, "slug"), ("map-foundation".to_owned(), true));
    assert_eq!(organization(&app, other).slug, "other", "nothing changed");
    assert_eq!(organization(&app, taken).slug, "map-foundation");
    assert_eq!(audited(&app, "organization-created"), 2);
    assert_eq!(audited(&app, "organization-updated"), 0);
}

#[tokio::test]
async fn bad_or_unknown_ids_and_slugs_are_not_found() {
    let app = TestApp::spawn().await;
    let token = log_in_as_secretariat(&app).await;
    for path in [
        "/admin/organizations/abc",
        "/admin/organizations/999",
        "/admin/organizations/-1",
        "/admin/pages/nowhere",
        "/admin/audit?page=2",
        "/admin/audit?page=x",
        "/admin/audit?action=no-such-action",
    ] {
        assert_eq!(
            app.get(path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let fields = [
        ("csrf_token", token.as_str()),
        ("name", "X"),
        ("country", "TH"),
        ("title", "T"),
        ("position", "1"),
    ];
    for path in [
        "/admin/organizations/999",
        "/admin/organizations/x1",
        "/admin/organizations/999/deactivate",
        "/admin/organizations/999/reactivate",
        "/admin/categories/999",
        "/admin/categories/abc",
        "/admin/pages/nowhere",
    ] {
        assert_eq!(
            post(&app, &app.client, path, &fields).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    // Unknown even when the form is invalid too: existence is checked first.
    let invalid = [("csrf_token", token.as_str()), ("name", "")];
    assert_eq!(
        post(&app, &app.client, "/admin/categories/999", &invalid)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        post(&app, &app.client, "/admin/organizations/999", &invalid)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let upload = upload(
        &app,
        &app.client,
        "/admin/organizations/999/logo",
        &token,
        "logo.png",
        "image/png",
        picture(ImageFormat::Png, 10, 10),
    )
    .await;
    assert_eq!(upload.status(), StatusCode::NOT_FOUND);
    assert_eq!(stored_image_count(&app), 0);
}

#[tokio::test]
async fn the_secretariat_has_no_own_organization_and_members_no_secretariat_pages() {
    let app = TestApp::spawn().await;
    let token = log_in_as_secretariat(&app).await;
    assert_eq!(
        app.get("/admin/organization").await.status(),
        StatusCode::NOT_FOUND
    );
    let saved = post(
        &app,
        &app.client,
        "/admin/organization",
        &[("csrf_token", &token), ("website", "")],
    )
    .await;
    assert_eq!(saved.status(), StatusCode::NOT_FOUND);

    let member = client();
    log_in_as_member_with(&app, &member, "map-foundation").await;
    for path in [
        "/admin/organizations",
        "/admin/categories",
        "/admin/pages",
        "/admin/audit",
    ] {
        assert_eq!(
            page_with(&app, &member, path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_member_changes_only_their_own_organization_and_only_its_profile() {
    let app = TestApp::spawn().await;
    crate::sessions::ensure_member(&app, "other-org").await;
    let token = log_in_as_member(&app, "map-foundation").await;
    let own = organization_id(&app, "map-foundation");
    let other = organization_id(&app, "other-org");

    let page = app.get_page("/admin/organization").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Organization map-foundation"));

    let saved = post(
        &app,
        &app.client,
        "/admin/organization",
        &[
            ("csrf_token", &token),
            ("website", "https://mapfoundationcm.org"),
            ("profile", "Works with migrants from **Myanmar**."),
            // Not the member's to change: ignored.
            ("name", "Renamed"),
            ("slug", "renamed"),
            ("country", "MM"),
        ],
    )
    .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&saved), "/admin/organization?saved=1");
    let org = organization(&app, own);
    assert_eq!(org.website.as_deref(), Some("https://mapfoundationcm.org"));
    assert_eq!(org.profile, "Works with migrants from **Myanmar**.");
    assert_eq!(
        (org.name.as_str(), org.slug.as_str(), org.country.as_str()),
        ("Organization map-foundation", "map-foundation", "TH")
    );
    let untouched = organization(&app, other);
    assert_eq!((untouched.website, untouched.profile.as_str()), (None, ""));
    assert_eq!(audited(&app, "organization-updated"), 1);

    // A refused profile keeps what was typed.
    let page = post_page(
        &app,
        "/admin/organization",
        &[
            ("csrf_token", &token),
            ("website", "www.example.org"),
            ("profile", "Still here"),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field(&page, "website"),
        ("www.example.org".to_owned(), true)
    );
    assert_eq!(field(&page, "profile").0, "Still here");
    assert_eq!(
        organization(&app, own).website.as_deref(),
        Some("https://mapfoundationcm.org")
    );

    // Another organization's edit page is the secretariat's.
    assert_eq!(
        app.get(&format!("/admin/organizations/{other}"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn deactivating_an_organization_logs_its_members_out_at_once_and_keeps_them_out() {
    let app = TestApp::spawn().await;
    let token = log_in_as_secretariat(&app).await;
    let member = client();
    log_in_as_member_with(&app, &member, "map-foundation").await;
    assert_eq!(
        page_with(&app, &member, "/admin").await.status,
        StatusCode::OK
    );
    let id = organization_id(&app, "map-foundation");

    let response = post(
        &app,
        &app.client,
        &format!("/admin/organizations/{id}/deactivate"),
        &[("csrf_token", &token)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(!organization(&app, id).active);
    assert_eq!(audited(&app, "organization-deactivated"), 1);

    let next = member.get(app.url("/admin")).send().await.unwrap();
    assert_eq!(next.status(), StatusCode::SEE_OTHER, "logged out at once");
    assert_eq!(location(&next), "/login");
    let again = submit_login(&app, &client(), &member_email("map-foundation"), PASSWORD).await;
    assert_eq!(
        again.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "cannot log in"
    );
    assert_eq!(
        app.get("/organizations/map-foundation").await.status(),
        StatusCode::NOT_FOUND,
        "gone from the public site"
    );
    let edit = app.get_page(&format!("/admin/organizations/{id}")).await;
    assert_eq!(edit.status, StatusCode::OK);
    assert_eq!(
        edit.attrs(
            &format!("form[action='/admin/organizations/{id}/reactivate']"),
            "method"
        )
        .len(),
        1
    );

    let response = post(
        &app,
        &app.client,
        &format!("/admin/organizations/{id}/reactivate"),
        &[("csrf_token", &token)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(audited(&app, "organization-reactivated"), 1);
    let back = submit_login(&app, &client(), &member_email("map-foundation"), PASSWORD).await;
    assert_eq!(
        back.status(),
        StatusCode::SEE_OTHER,
        "reactivated members log in again"
    );
}

#[tokio::test]
async fn a_logo_is_checked_by_content_stored_and_served_while_the_organization_is_active() {
    let app = TestApp::spawn().await;
    let token = log_in_as_secretariat(&app).await;
    let id = create_organization(&app, &token, "Mekong Migration Network", "mmn").await;
    let path = format!("/admin/organizations/{id}/logo");

    // A PDF under an image's name and type: refused, named, nothing stored.
    let refused = Page::from_response(
        upload(
            &app,
            &app.client,
            &path,
            &token,
            "logo.png",
            "image/png",
            PDF.to_vec(),
        )
        .await,
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let message = refused.texts("#logo-error").join(" ");
    for format in ["JPEG", "PNG", "WebP"] {
        assert!(message.contains(format), "{message}");
    }
    assert_eq!(
        refused
            .attrs("#logo[aria-invalid=true]", "aria-describedby")
            .len(),
        1
    );
    assert_eq!(
        (stored_image_count(&app), media_files(&app).len()),
        (0, 0),
        "nothing stored"
    );
    assert_eq!(organization(&app, id).logo_image_id, None);

    // A real PNG: stored, re-encoded, shown and served.
    let stored = upload(
        &app,
        &app.client,
        &path,
        &token,
        "anything.bin",
        "application/octet-stream",
        picture(ImageFormat::Png, 300, 200),
    )
    .await;
    assert_eq!(stored.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&stored),
        format!("/admin/organizations/{id}?saved=1")
    );
    let logo = organization(&app, id).logo_image_id.expect("logo recorded");
    assert_eq!(stored_image_count(&app), 1);
    let variant: String = image_variants::table
        .filter(image_variants::image_id.eq(logo))
        .select(image_variants::path)
        .first(&mut app.db.read_conn().unwrap())
        .unwrap();
    assert!(app.data_dir.path().join("media").join(&variant).is_file());
    assert_eq!(audited(&app, "organization-logo-changed"), 1);
    let edit = app.get_page(&format!("/admin/organizations/{id}")).await;
    let src = format!("/media/{variant}");
    assert_eq!(edit.attrs("img.org-logo", "src"), [src.as_str()]);
    let served = app.get(&src).await;
    assert_eq!(served.status(), StatusCode::OK);
    assert_eq!(served.headers()["content-type"], "image/jpeg");
    let served = served.bytes().await.unwrap();
    assert_eq!(&served[..3], &[0xFF, 0xD8, 0xFF], "re-encoded as JPEG");

    // Hidden from visitors while the organization is deactivated.
    post(
        &app,
        &app.client,
        &format!("/admin/organizations/{id}/deactivate"),
        &[("csrf_token", &token)],
    )
    .await;
    assert_eq!(app.get(&src).await.status(), StatusCode::NOT_FOUND);
    post(
        &app,
        &app.client,
        &format!("/admin/organizations/{id}/reactivate"),
        &[("csrf_token", &token)],
    )
    .await;
    assert_eq!(app.get(&src).await.status(), StatusCode::OK);

    // A member uploads their own organization's logo, as a JPEG.
    let member = client();
    let member_token = log_in_as_member_with(&app, &member, "map-foundation").await;
    let own = organization_id(&app, "map-foundation");
    let uploaded = upload(
        &app,
        &member,
        "/admin/organization/logo",
        &member_token,
        "photo.jpg",
        "image/jpeg",
        picture(ImageFormat::Jpeg, 64, 64),
    )
    .await;
    assert_eq!(uploaded.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&uploaded), "/admin/organization?saved=1");
    assert!(
        organization(&app, own)
            .logo_image_id
            .is_some_and(|l| l != logo)
    );
    assert_eq!(
        organization(&app, id).logo_image_id,
        Some(logo),
        "the other organization's logo is untouched"
    );
}

#[tokio::test]
async fn an_upload_without_the_right_token_first_is_refused_before_anything_is_stored() {
    let app = TestApp::spawn().await;
    let token = log_in_as_secretariat(&app).await;
    let id = create_organization(&app, &token, "Mekong Migration Network", "mmn").await;
    let path = format!("/admin/organizations/{id}/logo");
    let png = picture(ImageFormat::Png, 50, 50);

    let wrong = upload(
        &app,
        &app.client,
        &path,
        "not-the-token",
        "logo.png",
        "image/png",
        png.clone(),
    )
    .await;
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN);
    // The right token, but after the file: the file would have been read first.
    let late = Form::new()
        .part(
            "logo",
            Part::bytes(png)
                .file_name("logo.png")
                .mime_str("image/png")
                .unwrap(),
        )
        .text("csrf_token", token.clone());
    let late = app
        .client
        .post(app.url(&path))
        .multipart(late)
        .send()
        .await
        .unwrap();
    assert_eq!(late.status(), StatusCode::FORBIDDEN);
    assert_eq!((stored_image_count(&app), media_files(&app).len()), (0, 0));
    assert_eq!(organization(&app, id).logo_image_id, None);
    assert_eq!(audited(&app, "organization-logo-changed"), 0);

    // Nothing at all, or an empty file: named at the field.
    let empty = upload(
        &app,
        &app.client,
        &path,
        &token,
        "",
        "application/octet-stream",
        Vec::new(),
    )
    .await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn categories_are_created_renamed_and_reordered() {
    let app = TestApp::spawn().await;
    let token = log_in_as_secretariat(&app).await;

    let created = post(
        &app,
        &app.client,
        "/admin/categories",
        &[
            ("csrf_token", &token),
            ("name", "International Migrants Day"),
            ("slug", ""),
            ("description", "18 December"),
            ("position", "3"),
        ],
    )
    .await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&created), "/admin/categories?saved=1");
    assert_eq!(audited(&app, "category-created"), 1);
    let list = app.get_page("/admin/categories").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("/category/international-migrants-day"));
    let action = list.attrs("form[action^='/admin/categories/']", "action");
    assert_eq!(action.len(), 1);

    // Refused: kept and named, on creation and on update.
    let page = post_page(
        &app,
        "/admin/categories",
        &[
            ("csrf_token", &token),
            ("name", ""),
            ("slug", "trainings"),
            ("description", "Kept"),
            ("position", "first"),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field(&page, "name"), (String::new(), true));
    assert_eq!(field(&page, "position"), ("first".to_owned(), true));
    assert_eq!(field(&page, "description").0, "Kept");
    let taken = post_page(
        &app,
        "/admin/categories",
        &[
            ("csrf_token", &token),
            ("name", "International Migrants Day"),
        ],
    )
    .await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field(&taken, "slug").1);
    let id = action[0].rsplit('/').next().unwrap().to_owned();
    let page = post_page(
        &app,
        &action[0],
        &[
            ("csrf_token", &token),
            ("name", "IMD"),
            ("description", ""),
            ("position", "1.5"),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field(&page, &format!("position-{id}")),
        ("1.5".to_owned(), true)
    );
    assert_eq!(field(&page, &format!("name-{id}")).0, "IMD");

    let renamed = post(
        &app,
        &app.client,
        &action[0],
        &[
            ("csrf_token", &token),
            ("name", "Migrants Day"),
            ("description", "Every 18 December"),
            ("position", "-1"),
            ("slug", "ignored"),
        ],
    )
    .await;
    assert_eq!(renamed.status(), StatusCode::SEE_OTHER);
    assert_eq!(audited(&app, "category-updated"), 1);
    let list = app.get_page("/admin/categories").await;
    assert_eq!(field(&list, &format!("name-{id}")).0, "Migrants Day");
    assert_eq!(field(&list, &format!("position-{id}")).0, "-1");
    assert!(
        list.body.contains("/category/international-migrants-day"),
        "the slug stays"
    );
}

#[tokio::test]
async fn pages_are_edited_with_a_preview_of_the_saved_text() {
    let app = TestApp::spawn().await;
    let token = log_in_as_secretariat(&app).await;
    add_page(
        &app,
        "about",
        "About",
        "We are a *network*.\n\n<script>alert(1)</script>",
    );
    add_page(&app, "contact", "Contact", "Write to us.");

    let list = app.get_page("/admin/pages").await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(
        list.attrs("a[href^='/admin/pages/']", "href"),
        ["/admin/pages/about", "/admin/pages/contact"]
    );

    let edit = app.get_page("/admin/pages/about").await;
    assert_eq!(edit.status, StatusCode::OK);
    assert_eq!(field(&edit, "title").0, "About");
    let preview = edit
        .html
        .select(&scraper::Selector::parse(".preview .body").unwrap())
        .next()
        .unwrap()
        .inner_html();
    assert!(preview.contains("<em>network</em>"), "{preview}");
    assert!(!preview.contains("<script>"), "sanitized: {preview}");

    let saved = post(
        &app,
        &app.client,
        "/admin/pages/about",
        &[
            ("csrf_token", &token),
            ("title", "About the network"),
            ("body", "Six countries, **one** network.\r\n"),
        ],
    )
    .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&saved), "/admin/pages/about?saved=1");
    assert_eq!(audited(&app, "page-updated"), 1);
    let edit = app.get_page("/admin/pages/about?saved=1").await;
    assert!(
        edit.body.contains("<strong>one</strong>"),
        "the preview shows the saved text"
    );
    let public = app.get_page("/pages/about").await;
    assert!(
        public.body.contains("About the network") && public.body.contains("<strong>one</strong>")
    );

    let refused = post_page(
        &app,
        "/admin/pages/about",
        &[
            ("csrf_token", &token),
            ("title", ""),
            ("body", "Typed, not saved"),
        ],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field(&refused, "title"), (String::new(), true));
    assert_eq!(field(&refused, "body").0, "Typed, not saved");
    assert!(
        refused.body.contains("<strong>one</strong>"),
        "the preview is still of the saved text"
    );
}

#[tokio::test]
async fn the_audit_log_pages_by_fifty_and_filters_by_action() {
    let app = TestApp::spawn().await;
    let token = log_in_as_secretariat(&app).await;
    for _ in 0..3 {
        let failed = submit_login(&app, &client(), "nobody@example.org", "wrong password").await;
        assert_eq!(failed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    for i in 0..55 {
        let created = post(
            &app,
            &app.client,
            "/admin/categories",
            &[("csrf_token", &token), ("name", &format!("Category {i}"))],
        )
        .await;
        assert_eq!(created.status(), StatusCode::SEE_OTHER);
    }

    let first = app.get_page("/admin/audit").await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.texts("table.audit tbody tr").len(), 50);
    let actions = first.texts("table.audit tbody td:nth-child(3)");
    assert_eq!(actions[0], "category-created", "newest first");
    assert_eq!(first.attrs("a[rel=next]", "href"), ["/admin/audit?page=2"]);
    let second = app.get_page("/admin/audit?page=2").await;
    assert_eq!(second.status, StatusCode::OK);
    assert!(
        second
            .texts("table.audit tbody td:nth-child(3)")
            .contains(&"login-failed".to_owned())
    );
    assert_eq!(second.attrs("a[rel=prev]", "href"), ["/admin/audit"]);

    let failed = app.get_page("/admin/audit?action=login-failed").await;
    assert_eq!(failed.status, StatusCode::OK);
    let rows = failed.texts("table.audit tbody td:nth-child(3)");
    assert_eq!(rows, ["login-failed"; 3]);
    assert_eq!(
        failed.attrs("#action option[selected]", "value"),
        ["login-failed"]
    );
    let columns = failed.texts("table.audit thead th");
    assert!(columns[0].contains("Asia/Bangkok"), "{columns:?}");
    assert_eq!(
        failed.texts("table.audit tbody td:nth-child(2)")[0],
        "nobody@example.org"
    );
    assert_eq!(
        failed.texts("table.audit tbody td:nth-child(6)")[0],
        "127.0.0.1"
    );
    let options = failed.attrs("#action option", "value");
    assert!(
        options.contains(&"organization-deactivated".to_owned())
            && options.contains(&"page-updated".to_owned())
    );
}

/// A photo-like picture: noise compresses badly, so its PNG is well over 100 KB.
fn noisy_png(width: u32, height: u32) -> Vec<u8> {
    let mut state = 0x2545_F491u32;
    let image = RgbImage::from_fn(width, height, |_, _| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let [r, g, b, _] = state.to_le_bytes();
        Rgb([r, g, b])
    });
    let mut bytes = Vec::new();
    DynamicImage::ImageRgb8(image)
        .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)
        .unwrap();
    bytes
}

#[tokio::test]
async fn a_logo_of_a_real_size_is_accepted() {
    let app = TestApp::spawn().await;
    let token = log_in_as_secretariat(&app).await;
    let id = create_organization(&app, &token, "Mekong Migration Network", "mmn").await;
    let png = noisy_png(300, 300);
    assert!(png.len() > 100_000, "{} bytes", png.len());
    let response = upload(
        &app,
        &app.client,
        &format!("/admin/organizations/{id}/logo"),
        &token,
        "logo.png",
        "image/png",
        png,
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(organization(&app, id).logo_image_id.is_some());
}
