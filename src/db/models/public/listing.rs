//! Which published activities a list holds, read from narrow rows and indexes only.
//!
//! A revision row is wide (the report as written and as HTML, often in a script of three
//! bytes a character), so counting a category or skipping to page 1 000 through revisions
//! would read most of the database. Counts and page boundaries come from `activities`
//! (`activities_public`, `activities_organization`) and, for categories, from
//! `category_listing`, whose covering index holds each category's list in order, so that
//! page 1 000 costs about what page 1 does. Only the rows of the page are read in full.

use diesel::prelude::*;

use super::Listing;
use crate::db::schema::{activities, category_listing};

macro_rules! listed {
    ($listing:expr) => {{
        let mut query = activities::table
            .filter(activities::live_revision_id.is_not_null())
            .into_boxed();
        match $listing {
            Listing::Latest | Listing::Category(_) => {}
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
    match listing {
        Listing::Category(id) => category_listing::table
            .filter(category_listing::category_id.eq(id))
            .count()
            .get_result(conn),
        _ => listed!(listing).count().get_result(conn),
    }
}

/// The activity ids of one page of `listing`, newest first.
pub fn page_ids(
    conn: &mut SqliteConnection,
    listing: Listing,
    offset: i64,
    limit: i64,
) -> QueryResult<Vec<i32>> {
    match listing {
        Listing::Category(id) => category_listing::table
            .filter(category_listing::category_id.eq(id))
            .order((
                category_listing::published_at.desc(),
                category_listing::activity_id.desc(),
            ))
            .offset(offset)
            .limit(limit)
            .select(category_listing::activity_id)
            .load(conn),
        _ => listed!(listing)
            .order((activities::published_at.desc(), activities::id.desc()))
            .offset(offset)
            .limit(limit)
            .select(activities::id)
            .load(conn),
    }
}
