//! The append-only history of what happened to each activity.

use diesel::prelude::*;

use crate::db::schema::moderation_events;

/// One moderation event to record.
#[derive(Debug, Insertable)]
#[diesel(table_name = moderation_events)]
pub struct NewModerationEvent<'a> {
    pub activity_id: Option<i32>,
    pub revision_id: Option<i32>,
    pub activity_title: &'a str,
    pub actor_id: Option<i32>,
    pub action: &'a str,
    pub from_state: Option<&'a str>,
    pub to_state: Option<&'a str>,
    pub comment: &'a str,
}

pub fn record(conn: &mut SqliteConnection, event: &NewModerationEvent<'_>) -> QueryResult<()> {
    diesel::insert_into(moderation_events::table)
        .values(event)
        .execute(conn)
        .map(drop)
}
