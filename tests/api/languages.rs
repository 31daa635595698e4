//! Reading in one's own language: the interface language switch and `Accept-Language`,
//! translations linked both ways with `hreflang`, dates for each language, and language
//! blocks in Markdown. Over real HTTP against the demo content (which holds a statement in
//! English, Thai and Burmese) or content written for the test.

use std::collections::HashMap;

use reqwest::StatusCode;
use scraper::{Html, Selector};
use tokio::sync::OnceCell;

use crate::auth::member;
use crate::fixtures::{self, Writing};
use crate::helpers::{Page, TestApp, shared_demo};

static DEMO: OnceCell<TestApp> = OnceCell::const_new();

/// A client without a cookie jar, so each request says its language itself.
fn plain_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(0)
        .build()
        .unwrap()
}

async fn page_with(app: &TestApp, path: &str, header: (&str, &str)) -> Page {
    let response = plain_client()
        .get(app.url(path))
        .header(header.0, header.1)
        .send()
        .await
        .unwrap();
    Page::from_response(response).await
}

async fn page_in(app: &TestApp, path: &str, language: &str) -> Page {
    page_with(app, path, ("cookie", &format!("lang={language}"))).await
}

fn html_lang(page: &Page) -> String {
    page.attrs("html", "lang").pop().unwrap_or_default()
}

/// The single-line messages of a catalog (`id = text`, without variables), by id.
fn catalog(language: &str) -> HashMap<String, String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(language);
    let mut messages = HashMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            let Some((id, value)) = line.split_once(" = ") else {
                continue;
            };
            let is_id = !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if is_id && !value.contains('{') && !value.trim().is_empty() {
                messages.insert(id.to_owned(), value.trim().to_owned());
            }
        }
    }
    messages
}

/// Every text node and every accessible attribute of a page, trimmed.
fn visible_strings(page: &Page) -> Vec<String> {
    let mut out: Vec<String> = page
        .html
        .root_element()
        .text()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .collect();
    let any = Selector::parse("*").unwrap();
    for element in page.html.select(&any) {
        for attribute in ["aria-label", "title", "placeholder", "content"] {
            if let Some(value) = element.value().attr(attribute) {
                out.push(value.trim().to_owned());
            }
        }
    }
    out
}

