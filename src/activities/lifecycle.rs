//! Carrying out a lifecycle action: decided by `domain::lifecycle`, applied in one
//! transaction with its moderation event.

use chrono::{NaiveDateTime, Utc};
use diesel::SqliteConnection;

use super::Who;
use super::form::{FieldErrors, ValidContent, missing_for_submit};
use crate::db::models::activities::{self as acts};
use crate::db::models::moderation::{self, NewModerationEvent};
use crate::domain::lifecycle::{Action, Actor, Refusal, Situation, State, Transition, decide};
use crate::error::AppError;

/// What came with the action's form.
#[derive(Debug, Default, Clone)]
pub struct ActionInput {
    /// The revision number the form was rendered from; `None` means the current one.
    pub revision: Option<i32>,
    pub comment: String,
    /// UTC; set when the secretariat approves for a later time.
    pub publish_at: Option<NaiveDateTime>,
    pub consent: bool,
}

/// How an allowed action ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Done {
    Changed,
    Deleted,
    /// The action needs more from the form (422), by field.
    Invalid(FieldErrors),
}

fn actor(who: &Who) -> Actor {
    if who.secretariat {
        Actor::Secretariat
    } else {
        Actor::Organization
    }
}

/// Checks what the state machine says before looking at the object: a member asking for a
/// secretariat action is refused for the role (403), whatever the activity.
pub fn role_allows(who: &Who, action: Action) -> bool {
    let any = Situation {
        current: State::Submitted,
        live: None,
        ever_published: true,
    };
    State::ALL.into_iter().any(|current| {
        decide(Situation { current, ..any }, actor(who), action, false) != Err(Refusal::NotAllowed)
    })
}

