use std::collections::BTreeSet;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{Integer, Text};
use diesel_migrations::MigrationHarness;
use mmn_portal::db::migrations::{MIGRATIONS, migrate};
use mmn_portal::db::schema;

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

fn tables(conn: &mut SqliteConnection) -> BTreeSet<String> {
    diesel::sql_query(
        "SELECT name FROM sqlite_schema WHERE type IN ('table', 'trigger', 'index') \
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__diesel%'",
    )
    .load::<Name>(conn)
    .unwrap()
    .into_iter()
    .map(|n| n.name)
    .collect()
}

fn fresh_database() -> (tempfile::TempDir, SqliteConnection) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("portal.sqlite3");
    assert!(
        migrate(&path, std::time::Duration::from_secs(5)).unwrap(),
        "brand new"
    );
    let conn = SqliteConnection::establish(path.to_str().unwrap()).unwrap();
    (dir, conn)
}

#[test]
fn migrations_run_up_down_and_up_again() {
    let (_dir, mut conn) = fresh_database();
    let after_up = tables(&mut conn);
    for table in [
        "organizations",
        "users",
        "sessions",
        "categories",
        "activities",
        "activity_revisions",
        "revision_categories",
        "revision_partners",
        "revision_links",
        "stored_images",
        "image_variants",
        "photos",
        "stored_files",
        "attachments",
        "pages",
        "moderation_events",
        "login_attempts",
        "audit_events",
    ] {
        assert!(after_up.contains(table), "no table {table}");
    }

    conn.revert_all_migrations(MIGRATIONS).unwrap();
    assert_eq!(
        tables(&mut conn),
        BTreeSet::new(),
        "down removes everything"
    );

    conn.run_pending_migrations(MIGRATIONS).unwrap();
    assert_eq!(
        tables(&mut conn),
        after_up,
        "up again rebuilds the same schema"
    );
}

#[test]
fn a_second_migrate_finds_nothing_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("portal.sqlite3");
    assert!(migrate(&path, std::time::Duration::from_secs(5)).unwrap());
    assert!(
        !migrate(&path, std::time::Duration::from_secs(5)).unwrap(),
        "not new the second time"
    );
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = Integer)]
    n: i32,
}

/// Every table and column that `src/db/schema.rs` names exists in the migrated database,
/// and the database has no column the schema forgot.
#[test]
fn schema_rs_matches_the_migrated_database() {
    let (_dir, mut conn) = fresh_database();
    macro_rules! check {
        ($($table:ident),+ $(,)?) => {$(
            let query = schema::$table::table.select(schema::$table::all_columns);
            let sql = diesel::debug_query::<diesel::sqlite::Sqlite, _>(&query).to_string();
            let sql = sql.split(" -- binds").next().unwrap();
            diesel::sql_query(sql).execute(&mut conn)
                .unwrap_or_else(|e| panic!("{}: {e}", stringify!($table)));
            let named = sql.matches("`.`").count();
            let actual: Count = diesel::sql_query(format!(
                "SELECT count(*) AS n FROM pragma_table_info('{}')", stringify!($table)))
                .get_result(&mut conn).unwrap();
            assert_eq!(named as i32, actual.n, "columns of {}", stringify!($table));
        )+};
    }
    check!(
        organizations,
        users,
        sessions,
        login_attempts,
        categories,
        pages,
        activities,
        activity_revisions,
        revision_categories,
        revision_partners,
        revision_links,
        stored_images,
        image_variants,
        photos,
        stored_files,
        attachments,
        moderation_events,
        audit_events
    );
}

fn insert_activity_with_event(conn: &mut SqliteConnection) {
    conn.batch_execute(
        "PRAGMA foreign_keys = ON;
         INSERT INTO organizations (id, slug, name, country) VALUES (1, 'mmn', 'MMN', 'TH');
         INSERT INTO activities (id, slug, organization_id) VALUES (1, 'imd-2016', 1);
         INSERT INTO activity_revisions (id, activity_id, number, title) VALUES (1, 1, 1, 'IMD 2016');
         UPDATE activities SET current_revision_id = 1 WHERE id = 1;
         INSERT INTO moderation_events (activity_id, revision_id, activity_title, action, to_state)
             VALUES (1, 1, 'IMD 2016', 'create', 'draft');",
    )
    .unwrap();
}

#[test]
fn moderation_events_are_append_only_but_outlive_their_activity() {
    let (_dir, mut conn) = fresh_database();
    insert_activity_with_event(&mut conn);

    let edit = conn.batch_execute("UPDATE moderation_events SET comment = 'rewritten'");
    assert!(edit.unwrap_err().to_string().contains("append-only"));
    let erase = conn.batch_execute("DELETE FROM moderation_events");
    assert!(erase.unwrap_err().to_string().contains("append-only"));

    conn.batch_execute("DELETE FROM activities WHERE id = 1")
        .unwrap();
    let title: Name = diesel::sql_query(
        "SELECT activity_title AS name FROM moderation_events WHERE activity_id IS NULL AND revision_id IS NULL",
    )
    .get_result(&mut conn)
    .unwrap();
    assert_eq!(
        title.name, "IMD 2016",
        "history keeps the title of a deleted draft"
    );
}

#[test]
fn the_schema_refuses_inconsistent_rows() {
    let (_dir, mut conn) = fresh_database();
    conn.batch_execute("PRAGMA foreign_keys = ON; INSERT INTO organizations (id, slug, name, country) VALUES (1, 'mmn', 'MMN', 'TH');").unwrap();
    for bad in [
        // A member without an organization, a secretariat with one.
        "INSERT INTO users (email, password_hash, role) VALUES ('m@x.org', 'h', 'member')",
        "INSERT INTO users (email, password_hash, role, organization_id) VALUES ('s@x.org', 'h', 'secretariat', 1)",
        "INSERT INTO users (email, password_hash, role) VALUES ('S@X.org', 'h', 'secretariat')",
        "INSERT INTO users (email, password_hash, role) VALUES ('a@x.org', 'h', 'admin')",
        "INSERT INTO organizations (slug, name, country) VALUES ('x', 'X', 'Thailand')",
        "INSERT INTO activities (slug, organization_id) VALUES ('orphan', 99)",
    ] {
        assert!(conn.batch_execute(bad).is_err(), "accepted: {bad}");
    }
}
