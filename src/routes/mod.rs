//! Every route of the portal, by area.

mod health;
mod media;
mod public;
mod static_files;

use actix_web::dev::HttpServiceFactory;
use actix_web::http::header;
use actix_web::{FromRequest, Handler, HttpResponse, Responder, web};

use crate::error::AppError;

/// Registers all routes; anything else is a templated 404.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(public::configure)
        .service(readable("/healthz", health::healthz))
        .service(readable("/static/{file}", static_files::serve))
        .service(readable("/media/{path:.+}", media::serve))
        .default_service(web::to(not_found));
}

/// A resource that answers GET and HEAD with `handler` and 405 to other methods (without
/// its own default, a resource would fall through to the app's 404).
pub(crate) fn readable<F, Args>(path: &str, handler: F) -> impl HttpServiceFactory + use<F, Args>
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
