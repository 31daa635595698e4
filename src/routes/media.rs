//! `/media/{path}`: photo variants and documents, for visitors only once published; and
//! `/admin/media/{path}`, the same files for the editor of work not yet public.

use std::path::PathBuf;

use actix_files::NamedFile;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};

use crate::auth::guard::CurrentUser;
use crate::db::Db;
use crate::db::models::media::{ServedFile, public_file, reachable_file};
use crate::error::AppError;
use crate::media::documents::content_disposition;
use crate::media::store::MediaStore;

/// Published files may be cached this long: a file taken down (unpublished, removed,
/// purged) is gone from browsers and proxies within minutes, not days.
const PUBLIC_CACHE: &str = "public, max-age=300";
/// Unpublished work is never cached: the next user of a shared computer must not find it.
const PRIVATE_CACHE: &str = "private, no-store";

/// Serves a media file that a visitor may see, with range support so that a large PDF can
/// resume on a bad connection, and an ETag so that a cache may revalidate for a few bytes
/// once its five minutes are over. Anything unpublished is a 404, exactly like a missing
/// file.
pub async fn serve(
    req: HttpRequest,
    path: web::Path<String>,
    db: web::Data<Db>,
    store: web::Data<MediaStore>,
) -> Result<HttpResponse, AppError> {
    let relative = path.into_inner();
    let file = store.path(&relative).ok_or(AppError::NotFound)?;
    let etag = etag(&relative);
    let served = db
        .read(move |conn| Ok(public_file(conn, &relative)?))
        .await?
        .ok_or(AppError::NotFound)?;
    // Checked only now: whether the file is public at all must not be answerable by a 304.
    if let Some(etag) = &etag
        && matches_etag(&req, etag)
    {
        return Ok(HttpResponse::build(StatusCode::NOT_MODIFIED)
            .insert_header((header::ETAG, etag.as_str()))
            .insert_header((header::CACHE_CONTROL, PUBLIC_CACHE))
            .finish());
    }
    send(&req, file, served, PUBLIC_CACHE, etag).await
}

/// `GET /admin/media/{path}`: what the editor shows of work not yet public. A photo variant
/// or a document is served to the organization whose activity (any revision) has it, and
/// to the secretariat; anything published is served too, so the editor can use these URLs
/// for every file.
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
    let served = db
        .read(move |conn| {
            Ok(
                match reachable_file(conn, &relative, organization, secretariat)? {
                    Some(found) => Some(found),
                    None => public_file(conn, &relative)?,
                },
            )
        })
        .await?
        .ok_or(AppError::NotFound)?;
    send(&req, file, served, PRIVATE_CACHE, None).await
}

/// A strong ETag from the file name, which is the hash of the file's content: the same on
/// every server and after a restore, unlike one made from the inode and time.
fn etag(relative: &str) -> Option<String> {
    let name = relative.rsplit('/').next()?;
    let hash = name.split('.').next()?;
    (hash.len() == 64).then(|| format!("\"{hash}\""))
}

fn matches_etag(req: &HttpRequest, etag: &str) -> bool {
    req.headers()
        .get_all(header::IF_NONE_MATCH)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == etag || tag == "*")
}

async fn send(
    req: &HttpRequest,
    file: PathBuf,
    served: ServedFile,
    cache: &'static str,
    etag: Option<String>,
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
        .set_content_type(served.media_type.parse().map_err(AppError::internal)?)
        // Content-Disposition is ours, below; the ETag too, when there is one.
        .disable_content_disposition()
        .use_etag(false)
        .use_last_modified(false)
        .into_response(req);
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    // The stored type is what the content was checked to be: never let a browser guess.
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if let Some(etag) = etag {
        headers.insert(
            header::ETAG,
            HeaderValue::from_str(&etag).map_err(AppError::internal)?,
        );
    }
    if let Some(name) = served.file_name {
        headers.insert(
            header::CONTENT_DISPOSITION,
            HeaderValue::from_str(&content_disposition(&name)).map_err(AppError::internal)?,
        );
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etags_come_from_content_hashes_only() {
        let hash = "a".repeat(64);
        assert_eq!(
            etag(&format!("img/aa/{hash}.jpg")),
            Some(format!("\"{hash}\""))
        );
        assert_eq!(etag("img/aa/short.jpg"), None);
    }
}
