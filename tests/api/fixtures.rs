//! Content written straight into a test portal's database, in the shape the admin's code
//! paths write it (publication is `activities.live_revision_id`), so that search, feeds and
//! sitemap can be tested before and apart from those paths.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{Integer, Nullable, Text};
use mmn_portal::markdown;

use crate::helpers::TestApp;

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = Integer)]
    id: i32,
}

/// What a member writes.
#[derive(Clone, Copy)]
pub struct Writing<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub body: &'a str,
    pub language: &'a str,
    pub location: &'a str,
    pub event_start: Option<&'a str>,
}

impl Default for Writing<'_> {
    fn default() -> Self {
        Writing {
            title: "Untitled",
            summary: "A summary.",
            body: "A body.",
            language: "en",
            location: "",
            event_start: None,
        }
    }
}

/// Runs statements on the writing connection.
pub fn execute(app: &TestApp, sql: &str) {
    app.db
        .write_conn()
        .unwrap()
        .batch_execute(sql)
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

pub fn organization(app: &TestApp, slug: &str, name: &str) -> i32 {
    diesel::sql_query(
        "INSERT INTO organizations (slug, name, country) VALUES (?, ?, 'TH') RETURNING id",
    )
    .bind::<Text, _>(slug)
    .bind::<Text, _>(name)
    .get_result::<Id>(&mut *app.db.write_conn().unwrap())
    .unwrap()
    .id
}

/// A new activity of `organization` with a first revision in `state`: (activity, revision).
pub fn activity(app: &TestApp, slug: &str, organization: i32, text: Writing<'_>) -> (i32, i32) {
    let mut conn = app.db.write_conn().unwrap();
    let activity = diesel::sql_query(
        "INSERT INTO activities (slug, organization_id) VALUES (?, ?) RETURNING id",
    )
    .bind::<Text, _>(slug)
    .bind::<Integer, _>(organization)
    .get_result::<Id>(&mut *conn)
    .unwrap()
    .id;
    drop(conn);
    let revision = revision(app, activity, 1, text);
    (activity, revision)
}

/// Another revision of `activity`, now its current one.
pub fn revision(app: &TestApp, activity: i32, number: i32, text: Writing<'_>) -> i32 {
    let mut conn = app.db.write_conn().unwrap();
    let id = diesel::sql_query(
        "INSERT INTO activity_revisions \
           (activity_id, number, state, title, summary, body, body_html, location, language, event_start) \
         VALUES (?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind::<Integer, _>(activity)
    .bind::<Integer, _>(number)
    .bind::<Text, _>(text.title)
    .bind::<Text, _>(text.summary)
    .bind::<Text, _>(text.body)
    .bind::<Text, _>(markdown::render(text.body).as_str())
    .bind::<Text, _>(text.location)
    .bind::<Text, _>(text.language)
    .bind::<Nullable<Text>, _>(text.event_start)
    .get_result::<Id>(&mut *conn)
    .unwrap()
    .id;
    conn.batch_execute(&format!(
        "UPDATE activities SET current_revision_id = {id} WHERE id = {activity}"
    ))
    .unwrap();
    id
}

/// Makes `revision` the public one, first published now unless it was before.
pub fn go_live(app: &TestApp, activity: i32, revision: i32) {
    execute(
        app,
        &format!(
            "BEGIN IMMEDIATE;
             UPDATE activity_revisions SET state = 'published' WHERE id = {revision};
             UPDATE activities SET live_revision_id = {revision},
                    published_at = coalesce(published_at, CURRENT_TIMESTAMP)
              WHERE id = {activity};
             COMMIT;"
        ),
    );
}

pub fn unpublish(app: &TestApp, activity: i32) {
    execute(
        app,
        &format!("UPDATE activities SET live_revision_id = NULL WHERE id = {activity}"),
    );
}

/// A published activity in one call: (activity, revision).
pub fn published(app: &TestApp, slug: &str, organization: i32, text: Writing<'_>) -> (i32, i32) {
    let (activity, revision) = activity(app, slug, organization, text);
    go_live(app, activity, revision);
    (activity, revision)
}
