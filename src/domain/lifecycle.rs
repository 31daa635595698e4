//! The lifecycle of an activity, as one state machine: every handler and the scheduler ask
//! it whether an action is allowed now, and by whom, and what comes next.
//!
//! States belong to revisions. The *current* revision is the one being written or
//! moderated; a published activity may also have a *live* revision that stays public while a
//! newer one is edited and reviewed (see DESIGN.md, "Lifecycle of an activity").

use std::fmt;
use std::str::FromStr;

/// The state of a revision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum State {
    Draft,
    Submitted,
    ChangesRequested,
    Rejected,
    Scheduled,
    Published,
    Unpublished,
    /// A published revision replaced by a newer approved one.
    Superseded,
}

impl State {
    pub const ALL: [State; 8] = [
        State::Draft,
        State::Submitted,
        State::ChangesRequested,
        State::Rejected,
        State::Scheduled,
        State::Published,
        State::Unpublished,
        State::Superseded,
    ];

    /// The value stored in `activity_revisions.state`.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Draft => "draft",
            State::Submitted => "submitted",
            State::ChangesRequested => "changes_requested",
            State::Rejected => "rejected",
            State::Scheduled => "scheduled",
            State::Published => "published",
            State::Unpublished => "unpublished",
            State::Superseded => "superseded",
        }
    }

    /// Whether the content may be edited in place (otherwise an edit starts a new revision,
    /// or must wait for a decision).
    pub fn is_editable(self) -> bool {
        matches!(self, State::Draft | State::ChangesRequested)
    }
}

