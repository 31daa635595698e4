//! `/robots.txt`.

use actix_web::{HttpResponse, web};

use crate::config::Site;

/// Everything public may be indexed; the admin area and the login form may not. Search
/// results say `noindex` themselves; the sitemap lists what there is.
pub async fn robots_txt(site: web::Data<Site>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=86400"))
        .body(format!(
            "User-agent: *\nDisallow: /admin\nDisallow: /login\nDisallow: /language/\n\nSitemap: {}\n",
            site.base_url.join("/sitemap.xml")
        ))
}
