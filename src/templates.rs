//! What every page shares: the layout around it, and the error page.

use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::http::header::ContentType;
use actix_web::{FromRequest, HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDate;
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
    /// The page's path and query, where the language switch brings the reader back to.
    pub here: String,
    /// The same content in other languages, for `<link rel="alternate" hreflang>`.
    pub alternates: Vec<Alternate>,
}

/// The page in another content language.
pub struct Alternate {
    pub language: String,
    /// The language named in itself ("ไทย").
    pub name: String,
    /// Absolute, as search engines require for `hreflang`.
    pub url: String,
    /// Root-relative, for links on the page.
    pub path: String,
}

/// An entry of the language switch.
pub struct SwitchLink {
    pub language: &'static str,
    pub name: String,
    pub url: String,
    pub current: bool,
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
            here: "/".to_owned(),
            alternates: Vec::new(),
        }
    }

    /// The layout in the interface language the request asks for (`i18n::negotiate`),
    /// remembering the page for the language switch.
    pub fn for_request(req: &HttpRequest) -> Self {
        let mut layout = Layout::new(crate::i18n::negotiate(req));
        layout.here = match req.query_string() {
            "" => req.path().to_owned(),
            query => format!("{}?{query}", req.path()),
        };
        layout
    }

    /// The layout of an admin page, in the language its request asks for.
    pub fn for_user(user: &crate::auth::guard::CurrentUser) -> Self {
        let mut layout = Layout::new(user.language);
        layout.here = user.here.clone();
        layout
    }

    /// Names the page's versions in other content languages.
    pub fn with_alternates(mut self, alternates: Vec<Alternate>) -> Self {
        self.alternates = alternates;
        self
    }

    /// The language switch: every interface language, named in itself, linking to
    /// `/language/{tag}?next=` this page.
    pub fn switch_links(&self) -> Vec<SwitchLink> {
        let next: String = form_urlencoded::byte_serialize(self.here.as_bytes()).collect();
        crate::i18n::INTERFACE_LANGUAGES
            .iter()
            .map(|&language| SwitchLink {
                language,
                name: self.language_name(language),
                url: format!("/language/{language}?next={next}"),
                current: language == self.lang(),
            })
            .collect()
    }

    /// A date as readers of the interface language write it.
    pub fn date(&self, date: NaiveDate) -> String {
        crate::calendar::date(self.catalog, date)
    }

    /// A month and year ("December 2016").
    pub fn month_year(&self, first_day: NaiveDate) -> String {
        crate::calendar::month_year(self.catalog, first_day)
    }

    /// The dates of an event, as a range when it has an end.
    pub fn event_dates(&self, start: Option<NaiveDate>, end: Option<NaiveDate>) -> String {
        crate::calendar::event_dates(self.catalog, start, end)
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

/// Handlers take the layout as an argument: it depends only on the request.
impl FromRequest for Layout {
    type Error = std::convert::Infallible;
    type Future = std::future::Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(Ok(Layout::for_request(req)))
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
        Self::new_in(Layout::new("en"), status, detail)
    }

    /// [`ErrorPage::new`] in `layout`'s language.
    pub fn new_in(layout: Layout, status: StatusCode, detail: Option<&str>) -> Self {
        let (title, body) = Self::message_ids(status);
        ErrorPage {
            status: status.as_u16(),
            title: layout.t(title),
            body: layout.t(body),
            detail: detail.map(|id| layout.t(id)),
            layout,
        }
    }

    /// A complete HTML response for `status`, in English: errors raised without the
    /// request at hand. It carries what it says ([`ErrorPageSource`]), so that
    /// `middleware::error_pages` renders it again in the visitor's language.
    pub fn response(status: StatusCode, detail: Option<&str>) -> HttpResponse {
        let mut response = Self::new(status, detail).into_response(status);
        response.extensions_mut().insert(ErrorPageSource {
            detail: detail.map(str::to_owned),
        });
        response
    }

    /// A complete HTML response for `status`, in the language `req` asks for.
    pub fn response_for(
        req: &HttpRequest,
        status: StatusCode,
        detail: Option<&str>,
    ) -> HttpResponse {
        let mut response =
            Self::new_in(Layout::for_request(req), status, detail).into_response(status);
        response.headers_mut().insert(
            actix_web::http::header::VARY,
            actix_web::http::header::HeaderValue::from_static("accept-language, cookie"),
        );
        response
    }

    fn into_response(self, status: StatusCode) -> HttpResponse {
        match self.render() {
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

/// What an English error page says, kept on its response.
#[derive(Debug, Clone)]
pub struct ErrorPageSource {
    /// The message id of its explanation, if any.
    pub detail: Option<String>,
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
