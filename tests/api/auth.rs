//! Logging in and out, sessions, CSRF, throttling and the guards of the admin area, over
//! real HTTP, walking the one route table.

use std::time::Duration;

use diesel::prelude::*;
use diesel::sql_types::BigInt;
use mmn_portal::accounts::Actor;
use mmn_portal::accounts::manage::{NewAccount, create_account};
use mmn_portal::db::models::site::{NewOrganization, insert_organization};
use mmn_portal::domain::Role;
use mmn_portal::routes::admin::{ADMIN_ROUTES, Access};
use reqwest::StatusCode;

use crate::browser::{Browser, GOOD_PASSWORD};
use crate::helpers::TestApp;

pub const MEMBER: &str = "member@fed.example.org";

/// A secretariat browser past its one-time password.
pub async fn secretariat(app: &TestApp) -> Browser<'_> {
    let credentials = app.credentials.clone().unwrap();
    let mut browser = Browser::new(app);
    browser
        .log_in_and_set_password(&credentials.email, &credentials.password, GOOD_PASSWORD)
        .await;
    browser
}

/// An organization and a member account of it with a final password.
pub async fn add_member(app: &TestApp) -> i32 {
    let org = app
        .db
        .write(|conn| {
            Ok(insert_organization(
                conn,
                &NewOrganization {
                    slug: "fed",
                    name: "Foundation for Education and Development",
                    country: "TH",
                    website: None,
                    profile: "",
                    logo_image_id: None,
                },
            )?)
        })
        .await
        .unwrap();
    let account = NewAccount {
        email: MEMBER.into(),
        display_name: "FED".into(),
        role: Role::Member,
        organization: Some("fed".into()),
        password: Some(GOOD_PASSWORD.into()),
    };
    create_account(&app.db, Actor::system(), account)
        .await
        .unwrap()
        .unwrap();
    org
}

pub async fn member(app: &TestApp) -> Browser<'_> {
    add_member(app).await;
    let mut browser = Browser::new(app);
    let response = browser.log_in(MEMBER, GOOD_PASSWORD).await;
    assert_eq!(response.headers()["location"], "/admin");
    browser
}

fn concrete(path: &str) -> String {
    let path = path.replace("{id}", "1").replace("{slug}", "about");
    format!("/admin{path}")
}

/// A fingerprint of everything stored, to prove that a refused request changed nothing.
fn fingerprint(app: &TestApp) -> Vec<i64> {
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let conn = &mut *app.db.read_conn().unwrap();
    let mut sums: Vec<i64> = [
        "users",
        "organizations",
        "categories",
        "pages",
        "audit_events",
        "activities",
        "sessions",
    ]
    .iter()
    .map(|t| {
        diesel::sql_query(format!(
            "SELECT count(*) + coalesce(sum(length(CAST(id AS TEXT))), 0) AS n FROM {t}"
        ))
        .get_result::<N>(&mut *conn)
        .unwrap()
        .n
    })
    .collect();
    sums.push(
        diesel::sql_query("SELECT coalesce(sum(length(password_hash) + active + must_change_password), 0) AS n FROM users")
            .get_result::<N>(conn)
            .unwrap()
            .n,
    );
    sums
}

#[tokio::test]
async fn every_admin_route_without_a_session_redirects_to_login() {
    let app = TestApp::spawn().await;
    let mut visitor = Browser::new(&app);
    assert!(ADMIN_ROUTES.len() >= 8);
    for route in ADMIN_ROUTES {
        let path = concrete(route.path);
        let response = match route.method {
            "GET" => visitor.get(&path).await,
            _ => visitor.post(&path, &[], &[]).await,
        };
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "{} {path}",
            route.method
        );
        assert_eq!(
            response.headers()["location"],
            "/login",
            "{} {path}",
            route.method
        );
    }
}

