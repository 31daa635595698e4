//! Journey 1: a visitor on a 360×740 phone reads the network's activities by following
//! links: home, a category, its page 2, an activity, the larger photo, the PDF report and
//! an organization. No page may scroll sideways.

use crate::browser::PHONE;
use crate::chromium::Chromium;
use crate::portal::Portal;

const TEST: &str = "visitor::a_visitor_reads_on_a_phone";

/// A demo report on page 2 of Network Activities with photos and a PDF.
const ACTIVITY: &str = "/activities/fifteenth-anniversary-workshop-2018";

#[tokio::test]
async fn a_visitor_reads_on_a_phone() {
    let Some(chromium) = Chromium::find(TEST) else {
        return;
    };
    let portal = Portal::start().await;
    let browser = chromium.open(&portal.base, "journey1-visitor", PHONE).await;
    browser.goto("/").await;
    let inner = browser.js("return window.innerWidth;", vec![]).await;
    assert_eq!(inner, 360, "the window is a 360 px phone");
    browser.assert_no_sideways_scroll("the home page").await;
    browser.shot("home").await;

    browser
        .click_and_wait(".site-nav a[href='/category/network-activities']")
        .await;
    assert_eq!(browser.path().await, "/category/network-activities");
    browser.assert_no_sideways_scroll("the category").await;
    browser.shot("category").await;

    browser.click_and_wait(".pagination a[rel=next]").await;
    assert_eq!(browser.path().await, "/category/network-activities?page=2");
    browser.assert_no_sideways_scroll("page 2").await;
    browser.shot("category-page-2").await;

    browser
        .click_and_wait(&format!(".card-title a[href='{ACTIVITY}']"))
        .await;
    assert_eq!(browser.path().await, ACTIVITY);
    browser.assert_no_sideways_scroll("the activity").await;
    browser.shot("activity").await;
    browser.shot_at(".gallery", "activity-gallery").await;

    browser.click_and_wait(".gallery li:first-child a").await;
    let photo = browser
        .js(
            "const img = document.images[0];
             return [document.contentType, img ? img.naturalWidth : 0];",
            vec![],
        )
        .await;
    assert!(
        photo[0].as_str().unwrap().starts_with("image/") && photo[1].as_u64().unwrap() > 360,
        "the larger photo opens as an image wider than the phone: {photo}"
    );
    browser.assert_no_sideways_scroll("the larger photo").await;
    browser.shot("larger-photo").await;
    browser.client.back().await.expect("back to the activity");

    let pdf = browser
        .find(".documents a")
        .await
        .attr("href")
        .await
        .expect("href read")
        .expect("the PDF link has an address");
    browser.shot_at(".documents", "activity-documents").await;
    // The link is followed from inside the page: whether Chromium shows a PDF or saves it
    // depends on its build, while what the portal answers must be the PDF itself.
    let answer = browser
        .js_async(
            "const done = arguments[arguments.length - 1];
             fetch(arguments[0]).then(r => r.arrayBuffer().then(b => done([
                 r.status, r.headers.get('content-type'),
                 String.fromCharCode(...new Uint8Array(b.slice(0, 5)))])))
               .catch(e => done([0, String(e), '']));",
            vec![serde_json::json!(pdf)],
        )
        .await;
    assert_eq!(
        answer,
        serde_json::json!([200, "application/pdf", "%PDF-"]),
        "the PDF link {pdf} gives a PDF"
    );

    browser
        .click_and_wait(".event-box a[href^='/organizations/']")
        .await;
    assert!(browser.path().await.starts_with("/organizations/"));
    browser.assert_no_sideways_scroll("the organization").await;
    browser.shot("organization").await;
    browser.close().await;
}
