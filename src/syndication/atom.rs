//! Atom feeds (RFC 4287) of the latest published activities.
//!
//! Ids are `tag:` URIs (RFC 4151) built from the database id, so an entry keeps its id when
//! its title, slug or text changes; `2026` is the year the portal started minting them.

use atom_syndication::{Category, Content, Entry, Feed, Link, Person, Text, WriteConfig};
use chrono::NaiveDateTime;

use super::utc;
use crate::config::BaseUrl;
use crate::db::models::public::syndication::FeedItem;
use crate::markdown::{self, SanitizedHtml};

/// Entries in a feed.
pub const FEED_LENGTH: i64 = 20;

/// The response's content type.
pub const CONTENT_TYPE: &str = "application/atom+xml; charset=utf-8";

/// What a feed follows.
pub struct FeedInfo {
    /// Names the feed in its id: `site`, `category-3`, `organization-7`.
    pub key: String,
    pub title: String,
    pub subtitle: String,
    /// Root-relative path of the feed itself.
    pub self_path: String,
    /// Root-relative path of the page it follows.
    pub page_path: String,
    /// The language of the feed's own titles.
    pub lang: String,
    /// The `updated` of a feed without entries.
    pub empty_updated: NaiveDateTime,
}

/// `tag:host,2026:specific`, the host taken from the base URL (without the port).
pub fn tag_uri(base: &BaseUrl, specific: &str) -> String {
    let origin = base.origin();
    let host = origin.split("://").nth(1).unwrap_or(origin);
    let host = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    format!("tag:{host},2026:{specific}")
}

/// The feed document.
pub fn render(info: &FeedInfo, items: &[FeedItem], base: &BaseUrl) -> anyhow::Result<String> {
    let entries: Vec<Entry> = items.iter().map(|item| entry(item, base)).collect();
    let updated = entries
        .iter()
        .map(|e| e.updated)
        .max()
        .unwrap_or_else(|| utc(info.empty_updated));
    let feed = Feed {
        id: tag_uri(base, &info.key),
        title: Text::plain(info.title.as_str()),
        subtitle: Some(Text::plain(info.subtitle.as_str())),
        updated,
        links: vec![
            link(
                "self",
                base.join(&info.self_path),
                Some("application/atom+xml"),
            ),
            link("alternate", base.join(&info.page_path), Some("text/html")),
        ],
        // Relative URLs inside entries resolve against the site (content is also rewritten
        // to absolute URLs, for readers that ignore xml:base).
        base: Some(base.join("/")),
        lang: Some(info.lang.clone()),
        entries,
        ..Default::default()
    };
    let config = WriteConfig {
        write_document_declaration: true,
        indent_size: None,
    };
    let bytes = feed.write_with_config(Vec::new(), config)?;
    Ok(String::from_utf8(bytes)?)
}

fn link(rel: &str, href: String, mime_type: Option<&str>) -> Link {
    Link {
        rel: rel.to_owned(),
        href,
        mime_type: mime_type.map(str::to_owned),
        ..Default::default()
    }
}

