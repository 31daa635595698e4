//! Journey 2: a member logs in, writes a report with a Burmese title, uploads three photos
//! through the file input while the progress bars run, describes them, saves the draft,
//! previews it and submits it.
//!
//! The upload script's contract (the script is the upload feature's, not this test's):
//! after the file input it renders `<ul id="upload-progress">` with one
//! `<li class="upload-item" data-name="FILE">` holding a `<progress>` per chosen file; a
//! finished file's item gets `data-state="done"`, a failed one `data-state="failed"` and a
//! `button.upload-retry`; when all are done the page shows the new photos.

use std::time::Duration;

use serde_json::json;

use crate::browser::{Browser, DESKTOP};
use crate::chromium::Chromium;
use crate::pictures;
use crate::portal::Portal;
use crate::report::{self, Report};

const TEST: &str = "member::a_member_writes_a_report_with_photos";

/// "Training on safe migration for workers in Yangon" in Burmese.
pub const BURMESE_TITLE: &str = "ရန်ကုန်တွင် ရွှေ့ပြောင်းလုပ်သားများအတွက် ဘေးကင်းသော ရွှေ့ပြောင်းသွားလာမှု သင်တန်း";

#[tokio::test]
async fn a_member_writes_a_report_with_photos() {
    let Some(chromium) = Chromium::find(TEST) else {
        return;
    };
    let portal = Portal::start().await;
    let member = portal.member("ycowa").await;
    let browser = chromium
        .open(&portal.base, "journey2-member", DESKTOP)
        .await;
    let files = tempfile::tempdir().expect("temp dir");
    let photos = pictures::jpegs(files.path(), 3);

    browser.log_in(&member).await;
    browser.shot("dashboard").await;
    browser
        .click_and_wait("main a[href='/admin/activities/new']")
        .await;
    browser.shot("new-report").await;
    let written = Report {
        title: BURMESE_TITLE,
        summary: "သင်တန်းသား နှစ်ဆယ့်ငါးဦး တက်ရောက်ခဲ့သည်။",
        body: "## သင်တန်းအကြောင်း\n\nTwenty-five workers learnt about contracts, fees and where to get help.",
        categories: &["network-activities", "trainings"],
        event_start: "2026-02-21",
        location: "Yangon",
        language: "my",
        links: "",
    };
    report::fill(&browser, &written).await;
    let typed = browser
        .js("return document.querySelector('#title').value;", vec![])
        .await;
    assert_eq!(
        typed, BURMESE_TITLE,
        "the Burmese title is typed as written"
    );
    browser.click_and_wait(report::SAVE).await;
    let id = report::editing(&browser).await;
    assert_eq!(browser.text("#activity-state").await, "Draft");
    browser.shot("draft-saved").await;

    // Three photos chosen at once in the file input.
    let chosen: Vec<String> = photos.iter().map(|p| p.display().to_string()).collect();
    browser
        .find("#photo-files")
        .await
        .send_keys(&chosen.join("\n"))
        .await
        .expect("files chosen");
    watch_uploads(&browser, &["photo-1.jpg", "photo-2.jpg", "photo-3.jpg"]).await;
    browser.wait_for(".photo-list li:nth-child(3) img").await;
    assert_eq!(report::editing(&browser).await, id, "still the same report");
    browser.shot_at(".photo-list", "photos-uploaded").await;

    let alts = [
        "သင်တန်းသားများ စားပွဲဝိုင်းတွင် ဆွေးနွေးနေကြသည်",
        "A trainer points at a map of the border crossings",
        "Participants hold their certificates",
    ];
    for (n, alt) in alts.iter().enumerate() {
        let item = format!(".photo-list > li:nth-child({})", n + 1);
        browser.fill(&format!("{item} input[name=alt]"), alt).await;
        browser
            .click_and_wait(&format!(
                "{item} form[action^='/admin/photos/'] button[type=submit]"
            ))
            .await;
        let kept = browser
            .js(
                "return document.querySelector(arguments[0]).value;",
                vec![json!(format!("{item} input[name=alt]"))],
            )
            .await;
        assert_eq!(kept, *alt, "photo {} keeps its alt text", n + 1);
    }
    browser.shot_at(".photo-list", "alt-text-written").await;

    // The draft is saved again with a longer summary.
    browser
        .find("#summary")
        .await
        .send_keys(" Certificates were handed out.")
        .await
        .expect("typed");
    browser.click_and_wait(report::SAVE).await;
    assert_eq!(browser.text("#activity-state").await, "Draft");
    let summary = browser
        .js("return document.querySelector('#summary').value;", vec![])
        .await;
    assert!(
        summary
            .as_str()
            .unwrap()
            .ends_with("Certificates were handed out."),
        "the saved summary is kept: {summary}"
    );

    browser.click_and_wait("a[href$='/preview']").await;
    assert_eq!(browser.text("article.activity h1").await, BURMESE_TITLE);
    browser.shot("preview").await;
    browser.client.back().await.expect("back to the form");

    report::submit(&browser).await;
    browser.shot_at(".timeline", "submitted").await;
    browser.close().await;
}

/// Watches the progress bars of the chosen files, sends them with the form's button and
/// waits until every upload is done.
async fn watch_uploads(browser: &Browser, names: &[&str]) {
    let listed = format!(
        "return document.querySelectorAll('#upload-progress li.upload-item progress').length === {};",
        names.len()
    );
    assert!(
        browser.poll(&listed, Duration::from_secs(10)).await,
        "no progress bar for each chosen file (ul#upload-progress > li.upload-item > progress)"
    );
    let shown = browser
        .js(
            "return [...document.querySelectorAll('#upload-progress li.upload-item')].map(li => li.dataset.name);",
            vec![],
        )
        .await;
    assert_eq!(shown, json!(names), "one progress bar per file, in order");
    browser.shot_at("#upload-progress", "photos-chosen").await;
    browser
        .click("form[action$='/photos'] button[type=submit]")
        .await;
    let moving =
        "return document.querySelector('#upload-progress li.upload-item[data-state]') !== null;";
    assert!(
        browser.poll(moving, Duration::from_secs(10)).await,
        "the uploads never started"
    );
    browser.shot_at("#upload-progress", "uploading").await;
    let settled = "const items = [...document.querySelectorAll('#upload-progress li.upload-item')];
                   return items.length === 0 || items.every(li => li.dataset.state === 'done' || li.dataset.state === 'failed');";
    assert!(
        browser.poll(settled, Duration::from_secs(30)).await,
        "the uploads never finished"
    );
    let failed = browser
        .js(
            "return [...document.querySelectorAll('#upload-progress li.upload-item[data-state=failed]')].map(li => li.dataset.name);",
            vec![],
        )
        .await;
    assert_eq!(failed, json!([]), "no upload failed");
}
