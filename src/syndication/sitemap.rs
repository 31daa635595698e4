//! `/sitemap.xml` (sitemaps.org 0.9): every public page with its last modification.
//!
//! A sitemap may list 50 000 URLs. Past that, `/sitemap.xml` becomes a sitemap index of
//! `/sitemap.xml?part=N`, each part a sitemap of its own. List pages are listed once (their
//! first page): later pages only move as activities are added.

use std::collections::{BTreeMap, HashMap};
use std::io;

use chrono::{Datelike, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::utc;
use crate::config::BaseUrl;
use crate::db::models::public::syndication::SiteStamps;

/// The most URLs one sitemap may hold.
pub const MAX_URLS: usize = 50_000;
/// The response's content type.
pub const CONTENT_TYPE: &str = "application/xml; charset=utf-8";

const NAMESPACE: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
/// For the alternates of translated activities, as search engines read them.
const XHTML_NAMESPACE: &str = "http://www.w3.org/1999/xhtml";

/// A page and when it last changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlEntry {
    /// Root-relative.
    pub path: String,
    pub lastmod: Option<NaiveDateTime>,
    /// The page in each language of its set of translations, itself included, as
    /// (language, root-relative path): `<xhtml:link rel="alternate" hreflang>`.
    pub alternates: Vec<(String, String)>,
}

/// Every public page: the home page, lists, activities and editable pages. A list changed
/// when the newest change among its activities happened.
pub fn entries(stamps: &SiteStamps, timezone: Tz) -> Vec<UrlEntry> {
    let mut by_category: HashMap<i32, NaiveDateTime> = HashMap::new();
    let mut by_organization: HashMap<i32, NaiveDateTime> = HashMap::new();
    let mut by_month: BTreeMap<(i32, u32), NaiveDateTime> = BTreeMap::new();
    let mut latest: Option<NaiveDateTime> = None;
    let newest = |slot: &mut NaiveDateTime, at: NaiveDateTime| *slot = (*slot).max(at);
    for a in &stamps.activities {
        latest = latest.max(Some(a.updated_at));
        for id in &a.category_ids {
            newest(by_category.entry(*id).or_insert(a.updated_at), a.updated_at);
        }
        newest(
            by_organization
                .entry(a.organization_id)
                .or_insert(a.updated_at),
            a.updated_at,
        );
        let local = timezone.from_utc_datetime(&a.published_at);
        newest(
            by_month
                .entry((local.year(), local.month()))
                .or_insert(a.updated_at),
            a.updated_at,
        );
    }
    let mut out = vec![UrlEntry {
        path: "/".into(),
        lastmod: latest,
        alternates: Vec::new(),
    }];
    out.extend(stamps.categories.iter().map(|(id, slug)| UrlEntry {
        path: format!("/category/{slug}"),
        lastmod: by_category.get(id).copied(),
        alternates: Vec::new(),
    }));
    out.push(UrlEntry {
        path: "/organizations".into(),
        lastmod: stamps.organizations.iter().map(|o| o.2).max(),
        alternates: Vec::new(),
    });
    out.extend(stamps.organizations.iter().map(|(id, slug, updated)| {
        UrlEntry {
            path: format!("/organizations/{slug}"),
            lastmod: Some(
                by_organization
                    .get(id)
                    .map_or(*updated, |&a| a.max(*updated)),
            ),
            alternates: Vec::new(),
        }
    }));
    out.extend(by_month.iter().rev().map(|(&(year, month), &at)| UrlEntry {
        path: format!("/archive/{year}/{month:02}"),
        lastmod: Some(at),
        alternates: Vec::new(),
    }));
    out.extend(stamps.activities.iter().map(|a| {
        UrlEntry {
            path: format!("/activities/{}", a.slug),
            lastmod: Some(a.updated_at),
            alternates: stamps
                .translations
                .get(&a.slug)
                .into_iter()
                .flatten()
                .map(|(language, slug)| (language.clone(), format!("/activities/{slug}")))
                .collect(),
        }
    }));
    out.extend(stamps.pages.iter().map(|(slug, updated)| UrlEntry {
        path: format!("/pages/{slug}"),
        lastmod: Some(*updated),
        alternates: Vec::new(),
    }));
    out
}

/// The document for `/sitemap.xml` (`part` None) or `/sitemap.xml?part=N` (from 1), or
/// `None` for a part that does not exist.
pub fn document(
    entries: &[UrlEntry],
    part: Option<usize>,
    base: &BaseUrl,
    max_urls: usize,
) -> io::Result<Option<String>> {
    let parts: Vec<&[UrlEntry]> = entries.chunks(max_urls.max(1)).collect();
    match part {
        None if parts.len() <= 1 => urlset(entries, base).map(Some),
        None => index(&parts, base).map(Some),
        // A single sitemap has no parts.
        Some(n) if parts.len() > 1 && (1..=parts.len()).contains(&n) => {
            urlset(parts[n - 1], base).map(Some)
        }
        Some(_) => Ok(None),
    }
}

/// W3C datetime, in UTC.
fn w3c(at: NaiveDateTime) -> String {
    utc(at).to_rfc3339()
}

fn start() -> io::Result<Writer<Vec<u8>>> {
    let mut writer = Writer::new(Vec::new());
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    Ok(writer)
}

fn finish(writer: Writer<Vec<u8>>) -> io::Result<String> {
    String::from_utf8(writer.into_inner()).map_err(io::Error::other)
}

