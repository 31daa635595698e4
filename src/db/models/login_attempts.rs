//! Login attempts, for throttling; kept a day.

use chrono::NaiveDateTime;
use diesel::dsl::max;
use diesel::prelude::*;

use crate::db::schema::login_attempts;

pub fn record(
    conn: &mut SqliteConnection,
    email: &str,
    client_ip: &str,
    succeeded: bool,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(login_attempts::table)
        .values((
            login_attempts::email.eq(email),
            login_attempts::client_ip.eq(client_ip),
            login_attempts::succeeded.eq(succeeded),
            login_attempts::attempted_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// Failures for `email` since `since` and after its last success (a success resets the
/// count).
pub fn failures_for_email(
    conn: &mut SqliteConnection,
    email: &str,
    since: NaiveDateTime,
) -> QueryResult<i64> {
    let last_success: Option<NaiveDateTime> = login_attempts::table
        .filter(login_attempts::email.eq(email))
        .filter(login_attempts::succeeded.eq(true))
        .select(max(login_attempts::attempted_at))
        .first(conn)?;
    let from = last_success.map_or(since, |s| s.max(since));
    login_attempts::table
        .filter(login_attempts::email.eq(email))
        .filter(login_attempts::succeeded.eq(false))
        .filter(login_attempts::attempted_at.gt(from))
        .count()
        .get_result(conn)
}

/// Failures from one client address since `since`.
pub fn failures_for_ip(
    conn: &mut SqliteConnection,
    client_ip: &str,
    since: NaiveDateTime,
) -> QueryResult<i64> {
    login_attempts::table
        .filter(login_attempts::client_ip.eq(client_ip))
        .filter(login_attempts::succeeded.eq(false))
        .filter(login_attempts::attempted_at.gt(since))
        .count()
        .get_result(conn)
}

pub fn prune(conn: &mut SqliteConnection, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(login_attempts::table.filter(login_attempts::attempted_at.lt(before)))
        .execute(conn)
}
