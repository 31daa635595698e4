//! Journey 4: a member types hostile strings (`tests/data/hostile-strings.txt`) into every
//! text field of the report form and of a photo; the report goes through review to
//! publication. On every page that then shows it, to the member, the secretariat and a
//! visitor, the live DOM read through WebDriver holds no element, `on*` attribute or
//! script URL that came from them, and the title reads as typed. (`tests/api/hostile.rs`
//! sends every string of the list and of the Big List of Naughty Strings through every
//! field over HTTP; this journey is the browser's view of the same promise.)

use serde_json::json;

use crate::browser::{Browser, DESKTOP};
use crate::chromium::Chromium;
use crate::dom;
use crate::portal::Portal;
use crate::report::{self, Report};

const TEST: &str = "hostile::hostile_strings_never_become_markup";

const LIST: &str = include_str!("../data/hostile-strings.txt");

/// A word the search finds, next to the strings.
const MARKER: &str = "Zanzibarite";

/// The strings of the list (after its header, up to the first empty line), each cut to
/// what a keyboard can type through chromedriver: it refuses characters outside the Basic
/// Multilingual Plane and reads private-use ones as special keys, and a tab or a control
/// character would move the focus or type nothing. The HTTP test covers those characters.
fn strings() -> Vec<String> {
    LIST.split('\n')
        .skip_while(|line| !line.is_empty())
        .filter(|line| !line.is_empty())
        .map(|line| {
            unescape(line)
                .chars()
                .filter(|&c| {
                    let code = u32::from(c);
                    !c.is_control() && code <= 0xFFFF && !(0xE000..=0xF8FF).contains(&code)
                })
                .collect::<String>()
        })
        .filter(|s| !s.trim().is_empty() && s.chars().count() < 400)
        .collect()
}

