//! Organizations, categories and pages: the site's structure.

use diesel::prelude::*;

use crate::db::schema::{categories, organizations, pages};

/// A new organization.
#[derive(Debug, Insertable)]
#[diesel(table_name = organizations)]
pub struct NewOrganization<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub country: &'a str,
    pub website: Option<&'a str>,
    pub profile: &'a str,
    pub logo_image_id: Option<i32>,
}

pub fn insert_organization(
    conn: &mut SqliteConnection,
    org: &NewOrganization<'_>,
) -> QueryResult<i32> {
    diesel::insert_into(organizations::table)
        .values(org)
        .returning(organizations::id)
        .get_result(conn)
}

/// A new category.
#[derive(Debug, Insertable)]
#[diesel(table_name = categories)]
pub struct NewCategory<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub position: i32,
}

pub fn insert_category(
    conn: &mut SqliteConnection,
    category: &NewCategory<'_>,
) -> QueryResult<i32> {
    diesel::insert_into(categories::table)
        .values(category)
        .returning(categories::id)
        .get_result(conn)
}

/// A new editable page.
#[derive(Debug, Insertable)]
#[diesel(table_name = pages)]
pub struct NewPage<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub position: i32,
}

pub fn insert_page(conn: &mut SqliteConnection, page: &NewPage<'_>) -> QueryResult<i32> {
    diesel::insert_into(pages::table)
        .values(page)
        .returning(pages::id)
        .get_result(conn)
}

/// The id of the organization `slug`, active or not.
pub fn organization_id(conn: &mut SqliteConnection, slug: &str) -> QueryResult<Option<i32>> {
    organizations::table
        .filter(organizations::slug.eq(slug))
        .select(organizations::id)
        .first(conn)
        .optional()
}

pub fn organization_slug(conn: &mut SqliteConnection, id: i32) -> QueryResult<Option<String>> {
    organizations::table
        .find(id)
        .select(organizations::slug)
        .first(conn)
        .optional()
}
