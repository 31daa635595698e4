//! Writing an activity report through the admin's form, as a member does it.

use std::io::Cursor;

use image::{ImageFormat, Rgb, RgbImage};
use serde_json::json;

use crate::browser::Browser;

/// What goes into the activity form.
pub struct Report<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub body: &'a str,
    pub categories: &'a [&'a str],
    pub event_start: &'a str,
    pub location: &'a str,
    pub language: &'a str,
    pub links: &'a str,
}

impl Default for Report<'_> {
    fn default() -> Self {
        Report {
            title: "Untitled",
            summary: "Workers and volunteers met at the border.",
            body: "## What happened\n\nThe meeting agreed on three points.",
            categories: &["network-activities"],
            event_start: "2026-03-14",
            location: "Mae Sot",
            language: "en",
            links: "",
        }
    }
}

/// Types the report into the activity form on the current page (every text field is
/// cleared first; checkboxes are ticked, not toggled).
pub async fn fill(browser: &Browser, report: &Report<'_>) {
    browser.fill("#title", report.title).await;
    browser.fill("#summary", report.summary).await;
    browser.fill("#body", report.body).await;
    for slug in report.categories {
        let css = format!("input[name=categories][value='{slug}']");
        if !browser.find(&css).await.is_selected().await.expect("state") {
            browser.click(&css).await;
        }
    }
    set_date(browser, "#event_start", report.event_start).await;
    browser.fill("#location", report.location).await;
    browser.fill("#language", report.language).await;
    browser.fill("#links", report.links).await;
}

/// A date field is set as its value: what keys a date picker takes depends on the
/// browser's locale, the ISO value does not.
async fn set_date(browser: &Browser, css: &str, date: &str) {
    browser
        .js(
            "const f = document.querySelector(arguments[0]); f.value = arguments[1];
             f.dispatchEvent(new Event('input', {bubbles: true}));
             f.dispatchEvent(new Event('change', {bubbles: true}));",
            vec![json!(css), json!(date)],
        )
        .await;
}

/// The main form's save button.
pub const SAVE: &str = "form:has(#title) > p > button[type=submit]";

/// Opens the empty form, types the report and saves the draft; returns the new id, read
/// from the edit page the portal redirects to.
pub async fn create(browser: &Browser, report: &Report<'_>) -> i32 {
    browser.goto("/admin/activities/new").await;
    fill(browser, report).await;
    browser.click_and_wait(SAVE).await;
    editing(browser).await
}

/// The id of the activity whose edit page the browser shows.
pub async fn editing(browser: &Browser) -> i32 {
    let path = browser.path().await;
    path.strip_prefix("/admin/activities/")
        .and_then(|rest| rest.strip_suffix("/edit"))
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("not an activity's edit page: {path}"))
}

/// Submits the report on the edit page for review, with consent for its photos.
pub async fn submit(browser: &Browser) {
    let consent = "form[action$='/submit'] input[name=consent]";
    if !browser
        .find(consent)
        .await
        .is_selected()
        .await
        .expect("state")
    {
        browser.click(consent).await;
    }
    browser
        .click_and_wait("form[action$='/submit'] button[type=submit]")
        .await;
    assert_eq!(
        browser.text("#activity-state").await,
        "Submitted",
        "the report went for review"
    );
}

/// Uploads one small real JPEG to the report from inside the page, as the form would post
/// it (the token first), independent of the upload script; then reloads the edit page.
pub async fn add_photo(browser: &Browser, id: i32) {
    let picture = RgbImage::from_fn(96, 64, |x, y| Rgb([x as u8 * 2, y as u8 * 3, 90]));
    let mut jpeg = Cursor::new(Vec::new());
    picture
        .write_to(&mut jpeg, ImageFormat::Jpeg)
        .expect("JPEG encoded");
    let bytes: Vec<u8> = jpeg.into_inner();
    let status = browser
        .js_async(
            "const done = arguments[arguments.length - 1];
             const data = new FormData();
             data.append('csrf_token', document.querySelector('input[name=csrf_token]').value);
             data.append('photos', new File([new Uint8Array(arguments[1])], 'photo.jpg', {type: 'image/jpeg'}));
             fetch('/admin/activities/' + arguments[0] + '/photos', {method: 'POST', body: data, redirect: 'manual'})
               .then(r => done(r.type === 'opaqueredirect' ? 'redirected' : r.status))
               .catch(e => done(String(e)));",
            vec![json!(id), json!(bytes)],
        )
        .await;
    // Accepted: 303 to the edit page (which fetch, told not to follow, reports as an
    // opaque redirect); refused: 422.
    assert_eq!(status, "redirected", "the photo was accepted");
    browser.goto(&format!("/admin/activities/{id}/edit")).await;
    browser.wait_for(".photo-list li img").await;
}
