//! Every page type, public and admin, as Chromium on a 360 px phone shows it: axe-core
//! finds no violation of the WCAG 2.0/2.1 A and AA rules in the rendered page, the page
//! reflows without scrolling sideways (WCAG 1.4.10, which axe does not test), and the Nu
//! HTML Checker finds no error in the HTML as served (all pages in one run of the checker:
//! it is a JVM).

use crate::axe::Axe;
use crate::browser::{Browser, PHONE};
use crate::chromium::Chromium;
use crate::portal::Portal;
use crate::tools::HtmlChecker;

const TEST: &str = "page_checks::every_page_type_is_valid_and_accessible";

/// The pages seen so far and what was wrong with them.
struct Audit<'a> {
    browser: &'a Browser,
    axe: &'a Axe,
    documents: Vec<(String, String)>,
    problems: Vec<String>,
}

impl Audit<'_> {
    /// Checks the page the browser shows now: axe on the rendered page, and its HTML,
    /// fetched again as served, kept for the checker. `status` is what it must answer.
    async fn check(&mut self, name: &str, status: u16) {
        let (served, body) = self.browser.served_html().await;
        self.keep(name, status, served, body).await;
    }

    /// The same for the page that answers a POST of the form `form_css` as filled now: it
    /// is posted once (creating an account twice would not give the same page), and the
    /// answer is shown in place of the current document for axe.
    async fn check_post(&mut self, name: &str, form_css: &str, status: u16) {
        let (served, body) = self.browser.served_html_of_post(form_css).await;
        self.browser.show_html(&body).await;
        self.keep(name, status, served, body).await;
    }

    async fn keep(&mut self, name: &str, status: u16, served: u16, body: String) {
        let path = self.browser.path().await;
        if served != status {
            self.problems
                .push(format!("{name} ({path}): answered {served}, not {status}"));
        }
        if let Some(overflow) = self.browser.sideways_overflow().await {
            self.problems
                .push(format!("{name} ({path}): scrolls sideways: {overflow}"));
        }
        for v in self.axe.violations(self.browser).await {
            self.problems.push(format!("{name} ({path}): axe {v}"));
        }
        self.documents.push((name.to_owned(), body));
    }

    async fn visit(&mut self, name: &str, path: &str) {
        self.browser.goto(path).await;
        self.check(name, 200).await;
    }

    /// Follows the first link matching `css` and checks where it leads.
    async fn follow(&mut self, name: &str, css: &str) {
        let href = self
            .browser
            .find(css)
            .await
            .attr("href")
            .await
            .expect("href read")
            .unwrap_or_else(|| panic!("`{css}` has no href"));
        self.visit(name, &href).await;
    }
}

/// The page that lists what an upload refused: a text file that calls itself a JPEG,
/// posted from the edit page as its upload form would post it.
async fn refused_upload(audit: &mut Audit<'_>) {
    let answer = audit
        .browser
        .js_async(
            "const done = arguments[arguments.length - 1];
             const form = document.querySelector('form[action$=photos]');
             const data = new FormData();
             data.append('csrf_token', form.querySelector('input[name=csrf_token]').value);
             data.append('photos', new File(['not a picture'], 'notes.jpg', {type: 'image/jpeg'}));
             fetch(form.action, {method: 'POST', body: data, redirect: 'manual'})
               .then(r => r.text().then(body => done([r.status, body])))
               .catch(e => done([0, String(e)]));",
            vec![],
        )
        .await;
    let served = answer[0].as_u64().expect("a status") as u16;
    let body = answer[1].as_str().expect("a body").to_owned();
    audit.browser.show_html(&body).await;
    audit
        .keep("photo upload with a refused file", 422, served, body)
        .await;
}

