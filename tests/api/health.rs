use reqwest::StatusCode;

use crate::helpers::TestApp;

#[tokio::test]
async fn healthz_answers_ok_after_reading_the_database() {
    let app = TestApp::spawn().await;
    // The first request may open a pooled connection; count the steady state.
    app.get("/healthz").await;

    let statements = app.statements_for("/healthz").await;
    let response = app.get("/healthz").await;

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-store");
    assert_eq!(response.text().await.unwrap(), "ok\n");
    assert_eq!(
        statements, 4,
        "one read, then BEGIN IMMEDIATE and COMMIT, then the count of public changes"
    );
}

#[tokio::test]
async fn the_statement_counter_sees_every_query() {
    let app = TestApp::spawn().await;
    let db = app.db.clone();
    app.get("/healthz").await;
    let (statements, result) = app
        .statements_during(db.read(|conn| {
            use diesel::RunQueryDsl;
            for _ in 0..3 {
                diesel::sql_query("SELECT 1").execute(conn)?;
            }
            Ok(())
        }))
        .await;
    result.unwrap();
    assert_eq!(statements, 3);
}
