//! Documents on activity reports over real HTTP: PDF and office files made here, judged by
//! content (impostors refused with nothing stored), listed with their size, edited and
//! removed by their organization only, and served with the right type, a safe download
//! name and `nosniff`: privately until published, then to everyone.

use std::io::{Cursor, Write};

use diesel::prelude::*;
use mmn_portal::db::schema::{attachments, stored_files};
use reqwest::multipart::{Form, Part};
use reqwest::{Client, Response, StatusCode};
use zip::write::{SimpleFileOptions, ZipWriter};

use crate::fixtures::execute;
use crate::helpers::{Page, TestApp, client};
use crate::sessions::{location, log_in_as_member, log_in_as_member_with, page_with};
use crate::tools::HtmlChecker;

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const PPTX: &str = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
const ODT: &str = "application/vnd.oasis.opendocument.text";
const ODS: &str = "application/vnd.oasis.opendocument.spreadsheet";

/// A small real PDF (demo's writer), `seed` making its bytes differ.
fn pdf(seed: &str) -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n".to_vec();
    bytes.extend_from_slice(format!("% {seed}\n").as_bytes());
    bytes.extend_from_slice(
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    );
    bytes
}

fn archive(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        zip.start_file(*name, SimpleFileOptions::default()).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// An OOXML package whose main part has `main_type`.
fn ooxml(main_type: &str, part: &str) -> Vec<u8> {
    let types = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/{part}" ContentType="{main_type}"/></Types>"#
    );
    archive(&[
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", b"<Relationships/>"),
        (part, b"<document/>"),
    ])
}

fn odf(mimetype: &str) -> Vec<u8> {
    archive(&[
        ("mimetype", mimetype.as_bytes()),
        ("content.xml", b"<office:document-content/>"),
    ])
}

fn docx() -> Vec<u8> {
    ooxml(&format!("{DOCX}.main+xml"), "word/document.xml")
}

/// A file to upload: name, declared type, bytes.
type File = (&'static str, &'static str, Vec<u8>);

