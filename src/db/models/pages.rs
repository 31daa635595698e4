//! The editable pages (About, Members, Contact, Privacy) as the secretariat edits them
//! (visitors read them through `public.rs`, inserting is in `site.rs`).

use chrono::NaiveDateTime;
use diesel::dsl::now;
use diesel::prelude::*;

use crate::db::schema::pages;

/// A page as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = pages)]
pub struct Page {
    pub id: i32,
    pub slug: String,
    pub title: String,
    pub body: String,
    pub updated_at: NaiveDateTime,
}

/// Every page in the order of the site's navigation.
pub fn list(conn: &mut SqliteConnection) -> QueryResult<Vec<Page>> {
    pages::table
        .order((pages::position, pages::slug))
        .select(Page::as_select())
        .load(conn)
}

pub fn find_by_slug(conn: &mut SqliteConnection, slug: &str) -> QueryResult<Option<Page>> {
    pages::table
        .filter(pages::slug.eq(slug))
        .select(Page::as_select())
        .first(conn)
        .optional()
}

/// Saves a new title and body, stamped with who and when (feeds and the sitemap read it).
pub fn update(
    conn: &mut SqliteConnection,
    id: i32,
    title: &str,
    body: &str,
    by: Option<i32>,
) -> QueryResult<()> {
    diesel::update(pages::table.find(id))
        .set((
            pages::title.eq(title),
            pages::body.eq(body),
            pages::updated_by.eq(by),
            pages::updated_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}
