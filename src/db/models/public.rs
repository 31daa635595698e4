//! What visitors read: published activities as cards and in full, with a fixed number of
//! queries per page whatever the number of activities on it.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::dsl::exists;
use diesel::prelude::*;

use super::translations::{self, LiveMember};

use crate::db::schema::{
    activities, activity_revisions, attachments, categories, image_variants, organizations, photos,
    revision_categories, revision_links, revision_partners, stored_files,
};

/// Which published activities a list shows.
#[derive(Clone, Copy, Debug)]
pub enum Listing {
    /// All of them, newest first.
    Latest,
    Category(i32),
    /// Submitted by this organization.
    Organization(i32),
    /// Published in `[from, to)`, UTC.
    Published(NaiveDateTime, NaiveDateTime),
}

/// A published activity as lists show it.
#[derive(Debug, Clone)]
pub struct ActivityCard {
    pub slug: String,
    pub published_at: NaiveDateTime,
    pub revision_id: i32,
    pub title: String,
    pub summary: String,
    pub language: String,
    pub event_start: Option<NaiveDate>,
    pub event_end: Option<NaiveDate>,
    pub location: String,
    pub organization_name: String,
    pub organization_slug: String,
    pub thumbnail: Option<Picture>,
}

/// A photo with the stored sizes of it, smallest first.
#[derive(Debug, Clone)]
pub struct Picture {
    pub alt: String,
    pub caption: String,
    /// The JPEG sizes, which every browser shows.
    pub variants: Vec<Variant>,
    /// The same sizes in WebP, smaller, for the browsers that take it (none for images
    /// stored before WebP variants were made).
    pub webp: Vec<Variant>,
}

#[derive(Debug, Clone, Queryable)]
pub struct Variant {
    pub path: String,
    pub width: i32,
    pub height: i32,
}

type CardRow = (
    String,
    Option<NaiveDateTime>,
    i32,
    String,
    String,
    String,
    Option<NaiveDate>,
    Option<NaiveDate>,
    String,
    String,
    String,
);

macro_rules! published {
    () => {
        activities::table
            .inner_join(
                activity_revisions::table.on(activity_revisions::id
                    .nullable()
                    .eq(activities::live_revision_id)),
            )
            .inner_join(organizations::table.on(organizations::id.eq(activities::organization_id)))
    };
}

macro_rules! filtered {
    ($listing:expr) => {{
        let mut query = published!().into_boxed();
        match $listing {
            Listing::Latest => {}
            Listing::Category(id) => {
                query = query.filter(exists(
                    revision_categories::table
                        .filter(revision_categories::revision_id.eq(activity_revisions::id))
                        .filter(revision_categories::category_id.eq(id)),
                ))
            }
            Listing::Organization(id) => query = query.filter(activities::organization_id.eq(id)),
            Listing::Published(from, to) => {
                query = query
                    .filter(activities::published_at.ge(from))
                    .filter(activities::published_at.lt(to))
            }
        }
        query
    }};
}

/// How many published activities `listing` holds.
pub fn count(conn: &mut SqliteConnection, listing: Listing) -> QueryResult<i64> {
    listing::count(conn, listing)
}

/// One page of `listing`, newest first, each card with its first photo: three queries.
pub fn cards(
    conn: &mut SqliteConnection,
    listing: Listing,
    offset: i64,
    limit: i64,
) -> QueryResult<Vec<ActivityCard>> {
    let ids = listing::page_ids(conn, listing, offset, limit)?;
    let rows: Vec<CardRow> = published!()
        .filter(activities::id.eq_any(&ids))
        .order((activities::published_at.desc(), activities::id.desc()))
        .select((
            activities::slug,
            activities::published_at,
            activity_revisions::id,
            activity_revisions::title,
            activity_revisions::summary,
            activity_revisions::language,
            activity_revisions::event_start,
            activity_revisions::event_end,
            activity_revisions::location,
            organizations::name,
            organizations::slug,
        ))
        .load(conn)?;
    let revision_ids: Vec<i32> = rows.iter().map(|r| r.2).collect();
    let mut thumbnails = first_pictures(conn, &revision_ids)?;
    Ok(rows
        .into_iter()
        .map(|r| ActivityCard {
            slug: r.0,
            published_at: r.1.unwrap_or_default(),
            thumbnail: thumbnails.remove(&r.2),
            revision_id: r.2,
            title: r.3,
            summary: r.4,
            language: r.5,
            event_start: r.6,
            event_end: r.7,
            location: r.8,
            organization_name: r.9,
            organization_slug: r.10,
        })
        .collect())
}