/// POSTs files in the field `attachments`, the CSRF token first, then `fields`.
async fn upload(
    app: &TestApp,
    client: &Client,
    token: &str,
    id: i32,
    fields: &[(&str, &str)],
    files: Vec<File>,
) -> Response {
    // Names as browsers send them: UTF-8, not percent-encoded.
    let mut form = Form::new()
        .percent_encode_noop()
        .text("csrf_token", token.to_owned());
    for (name, value) in fields {
        form = form.text(name.to_string(), value.to_string());
    }
    for (name, mime, bytes) in files {
        let part = Part::bytes(bytes).file_name(name).mime_str(mime).unwrap();
        form = form.part("attachments", part);
    }
    client
        .post(app.url(&format!("/admin/activities/{id}/attachments")))
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

/// A draft (in Thai) with everything submitting needs; returns its id.
async fn draft(app: &TestApp, client: &Client, token: &str, title: &str) -> i32 {
    execute(
        app,
        "INSERT OR IGNORE INTO categories (slug, name, position) VALUES ('reports', 'Reports', 1)",
    );
    let response = post(
        app,
        client,
        "/admin/activities",
        &[
            ("csrf_token", token),
            ("title", title),
            ("summary", "What we found."),
            ("body", "The report."),
            ("categories", "reports"),
            ("event_start", "2020-03-01"),
            ("language", "th"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "draft created");
    crate::helpers::created_activity_id(&response)
}

/// (title, language, file name, media type) of an activity's current documents, in order.
fn rows(app: &TestApp, activity: i32) -> Vec<(String, String, String, String)> {
    use mmn_portal::db::schema::activities;
    let conn = &mut *app.db.read_conn().unwrap();
    let current: Option<i32> = activities::table
        .find(activity)
        .select(activities::current_revision_id)
        .first(conn)
        .unwrap();
    attachments::table
        .inner_join(stored_files::table)
        .filter(attachments::revision_id.nullable().eq(current))
        .order(attachments::position)
        .select((
            attachments::title,
            attachments::language,
            attachments::file_name,
            stored_files::media_type,
        ))
        .load(conn)
        .unwrap()
}

fn attachment_ids(app: &TestApp) -> Vec<i32> {
    attachments::table
        .order(attachments::position)
        .select(attachments::id)
        .load(&mut *app.db.read_conn().unwrap())
        .unwrap()
}

fn files_in(app: &TestApp, dir: &str) -> usize {
    fn count(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir).map_or(0, |entries| {
            entries
                .map(|e| e.unwrap().path())
                .map(|p| if p.is_dir() { count(&p) } else { 1 })
                .sum()
        })
    }
    count(&app.data_dir.path().join(dir))
}

#[tokio::test]
async fn documents_are_judged_by_content_and_served_safely() {
    let app = TestApp::spawn().await;
    let token = log_in_as_member(&app, "fed").await;
    let id = draft(&app, &app.client, &token, "Annual report").await;
    let mut cut = pdf("cut");
    cut.truncate(30);
    let response = upload(
        &app,
        &app.client,
        &token,
        id,
        &[],
        vec![
            ("annual_report_2019.pdf", "application/pdf", pdf("a")),
            ("minutes.docx", DOCX, docx()),
            (
                "budget.xlsx",
                XLSX,
                ooxml(&format!("{XLSX}.main+xml"), "xl/workbook.xml"),
            ),
            (
                "slides.pptx",
                PPTX,
                ooxml(&format!("{PPTX}.main+xml"), "ppt/presentation.xml"),
            ),
            ("letter.odt", ODT, odf(ODT)),
            // A spreadsheet named as a PDF: stored as what it is.
            ("figures.pdf", "application/pdf", odf(ODS)),
            (
                "report.pdf",
                "application/pdf",
                b"<!doctype html><script>alert(document.cookie)</script>".to_vec(),
            ),
            (
                "macros.docx",
                DOCX,
                ooxml(
                    "application/vnd.ms-word.document.macroEnabled.main+xml",
                    "word/document.xml",
                ),
            ),
            ("archive.docx", DOCX, archive(&[("notes.txt", b"hi")])),
            ("cut.pdf", "application/pdf", cut),
            ("empty.pdf", "application/pdf", Vec::new()),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::from_response(response).await;
    let accepted = page.texts(".upload-results .accepted");
    let refused = page.texts(".upload-results .refused");
    assert_eq!(accepted.len(), 6, "{}", page.body);
    assert_eq!(refused.len(), 5, "{refused:?}");
    for (name, why) in [
        ("report.pdf", "not a PDF, docx, xlsx, pptx, odt or ods"),
        ("macros.docx", "macros"),
        ("archive.docx", "not a PDF"),
        ("cut.pdf", "damaged or incomplete"),
        ("empty.pdf", "empty"),
    ] {
        assert!(
            refused.iter().any(|r| r.contains(name) && r.contains(why)),
            "{name}: {refused:?}"
        );
    }
    let stored = rows(&app, id);
    let expected = [
        (
            "annual report 2019",
            "annual_report_2019.pdf",
            "application/pdf",
        ),
        ("minutes", "minutes.docx", DOCX),
        ("budget", "budget.xlsx", XLSX),
        ("slides", "slides.pptx", PPTX),
        ("letter", "letter.odt", ODT),
        ("figures", "figures.ods", ODS),
    ];
    assert_eq!(stored.len(), expected.len());
    for (row, (title, name, media_type)) in stored.iter().zip(expected) {
        assert_eq!(
            (
                row.0.as_str(),
                row.1.as_str(),
                row.2.as_str(),
                row.3.as_str()
            ),
            (title, "th", name, media_type)
        );
    }
    assert_eq!(
        files_in(&app, "media/doc"),
        6,
        "refused files stored nothing"
    );
    assert_eq!(files_in(&app, "tmp"), 0, "nothing left in tmp/");

    // The list, with sizes as the network writes them.
    let list = page_with(
        &app,
        &app.client,
        &format!("/admin/activities/{id}/attachments"),
    )
    .await;
    assert_eq!(list.status, StatusCode::OK);
    let metas = list.texts(".attachment-list .doc-meta");
    assert_eq!(metas.len(), 6);
    assert!(
        metas
            .iter()
            .all(|m| m.ends_with(" KB]") && m.contains("[1 KB]")),
        "{metas:?}"
    );
    let hrefs = list.attrs(".attachment-list a[href^='/admin/media/doc/']", "href");
    assert_eq!(hrefs.len(), 6);
    let editor = page_with(&app, &app.client, &format!("/admin/activities/{id}/edit")).await;
    assert_eq!(
        editor.attrs("section.documents a", "href"),
        [format!("/admin/activities/{id}/attachments")]
    );

    // Unpublished: its organization downloads it privately; others and visitors get 404.
    let other = client();
    log_in_as_member_with(&app, &other, "caram").await;
    let visitor = client();
    for (href, (_, name, media_type)) in hrefs.iter().zip(expected) {
        let own = app.client.get(app.url(href)).send().await.unwrap();
        assert_eq!(own.status(), StatusCode::OK, "{href}");
        let headers = own.headers();
        assert_eq!(headers["content-type"], media_type);
        assert_eq!(headers["x-content-type-options"], "nosniff");
        let disposition = headers["content-disposition"].to_str().unwrap();
        assert_eq!(
            disposition,
            format!("attachment; filename=\"{name}\"; filename*=UTF-8''{name}")
        );
        assert!(
            headers["cache-control"]
                .to_str()
                .unwrap()
                .contains("no-store")
        );
        assert_eq!(
            other.get(app.url(href)).send().await.unwrap().status(),
            StatusCode::NOT_FOUND
        );
        let public = href.strip_prefix("/admin").unwrap();
        assert_eq!(
            visitor.get(app.url(public)).send().await.unwrap().status(),
            StatusCode::NOT_FOUND
        );
        let response = visitor.get(app.url(href)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&response), "/login");
    }

    // Published: everyone gets it, cached briefly, with the same safe headers.
    crate::fixtures::go_live(&app, id, current_revision(&app, id));
    let slug: String = {
        use mmn_portal::db::schema::activities;
        activities::table
            .find(id)
            .select(activities::slug)
            .first(&mut *app.db.read_conn().unwrap())
            .unwrap()
    };
    let public_page = app.get_page(&format!("/activities/{slug}")).await;
    let links = public_page.attrs(".documents a", "href");
    assert_eq!(links.len(), 6, "{}", public_page.body);
    assert_eq!(
        public_page.attrs(".documents a", "type")[..2],
        ["application/pdf", DOCX]
    );
    let titles = public_page.texts(".documents a");
    assert_eq!(titles[0], "annual report 2019");
    let sizes = public_page.texts(".documents .doc-meta");
    assert!(sizes[0].ends_with("[1 KB]"), "{sizes:?}");
    for link in &links {
        let response = visitor.get(app.url(link)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{link}");
        assert_eq!(response.headers()["cache-control"], "public, max-age=300");
        assert_eq!(response.headers()["x-content-type-options"], "nosniff");
        assert!(response.headers().contains_key("etag"));
        assert!(
            response.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .contains("filename*=UTF-8''")
        );
    }
    let Some(checker) = HtmlChecker::find("documents_are_judged_by_content") else {
        return;
    };
    checker
        .check_all(&[
            ("attachments page".to_owned(), list.body),
            ("upload result".to_owned(), page.body),
            ("public page".to_owned(), public_page.body),
        ])
        .unwrap();
}

fn current_revision(app: &TestApp, activity: i32) -> i32 {
    use mmn_portal::db::schema::activities;
    activities::table
        .find(activity)
        .select(activities::current_revision_id)
        .first::<Option<i32>>(&mut *app.db.read_conn().unwrap())
        .unwrap()
        .expect("a current revision")
}

#[tokio::test]
async fn documents_are_described_and_removed_by_their_organization_only() {
    let app = TestApp::spawn().await;
    let token = log_in_as_member(&app, "fed").await;
    let id = draft(&app, &app.client, &token, "Statement").await;
    let response = upload(
        &app,
        &app.client,
        &token,
        id,
        &[("language", "my")],
        vec![
            ("statement.pdf", "application/pdf", pdf("s")),
            ("ထုတ်ပြန်ချက်.docx", DOCX, docx()),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&response),
        format!("/admin/activities/{id}/attachments")
    );
    let stored = rows(&app, id);
    assert_eq!(
        stored.iter().map(|r| r.1.as_str()).collect::<Vec<_>>(),
        ["my", "my"],
        "the language chosen"
    );
    let ids = attachment_ids(&app);
    // A Burmese name is kept exactly, and reaches the browser as RFC 6266 filename*.
    let href = page_with(
        &app,
        &app.client,
        &format!("/admin/activities/{id}/attachments"),
    )
    .await
    .attrs(".attachment-list a", "href")[1]
        .clone();
    let response = app.client.get(app.url(&href)).send().await.unwrap();
    let disposition = response.headers()["content-disposition"].to_str().unwrap();
    assert!(
        disposition
            .starts_with("attachment; filename=\"____________.docx\"; filename*=UTF-8''%E1%80"),
        "{disposition}"
    );

    // Title and language.
    let edit = format!("/admin/attachments/{}", ids[0]);
    let response = post(
        &app,
        &app.client,
        &edit,
        &[
            ("csrf_token", &token),
            ("title", "Joint statement"),
            ("language", "EN"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        (rows(&app, id)[0].0.as_str(), rows(&app, id)[0].1.as_str()),
        ("Joint statement", "en")
    );
    // Refused: 422, what was typed kept at its document with the message, nothing saved.
    for (title, language, field) in [
        ("  ", "en", "title"),
        ("Fine", "<b>english</b>", "language"),
    ] {
        let response = post(
            &app,
            &app.client,
            &edit,
            &[
                ("csrf_token", &token),
                ("title", title),
                ("language", language),
            ],
        )
        .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = Page::from_response(response).await;
        assert_eq!(
            page.attrs(&format!("#language-{}", ids[0]), "value"),
            [language]
        );
        assert_eq!(
            page.texts(&format!("#attachment-{}-error", ids[0])).len(),
            1
        );
        assert_eq!(
            page.attrs(&format!("#{field}-{}", ids[0]), "aria-invalid"),
            ["true"]
        );
        assert_eq!(rows(&app, id)[0].0, "Joint statement");
    }
    // A language that is not a tag refuses the whole upload before any file is read.
    let response = upload(
        &app,
        &app.client,
        &token,
        id,
        &[("language", "Burmese!")],
        vec![("x.pdf", "application/pdf", pdf("x"))],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::from_response(response).await;
    assert_eq!(page.attrs("#attachment-language", "value"), ["burmese!"]);
    assert_eq!(page.texts("#attachment-language-error").len(), 1);
    assert_eq!(rows(&app, id).len(), 2);

    // Another organization: 404 everywhere, nothing changes; a visitor is sent to log in.
    let other = client();
    let other_token = log_in_as_member_with(&app, &other, "caram").await;
    let before = rows(&app, id);
    assert_eq!(
        other
            .get(app.url(&format!("/admin/activities/{id}/attachments")))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    for (path, fields) in [
        (
            edit.clone(),
            vec![("title", "hijacked"), ("language", "en")],
        ),
        (format!("{edit}/delete"), vec![]),
        (
            "/admin/attachments/999999".to_owned(),
            vec![("title", "x"), ("language", "en")],
        ),
    ] {
        let mut form = vec![("csrf_token", other_token.as_str())];
        form.extend(fields);
        assert_eq!(
            post(&app, &other, &path, &form).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    assert_eq!(
        upload(
            &app,
            &other,
            &other_token,
            id,
            &[],
            vec![("y.pdf", "application/pdf", pdf("y"))]
        )
        .await
        .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(rows(&app, id), before, "nothing changed");
    let visitor = client();
    let response = visitor
        .get(app.url(&format!("/admin/activities/{id}/attachments")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/login");

    // Removal.
    let response = post(
        &app,
        &app.client,
        &format!("{edit}/delete"),
        &[("csrf_token", &token)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(rows(&app, id).len(), 1);

    // Submitted: documents no longer change (409), and the page offers no forms.
    execute(
        &app,
        &format!(
            "UPDATE activity_revisions SET state = 'submitted' WHERE id = {}",
            current_revision(&app, id)
        ),
    );
    let last = format!("/admin/attachments/{}", ids[1]);
    assert_eq!(
        post(
            &app,
            &app.client,
            &format!("{last}/delete"),
            &[("csrf_token", &token)]
        )
        .await
        .status(),
        StatusCode::CONFLICT
    );
    assert_eq!(
        upload(
            &app,
            &app.client,
            &token,
            id,
            &[],
            vec![("z.pdf", "application/pdf", pdf("z"))]
        )
        .await
        .status(),
        StatusCode::CONFLICT
    );
    let page = page_with(
        &app,
        &app.client,
        &format!("/admin/activities/{id}/attachments"),
    )
    .await;
    assert!(page.attrs("form[action$='/delete']", "action").is_empty());
    assert_eq!(rows(&app, id).len(), 1);
}

#[tokio::test]
async fn limits_per_document_and_per_request() {
    let app = TestApp::spawn().await;
    let token = log_in_as_member(&app, "fed").await;
    let id = draft(&app, &app.client, &token, "Big files").await;
    // Over 40 MB: refused on its own, streamed through without being kept; the next is taken.
    let mut big = pdf("big");
    big.resize(40 * 1024 * 1024 + 1, b' ');
    let response = upload(
        &app,
        &app.client,
        &token,
        id,
        &[],
        vec![
            ("big.pdf", "application/pdf", big),
            ("small.pdf", "application/pdf", pdf("small")),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::from_response(response).await;
    assert!(page.texts(".refused")[0].contains("40 MB"), "{}", page.body);
    assert!(page.texts(".accepted")[0].contains("small.pdf"));
    assert_eq!(rows(&app, id).len(), 1);
    assert_eq!(files_in(&app, "tmp"), 0);

    // 31 files: the first 30 are kept and listed, then 413.
    let files = (0..31)
        .map(|i| ("many.pdf", "application/pdf", pdf(&format!("many {i}"))))
        .collect();
    let response = upload(&app, &app.client, &token, id, &[], files).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let page = Page::from_response(response).await;
    assert_eq!(page.texts(".accepted").len(), 30);
    assert!(page.texts("#upload-stopped")[0].contains("30"));
    assert_eq!(rows(&app, id).len(), 31);
    assert_eq!(files_in(&app, "tmp"), 0);

    // No file at all: 422, never a bare 400.
    let response = upload(&app, &app.client, &token, id, &[], vec![]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_demo_reports_pdfs_download_under_their_names() {
    let app = TestApp::spawn_with(|c| c.demo = true).await;
    let (slug, name): (String, String) = {
        use mmn_portal::db::schema::activities;
        attachments::table
            .inner_join(
                activities::table
                    .on(activities::live_revision_id.eq(attachments::revision_id.nullable())),
            )
            .select((activities::slug, attachments::file_name))
            .first(&mut *app.db.read_conn().unwrap())
            .unwrap()
    };
    // Demo photos went through the same pipeline: a WebP beside every JPEG.
    let webp = crate::helpers_count(
        &app,
        "SELECT count(*) AS n FROM image_variants WHERE format = 'webp'",
    );
    let jpeg = crate::helpers_count(
        &app,
        "SELECT count(*) AS n FROM image_variants WHERE format = 'jpeg'",
    );
    assert!(webp > 0 && webp == jpeg, "{webp} WebP, {jpeg} JPEG");
    let page = app.get_page(&format!("/activities/{slug}")).await;
    let href = page.attrs(".documents a", "href").remove(0);
    let response = app.get(&href).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let disposition = response.headers()["content-disposition"].to_str().unwrap();
    assert!(
        disposition.starts_with(&format!(
            "attachment; filename=\"{name}\"; filename*=UTF-8''"
        )),
        "{disposition} names {name}"
    );
}
