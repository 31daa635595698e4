//! `/`: the latest activities, the categories and the months.

use actix_web::web;
use askama::Template;
use askama_web::WebTemplate;

use super::archive::{MonthLink, month_links};
use super::category::{CategoryLink, category_links};
use super::view::{Card, page_layout};
use crate::config::Site;
use crate::db::Db;
use crate::db::models::public::{self, Listing};
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
) -> Result<HomePage, AppError> {
    let offset = super::archive::utc_offset(&site);
    let (cards, categories, months) = db
        .read(move |conn| {
            Ok((
                public::cards(conn, Listing::Latest, 0, LATEST)?,
                public::categories_with_counts(conn)?,
                public::months_with_counts(conn, offset)?,
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
        months: month_links(&months, &layout),
        layout,
    })
}
