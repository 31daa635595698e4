use std::time::Duration;

use reqwest::StatusCode;

use crate::locking::lock_database;
use crate::process::{ServerProcess, command};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_lets_an_in_flight_request_finish() {
    let root = tempfile::tempdir().unwrap();
    let mut server = ServerProcess::start(command(root.path()));
    let url = server.url("/healthz");
    assert_eq!(reqwest::get(&url).await.unwrap().status(), StatusCode::OK);

    // Holding the database keeps the next request waiting inside the server (its busy
    // timeout is 5 s), so it is surely in flight when the signal arrives.
    let lock = lock_database(&root.path().join("portal.sqlite3"));
    let in_flight = tokio::spawn(async move {
        let response = reqwest::get(&url).await.unwrap();
        (response.status(), response.text().await.unwrap())
    });
    tokio::time::sleep(Duration::from_millis(500)).await;
    server.terminate();
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert!(
        server.wait_exit(Duration::ZERO).is_none(),
        "waits for the request"
    );
    drop(lock);

    let (status, body) = in_flight.await.unwrap();
    assert_eq!(status, StatusCode::OK, "the in-flight request was answered");
    assert_eq!(body, "ok\n");
    let exit = server
        .wait_exit(Duration::from_secs(10))
        .expect("then the server exits");
    assert!(exit.success(), "{exit:?}");
}
