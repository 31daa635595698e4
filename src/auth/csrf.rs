//! CSRF protection for every state-changing request: the `Origin` (else `Referer`) must be
//! the portal's own, and the session's token must come with the request, as the hidden field
//! `csrf_token` (first, in a multipart body) or the `X-CSRF-Token` header.

use actix_session::SessionExt;
use actix_web::HttpMessage;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::error::InternalError;
use actix_web::http::{Method, StatusCode, header};
use actix_web::middleware::Next;
use actix_web::web::{self, Bytes};

use super::session::expected_csrf_token;
use crate::config::Site;
use crate::error::AppError;
use crate::routes::form::{BodyError, Paced, field_count, read_limited};
use crate::templates::ErrorPage;

/// Form bodies larger than this are refused before they are read whole.
pub const FORM_LIMIT: usize = 2 * 1024 * 1024;

/// Fields a URL-encoded form may have. The largest form, an activity report with every
/// category and partner ticked, has a few dozen; parsing is linear, but a handler that
/// looks up each repeated value should never be handed thousands.
pub const MAX_FORM_FIELDS: usize = 1000;

/// Middleware: refuses a state-changing request with a foreign origin or without the
/// session's token, with 403 and before any handler runs.
pub async fn verify_csrf(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return Ok(next.call(req).await?.map_into_left_body());
    }
    match admit(&mut req).await {
        Ok(()) => Ok(next.call(req).await?.map_into_left_body()),
        // Answered here rather than returned as an error, so that the error pages'
        // middleware sees the refusal and renders it in the visitor's language.
        Err(refusal) => Ok(req
            .into_response(refusal.error_response())
            .map_into_right_body()),
    }
}

/// Whether a state-changing request may reach its handler: our origin, the session's
/// token, and a form body within its limits.
async fn admit(req: &mut ServiceRequest) -> Result<(), actix_web::Error> {
    let site = req
        .app_data::<web::Data<Site>>()
        .cloned()
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("no site settings")))?;
    // Every body that reaches a handler keeps a pace, whoever reads it.
    let payload = req.take_payload();
    req.set_payload(Paced::payload(payload, &site.limits));
    if !same_origin(req, site.base_url.origin()) {
        return Err(AppError::Forbidden("error-csrf-origin").into());
    }
    // Without a session there is no token to match: refused before a byte of body is read.
    let Some(expected) = expected_csrf_token(&req.get_session())? else {
        return Err(AppError::Forbidden("error-csrf-token").into());
    };
    // A form is read whole here, within its limits, even when the header carries the
    // token: the handlers then parse bytes already judged.
    let form = if content_type(req).starts_with("application/x-www-form-urlencoded") {
        Some(read_form(req).await?)
    } else {
        None
    };
    let provided = match (req.headers().get("x-csrf-token"), form) {
        (Some(value), _) => value.to_str().ok().map(str::to_owned),
        (None, Some(body)) => form_urlencoded_value(&body, "csrf_token"),
        (None, None) => form_token(req).await?,
    };
    match provided {
        Some(provided) if constant_time_eq(&expected, &provided) => Ok(()),
        _ => Err(AppError::Forbidden("error-csrf-token").into()),
    }
}

/// The Origin, else the Referer, must be ours; with neither, the token decides.
fn same_origin(req: &ServiceRequest, ours: &str) -> bool {
    let headers = req.headers();
    if let Some(origin) = headers.get(header::ORIGIN) {
        return origin.to_str().is_ok_and(|o| o == ours);
    }
    if let Some(referer) = headers.get(header::REFERER) {
        return referer.to_str().is_ok_and(|r| {
            r.strip_prefix(ours).is_some_and(|rest| {
                rest.is_empty() || rest.starts_with('/') || rest.starts_with('?')
            })
        });
    }
    true
}

fn content_type(req: &ServiceRequest) -> String {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// The token of a multipart body (other bodies carry none).
async fn form_token(req: &mut ServiceRequest) -> Result<Option<String>, actix_web::Error> {
    match multipart_boundary(&content_type(req)) {
        Some(boundary) => multipart_token(req, &boundary).await,
        None => Ok(None),
    }
}

/// An error page with its message, answered before any handler runs.
fn refused(status: StatusCode, message: &'static str) -> actix_web::Error {
    InternalError::from_response(message, ErrorPage::response(status, Some(message))).into()
}

/// Reads a URL-encoded body within [`FORM_LIMIT`] and [`MAX_FORM_FIELDS`], then puts it
/// back for the handler.
async fn read_form(req: &mut ServiceRequest) -> Result<Bytes, actix_web::Error> {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse().ok());
    let mut payload = req.take_payload();
    let body = read_limited(&mut payload, declared, FORM_LIMIT)
        .await
        .map_err(|e| match e {
            BodyError::TooLarge => refused(StatusCode::PAYLOAD_TOO_LARGE, "error-form-too-large"),
            BodyError::TooSlow => refused(StatusCode::REQUEST_TIMEOUT, "error-body-too-slow"),
            BodyError::Broken => refused(StatusCode::BAD_REQUEST, "error-body-broken"),
        })?;
    if field_count(&body) > MAX_FORM_FIELDS {
        return Err(refused(
            StatusCode::PAYLOAD_TOO_LARGE,
            "error-form-too-many-fields",
        ));
    }
    let (_, mut again) = actix_http::h1::Payload::create(true);
    again.unread_data(body.clone());
    req.set_payload(again.into());
    Ok(body)
}

