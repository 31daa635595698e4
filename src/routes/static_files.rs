//! `/static/{file}`: the compiled-in assets, cached by browsers for a year.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::assets::Assets;
use crate::error::AppError;

/// Serves an asset by its fingerprinted name; the name changes whenever the content does.
/// Compressed once, when the assets are first read, in the encoding the browser prefers.
pub async fn serve(req: HttpRequest, file: web::Path<String>) -> Result<HttpResponse, AppError> {
    let asset = Assets::get()
        .by_file_name(&file)
        .ok_or(AppError::NotFound)?;
    let mut response = HttpResponse::Ok();
    response
        .content_type(asset.content_type)
        .insert_header(("Cache-Control", "public, max-age=31536000, immutable"))
        .insert_header((header::VARY, "accept-encoding"));
    Ok(match asset.encoded.for_request(&req) {
        Some((encoding, body)) => response
            .insert_header((header::CONTENT_ENCODING, encoding.to_header_value()))
            .body(body),
        None => response.body(asset.body),
    })
}
