//! `/robots.txt`.

use actix_web::HttpResponse;

/// Everything public may be indexed; the admin area and the login form may not.
pub async fn robots_txt() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=86400"))
        .body("User-agent: *\nDisallow: /admin\nDisallow: /login\n")
}
