//! `/pages/{slug}`: About, Members, Contact, Privacy.

use actix_web::web;
use askama::Template;
use askama_web::WebTemplate;

use super::view::page_layout;
use crate::config::Site;
use crate::db::Db;
use crate::db::models::public;
use crate::error::AppError;
use crate::markdown::{self, SanitizedHtml};
use crate::templates::Layout;

#[derive(Template, WebTemplate)]
#[template(path = "public/page.html")]
pub struct StaticPage {
    layout: Layout,
    title: String,
    content_lang: String,
    body: SanitizedHtml,
}

pub async fn show_page(
    layout: Layout,
    slug: web::Path<String>,
    db: web::Data<Db>,
    site: web::Data<Site>,
) -> Result<StaticPage, AppError> {
    let slug = slug.into_inner();
    let page = db
        .read(move |conn| public::page_by_slug(conn, &slug)?.ok_or(AppError::NotFound))
        .await?;
    let layout = page_layout(layout, &site, &format!("/pages/{}", page.slug), |_| {
        (page.title.clone(), markdown::plain_text(&page.body))
    });
    Ok(StaticPage {
        layout,
        title: page.title,
        content_lang: page.language,
        body: markdown::render(&page.body),
    })
}
