//! Malformed, huge and slow requests against a real server: each is refused with its status
//! (and message, where there is a body) or cut by a timeout, other clients are served
//! meanwhile, and nothing in the database changes.

use std::sync::Arc;
use std::time::{Duration, Instant};

use mmn_portal::config::Limits;
use reqwest::header::CONTENT_TYPE;
use reqwest::{Client, StatusCode};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::helpers::{Page, TestApp, client_builder, created_activity_id};
use crate::sessions::log_in_as_member_with;

/// The row count of every table but the sessions (whose last-seen time moves with each
/// request): equal before and after means the request changed nothing.
pub fn table_counts(app: &TestApp) -> Vec<(String, i64)> {
    use diesel::prelude::*;
    #[derive(QueryableByName)]
    struct Name {
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
    }
    let conn = &mut *app.db.read_conn().unwrap();
    let tables: Vec<Name> = diesel::sql_query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'sessions' \
         AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .load(conn)
    .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let n = crate::helpers_count(app, &format!("SELECT count(*) AS n FROM \"{}\"", t.name));
            (t.name, n)
        })
        .collect()
}

/// A member logged in with a client whose cookie the test can also send over a raw socket.
struct Member {
    client: Client,
    jar: Arc<reqwest::cookie::Jar>,
    token: String,
}

impl Member {
    async fn log_in(app: &TestApp) -> Member {
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let client = client_builder()
            .cookie_provider(Arc::clone(&jar))
            .build()
            .unwrap();
        let token = log_in_as_member_with(app, &client, "fed").await;
        Member { client, jar, token }
    }

    fn cookie(&self, app: &TestApp) -> String {
        use reqwest::cookie::CookieStore;
        let url = app.url("/admin").parse().unwrap();
        self.jar
            .cookies(&url)
            .expect("a session cookie")
            .to_str()
            .unwrap()
            .to_owned()
    }
}

fn host_port(app: &TestApp) -> String {
    app.address.trim_start_matches("http://").to_owned()
}

/// Sends `bytes` on a new connection and reads the answer until the server closes it (or
/// `limit` passes).
async fn exchange(app: &TestApp, bytes: &[u8], limit: Duration) -> String {
    let mut stream = TcpStream::connect(host_port(app)).await.unwrap();
    // The server may answer and close before taking everything: what it said still counts.
    let _ = stream.write_all(bytes).await;
    read_answer(&mut stream, limit).await
}

async fn read_answer(stream: &mut TcpStream, limit: Duration) -> String {
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(limit, async {
        let mut buffer = [0u8; 8192];
        while let Ok(n) = stream.read(&mut buffer).await {
            if n == 0 {
                break;
            }
            answer.extend_from_slice(&buffer[..n]);
        }
    })
    .await;
    String::from_utf8_lossy(&answer).into_owned()
}

/// The status line's code of a raw answer.
fn status_of(answer: &str) -> u16 {
    answer
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP answer: {answer:.200}"))
}

