//! Organizations as the secretariat manages them (the public read side is in `public.rs`,
//! inserting in `site.rs`).

use std::collections::HashMap;

use diesel::dsl::{count_star, now};
use diesel::prelude::*;

use crate::db::schema::{image_variants, organizations, users};

/// An organization as stored, active or not.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = organizations)]
pub struct Organization {
    pub id: i32,
    pub slug: String,
    pub name: String,
    pub country: String,
    pub website: Option<String>,
    pub profile: String,
    pub logo_image_id: Option<i32>,
    pub active: bool,
}

/// What the secretariat may change besides the logo and the active flag.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = organizations, treat_none_as_null = true)]
pub struct OrganizationChanges<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub country: &'a str,
    pub website: Option<&'a str>,
    pub profile: &'a str,
}

/// What a member may change of their own organization.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = organizations, treat_none_as_null = true)]
pub struct ProfileChanges<'a> {
    pub website: Option<&'a str>,
    pub profile: &'a str,
}

pub fn find(conn: &mut SqliteConnection, id: i32) -> QueryResult<Option<Organization>> {
    organizations::table
        .find(id)
        .select(Organization::as_select())
        .first(conn)
        .optional()
}

/// Every organization by name, active or not, with how many accounts each has: two queries.
pub fn list_with_account_counts(
    conn: &mut SqliteConnection,
) -> QueryResult<Vec<(Organization, i64)>> {
    let all = organizations::table
        .order((organizations::name, organizations::id))
        .select(Organization::as_select())
        .load(conn)?;
    let counts: HashMap<Option<i32>, i64> = users::table
        .filter(users::organization_id.is_not_null())
        .group_by(users::organization_id)
        .select((users::organization_id, count_star()))
        .load::<(Option<i32>, i64)>(conn)?
        .into_iter()
        .collect();
    Ok(all
        .into_iter()
        .map(|o| {
            let n = counts.get(&Some(o.id)).copied().unwrap_or(0);
            (o, n)
        })
        .collect())
}

pub fn update(
    conn: &mut SqliteConnection,
    id: i32,
    changes: &OrganizationChanges<'_>,
) -> QueryResult<()> {
    diesel::update(organizations::table.find(id))
        .set((changes, organizations::updated_at.eq(now)))
        .execute(conn)
        .map(drop)
}

pub fn update_profile(
    conn: &mut SqliteConnection,
    id: i32,
    changes: &ProfileChanges<'_>,
) -> QueryResult<()> {
    diesel::update(organizations::table.find(id))
        .set((changes, organizations::updated_at.eq(now)))
        .execute(conn)
        .map(drop)
}

pub fn set_logo(conn: &mut SqliteConnection, id: i32, image_id: i32) -> QueryResult<()> {
    diesel::update(organizations::table.find(id))
        .set((
            organizations::logo_image_id.eq(image_id),
            organizations::updated_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

pub fn set_active(conn: &mut SqliteConnection, id: i32, active: bool) -> QueryResult<()> {
    diesel::update(organizations::table.find(id))
        .set((
            organizations::active.eq(active),
            organizations::updated_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// The path (under `media/`) and size of an image's smallest JPEG variant, for a preview.
pub fn smallest_variant(
    conn: &mut SqliteConnection,
    image_id: i32,
) -> QueryResult<Option<(String, i32, i32)>> {
    image_variants::table
        .filter(image_variants::image_id.eq(image_id))
        .filter(image_variants::format.eq("jpeg"))
        .order(image_variants::width)
        .select((
            image_variants::path,
            image_variants::width,
            image_variants::height,
        ))
        .first(conn)
        .optional()
}