impl FromStr for State {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        State::ALL
            .into_iter()
            .find(|state| state.as_str() == s)
            .ok_or_else(|| format!("unknown state {s:?}"))
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What can be done to an activity (the last segment of `/admin/activities/{id}/{action}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Submit,
    Delete,
    Withdraw,
    Approve,
    RequestChanges,
    Reject,
    Reopen,
    Unpublish,
    Republish,
    /// The scheduler: a scheduled revision's time has come.
    PublishScheduled,
}

impl Action {
    pub const ALL: [Action; 10] = [
        Action::Submit,
        Action::Delete,
        Action::Withdraw,
        Action::Approve,
        Action::RequestChanges,
        Action::Reject,
        Action::Reopen,
        Action::Unpublish,
        Action::Republish,
        Action::PublishScheduled,
    ];

    /// The route segment and the name in moderation events.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Delete => "delete",
            Action::Withdraw => "withdraw",
            Action::Approve => "approve",
            Action::RequestChanges => "request-changes",
            Action::Reject => "reject",
            Action::Reopen => "reopen",
            Action::Unpublish => "unpublish",
            Action::Republish => "republish",
            Action::PublishScheduled => "publish-scheduled",
        }
    }

    /// Actions a person can ask for through a route (the scheduler's is not one).
    pub fn from_route(segment: &str) -> Option<Action> {
        Action::ALL
            .into_iter()
            .filter(|a| *a != Action::PublishScheduled)
            .find(|a| a.as_str() == segment)
    }
}

/// Who acts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    /// A member of the activity's own organization (others never get this far: 404).
    Organization,
    Secretariat,
    Scheduler,
}

/// Why an action is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// This actor may never do this (403).
    NotAllowed,
    /// Not in the activity's present state (409).
    WrongState,
}

/// What the state machine looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Situation {
    /// The state of the current revision.
    pub current: State,
    /// The state of the live revision, when the activity has one apart from the current.
    pub live: Option<State>,
    /// Whether the activity was ever published (a never-published draft may be deleted).
    pub ever_published: bool,
}

/// The outcome of an allowed action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transition {
    /// The current revision moves to this state.
    Current(State),
    /// The live revision (current or not) moves to this state and stops being public.
    Unpublish,
    /// The unpublished revision becomes public again.
    Republish,
    /// Approval: published now (the previous live revision is superseded) or scheduled.
    Approve { scheduled: bool },
    /// The activity and its files are removed.
    Delete,
}

/// Whether `actor` may do `action` in `situation`, and what follows. `scheduled` tells an
/// approval whether it has a future publication time.
pub fn decide(
    situation: Situation,
    actor: Actor,
    action: Action,
    scheduled: bool,
) -> Result<Transition, Refusal> {
    use Action as A;
    use Actor::*;
    use State as S;
    let allowed_actor = match action {
        A::Submit | A::Delete | A::Reopen => matches!(actor, Organization | Secretariat),
        A::Withdraw => actor == Organization,
        A::Approve | A::RequestChanges | A::Reject | A::Unpublish | A::Republish => {
            actor == Secretariat
        }
        A::PublishScheduled => actor == Scheduler,
    };
    if !allowed_actor {
        return Err(Refusal::NotAllowed);
    }
    let current = situation.current;
    let public = current == S::Published || situation.live == Some(S::Published);
    match action {
        A::Submit if current.is_editable() => Ok(Transition::Current(S::Submitted)),
        A::Delete if current == S::Draft && !situation.ever_published => Ok(Transition::Delete),
        A::Withdraw if current == S::Submitted => Ok(Transition::Current(S::Draft)),
        A::Approve if current == S::Submitted => Ok(Transition::Approve { scheduled }),
        A::RequestChanges if current == S::Submitted => {
            Ok(Transition::Current(S::ChangesRequested))
        }
        A::Reject if current == S::Submitted => Ok(Transition::Current(S::Rejected)),
        A::Reopen if current == S::Rejected => Ok(Transition::Current(S::Draft)),
        A::Unpublish if public || current == S::Scheduled => Ok(Transition::Unpublish),
        A::Republish if current == S::Unpublished || situation.live == Some(S::Unpublished) => {
            Ok(Transition::Republish)
        }
        A::PublishScheduled if current == S::Scheduled => {
            Ok(Transition::Approve { scheduled: false })
        }
        _ => Err(Refusal::WrongState),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn only(current: State) -> Situation {
        Situation {
            current,
            live: None,
            ever_published: false,
        }
    }

    /// Every row of the lifecycle table of DESIGN.md, and nothing else, is allowed.
    #[test]
    fn the_design_table_and_nothing_else() {
        use Action as A;
        use Actor::*;
        use State as S;
        let allowed: Vec<(State, Actor, Action, Transition)> = vec![
            (
                S::Draft,
                Organization,
                A::Submit,
                Transition::Current(S::Submitted),
            ),
            (
                S::Draft,
                Secretariat,
                A::Submit,
                Transition::Current(S::Submitted),
            ),
            (S::Draft, Organization, A::Delete, Transition::Delete),
            (S::Draft, Secretariat, A::Delete, Transition::Delete),
            (
                S::Submitted,
                Organization,
                A::Withdraw,
                Transition::Current(S::Draft),
            ),
            (
                S::Submitted,
                Secretariat,
                A::Approve,
                Transition::Approve { scheduled: false },
            ),
            (
                S::Submitted,
                Secretariat,
                A::RequestChanges,
                Transition::Current(S::ChangesRequested),
            ),
            (
                S::Submitted,
                Secretariat,
                A::Reject,
                Transition::Current(S::Rejected),
            ),
            (
                S::ChangesRequested,
                Organization,
                A::Submit,
                Transition::Current(S::Submitted),
            ),
            (
                S::ChangesRequested,
                Secretariat,
                A::Submit,
                Transition::Current(S::Submitted),
            ),
            (
                S::Rejected,
                Organization,
                A::Reopen,
                Transition::Current(S::Draft),
            ),
            (
                S::Rejected,
                Secretariat,
                A::Reopen,
                Transition::Current(S::Draft),
            ),
            (
                S::Scheduled,
                Scheduler,
                A::PublishScheduled,
                Transition::Approve { scheduled: false },
            ),
            (
                S::Scheduled,
                Secretariat,
                A::Unpublish,
                Transition::Unpublish,
            ),
            (
                S::Published,
                Secretariat,
                A::Unpublish,
                Transition::Unpublish,
            ),
            (
                S::Unpublished,
                Secretariat,
                A::Republish,
                Transition::Republish,
            ),
        ];
        for state in State::ALL {
            for actor in [Organization, Secretariat, Scheduler] {
                for action in Action::ALL {
                    let expected = allowed
                        .iter()
                        .find(|(s, a, act, _)| *s == state && *a == actor && *act == action)
                        .map(|(.., t)| *t);
                    let got = decide(only(state), actor, action, false).ok();
                    assert_eq!(got, expected, "{state} {actor:?} {action:?}");
                }
            }
        }
    }

    #[test]
    fn refusals_tell_role_from_state() {
        assert_eq!(
            decide(
                only(State::Submitted),
                Actor::Organization,
                Action::Approve,
                false
            ),
            Err(Refusal::NotAllowed)
        );
        assert_eq!(
            decide(
                only(State::Draft),
                Actor::Secretariat,
                Action::Approve,
                false
            ),
            Err(Refusal::WrongState)
        );
    }

    #[test]
    fn a_published_activity_under_revision_can_still_be_unpublished() {
        let editing = Situation {
            current: State::Submitted,
            live: Some(State::Published),
            ever_published: true,
        };
        assert_eq!(
            decide(editing, Actor::Secretariat, Action::Unpublish, false),
            Ok(Transition::Unpublish)
        );
        assert_eq!(
            decide(editing, Actor::Secretariat, Action::Approve, true),
            Ok(Transition::Approve { scheduled: true })
        );
        let draft_of_published = Situation {
            current: State::Draft,
            live: Some(State::Published),
            ever_published: true,
        };
        assert_eq!(
            decide(
                draft_of_published,
                Actor::Organization,
                Action::Delete,
                false
            ),
            Err(Refusal::WrongState),
            "published once: history stays"
        );
    }

    #[test]
    fn states_round_trip() {
        for state in State::ALL {
            assert_eq!(state.as_str().parse::<State>(), Ok(state));
        }
        assert_eq!(
            Action::from_route("request-changes"),
            Some(Action::RequestChanges)
        );
        assert_eq!(
            Action::from_route("publish-scheduled"),
            None,
            "only the scheduler publishes on time"
        );
    }
}
