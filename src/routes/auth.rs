//! `/login` and `/logout`.

use actix_session::Session;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::form;
use crate::accounts::Actor;
use crate::accounts::login::{self, LoginOutcome};
use crate::auth::client_ip::client_ip;
use crate::auth::guard::ACCOUNT_PATH;
use crate::auth::session;
use crate::config::Site;
use crate::db::Db;
use crate::error::AppError;
use crate::templates::{Layout, html_response};

#[derive(Template)]
#[template(path = "auth/login.html")]
pub struct LoginPage {
    layout: Layout,
    csrf_token: String,
    email: String,
    error: Option<String>,
}

fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .finish()
}

fn login_page(
    layout: Layout,
    session: &Session,
    status: StatusCode,
    email: String,
    error: Option<&str>,
) -> Result<HttpResponse, AppError> {
    let page = LoginPage {
        csrf_token: session::csrf_token(session)?,
        email,
        error: error.map(|id| layout.t(id)),
        layout,
    };
    let mut response = html_response(status, &page)?;
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// The login form; starts a session for its CSRF token (the only public page that does).
pub async fn show_login(layout: Layout, session: Session) -> Result<HttpResponse, AppError> {
    if session::user_id(&session)?.is_some() {
        return Ok(see_other("/admin"));
    }
    login_page(layout, &session, StatusCode::OK, String::new(), None)
}

#[derive(Default, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

pub async fn log_in(
    req: HttpRequest,
    body: web::Bytes,
    session: Session,
    db: web::Data<Db>,
    site: web::Data<Site>,
) -> Result<HttpResponse, AppError> {
    let form: LoginForm = form::parse(&body);
    let ip = client_ip(&req, site.trusted_proxy);
    match login::log_in(
        &db,
        site.throttle,
        site.sessions,
        &form.email,
        &form.password,
        &ip,
    )
    .await?
    {
        LoginOutcome::LoggedIn(user) => {
            session::log_in(&session, user.id)?;
            Ok(see_other(if user.must_change_password {
                ACCOUNT_PATH
            } else {
                "/admin"
            }))
        }
        LoginOutcome::Invalid => login_page(
            Layout::for_request(&req),
            &session,
            StatusCode::UNPROCESSABLE_ENTITY,
            form.email,
            Some("login-invalid"),
        ),
        LoginOutcome::Throttled => login_page(
            Layout::for_request(&req),
            &session,
            StatusCode::TOO_MANY_REQUESTS,
            form.email,
            Some("login-throttled"),
        ),
    }
}

/// Ends the session (its row is deleted, so a copied cookie is useless) and goes home.
pub async fn log_out(
    req: HttpRequest,
    session: Session,
    db: web::Data<Db>,
    site: web::Data<Site>,
) -> Result<HttpResponse, AppError> {
    if let Some(user_id) = session::user_id(&session)? {
        let email = db
            .read(move |conn| Ok(crate::db::models::users::find(conn, user_id)?.map(|u| u.email)))
            .await?
            .unwrap_or_default();
        let actor = Actor {
            id: Some(user_id),
            email,
            client_ip: client_ip(&req, site.trusted_proxy),
        };
        login::logged_out(&db, actor).await?;
    }
    session::log_out(&session);
    Ok(see_other("/"))
}
