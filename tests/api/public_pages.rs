//! The pages visitors read, over the demo content.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use reqwest::StatusCode;
use tokio::sync::OnceCell;

use crate::helpers::{Page, TestApp};
use crate::tools::HtmlChecker;

/// The demo portal the read-only tests of this file share.
async fn app() -> &'static TestApp {
    static APP: OnceCell<TestApp> = OnceCell::const_new();
    crate::helpers::shared_demo(&APP).await
}

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = Text)]
    a: String,
    #[diesel(sql_type = Text)]
    b: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn rows(app: &TestApp, sql: &str) -> Vec<(String, String)> {
    diesel::sql_query(sql)
        .load::<Row>(&mut *app.db.read_conn().unwrap())
        .unwrap()
        .into_iter()
        .map(|r| (r.a, r.b))
        .collect()
}

fn count(app: &TestApp, sql: &str) -> i64 {
    diesel::sql_query(sql)
        .get_result::<Count>(&mut *app.db.read_conn().unwrap())
        .unwrap()
        .n
}

fn published_in_main(app: &TestApp) -> i64 {
    count(
        app,
        "SELECT count(*) AS n FROM activities a JOIN revision_categories rc ON rc.revision_id = a.live_revision_id \
                JOIN categories c ON c.id = rc.category_id WHERE c.slug = 'network-activities'",
    )
}

/// (slug, title) of every activity that is not public.
fn hidden_activities(app: &TestApp) -> Vec<(String, String)> {
    rows(
        app,
        "SELECT a.slug AS a, r.title AS b FROM activities a JOIN activity_revisions r ON r.id = a.current_revision_id \
               WHERE a.live_revision_id IS NULL",
    )
}

#[tokio::test]
async fn the_home_page_shows_the_latest_activities_categories_and_months() {
    let app = app().await;
    let page = app.get_page("/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.html.select(&sel("main article.card")).count(), 8);
    let categories = page.texts("#categories-heading + ul li a");
    assert!(
        categories.len() >= 6 && categories.contains(&"Network Activities".to_owned()),
        "{categories:?}"
    );
    let months = page.attrs("#months-heading + ul a", "href");
    assert!(
        months.len() >= 3 && months.iter().all(|h| h.starts_with("/archive/")),
        "{months:?}"
    );
}

#[tokio::test]
async fn a_category_page_lists_ten_activities_with_everything_a_reader_needs() {
    let app = app().await;
    let page = app.get_page("/category/network-activities").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.texts("h1"), ["Category archives: Network Activities"]);
    let cards: Vec<_> = page.html.select(&sel("article.card")).collect();
    assert_eq!(cards.len(), 10);
    for card in &cards {
        let text = |s: &str| {
            card.select(&sel(s))
                .map(|e| e.text().collect::<String>())
                .collect::<Vec<_>>()
        };
        let href = |s: &str| {
            card.select(&sel(s))
                .filter_map(|e| e.value().attr("href"))
                .collect::<Vec<_>>()
        };
        assert_eq!(href(".card-title a").len(), 1);
        assert!(href(".card-title a")[0].starts_with("/activities/"));
        assert_eq!(
            card.select(&sel("time[datetime]")).count(),
            1,
            "publication date"
        );
        assert!(
            href(".meta a")[0].starts_with("/organizations/"),
            "organization"
        );
        assert!(!text(".event")[0].is_empty(), "event dates and place");
        assert!(!text(".summary")[0].trim().is_empty());
        assert!(text(".more a")[0].contains("Continue reading"));
    }
    let thumbs: Vec<_> = page.html.select(&sel("article.card img")).collect();
    assert!(!thumbs.is_empty(), "some activities have a thumbnail");
    for img in thumbs {
        let v = img.value();
        for attribute in ["src", "srcset", "sizes", "width", "height", "alt"] {
            assert!(v.attr(attribute).is_some(), "img lacks {attribute}");
        }
        assert_eq!(v.attr("loading"), Some("lazy"));
        assert!(v.attr("srcset").unwrap().contains(" 400w"));
    }
    assert_eq!(
        page.attrs("head link[rel=next]", "href"),
        ["/category/network-activities?page=2"]
    );
    assert_eq!(
        page.attrs("nav.pagination a[rel=next]", "href"),
        ["/category/network-activities?page=2"]
    );
    assert!(
        page.attrs("a[rel=prev]", "href").is_empty(),
        "page 1 has no newer page"
    );
}

