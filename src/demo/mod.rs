//! Demo content for a brand-new database: the network's categories, organizations,
//! activities in English, Thai and Burmese with drawn photos and generated PDFs, and pages.
//!
//! The text lives in `content.toml` (written for this project; facts such as places, dates
//! and organization names come from the network's public record). Pictures and documents are
//! made here, before the one transaction that records everything.

mod pdf;
mod pictures;
pub mod seed;

use std::collections::HashMap;

use anyhow::{Context, bail};
use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use serde::Deserialize;

use crate::db::Db;
use crate::db::models::activities::{self as acts, NewAttachment, NewPhoto, NewRevision};
use crate::db::models::media::{self, NewStoredFile};
use crate::db::models::moderation::{self, NewModerationEvent};
use crate::db::models::site::{self, NewCategory, NewOrganization, NewPage};
use crate::db::models::translations;
use crate::markdown;
use crate::media::images::{self, PreparedImage};
use crate::media::sha256_hex;
use crate::media::store::MediaStore;

const CONTENT: &str = include_str!("content.toml");

#[derive(Deserialize)]
struct Content {
    categories: Vec<Category>,
    organizations: Vec<Organization>,
    activities: Vec<Activity>,
    pages: Vec<Page>,
}

#[derive(Deserialize)]
struct Category {
    slug: String,
    name: String,
    description: String,
    position: i32,
}

#[derive(Deserialize)]
struct Organization {
    slug: String,
    name: String,
    country: String,
    website: Option<String>,
    profile: String,
    logo_hue: u16,
}

#[derive(Deserialize)]
struct Activity {
    slug: String,
    state: String,
    organization: String,
    #[serde(default)]
    partners: Vec<String>,
    categories: Vec<String>,
    language: String,
    title: String,
    summary: String,
    event_start: Option<NaiveDate>,
    event_end: Option<NaiveDate>,
    #[serde(default)]
    location: String,
    published_at: Option<String>,
    moderation_comment: Option<String>,
    body: String,
    #[serde(default)]
    links: Vec<Link>,
    #[serde(default)]
    photos: Vec<Photo>,
    #[serde(default)]
    attachments: Vec<Attachment>,
    /// The slug of the activity this one translates.
    translation_of: Option<String>,
}

#[derive(Deserialize)]
struct Link {
    url: String,
    title: String,
}

#[derive(Deserialize)]
struct Photo {
    alt: String,
    caption: String,
    hue: u16,
}

#[derive(Deserialize)]
struct Attachment {
    title: String,
    language: String,
    file_name: String,
    pages: Vec<String>,
}

#[derive(Deserialize)]
struct Page {
    slug: String,
    title: String,
    body: String,
}

/// What [`fill`] added, for the log.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub categories: usize,
    pub organizations: usize,
    pub activities: usize,
    pub published: usize,
    pub photos: usize,
    pub attachments: usize,
}

/// A generated PDF, written and waiting for its row.
struct PreparedFile {
    sha256: String,
    path: String,
    size: i64,
}

