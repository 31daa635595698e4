//! `/media/{path}`: photo variants and documents, for visitors only once published; and
//! `/admin/media/{path}`, the same files for the editor of work not yet public.

use std::path::PathBuf;

use actix_files::NamedFile;
use actix_web::http::header::{self, CacheControl, CacheDirective};
use actix_web::{HttpRequest, HttpResponse, web};

use crate::auth::guard::CurrentUser;
use crate::db::Db;
use crate::db::models::media::public_media_type;
use crate::db::models::photos::reachable_media_type;
use crate::error::AppError;
use crate::media::store::MediaStore;

/// Serves a media file that a visitor may see, with range support so that a large PDF can
/// resume on a bad connection. Anything unpublished is a 404, exactly like a missing file.
pub async fn serve(
    req: HttpRequest,
    path: web::Path<String>,
    db: web::Data<Db>,
    store: web::Data<MediaStore>,
) -> Result<HttpResponse, AppError> {
    let relative = path.into_inner();
    let file = store.path(&relative).ok_or(AppError::NotFound)?;
    let media_type = db
        .read(move |conn| Ok(public_media_type(conn, &relative)?))
        .await?
        .ok_or(AppError::NotFound)?;
    // Names are content hashes, so a file never changes; a day bounds how long a photo that
    // has been unpublished can linger in caches.
    let cache = CacheControl(vec![CacheDirective::Public, CacheDirective::MaxAge(86_400)]);
    send(&req, file, &media_type, cache).await
}

/// `GET /admin/media/{path}`: what the editor shows of work not yet public. A photo variant
/// is served to the organization whose activity (any revision) has it, and to the
/// secretariat; anything published is served too, so the editor can use these URLs for
/// every photo. Never cached: the next viewer of a shared computer must not find it.
pub async fn serve_private(
    req: HttpRequest,
    path: web::Path<String>,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
    store: web::Data<MediaStore>,
) -> Result<HttpResponse, AppError> {
    let relative = path.into_inner();
    let file = store.path(&relative).ok_or(AppError::NotFound)?;
    let (organization, secretariat) = (user.organization_id, user.is_secretariat());
    let media_type = db
        .read(move |conn| {
            Ok(
                match reachable_media_type(conn, &relative, organization, secretariat)? {
                    Some(found) => Some(found),
                    None => public_media_type(conn, &relative)?,
                },
            )
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let cache = CacheControl(vec![CacheDirective::Private, CacheDirective::NoStore]);
    send(&req, file, &media_type, cache).await
}

async fn send(
    req: &HttpRequest,
    file: PathBuf,
    media_type: &str,
    cache: CacheControl,
) -> Result<HttpResponse, AppError> {
    let named = web::block(move || {
        NamedFile::open(&file).map_err(|e| {
            // A row without its file is a broken invariant worth a log line, not a 500 page.
            tracing::error!(path = %file.display(), error = %e, "media file missing");
            AppError::NotFound
        })
    })
    .await??;
    let mut response = named
        .set_content_type(media_type.parse().map_err(AppError::internal)?)
        .use_etag(true)
        .use_last_modified(false)
        .into_response(req);
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        cache.to_string().parse().map_err(AppError::internal)?,
    );
    Ok(response)
}