#[tokio::test]
async fn a_member_gets_403_on_every_secretariat_route() {
    let app = TestApp::spawn().await;
    let mut member = member(&app).await;
    let token = member.csrf_token("/admin/account").await;
    let before = fingerprint(&app);
    let secretariat_only: Vec<_> = ADMIN_ROUTES
        .iter()
        .filter(|r| r.access == Access::Secretariat)
        .collect();
    assert!(secretariat_only.len() >= 4);
    for route in secretariat_only {
        let path = concrete(route.path);
        let response = match route.method {
            "GET" => member.get(&path).await,
            _ => member.post(&path, &[("csrf_token", &token)], &[]).await,
        };
        assert_eq!(
            response.status(),
            StatusCode::FORBIDDEN,
            "{} {path}",
            route.method
        );
        let body = response.text().await.unwrap();
        assert!(
            body.contains("Only the secretariat"),
            "{path}: refused for the role, not the token"
        );
    }
    assert_eq!(fingerprint(&app), before, "nothing changed");
    for route in ADMIN_ROUTES
        .iter()
        .filter(|r| r.access == Access::Member && r.method == "GET" && !r.path.contains('{'))
    {
        let response = member.get(&concrete(route.path)).await;
        assert_eq!(
            response.status(),
            StatusCode::OK,
            "member may open {}",
            route.path
        );
    }
}

#[tokio::test]
async fn every_state_changing_route_needs_the_token_and_our_origin() {
    let app = TestApp::spawn().await;
    let mut admin = secretariat(&app).await;
    let token = admin.csrf_token("/admin/account").await;
    let before = fingerprint(&app);
    let posts: Vec<String> = ADMIN_ROUTES
        .iter()
        .filter(|r| r.method == "POST")
        .map(|r| concrete(r.path))
        .chain(["/logout".to_owned(), "/login".to_owned()])
        .collect();
    for path in &posts {
        for (form, headers, why) in [
            (vec![], vec![], "no token"),
            (
                vec![("csrf_token", "0123456789abcdef")],
                vec![],
                "a wrong token",
            ),
            (
                vec![("csrf_token", token.as_str())],
                vec![("origin", "https://evil.example")],
                "a foreign Origin",
            ),
            (
                vec![("csrf_token", token.as_str())],
                vec![("referer", "https://evil.example/page")],
                "a foreign Referer",
            ),
        ] {
            let response = admin.post(path, &form, &headers).await;
            assert_eq!(
                response.status(),
                StatusCode::FORBIDDEN,
                "{path} with {why}"
            );
            let body = response.text().await.unwrap();
            assert!(
                body.contains("nothing was changed"),
                "{path}: the page says what happened"
            );
        }
    }
    assert_eq!(
        fingerprint(&app),
        before,
        "no refused request changed anything"
    );
    // Our own origin with the right token goes through.
    let ok = admin
        .post(
            "/admin/users/1/reset-password",
            &[("csrf_token", &token)],
            &[("origin", app.address.as_str())],
        )
        .await;
    assert_eq!(ok.status(), StatusCode::OK);
}

#[tokio::test]
async fn unknown_email_and_wrong_password_get_the_same_answer() {
    let app = TestApp::spawn().await;
    add_member(&app).await;
    let mut browser = Browser::new(&app);
    let unknown = browser.log_in("nobody@example.org", GOOD_PASSWORD).await;
    let unknown_status = unknown.status();
    let unknown_text = error_text(unknown).await;
    let wrong = browser.log_in(MEMBER, "wrong-password-entirely").await;
    assert_eq!(unknown_status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong.status(), unknown_status);
    assert_eq!(error_text(wrong).await, unknown_text);
}

async fn error_text(response: reqwest::Response) -> String {
    let page = crate::helpers::Page::from_response(response).await;
    let email = page.attrs("input[name=email]", "value");
    assert_eq!(email.len(), 1, "the form comes back");
    page.texts(".form-error").join(" ")
}

#[tokio::test]
async fn the_sixth_failure_is_refused_even_with_the_right_password_until_the_window_passes() {
    let app = TestApp::spawn_with(|c| c.throttle.window = Duration::from_secs(2)).await;
    add_member(&app).await;
    let mut browser = Browser::new(&app);
    for attempt in 1..=5 {
        let response = browser.log_in(MEMBER, "not-the-password").await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "attempt {attempt}"
        );
    }
    let throttled = browser.log_in(MEMBER, GOOD_PASSWORD).await;
    assert_eq!(throttled.status(), StatusCode::TOO_MANY_REQUESTS);
    let page = crate::helpers::Page::from_response(throttled).await;
    assert_eq!(
        page.attrs("input[name=email]", "value"),
        [MEMBER],
        "the email is kept"
    );
    assert!(page.texts(".form-error")[0].contains("Too many"));

    tokio::time::sleep(Duration::from_millis(2100)).await;
    let again = browser.log_in(MEMBER, GOOD_PASSWORD).await;
    assert_eq!(
        again.status(),
        StatusCode::SEE_OTHER,
        "works again after the window"
    );
}

