//! A full disk under the real binary: its data dir is a small tmpfs mounted in a private
//! mount namespace (`unshare -m`, which needs root), filled by the test. Saving a report or
//! uploading a photo then gets a clear error with the form kept, nothing is half-written,
//! and once space is back the same requests succeed.
//!
//! The test reaches the tmpfs through `/proc/PID/root` for plain files, and runs the
//! binary's commands inside the namespace with `nsenter`. SQLite resolves symbolic links
//! in a path (and `/proc/PID/root` is one), so the database is read from a copy.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use diesel::{Connection, SqliteConnection};
use reqwest::StatusCode;

use crate::helpers::{Page, created_activity_id};
use crate::process::{BINARY, ServerProcess};
use crate::real_portal::{
    Browser, check_whole_at, count_rows, photo, populate, report_fields, run_command,
};
use crate::sessions::PASSWORD;
use crate::tools::missing_tool;

/// Size of the data dir's file system: room for the database and a few photos.
const TMPFS_SIZE: &str = "48m";

/// Whether this process may make a private mount namespace and mount a tmpfs in it.
fn can_mount_privately() -> bool {
    Command::new("unshare")
        .args(["-m", "--propagation", "private", "sh", "-c"])
        .arg("mount -t tmpfs -o size=1m probe /mnt")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The portal serving a fresh tmpfs at `mount_point`, seen only inside its namespace.
fn serve_on_tmpfs(mount_point: &Path) -> ServerProcess {
    let mut command = Command::new("unshare");
    command
        .args(["-m", "--propagation", "private", "sh", "-c"])
        .arg(format!(
            "mount -t tmpfs -o size={TMPFS_SIZE},mode=0700 portal-data \"$0\" && exec \"$@\""
        ))
        .arg(mount_point)
        .arg(BINARY)
        .arg("--data-dir")
        .arg(mount_point)
        // The account made at first start gets a one-time password; the test makes its own.
        .env("PORTAL_ADMIN_EMAIL", "first@localhost")
        .env("RUST_LOG", "info");
    for (name, _) in std::env::vars() {
        if name.starts_with("PORTAL_") && name != "PORTAL_ADMIN_EMAIL" {
            command.env_remove(name);
        }
    }
    ServerProcess::start(command)
}

/// Writes zeros until the file system says it is full; returns the filler's path.
fn fill(dir: &Path) -> PathBuf {
    let filler = dir.join("filler");
    let mut file = std::fs::File::create(&filler).unwrap();
    let block = vec![0u8; 256 * 1024];
    loop {
        match file.write_all(&block) {
            Ok(()) => {}
            Err(e) if e.raw_os_error() == Some(28) => break, // ENOSPC
            Err(e) => panic!("filling the disk: {e}"),
        }
    }
    // The last blocks may sit in the page cache: the disk is full once they are written.
    let _ = file.sync_all();
    filler
}

/// The binary, run inside the namespace of the process `pid` on the data dir `mount_point`.
fn in_namespace(pid: u32, mount_point: &Path) -> Command {
    let mut command = Command::new("nsenter");
    command
        .arg("-t")
        .arg(pid.to_string())
        .args(["-m", "--"])
        .arg(BINARY)
        .arg("--data-dir")
        .arg(mount_point);
    command
}

/// A copy of the database as it is now (the server is idle when this is called), opened.
fn snapshot(seen: &Path) -> (tempfile::TempDir, SqliteConnection) {
    let dir = tempfile::tempdir().unwrap();
    for name in ["portal.sqlite3", "portal.sqlite3-wal"] {
        if seen.join(name).exists() {
            std::fs::copy(seen.join(name), dir.path().join(name)).unwrap();
        }
    }
    let path = dir.path().join("portal.sqlite3");
    let conn = SqliteConnection::establish(path.to_str().unwrap()).unwrap();
    (dir, conn)
}

/// The row counts of the tables a save or an upload would change.
fn counts(seen: &Path) -> Vec<i64> {
    let (_dir, mut conn) = snapshot(seen);
    let conn = &mut conn;
    [
        "activities",
        "activity_revisions",
        "photos",
        "stored_images",
        "image_variants",
    ]
    .iter()
    .map(|t| count_rows(conn, &format!("SELECT count(*) AS n FROM {t}")))
    .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_refuses_saves_and_uploads_clearly_and_writes_nothing_half() {
    const TEST: &str = "disk_full";
    if !can_mount_privately() {
        missing_tool(
            TEST,
            "a private mount namespace (unshare -m and mount, as root)",
            "run the tests as root",
        );
        return;
    }
    let mount_point = tempfile::tempdir().unwrap();
    let server = serve_on_tmpfs(mount_point.path());
    // The tmpfs as this process can reach it: through the server's own root.
    let seen = PathBuf::from(format!("/proc/{}/root", server.pid())).join(
        mount_point
            .path()
            .strip_prefix("/")
            .expect("an absolute temp dir"),
    );
    let add_account = |args: &[&str]| {
        run_command(
            in_namespace(server.pid(), mount_point.path()),
            args,
            &format!("{PASSWORD}\n"),
        )
    };
    add_account(&[
        "user",
        "add",
        "--email",
        "admin@localhost",
        "--role",
        "secretariat",
    ]);
    populate(&server.url(""), &["fed"], add_account).await;
    let member = Browser::member(&server.url(""), "fed").await;
    let response = member
        .post("/admin/activities", &[("title", "Report to finish")])
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let id = created_activity_id(&response);

    // Far fewer pages than a checkpoint waits for have been written, so the write-ahead log
    // has not wrapped: the next commit needs new space.
    let filler = fill(&seen);
    let before = counts(&seen);

    // Saving the report: refused with the form as typed and the reason named.
    let body = format!("The long account of the day. {}", "Word ".repeat(20_000));
    let title = "Report to finish, with its account";
    let page = Page::from_response(
        member
            .post(
                &format!("/admin/activities/{id}"),
                &report_fields(title, &body),
            )
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        page.status,
        StatusCode::INSUFFICIENT_STORAGE,
        "{}",
        page.body
    );
    assert_eq!(page.attrs("input[name=title]", "value"), [title]);
    assert_eq!(
        page.texts("textarea[name=body]"),
        [body.split_whitespace().collect::<Vec<_>>().join(" ")]
    );
    assert!(
        page.body
            .contains("The server has no room left to save this"),
        "{}",
        page.body
    );

    // A new report: the same.
    let page = Page::from_response(
        member
            .post("/admin/activities", &report_fields("A new report", &body))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(page.status, StatusCode::INSUFFICIENT_STORAGE);
    assert_eq!(page.attrs("input[name=title]", "value"), ["A new report"]);

    // A photo: refused as the disk is full, and no part of it kept.
    let page = Page::from_response(
        member
            .upload(id, "meeting.jpg", photo(7, 1600, 1200))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        page.status,
        StatusCode::INSUFFICIENT_STORAGE,
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("The server has no room left to save this"),
        "{}",
        page.body
    );

    assert_eq!(counts(&seen), before, "nothing was written");
    std::fs::remove_file(&filler).unwrap();
    let whole = |seen: &Path| {
        let (_dir, mut conn) = snapshot(seen);
        check_whole_at(&mut conn, &seen.join("media"))
    };
    whole(&seen);

    // With room again, the same requests go through.
    let response = member
        .post(
            &format!("/admin/activities/{id}"),
            &report_fields(title, &body),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = member
        .upload(id, "meeting.jpg", photo(7, 1600, 1200))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    whole(&seen);
}
