//! What every page shares: the layout around it, and the error page.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::ContentType;
use askama::Template;
use fluent_bundle::FluentArgs;

use crate::assets::Assets;
use crate::i18n::Catalog;
use crate::sharing::ShareMeta;

/// The frame of every page: language, stylesheet and interface messages. Page structs hold
/// one as `layout`, and `templates/base.html` reads it.
pub struct Layout {
    pub catalog: &'static Catalog,
    pub stylesheet: String,
    /// The page's absolute URL for `<link rel="canonical">`; public pages set it.
    pub canonical: Option<String>,
    /// Atom feeds of this page's content besides the site's (which every page links).
    pub feeds: Vec<FeedLink>,
    /// What link previews show (OpenGraph, Twitter cards).
    pub share: Option<ShareMeta>,
}

/// An Atom feed for `<link rel="alternate">`.
pub struct FeedLink {
    pub url: String,
    pub title: String,
}

impl Layout {
    /// The layout in the interface language `tag` (falling back to English).
    pub fn new(tag: &str) -> Self {
        Layout {
            catalog: Catalog::for_language(tag),
            stylesheet: Assets::get().url("site.css"),
            canonical: None,
            feeds: Vec::new(),
            share: None,
        }
    }

    /// Names the page's canonical absolute URL.
    pub fn with_canonical(mut self, url: String) -> Self {
        self.canonical = Some(url);
        self
    }

    /// Adds a feed of this page's content (root-relative `url`).
    pub fn with_feed(mut self, url: String, title: String) -> Self {
        self.feeds.push(FeedLink { url, title });
        self
    }

    /// Describes the page for link previews.
    pub fn with_share(mut self, share: ShareMeta) -> Self {
        self.share = Some(share);
        self
    }

    /// The interface language, for `<html lang>`.
    pub fn lang(&self) -> &'static str {
        self.catalog.language()
    }

    /// The interface message `id`.
    pub fn t(&self, id: &str) -> String {
        self.catalog.message(id).into_owned()
    }

    /// The interface message `id` with the variable `name` set to `value`.
    pub fn t_with(&self, id: &str, name: &'static str, value: &str) -> String {
        let mut args = FluentArgs::new();
        args.set(name, value.to_owned());
        self.catalog.message_with(id, &args).into_owned()
    }

    /// The interface message `id` for a number of things (plural rules apply).
    pub fn t_count(&self, id: &str, count: i64) -> String {
        let mut args = FluentArgs::new();
        args.set("count", count);
        self.catalog.message_with(id, &args).into_owned()
    }

    /// A BCP 47 language tag named in its own language ("ไทย" for th).
    pub fn language_name(&self, tag: &str) -> String {
        let id = format!("language-{tag}");
        if self.catalog.has(&id) {
            self.t(&id)
        } else {
            tag.to_owned()
        }
    }

    /// A country named from its ISO 3166 code.
    pub fn country_name(&self, code: &str) -> String {
        let id = format!("country-{code}");
        if self.catalog.has(&id) {
            self.t(&id)
        } else {
            code.to_owned()
        }
    }
}

/// Renders `page` as a complete HTML response with `status` (422 for a refused form, 429…).
pub fn html_response<T: Template>(
    status: StatusCode,
    page: &T,
) -> Result<HttpResponse, crate::error::AppError> {
    let html = page.render().map_err(crate::error::AppError::internal)?;
    Ok(HttpResponse::build(status)
        .content_type(ContentType::html())
        .body(html))
}

/// The page shown for every error status.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub layout: Layout,
    pub status: u16,
    pub title: String,
    pub body: String,
    /// A more specific explanation, when the handler has one.
    pub detail: Option<String>,
}

impl ErrorPage {
    /// The message ids of the title and explanation for `status`.
    pub fn message_ids(status: StatusCode) -> (&'static str, &'static str) {
        match status.as_u16() {
            400 => ("error-400-title", "error-400-body"),
            403 => ("error-403-title", "error-403-body"),
            404 => ("error-404-title", "error-404-body"),
            405 => ("error-405-title", "error-405-body"),
            409 => ("error-409-title", "error-409-body"),
            413 => ("error-413-title", "error-413-body"),
            422 => ("error-422-title", "error-422-body"),
            429 => ("error-429-title", "error-429-body"),
            500 => ("error-500-title", "error-500-body"),
            503 => ("error-503-title", "error-503-body"),
            _ => ("error-other-title", "error-other-body"),
        }
    }

    /// The error page for `status`, with the message `detail` (an id) when given.
    pub fn new(status: StatusCode, detail: Option<&str>) -> Self {
        let layout = Layout::new("en");
        let (title, body) = Self::message_ids(status);
        ErrorPage {
            status: status.as_u16(),
            title: layout.t(title),
            body: layout.t(body),
            detail: detail.map(|id| layout.t(id)),
            layout,
        }
    }

    /// A complete HTML response for `status`.
    pub fn response(status: StatusCode, detail: Option<&str>) -> HttpResponse {
        match Self::new(status, detail).render() {
            Ok(html) => HttpResponse::build(status)
                .content_type(ContentType::html())
                .body(html),
            Err(e) => {
                tracing::error!(error = %e, "the error page did not render");
                HttpResponse::build(status)
                    .content_type(ContentType::plaintext())
                    .body(status.to_string())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_status_has_its_messages() {
        let catalog = Catalog::for_language("en");
        for code in [400, 401, 403, 404, 405, 409, 413, 418, 422, 429, 500, 503] {
            let (title, body) = ErrorPage::message_ids(StatusCode::from_u16(code).unwrap());
            assert!(catalog.has(title) && catalog.has(body), "{code}");
        }
    }

    #[test]
    fn error_page_escapes_and_names_the_status() {
        let html = ErrorPage::new(StatusCode::NOT_FOUND, None)
            .render()
            .unwrap();
        assert!(html.contains("Page not found"));
        assert!(html.contains("<html lang=\"en\""));
    }
}
