//! `/admin/activities`: members write reports; the secretariat reviews and publishes.

mod actions;
mod editor;
mod history;
mod list;
mod preview;

pub use actions::*;
pub use editor::{
    PhotoProblem, create_activity, edit_activity_form, new_activity_form, photo_problem_page,
    update_activity,
};
pub use history::moderation_history;
pub use list::{list_activities, moderation_queue};
pub use preview::preview_activity;

use super::id_of;
use crate::activities::Who;
use crate::auth::guard::CurrentUser;

pub fn who(user: &CurrentUser) -> Who {
    Who {
        user_id: Some(user.id),
        organization_id: user.organization_id,
        secretariat: user.is_secretariat(),
    }
}
