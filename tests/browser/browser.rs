//! The browser a test drives: navigation, forms, keys, scripts in the page, the HTML as
//! served, screenshots and the sideways-scroll check. (Starting it: `chromium.rs`.)

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::{Value, json};
use tempfile::TempDir;

use crate::chromium::ProcessGroup;
use crate::portal::PASSWORD;

/// A small phone's viewport, and a desktop window.
pub const PHONE: (u32, u32) = (360, 740);
pub const DESKTOP: (u32, u32) = (1280, 900);

/// How long a page, an element or a condition may take before the test fails.
const PATIENCE: Duration = Duration::from_secs(15);

/// A Chromium session on one portal; dropping it kills Chromium and its chromedriver.
pub struct Browser {
    pub client: Client,
    base: String,
    journey: &'static str,
    step: Cell<u32>,
    _driver: ProcessGroup,
    _profile: TempDir,
}

impl Browser {
    pub(crate) fn new(
        client: Client,
        base: &str,
        journey: &'static str,
        driver: ProcessGroup,
        profile: TempDir,
    ) -> Browser {
        remove_old_screenshots(journey);
        Browser {
            client,
            base: base.to_owned(),
            journey,
            step: Cell::new(0),
            _driver: driver,
            _profile: profile,
        }
    }

    /// Ends the session, which closes Chromium; dropping kills whatever is left.
    pub async fn close(self) {
        self.client.clone().close().await.expect("the session ends");
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn goto(&self, path: &str) {
        self.client
            .goto(&self.url(path))
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
    }

    /// The path and query of the current page.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.expect("current URL");
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        }
    }

    pub async fn find(&self, css: &str) -> Element {
        match self.client.find(Locator::Css(css)).await {
            Ok(e) => e,
            Err(e) => panic!("`{css}` on {}: {e}", self.path().await),
        }
    }

    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("`{css}`: {e}"))
    }

    /// Waits for an element to appear.
    pub async fn wait_for(&self, css: &str) -> Element {
        match self
            .client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
        {
            Ok(e) => e,
            Err(e) => panic!("`{css}` never appeared on {}: {e}", self.path().await),
        }
    }

    /// The text of the element, as a reader sees it.
    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.expect("element text")
    }

    /// Clears a field and types `text` into it, key by key.
    pub async fn fill(&self, css: &str, text: &str) {
        let field = self.find(css).await;
        field.clear().await.expect("field cleared");
        if text.is_empty() {
            return;
        }
        field
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("typing into `{css}`: {e}"));
    }

    pub async fn click(&self, css: &str) {
        self.find(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("clicking `{css}`: {e}"));
    }

    /// Clicks something that loads another page, and waits until that page has loaded.
    pub async fn click_and_wait(&self, css: &str) {
        self.mark_page().await;
        self.click(css).await;
        self.wait_for_new_page(css).await;
    }

    /// Presses keys as a keyboard would, on whatever has the focus: characters, or
    /// fantoccini's `Key`s as chars.
    pub async fn press(&self, keys: &[char]) {
        let mut actions = KeyActions::new("keyboard".into());
        for &value in keys {
            actions = actions
                .then(KeyAction::Down { value })
                .then(KeyAction::Up { value });
        }
        self.client
            .perform_actions(actions)
            .await
            .expect("keys pressed");
    }

    /// Presses Enter where the focus is, and waits for the page it loads.
    pub async fn press_enter_and_wait(&self) {
        self.mark_page().await;
        self.press(&[Key::Enter.into()]).await;
        self.wait_for_new_page("Enter").await;
    }

    /// Marks the current document, so that a new one can be told from it.
    async fn mark_page(&self) {
        self.js("window.__testOldPage = true;", vec![]).await;
    }

    async fn wait_for_new_page(&self, after: &str) {
        let loaded =
            "return window.__testOldPage === undefined && document.readyState === 'complete';";
        if !self.poll(loaded, PATIENCE).await {
            panic!("no new page loaded after `{after}` ({})", self.path().await);
        }
    }

    /// Polls `script` until it returns true (errors, as while a page unloads, count as
    /// not yet); whether it did within `limit`.
    pub async fn poll(&self, script: &str, limit: Duration) -> bool {
        let start = Instant::now();
        loop {
            if let Ok(Value::Bool(true)) = self.client.execute(script, vec![]).await {
                return true;
            }
            if start.elapsed() > limit {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Runs a script in the page (arguments as `arguments[i]`).
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{}", head(script)))
    }

    /// Runs an asynchronous script; it ends by calling `arguments[arguments.length - 1]`.
    pub async fn js_async(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute_async(script, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{}", head(script)))
    }

    /// The page's address fetched again from inside the page (same session cookie), as
    /// (status, body): the HTML exactly as the portal serves it.
    pub async fn served_html(&self) -> (u16, String) {
        let out = self
            .js_async(
                "const done = arguments[arguments.length - 1];
                 fetch(location.href, {credentials: 'same-origin', redirect: 'manual'})
                   .then(r => r.text().then(body => done([r.status, body])))
                   .catch(e => done([0, String(e)]));",
                vec![],
            )
            .await;
        status_and_body(out)
    }

    /// What the portal answers when the form `form_css` is posted as it is filled now, as
    /// (status, body), without leaving the page.
    pub async fn served_html_of_post(&self, form_css: &str) -> (u16, String) {
        let out = self
            .js_async(
                "const done = arguments[arguments.length - 1];
                 const form = document.querySelector(arguments[0]);
                 fetch(form.action, {method: 'POST', credentials: 'same-origin', redirect: 'manual',
                                     body: new URLSearchParams(new FormData(form))})
                   .then(r => r.text().then(body => done([r.status, body])))
                   .catch(e => done([0, String(e)]));",
                vec![json!(form_css)],
            )
            .await;
        status_and_body(out)
    }

    /// Replaces the current document with `html`, parsed and rendered as if served here.
    pub async fn show_html(&self, html: &str) {
        self.js(
            "document.open(); document.write(arguments[0]); document.close();",
            vec![json!(html)],
        )
        .await;
        let styled =
            "return document.readyState === 'complete' && document.styleSheets.length > 0;";
        assert!(self.poll(styled, PATIENCE).await, "the page never rendered");
    }

    /// Saves a screenshot as `target/screenshots/{journey}-{step}-{what}.png`.
    pub async fn shot(&self, what: &str) {
        let step = self.step.get() + 1;
        self.step.set(step);
        let png = self.client.screenshot().await.expect("screenshot");
        assert_eq!(&png[1..4], b"PNG", "a PNG screenshot");
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        let path = dir.join(format!("{}-{step:02}-{what}.png", self.journey));
        std::fs::write(&path, png).expect("screenshot written");
    }

    /// A screenshot with the element matching `css` scrolled to the middle of the window.
    pub async fn shot_at(&self, css: &str, what: &str) {
        self.js(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});",
            vec![json!(css)],
        )
        .await;
        self.shot(what).await;
    }

    /// Nothing on the page is wider than the window, so it never scrolls sideways.
    pub async fn assert_no_sideways_scroll(&self, what: &str) {
        if let Some(overflow) = self.sideways_overflow().await {
            panic!("{what} scrolls sideways: {overflow}");
        }
    }

    /// What makes the page wider than the window, if anything does.
    pub async fn sideways_overflow(&self) -> Option<String> {
        let widths = self
            .js(
                "return [document.documentElement.scrollWidth, window.innerWidth];",
                vec![],
            )
            .await;
        let (scroll, inner) = (widths[0].as_u64().unwrap(), widths[1].as_u64().unwrap());
        if scroll <= inner {
            return None;
        }
        let wide = self
            .js(
                "const w = window.innerWidth; return [...document.querySelectorAll('body *')]
                   .filter(e => e.getBoundingClientRect().right > w + 0.5)
                   .slice(0, 5).map(e => e.outerHTML.slice(0, 160));",
                vec![],
            )
            .await;
        Some(format!(
            "{scroll} px wide in a {inner} px window; too wide: {wide:#}"
        ))
    }

    /// Logs in through the login form with the tests' password; lands on the dashboard.
    pub async fn log_in(&self, email: &str) {
        self.goto("/login").await;
        self.fill("#email", email).await;
        self.fill("#password", PASSWORD).await;
        self.click_and_wait("main form button[type=submit]").await;
        assert_eq!(self.path().await, "/admin", "{email} is logged in");
    }

    /// Logs out with the button of the admin menu.
    pub async fn log_out(&self) {
        self.click_and_wait("form[action='/logout'] button").await;
        assert_eq!(self.path().await, "/", "logged out");
    }
}

fn status_and_body(out: Value) -> (u16, String) {
    let status = out[0].as_u64().expect("a status") as u16;
    let body = out[1].as_str().expect("a body").to_owned();
    assert_ne!(status, 0, "the fetch failed: {body}");
    (status, body)
}

fn head(script: &str) -> String {
    script.chars().take(300).collect()
}

/// `target/screenshots/` (next to `CARGO_TARGET_TMPDIR`, so it follows `CARGO_TARGET_DIR`).
pub fn screenshot_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the target dir")
        .join("screenshots")
}

/// Old screenshots of a journey would pass for new ones in a review.
fn remove_old_screenshots(journey: &str) {
    let Ok(entries) = std::fs::read_dir(screenshot_dir()) else {
        return;
    };
    let prefix = format!("{journey}-");
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
