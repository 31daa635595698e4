//! The doors of the admin area, in the order DESIGN.md gives: no session → login; a one-time
//! password → change it first; then CSRF (see `csrf.rs`); then the route's role.

use actix_session::SessionExt;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpResponse, web};

use super::session;
use crate::db::Db;
use crate::db::models::users;
use crate::domain::Role;
use crate::error::AppError;

/// The logged-in account, as the admin handlers see it (`web::ReqData<CurrentUser>`).
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: i32,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub organization_id: Option<i32>,
    pub must_change_password: bool,
    /// For the hidden field of every form the page renders.
    pub csrf_token: String,
    /// The interface language the request asks for (`i18n::negotiate`).
    pub language: &'static str,
    /// Where the language switch returns to: this page, or the dashboard after a POST.
    pub here: String,
}

impl CurrentUser {
    pub fn is_secretariat(&self) -> bool {
        self.role == Role::Secretariat
    }
}

/// The page an account must see first: the password change while its password is one-time.
pub const ACCOUNT_PATH: &str = "/admin/account";

fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .finish()
}

/// Middleware of the admin scope: a valid session of an active account (of an active
/// organization), else 303 to `/login`; a one-time password, else 303 to the account page.
pub async fn require_login(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let session = req.get_session();
    let Some(user_id) = session::user_id(&session)? else {
        return Ok(req.into_response(see_other("/login")).map_into_right_body());
    };
    let db = req
        .app_data::<web::Data<Db>>()
        .cloned()
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("no database")))?;
    let Some(user) = db
        .read(move |conn| Ok(users::find_active(conn, user_id)?))
        .await?
    else {
        // Deactivated since the session began: end it now.
        session::log_out(&session);
        return Ok(req.into_response(see_other("/login")).map_into_right_body());
    };
    if user.must_change_password && req.path() != ACCOUNT_PATH {
        return Ok(req
            .into_response(see_other(ACCOUNT_PATH))
            .map_into_right_body());
    }
    let role = user
        .role
        .parse::<Role>()
        .map_err(|e| AppError::internal(anyhow::anyhow!(e)))?;
    let current = CurrentUser {
        id: user.id,
        email: user.email,
        display_name: user.display_name,
        role,
        organization_id: user.organization_id,
        must_change_password: user.must_change_password,
        csrf_token: session::csrf_token(&session)?,
        language: crate::i18n::negotiate(req.request()),
        here: if req.method() == actix_web::http::Method::GET {
            req.request().uri().to_string()
        } else {
            "/admin".to_owned()
        },
    };
    req.extensions_mut().insert(current);
    let mut res = next.call(req).await?;
    // Admin pages hold private data: never stored by a browser or a proxy.
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(res.map_into_left_body())
}

/// Middleware of secretariat-only routes.
pub async fn require_secretariat(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let allowed = req
        .extensions()
        .get::<CurrentUser>()
        .is_some_and(CurrentUser::is_secretariat);
    if !allowed {
        return Err(AppError::Forbidden("error-secretariat-only").into());
    }
    next.call(req).await
}
