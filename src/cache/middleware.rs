//! Wraps every public page route: answers from the cache, or renders and keeps the answer.

use std::sync::Arc;

use actix_web::body::{self, BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, StatusCode, header};
use actix_web::middleware::Next;
use actix_web::web;

use super::PageCache;
use super::page::CachedPage;
use crate::i18n;

/// The page cache as a middleware for public routes (`from_fn(page_cache)`). Only a 200
/// without a cookie, and not marked private, is kept; anything else passes through as the
/// handler made it.
pub async fn page_cache(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let Some(cache) = req.app_data::<web::Data<PageCache>>().cloned() else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    let key = cache_key(&req);
    if let Some(page) = cache.get(&key) {
        let response = page.respond(req.request());
        return Ok(req.into_response(response));
    }
    // Read before rendering: a change committed meanwhile makes this entry stale at once.
    let generation = cache.generation();
    let response = next.call(req).await?;
    if !keepable(&response) {
        return Ok(response.map_into_boxed_body());
    }
    let (request, response) = response.into_parts();
    let (head, body) = response.into_parts();
    let body = body::to_bytes(body)
        .await
        .map_err(|e| actix_web::error::ErrorInternalServerError(e.into()))?;
    let precompress = cache.would_keep(body.len());
    let page = Arc::new(CachedPage::new(
        generation,
        head.headers().clone(),
        body,
        cache.content.changed_at(),
        precompress,
    ));
    cache.insert(key, Arc::clone(&page));
    let answer = page.respond(&request);
    Ok(ServiceResponse::new(request, answer))
}

/// Path, query and the interface language the page is rendered in.
fn cache_key(req: &ServiceRequest) -> String {
    format!(
        "{}\u{0}{}?{}",
        i18n::negotiate(req.request()),
        req.path(),
        req.query_string()
    )
}

fn keepable<B>(response: &ServiceResponse<B>) -> bool {
    let headers = response.headers();
    response.status() == StatusCode::OK
        && !headers.contains_key(header::SET_COOKIE)
        && !headers.contains_key(header::CONTENT_ENCODING)
        && !headers
            .get(header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("private") || v.contains("no-store"))
}
