//! Journey 3: a member submits a report; the secretariat sees it counted on the dashboard
//! and asks for changes with a comment; the member reads the comment, fixes the report and
//! submits it again; the secretariat approves it; a visitor finds it first on the category
//! page and on the home page.

use crate::browser::DESKTOP;
use crate::chromium::Chromium;
use crate::portal::Portal;
use crate::report::{self, Report};

const TEST: &str = "moderation::a_report_goes_back_and_forth_until_published";

const TITLE: &str = "Dialogue with employers on recruitment fees in Mae Sot";
const COMMENT: &str = "Please say how many workers took part.";

#[tokio::test]
async fn a_report_goes_back_and_forth_until_published() {
    let Some(chromium) = Chromium::find(TEST) else {
        return;
    };
    let portal = Portal::start().await;
    let member = portal.member("map-foundation").await;
    let secretariat = portal.secretariat().await;
    let browser = chromium
        .open(&portal.base, "journey3-moderation", DESKTOP)
        .await;

    browser.log_in(&member).await;
    let written = Report {
        title: TITLE,
        summary: "Employers and migrant workers met to talk about fees.",
        categories: &["network-activities", "meetings-conferences"],
        ..Report::default()
    };
    let id = report::create(&browser, &written).await;
    report::submit(&browser).await;
    browser.log_out().await;

    // The secretariat: the count on the dashboard is the queue's length.
    browser.log_in(&secretariat).await;
    let counted: usize = browser
        .text("#waiting + .badge")
        .await
        .parse()
        .expect("a count on the dashboard");
    browser.shot("dashboard-count").await;
    browser.click_and_wait("#waiting").await;
    assert_eq!(browser.path().await, "/admin/moderation");
    let queue = browser.find_all("table.list tbody tr").await;
    assert_eq!(counted, queue.len(), "the dashboard counts the queue");
    assert!(counted >= 1);
    browser.shot("queue").await;
    let review = format!("table.list a[href='/admin/activities/{id}/edit']");
    browser.click_and_wait(&review).await;
    browser
        .shot_at("form[action$='/request-changes']", "review")
        .await;
    browser.fill("#comment", COMMENT).await;
    browser
        .click_and_wait("form[action$='/request-changes'] button[type=submit]")
        .await;
    assert_eq!(browser.text("#activity-state").await, "Changes requested");
    browser.shot_at(".timeline", "changes-requested").await;
    browser.log_out().await;

    // The member reads the comment, fixes the report and submits it again.
    browser.log_in(&member).await;
    assert_eq!(
        browser.text("#waiting + .badge").await,
        "1",
        "one report waits for the member"
    );
    browser.shot("member-dashboard").await;
    browser.click_and_wait("#waiting").await;
    browser
        .click_and_wait(&format!("table.list a[href='/admin/activities/{id}/edit']"))
        .await;
    let timeline = browser.text(".timeline").await;
    assert!(
        timeline.contains(COMMENT),
        "the comment is shown: {timeline}"
    );
    browser
        .shot_at(".timeline blockquote", "comment-read")
        .await;
    browser
        .find("#summary")
        .await
        .send_keys(" Forty-two workers took part.")
        .await
        .expect("typed");
    browser.click_and_wait(report::SAVE).await;
    report::submit(&browser).await;
    browser.shot("resubmitted").await;
    browser.log_out().await;

    // The secretariat approves it.
    browser.log_in(&secretariat).await;
    browser.click_and_wait("#waiting").await;
    browser.click_and_wait(&review).await;
    browser
        .click_and_wait("form[action$='/approve'] button[type=submit]")
        .await;
    assert_eq!(browser.text("#activity-state").await, "Published");
    browser.shot("approved").await;
    browser.log_out().await;

    // A visitor finds it first on the category page and on the home page.
    browser
        .click_and_wait(".site-nav a[href='/category/network-activities']")
        .await;
    assert_eq!(browser.text(".card .card-title").await, TITLE);
    browser.shot("category").await;
    browser.click_and_wait(".site-nav a[href='/']").await;
    assert_eq!(browser.text(".card .card-title").await, TITLE);
    browser.shot("home").await;
    browser.click_and_wait(".card .card-title a").await;
    let summary = browser.text(".activity .lead").await;
    assert!(
        summary.ends_with("Forty-two workers took part."),
        "the fixed version is the one published: {summary}"
    );
    browser.shot("published").await;
    browser.close().await;
}
