//! The people of the soak: members writing reports with photos, visitors reading, the
//! secretariat moderating. Every request is timed and its status kept.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::{Client, StatusCode};

use crate::helpers::{Page, created_activity_id};
use crate::real_portal::{Browser, photo, photo_ids, report_fields};

/// A small deterministic generator: each person gets a seed, so a run can be repeated.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }

    /// A pause between `min` and `max` milliseconds.
    pub async fn pause(&mut self, min: u64, max: u64) {
        let ms = min + self.below(max - min + 1);
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
}

/// What every request did.
#[derive(Default)]
pub struct Stats {
    pub latencies: Vec<Duration>,
    pub statuses: BTreeMap<u16, usize>,
    /// Requests that got no answer, or an answer the person did not expect.
    pub failures: Vec<String>,
    /// Submissions answered 303: (activity id, title, photos).
    pub accepted: Vec<(i32, String, usize)>,
    /// Activities a moderator approved (303).
    pub approved: Vec<i32>,
}

pub type Shared = Arc<Mutex<Stats>>;

/// Sends a request, records its time and status; `None` when no answer came.
async fn timed(
    stats: &Shared,
    what: &str,
    request: impl std::future::Future<Output = reqwest::Result<reqwest::Response>>,
) -> Option<reqwest::Response> {
    let started = Instant::now();
    let result = request.await;
    let took = started.elapsed();
    let mut stats = stats.lock().unwrap();
    stats.latencies.push(took);
    match result {
        Ok(response) => {
            *stats
                .statuses
                .entry(response.status().as_u16())
                .or_default() += 1;
            if response.status().is_server_error() {
                stats
                    .failures
                    .push(format!("{what}: {}", response.status()));
            }
            Some(response)
        }
        Err(e) => {
            stats.failures.push(format!("{what}: no answer: {e}"));
            None
        }
    }
}

fn expect(stats: &Shared, what: &str, response: &reqwest::Response, status: StatusCode) -> bool {
    let ok = response.status() == status;
    if !ok {
        stats
            .lock()
            .unwrap()
            .failures
            .push(format!("{what}: {} instead of {status}", response.status()));
    }
    ok
}

/// A member: report after report, each with one to three photos described and submitted.
pub async fn member(browser: Browser, index: u64, until: Instant, stats: Shared) {
    let mut rng = Rng::new(index + 1);
    let mut n = 0u32;
    while Instant::now() < until {
        n += 1;
        let title = format!("Soak report {index}-{n}");
        let body = format!("What the meeting {n} of member {index} decided.");
        let what = format!("create {title}");
        let Some(response) = timed(
            &stats,
            &what,
            browser.post("/admin/activities", &report_fields(&title, &body)),
        )
        .await
        else {
            return;
        };
        if !expect(&stats, &what, &response, StatusCode::SEE_OTHER) {
            return;
        }
        let id = created_activity_id(&response);
        let photos = 1 + rng.below(3) as usize;
        for p in 0..photos {
            rng.pause(300, 1200).await;
            let seed = (index as u32) << 20 | n << 4 | p as u32;
            let what = format!("photo {p} of {title}");
            let bytes = photo(seed, 800, 600);
            let Some(response) = timed(
                &stats,
                &what,
                browser.upload(id, &format!("p{p}.jpg"), bytes),
            )
            .await
            else {
                return;
            };
            if !expect(&stats, &what, &response, StatusCode::SEE_OTHER) {
                return;
            }
        }
        for photo in photo_ids(&browser, id).await {
            rng.pause(200, 800).await;
            let what = format!("alt text of {title}");
            let path = format!("/admin/photos/{photo}");
            let request = browser.post(&path, &[("alt", "People around a table"), ("caption", "")]);
            let Some(response) = timed(&stats, &what, request).await else {
                return;
            };
            if !expect(&stats, &what, &response, StatusCode::SEE_OTHER) {
                return;
            }
        }
        rng.pause(300, 1200).await;
        let what = format!("submit {title}");
        let path = format!("/admin/activities/{id}/submit");
        let Some(response) = timed(&stats, &what, browser.post(&path, &[("consent", "yes")])).await
        else {
            return;
        };
        if expect(&stats, &what, &response, StatusCode::SEE_OTHER) {
            stats.lock().unwrap().accepted.push((id, title, photos));
        }
        rng.pause(500, 2000).await;
    }
}

