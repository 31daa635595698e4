//! `/`: the latest activities, the categories and the months.

use actix_web::web;
use askama::Template;
use askama_web::WebTemplate;

use super::archive::{MonthLink, month_links};
use super::category::{CategoryLink, category_links};
use super::view::{Card, page_layout};
use crate::cache::Memo;
use crate::config::Site;
use crate::db::Db;
use crate::db::models::public::{self, Listing, PublicMonths};
use crate::error::AppError;
use crate::templates::Layout;

const LATEST: i64 = 8;

#[derive(Template, WebTemplate)]
#[template(path = "public/home.html")]
pub struct HomePage {
    layout: Layout,
    cards: Vec<Card>,
    categories: Vec<CategoryLink>,
    months: Vec<MonthLink>,
}

pub async fn show_home(
    layout: Layout,
    db: web::Data<Db>,
    site: web::Data<Site>,
    months: web::Data<Memo<PublicMonths>>,
) -> Result<HomePage, AppError> {
    let offset = super::archive::utc_offset(&site);
    let months = months.into_inner();
    let (months, cards, categories) = db
        .read(move |conn| {
            // The memo first: its value must come from a snapshot taken after it read the
            // content's generation, or a change committed meanwhile would be kept as current.
            let months = months.get_or_compute(|| public::months_with_counts(conn, offset))?;
            Ok((
                months,
                public::cards(conn, Listing::Latest, 0, LATEST)?,
                public::categories_with_counts(conn)?,
            ))
        })
        .await?;
    let layout = page_layout(layout, &site, "/", |l| {
        (l.t("site-name"), l.t("home-intro"))
    });
    Ok(HomePage {
        cards: cards
            .iter()
            .map(|c| Card::new(c, &layout, site.timezone))
            .collect(),
        categories: category_links(&categories, &layout),
        months: month_links(&months.0, &layout),
        layout,
    })
}
