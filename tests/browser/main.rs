//! Browser tests: the portal as a person uses it, in headless Chromium driven over WebDriver
//! (Debian's chromium and chromium-driver), every page type checked by the Nu HTML Checker
//! and axe-core. Each test starts its own portal (port 0, temp data dir, demo content), its
//! own chromedriver on a free port and its own Chromium profile. Where Chromium,
//! chromedriver, Java or the npm tools are missing a test prints one SKIPPED line; under CI
//! it fails instead (the rule of `tests/api/tools.rs`).

// The tool rule of the API tests, shared; this binary uses only part of it.
#[path = "../api/tools.rs"]
#[allow(dead_code)]
mod tools;

// The harness: portal, browser, checks.
mod axe;
mod browser;
mod chromium;
mod dom;
mod pictures;
mod portal;
mod report;

// Journeys 1–4 of issue 7 (visitor, member, moderation, hostile), every page type, the
// keyboard, and the checks tested on faults made on purpose.
mod hostile;
mod keyboard;
mod member;
mod moderation;
mod page_checks;
mod self_check;
mod visitor;

// Issue 10: a page fetches the web fonts of the scripts it shows, and no others; a reader
// switches language and follows a translation.
mod fonts;
mod languages;
