//! `/admin/account`: changing one's own password (first of all after a one-time password).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::{actor, see_other};
use crate::accounts::manage::{AccountErrors, change_own_password};
use crate::auth::guard::CurrentUser;
use crate::config::Site;
use crate::db::Db;
use crate::error::AppError;
use crate::routes::form;
use crate::templates::{Layout, html_response};

#[derive(Template)]
#[template(path = "admin/account.html")]
pub struct AccountPage {
    layout: Layout,
    user: CurrentUser,
    changed: bool,
    current_password_error: Option<String>,
    new_password_error: Option<String>,
}

fn page(user: CurrentUser, changed: bool, errors: &AccountErrors) -> AccountPage {
    let layout = Layout::for_user(&user);
    AccountPage {
        current_password_error: errors.current_password.map(|id| layout.t(id)),
        new_password_error: errors.password.map(|id| layout.t(id)),
        layout,
        user,
        changed,
    }
}

pub async fn show_account(
    req: HttpRequest,
    user: web::ReqData<CurrentUser>,
) -> Result<HttpResponse, AppError> {
    let changed = req.query_string() == "changed=1";
    html_response(
        StatusCode::OK,
        &page(user.into_inner(), changed, &AccountErrors::default()),
    )
}

#[derive(Default, Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

pub async fn change_password(
    req: HttpRequest,
    body: web::Bytes,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
    site: web::Data<Site>,
) -> Result<HttpResponse, AppError> {
    let form: PasswordForm = form::parse(&body);
    let user = user.into_inner();
    let errors = change_own_password(
        &db,
        actor(&req, &user, &site),
        form.current_password,
        form.new_password,
    )
    .await?;
    if errors.is_empty() {
        Ok(see_other("/admin/account?changed=1"))
    } else {
        html_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            &page(user, false, &errors),
        )
    }
}
