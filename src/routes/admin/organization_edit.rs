//! `/admin/organizations/{id}`: the secretariat edits an organization, changes its logo,
//! deactivates or reactivates it.

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::forms::{FieldMessages, SAVED, object_id, was_saved};
use super::logo_upload::{LogoView, organization_with_logo, read_logo};
use super::organizations::{CountryOption, country_options};
use super::{actor, see_other};
use crate::auth::guard::CurrentUser;
use crate::config::Site;
use crate::db::Db;
use crate::db::models::organizations::Organization;
use crate::error::AppError;
use crate::management::FieldErrors;
use crate::management::logo::{LogoRefusal, set_logo};
use crate::management::organizations::{
    OrganizationFields, set_organization_active, update_organization as update,
};
use crate::media::store::MediaStore;
use crate::routes::form;
use crate::templates::{Layout, html_response};

#[derive(Template)]
#[template(path = "admin/organization_edit.html")]
pub struct OrganizationEditPage {
    layout: Layout,
    user: CurrentUser,
    organization: Organization,
    logo: Option<LogoView>,
    logo_action: String,
    logo_error: Option<String>,
    countries: Vec<CountryOption>,
    form: OrganizationFields,
    errors: FieldMessages,
    saved: bool,
}

/// What a refused form or upload needs besides the stored organization.
#[derive(Default)]
struct Refused {
    form: Option<OrganizationFields>,
    errors: FieldErrors,
    logo: Option<LogoRefusal>,
}

async fn page(
    db: &Db,
    user: CurrentUser,
    id: i32,
    refused: Refused,
    saved: bool,
) -> Result<OrganizationEditPage, AppError> {
    let (organization, logo) = organization_with_logo(db, id).await?;
    let layout = Layout::for_user(&user);
    let form = refused.form.unwrap_or_else(|| OrganizationFields {
        name: organization.name.clone(),
        slug: organization.slug.clone(),
        country: organization.country.clone(),
        website: organization.website.clone().unwrap_or_default(),
        profile: organization.profile.clone(),
    });
    Ok(OrganizationEditPage {
        countries: country_options(&layout),
        errors: FieldMessages::new(&refused.errors, &layout),
        logo_error: refused.logo.map(|r| layout.t(r.message_id())),
        logo_action: format!("/admin/organizations/{id}/logo"),
        layout,
        user,
        organization,
        logo,
        form,
        saved,
    })
}

fn edited(id: i32) -> HttpResponse {
    see_other(&format!("/admin/organizations/{id}?{SAVED}"))
}

pub async fn edit_organization(
    req: HttpRequest,
    path: web::Path<String>,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let id = object_id(&path)?;
    let page = page(
        &db,
        user.into_inner(),
        id,
        Refused::default(),
        was_saved(&req),
    )
    .await?;
    html_response(StatusCode::OK, &page)
}

pub async fn update_organization(
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
    site: web::Data<Site>,
) -> Result<HttpResponse, AppError> {
    let id = object_id(&path)?;
    let fields: OrganizationFields = form::parse(&body);
    let user = user.into_inner();
    match update(&db, actor(&req, &user, &site), id, fields.clone()).await? {
        Ok(()) => Ok(edited(id)),
        Err(errors) => {
            let refused = Refused {
                form: Some(fields),
                errors,
                logo: None,
            };
            html_response(
                StatusCode::UNPROCESSABLE_ENTITY,
                &page(&db, user, id, refused, false).await?,
            )
        }
    }
}

/// `POST /admin/organizations/{id}/logo` (multipart, field `logo`).
pub async fn upload_logo(
    req: HttpRequest,
    path: web::Path<String>,
    multipart: Multipart,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
    store: web::Data<MediaStore>,
    site: web::Data<Site>,
) -> Result<HttpResponse, AppError> {
    let id = object_id(&path)?;
    // An unknown organization is a 404 before a byte of the file is read.
    organization_with_logo(&db, id).await?;
    let user = user.into_inner();
    let refusal = match read_logo(multipart).await {
        Ok(bytes) => match set_logo(&db, &store, actor(&req, &user, &site), id, bytes).await? {
            Ok(()) => return Ok(edited(id)),
            Err(refusal) => refusal,
        },
        Err(refusal) => refusal,
    };
    let refused = Refused {
        logo: Some(refusal),
        ..Refused::default()
    };
    html_response(
        StatusCode::UNPROCESSABLE_ENTITY,
        &page(&db, user, id, refused, false).await?,
    )
}

async fn set_active(
    req: HttpRequest,
    path: web::Path<String>,
    user: CurrentUser,
    db: web::Data<Db>,
    site: web::Data<Site>,
    active: bool,
) -> Result<HttpResponse, AppError> {
    let id = object_id(&path)?;
    set_organization_active(&db, actor(&req, &user, &site), id, active).await?;
    Ok(edited(id))
}

/// Deactivates the organization: its accounts are logged out at once and kept out.
pub async fn deactivate_organization(
    req: HttpRequest,
    path: web::Path<String>,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
    site: web::Data<Site>,
) -> Result<HttpResponse, AppError> {
    set_active(req, path, user.into_inner(), db, site, false).await
}

pub async fn reactivate_organization(
    req: HttpRequest,
    path: web::Path<String>,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
    site: web::Data<Site>,
) -> Result<HttpResponse, AppError> {
    set_active(req, path, user.into_inner(), db, site, true).await
}
