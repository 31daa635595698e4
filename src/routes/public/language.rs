//! `GET /language/{tag}?next=PATH`: chooses the interface language. The only public route
//! that sets a cookie; public pages vary by it (and the page cache keys on it).

use actix_web::cookie::{Cookie, SameSite, time::Duration};
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::config::Site;
use crate::error::AppError;
use crate::i18n::{INTERFACE_LANGUAGES, LANGUAGE_COOKIE};

#[derive(Deserialize)]
pub struct Next {
    #[serde(default)]
    next: String,
}

/// Where to go after choosing: a path of this site, never another site's address
/// (`//host`, `/\host` and schemes would make this an open redirect).
fn local_path(next: &str) -> &str {
    let safe = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(|c| c.is_control() || c == '\\');
    if safe { next } else { "/" }
}

pub async fn choose_language(
    tag: web::Path<String>,
    query: web::Query<Next>,
    site: web::Data<Site>,
) -> Result<HttpResponse, AppError> {
    let language = INTERFACE_LANGUAGES
        .iter()
        .find(|l| **l == tag.as_str())
        .ok_or(AppError::NotFound)?;
    let cookie = Cookie::build(LANGUAGE_COOKIE, *language)
        .path("/")
        .max_age(Duration::days(365))
        .same_site(SameSite::Lax)
        .http_only(true)
        .secure(site.base_url.is_https())
        .finish();
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, local_path(&query.next)))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .cookie(cookie)
        .finish())
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_paths_of_this_site_are_followed() {
        assert_eq!(local_path("/activities/x?page=2"), "/activities/x?page=2");
        for hostile in [
            "",
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example",
            "/%0d%0aSet-Cookie:x",
            "javascript:alert(1)",
            "/a\r\nLocation: https://evil.example",
        ] {
            let expected = if hostile == "/%0d%0aSet-Cookie:x" {
                hostile
            } else {
                "/"
            };
            assert_eq!(local_path(hostile), expected, "{hostile:?}");
        }
    }
}
