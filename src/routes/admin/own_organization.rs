//! `/admin/organization`: a member keeps their own organization's website, profile and
//! logo. The secretariat keeps the name, slug and country; a secretariat account has no
//! organization of its own, so the page does not exist for it (404).

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::forms::{FieldMessages, SAVED, was_saved};
use super::logo_upload::{LogoView, organization_with_logo, read_logo};
use super::{actor, see_other};
use crate::auth::guard::CurrentUser;
use crate::config::Site;
use crate::db::Db;
use crate::db::models::organizations::Organization;
use crate::error::AppError;
use crate::management::FieldErrors;
use crate::management::logo::{LogoRefusal, set_logo};
use crate::management::organizations::{ProfileFields, update_profile};
use crate::media::store::MediaStore;
use crate::routes::form;
use crate::templates::{Layout, html_response};

const PATH: &str = "/admin/organization";

#[derive(Template)]
#[template(path = "admin/organization_own.html")]
pub struct OwnOrganizationPage {
    layout: Layout,
    user: CurrentUser,
    organization: Organization,
    logo: Option<LogoView>,
    logo_action: String,
    logo_error: Option<String>,
    form: ProfileFields,
    errors: FieldMessages,
    saved: bool,
}

/// The account's own organization: never taken from the request, so a member can reach
/// no other.
fn own_id(user: &CurrentUser) -> Result<i32, AppError> {
    user.organization_id.ok_or(AppError::NotFound)
}

async fn page(
    db: &Db,
    user: CurrentUser,
    form: Option<ProfileFields>,
    errors: &FieldErrors,
    logo_refusal: Option<LogoRefusal>,
    saved: bool,
) -> Result<OwnOrganizationPage, AppError> {
    let (organization, logo) = organization_with_logo(db, own_id(&user)?).await?;
    let layout = Layout::for_user(&user);
    let form = form.unwrap_or_else(|| ProfileFields {
        website: organization.website.clone().unwrap_or_default(),
        profile: organization.profile.clone(),
    });
    Ok(OwnOrganizationPage {
        errors: FieldMessages::new(errors, &layout),
        logo_error: logo_refusal.map(|r| layout.t(r.message_id())),
        logo_action: format!("{PATH}/logo"),
        layout,
        user,
        organization,
        logo,
        form,
        saved,
    })
}

pub async fn show_own_organization(
    req: HttpRequest,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let page = page(
        &db,
        user.into_inner(),
        None,
        &FieldErrors::default(),
        None,
        was_saved(&req),
    )
    .await?;
    html_response(StatusCode::OK, &page)
}

/// Saves the website and profile; any other field sent (name, slug, country) is ignored.
pub async fn update_own_organization(
    req: HttpRequest,
    body: web::Bytes,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
    site: web::Data<Site>,
) -> Result<HttpResponse, AppError> {
    let user = user.into_inner();
    let id = own_id(&user)?;
    let fields: ProfileFields = form::parse(&body);
    match update_profile(&db, actor(&req, &user, &site), id, fields.clone()).await? {
        Ok(()) => Ok(see_other(&format!("{PATH}?{SAVED}"))),
        Err(errors) => html_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            &page(&db, user, Some(fields), &errors, None, false).await?,
        ),
    }
}

/// `POST /admin/organization/logo` (multipart, field `logo`).
pub async fn upload_own_logo(
    req: HttpRequest,
    multipart: Multipart,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
    store: web::Data<MediaStore>,
    site: web::Data<Site>,
) -> Result<HttpResponse, AppError> {
    let user = user.into_inner();
    let id = own_id(&user)?;
    let refusal = match read_logo(multipart).await {
        Ok(bytes) => match set_logo(&db, &store, actor(&req, &user, &site), id, bytes).await? {
            Ok(()) => return Ok(see_other(&format!("{PATH}?{SAVED}"))),
            Err(refusal) => refusal,
        },
        Err(refusal) => refusal,
    };
    let page = page(
        &db,
        user,
        None,
        &FieldErrors::default(),
        Some(refusal),
        false,
    )
    .await?;
    html_response(StatusCode::UNPROCESSABLE_ENTITY, &page)
}
