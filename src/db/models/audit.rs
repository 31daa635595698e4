//! The append-only audit log of account and structure changes.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::audit_events;

/// One event to record.
#[derive(Debug, Default, Insertable)]
#[diesel(table_name = audit_events)]
pub struct NewAuditEvent<'a> {
    pub actor_id: Option<i32>,
    pub actor_email: &'a str,
    pub action: &'a str,
    pub target_type: &'a str,
    pub target_id: Option<i32>,
    pub detail: &'a str,
    pub client_ip: &'a str,
}

pub fn record(conn: &mut SqliteConnection, event: &NewAuditEvent<'_>) -> QueryResult<()> {
    diesel::insert_into(audit_events::table)
        .values(event)
        .execute(conn)
        .map(drop)
}

/// An event as the audit page lists it.
#[derive(Debug, Queryable)]
pub struct AuditEvent {
    pub id: i32,
    pub actor_email: String,
    pub action: String,
    pub target_type: String,
    pub target_id: Option<i32>,
    pub detail: String,
    pub client_ip: String,
    pub created_at: NaiveDateTime,
}

/// Newest first, optionally only one action; with the total for pagination.
pub fn list(
    conn: &mut SqliteConnection,
    action: Option<&str>,
    offset: i64,
    limit: i64,
) -> QueryResult<(i64, Vec<AuditEvent>)> {
    let filtered = || {
        let mut q = audit_events::table.into_boxed();
        if let Some(action) = action {
            q = q.filter(audit_events::action.eq(action.to_owned()));
        }
        q
    };
    let total = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order(audit_events::id.desc())
        .offset(offset)
        .limit(limit)
        .select((
            audit_events::id,
            audit_events::actor_email,
            audit_events::action,
            audit_events::target_type,
            audit_events::target_id,
            audit_events::detail,
            audit_events::client_ip,
            audit_events::created_at,
        ))
        .load(conn)?;
    Ok((total, rows))
}
