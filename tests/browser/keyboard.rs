//! Without a mouse: on the key admin pages (the activity form with a photo, the
//! secretariat's review page, the accounts page) Tab reaches every link, field and button,
//! each with a visible focus indicator, and an action is done with keys alone: typed,
//! tabbed to its button, Enter.

use fantoccini::key::Key;
use serde_json::{Value, json};

use crate::browser::{Browser, DESKTOP};
use crate::chromium::Chromium;
use crate::portal::Portal;
use crate::report::{self, Report};

const TEST: &str = "keyboard::every_admin_action_is_reachable_by_keyboard";

/// Numbers every element a keyboard user must reach (`data-kb`), returns how many.
const MARK: &str = "
let n = 0;
for (const e of document.querySelectorAll(
    'a[href], button, summary, input:not([type=hidden]), select, textarea, [tabindex]')) {
  // checkVisibility: also false inside a closed <details>, which Tab skips.
  if (e.disabled || e.getAttribute('tabindex') === '-1' || !e.checkVisibility()) continue;
  e.dataset.kb = String(n++);
}
return n;";

/// What has the focus: its number, whether its focus shows, and what it is.
const FOCUSED: &str = "
const e = document.activeElement;
if (!e || e === document.body) return [null, false, 'body'];
const s = getComputedStyle(e);
const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
const shadow = s.boxShadow !== 'none';
return [e.dataset.kb ?? null, outline || shadow,
        e.outerHTML.slice(0, 120) + ' (outline: ' + s.outlineStyle + ' ' + s.outlineWidth + ')'];";

/// Tabs through the whole page, from its start until the focus comes round to the first
/// element again; the problems found.
pub async fn tab_through(browser: &Browser, page: &str) -> Vec<String> {
    let total = browser.js(MARK, vec![]).await.as_u64().expect("a count") as usize;
    assert!(total > 5, "{page}: there is something to reach ({total})");
    let mut reached = vec![false; total];
    let mut problems = Vec::new();
    // A date field takes a Tab per part; more than that means a trap.
    for _ in 0..total * 4 {
        browser.press(&[Key::Tab.into()]).await;
        let focused = browser.js(FOCUSED, vec![]).await;
        let what = focused[2].as_str().unwrap_or("").to_owned();
        match focused[0].as_str().and_then(|n| n.parse::<usize>().ok()) {
            Some(0) if reached[0] => break,
            Some(n) => {
                reached[n] = true;
                if focused[1] != Value::Bool(true) {
                    problems.push(format!("{page}: no visible focus on {what}"));
                }
            }
            None if what != "body" => {
                problems.push(format!("{page}: Tab reached an unexpected element {what}"));
            }
            None => {}
        }
    }
    let missed = browser
        .js(
            "return [...document.querySelectorAll('[data-kb]')]
               .filter(e => !arguments[0][Number(e.dataset.kb)])
               .map(e => e.outerHTML.slice(0, 120));",
            vec![json!(reached)],
        )
        .await;
    for m in missed.as_array().expect("a list") {
        problems.push(format!("{page}: Tab never reached {m}"));
    }
    problems.dedup();
    problems
}

/// Presses Tab until the element matching `css` has the focus.
async fn tab_to(browser: &Browser, css: &str) {
    for _ in 0..400 {
        let there = browser
            .js(
                "return document.activeElement.matches(arguments[0]);",
                vec![json!(css)],
            )
            .await;
        if there == Value::Bool(true) {
            return;
        }
        browser.press(&[Key::Tab.into()]).await;
    }
    panic!("Tab never reached `{css}` on {}", browser.path().await);
}

/// Types into whatever has the focus, as keys pressed one after the other.
async fn type_keys(browser: &Browser, text: &str) {
    let keys: Vec<char> = text.chars().collect();
    browser.press(&keys).await;
}

#[tokio::test]
async fn every_admin_action_is_reachable_by_keyboard() {
    let Some(chromium) = Chromium::find(TEST) else {
        return;
    };
    let portal = Portal::start().await;
    let member = portal.member("fed").await;
    let secretariat = portal.secretariat().await;
    let browser = chromium.open(&portal.base, "keyboard", DESKTOP).await;
    let mut problems = Vec::new();

    // The member's activity form, with a photo to describe, saved with the keyboard.
    browser.log_in(&member).await;
    let id = report::create(
        &browser,
        &Report {
            title: "Keyboard-only report",
            ..Report::default()
        },
    )
    .await;
    report::add_photo(&browser, id).await;
    problems.extend(tab_through(&browser, "the activity form").await);
    browser.goto(&format!("/admin/activities/{id}/edit")).await;
    tab_to(&browser, "#title").await;
    // Tab selects a text field's whole text; End keeps it and types after it.
    browser.press(&[Key::End.into()]).await;
    type_keys(&browser, " (edited)").await;
    tab_to(&browser, report::SAVE).await;
    browser.shot("activity-form-save-focused").await;
    browser.press_enter_and_wait().await;
    let title = browser
        .js("return document.querySelector('#title').value;", vec![])
        .await;
    assert_eq!(title, "Keyboard-only report (edited)", "saved with Enter");
    tab_to(&browser, ".photo-list input[name=alt]").await;
    type_keys(&browser, "Two trainers at a whiteboard").await;
    tab_to(
        &browser,
        ".photo-list form[action^='/admin/photos/'] button[type=submit]",
    )
    .await;
    browser.press_enter_and_wait().await;
    tab_to(&browser, "form[action$='/submit'] input[name=consent]").await;
    browser.press(&[Key::Space.into()]).await;
    tab_to(&browser, "form[action$='/submit'] button").await;
    browser.press_enter_and_wait().await;
    assert_eq!(browser.text("#activity-state").await, "Submitted");
    browser.log_out().await;

    // The secretariat's review page: changes asked for with keys alone.
    browser.log_in(&secretariat).await;
    browser.goto(&format!("/admin/activities/{id}/edit")).await;
    problems.extend(tab_through(&browser, "the review page").await);
    browser.goto(&format!("/admin/activities/{id}/edit")).await;
    tab_to(&browser, "#comment").await;
    type_keys(&browser, "Please name the trainers.").await;
    tab_to(&browser, "form[action$='/request-changes'] button").await;
    browser.shot("review-button-focused").await;
    browser.press_enter_and_wait().await;
    assert_eq!(browser.text("#activity-state").await, "Changes requested");

    // The accounts page: an account created with keys alone.
    browser.goto("/admin/users").await;
    problems.extend(tab_through(&browser, "the accounts page").await);
    browser.goto("/admin/users").await;
    tab_to(&browser, "#email").await;
    type_keys(&browser, "keys@fed.example.org").await;
    tab_to(&browser, "#organization").await;
    // A focused list box changes its choice as its option's name is typed.
    type_keys(&browser, "Foundation for").await;
    tab_to(&browser, "form[action='/admin/users'] button").await;
    browser.shot("users-create-focused").await;
    browser.press_enter_and_wait().await;
    assert_eq!(
        browser.text("#credentials-email").await,
        "keys@fed.example.org"
    );
    browser.close().await;
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