/// Asks for /healthz a few times and checks each answer comes at once: well before the
/// slow clients of a test are cut off (4 s), so none of them held a worker.
async fn still_serving(app: &TestApp) {
    for _ in 0..3 {
        let started = Instant::now();
        let response = reqwest::get(app.url("/healthz")).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "a healthy request waited {:?}",
            started.elapsed()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn a_huge_request_head_is_refused_with_431_and_the_server_goes_on() {
    let app = TestApp::spawn().await;
    let big = format!(
        "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "a".repeat(200 * 1024)
    );
    assert_eq!(
        status_of(&exchange(&app, big.as_bytes(), Duration::from_secs(5)).await),
        431
    );

    // More header lines than actix-http parses (96), each small.
    let many: String = (0..120).map(|i| format!("X-H{i}: v\r\n")).collect();
    let request = format!("GET /healthz HTTP/1.1\r\nHost: x\r\n{many}\r\n");
    assert_eq!(
        status_of(&exchange(&app, request.as_bytes(), Duration::from_secs(5)).await),
        431
    );

    // Within both limits, a large cookie header is still read.
    let fine = format!(
        "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Fine: {}\r\nConnection: close\r\n\r\n",
        "b".repeat(16 * 1024)
    );
    let answer = exchange(&app, fine.as_bytes(), Duration::from_secs(5)).await;
    assert_eq!(status_of(&answer), 200);
    assert!(answer.ends_with("ok\n"), "{answer}");
    still_serving(&app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn heads_sent_a_byte_a_second_are_cut_with_408_while_others_are_served() {
    let app = TestApp::spawn_with(|c| {
        c.limits = Limits {
            request_head: Duration::from_secs(4),
            ..Limits::default()
        }
    })
    .await;
    let head = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: yes\r\n\r\n";
    // More slow clients than the server has workers: none of them may hold one.
    let slow: Vec<_> = (0..20)
        .map(|_| {
            let address = host_port(&app);
            tokio::spawn(async move {
                let started = Instant::now();
                let mut stream = TcpStream::connect(address).await.unwrap();
                for byte in head {
                    if stream.write_all(&[*byte]).await.is_err() {
                        break;
                    }
                    // Stop trickling once the server has answered.
                    let mut peek = [0u8; 1];
                    match tokio::time::timeout(Duration::from_secs(1), stream.peek(&mut peek)).await
                    {
                        Ok(Ok(n)) if n > 0 => break,
                        Ok(_) => break,
                        Err(_) => {}
                    }
                }
                let answer = read_answer(&mut stream, Duration::from_secs(5)).await;
                (answer, started.elapsed())
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(300)).await;
    still_serving(&app).await;
    for handle in slow {
        let (answer, took) = handle.await.unwrap();
        assert_eq!(status_of(&answer), 408, "{answer}");
        assert!(
            took >= Duration::from_millis(3900) && took < Duration::from_secs(7),
            "cut after {took:?}"
        );
    }
}

#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed() {
    let app = TestApp::spawn_with(|c| {
        c.limits = Limits {
            keep_alive: Duration::from_secs(1),
            ..Limits::default()
        }
    })
    .await;
    let mut stream = TcpStream::connect(host_port(&app)).await.unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let started = Instant::now();
    let answer = read_answer(&mut stream, Duration::from_secs(6)).await;
    assert_eq!(status_of(&answer), 200);
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_secs(5),
        "closed after {took:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_sent_a_byte_a_second_is_cut_with_408_and_saves_nothing() {
    let app = TestApp::spawn_with(|c| {
        c.limits = Limits {
            body_grace: Duration::from_secs(4),
            ..Limits::default()
        }
    })
    .await;
    let member = Member::log_in(&app).await;
    let before = table_counts(&app);
    let body = format!("csrf_token={}&title=Slow+report&summary=", member.token);
    let head = format!(
        "POST /admin/activities HTTP/1.1\r\nHost: {}\r\nCookie: {}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
        host_port(&app),
        member.cookie(&app),
        body.len() + 1000,
    );
    let started = Instant::now();
    let mut stream = TcpStream::connect(host_port(&app)).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    let trickle = tokio::spawn(async move {
        for byte in body.bytes().chain(std::iter::repeat(b'x')) {
            if stream.write_all(&[byte]).await.is_err() {
                break;
            }
            let mut peek = [0u8; 1];
            if let Ok(Ok(_)) =
                tokio::time::timeout(Duration::from_millis(1000), stream.peek(&mut peek)).await
            {
                break;
            }
        }
        read_answer(&mut stream, Duration::from_secs(5)).await
    });
    still_serving(&app).await;
    let answer = trickle.await.unwrap();
    let took = started.elapsed();
    assert_eq!(status_of(&answer), 408, "{answer:.300}");
    assert!(answer.contains("The form arrived too slowly"), "{answer}");
    assert!(
        took >= Duration::from_millis(3900) && took < Duration::from_secs(10),
        "cut after {took:?}"
    );
    assert_eq!(table_counts(&app), before, "nothing was saved");
}

#[tokio::test]
async fn a_ten_megabyte_field_is_refused_with_413_and_saves_nothing() {
    let app = TestApp::spawn().await;
    let member = Member::log_in(&app).await;
    let before = table_counts(&app);
    let title = "x".repeat(10 * 1024 * 1024);
    let response = member
        .client
        .post(app.url("/admin/activities"))
        .form(&[("csrf_token", member.token.as_str()), ("title", &title)])
        .send()
        .await
        .unwrap();
    let page = Page::from_response(response).await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        page.texts(".error-detail"),
        [
            "The form is larger than 2 MB, so it was refused and nothing was saved. Shorten the longest text and send it again."
        ]
    );
    assert_eq!(table_counts(&app), before);

    // The same with the token in the header, and a length the client does not announce
    // (chunked): refused once 2 MB have come.
    let head = format!(
        "POST /admin/activities HTTP/1.1\r\nHost: {}\r\nCookie: {}\r\nX-CSRF-Token: {}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n",
        host_port(&app),
        member.cookie(&app),
        member.token,
    );
    let mut stream = TcpStream::connect(host_port(&app)).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    let chunk = format!("100000\r\n{}\r\n", "x".repeat(0x10_0000));
    for _ in 0..10 {
        if stream.write_all(chunk.as_bytes()).await.is_err() {
            break;
        }
    }
    let answer = read_answer(&mut stream, Duration::from_secs(5)).await;
    assert_eq!(status_of(&answer), 413, "{answer:.300}");
    assert!(answer.contains("The form is larger than 2 MB"));
    assert_eq!(table_counts(&app), before);
    still_serving(&app).await;
}

#[tokio::test]
async fn ten_thousand_fields_are_refused_with_413_and_save_nothing() {
    let app = TestApp::spawn().await;
    let member = Member::log_in(&app).await;
    let before = table_counts(&app);
    let mut fields = vec![
        ("csrf_token".to_owned(), member.token.clone()),
        ("title".to_owned(), "Many fields".to_owned()),
    ];
    fields.extend((0..10_000).map(|i| ("categories".to_owned(), format!("c{i}"))));
    let response = member
        .client
        .post(app.url("/admin/activities"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    let page = Page::from_response(response).await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        page.texts(".error-detail"),
        ["The form has more than 1000 fields, so it was refused and nothing was saved."]
    );
    assert_eq!(table_counts(&app), before);

    // A form within the limit is taken (the draft needs only its title; the handler
    // ignores fields it does not know).
    fields.truncate(2);
    fields.extend((0..900).map(|i| ("note".to_owned(), format!("n{i}"))));
    let response = member
        .client
        .post(app.url("/admin/activities"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn broken_multipart_bodies_are_refused_and_store_nothing() {
    let app = TestApp::spawn().await;
    let member = Member::log_in(&app).await;
    let created = member
        .client
        .post(app.url("/admin/activities"))
        .form(&[("csrf_token", member.token.as_str()), ("title", "Photos")])
        .send()
        .await
        .unwrap();
    let id = created_activity_id(&created);
    let before = table_counts(&app);
    let url = app.url(&format!("/admin/activities/{id}/photos"));
    let send = |content_type: String, body: Vec<u8>, header_token: bool| {
        let mut request = member
            .client
            .post(&url)
            .header(CONTENT_TYPE, content_type)
            .body(body);
        if header_token {
            request = request.header("x-csrf-token", &member.token);
        }
        async move { Page::from_response(request.send().await.unwrap()).await }
    };
    let token_part = format!(
        "--real\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{}\r\n",
        member.token
    );
    let file_head = "--real\r\nContent-Disposition: form-data; name=\"photos\"; \
                     filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n";

    // The body's boundary is not the declared one: the token cannot be found.
    let body = format!("{token_part}{file_head}\u{ff}\r\n--real--\r\n").into_bytes();
    let page = send("multipart/form-data; boundary=other".into(), body, false).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(
        page.body
            .contains("This form has expired or was not sent from the portal"),
        "{}",
        page.body
    );

    // Cut off in the middle of the file, with no closing boundary.
    let mut body = format!("{token_part}{file_head}").into_bytes();
    body.extend_from_slice(&[0xff, 0xd8, 0xff, 0xe0, 0, 16]);
    let page = send("multipart/form-data; boundary=real".into(), body, true).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.texts("#upload-stopped"),
        ["The upload broke off. The files listed were received; send the others again."]
    );

    // Part headers that never end.
    let body = format!(
        "--real\r\nContent-Disposition: form-data; name=\"photos\"{}",
        " ".repeat(40_000)
    );
    let page = send(
        "multipart/form-data; boundary=real".into(),
        body.into_bytes(),
        true,
    )
    .await;
    assert!(
        page.status == StatusCode::UNPROCESSABLE_ENTITY || page.status == StatusCode::BAD_REQUEST,
        "{}",
        page.status
    );

    // A multipart type without any boundary.
    let page = send(
        "multipart/form-data".into(),
        file_head.as_bytes().to_vec(),
        true,
    )
    .await;
    assert!(page.status.is_client_error(), "{}", page.status);

    assert_eq!(table_counts(&app), before, "nothing stored");
    still_serving(&app).await;
}
