//! Which published activities a list holds, read from narrow rows and indexes only.
//!
//! A revision row is wide (the report as written and as HTML, often in a script of three
//! bytes a character), so counting a category or skipping to page 1 000 through revisions
//! would read most of the database. Counts and page boundaries come from `activities`
//! (`activities_public`, `activities_organization`) and, for categories, from
//! `category_listing`, whose covering index holds each category's list in order, and
//! `category_months`, its number of activities per month (migration 000012): a category's
//! count sums its months, and a deep page starts at the month holding its first activity
//! instead of stepping over every newer one, so that page 1 000 costs what page 1 does.
//! Only the rows of the page are read in full.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{NaiveDate, NaiveDateTime};
use diesel::dsl::sum;
use diesel::prelude::*;

use super::Listing;
use crate::db::schema::{activities, category_listing};

diesel::table! {
    /// A category's activities per month of publication ('YYYY-MM', UTC). Kept by triggers
    /// (`migrations/*_category_months`): never written by the portal.
    category_months (category_id, month) {
        category_id -> Integer,
        month -> Text,
        activities -> Integer,
    }
}

// A page's statement checks the months in a subquery.
diesel::allow_tables_to_appear_in_same_query!(category_listing, category_months);

/// From this offset on (page 101), a category page starts at its month: stepping over
/// 1 000 index entries costs about what the check of the month does.
const MONTH_SEEK_FROM: i64 = 1_000;

/// A month of a category's list: its first activity's position (the number of activities
/// in newer months) and how many it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Month {
    month: String,
    newer: i64,
    activities: i64,
}

/// Each category's months, newest first, as last read, shared by every connection of the
/// process. Only a hint: a page read from it checks in the same statement that the
/// month's position still holds, so a stale or foreign hint (tests open many databases)
/// costs a re-read, never a wrong page.
static MONTHS: Mutex<Option<HashMap<i32, Arc<Vec<Month>>>>> = Mutex::new(None);

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
        Listing::Category(id) => category_months::table
            .filter(category_months::category_id.eq(id))
            .select(sum(category_months::activities))
            .get_result::<Option<i64>>(conn)
            .map(Option::unwrap_or_default),
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
        Listing::Category(id) if offset >= MONTH_SEEK_FROM => {
            category_page_from_month(conn, id, offset, limit)
        }
        Listing::Category(id) => category_page(conn, id, offset, limit),
        _ => listed!(listing)
            .order((activities::published_at.desc(), activities::id.desc()))
            .offset(offset)
            .limit(limit)
            .select(activities::id)
            .load(conn),
    }
}

/// Page `offset..offset + limit` of category `id`, stepping over the newer activities.
fn category_page(
    conn: &mut SqliteConnection,
    id: i32,
    offset: i64,
    limit: i64,
) -> QueryResult<Vec<i32>> {
    category_listing::table
        .filter(category_listing::category_id.eq(id))
        .order((
            category_listing::published_at.desc(),
            category_listing::activity_id.desc(),
        ))
        .offset(offset)
        .limit(limit)
        .select(category_listing::activity_id)
        .load(conn)
}

/// Page `offset..offset + limit` of category `id`, from the month holding its first
/// activity: one statement, skipping at most that month's activities. The months come
/// from [`MONTHS`], read again when they do not hold the page or no longer match.
fn category_page_from_month(
    conn: &mut SqliteConnection,
    id: i32,
    offset: i64,
    limit: i64,
) -> QueryResult<Vec<i32>> {
    let kept = MONTHS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .as_ref()
        .and_then(|m| m.get(&id).cloned());
    if let Some(month) = kept.as_deref().and_then(|m| month_at(m, offset))
        && let Some(ids) = page_in_month(conn, id, &month, offset, limit)?
    {
        return Ok(ids);
    }
    let months = Arc::new(read_months(conn, id)?);
    MONTHS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get_or_insert_with(HashMap::new)
        .insert(id, Arc::clone(&months));
    match month_at(&months, offset) {
        Some(month) => match page_in_month(conn, id, &month, offset, limit)? {
            Some(ids) => Ok(ids),
            // Changed between the two statements: the plain way is right whatever happened.
            None => category_page(conn, id, offset, limit),
        },
        None => Ok(Vec::new()),
    }
}

