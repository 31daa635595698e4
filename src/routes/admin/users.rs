//! `/admin/users`: the secretariat creates accounts, resets passwords and deactivates.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::id_of;
use super::{actor, see_other};
use crate::accounts::OneTimeCredentials;
use crate::accounts::manage::{self, AccountErrors, NewAccount};
use crate::auth::guard::CurrentUser;
use crate::config::Site;
use crate::db::Db;
use crate::db::models::public::{self, OrganizationRow};
use crate::db::models::users::{self, User};
use crate::domain::Role;
use crate::error::AppError;
use crate::routes::form;
use crate::templates::{Layout, html_response};

/// The create form as typed, so a refused one comes back filled in.
#[derive(Default, Deserialize)]
struct AccountForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    organization: String,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
pub struct UsersPage {
    layout: Layout,
    user: CurrentUser,
    accounts: Vec<User>,
    organizations: Vec<OrganizationRow>,
    form: AccountForm,
    email_error: Option<String>,
    role_error: Option<String>,
    organization_error: Option<String>,
}

impl UsersPage {
    fn organization_name(&self, id: &Option<i32>) -> String {
        id.and_then(|id| self.organizations.iter().find(|o| o.id == id))
            .map(|o| o.name.clone())
            .unwrap_or_default()
    }
}

async fn users_page(
    db: &Db,
    user: CurrentUser,
    form: AccountForm,
    errors: &AccountErrors,
    role_error: Option<&str>,
) -> Result<UsersPage, AppError> {
    let (accounts, organizations) = db
        .read(|conn| Ok((users::list(conn)?, public::organizations(conn)?)))
        .await?;
    let layout = Layout::for_user(&user);
    Ok(UsersPage {
        email_error: errors.email.map(|id| layout.t(id)),
        role_error: role_error.map(|id| layout.t(id)),
        organization_error: errors.organization.map(|id| layout.t(id)),
        layout,
        user,
        accounts,
        organizations,
        form,
    })
}

pub async fn list_users(
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let page = users_page(
        &db,
        user.into_inner(),
        AccountForm::default(),
        &AccountErrors::default(),
        None,
    )
    .await?;
    html_response(StatusCode::OK, &page)
}

#[derive(Template)]
#[template(path = "admin/credentials.html")]
pub struct CredentialsPage {
    layout: Layout,
    user: CurrentUser,
    credentials: OneTimeCredentials,
}

fn credentials_page(
    user: CurrentUser,
    credentials: OneTimeCredentials,
) -> Result<HttpResponse, AppError> {
    html_response(
        StatusCode::OK,
        &CredentialsPage {
            layout: Layout::for_user(&user),
            user,
            credentials,
        },
    )
}

pub async fn create_user(
    req: HttpRequest,
    body: web::Bytes,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
    site: web::Data<Site>,
) -> Result<HttpResponse, AppError> {
    let form: AccountForm = form::parse(&body);
    let user = user.into_inner();
    let Ok(role) = form.role.parse::<Role>() else {
        let page = users_page(
            &db,
            user,
            form,
            &AccountErrors::default(),
            Some("account-role-invalid"),
        )
        .await?;
        return html_response(StatusCode::UNPROCESSABLE_ENTITY, &page);
    };
    let account = NewAccount {
        email: form.email.clone(),
        display_name: form.display_name.trim().to_owned(),
        role,
        organization: Some(form.organization.clone()),
        password: None,
    };
    match manage::create_account(&db, actor(&req, &user, &site), account).await? {
        Ok(Some(credentials)) => credentials_page(user, credentials),
        Ok(None) => Ok(see_other("/admin/users")),
        Err(errors) => {
            let page = users_page(&db, user, form, &errors, None).await?;
            html_response(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}

pub async fn reset_password(
    req: HttpRequest,
    path: web::Path<String>,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
    site: web::Data<Site>,
) -> Result<HttpResponse, AppError> {
    let user = user.into_inner();
    let credentials = manage::reset_password(&db, actor(&req, &user, &site), id_of(&path)?).await?;
    credentials_page(user, credentials)
}

async fn set_active(
    req: HttpRequest,
    path: web::Path<String>,
    user: CurrentUser,
    db: web::Data<Db>,
    site: web::Data<Site>,
    active: bool,
) -> Result<HttpResponse, AppError> {
    let id = id_of(&path)?;
    if id == user.id && !active {
        // Locking oneself out would leave the portal without the account that noticed.
        return Err(AppError::Conflict("account-cannot-deactivate-self"));
    }
    manage::set_account_active(&db, actor(&req, &user, &site), id, active).await?;
    Ok(see_other("/admin/users"))
}

pub async fn deactivate_user(
    req: HttpRequest,
    path: web::Path<String>,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
    site: web::Data<Site>,
) -> Result<HttpResponse, AppError> {
    set_active(req, path, user.into_inner(), db, site, false).await
}

pub async fn reactivate_user(
    req: HttpRequest,
    path: web::Path<String>,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
    site: web::Data<Site>,
) -> Result<HttpResponse, AppError> {
    set_active(req, path, user.into_inner(), db, site, true).await
}