/// Applies `action` to the activity, re-reading its state under the write lock.
pub fn apply(
    conn: &mut SqliteConnection,
    who: &Who,
    scheduler: bool,
    activity_id: i32,
    action: Action,
    input: &ActionInput,
) -> Result<Done, AppError> {
    let head = acts::head(conn, activity_id)?
        .filter(|h| scheduler || who.can_reach(h.organization_id))
        .ok_or(AppError::NotFound)?;
    let current_id = head.current_revision_id.ok_or(AppError::NotFound)?;
    let current = acts::revision(conn, current_id)?;
    if input.revision.is_some_and(|r| r != current.number) {
        return Err(AppError::Conflict("activity-stale-revision"));
    }
    let parse = |s: &str| {
        s.parse::<State>()
            .map_err(|e| AppError::internal(anyhow::anyhow!(e)))
    };
    let current_state = parse(&current.state)?;
    let live = match head.live_revision_id.filter(|id| *id != current_id) {
        Some(id) => Some(parse(&acts::revision(conn, id)?.state)?),
        None => None,
    };
    // An unpublished revision that is no longer current is still the one to republish.
    let unpublished_behind =
        if live.is_none() && head.published_at.is_some() && current_state != State::Unpublished {
            acts::latest_in_state(conn, activity_id, State::Unpublished.as_str())?
        } else {
            None
        };
    let situation = Situation {
        current: current_state,
        live: live.or(unpublished_behind.map(|_| State::Unpublished)),
        ever_published: head.published_at.is_some(),
    };
    let now = Utc::now().naive_utc();
    let scheduled = input.publish_at.is_some_and(|at| at > now);
    let by = if scheduler {
        Actor::Scheduler
    } else {
        actor(who)
    };
    let transition = match decide(situation, by, action, scheduled) {
        Ok(t) => t,
        Err(Refusal::NotAllowed) => return Err(AppError::Forbidden("activity-action-not-allowed")),
        Err(Refusal::WrongState) => return Err(AppError::Conflict("activity-action-wrong-state")),
    };

    // What the action needs from its form.
    let mut errors = FieldErrors::default();
    match action {
        Action::RequestChanges if input.comment.trim().is_empty() => {
            errors.add("comment", "activity-comment-required")
        }
        Action::Reject if input.comment.trim().is_empty() => {
            errors.add("comment", "activity-reason-required")
        }
        Action::Submit => {
            let content = ValidContent {
                title: current.title.clone(),
                summary: current.summary.clone(),
                body: current.body.clone(),
                categories: acts::category_slugs(conn, current_id)?,
                event_start: current.event_start,
                event_end: current.event_end,
                location: current.location.clone(),
                language: current.language.clone(),
                partners: Vec::new(),
                links: Vec::new(),
            };
            let (photos, missing_alt) = acts::photos_without_alt(conn, current_id)?;
            errors = missing_for_submit(&content, missing_alt as usize);
            if photos > 0 && !input.consent {
                errors.add("consent", "activity-consent-required");
            }
        }
        _ => {}
    }
    if !errors.is_empty() {
        return Ok(Done::Invalid(errors));
    }

    let from = current_state.as_str();
    let entry = Entry {
        activity: activity_id,
        revision: current_id,
        title: &current.title,
        actor: if scheduler { None } else { who.user_id },
        action,
        from,
        to: "",
        comment: input.comment.trim(),
    };
    let (revision_id, to) = match transition {
        Transition::Current(State::Submitted) => {
            acts::mark_submitted(conn, current_id, input.consent, now)?;
            (current_id, State::Submitted)
        }
        Transition::Current(state) => {
            acts::set_state(conn, current_id, state.as_str(), now)?;
            (current_id, state)
        }
        Transition::Approve { scheduled: true } => {
            let at = input.publish_at.unwrap_or(now);
            acts::schedule(conn, current_id, at, now)?;
            (current_id, State::Scheduled)
        }
        Transition::Approve { scheduled: false } => {
            if let Some(old) = head.live_revision_id.filter(|id| *id != current_id) {
                acts::set_state(conn, old, State::Superseded.as_str(), now)?;
            }
            acts::set_state(conn, current_id, State::Published.as_str(), now)?;
            acts::set_live(
                conn,
                activity_id,
                current_id,
                head.published_at.unwrap_or(now),
            )?;
            (current_id, State::Published)
        }
        Transition::Unpublish => {
            let target = head.live_revision_id.unwrap_or(current_id);
            acts::set_state(conn, target, State::Unpublished.as_str(), now)?;
            acts::clear_live(conn, activity_id)?;
            (target, State::Unpublished)
        }
        Transition::Republish => {
            let target = if current_state == State::Unpublished {
                current_id
            } else {
                unpublished_behind
                    .or(head.live_revision_id)
                    .unwrap_or(current_id)
            };
            acts::set_state(conn, target, State::Published.as_str(), now)?;
            acts::set_live(conn, activity_id, target, head.published_at.unwrap_or(now))?;
            (target, State::Published)
        }
        Transition::Delete => {
            let entry = Entry {
                revision: current_id,
                to: "deleted",
                comment: "",
                ..entry
            };
            record(conn, &entry)?;
            acts::delete_activity(conn, activity_id)?;
            return Ok(Done::Deleted);
        }
    };
    record(
        conn,
        &Entry {
            revision: revision_id,
            to: to.as_str(),
            ..entry
        },
    )?;
    Ok(Done::Changed)
}

/// One moderation event about to be written.
struct Entry<'a> {
    activity: i32,
    revision: i32,
    title: &'a str,
    /// `None` when the scheduler acted.
    actor: Option<i32>,
    action: Action,
    from: &'a str,
    to: &'a str,
    comment: &'a str,
}

fn record(conn: &mut SqliteConnection, e: &Entry<'_>) -> Result<(), AppError> {
    moderation::record(
        conn,
        &NewModerationEvent {
            activity_id: Some(e.activity),
            revision_id: Some(e.revision),
            activity_title: e.title,
            actor_id: e.actor,
            action: e.action.as_str(),
            from_state: Some(e.from),
            to_state: Some(e.to),
            comment: e.comment,
        },
    )?;
    Ok(())
}
