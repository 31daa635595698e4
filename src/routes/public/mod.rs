//! The pages visitors read. The same for everyone (no session, no cookie), so they can be
//! cached.

mod activity;
mod archive;
mod category;
mod feeds;
mod home;
mod organizations;
mod pages;
mod robots;
mod search;
mod sitemap;
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
        .service(readable("/robots.txt", robots::robots_txt))
        .service(readable("/search", search::search))
        .service(readable("/feed.atom", feeds::site_feed))
        .service(readable("/category/{slug}/feed.atom", feeds::category_feed))
        .service(readable(
            "/organizations/{slug}/feed.atom",
            feeds::organization_feed,
        ))
        .service(readable("/sitemap.xml", sitemap::sitemap_xml));
}
