//! Server-side session rows. `id` is the SHA-256 of the cookie's key, never the key.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::sessions;

/// A live session as loaded.
#[derive(Debug, Queryable)]
pub struct SessionRow {
    pub state: String,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

pub fn find(conn: &mut SqliteConnection, id: &str) -> QueryResult<Option<SessionRow>> {
    sessions::table
        .find(id)
        .select((
            sessions::state,
            sessions::created_at,
            sessions::last_seen_at,
            sessions::expires_at,
        ))
        .first(conn)
        .optional()
}

pub struct NewSession<'a> {
    pub id: &'a str,
    pub user_id: Option<i32>,
    pub state: &'a str,
    pub now: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

pub fn insert(conn: &mut SqliteConnection, s: &NewSession<'_>) -> QueryResult<()> {
    diesel::insert_into(sessions::table)
        .values((
            sessions::id.eq(s.id),
            sessions::user_id.eq(s.user_id),
            sessions::state.eq(s.state),
            sessions::created_at.eq(s.now),
            sessions::last_seen_at.eq(s.now),
            sessions::expires_at.eq(s.expires_at),
        ))
        .execute(conn)
        .map(drop)
}

/// Replaces the state of session `id`; false when it no longer exists.
pub fn update_state(
    conn: &mut SqliteConnection,
    id: &str,
    user_id: Option<i32>,
    state: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(sessions::table.find(id))
        .set((
            sessions::user_id.eq(user_id),
            sessions::state.eq(state),
            sessions::last_seen_at.eq(now),
        ))
        .execute(conn)
        .map(|n| n > 0)
}

pub fn touch(conn: &mut SqliteConnection, id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(sessions::table.find(id))
        .set(sessions::last_seen_at.eq(now))
        .execute(conn)
        .map(drop)
}

pub fn delete(conn: &mut SqliteConnection, id: &str) -> QueryResult<()> {
    diesel::delete(sessions::table.find(id))
        .execute(conn)
        .map(drop)
}

/// Ends every session of a user (deactivation, password reset).
pub fn delete_for_user(conn: &mut SqliteConnection, user_id: i32) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::user_id.eq(user_id))).execute(conn)
}

/// Removes sessions past their absolute expiry or idle for longer than allowed.
pub fn delete_expired(
    conn: &mut SqliteConnection,
    now: NaiveDateTime,
    idle_since: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::delete(
        sessions::table.filter(
            sessions::expires_at
                .le(now)
                .or(sessions::last_seen_at.lt(idle_since)),
        ),
    )
    .execute(conn)
}