#[tokio::test]
async fn every_page_type_is_valid_and_accessible() {
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
    let member = portal.member("map-foundation").await;
    let secretariat = portal.secretariat().await;
    let browser = chromium.open(&portal.base, "pages", PHONE).await;
    let mut audit = Audit {
        browser: &browser,
        axe: &axe,
        documents: Vec::new(),
        problems: Vec::new(),
    };

    // What visitors see.
    audit.visit("home", "/").await;
    audit
        .follow("month archive", ".side-column a[href^='/archive/']")
        .await;
    audit
        .visit("category", "/category/network-activities")
        .await;
    audit
        .visit("category page 2", "/category/network-activities?page=2")
        .await;
    // An activity with photos, a PDF and press links.
    audit
        .visit(
            "activity",
            "/activities/research-launch-paying-to-work-2015",
        )
        .await;
    audit.visit("organization list", "/organizations").await;
    audit.visit("organization", "/organizations/mmn").await;
    audit.visit("static page", "/pages/about").await;
    audit.visit("search form", "/search").await;
    audit
        .visit("search results", "/search?q=migrant+workers")
        .await;
    browser.goto("/no-such-page").await;
    audit.check("404", 404).await;
    audit.visit("login", "/login").await;
    browser.fill("#email", "nobody@example.org").await;
    browser.fill("#password", "not the password").await;
    audit
        .check_post("login with an error", "main form", 422)
        .await;

    // A member.
    browser.log_in(&member).await;
    audit.check("member dashboard", 200).await;
    audit.visit("activity list", "/admin/activities").await;
    audit
        .follow("activity form of a draft", "table.list a[href$='/edit']")
        .await;
    let draft = browser.path().await;
    refused_upload(&mut audit).await;
    browser.goto(&draft).await;
    audit
        .follow("documents of a report", "a[href$='/attachments']")
        .await;
    browser.goto(&draft).await;
    audit.follow("preview", "a[href$='/preview']").await;
    audit
        .visit("activity form, empty", "/admin/activities/new")
        .await;
    browser.fill("#title", "A report with mistakes").await;
    browser.fill("#language", "not a language!").await;
    browser.fill("#links", "not-a-url and a title").await;
    audit
        .check_post(
            "activity form with validation errors",
            "form[action='/admin/activities']",
            422,
        )
        .await;
    audit.visit("own organization", "/admin/organization").await;
    audit.visit("account (member)", "/admin/account").await;
    browser.log_out().await;

    // The secretariat.
    browser.log_in(&secretariat).await;
    audit.check("secretariat dashboard", 200).await;
    audit.visit("moderation queue", "/admin/moderation").await;
    audit
        .follow("review page", "table.list a[href$='/edit']")
        .await;
    audit.follow("review preview", "a[href$='/preview']").await;
    audit
        .visit("activity list (secretariat)", "/admin/activities")
        .await;
    audit
        .visit("moderation history", "/admin/moderation/history")
        .await;
    audit.visit("audit log", "/admin/audit").await;
    audit.visit("users", "/admin/users").await;
    browser.fill("#email", "new.member@fed.example.org").await;
    browser
        .find("#organization")
        .await
        .select_by_value("fed")
        .await
        .expect("organization chosen");
    audit
        .check_post(
            "one-time credentials of a new account",
            "form[action='/admin/users']",
            200,
        )
        .await;
    audit.visit("organizations", "/admin/organizations").await;
    audit
        .follow(
            "organization editor",
            "main a[href^='/admin/organizations/']",
        )
        .await;
    audit.visit("categories", "/admin/categories").await;
    audit.visit("pages", "/admin/pages").await;
    audit.visit("page editor", "/admin/pages/about").await;
    audit.visit("account (secretariat)", "/admin/account").await;

    let Audit {
        documents,
        mut problems,
        ..
    } = audit;
    if let Err(messages) = checker.check_all(&documents) {
        problems.push(format!("Nu HTML Checker:\n{messages}"));
    }
    browser.close().await;
    assert!(
        problems.is_empty(),
        "{} pages checked; problems:\n{}",
        documents.len(),
        problems.join("\n")
    );
}
