//! Activities as the admin area lists them: every state, filtered, and the moderation queue.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{
    activities, activity_revisions, moderation_events, organizations, revision_categories, users,
};

/// Filters of the activities list; `None` means any.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub state: Option<String>,
    pub organization_id: Option<i32>,
    pub category_id: Option<i32>,
}

/// One row of the list.
#[derive(Debug, Clone, Queryable)]
pub struct Row {
    pub id: i32,
    pub slug: String,
    pub live: Option<i32>,
    pub number: i32,
    pub state: String,
    pub title: String,
    pub language: String,
    pub organization: String,
    pub updated_at: NaiveDateTime,
    pub submitted_at: Option<NaiveDateTime>,
}

macro_rules! listed {
    ($filter:expr) => {{
        let filter: &Filter = $filter;
        let mut q = activities::table
            .inner_join(
                activity_revisions::table.on(activity_revisions::id
                    .nullable()
                    .eq(activities::current_revision_id)),
            )
            .inner_join(organizations::table.on(organizations::id.eq(activities::organization_id)))
            .into_boxed();
        if let Some(state) = &filter.state {
            q = q.filter(activity_revisions::state.eq(state.clone()));
        }
        if let Some(id) = filter.organization_id {
            q = q.filter(activities::organization_id.eq(id));
        }
        if let Some(id) = filter.category_id {
            q = q.filter(diesel::dsl::exists(
                revision_categories::table
                    .filter(revision_categories::revision_id.eq(activity_revisions::id))
                    .filter(revision_categories::category_id.eq(id)),
            ));
        }
        q
    }};
}

pub fn count(conn: &mut SqliteConnection, filter: &Filter) -> QueryResult<i64> {
    listed!(filter).count().get_result(conn)
}

/// Newest change first; the moderation queue (state submitted) oldest submission first.
pub fn list(
    conn: &mut SqliteConnection,
    filter: &Filter,
    offset: i64,
    limit: i64,
) -> QueryResult<Vec<Row>> {
    let q = listed!(filter);
    let q = if filter.state.as_deref() == Some("submitted") {
        q.order((activity_revisions::submitted_at.asc(), activities::id.asc()))
    } else {
        q.order((activity_revisions::updated_at.desc(), activities::id.desc()))
    };
    q.offset(offset)
        .limit(limit)
        .select((
            activities::id,
            activities::slug,
            activities::live_revision_id,
            activity_revisions::number,
            activity_revisions::state,
            activity_revisions::title,
            activity_revisions::language,
            organizations::name,
            activity_revisions::updated_at,
            activity_revisions::submitted_at,
        ))
        .load(conn)
}

/// One moderation event, for an activity's timeline and the audit log.
#[derive(Debug, Clone, Queryable)]
pub struct TimelineEvent {
    pub action: String,
    pub from_state: Option<String>,
    pub to_state: Option<String>,
    pub comment: String,
    pub created_at: NaiveDateTime,
    pub actor: Option<String>,
}

pub fn timeline(conn: &mut SqliteConnection, activity_id: i32) -> QueryResult<Vec<TimelineEvent>> {
    moderation_events::table
        .left_join(users::table.on(users::id.nullable().eq(moderation_events::actor_id)))
        .filter(moderation_events::activity_id.eq(activity_id))
        .order(moderation_events::id.asc())
        .select((
            moderation_events::action,
            moderation_events::from_state,
            moderation_events::to_state,
            moderation_events::comment,
            moderation_events::created_at,
            users::email.nullable(),
        ))
        .load(conn)
}

/// A moderation event as the history page lists it.
#[derive(Debug, Clone, Queryable)]
pub struct HistoryRow {
    pub activity_id: Option<i32>,
    pub title: String,
    pub action: String,
    pub from_state: Option<String>,
    pub to_state: Option<String>,
    pub comment: String,
    pub created_at: NaiveDateTime,
    pub actor: Option<String>,
    pub organization: Option<String>,
}

/// Every moderation event, newest first, optionally of one action and one organization;
/// with the total for pagination.
pub fn history(
    conn: &mut SqliteConnection,
    action: Option<&str>,
    organization_id: Option<i32>,
    offset: i64,
    limit: i64,
) -> QueryResult<(i64, Vec<HistoryRow>)> {
    let filtered = || {
        let mut q = moderation_events::table
            .left_join(users::table.on(users::id.nullable().eq(moderation_events::actor_id)))
            .left_join(
                activities::table.on(activities::id.nullable().eq(moderation_events::activity_id)),
            )
            .left_join(organizations::table.on(organizations::id.eq(activities::organization_id)))
            .into_boxed();
        if let Some(action) = action {
            q = q.filter(moderation_events::action.eq(action.to_owned()));
        }
        if let Some(id) = organization_id {
            q = q.filter(activities::organization_id.eq(id));
        }
        q
    };
    let total = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order(moderation_events::id.desc())
        .offset(offset)
        .limit(limit)
        .select((
            moderation_events::activity_id,
            moderation_events::activity_title,
            moderation_events::action,
            moderation_events::from_state,
            moderation_events::to_state,
            moderation_events::comment,
            moderation_events::created_at,
            users::email.nullable(),
            organizations::name.nullable(),
        ))
        .load(conn)?;
    Ok((total, rows))
}