/// The first photo of each revision, in one query.
fn first_pictures(
    conn: &mut SqliteConnection,
    revision_ids: &[i32],
) -> QueryResult<HashMap<i32, Picture>> {
    let mut out = HashMap::new();
    // Rows come by revision and position, so the first one seen is the first photo.
    for (revision_id, _, picture) in pictures_of(conn, revision_ids)? {
        out.entry(revision_id).or_insert(picture);
    }
    Ok(out)
}

/// Every photo of these revisions with its JPEG and WebP variants, ordered by revision and
/// position: one query.
fn pictures_of(
    conn: &mut SqliteConnection,
    revision_ids: &[i32],
) -> QueryResult<Vec<(i32, i32, Picture)>> {
    let rows: Vec<(i32, i32, i32, String, String, String, Variant)> = photos::table
        .inner_join(image_variants::table.on(image_variants::image_id.eq(photos::image_id)))
        .filter(photos::revision_id.eq_any(revision_ids))
        .filter(image_variants::format.eq_any(["jpeg", "webp"]))
        .order((photos::revision_id, photos::position, image_variants::width))
        .select((
            photos::revision_id,
            photos::position,
            photos::id,
            photos::alt,
            photos::caption,
            image_variants::format,
            (
                image_variants::path,
                image_variants::width,
                image_variants::height,
            ),
        ))
        .load(conn)?;
    let mut out: Vec<(i32, i32, Picture)> = Vec::new();
    let mut last_photo = None;
    for (revision_id, position, photo_id, alt, caption, format, variant) in rows {
        if last_photo != Some(photo_id) {
            out.push((
                revision_id,
                position,
                Picture {
                    alt,
                    caption,
                    variants: Vec::new(),
                    webp: Vec::new(),
                },
            ));
            last_photo = Some(photo_id);
        }
        if let Some((_, _, picture)) = out.last_mut() {
            match format.as_str() {
                "webp" => picture.webp.push(variant),
                _ => picture.variants.push(variant),
            }
        }
    }
    Ok(out)
}

/// A category as lists and navigation show it.
#[derive(Debug, Clone, Queryable)]
pub struct CategoryRow {
    pub id: i32,
    pub slug: String,
    pub name: String,
    pub description: String,
}

pub fn category_by_slug(
    conn: &mut SqliteConnection,
    slug: &str,
) -> QueryResult<Option<CategoryRow>> {
    categories::table
        .filter(categories::slug.eq(slug))
        .select((
            categories::id,
            categories::slug,
            categories::name,
            categories::description,
        ))
        .first(conn)
        .optional()
}

/// Every category with the number of published activities in it, in navigation order.
pub fn categories_with_counts(conn: &mut SqliteConnection) -> QueryResult<Vec<(CategoryRow, i64)>> {
    let rows: Vec<(i32, String, String, String, i64)> = diesel::sql_query(
        "SELECT c.id, c.slug, c.name, c.description,
                (SELECT coalesce(sum(m.activities), 0) FROM category_months m
                  WHERE m.category_id = c.id) AS n
           FROM categories c ORDER BY c.position, c.name",
    )
    .load::<CategoryCount>(conn)?
    .into_iter()
    .map(|c| (c.id, c.slug, c.name, c.description, c.n))
    .collect();
    Ok(rows
        .into_iter()
        .map(|(id, slug, name, description, n)| {
            (
                CategoryRow {
                    id,
                    slug,
                    name,
                    description,
                },
                n,
            )
        })
        .collect())
}

