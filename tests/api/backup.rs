use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::Duration;

use diesel::prelude::*;
use diesel::sql_types::BigInt;

use crate::helpers::TestApp;
use crate::process::command;

#[derive(QueryableByName)]
struct Summary {
    #[diesel(sql_type = BigInt)]
    rows: i64,
    #[diesel(sql_type = BigInt)]
    highest: i64,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_the_server_writes_holds_every_committed_row() {
    let app = TestApp::spawn().await;
    let committed = Arc::new(AtomicI64::new(0));
    let stop = Arc::new(AtomicBool::new(false));

    // A steady stream of small transactions through the server's own writer.
    let writer = {
        let (db, committed, stop) = (app.db.clone(), committed.clone(), stop.clone());
        tokio::spawn(async move {
            let mut n = 0i64;
            while !stop.load(Ordering::SeqCst) {
                n += 1;
                db.write(move |conn| {
                    diesel::sql_query(format!(
                        "INSERT INTO categories (id, slug, name) VALUES ({n}, 'c{n}', 'Category {n}')"
                    ))
                    .execute(conn)?;
                    Ok(())
                })
                .await
                .unwrap();
                committed.store(n, Ordering::SeqCst);
            }
        })
    };
    while committed.load(Ordering::SeqCst) < 50 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }

    let target = app.data_dir.path().join("backup.sqlite3");
    let before = committed.load(Ordering::SeqCst);
    let output = tokio::process::Command::from(command(app.data_dir.path()))
        .arg("backup")
        .arg(&target)
        .output()
        .await
        .unwrap();
    let after = committed.load(Ordering::SeqCst);
    stop.store(true, Ordering::SeqCst);
    writer.await.unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(after > before, "the server kept writing during the backup");

    let mut copy = SqliteConnection::establish(target.to_str().unwrap()).unwrap();
    let summary: Summary = diesel::sql_query(
        "SELECT count(*) AS rows, coalesce(max(id), 0) AS highest FROM categories",
    )
    .get_result(&mut copy)
    .unwrap();
    assert!(
        summary.rows >= before,
        "lost committed rows: {} < {before}",
        summary.rows
    );
    assert!(summary.rows <= after);
    assert_eq!(
        summary.rows, summary.highest,
        "no gap: every row up to the snapshot is there"
    );

    // A backup never overwrites a file.
    let again = command(app.data_dir.path())
        .arg("backup")
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}
