//! `/static/{file}`: the compiled-in assets, cached by browsers for a year.

use actix_web::{HttpResponse, web};

use crate::assets::Assets;
use crate::error::AppError;

/// Serves an asset by its fingerprinted name; the name changes whenever the content does.
pub async fn serve(file: web::Path<String>) -> Result<HttpResponse, AppError> {
    let asset = Assets::get()
        .by_file_name(&file)
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok()
        .content_type(asset.content_type)
        .insert_header(("Cache-Control", "public, max-age=31536000, immutable"))
        .body(asset.body))
}
