//! `POST /admin/activities/{id}/{action}`: the lifecycle actions.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use super::editor::{form_page, load};
use super::{id_of, who};
use crate::activities::form::FieldErrors;
use crate::activities::lifecycle::{self, ActionInput, Done};
use crate::activities::notices;
use crate::auth::guard::CurrentUser;
use crate::config::Site;
use crate::db::Db;
use crate::domain::lifecycle::Action;
use crate::error::AppError;
use crate::notify::Mailer;
use crate::routes::admin::see_other;
use crate::routes::form;
use crate::templates::html_response;

#[derive(Default, serde::Deserialize)]
struct ActionForm {
    #[serde(default)]
    revision: String,
    #[serde(default)]
    comment: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    publish_at: String,
    #[serde(default)]
    consent: String,
}

/// `POST /admin/activities/{id}/{action}`, for every lifecycle action.
pub async fn act(
    mailer: &Mailer,
    id: &str,
    action: Action,
    body: &[u8],
    user: CurrentUser,
    db: &Db,
    site: &Site,
) -> Result<HttpResponse, AppError> {
    let w = who(&user);
    // The role is checked before the object: a member never learns whether it exists.
    if !lifecycle::role_allows(&w, action) {
        return Err(AppError::Forbidden("activity-action-not-allowed"));
    }
    let id = id_of(id)?;
    let f: ActionForm = form::parse(body);
    let mut errors = FieldErrors::default();
    let publish_at = match f.publish_at.trim() {
        "" => None,
        // Browsers send minutes; seconds are accepted too.
        text => match chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
            .or_else(|_| chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        {
            Ok(local) => {
                use chrono::TimeZone;
                site.timezone
                    .from_local_datetime(&local)
                    .earliest()
                    .map(|t| t.naive_utc())
            }
            Err(_) => {
                errors.add("publish_at", "activity-publish-at-invalid");
                None
            }
        },
    };
    let revision = match f.revision.trim() {
        "" => None,
        text => Some(
            text.parse::<i32>()
                .map_err(|_| AppError::Conflict("activity-stale-revision"))?,
        ),
    };
    let comment = if action == Action::Reject {
        f.reason
    } else {
        f.comment
    };
    let input = ActionInput {
        revision,
        comment: comment.clone(),
        publish_at,
        consent: f.consent == "yes",
    };
    let outcome = if errors.is_empty() {
        let w = w.clone();
        db.write(move |conn| lifecycle::apply(conn, &w, false, id, action, &input))
            .await?
    } else {
        // The object must exist for this person before the form is judged.
        load(db, w, id).await?;
        Done::Invalid(errors)
    };
    match outcome {
        Done::Changed => {
            // After the commit, and never failing the request: mail is a courtesy.
            if let Err(e) = notices::after(db, mailer, site, id, action, &comment).await {
                tracing::warn!(error = %e, "could not queue a notification");
            }
            Ok(see_other(&format!("/admin/activities/{id}/edit")))
        }
        Done::Deleted => Ok(see_other("/admin/activities")),
        Done::Invalid(errors) => html_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            &form_page(db, user, Some(id), None, &errors).await?,
        ),
    }
}

macro_rules! action_handlers {
    ($($name:ident => $action:expr;)*) => {$(
        pub async fn $name(mailer: web::Data<Mailer>, path: web::Path<String>, body: web::Bytes, user: web::ReqData<CurrentUser>, db: web::Data<Db>, site: web::Data<Site>) -> Result<HttpResponse, AppError> {
            act(&mailer, &path, $action, &body, user.into_inner(), &db, &site).await
        }
    )*};
}

action_handlers! {
    submit_activity => Action::Submit;
    delete_activity => Action::Delete;
    withdraw_activity => Action::Withdraw;
    approve_activity => Action::Approve;
    request_changes => Action::RequestChanges;
    reject_activity => Action::Reject;
    reopen_activity => Action::Reopen;
    unpublish_activity => Action::Unpublish;
    republish_activity => Action::Republish;
}
