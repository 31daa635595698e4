use std::os::unix::fs::PermissionsExt;

use reqwest::StatusCode;

use crate::process::{ServerProcess, command};

#[tokio::test]
async fn first_start_creates_the_data_dir_and_prints_one_secretariat_line() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let server = ServerProcess::start(command(&data));

    let response = reqwest::get(server.url("/healthz")).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(data.join("portal.sqlite3").is_file());
    assert!(data.join("media").is_dir());
    assert!(data.join("tmp").is_dir());
    let key = std::fs::metadata(data.join("session.key")).unwrap();
    assert_eq!(key.len(), 64);
    assert_eq!(
        key.permissions().mode() & 0o777,
        0o600,
        "the session key is private"
    );

    let stdout = server.stop_and_read_stdout();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "exactly one line on stdout: {stdout:?}");
    let password = lines[0]
        .strip_prefix("Secretariat account: admin@localhost  one-time password: ")
        .unwrap_or_else(|| panic!("unexpected line {:?}", lines[0]));
    assert_eq!(password.len(), 23, "{password}");

    // Restarting finds the account and prints nothing; leftovers in tmp/ are removed.
    std::fs::write(data.join("tmp/upload-in-flight"), b"half a photo").unwrap();
    let again = ServerProcess::start(command(&data));
    assert_eq!(
        reqwest::get(again.url("/healthz")).await.unwrap().status(),
        StatusCode::OK
    );
    assert!(
        !data.join("tmp/upload-in-flight").exists(),
        "tmp/ is emptied at start"
    );
    assert_eq!(again.stop_and_read_stdout(), "", "no second account");
}

#[test]
fn the_admin_email_comes_from_the_environment() {
    let root = tempfile::tempdir().unwrap();
    let mut cmd = command(root.path());
    cmd.env("PORTAL_ADMIN_EMAIL", "Secretariat@Example.ORG");
    let server = ServerProcess::start(cmd);
    let stdout = server.stop_and_read_stdout();
    assert!(
        stdout.starts_with("Secretariat account: secretariat@example.org  one-time password: "),
        "{stdout}"
    );
}

#[test]
fn migrate_creates_the_database_and_exits() {
    let root = tempfile::tempdir().unwrap();
    let output = command(root.path()).arg("migrate").output().unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(root.path().join("portal.sqlite3").is_file());
    assert!(output.stdout.is_empty(), "migrate prints nothing on stdout");
}

#[test]
fn bad_flag_values_are_refused_with_a_message() {
    let root = tempfile::tempdir().unwrap();
    for (flag, value, words) in [
        ("--base-url", "ftp://example.org", "http"),
        ("--timezone", "Mars/Olympus_Mons", "Mars"),
        ("--admin-email", "not-an-email", "email"),
    ] {
        let output = command(root.path())
            .args(["serve", flag, value])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{flag} {value}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(flag) && stderr.contains(words),
            "{flag}: {stderr}"
        );
    }
    assert!(
        !root.path().join("portal.sqlite3").exists(),
        "nothing created on a bad start"
    );
}

#[tokio::test]
async fn every_log_line_of_a_request_names_its_request_id() {
    let root = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(command(root.path()));
    let response = reqwest::get(server.url("/no-such-page")).await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();

    // The access line is written when the request's span closes, just after the response.
    let mut lines = Vec::new();
    for _ in 0..50 {
        lines = server.log_lines();
        if lines.iter().any(|l| l.contains(&id)) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let request_lines: Vec<&String> = lines
        .iter()
        .filter(|l| l.contains("/no-such-page"))
        .collect();
    assert!(
        !request_lines.is_empty(),
        "the request was logged: {lines:#?}"
    );
    for line in request_lines {
        assert!(line.contains(&format!("request_id={id}")), "{line}");
        assert!(line.contains("http.status_code=404"), "{line}");
    }
}

fn user_add(data: &std::path::Path, args: &[&str], stdin: Option<&str>) -> std::process::Output {
    use std::io::Write;
    let mut child = command(data)
        .args(["user", "add"])
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

#[test]
fn user_add_takes_a_final_password_from_stdin_or_prints_a_one_time_one() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path();
    assert!(command(data).arg("migrate").status().unwrap().success());

    let out = user_add(
        data,
        &["--email", "office@mmn.example.org", "--role", "secretariat"],
        Some("river-lantern-mekong-41-sparrow\n"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "a given password is not printed");

    let out = user_add(
        data,
        &["--email", "second@mmn.example.org", "--role", "secretariat"],
        None,
    );
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with("Account: second@mmn.example.org  one-time password: "),
        "{stdout}"
    );
    assert_eq!(stdout.lines().count(), 1);

    for (args, stdin, expected) in [
        (
            vec!["--email", "office@mmn.example.org", "--role", "secretariat"],
            Some("another-long-passphrase-77\n"),
            "already exists",
        ),
        (
            vec!["--email", "weak@mmn.example.org", "--role", "secretariat"],
            Some("password1234\n"),
            "easy to guess",
        ),
        (
            vec!["--email", "short@mmn.example.org", "--role", "secretariat"],
            Some("short\n"),
            "12 characters",
        ),
        (
            vec![
                "--email",
                "m@fed.example.org",
                "--role",
                "member",
                "--organization",
                "nowhere",
            ],
            None,
            "no organization",
        ),
    ] {
        let out = user_add(data, &args, stdin);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
}
