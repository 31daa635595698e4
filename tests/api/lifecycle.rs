//! The lifecycle of an activity over real HTTP: every row of DESIGN.md's table by an allowed
//! and a refused actor, wrong states, stale forms, edits of published activities, scheduled
//! publication (also across a restart) and two moderators racing.

use std::time::Duration;

use chrono::TimeZone;
use diesel::prelude::*;
use diesel::sql_types::{Nullable, Text};
use reqwest::StatusCode;

use crate::auth::{member, secretariat};
use crate::browser::Browser;
use crate::helpers::TestApp;

fn form<'a>(title: &'a str, token: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf_token", token),
        ("title", title),
        ("summary", "Workers and volunteers met at the border."),
        ("body", "## What happened\n\n1. One\n2. Two"),
        ("categories", "network-activities"),
        ("categories", "statements"),
        ("event_start", "2016-12-18"),
        ("location", "Mae Sot"),
        ("language", "en"),
        ("links", "https://news.example.org/imd The Border Post"),
    ]
}

async fn categories(app: &TestApp) {
    app.db
        .write(|conn| {
            diesel::sql_query("INSERT INTO categories (slug, name, position) VALUES ('network-activities', 'Network Activities', 1), ('statements', 'Statements', 2)")
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
}

/// Creates a complete draft as `browser`; returns its id.
async fn create(browser: &mut Browser<'_>, title: &str) -> i32 {
    let token = browser.csrf_token("/admin/activities/new").await;
    let response = browser
        .post("/admin/activities", &form(title, &token), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "created");
    crate::helpers::created_activity_id(&response)
}

#[derive(QueryableByName)]
struct StateRow {
    #[diesel(sql_type = Text)]
    state: String,
    #[diesel(sql_type = Nullable<Text>)]
    live: Option<String>,
}

/// (state of the current revision, title of the live revision).
fn state(app: &TestApp, id: i32) -> (String, Option<String>) {
    let row: StateRow = diesel::sql_query(format!(
        "SELECT c.state AS state, l.title AS live FROM activities a JOIN activity_revisions c ON c.id = a.current_revision_id \
         LEFT JOIN activity_revisions l ON l.id = a.live_revision_id WHERE a.id = {id}"
    ))
    .get_result(&mut *app.db.read_conn().unwrap())
    .unwrap();
    (row.state, row.live)
}

async fn act(
    browser: &mut Browser<'_>,
    id: i32,
    action: &str,
    extra: &[(&str, &str)],
) -> reqwest::Response {
    let token = browser.csrf_token("/admin/account").await;
    let mut fields = vec![("csrf_token", token.as_str())];
    fields.extend_from_slice(extra);
    browser
        .post(&format!("/admin/activities/{id}/{action}"), &fields, &[])
        .await
}

#[tokio::test]
async fn an_activity_walks_the_whole_lifecycle() {
    let app = TestApp::spawn().await;
    categories(&app).await;
    let mut member = member(&app).await;
    let mut admin = secretariat(&app).await;

    // A draft needs only a title; the form comes back whole when it lacks one.
    let token = member.csrf_token("/admin/activities/new").await;
    let mut no_title = form("", &token);
    no_title.retain(|(k, _)| *k != "title");
    let refused = member.post("/admin/activities", &no_title, &[]).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = crate::helpers::Page::from_response(refused).await;
    assert!(page.texts("#title-error")[0].contains("title"));
    assert_eq!(
        page.texts("#summary"),
        ["Workers and volunteers met at the border."],
        "input kept"
    );
    let bare = member
        .post(
            "/admin/activities",
            &[("csrf_token", &token), ("title", "Only a title")],
            &[],
        )
        .await;
    assert_eq!(bare.status(), StatusCode::SEE_OTHER);
    let bare_id: i32 = crate::helpers::created_activity_id(&bare);
    let missing = act(&mut member, bare_id, "submit", &[]).await;
    assert_eq!(
        missing.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "submit names what is missing"
    );
    let body = missing.text().await.unwrap();
    for what in [
        "summary is needed",
        "report is needed",
        "at least one category",
        "date of the event",
    ] {
        assert!(body.contains(what), "{what}");
    }
    assert_eq!(state(&app, bare_id).0, "draft");

    let id = create(&mut member, "International Migrants Day in Mae Sot").await;
    assert_eq!(state(&app, id), ("draft".into(), None));
    // Secretariat actions are refused to members for the role, before the state.
    for action in [
        "approve",
        "request-changes",
        "reject",
        "unpublish",
        "republish",
    ] {
        assert_eq!(
            act(&mut member, id, action, &[]).await.status(),
            StatusCode::FORBIDDEN,
            "{action}"
        );
    }
    // Actions the state does not allow: 409 and nothing changes.
    for action in [
        "approve",
        "request-changes",
        "reject",
        "unpublish",
        "republish",
        "withdraw",
    ] {
        let expected = if action == "withdraw" {
            StatusCode::FORBIDDEN
        } else {
            StatusCode::CONFLICT
        };
        let response = act(&mut admin, id, action, &[("comment", "x"), ("reason", "x")]).await;
        assert_eq!(response.status(), expected, "{action} on a draft");
    }
    assert_eq!(
        act(&mut member, id, "withdraw", &[]).await.status(),
        StatusCode::CONFLICT
    );
    assert_eq!(
        act(&mut member, id, "reopen", &[]).await.status(),
        StatusCode::CONFLICT
    );
    assert_eq!(state(&app, id).0, "draft");

    assert_eq!(
        act(&mut member, id, "submit", &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(state(&app, id).0, "submitted");
    assert_eq!(
        act(&mut admin, id, "withdraw", &[]).await.status(),
        StatusCode::FORBIDDEN,
        "withdraw is the organization's"
    );
    assert_eq!(
        act(&mut member, id, "withdraw", &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(state(&app, id).0, "draft");
    assert_eq!(
        act(&mut admin, id, "submit", &[]).await.status(),
        StatusCode::SEE_OTHER,
        "the secretariat may submit too"
    );

    // The queue shows it; changes requested need a comment, which the member then reads.
    let queue = admin.get("/admin/moderation").await.text().await.unwrap();
    assert!(queue.contains("International Migrants Day in Mae Sot"));
    assert_eq!(
        act(&mut admin, id, "request-changes", &[("comment", "  ")])
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(state(&app, id).0, "submitted");
    assert_eq!(
        act(
            &mut admin,
            id,
            "request-changes",
            &[("comment", "Please add the number of participants.")]
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(state(&app, id).0, "changes_requested");
    let edit = member
        .get(&format!("/admin/activities/{id}/edit"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        edit.contains("Please add the number of participants."),
        "the member sees the comment"
    );
    assert_eq!(
        act(&mut member, id, "submit", &[]).await.status(),
        StatusCode::SEE_OTHER
    );

    assert_eq!(
        act(&mut admin, id, "reject", &[]).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a reason is required"
    );
    assert_eq!(
        act(
            &mut admin,
            id,
            "reject",
            &[("reason", "Duplicate of another report.")]
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(state(&app, id).0, "rejected");
    assert_eq!(
        act(&mut member, id, "reopen", &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(state(&app, id).0, "draft");
    assert_eq!(
        act(&mut member, id, "submit", &[]).await.status(),
        StatusCode::SEE_OTHER
    );

    assert_eq!(
        act(&mut admin, id, "approve", &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        state(&app, id),
        (
            "published".into(),
            Some("International Migrants Day in Mae Sot".into())
        )
    );
    let slug = slug_of(&app, id);
    let month = chrono_tz::Asia::Bangkok
        .from_utc_datetime(&chrono::Utc::now().naive_utc())
        .format("/archive/%Y/%m")
        .to_string();
    for path in [
        "/",
        "/category/network-activities",
        "/category/statements",
        "/organizations/fed",
        month.as_str(),
    ] {
        let page = app.get(path).await.text().await.unwrap();
        assert!(
            page.contains(&format!("/activities/{slug}")),
            "published: on {path}"
        );
    }
    assert_eq!(
        app.get(&format!("/activities/{slug}")).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        act(&mut member, id, "delete", &[]).await.status(),
        StatusCode::CONFLICT,
        "published once: kept"
    );

    assert_eq!(
        act(&mut admin, id, "unpublish", &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(state(&app, id), ("unpublished".into(), None));
    for path in [
        "/",
        "/category/network-activities",
        "/category/statements",
        "/organizations/fed",
    ] {
        let page = app.get(path).await.text().await.unwrap();
        assert!(
            !page.contains(&format!("/activities/{slug}")),
            "unpublished: gone from {path}"
        );
    }
    assert_eq!(
        app.get(&month).await.status(),
        StatusCode::NOT_FOUND,
        "the month has nothing left"
    );
    assert_eq!(
        app.get(&format!("/activities/{slug}")).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        act(&mut admin, id, "republish", &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(state(&app, id).0, "published");
    assert_eq!(
        app.get(&format!("/activities/{slug}")).await.status(),
        StatusCode::OK
    );

    // A never-published draft can be deleted, with its history kept.
    assert_eq!(
        act(&mut member, bare_id, "delete", &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        member
            .get(&format!("/admin/activities/{bare_id}/edit"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let kept: i64 = crate::helpers_count(
        &app,
        "SELECT count(*) AS n FROM moderation_events WHERE activity_title = 'Only a title' AND activity_id IS NULL",
    );
    assert!(kept >= 2, "history of the deleted draft is kept");
}

fn slug_of(app: &TestApp, id: i32) -> String {
    use mmn_portal::db::schema::activities;
    activities::table
        .find(id)
        .select(activities::slug)
        .first(&mut *app.db.read_conn().unwrap())
        .unwrap()
}

#[tokio::test]
async fn another_organizations_activity_is_not_found_and_untouched() {
    let app = TestApp::spawn().await;
    categories(&app).await;
    let mut admin = secretariat(&app).await;
    let token = admin.csrf_token("/admin/activities/new").await;
    let mut fields = form("The secretariat's own report", &token);
    fields.push(("organization", "fed"));
    // The member's organization is created by `member` below; the secretariat writes for
    // another one first.
    let mut member = member(&app).await;
    app.db
        .write(|conn| {
            diesel::sql_query("INSERT INTO organizations (slug, name, country) VALUES ('caram', 'CARAM Cambodia', 'KH')").execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
    fields.retain(|(k, _)| *k != "organization");
    fields.push(("organization", "caram"));
    let response = admin.post("/admin/activities", &fields, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let id: i32 = crate::helpers::created_activity_id(&response);

    let before = state(&app, id);
    assert_eq!(
        member
            .get(&format!("/admin/activities/{id}/edit"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        member
            .get(&format!("/admin/activities/{id}/preview"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let token = member.csrf_token("/admin/account").await;
    let update = member
        .post(
            &format!("/admin/activities/{id}"),
            &form("Hijacked", &token),
            &[],
        )
        .await;
    assert_eq!(update.status(), StatusCode::NOT_FOUND);
    for action in ["submit", "delete", "withdraw", "reopen"] {
        assert_eq!(
            act(&mut member, id, action, &[]).await.status(),
            StatusCode::NOT_FOUND,
            "{action}"
        );
    }
    assert_eq!(state(&app, id), before, "nothing changed");
    let list = member.get("/admin/activities").await.text().await.unwrap();
    assert!(
        !list.contains("The secretariat's own report"),
        "not listed for the member"
    );
}

#[tokio::test]
async fn a_stale_form_is_a_conflict_and_overwrites_nothing() {
    let app = TestApp::spawn().await;
    categories(&app).await;
    let mut member = member(&app).await;
    let mut admin = secretariat(&app).await;
    let id = create(&mut member, "Training on labour rights in Phnom Penh").await;
    assert_eq!(
        act(&mut member, id, "submit", &[("revision", "1")])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        act(&mut admin, id, "approve", &[("revision", "1")])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );

    // Editing the published activity starts revision 2; a form still holding revision 1 is stale.
    let token = member.csrf_token("/admin/account").await;
    let mut edit = form(
        "Training on labour rights in Phnom Penh (corrected)",
        &token,
    );
    edit.push(("revision", "1"));
    assert_eq!(
        member
            .post(&format!("/admin/activities/{id}"), &edit, &[])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let (current, live) = state(&app, id);
    assert_eq!(current, "draft", "a new revision for the edit");
    assert_eq!(
        live.as_deref(),
        Some("Training on labour rights in Phnom Penh"),
        "the live one stays"
    );
    let slug = slug_of(&app, id);
    let public = app
        .get(&format!("/activities/{slug}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !public.contains("(corrected)"),
        "the public page is unchanged until approval"
    );

    let mut stale = form("Overwritten by a stale tab", &token);
    stale.push(("revision", "1"));
    let response = member
        .post(&format!("/admin/activities/{id}"), &stale, &[])
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("changed since you opened the page")
    );
    assert_eq!(
        act(&mut member, id, "submit", &[("revision", "1")])
            .await
            .status(),
        StatusCode::CONFLICT
    );

    assert_eq!(
        act(&mut member, id, "submit", &[("revision", "2")])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        act(&mut admin, id, "approve", &[("revision", "2")])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let public = app
        .get(&format!("/activities/{slug}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        public.contains("(corrected)"),
        "the approved revision is live"
    );
}

/// A `publish_at` value `seconds` from now, in the site's time zone (Asia/Bangkok).
fn in_a_few_seconds(seconds: i64) -> String {
    let at = chrono::Utc::now().naive_utc() + chrono::TimeDelta::seconds(seconds);
    chrono_tz::Asia::Bangkok
        .from_utc_datetime(&at)
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string()
}

#[tokio::test]
async fn a_scheduled_approval_publishes_on_time_without_a_request() {
    let app = TestApp::spawn().await;
    categories(&app).await;
    let mut member = member(&app).await;
    let mut admin = secretariat(&app).await;
    let id = create(
        &mut member,
        "Embargoed statement for International Migrants Day",
    )
    .await;
    assert_eq!(
        act(&mut member, id, "submit", &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        act(
            &mut admin,
            id,
            "approve",
            &[("publish_at", "the day after tomorrow")]
        )
        .await
        .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let at = in_a_few_seconds(2);
    assert_eq!(
        act(&mut admin, id, "approve", &[("publish_at", &at)])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(state(&app, id), ("scheduled".into(), None));
    let slug = slug_of(&app, id);
    assert_eq!(
        app.get(&format!("/activities/{slug}")).await.status(),
        StatusCode::NOT_FOUND,
        "embargoed until then"
    );

    // No request at all while the time comes.
    tokio::time::sleep(Duration::from_millis(3500)).await;
    assert_eq!(state(&app, id).0, "published");
    let by_scheduler = crate::helpers_count(
        &app,
        &format!(
            "SELECT count(*) AS n FROM moderation_events WHERE activity_id = {id} AND action = 'publish-scheduled' AND actor_id IS NULL"
        ),
    );
    assert_eq!(by_scheduler, 1, "the scheduler's moderation event");
    let category = app
        .get("/category/network-activities")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        category.contains(&format!("/activities/{slug}")),
        "on the category page"
    );
}

#[tokio::test]
async fn a_publication_due_while_the_server_was_down_happens_at_the_next_start() {
    let mut app = TestApp::spawn().await;
    categories(&app).await;
    let id = {
        let mut member = member(&app).await;
        let mut admin = secretariat(&app).await;
        let id = create(&mut member, "Statement published while nobody watched").await;
        assert_eq!(
            act(&mut member, id, "submit", &[]).await.status(),
            StatusCode::SEE_OTHER
        );
        let at = in_a_few_seconds(2);
        assert_eq!(
            act(&mut admin, id, "approve", &[("publish_at", &at)])
                .await
                .status(),
            StatusCode::SEE_OTHER
        );
        id
    };
    // Stop the portal, keeping its data, and let the time pass while it is down.
    let data_dir = std::mem::replace(&mut app.data_dir, tempfile::tempdir().unwrap());
    drop(app);
    tokio::time::sleep(Duration::from_millis(3500)).await;
    let conn = &mut diesel::SqliteConnection::establish(
        data_dir.path().join("portal.sqlite3").to_str().unwrap(),
    )
    .unwrap();
    let still: StateRow = diesel::sql_query(format!(
        "SELECT c.state AS state, NULL AS live FROM activities a JOIN activity_revisions c ON c.id = a.current_revision_id WHERE a.id = {id}"))
        .get_result(conn)
        .unwrap();
    assert_eq!(
        still.state, "scheduled",
        "nothing published it while the portal was down"
    );

    let again = TestApp::spawn_in(data_dir, |_| {}).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(state(&again, id).0, "published", "caught up at start");
}

#[tokio::test]
async fn two_moderators_racing_on_one_submission_get_one_success() {
    let app = TestApp::spawn().await;
    categories(&app).await;
    let mut member = member(&app).await;
    let id = create(&mut member, "Country visit to Yunnan").await;
    assert_eq!(
        act(&mut member, id, "submit", &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    let mut first = secretariat(&app).await;
    let credentials_email = "second@mmn.example.org";
    mmn_portal::accounts::manage::create_account(
        &app.db,
        mmn_portal::accounts::Actor::system(),
        mmn_portal::accounts::manage::NewAccount {
            email: credentials_email.into(),
            display_name: String::new(),
            role: mmn_portal::domain::Role::Secretariat,
            organization: None,
            password: Some(crate::browser::GOOD_PASSWORD.into()),
        },
    )
    .await
    .unwrap()
    .unwrap();
    let mut second = Browser::new(&app);
    second
        .log_in(credentials_email, crate::browser::GOOD_PASSWORD)
        .await;
    let t1 = first.csrf_token("/admin/account").await;
    let t2 = second.csrf_token("/admin/account").await;
    let path = format!("/admin/activities/{id}/approve");
    let (c1, c2) = (
        first.cookie.clone().unwrap(),
        second.cookie.clone().unwrap(),
    );
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let a = client
        .post(app.url(&path))
        .header("cookie", c1)
        .form(&[("csrf_token", t1.as_str()), ("revision", "1")])
        .send();
    let b = client
        .post(app.url(&path))
        .header("cookie", c2)
        .form(&[("csrf_token", t2.as_str()), ("revision", "1")])
        .send();
    let (a, b) = tokio::join!(a, b);
    let mut statuses = [a.unwrap().status(), b.unwrap().status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::SEE_OTHER, StatusCode::CONFLICT]);
    let approvals = crate::helpers_count(
        &app,
        &format!(
            "SELECT count(*) AS n FROM moderation_events WHERE activity_id = {id} AND action = 'approve'"
        ),
    );
    assert_eq!(approvals, 1, "one approval recorded");
}

#[tokio::test]
async fn the_dashboard_counts_what_waits_for_each_side() {
    let app = TestApp::spawn().await;
    categories(&app).await;
    let mut member = member(&app).await;
    let mut admin = secretariat(&app).await;
    let page = crate::helpers::Page::from_response(admin.get("/admin").await).await;
    assert_eq!(page.texts("#waiting"), ["No submission waits for review"]);
    for title in ["Training in Vientiane", "Country visit to Phnom Penh"] {
        let id = create(&mut member, title).await;
        assert_eq!(
            act(&mut member, id, "submit", &[]).await.status(),
            StatusCode::SEE_OTHER
        );
    }
    let page = crate::helpers::Page::from_response(admin.get("/admin").await).await;
    assert_eq!(page.texts("#waiting"), ["2 submissions wait for review"]);
    let queue = crate::helpers::Page::from_response(admin.get("/admin/moderation").await).await;
    assert_eq!(
        queue.texts("tbody tr td:first-child a"),
        ["Training in Vientiane", "Country visit to Phnom Penh"],
        "oldest first"
    );
    let page = crate::helpers::Page::from_response(member.get("/admin").await).await;
    assert_eq!(page.texts("#waiting"), ["No report has changes requested"]);
}

#[tokio::test]
async fn the_slug_follows_the_title_until_publication_then_never_changes() {
    let app = TestApp::spawn().await;
    categories(&app).await;
    let mut member = member(&app).await;
    let mut admin = secretariat(&app).await;
    let id = create(&mut member, "Draft title").await;
    assert_eq!(slug_of(&app, id), "draft-title");
    let token = member.csrf_token("/admin/account").await;
    let renamed = member
        .post(
            &format!("/admin/activities/{id}"),
            &form("National training in Hanoi", &token),
            &[],
        )
        .await;
    assert_eq!(renamed.status(), StatusCode::SEE_OTHER);
    assert_eq!(slug_of(&app, id), "national-training-in-hanoi");
    assert_eq!(
        act(&mut member, id, "submit", &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        act(&mut admin, id, "approve", &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    let after = member
        .post(
            &format!("/admin/activities/{id}"),
            &form("National training in Hanoi, 2017", &token),
            &[],
        )
        .await;
    assert_eq!(after.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        slug_of(&app, id),
        "national-training-in-hanoi",
        "a published slug stays"
    );
    let burmese = create(&mut member, "ရွှေ့ပြောင်းလုပ်သားများနေ့").await;
    assert_eq!(
        slug_of(&app, burmese),
        "2016-12-18-fed",
        "a readable fallback for Burmese"
    );
}

#[tokio::test]
async fn the_secretariat_filters_the_list_and_reads_the_whole_moderation_history() {
    let app = TestApp::spawn().await;
    categories(&app).await;
    let mut member = member(&app).await;
    let mut admin = secretariat(&app).await;
    let draft = create(&mut member, "A draft about Laos").await;
    let submitted = create(&mut member, "A submission about Vietnam").await;
    assert_eq!(
        act(&mut member, submitted, "submit", &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    let _ = draft;

    // The secretariat edits a submission in place (a typo), without sending it back.
    let token = admin.csrf_token("/admin/account").await;
    let fixed = admin
        .post(
            &format!("/admin/activities/{submitted}"),
            &form("A submission about Viet Nam", &token),
            &[],
        )
        .await;
    assert_eq!(fixed.status(), StatusCode::SEE_OTHER);
    assert_eq!(state(&app, submitted).0, "submitted");
    assert_eq!(
        act(
            &mut admin,
            submitted,
            "request-changes",
            &[("comment", "Add the date of the second day.")]
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );

    let titles = |page: crate::helpers::Page| page.texts("tbody tr td:first-child a");
    let drafts = titles(
        crate::helpers::Page::from_response(admin.get("/admin/activities?status=draft").await)
            .await,
    );
    assert_eq!(drafts, ["A draft about Laos"]);
    let by_org = titles(
        crate::helpers::Page::from_response(
            admin
                .get("/admin/activities?organization=fed&category=statements")
                .await,
        )
        .await,
    );
    assert_eq!(by_org.len(), 2, "{by_org:?}");
    let nowhere = titles(
        crate::helpers::Page::from_response(
            admin
                .get("/admin/activities?organization=fed&status=published")
                .await,
        )
        .await,
    );
    assert!(nowhere.is_empty());

    let history = crate::helpers::Page::from_response(
        admin
            .get("/admin/moderation/history?action=request-changes")
            .await,
    )
    .await;
    assert_eq!(history.texts("tbody tr").len(), 1);
    assert!(history.body.contains("Add the date of the second day."));
    let all = crate::helpers::Page::from_response(
        admin
            .get("/admin/moderation/history?organization=fed")
            .await,
    )
    .await;
    assert!(
        all.texts("tbody tr").len() >= 4,
        "create ×2, submit, request-changes"
    );
    assert_eq!(
        member.get("/admin/moderation/history").await.status(),
        StatusCode::FORBIDDEN
    );
}

/// Everything a refused action could have touched.
fn snapshot(app: &TestApp, id: i32) -> (String, Option<String>, i64, i64) {
    let (state, live) = state(app, id);
    let events = crate::helpers_count(app, "SELECT count(*) AS n FROM moderation_events");
    let revisions = crate::helpers_count(app, "SELECT count(*) AS n FROM activity_revisions");
    (state, live, events, revisions)
}

#[tokio::test]
async fn every_action_from_a_state_that_does_not_allow_it_is_409_and_changes_nothing() {
    let app = TestApp::spawn().await;
    categories(&app).await;
    let mut member = member(&app).await;
    let mut admin = secretariat(&app).await;
    let id = create(&mut member, "Assessment meeting in Chiang Mai").await;
    // (state reached, then the actions refused there, each by an actor who could do it elsewhere)
    let steps: [(&str, &[(&str, bool)]); 5] = [
        (
            "draft",
            &[("withdraw", false), ("reopen", false), ("reopen", true)],
        ),
        (
            "submitted",
            &[
                ("submit", false),
                ("submit", true),
                ("delete", false),
                ("delete", true),
                ("reopen", true),
            ],
        ),
        (
            "changes_requested",
            &[
                ("withdraw", false),
                ("approve", true),
                ("reject", true),
                ("request-changes", true),
                ("unpublish", true),
            ],
        ),
        (
            "rejected",
            &[
                ("submit", false),
                ("withdraw", false),
                ("approve", true),
                ("republish", true),
                ("delete", true),
            ],
        ),
        (
            "published",
            &[
                ("submit", false),
                ("withdraw", false),
                ("delete", false),
                ("reopen", true),
                ("approve", true),
                ("reject", true),
                ("republish", true),
            ],
        ),
    ];
    for (reached, refused) in steps {
        match reached {
            "draft" => {}
            "submitted" => assert_eq!(
                act(&mut member, id, "submit", &[]).await.status(),
                StatusCode::SEE_OTHER
            ),
            "changes_requested" => assert_eq!(
                act(
                    &mut admin,
                    id,
                    "request-changes",
                    &[("comment", "More, please.")]
                )
                .await
                .status(),
                StatusCode::SEE_OTHER
            ),
            "rejected" => {
                assert_eq!(
                    act(&mut member, id, "submit", &[]).await.status(),
                    StatusCode::SEE_OTHER
                );
                assert_eq!(
                    act(&mut admin, id, "reject", &[("reason", "Out of scope.")])
                        .await
                        .status(),
                    StatusCode::SEE_OTHER
                );
            }
            _ => {
                assert_eq!(
                    act(&mut member, id, "reopen", &[]).await.status(),
                    StatusCode::SEE_OTHER
                );
                assert_eq!(
                    act(&mut member, id, "submit", &[]).await.status(),
                    StatusCode::SEE_OTHER
                );
                assert_eq!(
                    act(&mut admin, id, "approve", &[]).await.status(),
                    StatusCode::SEE_OTHER
                );
            }
        }
        assert_eq!(state(&app, id).0, reached);
        for (action, by_secretariat) in refused {
            let before = snapshot(&app, id);
            let browser = if *by_secretariat {
                &mut admin
            } else {
                &mut member
            };
            let response = act(browser, id, action, &[("comment", "x"), ("reason", "x")]).await;
            assert_eq!(
                response.status(),
                StatusCode::CONFLICT,
                "{action} in {reached}"
            );
            assert_eq!(
                snapshot(&app, id),
                before,
                "{action} in {reached} changed nothing"
            );
        }
    }
}

#[tokio::test]
async fn the_activity_pages_of_the_admin_are_valid_html() {
    let Some(checker) =
        crate::tools::HtmlChecker::find("the_activity_pages_of_the_admin_are_valid_html")
    else {
        return;
    };
    let app = TestApp::spawn().await;
    categories(&app).await;
    let mut member = member(&app).await;
    let mut admin = secretariat(&app).await;
    let id = create(&mut member, "Regional conference on migration and climate").await;
    assert_eq!(
        act(&mut member, id, "submit", &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    let token = member.csrf_token("/admin/activities/new").await;
    let with_errors = member
        .post(
            "/admin/activities",
            &[
                ("csrf_token", token.as_str()),
                ("title", ""),
                ("event_start", "soon"),
            ],
            &[],
        )
        .await;
    assert_eq!(with_errors.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let with_errors = with_errors.text().await.unwrap();
    assert!(
        with_errors.contains(r#"value="soon""#),
        "what was typed comes back, even as a date"
    );
    let mut documents = vec![("activity form with errors".to_owned(), with_errors)];
    for (who, path) in [
        ("member", "/admin".to_owned()),
        ("member", "/admin/activities".to_owned()),
        ("member", "/admin/activities/new".to_owned()),
        ("member", format!("/admin/activities/{id}/edit")),
        ("secretariat", "/admin".to_owned()),
        ("secretariat", "/admin/moderation".to_owned()),
        ("secretariat", "/admin/moderation/history".to_owned()),
        ("secretariat", format!("/admin/activities/{id}/edit")),
        ("secretariat", format!("/admin/activities/{id}/preview")),
        ("secretariat", "/admin/users".to_owned()),
        ("secretariat", "/admin/account".to_owned()),
        ("visitor", "/login".to_owned()),
    ] {
        let response = match who {
            "member" => member.get(&path).await,
            "secretariat" => admin.get(&path).await,
            _ => Browser::new(&app).get(&path).await,
        };
        assert_eq!(response.status(), StatusCode::OK, "{who} {path}");
        documents.push((format!("{who} {path}"), response.text().await.unwrap()));
    }
    if let Err(messages) = checker.check_all(&documents) {
        panic!("admin pages are not valid HTML:\n{messages}");
    }
}