/// The month holding position `offset`, unless it is the newest (nothing to skip then).
fn month_at(months: &[Month], offset: i64) -> Option<Month> {
    months
        .iter()
        .find(|m| m.newer <= offset && offset < m.newer + m.activities)
        .filter(|m| m.newer > 0)
        .cloned()
}

/// Category `id`'s months, newest first, with their positions.
fn read_months(conn: &mut SqliteConnection, id: i32) -> QueryResult<Vec<Month>> {
    let rows: Vec<(String, i32)> = category_months::table
        .filter(category_months::category_id.eq(id))
        .order(category_months::month.desc())
        .select((category_months::month, category_months::activities))
        .load(conn)?;
    let mut newer = 0;
    Ok(rows
        .into_iter()
        .map(|(month, activities)| {
            let m = Month {
                month,
                newer,
                activities: i64::from(activities),
            };
            newer += m.activities;
            m
        })
        .collect())
}

/// The page, if `month` still starts at `month.newer`: the statement checks it against the
/// snapshot it reads, and answers no rows when it does not hold (`None`).
fn page_in_month(
    conn: &mut SqliteConnection,
    id: i32,
    month: &Month,
    offset: i64,
    limit: i64,
) -> QueryResult<Option<Vec<i32>>> {
    let Some(end) = month_end(&month.month) else {
        return Ok(None);
    };
    let newer_than_month = category_months::table
        .filter(category_months::category_id.eq(id))
        .filter(category_months::month.gt(month.month.clone()))
        .select(sum(category_months::activities))
        .single_value();
    let ids: Vec<i32> = category_listing::table
        .filter(category_listing::category_id.eq(id))
        .filter(category_listing::published_at.lt(end))
        .filter(newer_than_month.eq(Some(month.newer)))
        .order((
            category_listing::published_at.desc(),
            category_listing::activity_id.desc(),
        ))
        .offset(offset - month.newer)
        .limit(limit)
        .select(category_listing::activity_id)
        .load(conn)?;
    // An empty answer is a failed check: a month holding `offset` has an activity there.
    Ok((!ids.is_empty()).then_some(ids))
}

/// The first instant after month 'YYYY-MM'.
fn month_end(month: &str) -> Option<NaiveDateTime> {
    let first = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").ok()?;
    first
        .checked_add_months(chrono::Months::new(1))?
        .and_hms_opt(0, 0, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn months() -> Vec<Month> {
        [("2024-03", 5), ("2024-01", 3), ("2023-12", 4)]
            .iter()
            .scan(0, |newer, &(month, n)| {
                let m = Month {
                    month: month.into(),
                    newer: *newer,
                    activities: n,
                };
                *newer += n;
                Some(m)
            })
            .collect()
    }

    #[test]
    fn a_position_falls_in_the_month_that_holds_it() {
        let months = months();
        assert_eq!(
            month_at(&months, 4),
            None,
            "the newest month: nothing to skip"
        );
        assert_eq!(month_at(&months, 5).unwrap().month, "2024-01");
        assert_eq!(month_at(&months, 7).unwrap().month, "2024-01");
        assert_eq!(month_at(&months, 8).unwrap().month, "2023-12");
        assert_eq!(month_at(&months, 12), None, "past the end");
    }

    #[test]
    fn a_month_ends_where_the_next_begins() {
        assert_eq!(
            month_end("2023-12").unwrap().to_string(),
            "2024-01-01 00:00:00"
        );
        assert_eq!(
            month_end("2024-02").unwrap().to_string(),
            "2024-03-01 00:00:00"
        );
        assert_eq!(month_end("bad"), None);
    }
}
