//! The checks themselves: on a page broken on purpose, each one finds what it looks for, so
//! that a clean result elsewhere means something.

use crate::axe::Axe;
use crate::browser::PHONE;
use crate::chromium::Chromium;
use crate::dom;
use crate::keyboard::tab_through;
use crate::portal::Portal;
use crate::tools::HtmlChecker;

const TEST: &str = "self_check::the_checks_find_faults_made_on_purpose";

/// Faults made in the live login page, each one that some check must find. (Inline
/// styles set through the DOM are allowed by the CSP; a `<style>` element would not be.)
const BREAK: &str = "
const main = document.querySelector('main');
document.querySelector('label[for=email]').remove();
const img = document.createElement('img');
img.src = '/static/none.png';
main.append(img);
const faint = document.createElement('p');
faint.textContent = 'Faint text';
faint.style.color = '#eeeeee';
main.append(faint);
const wide = document.createElement('div');
wide.style.width = '2000px';
wide.textContent = 'wide';
main.append(wide);
const link = document.createElement('a');
link.href = 'javascript:alert(1)';
link.setAttribute('onclick', 'alert(2)');
link.textContent = 'hostile';
link.style.outline = 'none';
main.append(link);
document.querySelector('header').remove();
";

#[tokio::test]
async fn the_checks_find_faults_made_on_purpose() {
    let Some(checker) = HtmlChecker::find(TEST) else {
        return;
    };
    let Some(axe) = Axe::find(TEST) else {
        return;
    };
    let Some(chromium) = Chromium::find(TEST) else {
        return;
    };
    let portal = Portal::start().await;
    let browser = chromium.open(&portal.base, "self-check", PHONE).await;
    browser.goto("/login").await;
    assert_eq!(axe.violations(&browser).await, Vec::<String>::new());
    assert_eq!(dom::problems(&browser, "login").await, Vec::<String>::new());
    assert_eq!(browser.sideways_overflow().await, None);
    browser.js(BREAK, vec![]).await;

    let found = axe.violations(&browser).await.join("\n");
    for rule in ["label", "image-alt", "color-contrast"] {
        assert!(
            found.contains(&format!("{rule} (")),
            "axe finds {rule}: {found}"
        );
    }
    let found = dom::problems(&browser, "login").await.join("\n");
    for problem in [
        "a onclick= attribute",
        "a script URL in href=",
        "site-header",
    ] {
        assert!(
            found.contains(problem),
            "the DOM check finds {problem}: {found}"
        );
    }
    assert!(
        browser.sideways_overflow().await.is_some(),
        "a 2000 px element overflows"
    );
    let found = tab_through(&browser, "login").await.join("\n");
    assert!(
        found.contains("no visible focus on <a href=\"javascript:alert(1)\""),
        "the keyboard check sees a focus without an outline: {found}"
    );

    let broken = browser
        .js(
            "return '<!DOCTYPE html>' + document.documentElement.outerHTML;",
            vec![],
        )
        .await;
    let messages = checker
        .check_all(&[("broken".into(), broken.as_str().unwrap().to_owned())])
        .expect_err("the checker finds the image without alt text");
    assert!(messages.contains("alt"), "{messages}");
    browser.close().await;
}
