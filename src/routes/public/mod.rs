//! The pages visitors read. The same for everyone (no session, no cookie), so they can be
//! cached.

mod activity;
mod archive;
mod category;
mod home;
mod organizations;
mod pages;
mod robots;
pub mod view;

use actix_web::web;

use super::readable;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(readable("/", home::show_home))
        .service(readable("/category/{slug}", category::show_category))
        .service(readable("/activities/{slug}", activity::show_activity))
        .service(readable(
            "/organizations",
            organizations::list_organizations,
        ))
        .service(readable(
            "/organizations/{slug}",
            organizations::show_organization,
        ))
        .service(readable("/archive/{year}/{month}", archive::show_month))
        .service(readable("/pages/{slug}", pages::show_page))
        .service(readable("/robots.txt", robots::robots_txt));
}