#[tokio::test]
async fn the_switch_sets_the_cookie_and_returns_to_the_page() {
    let app = shared_demo(&DEMO).await;
    let client = plain_client();
    let response = client
        .get(app.url("/language/th?next=%2Factivities%2Fimd-2016-statement%3Fx%3D1"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()["location"],
        "/activities/imd-2016-statement?x=1"
    );
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    for part in [
        "lang=th",
        "Path=/",
        "Max-Age=31536000",
        "SameSite=Lax",
        "HttpOnly",
    ] {
        assert!(cookie.contains(part), "{cookie} lacks {part}");
    }
    assert!(
        response.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("no-store")
    );

    // Never a way to another site.
    for next in [
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil.example",
        "",
    ] {
        let url = format!("/language/my?next={}", urlencode(next));
        let response = client.get(app.url(&url)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{next}");
        assert_eq!(response.headers()["location"], "/", "{next}");
    }
    let unknown = client
        .get(app.url("/language/xx?next=/"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    assert!(unknown.headers().get("set-cookie").is_none());
    // No other public page sets a cookie, in any language.
    let page = page_in(app, "/", "th").await;
    assert!(page.headers.get("set-cookie").is_none());
}

fn urlencode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The switch changes every interface string of a page, and its `lang`: no English
/// message found on the English page is left on the Thai or the Burmese one.
#[tokio::test]
async fn the_switch_changes_every_interface_string_and_the_lang() {
    let app = shared_demo(&DEMO).await;
    let english = catalog("en");
    for language in ["th", "my"] {
        let other = catalog(language);
        // Messages a catalog keeps identical on purpose (language names, vetted by the
        // catalogs' own test) cannot tell languages apart.
        let telling: HashMap<&str, &str> = english
            .iter()
            .filter(|(id, text)| !id.starts_with("language-") && other.get(*id) != Some(*text))
            .map(|(_, text)| (text.as_str(), text.as_str()))
            .collect();
        let mut checked = 0;
        for path in [
            "/",
            "/category/network-activities",
            "/activities/imd-2016-statement",
            "/organizations",
            "/organizations/mmn",
            "/archive/2016/12",
            "/pages/about",
            "/search?q=migrant",
        ] {
            let en = page_in(app, path, "en").await;
            assert_eq!(en.status, StatusCode::OK, "{path}");
            assert_eq!(html_lang(&en), "en", "{path}");
            let found: Vec<String> = visible_strings(&en)
                .into_iter()
                .filter(|s| telling.contains_key(s.as_str()))
                .collect();
            assert!(found.len() >= 8, "{path}: only {found:?}");
            checked += found.len();

            let translated = page_in(app, path, language).await;
            assert_eq!(html_lang(&translated), language, "{path}");
            let left: Vec<String> = visible_strings(&translated)
                .into_iter()
                .filter(|s| telling.contains_key(s.as_str()))
                .collect();
            assert!(left.is_empty(), "{path} in {language} still shows {left:?}");
        }
        assert!(checked > 80, "{checked} strings checked");
    }
}

#[tokio::test]
async fn accept_language_chooses_without_the_switch_and_the_cookie_wins() {
    let app = shared_demo(&DEMO).await;
    let cases = [
        ("th-TH,th;q=0.9,en;q=0.5", "th"),
        ("my", "my"),
        ("fr-FR, km;q=0.8, my;q=0.7, th;q=0.6", "my"),
        ("fr", "en"),
        ("*", "en"),
        ("", "en"),
    ];
    for (accept, expected) in cases {
        let page = page_with(app, "/pages/about", ("accept-language", accept)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(html_lang(&page), expected, "{accept}");
        let vary = page.headers["vary"].to_str().unwrap().to_lowercase();
        assert!(
            vary.contains("accept-language") && vary.contains("cookie"),
            "{vary}"
        );
    }
    let response = plain_client()
        .get(app.url("/pages/about"))
        .header("accept-language", "th")
        .header("cookie", "lang=my")
        .send()
        .await
        .unwrap();
    let page = Page::from_response(response).await;
    assert_eq!(html_lang(&page), "my");
    // The cache holds each language apart: English again after Thai and Burmese.
    assert_eq!(html_lang(&page_in(app, "/pages/about", "en").await), "en");
}

#[tokio::test]
async fn translations_link_both_ways_with_hreflang_and_share_the_photos() {
    let app = shared_demo(&DEMO).await;
    let set = [
        ("en", "/activities/imd-2016-statement"),
        ("th", "/activities/imd-2016-statement-th"),
        ("my", "/activities/imd-2016-statement-my"),
    ];
    for (language, path) in set {
        let page = page_in(app, path, "en").await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert_eq!(page.attrs("article", "lang"), [language]);
        let others: Vec<(String, String)> = set
            .iter()
            .filter(|(l, _)| *l != language)
            .map(|(l, p)| (l.to_string(), p.to_string()))
            .collect();
        let links: Vec<(String, String)> = page
            .attrs("nav.also-in a", "hreflang")
            .into_iter()
            .zip(page.attrs("nav.also-in a", "href"))
            .collect();
        assert_eq!(links, others, "{path}");
        // Each named in itself, and marked as that language.
        assert_eq!(
            page.attrs("nav.also-in a", "lang"),
            others.iter().map(|(l, _)| l.clone()).collect::<Vec<_>>()
        );
        let names = page.texts("nav.also-in a");
        for (l, _) in &others {
            let name = match l.as_str() {
                "en" => "English",
                "th" => "ไทย",
                _ => "မြန်မာ",
            };
            assert!(names.iter().any(|n| n == name), "{path}: {names:?}");
        }
        // Search engines get every language, this one included, as absolute URLs.
        let head: Vec<(String, String)> = page
            .attrs("link[rel=alternate][hreflang]", "hreflang")
            .into_iter()
            .zip(page.attrs("link[rel=alternate][hreflang]", "href"))
            .collect();
        assert_eq!(head.len(), 3, "{path}: {head:?}");
        for (l, p) in set {
            assert!(
                head.iter()
                    .any(|(hl, href)| hl == l && href.ends_with(p) && href.starts_with("http")),
                "{path}: {head:?}"
            );
        }
        // The translations have no photos of their own: the original's are shown, their
        // alt text marked as English.
        let images = page.attrs(".gallery img", "src");
        assert_eq!(images.len(), 1, "{path}");
        assert_eq!(page.attrs(".gallery img", "lang"), ["en"], "{path}");
        let notes = page.texts(".gallery p.meta");
        assert_eq!(
            notes.len(),
            usize::from(language != "en"),
            "{path}: {notes:?}"
        );
    }
    let original = page_in(app, "/activities/imd-2016-statement", "en").await;
    let translation = page_in(app, "/activities/imd-2016-statement-my", "en").await;
    assert_eq!(
        original.attrs(".gallery img", "src"),
        translation.attrs(".gallery img", "src"),
        "the same files, not copies"
    );
}

#[tokio::test]
async fn dates_follow_the_interface_language() {
    let app = shared_demo(&DEMO).await;
    let path = "/activities/imd-2016-statement-th";
    let en = page_in(app, path, "en").await;
    assert!(
        en.texts(".event-box dd")
            .iter()
            .any(|t| t == "18 December 2016")
    );
    let th = page_in(app, path, "th").await;
    let dates = th.texts(".event-box dd");
    assert!(
        dates
            .iter()
            .any(|t| t.contains("ธันวาคม") && t.contains("2559")),
        "{dates:?}"
    );
    let my = page_in(app, path, "my").await;
    let dates = my.texts(".event-box dd");
    assert!(
        dates.iter().any(|t| t.contains("၁၈") && t.contains("၂၀၁၆")),
        "{dates:?}"
    );
    // Machine-readable dates stay ISO 8601.
    assert!(
        th.attrs("time", "datetime")
            .iter()
            .all(|d| d.starts_with("2016-"))
    );
    let archive = page_in(app, "/archive/2016/12", "th").await;
    assert!(archive.body.contains("ธันวาคม 2559"));
}

#[tokio::test]
async fn feeds_and_sitemap_carry_the_alternates() {
    let app = shared_demo(&DEMO).await;
    let feed = app
        .get("/category/statements/feed.atom")
        .await
        .text()
        .await
        .unwrap();
    let feed: atom_syndication::Feed = feed.parse().unwrap();
    let entry = feed
        .entries
        .iter()
        .find(|e| {
            e.links
                .first()
                .is_some_and(|l| l.href.ends_with("/activities/imd-2016-statement"))
        })
        .expect("the English statement is in the feed");
    let alternates: Vec<(Option<&str>, &str)> = entry
        .links
        .iter()
        .filter(|l| l.rel == "alternate")
        .map(|l| (l.hreflang.as_deref(), l.href.as_str()))
        .collect();
    assert_eq!(alternates.len(), 3, "{alternates:?}");
    assert!(
        alternates
            .iter()
            .any(|(l, h)| *l == Some("th") && h.ends_with("-th"))
    );
    assert!(
        alternates
            .iter()
            .any(|(l, h)| *l == Some("my") && h.ends_with("-my"))
    );

    let sitemap = app.get("/sitemap.xml").await.text().await.unwrap();
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let url = doc
        .descendants()
        .filter(|n| n.has_tag_name("url"))
        .find(|n| {
            n.children().any(|c| {
                c.has_tag_name("loc") && c.text().unwrap_or("").ends_with("/imd-2016-statement-th")
            })
        })
        .expect("the Thai statement is listed");
    let links: Vec<&str> = url
        .children()
        .filter(|c| {
            c.tag_name().name() == "link"
                && c.tag_name().namespace() == Some("http://www.w3.org/1999/xhtml")
        })
        .filter_map(|c| c.attribute("hreflang"))
        .collect();
    assert_eq!(links, ["en", "th", "my"]);
}

/// A member links two of its reports; another organization's report cannot be linked, nor
/// reached; a second report in a language the set has is refused; leaving unlinks.
#[tokio::test]
async fn a_member_links_its_reports_as_translations() {
    let app = TestApp::spawn().await;
    let mut browser = member(&app).await;
    let fed =
        crate::helpers_count(&app, "SELECT id AS n FROM organizations WHERE slug = 'fed'") as i32;
    let other = fixtures::organization(&app, "other", "Other Organization");
    let text = |title, language| Writing {
        title,
        language,
        ..Writing::default()
    };
    let (english, english_revision) =
        fixtures::published(&app, "report-en", fed, text("Report", "en"));
    let (thai, _) = fixtures::published(&app, "report-th", fed, text("รายงาน", "th"));
    let (second_thai, _) = fixtures::published(&app, "report-th-2", fed, text("รายงานที่สอง", "th"));
    let (theirs, _) = fixtures::published(&app, "theirs", other, text("Theirs", "my"));

    let page = format!("/admin/activities/{thai}/translations");
    let token = browser.csrf_token(&page).await;
    // Another organization's report: not found, as if it did not exist, and nothing changes.
    for original in [
        app.url("/activities/theirs"),
        "theirs".to_owned(),
        format!("/admin/activities/{theirs}/edit"),
        "/activities/no-such-report".to_owned(),
        String::new(),
    ] {
        let response = link_as_translation(&mut browser, &page, &token, &original).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{original}"
        );
        let body = Html::parse_document(&response.text().await.unwrap());
        let field = Selector::parse("input#original").unwrap();
        let kept = body
            .select(&field)
            .next()
            .unwrap()
            .value()
            .attr("value")
            .unwrap();
        assert_eq!(kept, original.trim(), "the typed address is kept");
        assert!(
            body.select(&Selector::parse(".field-error#original-error").unwrap())
                .next()
                .is_some()
        );
    }
    assert_eq!(translation_of(&app, thai), None);
    let theirs_page = browser
        .get(&format!("/admin/activities/{theirs}/translations"))
        .await;
    assert_eq!(theirs_page.status(), StatusCode::NOT_FOUND);
    let response = link_as_translation(
        &mut browser,
        &format!("/admin/activities/{theirs}/translations"),
        &token,
        "report-en",
    )
    .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    // Without the CSRF token, refused before anything is read.
    let response = browser.post(&page, &[("original", "report-en")], &[]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(translation_of(&app, thai), None);

    // Linked by its public address: both pages link to each other.
    let response = link_as_translation(
        &mut browser,
        &page,
        &token,
        &app.url("/activities/report-en?utm=x"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(translation_of(&app, thai), Some(english));
    let en = app.get_page("/activities/report-en").await;
    assert_eq!(en.attrs("nav.also-in a", "hreflang"), ["th"]);
    assert_eq!(en.attrs("nav.also-in a", "href"), ["/activities/report-th"]);
    let th = app.get_page("/activities/report-th").await;
    assert_eq!(th.attrs("nav.also-in a", "hreflang"), ["en"]);
    assert_eq!(th.texts("nav.also-in a"), ["English"]);
    // The original's document shows on the translation too: the same file, noted as shared.
    fixtures::execute(
        &app,
        &format!(
            "INSERT INTO stored_files (sha256, media_type, byte_size, path) \
               VALUES ('ab12', 'application/pdf', 2048, 'ab/12.pdf');
             INSERT INTO attachments (revision_id, file_id, position, title, language, file_name) \
               VALUES ({english_revision}, last_insert_rowid(), 0, 'Report', 'en', 'report.pdf');"
        ),
    );
    let th = app.get_page("/activities/report-th").await;
    assert_eq!(th.attrs(".documents a", "href"), ["/media/ab/12.pdf"]);
    assert_eq!(th.attrs(".documents a", "hreflang"), ["en"]);
    assert_eq!(th.texts(".documents p.meta").len(), 1, "the shared note");
    assert!(
        th.attrs(".gallery img", "src").is_empty(),
        "no photos to share"
    );

    // A second Thai report cannot join: each language once.
    let second = format!("/admin/activities/{second_thai}/translations");
    let response = link_as_translation(&mut browser, &second, &token, "report-en").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(translation_of(&app, second_thai), None);

    // The set's page lists both; leaving it unlinks both pages.
    let set = Page::from_response(browser.get(&page).await).await;
    assert_eq!(set.attrs(".translation-set a[lang]", "lang"), ["en", "th"]);
    let response = browser
        .post(
            &format!("{page}/leave"),
            &[("csrf_token", token.as_str())],
            &[],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(translation_of(&app, thai), None);
    assert!(
        app.get_page("/activities/report-en")
            .await
            .attrs("nav.also-in a", "href")
            .is_empty()
    );
}

#[tokio::test]
async fn admin_pages_follow_the_interface_language_too() {
    let app = TestApp::spawn().await;
    let mut browser = member(&app).await;
    for (accept, language) in [("th", "th"), ("my", "my"), ("en", "en")] {
        for path in ["/admin", "/admin/activities", "/admin/activities/new"] {
            let response = browser.get_with(path, &[("accept-language", accept)]).await;
            let page = Page::from_response(response).await;
            assert_eq!(page.status, StatusCode::OK, "{path}");
            assert_eq!(html_lang(&page), language, "{path}");
        }
    }
    let th = catalog("th");
    let response = browser
        .get_with("/admin/activities/new", &[("accept-language", "th")])
        .await;
    let page = Page::from_response(response).await;
    assert!(
        page.texts("label")
            .iter()
            .any(|l| th.values().any(|v| v == l)),
        "the form's labels are in Thai: {:?}",
        page.texts("label")
    );
}

/// Posts the translations page's form at `path`, naming `original`.
async fn link_as_translation(
    browser: &mut crate::browser::Browser<'_>,
    path: &str,
    token: &str,
    original: &str,
) -> reqwest::Response {
    let form = [("csrf_token", token), ("original", original)];
    browser.post(path, &form, &[]).await
}

fn translation_of(app: &TestApp, activity: i32) -> Option<i32> {
    let n = crate::helpers_count(
        app,
        &format!("SELECT coalesce(translation_of, 0) AS n FROM activities WHERE id = {activity}"),
    );
    (n != 0).then_some(n as i32)
}

#[tokio::test]
async fn a_language_block_in_markdown_gets_its_lang() {
    let app = TestApp::spawn().await;
    let org = fixtures::organization(&app, "org", "Org");
    fixtures::published(
        &app,
        "bilingual",
        org,
        Writing {
            title: "Joint statement",
            body: "In English.\n\n::: th\nแถลงการณ์ร่วม\n:::\n\n::: my <script>\n:::",
            ..Writing::default()
        },
    );
    let page = app.get_page("/activities/bilingual").await;
    assert_eq!(page.texts(".body div[lang=th]"), ["แถลงการณ์ร่วม"]);
    assert_eq!(page.attrs(".body [lang]", "lang"), ["th"]);
    assert!(!page.body.contains("<script>"));
}
