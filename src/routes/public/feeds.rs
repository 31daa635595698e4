//! `/feed.atom`, `/category/{slug}/feed.atom`, `/organizations/{slug}/feed.atom`: the
//! latest activities as Atom.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use chrono::DateTime;
use fluent_bundle::FluentArgs;

use crate::config::Site;
use crate::db::Db;
use crate::db::models::public::syndication::{self, FeedItem};
use crate::db::models::public::{self, Listing};
use crate::error::AppError;
use crate::syndication::atom::{self, FEED_LENGTH, FeedInfo};
use crate::templates::Layout;

/// Feed readers poll; a few minutes of caching costs a new activity little.
const CACHE_CONTROL: &str = "public, max-age=300";

pub async fn site_feed(db: web::Data<Db>, site: web::Data<Site>) -> Result<HttpResponse, AppError> {
    let items = db
        .read(|conn| Ok(syndication::feed_items(conn, Listing::Latest, FEED_LENGTH)?))
        .await?;
    let layout = Layout::new("en");
    let info = feed_info(
        &layout,
        "site".into(),
        "feed-site-title",
        None,
        "/feed.atom",
        "/",
    );
    respond(&info, &items, &site)
}

pub async fn category_feed(
    slug: web::Path<String>,
    db: web::Data<Db>,
    site: web::Data<Site>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let (category, items) = db
        .read(move |conn| {
            let category = public::category_by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
            let items = syndication::feed_items(conn, Listing::Category(category.id), FEED_LENGTH)?;
            Ok((category, items))
        })
        .await?;
    let layout = Layout::new("en");
    let page = format!("/category/{}", category.slug);
    let info = feed_info(
        &layout,
        format!("category-{}", category.id),
        "feed-category-title",
        Some(&category.name),
        &format!("{page}/feed.atom"),
        &page,
    );
    respond(&info, &items, &site)
}

pub async fn organization_feed(
    slug: web::Path<String>,
    db: web::Data<Db>,
    site: web::Data<Site>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let (organization, items) = db
        .read(move |conn| {
            let row = public::organization_by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
            let items = syndication::feed_items(conn, Listing::Organization(row.id), FEED_LENGTH)?;
            Ok((row, items))
        })
        .await?;
    let layout = Layout::new("en");
    let page = format!("/organizations/{}", organization.slug);
    let info = feed_info(
        &layout,
        format!("organization-{}", organization.id),
        "feed-organization-title",
        Some(&organization.name),
        &format!("{page}/feed.atom"),
        &page,
    );
    respond(&info, &items, &site)
}

fn feed_info(
    layout: &Layout,
    key: String,
    title_id: &str,
    name: Option<&str>,
    self_path: &str,
    page_path: &str,
) -> FeedInfo {
    let mut args = FluentArgs::new();
    args.set("site", layout.t("site-name"));
    if let Some(name) = name {
        args.set("name", name.to_owned());
    }
    FeedInfo {
        key,
        title: layout.catalog.message_with(title_id, &args).into_owned(),
        subtitle: layout.t("site-tagline"),
        self_path: self_path.to_owned(),
        page_path: page_path.to_owned(),
        lang: layout.lang().to_owned(),
        // A feed without entries still needs a stable `updated`.
        empty_updated: DateTime::UNIX_EPOCH.naive_utc(),
    }
}

fn respond(info: &FeedInfo, items: &[FeedItem], site: &Site) -> Result<HttpResponse, AppError> {
    let xml = atom::render(info, items, &site.base_url)?;
    Ok(HttpResponse::Ok()
        .content_type(atom::CONTENT_TYPE)
        .insert_header((header::CACHE_CONTROL, CACHE_CONTROL))
        .body(xml))
}
