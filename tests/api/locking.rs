use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::{Connection, SqliteConnection};
use reqwest::StatusCode;

use crate::helpers::{Page, TestApp};

/// A connection that holds the database's write lock, as a long maintenance job or another
/// program writing would.
pub fn lock_database(path: &std::path::Path) -> SqliteConnection {
    let mut conn = SqliteConnection::establish(path.to_str().unwrap()).unwrap();
    conn.batch_execute(
        "BEGIN IMMEDIATE; INSERT INTO categories (slug, name) VALUES ('lock', 'Lock');",
    )
    .unwrap();
    conn
}

#[tokio::test]
async fn a_locked_database_answers_503_after_the_busy_timeout_not_a_hang() {
    let app = TestApp::spawn_with(|c| c.db.busy_timeout = Duration::from_millis(400)).await;
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
    let lock = lock_database(&app.data_dir.path().join("portal.sqlite3"));

    let started = Instant::now();
    let response = app.get("/healthz").await;
    let waited = started.elapsed();

    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.headers()["retry-after"], "5");
    assert!(
        waited >= Duration::from_millis(350),
        "gave up before the busy timeout: {waited:?}"
    );
    assert!(waited < Duration::from_secs(4), "took {waited:?}");
    let page = Page::from_response(response).await;
    assert_eq!(page.texts("h1"), ["Busy for a moment"]);

    drop(lock);
    assert_eq!(
        app.get("/healthz").await.status(),
        StatusCode::OK,
        "recovers once released"
    );
}

#[tokio::test]
async fn an_exhausted_pool_answers_503_not_a_hang() {
    let app = TestApp::spawn_with(|c| {
        c.db.readers = 1;
        c.db.pool_timeout = Duration::from_millis(300);
    })
    .await;
    let held = app.db.read_conn().unwrap();

    let started = Instant::now();
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(started.elapsed() < Duration::from_secs(4));

    drop(held);
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
}
