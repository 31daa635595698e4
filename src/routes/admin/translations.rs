//! An activity's translations: the set it belongs to, linking it to an original, and
//! leaving the set. Access first (404 for another organization's activity), then the input
//! (422, the page again with the typed address and the problem at its field).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::activities::who;
use super::id_of;
use super::see_other;
use crate::activities::translations::{self as service, TranslationSet};
use crate::auth::guard::CurrentUser;
use crate::db::Db;
use crate::error::AppError;
use crate::routes::form;
use crate::templates::{Layout, html_response};

fn set_page(activity_id: i32) -> String {
    format!("/admin/activities/{activity_id}/translations")
}

/// A member of the set as the page lists it.
pub struct MemberView {
    pub title: String,
    pub language: String,
    pub language_name: String,
    pub organization_name: String,
    pub edit_url: String,
    pub public_url: Option<String>,
    pub is_original: bool,
    pub is_this: bool,
}

#[derive(Template)]
#[template(path = "admin/translations.html")]
pub struct TranslationsPage {
    layout: Layout,
    user: CurrentUser,
    activity_id: i32,
    title: String,
    members: Vec<MemberView>,
    /// What was typed in the link form, and why it was refused.
    original: String,
    error: Option<String>,
}

fn page(
    user: CurrentUser,
    set: TranslationSet,
    original: String,
    error: Option<&str>,
) -> TranslationsPage {
    let layout = Layout::for_user(&user);
    let members = if set.members.len() > 1 {
        set.members
    } else {
        Vec::new()
    };
    TranslationsPage {
        members: members
            .into_iter()
            .map(|m| MemberView {
                language_name: layout.language_name(&m.language),
                edit_url: format!("/admin/activities/{}/edit", m.id),
                public_url: m.live.then(|| format!("/activities/{}", m.slug)),
                is_original: m.translation_of.is_none(),
                is_this: m.id == set.activity_id,
                title: m.title,
                language: m.language,
                organization_name: m.organization_name,
            })
            .collect(),
        activity_id: set.activity_id,
        title: set.title,
        error: error.map(|id| layout.t(id)),
        original,
        layout,
        user,
    }
}

/// `GET /admin/activities/{id}/translations`.
pub async fn show_translations(
    path: web::Path<String>,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let id = id_of(&path)?;
    let user = user.into_inner();
    let set = service::set_of(&db, who(&user), id).await?;
    html_response(StatusCode::OK, &page(user, set, String::new(), None))
}

#[derive(Default, Deserialize)]
struct LinkForm {
    #[serde(default)]
    original: String,
}

/// `POST /admin/activities/{id}/translations`: `original`, the address or short name of the
/// activity this one translates.
pub async fn link_translation(
    path: web::Path<String>,
    body: web::Bytes,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let id = id_of(&path)?;
    let user = user.into_inner();
    let typed: LinkForm = form::parse(&body);
    let original = typed.original.trim().to_owned();
    let refusal = if original.is_empty() {
        // Checked for access like any other answer, so an empty form reveals nothing.
        service::set_of(&db, who(&user), id).await?;
        Some("translations-original-required")
    } else {
        service::link(&db, who(&user), id, original.clone())
            .await?
            .err()
            .map(|r| r.message())
    };
    match refusal {
        None => Ok(see_other(&set_page(id))),
        Some(message) => {
            let set = service::set_of(&db, who(&user), id).await?;
            let page = page(user, set, original, Some(message));
            html_response(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}

/// `POST /admin/activities/{id}/translations/leave`: takes the activity out of its set.
pub async fn leave_translations(
    path: web::Path<String>,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let id = id_of(&path)?;
    let user = user.into_inner();
    service::unlink(&db, who(&user), id).await?;
    Ok(see_other(&set_page(id)))
}
