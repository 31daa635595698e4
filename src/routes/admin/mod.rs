//! The admin area. Every route is declared once, in [`ADMIN_ROUTES`], with the access it
//! needs: `configure` registers exactly these, and the tests walk the same table, so a new
//! route cannot skip its guard or its test.

mod account;
mod activities;
mod attachments;
mod audit;
mod categories;
mod dashboard;
mod forms;
mod logo_upload;
mod organization_edit;
mod organizations;
mod own_organization;
mod pages;
mod photos;
mod translations;
mod users;

use actix_web::dev::ServiceRequest;
use actix_web::http::header;
use actix_web::middleware::from_fn;
use actix_web::{FromRequest, Handler, HttpRequest, HttpResponse, Responder, guard, web};

use crate::accounts::Actor;
use crate::auth::client_ip::client_ip;
use crate::auth::guard::{CurrentUser, require_secretariat};
use crate::config::Site;
use crate::error::AppError;

/// Who may use a route (after logging in).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Any active account; objects are still limited to one's own organization.
    Member,
    Secretariat,
}

/// One admin route.
#[derive(Debug, Clone, Copy)]
pub struct AdminRoute {
    pub method: &'static str,
    /// The path under `/admin`, with `{id}`-style parameters.
    pub path: &'static str,
    pub access: Access,
}

macro_rules! admin_routes {
    ($($method:ident $path:literal $access:ident => $handler:path;)*) => {
        /// Every admin route, with the access it needs.
        pub const ADMIN_ROUTES: &[AdminRoute] = &[
            $(AdminRoute { method: stringify!($method), path: $path, access: Access::$access },)*
        ];

        /// Registers [`ADMIN_ROUTES`] in the admin scope.
        pub fn configure(cfg: &mut web::ServiceConfig) {
            $(register(cfg, stringify!($method), $path, Access::$access, $handler);)*
        }
    };
}

admin_routes! {
    GET  ""                              Member      => dashboard::show_dashboard;
    GET  "/account"                      Member      => account::show_account;
    POST "/account"                      Member      => account::change_password;
    GET  "/activities"                   Member      => activities::list_activities;
    GET  "/activities/new"               Member      => activities::new_activity_form;
    POST "/activities"                   Member      => activities::create_activity;
    GET  "/activities/{id}/edit"         Member      => activities::edit_activity_form;
    POST "/activities/{id}"              Member      => activities::update_activity;
    GET  "/activities/{id}/preview"      Member      => activities::preview_activity;
    POST "/activities/{id}/submit"       Member      => activities::submit_activity;
    POST "/activities/{id}/delete"       Member      => activities::delete_activity;
    POST "/activities/{id}/withdraw"     Member      => activities::withdraw_activity;
    POST "/activities/{id}/reopen"       Member      => activities::reopen_activity;
    POST "/activities/{id}/approve"      Secretariat => activities::approve_activity;
    POST "/activities/{id}/request-changes" Secretariat => activities::request_changes;
    POST "/activities/{id}/reject"       Secretariat => activities::reject_activity;
    POST "/activities/{id}/unpublish"    Secretariat => activities::unpublish_activity;
    POST "/activities/{id}/republish"    Secretariat => activities::republish_activity;
    POST "/activities/{id}/photos"       Member      => photos::upload_photos;
    POST "/photos/{id}"                  Member      => photos::update_photo;
    POST "/photos/{id}/move"             Member      => photos::move_photo;
    POST "/photos/{id}/delete"           Member      => photos::delete_photo;
    POST "/images/{id}/purge"            Secretariat => photos::purge_image;
    GET  "/activities/{id}/attachments"  Member      => attachments::list_attachments;
    POST "/activities/{id}/attachments"  Member      => attachments::upload_attachments;
    POST "/attachments/{id}"             Member      => attachments::update_attachment;
    POST "/attachments/{id}/delete"      Member      => attachments::delete_attachment;
    GET  "/activities/{id}/translations" Member      => translations::show_translations;
    POST "/activities/{id}/translations" Member      => translations::link_translation;
    POST "/activities/{id}/translations/leave" Member => translations::leave_translations;
    GET  "/media/{path:.+}"              Member      => crate::routes::media::serve_private;
    GET  "/moderation"                   Secretariat => activities::moderation_queue;
    GET  "/moderation/history"           Secretariat => activities::moderation_history;
    GET  "/users"                        Secretariat => users::list_users;
    POST "/users"                        Secretariat => users::create_user;
    POST "/users/{id}/reset-password"    Secretariat => users::reset_password;
    POST "/users/{id}/deactivate"        Secretariat => users::deactivate_user;
    POST "/users/{id}/reactivate"        Secretariat => users::reactivate_user;
    GET  "/organization"                 Member      => own_organization::show_own_organization;
    POST "/organization"                 Member      => own_organization::update_own_organization;
    POST "/organization/logo"            Member      => own_organization::upload_own_logo;
    GET  "/organizations"                Secretariat => organizations::list_organizations;
    POST "/organizations"                Secretariat => organizations::create_organization;
    GET  "/organizations/{id}"           Secretariat => organization_edit::edit_organization;
    POST "/organizations/{id}"           Secretariat => organization_edit::update_organization;
    POST "/organizations/{id}/logo"      Secretariat => organization_edit::upload_logo;
    POST "/organizations/{id}/deactivate" Secretariat => organization_edit::deactivate_organization;
    POST "/organizations/{id}/reactivate" Secretariat => organization_edit::reactivate_organization;
    GET  "/categories"                   Secretariat => categories::list_categories;
    POST "/categories"                   Secretariat => categories::create_category;
    POST "/categories/{id}"              Secretariat => categories::update_category;
    GET  "/pages"                        Secretariat => pages::list_pages;
    GET  "/pages/{slug}"                 Secretariat => pages::edit_page;
    POST "/pages/{slug}"                 Secretariat => pages::save_page;
    GET  "/audit"                        Secretariat => audit::list_audit_events;
}

fn register<F, Args>(
    cfg: &mut web::ServiceConfig,
    method: &str,
    path: &str,
    access: Access,
    handler: F,
) where
    F: Handler<Args>,
    Args: FromRequest + 'static,
    F::Output: Responder + 'static,
{
    let method = method.parse().expect("admin route methods are valid");
    // The method is a resource guard, so a GET and a POST on one path are two resources
    // that the router tells apart.
    let resource = web::resource(path).guard(guard::Method(method)).to(handler);
    match access {
        Access::Member => cfg.service(resource),
        Access::Secretariat => cfg.service(resource.wrap(from_fn(require_secretariat))),
    };
}

/// The id in a path segment; anything but a number is a 404, like an unknown id.
fn id_of(path: &str) -> Result<i32, AppError> {
    path.parse().map_err(|_| AppError::NotFound)
}

/// 303 to `location` (post/redirect/get).
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// The acting account, for the audit log.
pub fn actor(req: &HttpRequest, user: &CurrentUser, site: &Site) -> Actor {
    Actor {
        id: Some(user.id),
        email: user.email.clone(),
        client_ip: client_ip(req, site.trusted_proxy),
    }
}

/// Whether a request is for the admin area (for middleware that must know).
pub fn is_admin_path(req: &ServiceRequest) -> bool {
    req.path() == "/admin" || req.path().starts_with("/admin/")
}
