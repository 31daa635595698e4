//! Every route of the portal, by area.

pub mod admin;
mod auth;
pub mod form;
mod health;
mod media;
mod public;
mod static_files;

use actix_web::http::header;
use actix_web::{FromRequest, Handler, HttpResponse, Resource, Responder, web};

use actix_session::SessionMiddleware;
use actix_web::middleware::from_fn;

use crate::auth::csrf::verify_csrf;
use crate::auth::guard::require_login;
use crate::auth::session_store::SqliteSessionStore;
use crate::error::AppError;

/// Registers all routes; anything else is a templated 404. Only the login, logout and admin
/// routes see the session: public pages never read or set a cookie.
pub fn configure(cfg: &mut web::ServiceConfig, sessions: SessionMiddleware<SqliteSessionStore>) {
    cfg.service(
        web::resource("/login")
            .route(web::get().to(auth::show_login))
            .route(web::post().to(auth::log_in))
            .wrap(from_fn(verify_csrf))
            .wrap(sessions.clone()),
    )
    .service(
        web::resource("/logout")
            .route(web::post().to(auth::log_out))
            .wrap(from_fn(verify_csrf))
            .wrap(sessions.clone()),
    )
    .service(
        web::scope("/admin")
            .configure(admin::configure)
            .default_service(web::to(not_found))
            // Outermost last: session, then login and one-time password, then CSRF.
            .wrap(from_fn(verify_csrf))
            .wrap(from_fn(require_login))
            .wrap(sessions),
    )
    .configure(public::configure)
    .service(readable("/healthz", health::healthz))
    .service(readable("/static/{file}", static_files::serve))
    .service(readable("/media/{path:.+}", media::serve))
    .default_service(web::to(not_found));
}

/// A resource that answers GET and HEAD with `handler` and 405 to other methods (without
/// its own default, a resource would fall through to the app's 404).
pub(crate) fn readable<F, Args>(path: &str, handler: F) -> Resource
where
    F: Handler<Args> + Clone,
    Args: FromRequest + 'static,
    F::Output: Responder + 'static,
{
    web::resource(path)
        .route(web::get().to(handler.clone()))
        .route(web::head().to(handler))
        .default_service(web::to(|| async {
            HttpResponse::MethodNotAllowed()
                .insert_header((header::ALLOW, "GET, HEAD"))
                .finish()
        }))
}

async fn not_found() -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}
