//! Atom feeds, the sitemap, canonical and preview meta, and the schema.org JSON-LD of
//! activity pages: parsed with real parsers, checked field by field.

use chrono::DateTime;
use diesel::prelude::*;
use diesel::sql_types::Text;
use reqwest::StatusCode;
use tokio::sync::OnceCell;

use crate::fixtures::{self, Writing};
use crate::helpers::TestApp;

const ATOM: &str = "http://www.w3.org/2005/Atom";
const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// The demo portal the read-only tests of this file share.
async fn demo() -> &'static TestApp {
    static APP: OnceCell<TestApp> = OnceCell::const_new();
    crate::helpers::shared_demo(&APP).await
}

#[derive(QueryableByName)]
struct Slug {
    #[diesel(sql_type = Text)]
    slug: String,
}

fn slugs(app: &TestApp, sql: &str) -> Vec<String> {
    diesel::sql_query(sql)
        .load::<Slug>(&mut *app.db.read_conn().unwrap())
        .unwrap()
        .into_iter()
        .map(|s| s.slug)
        .collect()
}

/// GETs `path`, checks the status and content type, returns the body.
async fn fetch(app: &TestApp, path: &str, content_type: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let got = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(got.starts_with(content_type), "{path}: {got}");
    response.text().await.unwrap()
}

fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|n| n.has_tag_name((ATOM, name)))
}

fn text<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> &'a str {
    child(node, name)
        .and_then(|n| n.text())
        .unwrap_or_else(|| panic!("no {name}"))
}

fn rfc3339(value: &str) -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(value).unwrap_or_else(|e| panic!("{value}: {e}"))
}

/// A feed's entries as (id, alternate link), checking every required field on the way.
fn check_feed(app: &TestApp, xml: &str, self_path: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(xml).expect("the feed is XML");
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")));
    assert!(text(feed, "id").starts_with("tag:127.0.0.1,2026:"));
    assert!(!text(feed, "title").is_empty());
    let feed_updated = rfc3339(text(feed, "updated"));
    let links: Vec<_> = feed
        .children()
        .filter(|n| n.has_tag_name((ATOM, "link")))
        .map(|n| (n.attribute("rel").unwrap(), n.attribute("href").unwrap()))
        .collect();
    let self_url = app.url(self_path);
    assert!(links.contains(&("self", self_url.as_str())), "{links:?}");
    let mut out = Vec::new();
    let mut previous = None;
    for entry in feed.children().filter(|n| n.has_tag_name((ATOM, "entry"))) {
        let id = text(entry, "id");
        assert!(id.starts_with("tag:127.0.0.1,2026:activity-"), "{id}");
        assert!(!text(entry, "title").is_empty());
        let updated = rfc3339(text(entry, "updated"));
        let published = rfc3339(text(entry, "published"));
        assert!(updated >= published && updated <= feed_updated);
        if let Some(before) = previous {
            assert!(published <= before, "newest first");
        }
        previous = Some(published);
        let author = child(entry, "author").expect("author");
        assert!(!text(author, "name").is_empty());
        let alternate = entry
            .children()
            .find(|n| n.has_tag_name((ATOM, "link")) && n.attribute("rel") == Some("alternate"))
            .and_then(|n| n.attribute("href"))
            .expect("alternate link");
        assert!(
            alternate.starts_with(&app.url("/activities/")),
            "{alternate}"
        );
        let content = child(entry, "content").expect("content");
        assert_eq!(content.attribute("type"), Some("html"));
        let html = content.text().unwrap_or_default();
        assert!(html.contains("<p>"), "full content: {html}");
        assert!(
            !html.contains("src=\"/") && !html.contains("href=\"/"),
            "absolute URLs: {html}"
        );
        out.push((id.to_owned(), alternate.to_owned()));
    }
    out
}

#[tokio::test]
async fn the_site_feed_holds_the_latest_twenty_activities_in_full() {
    let app = demo().await;
    let xml = fetch(app, "/feed.atom", "application/atom+xml").await;
    let entries = check_feed(app, &xml, "/feed.atom");
    let latest = slugs(
        app,
        "SELECT slug FROM activities WHERE live_revision_id IS NOT NULL \
         ORDER BY published_at DESC, id DESC LIMIT 20",
    );
    let linked: Vec<String> = entries
        .iter()
        .map(|(_, url)| url.rsplit('/').next().unwrap().to_owned())
        .collect();
    assert_eq!(linked, latest);

    // Ids are stable from one request to the next.
    let again = check_feed(
        app,
        &fetch(app, "/feed.atom", "application/atom+xml").await,
        "/feed.atom",
    );
    assert_eq!(entries, again);

    // Attachments are enclosures with their size and type, and can be fetched.
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let enclosures: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((ATOM, "link")) && n.attribute("rel") == Some("enclosure"))
        .collect();
    assert!(!enclosures.is_empty());
    for e in &enclosures {
        assert_eq!(e.attribute("type"), Some("application/pdf"));
        assert!(e.attribute("length").unwrap().parse::<u64>().unwrap() > 0);
        assert!(e.attribute("title").is_some());
    }
    let href = enclosures[0].attribute("href").unwrap();
    let pdf = app.client.get(href).send().await.unwrap();
    assert_eq!(pdf.status(), StatusCode::OK, "{href}");
}

