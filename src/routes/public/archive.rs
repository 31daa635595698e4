//! `/archive/{year}/{month}`: what was published in a month of the site's calendar.

use actix_web::{HttpRequest, web};
use askama::Template;
use askama_web::WebTemplate;
use chrono::{NaiveDate, Offset, TimeZone, Utc};

use super::view::{Card, PER_PAGE, Pagination, page_layout, page_number, paged_path};
use crate::cache::Memo;
use crate::config::Site;
use crate::db::Db;
use crate::db::models::public::{self, Listing, PublicMonths};
use crate::error::AppError;
use crate::templates::Layout;

/// A month in the archive list.
pub struct MonthLink {
    pub url: String,
    pub label: String,
    pub count: String,
}

pub fn month_links(rows: &[(i32, u32, i64)], layout: &Layout) -> Vec<MonthLink> {
    rows.iter()
        .filter_map(|&(year, month, n)| {
            let first = NaiveDate::from_ymd_opt(year, month, 1)?;
            Some(MonthLink {
                url: format!("/archive/{year}/{month:02}"),
                label: layout.month_year(first),
                count: layout.t_count("activities-count", n),
            })
        })
        .collect()
}

/// The site's current offset from UTC, for grouping by month in SQL. Zones with daylight
/// saving may put an activity published in the hour of a change in the neighbouring month
/// of the list; the month pages themselves use exact boundaries.
pub fn utc_offset(site: &Site) -> i32 {
    site.timezone
        .offset_from_utc_datetime(&Utc::now().naive_utc())
        .fix()
        .local_minus_utc()
}

#[derive(Template, WebTemplate)]
#[template(path = "public/archive.html")]
pub struct ArchivePage {
    layout: Layout,
    heading: String,
    cards: Vec<Card>,
    pagination: Pagination,
    months: Vec<MonthLink>,
}

pub async fn show_month(
    req: HttpRequest,
    path: web::Path<(String, String)>,
    db: web::Data<Db>,
    site: web::Data<Site>,
    months: web::Data<Memo<PublicMonths>>,
) -> Result<ArchivePage, AppError> {
    let page = page_number(req.query_string())?;
    let (year, month) = path.into_inner();
    let year: i32 = year
        .parse()
        .ok()
        .filter(|y| (1900..=9999).contains(y))
        .ok_or(AppError::NotFound)?;
    let month: u32 = month
        .parse()
        .ok()
        .filter(|m| (1..=12).contains(m))
        .ok_or(AppError::NotFound)?;
    let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or(AppError::NotFound)?;
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .ok_or(AppError::NotFound)?;
    let to_utc = |d: NaiveDate| {
        site.timezone
            .from_local_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default())
            .earliest()
            .map(|t| t.naive_utc())
            .ok_or(AppError::NotFound)
    };
    let listing = Listing::Published(to_utc(first)?, to_utc(next)?);
    let offset = utc_offset(&site);
    let months = months.into_inner();
    let (months, total, cards) = db
        .read(move |conn| {
            // The memo first, as on the home page.
            let months = months.get_or_compute(|| public::months_with_counts(conn, offset))?;
            Ok((
                months,
                public::count(conn, listing)?,
                public::cards(conn, listing, (page - 1) * PER_PAGE, PER_PAGE)?,
            ))
        })
        .await?;
    if total == 0 {
        return Err(AppError::NotFound);
    }
    let base = format!("/archive/{year}/{month:02}");
    let heading = |l: &Layout| l.t_with("archive-heading", "month", &l.month_year(first));
    let layout = page_layout(
        Layout::for_request(&req),
        &site,
        &paged_path(&base, page),
        |l| (heading(l), l.t("site-tagline")),
    );
    let pagination = Pagination::new(page, total, &base, &layout)?;
    Ok(ArchivePage {
        heading: heading(&layout),
        cards: cards
            .iter()
            .map(|c| Card::new(c, &layout, site.timezone))
            .collect(),
        pagination,
        months: month_links(&months.0, &layout),
        layout,
    })
}
