//! The page cache: public pages come from memory, carry validators, and every kind of change
//! a visitor could see shows on the very next request.

use std::io::Read;
use std::time::Duration;

use diesel::Connection;
use reqwest::StatusCode;
use reqwest::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH,
    LAST_MODIFIED, SET_COOKIE, VARY,
};

use crate::auth::{member, secretariat};
use crate::browser::Browser;
use crate::fixtures::{self, Writing};
use crate::helpers::{Page, TestApp};

/// A portal with one category, one organization and one published activity in it.
async fn portal() -> TestApp {
    let app = TestApp::spawn().await;
    fixtures::execute(
        &app,
        "INSERT INTO categories (slug, name) VALUES ('network-activities', 'Network Activities')",
    );
    let org = fixtures::organization(&app, "mekong-watch", "Mekong Watch");
    let (activity, revision) = fixtures::published(
        &app,
        "border-meeting",
        org,
        Writing {
            title: "Border meeting in Mae Sot",
            ..Default::default()
        },
    );
    let _ = activity;
    fixtures::execute(
        &app,
        &format!(
            "INSERT INTO revision_categories (revision_id, category_id) \
             SELECT {revision}, id FROM categories"
        ),
    );
    app
}

async fn body(app: &TestApp, path: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.text().await.unwrap()
}