#[tokio::test]
async fn pagination_ends_where_the_activities_end() {
    let app = app().await;
    let total = published_in_main(app);
    let pages = (total + 9) / 10;
    let last = app
        .get_page(&format!("/category/network-activities?page={pages}"))
        .await;
    assert_eq!(last.status, StatusCode::OK);
    assert_eq!(
        last.html.select(&sel("article.card")).count() as i64,
        total - (pages - 1) * 10
    );
    assert!(last.attrs("a[rel=next]", "href").is_empty());
    let newer = if pages == 2 {
        "/category/network-activities".to_owned()
    } else {
        format!("/category/network-activities?page={}", pages - 1)
    };
    assert_eq!(last.attrs("nav.pagination a[rel=prev]", "href"), [newer]);

    for path in [
        format!("/category/network-activities?page={}", pages + 1),
        "/category/network-activities?page=0".into(),
        "/category/network-activities?page=two".into(),
        "/category/no-such-category".into(),
        "/activities/no-such-activity".into(),
        "/organizations/no-such-org".into(),
        "/archive/1999/01".into(),
        "/archive/2016/13".into(),
        "/pages/no-such-page".into(),
    ] {
        let page = app.get_page(&path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(page.texts("h1"), ["Page not found"], "{path}");
    }
}

#[tokio::test]
async fn list_pages_make_the_same_number_of_queries_for_one_or_ten_activities() {
    // A portal of its own: the statement counter must see no other test's requests. No
    // page cache, or the second visit would run no statement at all.
    let app = &TestApp::spawn_with(|c| {
        c.demo = true;
        c.page_cache.enabled = false;
    })
    .await;
    let total = published_in_main(app);
    let last_page = (total + 9) / 10;
    let measure = |path: String| async move {
        app.get(&path).await; // warm the pool
        app.statements_for(&path).await
    };
    let full = measure("/category/network-activities".into()).await;
    let partial = measure(format!("/category/network-activities?page={last_page}")).await;
    assert_eq!(
        full,
        partial,
        "category page: 10 cards vs {} cards",
        total % 10
    );
    assert!(
        full > 0 && full <= 6,
        "category page makes {full} statements"
    );

    let orgs = rows(
        app,
        "SELECT o.slug AS a, CAST(count(*) AS TEXT) AS b FROM organizations o JOIN activities a \
        ON a.organization_id = o.id AND a.live_revision_id IS NOT NULL GROUP BY o.id ORDER BY count(*)",
    );
    let (fewest, most) = (&orgs[0], &orgs[orgs.len() - 1]);
    assert_ne!(
        fewest.1, most.1,
        "the demo has organizations with different numbers of activities"
    );
    assert_eq!(
        measure(format!("/organizations/{}", fewest.0)).await,
        measure(format!("/organizations/{}", most.0)).await
    );

    let months = rows(
        app,
        "SELECT strftime('%Y/%m', published_at, '+7 hours') AS a, CAST(count(*) AS TEXT) AS b \
        FROM activities WHERE live_revision_id IS NOT NULL GROUP BY a ORDER BY count(*)",
    );
    let (quiet, busy) = (&months[0], &months[months.len() - 1]);
    if quiet.1 != busy.1 {
        assert_eq!(
            measure(format!("/archive/{}", quiet.0)).await,
            measure(format!("/archive/{}", busy.0)).await
        );
    }
}

#[tokio::test]
async fn an_activity_page_shows_the_event_body_gallery_documents_and_press() {
    let app = app().await;
    let with_all = rows(
        app,
        "SELECT a.slug AS a, r.title AS b FROM activities a JOIN activity_revisions r ON r.id = a.live_revision_id \
        WHERE EXISTS (SELECT 1 FROM photos p WHERE p.revision_id = r.id) \
          AND EXISTS (SELECT 1 FROM attachments t WHERE t.revision_id = r.id) \
          AND EXISTS (SELECT 1 FROM revision_partners rp WHERE rp.revision_id = r.id) \
        ORDER BY a.published_at LIMIT 1",
    );
    let (slug, title) = &with_all[0];
    let page = app.get_page(&format!("/activities/{slug}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.texts("h1"), std::slice::from_ref(title));
    let terms = page.texts(".event-box dt");
    for term in ["Dates", "Place", "Organized by", "Partners"] {
        assert!(
            terms.contains(&term.to_owned()),
            "event box lacks {term}: {terms:?}"
        );
    }
    assert!(
        !page.texts(".activity .body p").is_empty(),
        "the body is rendered"
    );
    let gallery_links = page.attrs(".gallery figure a", "href");
    assert!(!gallery_links.is_empty());
    for img in page.html.select(&sel(".gallery img")) {
        assert!(
            !img.value().attr("alt").unwrap_or_default().is_empty(),
            "every photo has alt text"
        );
    }
    let larger = app.get(&gallery_links[0]).await;
    assert_eq!(
        larger.status(),
        StatusCode::OK,
        "the larger photo is served"
    );
    assert!(
        page.texts(".gallery figcaption")
            .iter()
            .all(|c| !c.is_empty())
    );
    let docs = page.texts(".documents li");
    assert!(
        docs.iter()
            .all(|d| d.contains(" KB]") || d.contains(" MB]")),
        "sizes like [202 KB]: {docs:?}"
    );
    let pdf = &page.attrs(".documents a", "href")[0];
    let response = app.get(pdf).await;
    assert_eq!(response.headers()["content-type"], "application/pdf");
    assert!(
        !page.attrs(".neighbours a", "href").is_empty(),
        "previous/next in its category"
    );
    assert_eq!(
        page.attrs("footer a[href='#top']", "href").len(),
        1,
        "Back to top"
    );
}

#[tokio::test]
async fn activities_in_other_languages_are_marked_with_their_language() {
    let app = app().await;
    for language in ["th", "my"] {
        let found = rows(
            app,
            &format!(
                "SELECT a.slug AS a, r.title AS b FROM activities a JOIN activity_revisions r \
            ON r.id = a.live_revision_id WHERE r.language = '{language}' LIMIT 1"
            ),
        );
        let (slug, title) = &found[0];
        let page = app.get_page(&format!("/activities/{slug}")).await;
        assert_eq!(page.attrs("article.activity", "lang"), [language]);
        assert_eq!(
            page.texts("h1"),
            std::slice::from_ref(title),
            "{language} text passes through unchanged"
        );
    }
    let list = app.get_page("/category/network-activities?page=1").await;
    let langs = list.attrs(".card-title[lang]", "lang");
    assert!(
        langs.iter().all(|l| l != "en"),
        "lang only where it differs from the page: {langs:?}"
    );
}

#[tokio::test]
async fn unpublished_activities_appear_on_no_public_page() {
    let app = app().await;
    let hidden = hidden_activities(app);
    assert!(
        hidden.len() >= 5,
        "the demo has drafts, submissions, a rejected and an unpublished one"
    );
    let mut pages = vec!["/".to_owned(), "/organizations".into()];
    let total = published_in_main(app);
    for n in 1..=(total + 9) / 10 {
        pages.push(format!("/category/network-activities?page={n}"));
    }
    for (slug, _) in rows(app, "SELECT slug AS a, '' AS b FROM categories") {
        pages.push(format!("/category/{slug}"));
    }
    for (slug, _) in rows(app, "SELECT slug AS a, '' AS b FROM organizations") {
        pages.push(format!("/organizations/{slug}"));
    }
    for (month, _) in rows(
        app,
        "SELECT DISTINCT strftime('%Y/%m', published_at, '+7 hours') AS a, '' AS b FROM activities WHERE live_revision_id IS NOT NULL",
    ) {
        pages.push(format!("/archive/{month}"));
    }
    for path in &pages {
        let page = app.get_page(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        for (slug, title) in &hidden {
            assert!(
                !page.body.contains(&format!("/activities/{slug}\"")),
                "{path} links to hidden {slug}"
            );
            assert!(
                !page.body.contains(title.as_str()),
                "{path} shows hidden {title}"
            );
        }
    }
    for (slug, _) in &hidden {
        assert_eq!(
            app.get(&format!("/activities/{slug}")).await.status(),
            StatusCode::NOT_FOUND,
            "{slug}"
        );
    }
}

#[tokio::test]
async fn organizations_and_pages_render() {
    let app = app().await;
    let list = app.get_page("/organizations").await;
    let links = list.attrs(".org-grid a", "href");
    assert!(links.len() >= 10);
    assert!(
        list.html.select(&sel(".org-grid img")).count() >= 10,
        "logos"
    );
    let org = app.get_page(&links[0]).await;
    assert_eq!(org.status, StatusCode::OK);
    assert!(!org.texts(".body p").is_empty(), "profile rendered");
    assert_eq!(org.html.select(&sel(".org-logo")).count(), 1);

    for (slug, title) in [
        ("about", ""),
        ("members", ""),
        ("contact", ""),
        ("privacy", ""),
    ] {
        let page = app.get_page(&format!("/pages/{slug}")).await;
        assert_eq!(page.status, StatusCode::OK, "{slug}");
        assert_eq!(page.texts("h1").len(), 1);
        assert!(page.texts("h1")[0].len() > title.len());
    }
    let robots = app.get("/robots.txt").await;
    assert_eq!(robots.status(), StatusCode::OK);
    assert!(robots.text().await.unwrap().contains("Disallow: /admin"));
}

#[tokio::test]
async fn visitors_get_no_cookie() {
    let app = app().await;
    for path in [
        "/",
        "/category/network-activities",
        "/organizations",
        "/pages/about",
        "/nowhere",
        "/healthz",
    ] {
        let response = app.get(path).await;
        assert!(
            response.headers().get("set-cookie").is_none(),
            "{path} set a cookie"
        );
    }
}

#[tokio::test]
async fn a_category_page_of_ten_activities_weighs_under_60_kb() {
    let app = app().await;
    let page = app.get_page("/category/network-activities").await;
    let css_href = &page.attrs("link[rel=stylesheet]", "href")[0];
    let css = app.get(css_href).await.bytes().await.unwrap();
    let weight = page.body.len() + css.len();
    eprintln!(
        "category page: {} B HTML + {} B CSS = {weight} B",
        page.body.len(),
        css.len()
    );
    assert!(weight < 60 * 1024, "{weight} bytes");
}

#[tokio::test]
async fn every_public_page_type_is_valid_html() {
    let Some(checker) = HtmlChecker::find("every_public_page_type_is_valid_html") else {
        return;
    };
    let app = app().await;
    let activity = rows(
        app,
        "SELECT a.slug AS a, '' AS b FROM activities a JOIN activity_revisions r ON r.id = a.live_revision_id \
        WHERE EXISTS (SELECT 1 FROM photos p WHERE p.revision_id = r.id) AND EXISTS (SELECT 1 FROM attachments t WHERE t.revision_id = r.id) LIMIT 1",
    );
    let org = rows(app, "SELECT slug AS a, '' AS b FROM organizations LIMIT 1");
    let month = rows(
        app,
        "SELECT strftime('%Y/%m', published_at, '+7 hours') AS a, '' AS b FROM activities WHERE live_revision_id IS NOT NULL LIMIT 1",
    );
    let mut documents = Vec::new();
    for path in [
        "/".to_owned(),
        "/category/network-activities".into(),
        "/category/network-activities?page=2".into(),
        format!("/activities/{}", activity[0].0),
        "/organizations".into(),
        format!("/organizations/{}", org[0].0),
        format!("/archive/{}", month[0].0),
        "/pages/about".into(),
        "/no-such-page".into(),
    ] {
        let page: Page = app.get_page(&path).await;
        documents.push((path, page.body));
    }
    if let Err(messages) = checker.check_all(&documents) {
        panic!("public pages are not valid HTML:\n{messages}");
    }
}

fn sel(s: &str) -> scraper::Selector {
    scraper::Selector::parse(s).unwrap()
}

/// Each public page type runs a pinned number of SQL statements (page cache off, so the
/// database path is what is counted). A new query on a page, or one per card, fails here.
#[tokio::test]
async fn every_public_page_makes_a_pinned_number_of_statements() {
    let app = &TestApp::spawn_with(|c| {
        c.demo = true;
        c.page_cache.enabled = false;
    })
    .await;
    let first = |sql: &str| rows(app, sql).remove(0).0;
    let activity = first(
        "SELECT a.slug AS a, '' AS b FROM activities a JOIN activity_revisions r ON r.id = a.live_revision_id \
         WHERE EXISTS (SELECT 1 FROM photos p WHERE p.revision_id = r.id) \
           AND EXISTS (SELECT 1 FROM attachments t WHERE t.revision_id = r.id) LIMIT 1",
    );
    let organization = first(
        "SELECT o.slug AS a, '' AS b FROM organizations o JOIN activities a ON a.organization_id = o.id \
         AND a.live_revision_id IS NOT NULL GROUP BY o.id ORDER BY count(*) DESC LIMIT 1",
    );
    let month = first(
        "SELECT strftime('%Y/%m', published_at, '+7 hours') AS a, '' AS b FROM activities \
         WHERE live_revision_id IS NOT NULL LIMIT 1",
    );
    let expected: Vec<(String, u64)> = vec![
        // The months beside the list are kept until the content changes.
        ("/".into(), 4),
        ("/category/network-activities".into(), 5),
        ("/category/network-activities?page=2".into(), 5),
        // One more for its translations (none here).
        (format!("/activities/{activity}"), 9),
        // A translation without photos or documents reads its original's: two more.
        ("/activities/imd-2016-statement-th".into(), 11),
        ("/organizations".into(), 2),
        (format!("/organizations/{organization}"), 6),
        (format!("/archive/{month}"), 4),
        ("/pages/about".into(), 1),
        // Matches ranked as they are read (one statement), then the page's rows.
        ("/search?q=migrant".into(), 2),
        // Each feed and the sitemap: one for the translations of what they list.
        ("/feed.atom".into(), 4),
        ("/category/network-activities/feed.atom".into(), 5),
        (format!("/organizations/{organization}/feed.atom"), 6),
        ("/sitemap.xml".into(), 6),
    ];
    let mut measured = Vec::new();
    for (path, _) in &expected {
        app.get(path).await; // the pools have their connections open
        measured.push((path.clone(), app.statements_for(path).await));
    }
    assert_eq!(measured, expected);
}

/// The slugs of page `page` of category `category` as the plain order gives them.
fn category_page_truth(app: &TestApp, category: i64, page: i64) -> Vec<String> {
    rows(
        app,
        &format!(
            "SELECT a.slug AS a, '' AS b FROM category_listing cl JOIN activities a ON a.id = cl.activity_id \
              WHERE cl.category_id = {category} \
              ORDER BY cl.published_at DESC, cl.activity_id DESC LIMIT 10 OFFSET {}",
            (page - 1) * 10
        ),
    )
    .into_iter()
    .map(|r| r.0)
    .collect()
}

/// Past page 100 a category page starts from the month holding its first activity
/// (`category_months`): each page must still be exactly the plain order's, also right after
/// changes that move activities between months.
#[tokio::test]
async fn deep_category_pages_list_what_the_plain_order_does() {
    let app = &TestApp::spawn_with(|c| {
        c.demo = true;
        c.page_cache.enabled = false;
    })
    .await;
    let category = count(
        app,
        "SELECT id AS n FROM categories WHERE slug = 'network-activities'",
    );
    let organization = count(app, "SELECT min(id) AS n FROM organizations");
    // About 20 a month over five years, pairs sharing a publication time.
    crate::fixtures::execute(
        app,
        &format!(
            "BEGIN IMMEDIATE;
             WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1150)
             INSERT INTO activities (slug, organization_id) SELECT 'deep-' || i, {organization} FROM n;
             INSERT INTO activity_revisions (activity_id, number, state, title, body, body_html)
             SELECT id, 1, 'published', 'Deep ' || id, 'Body.', '<p>Body.</p>'
               FROM activities WHERE slug LIKE 'deep-%';
             INSERT INTO revision_categories (revision_id, category_id)
             SELECT r.id, {category} FROM activity_revisions r
               JOIN activities a ON a.id = r.activity_id WHERE a.slug LIKE 'deep-%';
             UPDATE activities
                SET current_revision_id = (SELECT r.id FROM activity_revisions r WHERE r.activity_id = activities.id),
                    live_revision_id = (SELECT r.id FROM activity_revisions r WHERE r.activity_id = activities.id),
                    published_at = datetime('2012-01-01', '+' || ((id - id % 2) * 37) || ' hours')
              WHERE slug LIKE 'deep-%';
             COMMIT;"
        ),
    );
    let total = count(
        app,
        &format!("SELECT count(*) AS n FROM category_listing WHERE category_id = {category}"),
    );
    let last = (total + 9) / 10;
    assert!(last > 110, "{last} pages");
    let check = |pages: Vec<i64>| async move {
        for page in pages {
            let path = format!("/category/network-activities?page={page}");
            let got: Vec<String> = app
                .get_page(&path)
                .await
                .attrs(".card-title a", "href")
                .into_iter()
                .map(|h| h.trim_start_matches("/activities/").to_owned())
                .collect();
            assert_eq!(got, category_page_truth(app, category, page), "{path}");
        }
        let months = rows(
            app,
            &format!(
                "SELECT month AS a, CAST(activities AS TEXT) AS b FROM category_months \
                  WHERE category_id = {category} ORDER BY month"
            ),
        );
        let truth = rows(
            app,
            &format!(
                "SELECT substr(published_at, 1, 7) AS a, CAST(count(*) AS TEXT) AS b \
                   FROM category_listing WHERE category_id = {category} GROUP BY 1 ORDER BY 1"
            ),
        );
        assert_eq!(months, truth, "category_months follows category_listing");
    };
    check(vec![99, 100, 101, 102, 107, 113, last - 1, last]).await;
    assert_eq!(
        app.statements_for(&format!("/category/network-activities?page={last}"))
            .await,
        app.statements_for("/category/network-activities?page=2")
            .await,
        "a deep page makes the statements of a shallow one"
    );

    // Moved to an old month, unpublished, taken out of the category: every later page moves.
    crate::fixtures::execute(
        app,
        "UPDATE activities SET published_at = '2012-02-03 04:05:06' WHERE slug = 'deep-1100';
         UPDATE activities SET live_revision_id = NULL WHERE slug = 'deep-600';
         DELETE FROM revision_categories WHERE revision_id =
             (SELECT live_revision_id FROM activities WHERE slug = 'deep-300');",
    );
    check(vec![100, 101, 102, 107, 113, last - 1]).await;
    let past = app
        .get_page(&format!("/category/network-activities?page={}", last + 1))
        .await;
    assert_eq!(past.status, StatusCode::NOT_FOUND);
}