/// Public addresses found on pages, shared by the visitors.
pub type Addresses = Arc<Mutex<Vec<String>>>;

/// Root-relative links a visitor may follow (no admin, login or language switches).
fn readable_links(page: &Page) -> Vec<String> {
    page.attrs("a", "href")
        .into_iter()
        .filter(|h| h.starts_with('/') && !h.starts_with("//"))
        .filter(|h| {
            !["/admin", "/login", "/logout", "/language"]
                .iter()
                .any(|p| h.starts_with(p))
        })
        .map(|h| h.split('#').next().unwrap_or_default().to_owned())
        .filter(|h| !h.is_empty())
        .collect()
}

/// A visitor: follows links from page to page, and loads the pictures of some.
pub async fn visitor(
    base: String,
    index: u64,
    until: Instant,
    addresses: Addresses,
    stats: Shared,
) {
    let mut rng = Rng::new(1000 + index);
    let client = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    while Instant::now() < until {
        let path = {
            let known = addresses.lock().unwrap();
            known[rng.below(known.len() as u64) as usize].clone()
        };
        let Some(response) = timed(&stats, &path, client.get(format!("{base}{path}")).send()).await
        else {
            return;
        };
        let html = response
            .headers()
            .get("content-type")
            .is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
        if response.status() == StatusCode::OK && html {
            // A parsed page cannot cross an await: take what is needed from it first.
            let (links, picture) = {
                let page = Page::from_response(response).await;
                (
                    readable_links(&page),
                    page.attrs("img", "src").into_iter().next(),
                )
            };
            {
                let mut known = addresses.lock().unwrap();
                for link in links {
                    if known.len() < 2000 && !known.contains(&link) {
                        known.push(link);
                    }
                }
            }
            if let Some(src) = picture.filter(|_| rng.below(3) == 0) {
                timed(&stats, &src, client.get(format!("{base}{src}")).send()).await;
            }
        } else {
            let _ = response.bytes().await;
        }
        rng.pause(300, 1500).await;
    }
}

/// A moderator: reads the queue, approves most, asks for changes to some.
pub async fn moderator(browser: Browser, index: u64, until: Instant, stats: Shared) {
    let mut rng = Rng::new(5000 + index);
    while Instant::now() < until {
        let Some(response) = timed(
            &stats,
            "moderation queue",
            browser.client.get(browser.url("/admin/moderation")).send(),
        )
        .await
        else {
            return;
        };
        let ids: Vec<i32> = Page::from_response(response)
            .await
            .attrs("table a", "href")
            .iter()
            .filter_map(|h| {
                h.strip_prefix("/admin/activities/")?
                    .strip_suffix("/edit")?
                    .parse()
                    .ok()
            })
            .collect();
        for id in ids.into_iter().take(4) {
            rng.pause(200, 800).await;
            let approve = rng.below(6) != 0;
            let (path, fields): (String, Vec<(&str, &str)>) = if approve {
                (format!("/admin/activities/{id}/approve"), vec![])
            } else {
                (
                    format!("/admin/activities/{id}/request-changes"),
                    vec![("comment", "Please name the partner organizations.")],
                )
            };
            let Some(response) = timed(&stats, &path, browser.post(&path, &fields)).await else {
                return;
            };
            // The other moderator may have been first: 409 is a fair answer.
            match response.status() {
                StatusCode::SEE_OTHER if approve => stats.lock().unwrap().approved.push(id),
                StatusCode::SEE_OTHER | StatusCode::CONFLICT => {}
                other => stats
                    .lock()
                    .unwrap()
                    .failures
                    .push(format!("{path}: {other}")),
            }
        }
        rng.pause(1000, 2500).await;
    }
}