#[tokio::test]
async fn category_and_organization_feeds_hold_only_their_activities() {
    let app = demo().await;
    let xml = fetch(app, "/category/trainings/feed.atom", "application/atom+xml").await;
    let entries = check_feed(app, &xml, "/category/trainings/feed.atom");
    let in_category = slugs(
        app,
        "SELECT a.slug AS slug FROM activities a JOIN revision_categories rc ON rc.revision_id = a.live_revision_id \
         JOIN categories c ON c.id = rc.category_id WHERE c.slug = 'trainings' ORDER BY a.published_at DESC LIMIT 20",
    );
    assert!(!entries.is_empty());
    assert_eq!(entries.len(), in_category.len());
    let doc = roxmltree::Document::parse(&xml).unwrap();
    for entry in doc
        .descendants()
        .filter(|n| n.has_tag_name((ATOM, "entry")))
    {
        assert!(
            entry
                .children()
                .any(|c| c.has_tag_name((ATOM, "category"))
                    && c.attribute("term") == Some("trainings")),
            "every entry is in the category"
        );
    }

    let xml = fetch(app, "/organizations/ffss/feed.atom", "application/atom+xml").await;
    let entries = check_feed(app, &xml, "/organizations/ffss/feed.atom");
    let of_org = slugs(
        app,
        "SELECT a.slug AS slug FROM activities a JOIN organizations o ON o.id = a.organization_id \
         WHERE o.slug = 'ffss' AND a.live_revision_id IS NOT NULL",
    );
    assert_eq!(entries.len(), of_org.len().min(20));

    for path in ["/category/nope/feed.atom", "/organizations/nope/feed.atom"] {
        assert_eq!(
            app.get(path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

#[tokio::test]
async fn unpublished_activities_are_in_no_feed_and_no_sitemap() {
    let app = demo().await;
    let hidden = slugs(
        app,
        "SELECT slug FROM activities WHERE live_revision_id IS NULL",
    );
    assert!(!hidden.is_empty());
    let mut documents = vec![
        fetch(app, "/feed.atom", "application/atom+xml").await,
        fetch(app, "/sitemap.xml", "application/xml").await,
    ];
    for slug in slugs(app, "SELECT slug FROM categories") {
        documents.push(
            fetch(
                app,
                &format!("/category/{slug}/feed.atom"),
                "application/atom+xml",
            )
            .await,
        );
    }
    for document in &documents {
        for slug in &hidden {
            assert!(
                !document.contains(&format!("/activities/{slug}<")),
                "{slug}"
            );
            assert!(
                !document.contains(&format!("/activities/{slug}\"")),
                "{slug}"
            );
        }
    }
}

#[tokio::test]
async fn an_edit_keeps_the_entry_id_and_moves_its_updated_time() {
    let app = TestApp::spawn().await;
    let org = fixtures::organization(&app, "hrdf", "HRDF");
    let (id, first) = fixtures::published(
        &app,
        "statement",
        org,
        Writing {
            title: "Statement on fishing",
            body: "First text.",
            ..Writing::default()
        },
    );
    fixtures::execute(
        &app,
        "UPDATE activities SET published_at = '2024-01-01 00:00:00';
         UPDATE activity_revisions SET updated_at = '2024-01-01 00:00:00'",
    );
    let before = check_feed(
        &app,
        &fetch(&app, "/feed.atom", "application/atom+xml").await,
        "/feed.atom",
    );
    let second = fixtures::revision(
        &app,
        id,
        2,
        Writing {
            title: "Statement on fishing (corrected)",
            body: "Second text.",
            ..Writing::default()
        },
    );
    assert_ne!(first, second);
    fixtures::go_live(&app, id, second);
    let xml = fetch(&app, "/feed.atom", "application/atom+xml").await;
    let after = check_feed(&app, &xml, "/feed.atom");
    assert_eq!(before, after, "same id and link");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let entry = doc
        .descendants()
        .find(|n| n.has_tag_name((ATOM, "entry")))
        .unwrap();
    assert_eq!(text(entry, "title"), "Statement on fishing (corrected)");
    assert_eq!(text(entry, "published"), "2024-01-01T00:00:00+00:00");
    assert!(rfc3339(text(entry, "updated")) > rfc3339("2024-01-01T00:00:00+00:00"));
}

#[tokio::test]
async fn every_page_links_its_feeds_and_names_its_canonical_url() {
    let app = demo().await;
    for (path, feeds) in [
        ("/", vec!["/feed.atom"]),
        (
            "/category/trainings",
            vec!["/feed.atom", "/category/trainings/feed.atom"],
        ),
        (
            "/organizations/mmn",
            vec!["/feed.atom", "/organizations/mmn/feed.atom"],
        ),
        ("/organizations", vec!["/feed.atom"]),
        ("/pages/about", vec!["/feed.atom"]),
        ("/search", vec!["/feed.atom"]),
        ("/no-such-page", vec!["/feed.atom"]),
    ] {
        let page = app.get_page(path).await;
        assert_eq!(
            page.attrs(
                "head link[rel=alternate][type='application/atom+xml']",
                "href"
            ),
            feeds,
            "{path}"
        );
        for title in page.attrs("head link[rel=alternate]", "title") {
            assert!(!title.is_empty());
        }
        if page.status == StatusCode::OK {
            assert_eq!(
                page.attrs("link[rel=canonical]", "href"),
                [app.url(path)],
                "{path}"
            );
        }
    }
    let second = app.get_page("/category/network-activities?page=2").await;
    assert_eq!(
        second.attrs("link[rel=canonical]", "href"),
        [app.url("/category/network-activities?page=2")]
    );
}

fn meta(page: &crate::helpers::Page, key: &str) -> Vec<String> {
    let mut out = page.attrs(&format!("meta[property='{key}']"), "content");
    out.extend(page.attrs(&format!("meta[name='{key}']"), "content"));
    out
}

#[tokio::test]
async fn activity_pages_carry_previews_and_an_event_for_search_engines() {
    let app = demo().await;
    let slug = &slugs(
        app,
        "SELECT a.slug AS slug FROM activities a JOIN activity_revisions r ON r.id = a.live_revision_id \
         WHERE EXISTS (SELECT 1 FROM photos p WHERE p.revision_id = r.id) AND r.event_start IS NOT NULL \
           AND r.location != '' ORDER BY a.published_at LIMIT 1",
    )[0];
    let path = format!("/activities/{slug}");
    let page = app.get_page(&path).await;
    let title = page.texts("h1").remove(0);
    assert_eq!(meta(&page, "og:title"), std::slice::from_ref(&title));
    assert_eq!(meta(&page, "twitter:title"), std::slice::from_ref(&title));
    assert_eq!(meta(&page, "og:type"), ["article"]);
    assert_eq!(meta(&page, "og:url"), [app.url(&path)]);
    let description = meta(&page, "og:description").remove(0);
    assert!(
        page.texts(".lead")[0].starts_with(description.trim_end_matches('…')),
        "{description}"
    );
    assert_eq!(meta(&page, "twitter:card"), ["summary_large_image"]);
    let image = meta(&page, "og:image").remove(0);
    assert!(image.starts_with(&app.url("/media/")), "{image}");
    assert_eq!(meta(&page, "twitter:image"), std::slice::from_ref(&image));
    let width: i32 = meta(&page, "og:image:width")[0].parse().unwrap();
    assert_eq!(
        width, 800,
        "the largest stored size up to 1000 px (demo photos are 800 px)"
    );
    assert!(!meta(&page, "og:image:alt")[0].is_empty());
    let fetched = app.client.get(&image).send().await.unwrap();
    assert_eq!(fetched.status(), StatusCode::OK);

    let scripts = page.texts("script");
    assert_eq!(scripts.len(), 1, "one script element, the JSON-LD");
    assert_eq!(page.attrs("script", "type"), ["application/ld+json"]);
    let raw = page
        .html
        .select(&scraper::Selector::parse("script").unwrap())
        .next()
        .unwrap()
        .inner_html();
    let event: serde_json::Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(event["@context"], "https://schema.org");
    assert_eq!(event["@type"], "Event");
    assert_eq!(event["name"], title.as_str());
    assert!(event["startDate"].as_str().unwrap().len() == 10, "{event}");
    assert!(event["location"].is_object() || event["location"].is_array());
    let organizers = event["organizer"].as_array().unwrap();
    assert_eq!(organizers[0]["@type"], "Organization");
    assert!(
        organizers[0]["url"]
            .as_str()
            .unwrap()
            .starts_with(&app.url("/organizations/"))
    );
    assert_eq!(event["image"], image.as_str());
}

#[tokio::test]
async fn a_hostile_title_leaves_the_json_ld_intact_and_inert() {
    let app = TestApp::spawn().await;
    let org = fixtures::organization(&app, "x", "X <b>&</b>");
    let title = "</script><script>alert(1)</script> & <!-- \" '";
    fixtures::published(
        &app,
        "hostile",
        org,
        Writing {
            title,
            summary: "</SCRIPT><img src=x onerror=alert(1)>",
            location: "</script>\nMae Sot",
            event_start: Some("2024-12-18"),
            ..Writing::default()
        },
    );
    let page = app.get_page("/activities/hostile").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("<script>alert"));
    assert!(!page.body.to_lowercase().contains("</script><"));
    assert_eq!(
        page.attrs("script", "type"),
        ["application/ld+json"],
        "one script, data only"
    );
    let selector = scraper::Selector::parse("script").unwrap();
    let raw = page.html.select(&selector).next().unwrap().inner_html();
    assert!(
        !raw.contains('<') && !raw.contains('>') && !raw.contains('&'),
        "{raw}"
    );
    let event: serde_json::Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(event["name"], title);
    assert_eq!(event["organizer"][0]["name"], "X <b>&</b>");
    assert_eq!(event["location"][0]["name"], "</script>");
    assert_eq!(event["startDate"], "2024-12-18");
    assert_eq!(meta(&page, "og:title"), [title]);
    assert!(
        page.html
            .select(&scraper::Selector::parse("img[onerror]").unwrap())
            .next()
            .is_none()
    );
    // The feed carries the same text, escaped as XML.
    let xml = fetch(&app, "/feed.atom", "application/atom+xml").await;
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let entry = doc
        .descendants()
        .find(|n| n.has_tag_name((ATOM, "entry")))
        .unwrap();
    assert_eq!(text(entry, "title"), title);
}

#[tokio::test]
async fn the_sitemap_lists_every_public_url_with_its_last_change() {
    let app = demo().await;
    let xml = fetch(app, "/sitemap.xml", "application/xml").await;
    let doc = roxmltree::Document::parse(&xml).expect("the sitemap is XML");
    assert!(doc.root_element().has_tag_name((SITEMAP, "urlset")));
    let mut urls = Vec::new();
    for url in doc.root_element().children().filter(|n| n.is_element()) {
        assert!(url.has_tag_name((SITEMAP, "url")));
        let loc = url
            .children()
            .find(|n| n.has_tag_name((SITEMAP, "loc")))
            .and_then(|n| n.text())
            .unwrap();
        if let Some(lastmod) = url
            .children()
            .find(|n| n.has_tag_name((SITEMAP, "lastmod")))
        {
            rfc3339(lastmod.text().unwrap());
        }
        assert!(loc.starts_with(&app.url("/")), "{loc}");
        urls.push(loc.trim_start_matches(&app.address).to_owned());
    }
    let mut expected = vec!["/".to_owned(), "/organizations".into()];
    let public = |sql: &str, prefix: &str| -> Vec<String> {
        slugs(app, sql)
            .into_iter()
            .map(|s| format!("{prefix}{s}"))
            .collect()
    };
    expected.extend(public(
        "SELECT slug FROM activities WHERE live_revision_id IS NOT NULL",
        "/activities/",
    ));
    expected.extend(public("SELECT slug FROM categories", "/category/"));
    expected.extend(public(
        "SELECT slug FROM organizations WHERE active",
        "/organizations/",
    ));
    expected.extend(public("SELECT slug FROM pages", "/pages/"));
    expected.extend(public(
        "SELECT DISTINCT strftime('%Y/%m', published_at, '+7 hours') AS slug FROM activities \
         WHERE live_revision_id IS NOT NULL",
        "/archive/",
    ));
    for path in &expected {
        assert!(urls.contains(path), "{path} missing from the sitemap");
    }
    assert_eq!(urls.len(), expected.len(), "nothing else: {urls:?}");
    for path in urls.iter().take(5).chain(urls.iter().rev().take(5)) {
        assert_eq!(app.get(path).await.status(), StatusCode::OK, "{path}");
    }
    assert_eq!(
        app.get("/sitemap.xml?part=1").await.status(),
        StatusCode::NOT_FOUND
    );
    let robots = app.get("/robots.txt").await.text().await.unwrap();
    assert!(
        robots.contains(&format!("Sitemap: {}", app.url("/sitemap.xml"))),
        "{robots}"
    );
}