#[tokio::test]
async fn the_session_id_changes_at_login_and_dies_at_logout() {
    let app = TestApp::spawn().await;
    add_member(&app).await;
    let mut browser = Browser::new(&app);
    browser.get("/login").await;
    let before_login = browser
        .cookie
        .clone()
        .expect("the login form starts a session");
    let response = browser.log_in(MEMBER, GOOD_PASSWORD).await;
    let cookie_header = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    let after_login = browser.cookie.clone().unwrap();
    assert_ne!(before_login, after_login, "a new session id at login");
    for flag in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie_header.contains(flag), "{cookie_header}");
    }
    assert!(
        !cookie_header.contains("Secure"),
        "no Secure flag over plain http"
    );
    assert_eq!(browser.get("/admin").await.status(), StatusCode::OK);
    let admin_page = browser.get("/admin").await;
    assert_eq!(admin_page.headers()["cache-control"], "no-store");

    // Copy the cookie, log out, replay the copy.
    let copied = after_login.clone();
    let token = browser.csrf_token("/admin").await;
    let logout = browser
        .post("/logout", &[("csrf_token", &token)], &[])
        .await;
    assert_eq!(logout.status(), StatusCode::SEE_OTHER);
    let mut thief = Browser::new(&app);
    thief.cookie = Some(copied);
    let replay = thief.get("/admin").await;
    assert_eq!(replay.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        replay.headers()["location"],
        "/login",
        "a cookie copied before logout is useless"
    );
}

