//! Categories as the secretariat manages them (inserting is in `site.rs`).

use diesel::prelude::*;

use crate::db::schema::categories;

/// A category as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = categories)]
pub struct Category {
    pub id: i32,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub position: i32,
}

/// What may change of a category; the slug stays, since public links and feeds use it.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = categories)]
pub struct CategoryChanges<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub position: i32,
}

/// Every category in the order visitors see them.
pub fn list(conn: &mut SqliteConnection) -> QueryResult<Vec<Category>> {
    categories::table
        .order((categories::position, categories::name))
        .select(Category::as_select())
        .load(conn)
}

pub fn find(conn: &mut SqliteConnection, id: i32) -> QueryResult<Option<Category>> {
    categories::table
        .find(id)
        .select(Category::as_select())
        .first(conn)
        .optional()
}

/// The id of the category `slug`, if one has it.
pub fn id_by_slug(conn: &mut SqliteConnection, slug: &str) -> QueryResult<Option<i32>> {
    categories::table
        .filter(categories::slug.eq(slug))
        .select(categories::id)
        .first(conn)
        .optional()
}

pub fn update(
    conn: &mut SqliteConnection,
    id: i32,
    changes: &CategoryChanges<'_>,
) -> QueryResult<()> {
    diesel::update(categories::table.find(id))
        .set(changes)
        .execute(conn)
        .map(drop)
}