/// The boundary of a `multipart/form-data` content type.
fn multipart_boundary(content_type: &str) -> Option<String> {
    if !content_type.starts_with("multipart/form-data") {
        return None;
    }
    let boundary = content_type
        .split(';')
        .find_map(|p| p.trim().strip_prefix("boundary="))?;
    Some(boundary.trim_matches('"').to_owned())
}

/// How much of a multipart body is read to find its first part.
const FIRST_PART_LIMIT: usize = 8 * 1024;

/// In a multipart body the token must be the first part, so it is checked before a single
/// byte of any file is stored. Reads just that far, then hands the handler the whole body
/// (what was read, followed by the rest of the stream).
async fn multipart_token(
    req: &mut ServiceRequest,
    boundary: &str,
) -> Result<Option<String>, actix_web::Error> {
    use futures_util::StreamExt;
    let mut stream = req.take_payload();
    let mut buffer = actix_web::web::BytesMut::new();
    let mut token = None;
    loop {
        // Checked after every chunk: one chunk may hold the first part and much more.
        if let Some(found) = first_part_value(&buffer, boundary, "csrf_token") {
            token = found;
            break;
        }
        if buffer.len() >= FIRST_PART_LIMIT {
            break;
        }
        match stream.next().await {
            Some(chunk) => buffer.extend_from_slice(&chunk?),
            None => break,
        }
    }
    let head = futures_util::stream::once(std::future::ready(Ok(buffer.freeze())));
    req.set_payload(actix_web::dev::Payload::Stream {
        payload: Box::pin(head.chain(stream)),
    });
    Ok(token)
}

/// `Some(Some(value))` when the first part is complete and named `name`, `Some(None)` when it
/// is complete but named otherwise, `None` while more bytes are needed.
fn first_part_value(body: &[u8], boundary: &str, name: &str) -> Option<Option<String>> {
    let body = std::str::from_utf8(body).ok().or_else(|| {
        // The first part may be complete while a later, binary part is cut mid-character.
        let delimiter = format!("\r\n--{boundary}");
        let end = body
            .windows(delimiter.len())
            .position(|w| w == delimiter.as_bytes())?;
        std::str::from_utf8(&body[..end + delimiter.len()]).ok()
    })?;
    let rest = body.strip_prefix(&format!("--{boundary}\r\n"))?;
    let (headers, after) = rest.split_once("\r\n\r\n")?;
    let (value, _) = after.split_once(&format!("\r\n--{boundary}"))?;
    let disposition = headers
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("content-disposition:"))?;
    let named = disposition
        .split(';')
        .any(|p| p.trim() == format!("name=\"{name}\""));
    Some(named.then(|| value.to_owned()))
}

fn form_urlencoded_value(body: &[u8], name: &str) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_html_form::from_bytes(body).ok()?;
    pairs.into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

/// Compares without stopping at the first difference, so timing reveals nothing.
fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_token_field_among_others() {
        assert_eq!(
            form_urlencoded_value(b"title=a&csrf_token=abc%2B1&x=y", "csrf_token").as_deref(),
            Some("abc+1")
        );
        assert_eq!(form_urlencoded_value(b"title=a", "csrf_token"), None);
    }

    #[test]
    fn finds_the_token_in_the_first_multipart_part_only() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\nabc\r\n--XyZ\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"a.jpg\"\r\n\r\n\xff\xd8";
        assert_eq!(
            first_part_value(body, "XyZ", "csrf_token"),
            Some(Some("abc".into()))
        );
        let late = b"--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nx\r\n--XyZ\r\n";
        assert_eq!(first_part_value(late, "XyZ", "csrf_token"), Some(None));
        assert_eq!(
            first_part_value(b"--XyZ\r\nContent-Disp", "XyZ", "csrf_token"),
            None
        );
        assert_eq!(
            multipart_boundary("multipart/form-data; boundary=\"XyZ\"").as_deref(),
            Some("XyZ")
        );
    }

    #[test]
    fn every_refusal_names_a_message_of_the_catalog() {
        let catalog = crate::i18n::Catalog::for_language("en");
        for id in [
            "error-form-too-large",
            "error-form-too-many-fields",
            "error-body-too-slow",
            "error-body-broken",
        ] {
            assert!(catalog.has(id), "{id}");
        }
    }

    #[test]
    fn equal_only_when_equal() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "ab"));
    }
}
