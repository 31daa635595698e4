//! `/admin/pages`: the secretariat edits the site's pages (About, Members, Contact,
//! Privacy), with a preview of the saved text rendered exactly as visitors see it.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::forms::{FieldMessages, SAVED, was_saved};
use super::{actor, see_other};
use crate::auth::guard::CurrentUser;
use crate::config::Site;
use crate::db::Db;
use crate::db::models::pages::{self, Page};
use crate::error::AppError;
use crate::management::FieldErrors;
use crate::management::pages::{PageFields, update_page};
use crate::markdown::{self, SanitizedHtml};
use crate::routes::form;
use crate::templates::{Layout, html_response};

#[derive(Template)]
#[template(path = "admin/pages.html")]
pub struct PagesPage {
    layout: Layout,
    user: CurrentUser,
    pages: Vec<Page>,
}

pub async fn list_pages(
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let pages = db.read(|conn| Ok(pages::list(conn)?)).await?;
    html_response(
        StatusCode::OK,
        &PagesPage {
            layout: Layout::for_user(&user),
            user: user.into_inner(),
            pages,
        },
    )
}

#[derive(Template)]
#[template(path = "admin/page_edit.html")]
pub struct PageEditPage {
    layout: Layout,
    user: CurrentUser,
    page: Page,
    preview: SanitizedHtml,
    form: PageFields,
    errors: FieldMessages,
    saved: bool,
}

async fn edit_page_of(
    db: &Db,
    user: CurrentUser,
    slug: String,
    refused: Option<(PageFields, FieldErrors)>,
    saved: bool,
) -> Result<PageEditPage, AppError> {
    let page = db
        .read(move |conn| pages::find_by_slug(conn, &slug)?.ok_or(AppError::NotFound))
        .await?;
    let layout = Layout::for_user(&user);
    let (form, errors) = match refused {
        Some((form, errors)) => (form, FieldMessages::new(&errors, &layout)),
        None => (
            PageFields {
                title: page.title.clone(),
                body: page.body.clone(),
            },
            FieldMessages::default(),
        ),
    };
    Ok(PageEditPage {
        preview: markdown::render(&page.body),
        layout,
        user,
        page,
        form,
        errors,
        saved,
    })
}

pub async fn edit_page(
    req: HttpRequest,
    path: web::Path<String>,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let page = edit_page_of(
        &db,
        user.into_inner(),
        path.into_inner(),
        None,
        was_saved(&req),
    )
    .await?;
    html_response(StatusCode::OK, &page)
}

/// Saves the page and comes back to its form, which previews the saved text.
pub async fn save_page(
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
    site: web::Data<Site>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let fields: PageFields = form::parse(&body);
    let user = user.into_inner();
    match update_page(&db, actor(&req, &user, &site), slug.clone(), fields.clone()).await? {
        // The slug matched a stored page, so it is safe to put back in a URL.
        Ok(()) => Ok(see_other(&format!("/admin/pages/{slug}?{SAVED}"))),
        Err(errors) => {
            let page = edit_page_of(&db, user, slug, Some((fields, errors)), false).await?;
            html_response(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}
