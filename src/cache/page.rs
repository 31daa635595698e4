//! One rendered public page as the cache keeps it, and the answers it gives.

use std::time::SystemTime;

use actix_web::http::StatusCode;
use actix_web::http::header::{
    self, EntityTag, Header, HeaderMap, HeaderValue, HttpDate, IfModifiedSince, IfNoneMatch,
};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};

use crate::precompressed::Encoded;

/// What browsers may do with a public page: keep it, but ask each time whether it changed
/// (a 304 costs a few hundred bytes), so a takedown shows on the next visit.
const PUBLIC_PAGE_CACHING: &str = "public, no-cache";

pub struct CachedPage {
    generation: u64,
    headers: HeaderMap,
    etag: EntityTag,
    last_modified: HttpDate,
    /// `etag` and `last_modified` as header values, formatted once rather than per answer.
    etag_value: HeaderValue,
    last_modified_value: HeaderValue,
    body: Bytes,
    encoded: Encoded,
}

impl CachedPage {
    /// A page from a handler's successful answer. `generation` was read before the
    /// handler ran; `changed_at` is when public content last changed. `precompress` makes
    /// its gzip and brotli forms now, for a page that will be kept: one served once is
    /// compressed by the `Compress` middleware, and only for a browser that asks.
    pub fn new(
        generation: u64,
        mut headers: HeaderMap,
        body: Bytes,
        changed_at: SystemTime,
        precompress: bool,
    ) -> CachedPage {
        let digest = Sha256::digest(&body);
        let etag = EntityTag::new_strong(hex16(&digest));
        if !headers.contains_key(header::CACHE_CONTROL) {
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static(PUBLIC_PAGE_CACHING),
            );
        }
        // The body is what gets encoded here; lengths are recomputed per answer.
        headers.remove(header::CONTENT_LENGTH);
        let last_modified = HttpDate::from(changed_at);
        CachedPage {
            generation,
            headers,
            etag_value: header_value(&etag),
            last_modified_value: header_value(&last_modified),
            etag,
            last_modified,
            encoded: if precompress {
                Encoded::of(&body)
            } else {
                Encoded {
                    gzip: None,
                    brotli: None,
                }
            },
            body,
        }
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Memory held, for the cache's budget.
    pub fn byte_size(&self) -> usize {
        self.body.len() + self.encoded.byte_size() + 512
    }

    /// The answer to `req`: 304 when the browser's copy is current, else the page in the
    /// best encoding the browser accepts.
    pub fn respond(&self, req: &HttpRequest) -> HttpResponse {
        if self.not_modified(req) {
            let mut response = HttpResponse::NotModified();
            self.validators(&mut response);
            return response.finish();
        }
        let mut response = HttpResponse::build(StatusCode::OK);
        for (name, value) in &self.headers {
            response.append_header((name.clone(), value.clone()));
        }
        self.validators(&mut response);
        // The interface language comes from the cookie or Accept-Language (DESIGN.md).
        response.append_header((header::VARY, "accept-encoding, accept-language, cookie"));
        match self.encoded.for_request(req) {
            Some((encoding, body)) => response
                .insert_header((header::CONTENT_ENCODING, encoding.to_header_value()))
                .body(body),
            None => response.body(self.body.clone()),
        }
    }

    fn validators(&self, response: &mut actix_web::HttpResponseBuilder) {
        response
            .insert_header((header::ETAG, self.etag_value.clone()))
            .insert_header((header::LAST_MODIFIED, self.last_modified_value.clone()));
    }

    /// RFC 9110 §13.2.2: If-None-Match decides when present; If-Modified-Since otherwise.
    fn not_modified(&self, req: &HttpRequest) -> bool {
        if req.headers().contains_key(header::IF_NONE_MATCH) {
            return match IfNoneMatch::parse(req) {
                Ok(IfNoneMatch::Any) => true,
                Ok(IfNoneMatch::Items(tags)) => tags.iter().any(|t| t.weak_eq(&self.etag)),
                Err(_) => false,
            };
        }
        match IfModifiedSince::parse(req) {
            Ok(IfModifiedSince(since)) => {
                SystemTime::from(self.last_modified) <= SystemTime::from(since)
            }
            Err(_) => false,
        }
    }
}

/// A validator as a header value. Both kinds always format to valid header text.
fn header_value(value: &impl std::fmt::Display) -> HeaderValue {
    HeaderValue::from_str(&value.to_string()).unwrap_or_else(|_| HeaderValue::from_static(""))
}

fn hex16(digest: &[u8]) -> String {
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}