/// Fills an empty database with the demo content; `timezone` reads its publication times.
pub fn fill(db: &Db, store: &MediaStore, timezone: chrono_tz::Tz) -> anyhow::Result<Summary> {
    let content: Content = basic_toml::from_str(CONTENT).context("demo/content.toml")?;

    // Pictures and documents first, outside the transaction: the slow part.
    let mut logos = HashMap::new();
    for org in &content.organizations {
        let prepared = prepare_picture(
            pictures::logo(&org.slug, org.logo_hue),
            &format!("logo:{}", org.slug),
        )?;
        write_variants(store, &prepared)?;
        logos.insert(org.slug.as_str(), prepared);
    }
    let mut photos = HashMap::new();
    let mut files = HashMap::new();
    for activity in &content.activities {
        for (i, photo) in activity.photos.iter().enumerate() {
            let seed = format!("{}/{i}", activity.slug);
            let prepared = prepare_picture(pictures::photo(&seed, photo.hue), &seed)?;
            write_variants(store, &prepared)?;
            photos.insert(seed, prepared);
        }
        for attachment in &activity.attachments {
            let bytes = pdf::document(&attachment.title, &attachment.pages);
            let sha256 = sha256_hex(&bytes);
            let path = format!("doc/{}/{sha256}.pdf", &sha256[..2]);
            store.write(&path, &bytes)?;
            files.insert(
                (activity.slug.as_str(), attachment.file_name.as_str()),
                PreparedFile {
                    sha256,
                    path,
                    size: bytes.len() as i64,
                },
            );
        }
    }

    let mut conn = db.write_conn()?;
    conn.immediate_transaction(|conn| {
        let mut summary = Summary::default();
        let mut category_ids = HashMap::new();
        for c in &content.categories {
            let id = site::insert_category(
                conn,
                &NewCategory {
                    slug: &c.slug,
                    name: &c.name,
                    description: &c.description,
                    position: c.position,
                },
            )?;
            category_ids.insert(c.slug.as_str(), id);
            summary.categories += 1;
        }
        let mut org_ids = HashMap::new();
        for o in &content.organizations {
            let logo = media::insert_image(conn, &logos[o.slug.as_str()])?;
            let id = site::insert_organization(
                conn,
                &NewOrganization {
                    slug: &o.slug,
                    name: &o.name,
                    country: &o.country,
                    website: o.website.as_deref(),
                    profile: &o.profile,
                    logo_image_id: Some(logo),
                },
            )?;
            org_ids.insert(o.slug.as_str(), id);
            summary.organizations += 1;
        }
        let lookup = |map: &HashMap<&str, i32>, slug: &str, what: &str| {
            map.get(slug)
                .copied()
                .with_context(|| format!("unknown {what} {slug}"))
        };
        let mut activity_ids: HashMap<&str, i32> = HashMap::new();
        for a in &content.activities {
            let organization_id = lookup(&org_ids, &a.organization, "organization")?;
            let published_at = a
                .published_at
                .as_deref()
                .map(|t| site_time_to_utc(t, timezone))
                .transpose()?;
            let activity_id = acts::insert_activity(conn, &a.slug, organization_id, None)?;
            activity_ids.insert(a.slug.as_str(), activity_id);
            let body_html = markdown::render(&a.body);
            let revision_id = acts::insert_revision(
                conn,
                &NewRevision {
                    activity_id,
                    number: 1,
                    state: &a.state,
                    title: &a.title,
                    summary: &a.summary,
                    body: &a.body,
                    body_html: body_html.as_str(),
                    event_start: a.event_start,
                    event_end: a.event_end,
                    location: a.location.trim(),
                    language: &a.language,
                    photo_consent: !a.photos.is_empty() && a.state != "draft",
                    created_by: None,
                    submitted_at: (a.state != "draft").then_some(published_at).flatten(),
                },
            )?;
            let categories = a
                .categories
                .iter()
                .map(|s| lookup(&category_ids, s, "category"))
                .collect::<anyhow::Result<Vec<_>>>()?;
            acts::add_categories(conn, revision_id, &categories)?;
            let partners = a
                .partners
                .iter()
                .map(|s| lookup(&org_ids, s, "partner"))
                .collect::<anyhow::Result<Vec<_>>>()?;
            acts::add_partners(conn, revision_id, &partners)?;
            for (i, link) in a.links.iter().enumerate() {
                acts::add_link(conn, revision_id, i as i32, &link.url, &link.title)?;
            }
            for (i, photo) in a.photos.iter().enumerate() {
                let image_id = media::insert_image(conn, &photos[&format!("{}/{i}", a.slug)])?;
                acts::add_photo(
                    conn,
                    &NewPhoto {
                        revision_id,
                        image_id,
                        position: i as i32,
                        alt: &photo.alt,
                        caption: &photo.caption,
                        original_name: "",
                    },
                )?;
                summary.photos += 1;
            }
            for (i, attachment) in a.attachments.iter().enumerate() {
                let file = &files[&(a.slug.as_str(), attachment.file_name.as_str())];
                let file_id = media::insert_file(
                    conn,
                    &NewStoredFile {
                        sha256: &file.sha256,
                        media_type: "application/pdf",
                        byte_size: file.size,
                        path: &file.path,
                    },
                )?;
                acts::add_attachment(
                    conn,
                    &NewAttachment {
                        revision_id,
                        file_id,
                        position: i as i32,
                        title: &attachment.title,
                        language: &attachment.language,
                        file_name: &attachment.file_name,
                    },
                )?;
                summary.attachments += 1;
            }
            match (a.state.as_str(), published_at) {
                ("published", Some(at)) => {
                    acts::set_live(conn, activity_id, revision_id, at)?;
                    summary.published += 1;
                }
                ("unpublished", Some(at)) => acts::set_published_at(conn, activity_id, at)?,
                ("published" | "unpublished", None) => bail!("{} needs published_at", a.slug),
                _ => {}
            }
            moderation::record(
                conn,
                &NewModerationEvent {
                    activity_id: Some(activity_id),
                    revision_id: Some(revision_id),
                    activity_title: &a.title,
                    actor_id: None,
                    action: "demo",
                    from_state: None,
                    to_state: Some(&a.state),
                    comment: a.moderation_comment.as_deref().unwrap_or("Demo content"),
                },
            )?;
            summary.activities += 1;
        }
        for a in &content.activities {
            if let Some(original) = &a.translation_of {
                let original = lookup(&activity_ids, original, "original activity")?;
                translations::move_set(conn, activity_ids[a.slug.as_str()], original)?;
            }
        }
        for (i, p) in content.pages.iter().enumerate() {
            site::insert_page(
                conn,
                &NewPage {
                    slug: &p.slug,
                    title: &p.title,
                    body: &p.body,
                    position: i as i32,
                },
            )?;
        }
        Ok(summary)
    })
}

fn prepare_picture(picture: image::DynamicImage, seed: &str) -> anyhow::Result<PreparedImage> {
    images::prepare(&picture, sha256_hex(format!("demo:{seed}").as_bytes()))
}

fn write_variants(store: &MediaStore, image: &PreparedImage) -> anyhow::Result<()> {
    for variant in &image.variants {
        store.write(&variant.relative_path(), &variant.bytes)?;
    }
    Ok(())
}

/// `YYYY-MM-DD HH:MM` in the site's time zone, as stored: UTC.
fn site_time_to_utc(text: &str, timezone: chrono_tz::Tz) -> anyhow::Result<NaiveDateTime> {
    let local = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
        .with_context(|| format!("bad time {text:?}"))?;
    let zoned = timezone
        .from_local_datetime(&local)
        .earliest()
        .with_context(|| format!("{text} does not exist in {timezone}"))?;
    Ok(zoned.naive_utc())
}
