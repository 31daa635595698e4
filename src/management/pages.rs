//! Editing the site's pages (About, Members, Contact, Privacy).

use serde::Deserialize;

use super::{FieldErrors, markdown, text};
use crate::accounts::{Actor, audit};
use crate::db::Db;
use crate::db::models::pages;
use crate::error::AppError;

const TITLE_MAX: usize = 200;
const BODY_MAX: usize = 100_000;

/// The page form as typed.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct PageFields {
    pub title: String,
    pub body: String,
}

/// Saves a new title and Markdown body for the page `slug`.
pub async fn update_page(
    db: &Db,
    actor: Actor,
    slug: String,
    fields: PageFields,
) -> Result<Result<(), FieldErrors>, AppError> {
    let mut errors = FieldErrors::default();
    let title = text(
        &mut errors,
        "title",
        &fields.title,
        TITLE_MAX,
        Some("page-title-required"),
        "page-title-too-long",
    );
    let body = markdown(
        &mut errors,
        "body",
        &fields.body,
        BODY_MAX,
        "page-body-too-long",
    );
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    db.write(move |conn| {
        let page = pages::find_by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
        pages::update(conn, page.id, &title, &body, actor.id)?;
        audit(conn, &actor, "page-updated", ("page", Some(page.id)), &slug)?;
        Ok(Ok(()))
    })
    .await
}