fn urlset(entries: &[UrlEntry], base: &BaseUrl) -> io::Result<String> {
    let mut writer = start()?;
    writer
        .create_element("urlset")
        .with_attribute(("xmlns", NAMESPACE))
        .with_attribute(("xmlns:xhtml", XHTML_NAMESPACE))
        .write_inner_content(|w| {
            for entry in entries {
                w.create_element("url").write_inner_content(|w| {
                    w.create_element("loc")
                        .write_text_content(BytesText::new(&base.join(&entry.path)))?;
                    if let Some(at) = entry.lastmod {
                        w.create_element("lastmod")
                            .write_text_content(BytesText::new(&w3c(at)))?;
                    }
                    for (language, path) in &entry.alternates {
                        w.create_element("xhtml:link")
                            .with_attribute(("rel", "alternate"))
                            .with_attribute(("hreflang", language.as_str()))
                            .with_attribute(("href", base.join(path).as_str()))
                            .write_empty()?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    finish(writer)
}

fn index(parts: &[&[UrlEntry]], base: &BaseUrl) -> io::Result<String> {
    let mut writer = start()?;
    writer
        .create_element("sitemapindex")
        .with_attribute(("xmlns", NAMESPACE))
        .write_inner_content(|w| {
            for (i, part) in parts.iter().enumerate() {
                w.create_element("sitemap").write_inner_content(|w| {
                    w.create_element("loc").write_text_content(BytesText::new(
                        &base.join(&format!("/sitemap.xml?part={}", i + 1)),
                    ))?;
                    if let Some(at) = part.iter().filter_map(|e| e.lastmod).max() {
                        w.create_element("lastmod")
                            .write_text_content(BytesText::new(&w3c(at)))?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    finish(writer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::models::public::syndication::ActivityStamp;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn stamps() -> SiteStamps {
        SiteStamps {
            activities: vec![
                ActivityStamp {
                    slug: "b".into(),
                    // 31 December 20:00 UTC is 1 January in Bangkok.
                    published_at: at("2016-12-31 20:00"),
                    updated_at: at("2017-02-01 10:00"),
                    organization_id: 1,
                    category_ids: vec![7],
                },
                ActivityStamp {
                    slug: "a".into(),
                    published_at: at("2016-12-01 10:00"),
                    updated_at: at("2016-12-01 10:00"),
                    organization_id: 1,
                    category_ids: vec![7, 8],
                },
            ],
            categories: vec![
                (7, "trainings".into()),
                (8, "research".into()),
                (9, "empty".into()),
            ],
            organizations: vec![(1, "mmn".into(), at("2015-01-01 00:00"))],
            pages: vec![("about".into(), at("2014-05-05 05:05"))],
            translations: HashMap::from([(
                "a".to_owned(),
                vec![("en".into(), "a".into()), ("th".into(), "a-th".into())],
            )]),
        }
    }

    #[test]
    fn every_public_page_is_listed_with_its_last_change() {
        let list = entries(&stamps(), chrono_tz::Asia::Bangkok);
        let find = |p: &str| list.iter().find(|e| e.path == p).unwrap().lastmod;
        assert_eq!(find("/"), Some(at("2017-02-01 10:00")));
        assert_eq!(find("/category/trainings"), Some(at("2017-02-01 10:00")));
        assert_eq!(find("/category/research"), Some(at("2016-12-01 10:00")));
        assert_eq!(find("/category/empty"), None);
        assert_eq!(find("/organizations/mmn"), Some(at("2017-02-01 10:00")));
        assert_eq!(find("/archive/2017/01"), Some(at("2017-02-01 10:00")));
        assert_eq!(find("/archive/2016/12"), Some(at("2016-12-01 10:00")));
        assert_eq!(find("/activities/a"), Some(at("2016-12-01 10:00")));
        assert_eq!(find("/pages/about"), Some(at("2014-05-05 05:05")));
        assert_eq!(list.len(), 11);
    }

    #[test]
    fn past_the_limit_the_sitemap_becomes_an_index_of_parts() {
        let base: BaseUrl = "https://x.org".parse().unwrap();
        let list = entries(&stamps(), chrono_tz::Asia::Bangkok);
        let single = document(&list, None, &base, MAX_URLS).unwrap().unwrap();
        assert!(single.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset"));
        assert!(single.contains(
            "<loc>https://x.org/activities/a</loc><lastmod>2016-12-01T10:00:00+00:00</lastmod>\
             <xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://x.org/activities/a\"/>\
             <xhtml:link rel=\"alternate\" hreflang=\"th\" href=\"https://x.org/activities/a-th\"/></url>"
        ), "{single}");
        assert!(single.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
        assert_eq!(single.matches("<xhtml:link").count(), 2);
        assert_eq!(document(&list, Some(1), &base, MAX_URLS).unwrap(), None);

        let index = document(&list, None, &base, 5).unwrap().unwrap();
        assert_eq!(index.matches("<sitemap>").count(), 3);
        assert!(index.contains("<loc>https://x.org/sitemap.xml?part=3</loc>"));
        let third = document(&list, Some(3), &base, 5).unwrap().unwrap();
        assert_eq!(third.matches("<url>").count(), 1);
        assert_eq!(document(&list, Some(4), &base, 5).unwrap(), None);
        assert_eq!(document(&list, Some(0), &base, 5).unwrap(), None);
    }
}
