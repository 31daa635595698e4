//! Logging in through real HTTP (GET /login for the form's token, POST /login), as the
//! secretariat or as a member of an organization, for the tests of the admin area.

use mmn_portal::accounts::Actor;
use mmn_portal::accounts::manage::{NewAccount, create_account};
use mmn_portal::db::models::{site, users};
use mmn_portal::domain::Role;
use mmn_portal::management::organizations::{OrganizationFields, create_organization};
use reqwest::header::LOCATION;
use reqwest::{Client, Response, StatusCode};

use crate::helpers::{Page, TestApp};

/// The final password tests give accounts: unrelated words and a number, so it passes the
/// strength check.
pub const PASSWORD: &str = "river-lantern-mekong-41-sparrow";

/// The hidden `csrf_token` of a page's first form.
pub fn csrf_token(page: &Page) -> String {
    page.attrs("input[name=csrf_token]", "value")
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no csrf_token field in {}", page.body))
}

/// Where a redirect points.
pub fn location(response: &Response) -> String {
    response
        .headers()
        .get(LOCATION)
        .map(|v| v.to_str().expect("ASCII location").to_owned())
        .unwrap_or_default()
}

/// GETs `path` with `client` and parses the page.
pub async fn page_with(app: &TestApp, client: &Client, path: &str) -> Page {
    Page::from_response(client.get(app.url(path)).send().await.expect("GET sent")).await
}

/// GETs /login, then POSTs the form with its token; returns the POST's response.
pub async fn submit_login(app: &TestApp, client: &Client, email: &str, password: &str) -> Response {
    let login = page_with(app, client, "/login").await;
    assert_eq!(login.status, StatusCode::OK, "GET /login");
    let token = csrf_token(&login);
    client
        .post(app.url("/login"))
        .form(&[
            ("email", email),
            ("password", password),
            ("csrf_token", &token),
        ])
        .send()
        .await
        .expect("POST /login sent")
}

/// Logs `client` in with a final password; returns the session's CSRF token.
pub async fn log_in_with(app: &TestApp, client: &Client, email: &str, password: &str) -> String {
    let response = submit_login(app, client, email, password).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "login of {email}");
    assert_eq!(location(&response), "/admin", "login of {email}");
    csrf_token(&page_with(app, client, "/admin/account").await)
}

/// Logs `app.client` in as the secretariat (`admin@localhost`); returns the CSRF token.
pub async fn log_in_as_secretariat(app: &TestApp) -> String {
    log_in_as_secretariat_with(app, &app.client).await
}

/// Logs `client` in as the secretariat. The first time, with the one-time password of the
/// start, which it then changes to [`PASSWORD`] as the portal demands; later, with that.
pub async fn log_in_as_secretariat_with(app: &TestApp, client: &Client) -> String {
    let credentials = app
        .credentials
        .as_ref()
        .expect("the start made a secretariat account");
    let email = credentials.email.parse().expect("valid email");
    let one_time = users::find_by_email(&mut app.db.read_conn().expect("db"), &email)
        .expect("account looked up")
        .expect("the secretariat account exists")
        .must_change_password;
    if !one_time {
        return log_in_with(app, client, &credentials.email, PASSWORD).await;
    }
    let response = submit_login(app, client, &credentials.email, &credentials.password).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&response),
        "/admin/account",
        "a one-time password must be changed first"
    );
    let token = csrf_token(&page_with(app, client, "/admin/account").await);
    let changed = client
        .post(app.url("/admin/account"))
        .form(&[
            ("current_password", credentials.password.as_str()),
            ("new_password", PASSWORD),
            ("csrf_token", &token),
        ])
        .send()
        .await
        .expect("POST /admin/account sent");
    assert_eq!(changed.status(), StatusCode::SEE_OTHER, "password changed");
    token
}

/// The email of the member account of the organization `org_slug`.
pub fn member_email(org_slug: &str) -> String {
    format!("member@{org_slug}.example.org")
}

/// Makes the organization `org_slug` (in Thailand) and its member account with the final
/// password [`PASSWORD`], each unless it exists already.
pub async fn ensure_member(app: &TestApp, org_slug: &str) {
    let org_exists = site::organization_id(&mut app.db.read_conn().expect("db"), org_slug)
        .expect("organization looked up")
        .is_some();
    if !org_exists {
        let fields = OrganizationFields {
            name: format!("Organization {org_slug}"),
            slug: org_slug.to_owned(),
            country: "TH".into(),
            ..Default::default()
        };
        create_organization(&app.db, Actor::system(), fields)
            .await
            .expect("organization stored")
            .expect("valid organization");
    }
    let email = member_email(org_slug);
    let account_exists = users::find_by_email(
        &mut app.db.read_conn().expect("db"),
        &email.parse().expect("valid email"),
    )
    .expect("account looked up")
    .is_some();
    if !account_exists {
        let account = NewAccount {
            email,
            display_name: format!("Member of {org_slug}"),
            role: Role::Member,
            organization: Some(org_slug.to_owned()),
            password: Some(PASSWORD.into()),
        };
        create_account(&app.db, Actor::system(), account)
            .await
            .expect("account stored")
            .expect("valid account");
    }
}

/// Logs `app.client` in as the member of `org_slug` (made when missing); returns the CSRF
/// token.
pub async fn log_in_as_member(app: &TestApp, org_slug: &str) -> String {
    log_in_as_member_with(app, &app.client, org_slug).await
}

/// Logs `client` in as the member of `org_slug` (made when missing).
pub async fn log_in_as_member_with(app: &TestApp, client: &Client, org_slug: &str) -> String {
    ensure_member(app, org_slug).await;
    log_in_with(app, client, &member_email(org_slug), PASSWORD).await
}