#[derive(QueryableByName)]
struct CategoryCount {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    id: i32,
    #[diesel(sql_type = diesel::sql_types::Text)]
    slug: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    description: String,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// An organization as its page shows it.
#[derive(Debug, Clone)]
pub struct OrganizationRow {
    pub id: i32,
    pub slug: String,
    pub name: String,
    pub country: String,
    pub website: Option<String>,
    pub profile: String,
    pub logo: Option<Vec<Variant>>,
}

type OrganizationColumns = (
    i32,
    String,
    String,
    String,
    Option<String>,
    String,
    Option<i32>,
);

/// An activity's neighbour in a list: (slug, title).
pub type SlugTitle = (String, String);

/// Active organizations by name, each with its logo: two queries.
pub fn organizations(conn: &mut SqliteConnection) -> QueryResult<Vec<OrganizationRow>> {
    load_organizations(conn, None)
}

pub fn organization_by_slug(
    conn: &mut SqliteConnection,
    slug: &str,
) -> QueryResult<Option<OrganizationRow>> {
    Ok(load_organizations(conn, Some(slug))?.into_iter().next())
}

fn load_organizations(
    conn: &mut SqliteConnection,
    slug: Option<&str>,
) -> QueryResult<Vec<OrganizationRow>> {
    let mut query = organizations::table
        .filter(organizations::active.eq(true))
        .order(organizations::name)
        .select((
            organizations::id,
            organizations::slug,
            organizations::name,
            organizations::country,
            organizations::website,
            organizations::profile,
            organizations::logo_image_id,
        ))
        .into_boxed();
    if let Some(slug) = slug {
        query = query.filter(organizations::slug.eq(slug));
    }
    let rows: Vec<OrganizationColumns> = query.load(conn)?;
    let logo_ids: Vec<i32> = rows.iter().filter_map(|r| r.6).collect();
    let mut logos: HashMap<i32, Vec<Variant>> = HashMap::new();
    for (image_id, variant) in image_variants::table
        .filter(image_variants::image_id.eq_any(&logo_ids))
        .filter(image_variants::format.eq("jpeg"))
        .order(image_variants::width)
        .select((
            image_variants::image_id,
            (
                image_variants::path,
                image_variants::width,
                image_variants::height,
            ),
        ))
        .load::<(i32, Variant)>(conn)?
    {
        logos.entry(image_id).or_default().push(variant);
    }
    Ok(rows
        .into_iter()
        .map(|r| OrganizationRow {
            logo: r.6.and_then(|id| logos.remove(&id)),
            id: r.0,
            slug: r.1,
            name: r.2,
            country: r.3,
            website: r.4,
            profile: r.5,
        })
        .collect())
}

/// Everything an activity page shows.
#[derive(Debug, Clone)]
pub struct ActivityDetail {
    pub card: ActivityCard,
    pub body_html: String,
    pub categories: Vec<CategoryRow>,
    pub partners: Vec<(String, String)>,
    pub photos: Vec<Picture>,
    pub attachments: Vec<AttachmentRow>,
    pub links: Vec<(String, String)>,
    /// The other published languages of this activity, original first.
    pub translations: Vec<LiveMember>,
    /// What this translation shows of its original's, having none of its own.
    pub shared_from: Option<SharedFrom>,
}

/// Photos or documents a translation shows from its original.
#[derive(Debug, Clone)]
pub struct SharedFrom {
    /// The original's language, which its alt texts, captions and titles are written in.
    pub language: String,
    pub photos: bool,
    pub documents: bool,
}

#[derive(Debug, Clone, Queryable)]
pub struct AttachmentRow {
    pub title: String,
    pub language: String,
    pub file_name: String,
    pub path: String,
    pub byte_size: i64,
}

/// The published activity `slug` with everything around it, or `None` when it is not public.
pub fn activity_by_slug(
    conn: &mut SqliteConnection,
    slug: &str,
) -> QueryResult<Option<ActivityDetail>> {
    let Some((card_row, body_html, (activity_id, translation_of))) = published!()
        .filter(activities::slug.eq(slug))
        .select((
            (
                activities::slug,
                activities::published_at,
                activity_revisions::id,
                activity_revisions::title,
                activity_revisions::summary,
                activity_revisions::language,
                activity_revisions::event_start,
                activity_revisions::event_end,
                activity_revisions::location,
                organizations::name,
                organizations::slug,
            ),
            activity_revisions::body_html,
            (activities::id, activities::translation_of),
        ))
        .first::<(CardRow, String, (i32, Option<i32>))>(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let revision_id = card_row.2;
    let categories = revision_categories::table
        .inner_join(categories::table)
        .filter(revision_categories::revision_id.eq(revision_id))
        .order((categories::position, categories::name))
        .select((
            categories::id,
            categories::slug,
            categories::name,
            categories::description,
        ))
        .load(conn)?;
    let partners = revision_partners::table
        .inner_join(organizations::table)
        .filter(revision_partners::revision_id.eq(revision_id))
        .order(organizations::name)
        .select((organizations::slug, organizations::name))
        .load(conn)?;
    let mut photos = photos_of(conn, revision_id)?;
    let mut attachments = attachments_of(conn, revision_id)?;
    let root = translation_of.unwrap_or(activity_id);
    let mut translations = translations::live_members(conn, root)?;
    // Shared, not copied: a translation without photos (or documents) shows the original's.
    let original = translations
        .iter()
        .find(|m| m.id == root && m.id != activity_id)
        .filter(|_| photos.is_empty() || attachments.is_empty());
    let mut shared_from = None;
    if let Some(original) = original {
        let mut shared = SharedFrom {
            language: original.language.clone(),
            photos: false,
            documents: false,
        };
        if photos.is_empty() {
            photos = photos_of(conn, original.live_revision_id)?;
            shared.photos = !photos.is_empty();
        }
        if attachments.is_empty() {
            attachments = attachments_of(conn, original.live_revision_id)?;
            shared.documents = !attachments.is_empty();
        }
        shared_from = (shared.photos || shared.documents).then_some(shared);
    }
    translations.retain(|m| m.id != activity_id);
    let links = revision_links::table
        .filter(revision_links::revision_id.eq(revision_id))
        .order(revision_links::position)
        .select((revision_links::url, revision_links::title))
        .load(conn)?;
    let card = ActivityCard {
        slug: card_row.0,
        published_at: card_row.1.unwrap_or_default(),
        revision_id,
        title: card_row.3,
        summary: card_row.4,
        language: card_row.5,
        event_start: card_row.6,
        event_end: card_row.7,
        location: card_row.8,
        organization_name: card_row.9,
        organization_slug: card_row.10,
        thumbnail: None,
    };
    Ok(Some(ActivityDetail {
        card,
        body_html,
        categories,
        partners,
        photos,
        attachments,
        links,
        translations,
        shared_from,
    }))
}

fn photos_of(conn: &mut SqliteConnection, revision_id: i32) -> QueryResult<Vec<Picture>> {
    Ok(pictures_of(conn, &[revision_id])?
        .into_iter()
        .map(|(_, _, p)| p)
        .collect())
}

fn attachments_of(
    conn: &mut SqliteConnection,
    revision_id: i32,
) -> QueryResult<Vec<AttachmentRow>> {
    attachments::table
        .inner_join(stored_files::table)
        .filter(attachments::revision_id.eq(revision_id))
        .order(attachments::position)
        .select((
            attachments::title,
            attachments::language,
            attachments::file_name,
            stored_files::path,
            stored_files::byte_size,
        ))
        .load(conn)
}

/// The published activities just older and just newer than the one published at
/// `published_at` in `category_id`: (previous, next) as (slug, title).
pub fn neighbours(
    conn: &mut SqliteConnection,
    category_id: i32,
    slug: &str,
    published_at: NaiveDateTime,
) -> QueryResult<(Option<SlugTitle>, Option<SlugTitle>)> {
    let in_category = || {
        published!()
            .filter(activities::slug.ne(slug.to_owned()))
            .filter(exists(
                revision_categories::table
                    .filter(revision_categories::revision_id.eq(activity_revisions::id))
                    .filter(revision_categories::category_id.eq(category_id)),
            ))
            .select((activities::slug, activity_revisions::title))
    };
    let older = in_category()
        .filter(activities::published_at.le(published_at))
        .order(activities::published_at.desc())
        .first(conn)
        .optional()?;
    let newer = in_category()
        .filter(activities::published_at.ge(published_at))
        .order(activities::published_at.asc())
        .first(conn)
        .optional()?;
    Ok((older, newer))
}

/// Months (in the site's time zone, given as its UTC offset in seconds) with the number of
/// activities published in each, newest first.
/// Each month (in the site's time zone) that has public activities, newest first, with
/// their number: (year, month, count).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublicMonths(pub Vec<(i32, u32, i64)>);

/// Reads every public activity's date: pages share it through a `Memo` kept until the
/// content changes, rather than each reading 100 000 dates.
pub fn months_with_counts(
    conn: &mut SqliteConnection,
    utc_offset_seconds: i32,
) -> QueryResult<PublicMonths> {
    let rows: Vec<MonthCount> = diesel::sql_query(
        "SELECT CAST(strftime('%Y', published_at, ?1 || ' seconds') AS INTEGER) AS year,
                CAST(strftime('%m', published_at, ?1 || ' seconds') AS INTEGER) AS month,
                count(*) AS n
           FROM activities WHERE live_revision_id IS NOT NULL
          GROUP BY year, month ORDER BY year DESC, month DESC",
    )
    .bind::<diesel::sql_types::Integer, _>(utc_offset_seconds)
    .load(conn)?;
    Ok(PublicMonths(
        rows.into_iter()
            .map(|m| (m.year, m.month as u32, m.n))
            .collect(),
    ))
}

#[derive(QueryableByName)]
struct MonthCount {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    year: i32,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    month: i32,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// An editable page.
#[derive(Debug, Clone, Queryable)]
pub struct PageRow {
    pub slug: String,
    pub title: String,
    pub body: String,
    pub language: String,
}

pub fn page_by_slug(conn: &mut SqliteConnection, slug: &str) -> QueryResult<Option<PageRow>> {
    use crate::db::schema::pages;
    pages::table
        .filter(pages::slug.eq(slug))
        .select((pages::slug, pages::title, pages::body, pages::language))
        .first(conn)
        .optional()
}

// Declared last: they use the `published!` and `filtered!` macros above.
mod listing;
pub mod search;
pub mod syndication;
