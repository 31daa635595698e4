//! Black-box tests: a real server on a random port, a real SQLite file in a temp dir, real
//! HTTP. One binary, so it links once.

mod browser;
mod helpers;
mod process;
mod real_portal;
mod sessions;
mod tools;

mod accounts;
mod admin_pages;
mod attachments;
mod auth;
mod backup;
mod command_line;
mod crash;
mod demo;
mod disk_full;
mod error_pages;
mod feeds;
mod fixtures;
mod fonts;
mod health;
mod hostile;
mod languages;
mod lifecycle;
mod limits;
mod locking;
mod media_cleanup;
mod migrations;
mod notifications;
mod page_cache;
mod photos;
mod pragmas;
mod public_pages;
mod restore;
mod search;
mod shutdown;
mod zawgyi;

/// A count from the test's database, for assertions.
pub fn helpers_count(app: &helpers::TestApp, sql: &str) -> i64 {
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    diesel::sql_query(sql)
        .get_result::<N>(&mut *app.db.read_conn().unwrap())
        .unwrap()
        .n
}
