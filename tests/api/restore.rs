//! A backup taken while members keep writing (`mmn-portal backup FILE` plus a copy of
//! `media/`), restored into a fresh data dir: the portal starts on it and serves the
//! published activities with their photos.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::time::Duration;

use reqwest::StatusCode;

use crate::helpers::Page;
use crate::process::{ServerProcess, command};
use crate::real_portal::{
    Browser, check_whole, database, public_path, serve_prepared, submitted_report,
};

/// Copies `from` into `to`, as `rsync -a` or `cp -a` would.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_under_write_load_restores_to_a_working_portal() {
    let root = tempfile::tempdir().unwrap();
    let server = serve_prepared(root.path(), &["fed", "hrw"]).await;
    let base = server.url("");
    let secretariat = Browser::log_in(&base, "admin@localhost").await;
    let members = [
        Browser::member(&base, "fed").await,
        Browser::member(&base, "hrw").await,
    ];

    // Published before the backup: these must come back, photos and all.
    let mut published = Vec::new();
    for i in 0..4u32 {
        let member = &members[i as usize % 2];
        let id = submitted_report(member, &format!("Published report {i}"), i).await;
        let response = secretariat
            .post(&format!("/admin/activities/{id}/approve"), &[])
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "approved");
        published.push(id);
    }

    // Members keep writing while the backup runs.
    let stop = Arc::new(AtomicBool::new(false));
    let written = Arc::new(AtomicU32::new(0));
    let load: Vec<_> = members
        .iter()
        .enumerate()
        .map(|(m, member)| {
            let (member, stop, written) = (member.clone(), stop.clone(), written.clone());
            tokio::spawn(async move {
                let mut n = 0u32;
                while !stop.load(Ordering::SeqCst) {
                    let seed = 1000 * (m as u32 + 1) + n;
                    submitted_report(&member, &format!("Under load {m}-{n}"), seed).await;
                    written.fetch_add(1, Ordering::SeqCst);
                    n += 1;
                }
            })
        })
        .collect();
    while written.load(Ordering::SeqCst) < 2 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let backups = tempfile::tempdir().unwrap();
    let backup = backups.path().join("portal.sqlite3");
    let before = written.load(Ordering::SeqCst);
    let output = tokio::process::Command::from(command(root.path()))
        .arg("backup")
        .arg(&backup)
        .output()
        .await
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // Media after the database, as the README says: files never change, so every file a
    // row of the copy names is there by now.
    copy_tree(&root.path().join("media"), &backups.path().join("media"));
    // The writers were busy across the backup, and go on after it.
    while written.load(Ordering::SeqCst) < before + 2 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let after = written.load(Ordering::SeqCst);
    stop.store(true, Ordering::SeqCst);
    for task in load {
        task.await.unwrap();
    }
    drop(server);

    // Restore: the copy as portal.sqlite3, the media beside it, nothing else.
    let restored = tempfile::tempdir().unwrap();
    std::fs::copy(&backup, restored.path().join("portal.sqlite3")).unwrap();
    copy_tree(
        &backups.path().join("media"),
        &restored.path().join("media"),
    );
    let server = ServerProcess::start(command(restored.path()));
    let health = reqwest::get(server.url("/healthz")).await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    let whole = check_whole(restored.path());
    assert!(
        whole.referenced >= published.len(),
        "the photos' files are back"
    );

    let visitor = crate::helpers::client();
    let conn = &mut database(restored.path());
    for id in &published {
        let path = public_path(conn, *id);
        let page = Page::from_response(visitor.get(server.url(&path)).send().await.unwrap()).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let sources = page.attrs("article.activity img", "src");
        assert!(!sources.is_empty(), "{path} shows its photo");
        for src in sources {
            let image = visitor.get(server.url(&src)).send().await.unwrap();
            assert_eq!(image.status(), StatusCode::OK, "{src}");
            image::load_from_memory(&image.bytes().await.unwrap()).expect("a whole image");
        }
    }
    // The members' work written before the backup began is in it.
    let restored_reports = crate::real_portal::count_rows(
        conn,
        "SELECT count(*) AS n FROM activity_revisions WHERE title LIKE 'Under load %'",
    );
    assert!(
        restored_reports >= i64::from(before),
        "{restored_reports} of the {before} reports written before the backup"
    );
    eprintln!(
        "restore: {} published and {restored_reports} reports under load restored \
         ({before} written before the backup began, {after} when the load stopped), {} media files checked",
        published.len(),
        whole.referenced
    );
}
