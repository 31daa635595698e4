//! Journey 5 (issue 10): a reader on a 360×740 phone switches the interface to Thai, reads
//! the network's statement, and follows its Burmese translation. The interface stays Thai
//! while each article carries its own language.

use crate::browser::PHONE;
use crate::chromium::Chromium;
use crate::portal::Portal;

const TEST: &str = "languages::a_reader_switches_to_thai_and_follows_a_translation";

/// The demo statement, with its Thai and Burmese translations.
const ORIGINAL: &str = "/activities/imd-2016-statement";
const BURMESE: &str = "/activities/imd-2016-statement-my";

#[tokio::test]
async fn a_reader_switches_to_thai_and_follows_a_translation() {
    let Some(chromium) = Chromium::find(TEST) else {
        return;
    };
    let portal = Portal::start().await;
    let browser = chromium
        .open(&portal.base, "journey5-languages", PHONE)
        .await;
    browser.goto(ORIGINAL).await;
    let lang = "return document.documentElement.lang;";
    assert_eq!(browser.js(lang, vec![]).await, "en");
    let english_nav = browser.text(".site-nav").await;
    browser
        .assert_no_sideways_scroll("the English statement")
        .await;
    browser.shot("english").await;

    // The switch is closed: it shows the current language only, until it is opened.
    let visible = browser
        .js(
            "return document.querySelector('.language-switch a[lang=th]').checkVisibility();",
            vec![],
        )
        .await;
    assert_eq!(
        visible, false,
        "the other languages are hidden until the switch opens"
    );
    browser.click(".language-switch summary").await;
    browser.wait_for(".language-switch[open] a[lang=th]").await;
    browser.shot("switch-open").await;
    browser.click_and_wait(".language-switch a[lang=th]").await;

    // Back on the same page, the interface in Thai, the article still in English.
    assert_eq!(browser.path().await, ORIGINAL);
    assert_eq!(browser.js(lang, vec![]).await, "th");
    let thai_nav = browser.text(".site-nav").await;
    assert_ne!(thai_nav, english_nav);
    assert!(
        thai_nav
            .chars()
            .any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c)),
        "the menu is in Thai: {thai_nav}"
    );
    let article = "return document.querySelector('article').lang;";
    assert_eq!(browser.js(article, vec![]).await, "en");
    browser
        .assert_no_sideways_scroll("the statement, Thai interface")
        .await;
    browser.shot("thai-interface").await;
    browser.shot_at(".also-in", "also-in").await;

    // "Also in": the Burmese translation, named in Burmese.
    let name = browser.text(".also-in a[hreflang=my]").await;
    assert_eq!(name, "မြန်မာ");
    browser.click_and_wait(".also-in a[hreflang=my]").await;
    assert_eq!(browser.path().await, BURMESE);
    assert_eq!(
        browser.js(lang, vec![]).await,
        "th",
        "the interface stays Thai"
    );
    assert_eq!(browser.js(article, vec![]).await, "my");
    let title = browser.text("article h1").await;
    assert!(
        title
            .chars()
            .any(|c| ('\u{1000}'..='\u{109F}').contains(&c)),
        "the Burmese title: {title}"
    );
    // Its photo is the original's, shared, with the note in Thai.
    browser.wait_for(".gallery img").await;
    browser
        .assert_no_sideways_scroll("the Burmese translation")
        .await;
    browser.shot("burmese-translation").await;
    browser
        .shot_at(".gallery", "burmese-translation-gallery")
        .await;

    // And back to English by the same switch.
    browser.click(".language-switch summary").await;
    browser.wait_for(".language-switch[open] a[lang=en]").await;
    browser.click_and_wait(".language-switch a[lang=en]").await;
    assert_eq!(browser.path().await, BURMESE);
    assert_eq!(browser.js(lang, vec![]).await, "en");
    browser.shot("english-again").await;
    browser.close().await;
}
