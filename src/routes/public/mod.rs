//! The pages visitors read. The same for everyone (no session, no cookie), so they can be
//! cached.

mod activity;
mod archive;
mod category;
mod feeds;
mod home;
mod language;
mod organizations;
mod pages;
mod robots;
mod search;
mod sitemap;
pub mod view;

use actix_web::middleware::from_fn;
use actix_web::{FromRequest, Handler, Resource, Responder, web};

use super::readable;
use crate::cache::page_cache;

/// A public page: GET and HEAD, answered from the page cache when it can.
fn page<F, Args>(path: &str, handler: F) -> impl actix_web::dev::HttpServiceFactory + use<F, Args>
where
    F: Handler<Args> + Clone,
    Args: FromRequest + 'static,
    F::Output: Responder + 'static,
{
    let resource: Resource = readable(path, handler);
    resource.wrap(from_fn(page_cache))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(page("/", home::show_home))
        .service(page("/category/{slug}", category::show_category))
        .service(page("/activities/{slug}", activity::show_activity))
        .service(page("/organizations", organizations::list_organizations))
        .service(page(
            "/organizations/{slug}",
            organizations::show_organization,
        ))
        .service(page("/archive/{year}/{month}", archive::show_month))
        .service(page("/pages/{slug}", pages::show_page))
        .service(page("/robots.txt", robots::robots_txt))
        .service(page("/search", search::search))
        .service(page("/feed.atom", feeds::site_feed))
        .service(page("/category/{slug}/feed.atom", feeds::category_feed))
        .service(page(
            "/organizations/{slug}/feed.atom",
            feeds::organization_feed,
        ))
        .service(page("/sitemap.xml", sitemap::sitemap_xml))
        // Not cached: it sets the language cookie.
        .service(readable("/language/{tag}", language::choose_language));
}
