//! Activity reports: writing them, and moving them through the lifecycle of
//! `domain::lifecycle`. Every change runs in one write transaction that re-reads the state
//! it acts on, so two moderators racing on one submission get one success and one 409.

pub mod attachments;
pub mod diff;
pub mod form;
pub mod lifecycle;
pub mod notices;
pub mod photos;
pub mod scheduler;
pub mod slug;
pub mod translations;
mod write;

pub use write::{Editor, create, update};

/// Who is acting, as the activity services see it.
#[derive(Debug, Clone)]
pub struct Who {
    pub user_id: Option<i32>,
    /// `None` for the secretariat and the scheduler.
    pub organization_id: Option<i32>,
    pub secretariat: bool,
}

impl Who {
    /// May this person see and act on an activity of `organization_id`? Others get a 404.
    pub fn can_reach(&self, organization_id: i32) -> bool {
        self.secretariat || self.organization_id == Some(organization_id)
    }
}
