//! E-mail notifications through a local SMTP sink that the test runs on loopback.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use mmn_portal::notify::SmtpSettings;
use reqwest::StatusCode;

use crate::auth::{MEMBER, member, secretariat};
use crate::helpers::TestApp;

/// Messages received: (recipient, whole message).
type Inbox = Arc<Mutex<Vec<(String, String)>>>;

/// A minimal SMTP server: accepts everything, keeps what it is given.
fn smtp_sink() -> (u16, Inbox) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let inbox: Inbox = Arc::default();
    let kept = Arc::clone(&inbox);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let kept = Arc::clone(&kept);
            std::thread::spawn(move || {
                let mut writer = stream.try_clone().unwrap();
                let mut reader = BufReader::new(stream);
                let _ = writer.write_all(b"220 sink ESMTP\r\n");
                let (mut rcpt, mut line) = (Vec::new(), String::new());
                loop {
                    line.clear();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let command = line.to_ascii_uppercase();
                    let reply: &[u8] = if command.starts_with("EHLO") || command.starts_with("HELO")
                    {
                        b"250 sink\r\n"
                    } else if command.starts_with("RCPT TO:") {
                        rcpt.push(line[8..].trim().trim_matches(['<', '>']).to_owned());
                        b"250 ok\r\n"
                    } else if command.starts_with("DATA") {
                        let _ = writer.write_all(b"354 go on\r\n");
                        let mut data = String::new();
                        loop {
                            line.clear();
                            if reader.read_line(&mut line).unwrap_or(0) == 0 || line == ".\r\n" {
                                break;
                            }
                            data.push_str(&line);
                        }
                        for to in rcpt.drain(..) {
                            kept.lock().unwrap().push((to, data.clone()));
                        }
                        b"250 queued\r\n"
                    } else if command.starts_with("QUIT") {
                        let _ = writer.write_all(b"221 bye\r\n");
                        return;
                    } else {
                        b"250 ok\r\n"
                    };
                    let _ = writer.write_all(reply);
                }
            });
        }
    });
    (port, inbox)
}

/// Waits (a few seconds at most) for a message to `to` whose text contains `needle`.
async fn wait_for(inbox: &Inbox, to: &str, needle: &str) -> String {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(10) {
        if let Some((_, text)) = inbox
            .lock()
            .unwrap()
            .iter()
            .find(|(t, m)| t == to && m.contains(needle))
        {
            return text.clone();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "no mail to {to} containing {needle:?}: {:?}",
        inbox.lock().unwrap()
    );
}

async fn lifecycle_step(
    browser: &mut crate::browser::Browser<'_>,
    id: i32,
    action: &str,
    extra: &[(&str, &str)],
) {
    let token = browser.csrf_token("/admin/account").await;
    let mut form = vec![("csrf_token", token.as_str())];
    form.extend_from_slice(extra);
    let response = browser
        .post(&format!("/admin/activities/{id}/{action}"), &form, &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{action}");
}

#[tokio::test]
async fn each_side_hears_of_what_concerns_it() {
    let (port, inbox) = smtp_sink();
    let app = TestApp::spawn_with(|c| {
        c.smtp = Some(SmtpSettings {
            url: format!("smtp://127.0.0.1:{port}"),
            from: "portal@mmn.example.org".into(),
        })
    })
    .await;
    app.db
        .write(|conn| {
            use diesel::RunQueryDsl;
            diesel::sql_query("INSERT INTO categories (slug, name) VALUES ('network-activities', 'Network Activities')").execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
    let mut member = member(&app).await;
    let mut admin = secretariat(&app).await;
    let token = member.csrf_token("/admin/activities/new").await;
    let fields = [
        ("csrf_token", token.as_str()),
        ("title", "Workshop on migrant children's schooling"),
        ("summary", "Teachers met in Mae Sot."),
        ("body", "Report."),
        ("categories", "network-activities"),
        ("event_start", "2017-03-04"),
        ("language", "en"),
    ];
    let created = member.post("/admin/activities", &fields, &[]).await;
    let id: i32 = crate::helpers::created_activity_id(&created);

    lifecycle_step(&mut member, id, "submit", &[]).await;
    let mail = wait_for(&inbox, "admin@localhost", "New submission").await;
    assert!(
        mail.contains(&format!("/admin/activities/{id}/edit")),
        "{mail}"
    );

    lifecycle_step(
        &mut admin,
        id,
        "request-changes",
        &[("comment", "Please name the schools.")],
    )
    .await;
    let mail = wait_for(&inbox, MEMBER, "Changes requested").await;
    assert!(mail.contains("Please name the schools."), "{mail}");

    lifecycle_step(&mut member, id, "submit", &[]).await;
    lifecycle_step(&mut admin, id, "approve", &[]).await;
    wait_for(&inbox, MEMBER, "Published").await;
    assert!(
        !inbox
            .lock()
            .unwrap()
            .iter()
            .any(|(to, m)| to == MEMBER && m.contains("New submission")),
        "members are not told of submissions"
    );
}

#[tokio::test]
async fn an_unreachable_mail_server_never_holds_a_request() {
    // A port where nothing listens.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let app = TestApp::spawn_with(|c| {
        c.smtp = Some(SmtpSettings {
            url: format!("smtp://127.0.0.1:{port}"),
            from: "portal@mmn.example.org".into(),
        })
    })
    .await;
    app.db
        .write(|conn| {
            use diesel::RunQueryDsl;
            diesel::sql_query("INSERT INTO categories (slug, name) VALUES ('network-activities', 'Network Activities')").execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
    let mut member = member(&app).await;
    let token = member.csrf_token("/admin/activities/new").await;
    let fields = [
        ("csrf_token", token.as_str()),
        ("title", "Assessment meeting in Phnom Penh"),
        ("summary", "Partners reviewed the year."),
        ("body", "Report."),
        ("categories", "network-activities"),
        ("event_start", "2017-05-04"),
        ("language", "en"),
    ];
    let created = member.post("/admin/activities", &fields, &[]).await;
    let id: i32 = crate::helpers::created_activity_id(&created);
    let started = Instant::now();
    lifecycle_step(&mut member, id, "submit", &[]).await;
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "took {:?}",
        started.elapsed()
    );
}