fn unescape(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find("\\u{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 3..];
        let end = after.find('}').expect("a closed escape");
        out.extend(
            u32::from_str_radix(&after[..end], 16)
                .ok()
                .and_then(char::from_u32),
        );
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Takes strings from the front of `strings` while they fit in `max` characters, joined by
/// `separator`.
fn take_fitting(strings: &mut Vec<String>, max: usize, separator: &str) -> String {
    let mut out = String::new();
    while let Some(s) = strings.first() {
        if out.chars().count() + s.chars().count() + separator.len() > max {
            break;
        }
        if !out.is_empty() {
            out.push_str(separator);
        }
        out.push_str(&strings.remove(0));
    }
    out
}

/// Whitespace is the only thing storage and the HTML parser may change in text.
fn squashed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

struct Findings(Vec<String>);

impl Findings {
    async fn check(&mut self, browser: &Browser, place: &str) {
        self.0.extend(dom::problems(browser, place).await);
    }

    /// Also: the title (in `css`) reads exactly as typed, as text.
    async fn check_title(&mut self, browser: &Browser, place: &str, css: &str, title: &str) {
        self.check(browser, place).await;
        let shown = browser
            .js(
                "const e = document.querySelector(arguments[0]);
                 return e ? [e.textContent, e.children.length] : ['', 0];",
                vec![json!(css)],
            )
            .await;
        if squashed(shown[0].as_str().unwrap_or("")) != squashed(title) || shown[1] != 0 {
            self.0.push(format!(
                "{place}: `{css}` shows {shown} where {title:?} was typed"
            ));
        }
    }
}

#[tokio::test]
async fn hostile_strings_never_become_markup() {
    let Some(chromium) = Chromium::find(TEST) else {
        return;
    };
    let portal = Portal::start().await;
    let member = portal.member("lscw").await;
    let secretariat = portal.secretariat().await;
    let browser = chromium
        .open(&portal.base, "journey4-hostile", DESKTOP)
        .await;
    let strings = strings();
    assert!(strings.len() > 100, "the list is read: {}", strings.len());
    let title = format!(
        "{MARKER} \"><img src=x onerror=alert(1)><script>alert(2)</script><a href=\"javascript:alert(3)\">x</a>"
    );
    // Each string is typed once, into one field (keys are slow); the field limits are 2 000
    // characters of summary, 1 000 of location and 500 of alt text.
    let mut left = strings;
    let summary = take_fitting(&mut left, 1_900, " ");
    let location = take_fitting(&mut left, 900, "\n");
    let alt = take_fitting(&mut left, 480, " ");
    let caption = take_fitting(&mut left, 900, "\n");
    let body = left.join("\n\n");
    let mut findings = Findings(Vec::new());

    browser.log_in(&member).await;
    browser.goto("/admin/activities/new").await;
    // Refused first: a hostile language tag and a link that is a script.
    let refused = Report {
        title: &title,
        summary: &summary,
        body: &body,
        categories: &["network-activities"],
        location: &location,
        language: "<svg onload=alert(1)>",
        links: "javascript:alert(1) click\nhttps://example.org/a <img src=x onerror=alert(1)>",
        ..Report::default()
    };
    report::fill(&browser, &refused).await;
    browser.click_and_wait(report::SAVE).await;
    browser.wait_for("#form-errors").await;
    findings.check(&browser, "the refused form").await;
    browser.shot("refused-form").await;
    let links = "https://example.org/a <img src=x onerror=alert(1)>\n\
                 https://example.org/b \"><script>alert(1)</script>\n\
                 https://example.org/c javascript:alert(1)";
    browser.fill("#language", "en").await;
    browser.fill("#links", links).await;
    browser.click_and_wait(report::SAVE).await;
    let id = report::editing(&browser).await;
    let kept = browser
        .js("return document.querySelector('#title').value;", vec![])
        .await;
    assert_eq!(
        kept.as_str(),
        Some(title.as_str()),
        "the title is kept as typed"
    );

    // A photo, described with hostile text.
    report::add_photo(&browser, id).await;
    browser.fill(".photo-list input[name=alt]", &alt).await;
    browser
        .fill(".photo-list textarea[name=caption]", &caption)
        .await;
    browser
        .click_and_wait(".photo-list form[action^='/admin/photos/'] button[type=submit]")
        .await;
    let kept = browser
        .js(
            "return document.querySelector('.photo-list input[name=alt]').value;",
            vec![],
        )
        .await;
    assert_eq!(
        squashed(kept.as_str().unwrap()),
        squashed(&alt),
        "the alt text is kept"
    );
    findings.check(&browser, "the edit page").await;
    browser.shot_at(".photo-list", "edit-page").await;
    browser.click_and_wait("a[href$='/preview']").await;
    findings
        .check_title(&browser, "the preview", "article h1", &title)
        .await;
    browser.goto("/admin/activities").await;
    findings.check(&browser, "the member's list").await;
    browser.goto(&format!("/admin/activities/{id}/edit")).await;
    report::submit(&browser).await;
    browser.log_out().await;

    browser.log_in(&secretariat).await;
    for (place, path) in [
        ("the dashboard", "/admin".to_owned()),
        ("the queue", "/admin/moderation".to_owned()),
        ("the review page", format!("/admin/activities/{id}/edit")),
    ] {
        browser.goto(&path).await;
        findings.check(&browser, place).await;
    }
    browser.shot("review").await;
    browser
        .click_and_wait("form[action$='/approve'] button[type=submit]")
        .await;
    assert_eq!(browser.text("#activity-state").await, "Published");
    browser.goto("/admin/moderation/history").await;
    findings.check(&browser, "the moderation history").await;
    browser.goto("/admin/audit").await;
    findings.check(&browser, "the audit log").await;
    browser.log_out().await;

    // A visitor.
    browser.goto(&format!("/search?q={MARKER}")).await;
    findings.check(&browser, "the search results").await;
    browser.shot("search").await;
    let activity = browser
        .find(".search-results a[href^='/activities/']")
        .await
        .attr("href")
        .await
        .expect("href read")
        .expect("the search finds the report");
    browser.goto(&activity).await;
    findings
        .check_title(&browser, "the activity page", "article.activity h1", &title)
        .await;
    browser.shot("activity").await;
    browser.goto("/").await;
    findings
        .check_title(&browser, "the home page", ".card .card-title a", &title)
        .await;
    browser.shot("home").await;
    browser
        .click_and_wait(".side-column a[href^='/archive/']")
        .await;
    findings
        .check_title(&browser, "the month archive", ".card .card-title a", &title)
        .await;
    browser.goto("/category/network-activities").await;
    findings
        .check_title(&browser, "the category", ".card .card-title a", &title)
        .await;
    browser.goto("/organizations/lscw").await;
    findings
        .check_title(&browser, "the organization", ".card .card-title a", &title)
        .await;
    browser.close().await;
    assert!(
        findings.0.is_empty(),
        "hostile input became markup:\n{}",
        findings.0.join("\n")
    );
}
