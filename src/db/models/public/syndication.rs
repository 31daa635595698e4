//! What feeds and the sitemap read: published activities with their full content, and the
//! last change of every public page.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::dsl::exists;
use diesel::prelude::*;

use super::{AttachmentRow, CategoryRow, Listing};
use crate::db::models::translations;
use crate::db::schema::{
    activities, activity_revisions, attachments, categories, organizations, pages,
    revision_categories, stored_files,
};

/// A published activity as a feed entry shows it.
#[derive(Debug, Clone)]
pub struct FeedItem {
    pub activity_id: i32,
    pub slug: String,
    pub published_at: NaiveDateTime,
    /// The later of the first publication and the last edit of the live revision.
    pub updated_at: NaiveDateTime,
    pub title: String,
    pub summary: String,
    pub body_html: String,
    pub language: String,
    pub organization_name: String,
    pub organization_slug: String,
    pub categories: Vec<CategoryRow>,
    pub attachments: Vec<AttachmentRow>,
    /// Its published translations as (language, slug), original first.
    pub translations: Vec<(String, String)>,
}

type ItemRow = (
    i32,
    String,
    Option<NaiveDateTime>,
    NaiveDateTime,
    i32,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<i32>,
);

/// The newest `limit` activities of `listing`, with categories, attachments and
/// translations: four queries.
pub fn feed_items(
    conn: &mut SqliteConnection,
    listing: Listing,
    limit: i64,
) -> QueryResult<Vec<FeedItem>> {
    let rows: Vec<ItemRow> = filtered!(listing)
        .order((activities::published_at.desc(), activities::id.desc()))
        .limit(limit)
        .select((
            activities::id,
            activities::slug,
            activities::published_at,
            activity_revisions::updated_at,
            activity_revisions::id,
            activity_revisions::title,
            activity_revisions::summary,
            activity_revisions::body_html,
            activity_revisions::language,
            organizations::name,
            organizations::slug,
            activities::translation_of,
        ))
        .load(conn)?;
    let roots: Vec<i32> = rows.iter().map(|r| r.11.unwrap_or(r.0)).collect();
    let mut sets: HashMap<i32, Vec<(i32, String, String)>> = HashMap::new();
    for (root, member) in translations::live_members_of_sets(conn, &roots)? {
        sets.entry(root)
            .or_default()
            .push((member.id, member.language, member.slug));
    }
    let revision_ids: Vec<i32> = rows.iter().map(|r| r.4).collect();
    let mut by_revision: HashMap<i32, Vec<CategoryRow>> = HashMap::new();
    for (revision_id, category) in revision_categories::table
        .inner_join(categories::table)
        .filter(revision_categories::revision_id.eq_any(&revision_ids))
        .order((categories::position, categories::name))
        .select((
            revision_categories::revision_id,
            (
                categories::id,
                categories::slug,
                categories::name,
                categories::description,
            ),
        ))
        .load::<(i32, CategoryRow)>(conn)?
    {
        by_revision.entry(revision_id).or_default().push(category);
    }
    let mut files: HashMap<i32, Vec<AttachmentRow>> = HashMap::new();
    for (revision_id, attachment) in attachments::table
        .inner_join(stored_files::table)
        .filter(attachments::revision_id.eq_any(&revision_ids))
        .order((attachments::revision_id, attachments::position))
        .select((
            attachments::revision_id,
            (
                attachments::title,
                attachments::language,
                attachments::file_name,
                stored_files::path,
                stored_files::byte_size,
            ),
        ))
        .load::<(i32, AttachmentRow)>(conn)?
    {
        files.entry(revision_id).or_default().push(attachment);
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let published_at = r.2.unwrap_or(r.3);
            FeedItem {
                activity_id: r.0,
                slug: r.1,
                published_at,
                updated_at: published_at.max(r.3),
                categories: by_revision.remove(&r.4).unwrap_or_default(),
                attachments: files.remove(&r.4).unwrap_or_default(),
                title: r.5,
                summary: r.6,
                body_html: r.7,
                language: r.8,
                organization_name: r.9,
                organization_slug: r.10,
                translations: sets
                    .get(&r.11.unwrap_or(r.0))
                    .into_iter()
                    .flatten()
                    .filter(|(id, _, _)| *id != r.0)
                    .map(|(_, language, slug)| (language.clone(), slug.clone()))
                    .collect(),
            }
        })
        .collect())
}

/// A public activity as the sitemap needs it.
#[derive(Debug, Clone)]
pub struct ActivityStamp {
    pub slug: String,
    pub published_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub organization_id: i32,
    pub category_ids: Vec<i32>,
}

/// Everything the sitemap lists, in five queries whatever the size of the site.
#[derive(Debug, Clone, Default)]
pub struct SiteStamps {
    pub activities: Vec<ActivityStamp>,
    /// (id, slug) of every category.
    pub categories: Vec<(i32, String)>,
    /// (id, slug, updated_at) of active organizations.
    pub organizations: Vec<(i32, String, NaiveDateTime)>,
    /// (slug, updated_at) of the editable pages.
    pub pages: Vec<(String, NaiveDateTime)>,
    /// The sets of translations, by the slug of each member: (language, slug), original
    /// first.
    pub translations: HashMap<String, Vec<(String, String)>>,
}

pub fn site_stamps(conn: &mut SqliteConnection) -> QueryResult<SiteStamps> {
    let rows: Vec<(i32, String, Option<NaiveDateTime>, NaiveDateTime, i32)> =
        filtered!(Listing::Latest)
            .order((activities::published_at.desc(), activities::id.desc()))
            .select((
                activity_revisions::id,
                activities::slug,
                activities::published_at,
                activity_revisions::updated_at,
                activities::organization_id,
            ))
            .load(conn)?;
    let mut category_ids: HashMap<i32, Vec<i32>> = HashMap::new();
    for (revision_id, category_id) in revision_categories::table
        .inner_join(
            activities::table
                .on(activities::live_revision_id.eq(revision_categories::revision_id.nullable())),
        )
        .select((
            revision_categories::revision_id,
            revision_categories::category_id,
        ))
        .load::<(i32, i32)>(conn)?
    {
        category_ids
            .entry(revision_id)
            .or_default()
            .push(category_id);
    }
    let activities = rows
        .into_iter()
        .map(
            |(revision_id, slug, published_at, updated_at, organization_id)| {
                let published_at = published_at.unwrap_or(updated_at);
                ActivityStamp {
                    slug,
                    published_at,
                    updated_at: published_at.max(updated_at),
                    organization_id,
                    category_ids: category_ids.remove(&revision_id).unwrap_or_default(),
                }
            },
        )
        .collect();
    Ok(SiteStamps {
        activities,
        categories: categories::table
            .order((categories::position, categories::name))
            .select((categories::id, categories::slug))
            .load(conn)?,
        organizations: organizations::table
            .filter(organizations::active.eq(true))
            .order(organizations::name)
            .select((
                organizations::id,
                organizations::slug,
                organizations::updated_at,
            ))
            .load(conn)?,
        pages: pages::table
            .order(pages::position)
            .select((pages::slug, pages::updated_at))
            .load(conn)?,
        translations: translations::live_sets(conn)?,
    })
}
