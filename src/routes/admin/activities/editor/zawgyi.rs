//! Burmese typed in Zawgyi, at the activity form: the save held back with a warning at each
//! such field until the member converts or keeps the text (see `crate::zawgyi` and
//! `ActivityForm::review_zawgyi`).

use actix_web::HttpResponse;
use actix_web::http::StatusCode;

use super::{ActivityFormPage, form_page, load};
use crate::activities::form::{ActivityForm, ZawgyiReview};
use crate::auth::guard::CurrentUser;
use crate::db::Db;
use crate::error::AppError;
use crate::routes::admin::activities::who;
use crate::templates::html_response;

impl ActivityFormPage {
    pub(super) fn zawgyi_warned(&self, field: &str) -> bool {
        self.zawgyi.contains(&field)
    }

    pub(super) fn zawgyi_done(&self, field: &str) -> bool {
        self.zawgyi_converted.contains(&field)
    }

    /// The ids of what describes a field: its hint (when it has one), error, Zawgyi note.
    pub(super) fn described_by(&self, field: &str, hint: bool) -> String {
        let mut ids = Vec::new();
        if hint {
            ids.push(format!("{field}-hint"));
        }
        if self.error(field).is_some() {
            ids.push(format!("{field}-error"));
        }
        if self.zawgyi_warned(field) || self.zawgyi_done(field) {
            ids.push(format!("{field}-zawgyi"));
        }
        ids.join(" ")
    }

    /// The label of a text field, to name it in the Zawgyi notices.
    pub(super) fn field_label(&self, field: &str) -> String {
        self.layout.t(match field {
            "title" => "activity-title",
            "summary" => "activity-summary",
            "body" => "activity-body",
            "location" => "activity-location",
            _ => "press-heading",
        })
    }
}

/// The form again instead of a save when Burmese in it looks like Zawgyi: with a warning at
/// each such field (422) until the member chooses, or converted to be checked (200, or 422
/// with the form's other problems). `None`: go on and save.
pub(super) async fn zawgyi_page(
    db: &Db,
    user: &CurrentUser,
    activity_id: Option<i32>,
    form: &mut ActivityForm,
) -> Result<Option<HttpResponse>, AppError> {
    let suspects = form.zawgyi_to_review();
    if suspects.is_empty() {
        return Ok(None);
    }
    // Also the object check (404) before any answer about the input.
    let stored = match activity_id {
        Some(id) => Some(load(db, who(user), id).await?.form),
        None => None,
    };
    let (warned, converted) = match form.review_zawgyi(suspects, stored.as_ref()) {
        ZawgyiReview::Save => return Ok(None),
        ZawgyiReview::Warn(fields) => (fields, Vec::new()),
        ZawgyiReview::Converted(fields) => (Vec::new(), fields),
    };
    let errors = form.validate().err().unwrap_or_default();
    let status = if warned.is_empty() && errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut page = form_page(db, user.clone(), activity_id, Some(form.clone()), &errors).await?;
    page.zawgyi = warned;
    page.zawgyi_converted = converted;
    html_response(status, &page).map(Some)
}
