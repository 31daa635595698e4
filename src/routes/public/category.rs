//! `/category/{slug}?page=N`: a category's archive, 10 activities a page.

use actix_web::{HttpRequest, web};
use askama::Template;
use askama_web::WebTemplate;

use super::view::{Card, PER_PAGE, Pagination, page_layout, page_number, paged_path};
use crate::config::Site;
use crate::db::Db;
use crate::db::models::public::{self, CategoryRow, Listing};
use crate::error::AppError;
use crate::templates::Layout;

/// A category in navigation lists.
pub struct CategoryLink {
    pub url: String,
    pub name: String,
    pub count: String,
}

pub fn category_links(rows: &[(CategoryRow, i64)], layout: &Layout) -> Vec<CategoryLink> {
    rows.iter()
        .map(|(c, n)| CategoryLink {
            url: format!("/category/{}", c.slug),
            name: c.name.clone(),
            count: layout.t_count("activities-count", *n),
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "public/category.html")]
pub struct CategoryPage {
    layout: Layout,
    heading: String,
    description: String,
    cards: Vec<Card>,
    pagination: Pagination,
}

pub async fn show_category(
    req: HttpRequest,
    layout: Layout,
    slug: web::Path<String>,
    db: web::Data<Db>,
    site: web::Data<Site>,
) -> Result<CategoryPage, AppError> {
    let page = page_number(req.query_string())?;
    let slug = slug.into_inner();
    let (category, total, cards) = db
        .read(move |conn| {
            let category = public::category_by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
            let listing = Listing::Category(category.id);
            let total = public::count(conn, listing)?;
            let cards = public::cards(conn, listing, (page - 1) * PER_PAGE, PER_PAGE)?;
            Ok((category, total, cards))
        })
        .await?;
    let base = format!("/category/{}", category.slug);
    let layout = page_layout(layout, &site, &paged_path(&base, page), |l| {
        let description = if category.description.is_empty() {
            l.t("site-tagline")
        } else {
            category.description.clone()
        };
        (
            l.t_with("category-heading", "name", &category.name),
            description,
        )
    });
    let feed_title = layout.t_with("feed-category-link", "name", &category.name);
    let layout = layout.with_feed(format!("{base}/feed.atom"), feed_title);
    let pagination = Pagination::new(
        page,
        total,
        &format!("/category/{}", category.slug),
        &layout,
    )?;
    Ok(CategoryPage {
        heading: layout.t_with("category-heading", "name", &category.name),
        description: category.description,
        cards: cards
            .iter()
            .map(|c| Card::new(c, &layout, site.timezone))
            .collect(),
        pagination,
        layout,
    })
}
