//! `/admin/organizations`: the secretariat's list of member organizations and the form that
//! creates one.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::forms::{FieldMessages, SAVED};
use super::{actor, see_other};
use crate::auth::guard::CurrentUser;
use crate::config::Site;
use crate::db::Db;
use crate::db::models::organizations::{self, Organization};
use crate::error::AppError;
use crate::management::FieldErrors;
use crate::management::organizations::{
    OrganizationFields, REGION_COUNTRIES, create_organization as create,
};
use crate::routes::form;
use crate::templates::{Layout, html_response};

/// A country in the form's select.
pub struct CountryOption {
    pub code: &'static str,
    pub name: String,
}

/// The region's countries, named in the page's language.
pub fn country_options(layout: &Layout) -> Vec<CountryOption> {
    REGION_COUNTRIES
        .iter()
        .map(|&code| CountryOption {
            code,
            name: layout.country_name(code),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "admin/organizations.html")]
pub struct OrganizationsPage {
    layout: Layout,
    user: CurrentUser,
    organizations: Vec<(Organization, i64)>,
    countries: Vec<CountryOption>,
    form: OrganizationFields,
    errors: FieldMessages,
}

async fn page(
    db: &Db,
    user: CurrentUser,
    form: OrganizationFields,
    errors: &FieldErrors,
) -> Result<OrganizationsPage, AppError> {
    let organizations = db
        .read(|conn| Ok(organizations::list_with_account_counts(conn)?))
        .await?;
    let layout = Layout::for_user(&user);
    Ok(OrganizationsPage {
        countries: country_options(&layout),
        errors: FieldMessages::new(errors, &layout),
        layout,
        user,
        organizations,
        form,
    })
}

pub async fn list_organizations(
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let page = page(
        &db,
        user.into_inner(),
        OrganizationFields::default(),
        &FieldErrors::default(),
    )
    .await?;
    html_response(StatusCode::OK, &page)
}

/// Creates the organization and goes to its page, where the logo can be added next.
pub async fn create_organization(
    req: HttpRequest,
    body: web::Bytes,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
    site: web::Data<Site>,
) -> Result<HttpResponse, AppError> {
    let fields: OrganizationFields = form::parse(&body);
    let user = user.into_inner();
    match create(&db, actor(&req, &user, &site), fields.clone()).await? {
        Ok(id) => Ok(see_other(&format!("/admin/organizations/{id}?{SAVED}"))),
        Err(errors) => html_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            &page(&db, user, fields, &errors).await?,
        ),
    }
}
