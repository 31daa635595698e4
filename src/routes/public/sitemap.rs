//! `/sitemap.xml` (and its parts, past 50 000 URLs).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::config::Site;
use crate::db::Db;
use crate::db::models::public::syndication;
use crate::error::AppError;
use crate::syndication::sitemap::{self, CONTENT_TYPE, MAX_URLS};

pub async fn sitemap_xml(
    req: HttpRequest,
    db: web::Data<Db>,
    site: web::Data<Site>,
) -> Result<HttpResponse, AppError> {
    let part = part_number(req.query_string())?;
    let stamps = db.read(|conn| Ok(syndication::site_stamps(conn)?)).await?;
    let entries = sitemap::entries(&stamps, site.timezone);
    let xml = sitemap::document(&entries, part, &site.base_url, MAX_URLS)
        .map_err(AppError::internal)?
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok()
        .content_type(CONTENT_TYPE)
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(xml))
}

/// `part=N` (from 1); anything else there is a 404.
fn part_number(query: &str) -> Result<Option<usize>, AppError> {
    let mut part = None;
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        if key == "part" {
            part = Some(value.parse::<usize>().map_err(|_| AppError::NotFound)?);
        }
    }
    Ok(part)
}