/// Posts an admin form (with a fresh CSRF token) and expects the redirect of success.
async fn act(browser: &mut Browser<'_>, path: &str, extra: &[(&str, &str)]) {
    let token = browser.csrf_token("/admin/account").await;
    let mut fields = vec![("csrf_token", token.as_str())];
    fields.extend_from_slice(extra);
    let response = browser.post(path, &fields, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{path}");
}

fn activity_form(title: &str) -> Vec<(&str, &str)> {
    vec![
        ("title", title),
        (
            "summary",
            "Volunteers and workers met at the river crossing.",
        ),
        ("body", "They talked about wages."),
        ("categories", "network-activities"),
        ("event_start", "2025-03-08"),
        ("location", "Mae Sot"),
        ("language", "en"),
    ]
}

/// A member's activity, submitted; returns its id.
async fn submitted(member: &mut Browser<'_>, title: &str) -> i32 {
    let token = member.csrf_token("/admin/activities/new").await;
    let mut fields = vec![("csrf_token", token.as_str())];
    fields.extend(activity_form(title));
    let response = member.post("/admin/activities", &fields, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let id = crate::helpers::created_activity_id(&response);
    act(member, &format!("/admin/activities/{id}/submit"), &[]).await;
    id
}

/// Renders `paths` into the cache and checks the second request ran no SQL at all.
async fn warm(app: &TestApp, paths: &[&str]) {
    for path in paths {
        body(app, path).await;
        assert_eq!(
            app.statements_for(path).await,
            0,
            "{path} came from the cache"
        );
    }
}

#[tokio::test]
async fn a_public_page_is_kept_with_validators_encodings_and_no_cookie() {
    let app = portal().await;
    let path = "/category/network-activities";
    let (first, response) = app.statements_during(app.get(path)).await;
    assert!(first > 0, "the first visit renders from the database");
    let headers = response.headers().clone();
    let identity = response.bytes().await.unwrap();
    assert!(String::from_utf8_lossy(&identity).contains("Border meeting in Mae Sot"));
    assert!(!headers.contains_key(SET_COOKIE), "no cookie for visitors");
    assert_eq!(headers[CACHE_CONTROL], "public, no-cache");
    let vary = headers[VARY].to_str().unwrap();
    for what in ["accept-encoding", "accept-language", "cookie"] {
        assert!(vary.contains(what), "Vary names {what}: {vary}");
    }
    let etag = headers[ETAG].to_str().unwrap().to_owned();
    assert!(etag.starts_with('"') && etag.len() > 10, "{etag}");

    // A browser holding the page gets 304 and no body.
    let not_modified = app
        .client
        .get(app.url(path))
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(not_modified.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(not_modified.headers()[ETAG], etag.as_str());
    assert!(not_modified.bytes().await.unwrap().is_empty());
    let modified = app
        .client
        .get(app.url(path))
        .header(IF_NONE_MATCH, "\"something-else\"")
        .send()
        .await
        .unwrap();
    assert_eq!(modified.status(), StatusCode::OK, "another ETag: the page");
    let since = headers[LAST_MODIFIED].to_str().unwrap();
    let by_date = app
        .client
        .get(app.url(path))
        .header(IF_MODIFIED_SINCE, since)
        .send()
        .await
        .unwrap();
    assert_eq!(by_date.status(), StatusCode::NOT_MODIFIED);

    // Stored compressed once; each encoding decodes to the same page.
    for (accept, encoding) in [("gzip", "gzip"), ("br;q=1, gzip;q=0.5", "br")] {
        let response = app
            .client
            .get(app.url(path))
            .header(ACCEPT_ENCODING, accept)
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()[CONTENT_ENCODING], encoding, "{accept}");
        let bytes = response.bytes().await.unwrap();
        let mut decoded = Vec::new();
        if encoding == "gzip" {
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut decoded)
                .unwrap();
        } else {
            brotli::BrotliDecompress(&mut &bytes[..], &mut decoded).unwrap();
        }
        assert_eq!(decoded, identity, "{encoding} is the same page");
        assert!(bytes.len() * 2 < identity.len(), "{encoding} compresses");
    }
}

#[tokio::test]
async fn only_successful_public_pages_are_kept() {
    let app = portal().await;
    for path in ["/category/no-such-category", "/login"] {
        app.get(path).await;
        let (statements, _) = app.statements_during(app.get(path)).await;
        assert!(statements > 0, "{path} is rendered every time");
    }
    let login = crate::helpers::client()
        .get(app.url("/login"))
        .send()
        .await
        .unwrap();
    assert!(login.headers().contains_key(SET_COOKIE));
    assert_ne!(login.headers()[CACHE_CONTROL], "public, no-cache");
}

#[tokio::test]
async fn without_the_cache_pages_are_rendered_each_time_and_still_validated() {
    let app = TestApp::spawn_with(|c| c.page_cache.enabled = false).await;
    app.get("/").await;
    let (statements, response) = app.statements_during(app.get("/")).await;
    assert!(statements > 0, "rendered from the database");
    let etag = response.headers()[ETAG].to_str().unwrap().to_owned();
    let again = app
        .client
        .get(app.url("/"))
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(
        again.status(),
        StatusCode::NOT_MODIFIED,
        "same page, same ETag"
    );
}

#[tokio::test]
async fn publishing_shows_on_the_next_request() {
    let app = portal().await;
    let mut member = member(&app).await;
    let mut admin = secretariat(&app).await;
    let id = submitted(&mut member, "Kite festival in Ranong").await;
    warm(&app, &["/", "/category/network-activities", "/feed.atom"]).await;
    let counts = [
        "[aria-labelledby=categories-heading] .count",
        "[aria-labelledby=months-heading] .count",
    ];
    let home = Page::from_response(app.get("/").await).await;
    for list in counts {
        assert_eq!(home.texts(list), ["(1 activity)"], "{list}");
    }
    act(&mut admin, &format!("/admin/activities/{id}/approve"), &[]).await;
    for path in ["/", "/category/network-activities", "/feed.atom"] {
        assert!(
            body(&app, path).await.contains("Kite festival in Ranong"),
            "{path}"
        );
    }
    // The counts beside the lists too: the months are kept apart from the page, until
    // the content changes.
    let home = Page::from_response(app.get("/").await).await;
    for list in counts {
        assert_eq!(home.texts(list), ["(2 activities)"], "{list}");
    }
}

#[tokio::test]
async fn an_approved_edit_shows_on_the_next_request() {
    let app = portal().await;
    let mut member = member(&app).await;
    let mut admin = secretariat(&app).await;
    let id = submitted(&mut member, "Kite festival in Ranong").await;
    act(&mut admin, &format!("/admin/activities/{id}/approve"), &[]).await;
    let slug_page = {
        let home = body(&app, "/").await;
        let start = home.find("/activities/kite").expect("linked from home");
        let end = home[start..].find('"').unwrap();
        home[start..start + end].to_owned()
    };
    warm(&app, &["/", &slug_page]).await;
    act(
        &mut member,
        &format!("/admin/activities/{id}"),
        &activity_form("Lantern festival in Ranong"),
    )
    .await;
    assert!(
        body(&app, &slug_page).await.contains("Kite festival"),
        "an edit waits for approval, and the cache keeps serving the live text"
    );
    act(&mut member, &format!("/admin/activities/{id}/submit"), &[]).await;
    act(&mut admin, &format!("/admin/activities/{id}/approve"), &[]).await;
    for path in ["/", slug_page.as_str()] {
        let page = body(&app, path).await;
        assert!(page.contains("Lantern festival in Ranong"), "{path}");
        assert!(!page.contains("Kite festival"), "{path}");
    }
}

#[tokio::test]
async fn unpublishing_shows_on_the_next_request() {
    let app = portal().await;
    let mut admin = secretariat(&app).await;
    warm(&app, &["/", "/activities/border-meeting"]).await;
    let id = crate::helpers_count(
        &app,
        "SELECT id AS n FROM activities WHERE slug = 'border-meeting'",
    );
    act(
        &mut admin,
        &format!("/admin/activities/{id}/unpublish"),
        &[(
            "reason",
            "A photo shows a worker who asked not to be shown.",
        )],
    )
    .await;
    let home = body(&app, "/").await;
    assert!(!home.contains("Border meeting in Mae Sot"));
    assert!(!home.contains("/archive/"), "no month left to list");
    assert_eq!(
        app.get("/activities/border-meeting").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn scheduled_publication_shows_on_the_next_request() {
    let app = portal().await;
    let mut member = member(&app).await;
    let mut admin = secretariat(&app).await;
    let id = submitted(&mut member, "Embargoed statement on boat crews").await;
    let at = chrono::Utc::now().naive_utc() + chrono::TimeDelta::seconds(2);
    let at = chrono::TimeZone::from_utc_datetime(&chrono_tz::Asia::Bangkok, &at)
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string();
    act(
        &mut admin,
        &format!("/admin/activities/{id}/approve"),
        &[("publish_at", &at)],
    )
    .await;
    warm(&app, &["/"]).await;
    assert!(!body(&app, "/").await.contains("Embargoed statement"));
    let live = format!(
        "SELECT count(*) AS n FROM activities WHERE id = {id} AND live_revision_id IS NOT NULL"
    );
    let mut waited = 0;
    while crate::helpers_count(&app, &live) == 0 {
        assert!(waited < 100, "the scheduler published it");
        tokio::time::sleep(Duration::from_millis(100)).await;
        waited += 1;
    }
    assert!(
        body(&app, "/")
            .await
            .contains("Embargoed statement on boat crews")
    );
}

#[tokio::test]
async fn a_renamed_category_shows_on_the_next_request() {
    let app = portal().await;
    let mut admin = secretariat(&app).await;
    warm(&app, &["/", "/category/network-activities"]).await;
    let id = crate::helpers_count(&app, "SELECT id AS n FROM categories");
    act(
        &mut admin,
        &format!("/admin/categories/{id}"),
        &[
            ("name", "Meetings of the network"),
            ("slug", "network-activities"),
            ("description", ""),
            ("position", "1"),
        ],
    )
    .await;
    for path in ["/", "/category/network-activities"] {
        assert!(
            body(&app, path).await.contains("Meetings of the network"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_renamed_organization_shows_on_the_next_request() {
    let app = portal().await;
    let mut admin = secretariat(&app).await;
    warm(&app, &["/activities/border-meeting", "/organizations"]).await;
    let id = crate::helpers_count(
        &app,
        "SELECT id AS n FROM organizations WHERE slug = 'mekong-watch'",
    );
    act(
        &mut admin,
        &format!("/admin/organizations/{id}"),
        &[
            ("name", "Mekong River Watch"),
            ("slug", "mekong-watch"),
            ("country", "TH"),
            ("website", ""),
            ("profile", ""),
        ],
    )
    .await;
    for path in ["/activities/border-meeting", "/organizations"] {
        assert!(
            body(&app, path).await.contains("Mekong River Watch"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn an_edited_page_shows_on_the_next_request() {
    let app = portal().await;
    let mut admin = secretariat(&app).await;
    fixtures::execute(
        &app,
        "INSERT INTO pages (slug, title, body) VALUES ('about', 'About us', 'The network.')",
    );
    warm(&app, &["/pages/about"]).await;
    act(
        &mut admin,
        "/admin/pages/about",
        &[
            ("title", "About us"),
            ("body", "Founded in 2003 in Chiang Mai."),
        ],
    )
    .await;
    assert!(
        body(&app, "/pages/about")
            .await
            .contains("Founded in 2003 in Chiang Mai.")
    );
}

#[tokio::test]
async fn a_change_by_another_process_shows_within_a_second() {
    let app = portal().await;
    warm(&app, &["/"]).await;
    // As the sqlite3 shell would: a connection of its own, not the portal's.
    let mut shell = diesel::SqliteConnection::establish(
        app.data_dir.path().join("portal.sqlite3").to_str().unwrap(),
    )
    .unwrap();
    diesel::RunQueryDsl::execute(
        diesel::sql_query("UPDATE categories SET name = 'Renamed from the shell'"),
        &mut shell,
    )
    .unwrap();
    let mut waited = 0;
    while !body(&app, "/").await.contains("Renamed from the shell") {
        assert!(waited < 30, "seen within a few ticks");
        tokio::time::sleep(Duration::from_millis(100)).await;
        waited += 1;
    }
}

#[tokio::test]
async fn drafts_leave_the_cache_alone() {
    let app = portal().await;
    let mut member = member(&app).await;
    warm(&app, &["/"]).await;
    submitted(&mut member, "A draft nobody sees yet").await;
    assert_eq!(
        app.statements_for("/").await,
        0,
        "members at work do not empty the cache"
    );
}

#[tokio::test]
async fn static_assets_are_sent_precompressed() {
    let app = TestApp::spawn().await;
    let home = app.get_page("/").await;
    let css = home
        .attrs("link[rel=stylesheet]", "href")
        .pop()
        .expect("a stylesheet");
    let plain = app.get(&css).await.bytes().await.unwrap();
    for (accept, encoding) in [("gzip", "gzip"), ("gzip, br", "br")] {
        let response = app
            .client
            .get(app.url(&css))
            .header(ACCEPT_ENCODING, accept)
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()[CONTENT_ENCODING], encoding, "{accept}");
        assert!(
            response.headers()[VARY]
                .to_str()
                .unwrap()
                .contains("accept-encoding")
        );
        let bytes = response.bytes().await.unwrap();
        let mut decoded = Vec::new();
        if encoding == "gzip" {
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut decoded)
                .unwrap();
        } else {
            brotli::BrotliDecompress(&mut &bytes[..], &mut decoded).unwrap();
        }
        assert_eq!(decoded, plain, "{encoding} is the same stylesheet");
        assert!(bytes.len() < plain.len() / 2);
    }
}
