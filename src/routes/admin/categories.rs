//! `/admin/categories`: the secretariat creates categories, renames, describes and orders
//! them. Each category is its own small form on one page.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::forms::{FieldMessages, SAVED, object_id, was_saved};
use super::{actor, see_other};
use crate::auth::guard::CurrentUser;
use crate::config::Site;
use crate::db::Db;
use crate::db::models::categories;
use crate::error::AppError;
use crate::management::FieldErrors;
use crate::management::categories::{
    CategoryFields, create_category as create, update_category as update,
};
use crate::routes::form;
use crate::templates::{Layout, html_response};

const PATH: &str = "/admin/categories";

/// One category's form: as stored, or as typed when its update was refused.
pub struct CategoryRow {
    id: i32,
    slug: String,
    /// The stored name, for the heading (the field may hold a refused one).
    name: String,
    form: CategoryFields,
    errors: FieldMessages,
}

#[derive(Template)]
#[template(path = "admin/categories.html")]
pub struct CategoriesPage {
    layout: Layout,
    user: CurrentUser,
    rows: Vec<CategoryRow>,
    form: CategoryFields,
    errors: FieldMessages,
    saved: bool,
}

/// Which form of the page was refused.
enum Refused {
    None,
    New(CategoryFields, FieldErrors),
    Existing(i32, CategoryFields, FieldErrors),
}

async fn page(
    db: &Db,
    user: CurrentUser,
    refused: Refused,
    saved: bool,
) -> Result<CategoriesPage, AppError> {
    let stored = db.read(|conn| Ok(categories::list(conn)?)).await?;
    let layout = Layout::for_user(&user);
    let (mut form, mut errors) = (CategoryFields::default(), FieldMessages::default());
    let mut refused_row = None;
    match refused {
        Refused::None => {}
        Refused::New(fields, e) => (form, errors) = (fields, FieldMessages::new(&e, &layout)),
        Refused::Existing(id, fields, e) => refused_row = Some((id, fields, e)),
    }
    let rows = stored
        .into_iter()
        .map(|c| match refused_row.take_if(|(id, _, _)| *id == c.id) {
            Some((_, fields, e)) => CategoryRow {
                id: c.id,
                slug: c.slug,
                name: c.name,
                form: fields,
                errors: FieldMessages::new(&e, &layout),
            },
            None => CategoryRow {
                id: c.id,
                name: c.name.clone(),
                form: CategoryFields {
                    name: c.name,
                    slug: c.slug.clone(),
                    description: c.description,
                    position: c.position.to_string(),
                },
                slug: c.slug,
                errors: FieldMessages::default(),
            },
        })
        .collect();
    Ok(CategoriesPage {
        layout,
        user,
        rows,
        form,
        errors,
        saved,
    })
}

pub async fn list_categories(
    req: HttpRequest,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let page = page(&db, user.into_inner(), Refused::None, was_saved(&req)).await?;
    html_response(StatusCode::OK, &page)
}

pub async fn create_category(
    req: HttpRequest,
    body: web::Bytes,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
    site: web::Data<Site>,
) -> Result<HttpResponse, AppError> {
    let fields: CategoryFields = form::parse(&body);
    let user = user.into_inner();
    match create(&db, actor(&req, &user, &site), fields.clone()).await? {
        Ok(_) => Ok(see_other(&format!("{PATH}?{SAVED}"))),
        Err(errors) => {
            let page = page(&db, user, Refused::New(fields, errors), false).await?;
            html_response(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}

/// Renames, describes or moves a category (its slug stays).
pub async fn update_category(
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
    site: web::Data<Site>,
) -> Result<HttpResponse, AppError> {
    let id = object_id(&path)?;
    let fields: CategoryFields = form::parse(&body);
    let user = user.into_inner();
    match update(&db, actor(&req, &user, &site), id, fields.clone()).await? {
        Ok(()) => Ok(see_other(&format!("{PATH}?{SAVED}"))),
        Err(errors) => {
            // The form's own category must exist for its errors to be shown: else 404.
            let exists = db
                .read(move |conn| Ok(categories::find(conn, id)?.is_some()))
                .await?;
            if !exists {
                return Err(AppError::NotFound);
            }
            let page = page(&db, user, Refused::Existing(id, fields, errors), false).await?;
            html_response(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}
