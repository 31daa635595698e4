//! `/organizations` and `/organizations/{slug}`: the network's members.

use actix_web::{HttpRequest, web};
use askama::Template;
use askama_web::WebTemplate;

use super::view::{
    Card, Image, PER_PAGE, Pagination, media_url, page_layout, page_number, paged_path,
};
use crate::config::Site;
use crate::db::Db;
use crate::db::models::public::{self, Listing, OrganizationRow};
use crate::error::AppError;
use crate::markdown::{self, SanitizedHtml};
use crate::sharing::{self, ShareMeta};
use crate::templates::Layout;

pub struct OrganizationView {
    pub url: String,
    pub name: String,
    pub country: String,
    pub website: Option<String>,
    pub logo: Option<Image>,
}

impl OrganizationView {
    fn new(row: &OrganizationRow, layout: &Layout) -> Self {
        OrganizationView {
            url: format!("/organizations/{}", row.slug),
            name: row.name.clone(),
            country: layout.country_name(&row.country),
            website: row.website.clone(),
            logo: row
                .logo
                .as_deref()
                .and_then(|v| Image::from_variants(v, "")),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "public/organizations.html")]
pub struct OrganizationsPage {
    layout: Layout,
    organizations: Vec<OrganizationView>,
}

pub async fn list_organizations(
    layout: Layout,
    db: web::Data<Db>,
    site: web::Data<Site>,
) -> Result<OrganizationsPage, AppError> {
    let rows = db.read(|conn| Ok(public::organizations(conn)?)).await?;
    let layout = page_layout(layout, &site, "/organizations", |l| {
        (l.t("organizations-heading"), l.t("site-tagline"))
    });
    Ok(OrganizationsPage {
        organizations: rows
            .iter()
            .map(|r| OrganizationView::new(r, &layout))
            .collect(),
        layout,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "public/organization.html")]
pub struct OrganizationPage {
    layout: Layout,
    organization: OrganizationView,
    profile: SanitizedHtml,
    activities_heading: String,
    cards: Vec<Card>,
    pagination: Pagination,
}

pub async fn show_organization(
    req: HttpRequest,
    layout: Layout,
    slug: web::Path<String>,
    db: web::Data<Db>,
    site: web::Data<Site>,
) -> Result<OrganizationPage, AppError> {
    let page = page_number(req.query_string())?;
    let slug = slug.into_inner();
    let (row, total, cards) = db
        .read(move |conn| {
            let row = public::organization_by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
            let listing = Listing::Organization(row.id);
            let total = public::count(conn, listing)?;
            let cards = public::cards(conn, listing, (page - 1) * PER_PAGE, PER_PAGE)?;
            Ok((row, total, cards))
        })
        .await?;
    let base = format!("/organizations/{}", row.slug);
    let url = site.base_url.join(&paged_path(&base, page));
    let layout = layout.with_canonical(url.clone());
    let share = ShareMeta::website(&row.name, &markdown::plain_text(&row.profile), url).with_image(
        row.logo.as_deref().and_then(|variants| {
            sharing::preview_image(variants, &row.name, |path| {
                site.base_url.join(&media_url(path))
            })
        }),
    );
    let feed_title = layout.t_with("feed-organization-link", "name", &row.name);
    let layout = layout
        .with_share(share)
        .with_feed(format!("{base}/feed.atom"), feed_title);
    let pagination = Pagination::new(
        page,
        total,
        &format!("/organizations/{}", row.slug),
        &layout,
    )?;
    Ok(OrganizationPage {
        organization: OrganizationView::new(&row, &layout),
        profile: markdown::render(&row.profile),
        activities_heading: layout.t_with("organization-activities", "name", &row.name),
        cards: cards
            .iter()
            .map(|c| Card::new(c, &layout, site.timezone))
            .collect(),
        pagination,
        layout,
    })
}