fn entry(item: &FeedItem, base: &BaseUrl) -> Entry {
    let url = base.join(&format!("/activities/{}", item.slug));
    let body = SanitizedHtml::from_stored(item.body_html.clone());
    let mut links = vec![link("alternate", url.clone(), Some("text/html"))];
    // The same activity in its other languages.
    links.extend(item.translations.iter().map(|(language, slug)| Link {
        hreflang: Some(language.clone()),
        ..link(
            "alternate",
            base.join(&format!("/activities/{slug}")),
            Some("text/html"),
        )
    }));
    links.extend(item.attachments.iter().map(|a| Link {
        rel: "enclosure".to_owned(),
        href: base.join(&format!("/media/{}", a.path)),
        mime_type: Some(media_type(&a.file_name).to_owned()),
        title: Some(a.title.clone()),
        hreflang: Some(a.language.clone()),
        length: Some(a.byte_size.to_string()),
    }));
    Entry {
        id: tag_uri(base, &format!("activity-{}", item.activity_id)),
        title: Text {
            lang: Some(item.language.clone()),
            ..Text::plain(item.title.as_str())
        },
        updated: utc(item.updated_at),
        published: Some(utc(item.published_at)),
        authors: vec![Person {
            name: item.organization_name.clone(),
            uri: Some(base.join(&format!("/organizations/{}", item.organization_slug))),
            ..Default::default()
        }],
        categories: item
            .categories
            .iter()
            .map(|c| Category {
                term: c.slug.clone(),
                scheme: Some(base.join("/category/")),
                label: Some(c.name.clone()),
            })
            .collect(),
        links,
        summary: Some(Text {
            lang: Some(item.language.clone()),
            ..Text::plain(item.summary.as_str())
        }),
        content: Some(Content {
            content_type: Some("html".to_owned()),
            lang: Some(item.language.clone()),
            value: Some(markdown::with_absolute_urls(&body, &url).into_string()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// The type of an attachment, from the name it was checked and stored under.
fn media_type(file_name: &str) -> &'static str {
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "pdf" => "application/pdf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "odp" => "application/vnd.oasis.opendocument.presentation",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::models::public::{AttachmentRow, CategoryRow};

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    fn item() -> FeedItem {
        FeedItem {
            activity_id: 42,
            slug: "imd-2016".into(),
            published_at: at("2016-12-22 03:00:00"),
            updated_at: at("2016-12-23 04:05:06"),
            title: "IMD <2016> & \"more\"".into(),
            summary: "A day of events.".into(),
            body_html: "<p>Hello <img src=\"/media/ab/x.jpg\" alt=\"x\"><script>x()</script></p>"
                .into(),
            language: "th".into(),
            organization_name: "MAP Foundation".into(),
            organization_slug: "map-foundation".into(),
            translations: vec![("en".into(), "imd-2016-english".into())],
            categories: vec![CategoryRow {
                id: 1,
                slug: "trainings".into(),
                name: "Trainings".into(),
                description: String::new(),
            }],
            attachments: vec![AttachmentRow {
                title: "Statement".into(),
                language: "en".into(),
                file_name: "statement.pdf".into(),
                path: "cd/ef.pdf".into(),
                byte_size: 2048,
            }],
        }
    }

    fn info() -> FeedInfo {
        FeedInfo {
            key: "site".into(),
            title: "Network".into(),
            subtitle: "Latest".into(),
            self_path: "/feed.atom".into(),
            page_path: "/".into(),
            lang: "en".into(),
            empty_updated: at("2020-01-01 00:00:00"),
        }
    }

    #[test]
    fn entries_carry_absolute_urls_stable_ids_dates_and_enclosures() {
        let base: BaseUrl = "https://portal.example:8443".parse().unwrap();
        let xml = render(&info(), &[item()], &base).unwrap();
        let feed: Feed = xml.parse().unwrap();
        assert_eq!(feed.id, "tag:portal.example,2026:site");
        assert_eq!(feed.updated.to_rfc3339(), "2016-12-23T04:05:06+00:00");
        let entry = &feed.entries[0];
        assert_eq!(entry.id, "tag:portal.example,2026:activity-42");
        assert_eq!(entry.title.value, "IMD <2016> & \"more\"");
        assert_eq!(
            entry.published.unwrap().to_rfc3339(),
            "2016-12-22T03:00:00+00:00"
        );
        let links: Vec<_> = entry
            .links
            .iter()
            .map(|l| (l.rel.as_str(), l.href.as_str()))
            .collect();
        assert_eq!(
            links,
            [
                (
                    "alternate",
                    "https://portal.example:8443/activities/imd-2016"
                ),
                (
                    "alternate",
                    "https://portal.example:8443/activities/imd-2016-english"
                ),
                ("enclosure", "https://portal.example:8443/media/cd/ef.pdf")
            ]
        );
        assert_eq!(entry.links[1].hreflang.as_deref(), Some("en"));
        assert_eq!(entry.links[2].length.as_deref(), Some("2048"));
        assert_eq!(entry.links[2].mime_type.as_deref(), Some("application/pdf"));
        let content = entry.content.as_ref().unwrap();
        let html = content.value.as_deref().unwrap();
        assert!(
            html.contains("src=\"https://portal.example:8443/media/ab/x.jpg\""),
            "{html}"
        );
        assert!(
            !html.contains("script"),
            "stored HTML is sanitized again: {html}"
        );
        assert_eq!(content.lang.as_deref(), Some("th"));
    }

    #[test]
    fn an_empty_feed_is_still_valid() {
        let base: BaseUrl = "http://127.0.0.1:8080".parse().unwrap();
        let xml = render(&info(), &[], &base).unwrap();
        let feed: Feed = xml.parse().unwrap();
        assert!(feed.entries.is_empty());
        assert_eq!(feed.id, "tag:127.0.0.1,2026:site");
        assert_eq!(feed.updated.to_rfc3339(), "2020-01-01T00:00:00+00:00");
    }
}
