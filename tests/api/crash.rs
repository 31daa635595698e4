//! The real binary killed with SIGKILL while many reports and photos are being written,
//! then started again on the same data dir: the database is whole, every write that was
//! answered with success is there once, nothing half-written shows, leftovers are gone.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Text};
use reqwest::StatusCode;

use crate::helpers::created_activity_id;
use crate::process::{ServerProcess, command};
use crate::real_portal::{Browser, check_whole, database, photo, report_fields, serve_prepared};

/// Writers at once: more than the server's workers and blocking threads keep busy.
const WRITERS: u32 = 12;

/// What the server confirmed before it died.
#[derive(Default)]
struct Confirmed {
    /// (activity id, title) of each report answered 303.
    reports: Vec<(i32, String)>,
    /// Activity id of each photo upload answered 303.
    photos: Vec<i32>,
    /// Requests that got no answer: they were in flight at the kill.
    cut: usize,
}

/// One writer: report after report, each with a photo, until the server stops answering.
async fn write_until_killed(browser: Browser, writer: u32, confirmed: Arc<Mutex<Confirmed>>) {
    for n in 0.. {
        let title = format!("Crash report {writer}-{n}");
        let body = format!(
            "What happened at meeting {n}.\n\n{}",
            "Details. ".repeat(200)
        );
        let Ok(response) = browser
            .post("/admin/activities", &report_fields(&title, &body))
            .await
        else {
            confirmed.lock().unwrap().cut += 1;
            return;
        };
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{title}");
        let id = created_activity_id(&response);
        confirmed.lock().unwrap().reports.push((id, title));
        let bytes = photo(writer * 10_000 + n, 900, 600);
        match browser
            .upload(id, &format!("p{writer}-{n}.jpg"), bytes)
            .await
        {
            Ok(response) => {
                assert_eq!(response.status(), StatusCode::SEE_OTHER, "photo of {id}");
                confirmed.lock().unwrap().photos.push(id);
            }
            Err(_) => {
                confirmed.lock().unwrap().cut += 1;
                return;
            }
        }
    }
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn count(conn: &mut SqliteConnection, sql: &str, id: i32) -> i64 {
    diesel::sql_query(sql)
        .bind::<Integer, _>(id)
        .get_result::<Count>(conn)
        .unwrap()
        .n
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_mid_write_the_portal_restarts_whole_with_every_confirmed_write() {
    let root = tempfile::tempdir().unwrap();
    let server = serve_prepared(root.path(), &["fed"]).await;
    let browser = Browser::member(&server.url(""), "fed").await;

    let confirmed = Arc::new(Mutex::new(Confirmed::default()));
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            tokio::spawn(write_until_killed(
                browser.clone(),
                w,
                Arc::clone(&confirmed),
            ))
        })
        .collect();
    // Kill once enough is confirmed that some of everything is surely in flight.
    let started = Instant::now();
    while confirmed.lock().unwrap().photos.len() < 2 * WRITERS as usize {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the writers made no progress"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    drop(server); // SIGKILL, then reaped
    for writer in writers {
        writer.await.unwrap();
    }
    let confirmed = std::mem::take(&mut *confirmed.lock().unwrap());
    assert!(confirmed.cut > 0, "no request was in flight at the kill");

    // Files are written in tmp/ and renamed into media/ when whole: what the kill cut short
    // is there, and one more as a client cut off mid-stream would leave it.
    std::fs::write(root.path().join("tmp/0-0.part"), b"half").unwrap();
    let leftovers = std::fs::read_dir(root.path().join("tmp")).unwrap().count();

    let server = ServerProcess::start(command(root.path()));
    let health = reqwest::get(server.url("/healthz")).await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    assert_eq!(
        std::fs::read_dir(root.path().join("tmp")).unwrap().count(),
        0,
        "tmp/ emptied at start"
    );
    let whole = check_whole(root.path());

    let conn = &mut database(root.path());
    for (id, title) in &confirmed.reports {
        let n: i64 = diesel::sql_query(
            "SELECT count(*) AS n FROM activities a JOIN activity_revisions r \
               ON r.id = a.current_revision_id WHERE r.title = ?",
        )
        .bind::<Text, _>(title)
        .get_result::<Count>(conn)
        .unwrap()
        .n;
        assert_eq!(n, 1, "{title} is there exactly once");
        let confirmed_photos = confirmed.photos.iter().filter(|p| *p == id).count() as i64;
        let photos = count(
            conn,
            "SELECT count(*) AS n FROM photos p JOIN activities a \
               ON p.revision_id = a.current_revision_id WHERE a.id = ?",
            *id,
        );
        assert!(
            photos >= confirmed_photos,
            "{title}: {photos} photos stored, {confirmed_photos} confirmed"
        );
    }

    // A restarted portal shows them: the member's pages and the photos' files.
    let browser = Browser::member(&server.url(""), "fed").await;
    for (id, _) in confirmed.reports.iter().rev().take(5) {
        let page = crate::helpers::Page::from_response(
            browser
                .client
                .get(browser.url(&format!("/admin/activities/{id}/edit")))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(page.status, StatusCode::OK);
        for src in page.attrs(".photo-list img", "src") {
            let image = browser.client.get(browser.url(&src)).send().await.unwrap();
            assert_eq!(image.status(), StatusCode::OK, "{src}");
            image::load_from_memory(&image.bytes().await.unwrap()).expect("a whole image");
        }
    }
    eprintln!(
        "crash: {} reports and {} photos confirmed before SIGKILL, {} requests cut; \
         after restart: {} files in tmp/ removed, {} stored files checked, {} files without a \
         row (written before a commit that never came)",
        confirmed.reports.len(),
        confirmed.photos.len(),
        confirmed.cut,
        leftovers,
        whole.referenced,
        whole.unreferenced.len(),
    );
}