#[tokio::test]
async fn deactivation_ends_the_sessions_of_the_account_at_once() {
    let app = TestApp::spawn().await;
    let mut member = member(&app).await;
    assert_eq!(member.get("/admin").await.status(), StatusCode::OK);
    let copied = member.cookie.clone().unwrap();

    let mut admin = secretariat(&app).await;
    let token = admin.csrf_token("/admin/users").await;
    let member_id = member_id(&app);
    let response = admin
        .post(
            &format!("/admin/users/{member_id}/deactivate"),
            &[("csrf_token", &token)],
            &[],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    let mut thief = Browser::new(&app);
    thief.cookie = Some(copied);
    assert_eq!(thief.get("/admin").await.headers()["location"], "/login");
    let again = Browser::new(&app).log_in(MEMBER, GOOD_PASSWORD).await;
    assert_eq!(
        again.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a deactivated account cannot log in"
    );
}

fn member_id(app: &TestApp) -> i32 {
    use mmn_portal::db::schema::users;
    users::table
        .filter(users::email.eq(MEMBER))
        .select(users::id)
        .first(&mut *app.db.read_conn().unwrap())
        .unwrap()
}

#[tokio::test]
async fn a_one_time_password_forces_the_change_page_first() {
    let app = TestApp::spawn().await;
    let credentials = app.credentials.clone().unwrap();
    let mut browser = Browser::new(&app);
    let response = browser
        .log_in(&credentials.email, &credentials.password)
        .await;
    assert_eq!(response.headers()["location"], "/admin/account");
    for path in ["/admin", "/admin/users", "/admin/categories"] {
        let response = browser.get(path).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{path}");
        assert_eq!(response.headers()["location"], "/admin/account", "{path}");
    }
    // A weak new password is refused at the field, and nothing else opens yet.
    let token = browser.csrf_token("/admin/account").await;
    let weak = browser
        .post(
            "/admin/account",
            &[
                ("current_password", &credentials.password),
                ("new_password", "password1234"),
                ("csrf_token", &token),
            ],
            &[],
        )
        .await;
    assert_eq!(weak.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = crate::helpers::Page::from_response(weak).await;
    assert!(page.texts("#new_password-error")[0].contains("too easy"));
    let strong = browser
        .post(
            "/admin/account",
            &[
                ("current_password", &credentials.password),
                ("new_password", GOOD_PASSWORD),
                ("csrf_token", &token),
            ],
            &[],
        )
        .await;
    assert_eq!(strong.status(), StatusCode::SEE_OTHER);
    assert_eq!(browser.get("/admin/users").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_secretariat_creates_an_account_whose_one_time_password_is_shown_once() {
    let app = TestApp::spawn().await;
    add_member(&app).await;
    let mut admin = secretariat(&app).await;
    let token = admin.csrf_token("/admin/users").await;

    let refused = admin
        .post(
            "/admin/users",
            &[
                ("email", "not an email"),
                ("display_name", "CARAM"),
                ("role", "member"),
                ("organization", "fed"),
                ("csrf_token", &token),
            ],
            &[],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = crate::helpers::Page::from_response(refused).await;
    assert_eq!(
        page.attrs("#email", "value"),
        ["not an email"],
        "input kept"
    );
    assert_eq!(page.attrs("#display_name", "value"), ["CARAM"]);
    assert!(
        !page.texts("#email-error").is_empty(),
        "problem named at the field"
    );

    let created = admin
        .post(
            "/admin/users",
            &[
                ("email", "office@caram.example.org"),
                ("display_name", "CARAM"),
                ("role", "member"),
                ("organization", "fed"),
                ("csrf_token", &token),
            ],
            &[],
        )
        .await;
    assert_eq!(created.status(), StatusCode::OK);
    let page = crate::helpers::Page::from_response(created).await;
    let password = page.texts("#credentials-password")[0].clone();
    assert_eq!(password.len(), 23);
    let list = admin.get("/admin/users").await.text().await.unwrap();
    assert!(
        list.contains("office@caram.example.org") && !list.contains(&password),
        "shown once only"
    );

    let mut newcomer = Browser::new(&app);
    newcomer
        .log_in_and_set_password("office@caram.example.org", &password, GOOD_PASSWORD)
        .await;
}

#[tokio::test]
async fn the_session_cookie_is_secure_behind_https() {
    let app =
        TestApp::spawn_with(|c| c.base_url = Some("https://portal.example.org".parse().unwrap()))
            .await;
    let response = app.get("/login").await;
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.contains("Secure") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
}

#[tokio::test]
async fn idle_sessions_end_and_expired_rows_are_swept() {
    let app = TestApp::spawn_with(|c| c.sessions.idle = Duration::from_secs(1)).await;
    let mut member = member(&app).await;
    assert_eq!(member.get("/admin").await.status(), StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(1300)).await;
    let response = member.get("/admin").await;
    assert_eq!(
        response.headers()["location"],
        "/login",
        "idle past the limit"
    );

    // An idle row left behind by a browser that never came back is swept at the next login.
    let mut other = Browser::new(&app);
    other.get("/login").await;
    tokio::time::sleep(Duration::from_millis(1300)).await;
    let credentials = app.credentials.clone().unwrap();
    Browser::new(&app)
        .log_in(&credentials.email, &credentials.password)
        .await;
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let left: N = diesel::sql_query(
        "SELECT count(*) AS n FROM sessions WHERE last_seen_at < datetime('now', '-1 seconds')",
    )
    .get_result(&mut *app.db.read_conn().unwrap())
    .unwrap();
    assert_eq!(left.n, 0, "expired rows are removed");
}

#[tokio::test]
async fn a_success_resets_the_account_counter() {
    let app = TestApp::spawn().await;
    add_member(&app).await;
    for _ in 0..4 {
        Browser::new(&app).log_in(MEMBER, "not-the-password").await;
    }
    let ok = Browser::new(&app).log_in(MEMBER, GOOD_PASSWORD).await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    for attempt in 1..=4 {
        let response = Browser::new(&app).log_in(MEMBER, "not-the-password").await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "attempt {attempt} after the success"
        );
    }
    let ok = Browser::new(&app).log_in(MEMBER, GOOD_PASSWORD).await;
    assert_eq!(
        ok.status(),
        StatusCode::SEE_OTHER,
        "only 4 failures since the success"
    );
}
