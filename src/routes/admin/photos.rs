//! Photos of an activity report: the multipart upload, and the alt text, order and removal
//! of each photo. Access first (404 for another organization's, 409 when the revision is
//! not editable), then the input (422).

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use futures_util::StreamExt;

use super::activities::{PhotoProblem, photo_problem_page, who};
use super::id_of;
use super::{actor, see_other};
use crate::activities::photos::{
    self as service, MAX_FILES, MAX_PHOTO_BYTES, MAX_REQUEST_BYTES, PhotoText,
};
use crate::auth::guard::CurrentUser;
use crate::config::Site;
use crate::db::Db;
use crate::error::AppError;
use crate::media::purge;
use crate::media::store::MediaStore;
use crate::media::upload::{Read, ReadError, Refusal, read_capped};
use crate::routes::form;
use crate::templates::{Layout, html_response};

/// The field of the upload form that holds the files.
const FIELD: &str = "photos";

fn edit_page(activity_id: i32) -> String {
    format!("/admin/activities/{activity_id}/edit")
}

/// The message naming why a file was refused (and the formats that work).
fn refusal_message(refusal: Refusal) -> &'static str {
    match refusal {
        Refusal::Missing => "photo-empty",
        Refusal::TooLarge => "photo-too-large",
        Refusal::NotAnImage => "photo-not-an-image",
        Refusal::TooManyPixels => "photo-too-many-pixels",
        Refusal::Unreadable => "photo-unreadable",
    }
}

/// One file of an upload, as the result page lists it.
pub struct FileResult {
    pub name: String,
    /// `None` when accepted; else why not.
    pub refused: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/photo_upload.html")]
pub struct PhotoUploadPage {
    layout: Layout,
    user: CurrentUser,
    activity_id: i32,
    files: Vec<FileResult>,
    /// Why the request was cut short, when it was.
    stopped: Option<String>,
}

/// The name the browser gave, without any folder (some send a whole path), bounded.
pub(super) fn file_name(part: &actix_multipart::Field) -> String {
    let raw = part
        .content_disposition()
        .and_then(|cd| cd.get_filename())
        .unwrap_or_default();
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    base.chars().filter(|c| !c.is_control()).take(255).collect()
}

/// `POST /admin/activities/{id}/photos`: multipart, one or more files in `photos`. Each
/// file is read, checked and stored on its own as it arrives, so memory holds one file at a
/// time and a refused file does not cost the others.
pub async fn upload_photos(
    path: web::Path<String>,
    mut multipart: Multipart,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
    store: web::Data<MediaStore>,
) -> Result<HttpResponse, AppError> {
    let id = id_of(&path)?;
    let user = user.into_inner();
    // Before a byte of any file is read: the activity must be theirs and editable.
    service::check_upload(&db, who(&user), id).await?;
    let mut files = Vec::new();
    let mut stopped: Option<(StatusCode, &'static str)> = None;
    let mut count = 0usize;
    let mut used = 0usize;
    while let Some(part) = multipart.next().await {
        let Ok(mut part) = part else {
            stopped = Some((StatusCode::UNPROCESSABLE_ENTITY, "photo-upload-broken"));
            break;
        };
        let budget = MAX_REQUEST_BYTES.saturating_sub(used);
        if part.name() != Some(FIELD) {
            // Other fields (the CSRF token) are read only to count them against the limit.
            match read_capped(&mut part, 0, budget).await {
                Ok(Read::TooLarge(n)) => used += n,
                Ok(Read::Complete(_)) => {}
                Err(ReadError::OverBudget) => {
                    stopped = Some((StatusCode::PAYLOAD_TOO_LARGE, "photo-request-too-large"));
                    break;
                }
                Err(ReadError::Broken) => {
                    stopped = Some((StatusCode::UNPROCESSABLE_ENTITY, "photo-upload-broken"));
                    break;
                }
            }
            continue;
        }
        let name = file_name(&part);
        let outcome = match read_capped(&mut part, MAX_PHOTO_BYTES, budget).await {
            Ok(Read::Complete(bytes)) if bytes.is_empty() && name.is_empty() => {
                // What a browser sends when no file was chosen.
                continue;
            }
            Ok(Read::Complete(bytes)) => {
                count += 1;
                if count > MAX_FILES {
                    stopped = Some((StatusCode::PAYLOAD_TOO_LARGE, "photo-too-many-files"));
                    break;
                }
                used += bytes.len();
                match service::add_photo(&db, &store, who(&user), id, name.clone(), bytes).await {
                    Err(AppError::StorageFull(cause)) => {
                        tracing::error!(cause, "the disk is full: the photo was not stored");
                        stopped = Some((StatusCode::INSUFFICIENT_STORAGE, "error-storage-full"));
                        break;
                    }
                    other => other?,
                }
            }
            Ok(Read::TooLarge(n)) => {
                count += 1;
                used += n;
                Err(Refusal::TooLarge)
            }
            Err(ReadError::OverBudget) => {
                stopped = Some((StatusCode::PAYLOAD_TOO_LARGE, "photo-request-too-large"));
                break;
            }
            Err(ReadError::Broken) => {
                stopped = Some((StatusCode::UNPROCESSABLE_ENTITY, "photo-upload-broken"));
                break;
            }
        };
        files.push((name, outcome.err()));
    }
    if files.is_empty() && stopped.is_none() {
        stopped = Some((StatusCode::UNPROCESSABLE_ENTITY, "photo-none-chosen"));
    }
    let refused = files.iter().any(|(_, r)| r.is_some());
    let status = match stopped {
        Some((status, _)) => status,
        None if refused => StatusCode::UNPROCESSABLE_ENTITY,
        None => return Ok(see_other(&edit_page(id))),
    };
    let layout = Layout::for_user(&user);
    let page = PhotoUploadPage {
        files: files
            .into_iter()
            .map(|(name, refusal)| FileResult {
                name,
                refused: refusal.map(|r| layout.t(refusal_message(r))),
            })
            .collect(),
        stopped: stopped.map(|(_, message)| layout.t(message)),
        layout,
        user,
        activity_id: id,
    };
    html_response(status, &page)
}

/// `POST /admin/photos/{id}`: alt text, caption and the decorative mark.
pub async fn update_photo(
    path: web::Path<String>,
    body: web::Bytes,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let id = id_of(&path)?;
    let user = user.into_inner();
    let text: PhotoText = form::parse(&body);
    let activity_id = service::check_photo(&db, who(&user), id).await?;
    if let Some(message) = text.problem() {
        let problem = PhotoProblem {
            photo_id: id,
            message,
            input: Some(text),
        };
        return photo_problem_page(&db, user, activity_id, problem).await;
    }
    let activity_id = service::set_text(&db, who(&user), id, text).await?;
    Ok(see_other(&edit_page(activity_id)))
}

#[derive(Default, serde::Deserialize)]
struct MoveForm {
    #[serde(default)]
    direction: String,
}

/// `POST /admin/photos/{id}/move`: `direction=up|down`, one place.
pub async fn move_photo(
    path: web::Path<String>,
    body: web::Bytes,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let id = id_of(&path)?;
    let user = user.into_inner();
    let form: MoveForm = form::parse(&body);
    let activity_id = service::check_photo(&db, who(&user), id).await?;
    let up = match form.direction.as_str() {
        "up" => true,
        "down" => false,
        _ => {
            let problem = PhotoProblem {
                photo_id: id,
                message: "photo-direction-invalid",
                input: None,
            };
            return photo_problem_page(&db, user, activity_id, problem).await;
        }
    };
    let activity_id = service::move_photo(&db, who(&user), id, up).await?;
    Ok(see_other(&edit_page(activity_id)))
}

/// `POST /admin/photos/{id}/delete`.
pub async fn delete_photo(
    path: web::Path<String>,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let id = id_of(&path)?;
    let activity_id = service::delete_photo(&db, who(&user.into_inner()), id).await?;
    Ok(see_other(&edit_page(activity_id)))
}

#[derive(Default, serde::Deserialize)]
struct PurgeForm {
    /// The activity whose editor the purge was asked from, to return to.
    #[serde(default)]
    back: String,
}

/// `POST /admin/images/{id}/purge` (secretariat): takes a stored image off every report and
/// logo that shows it, published or not, and deletes its files; recorded in the audit log.
pub async fn purge_image(
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
    store: web::Data<MediaStore>,
    site: web::Data<Site>,
) -> Result<HttpResponse, AppError> {
    let id = id_of(&path)?;
    let form: PurgeForm = form::parse(&body);
    let user = user.into_inner();
    purge::purge_image(&db, &store, actor(&req, &user, &site), id).await?;
    let back = match form.back.parse::<i32>() {
        Ok(activity_id) => edit_page(activity_id),
        Err(_) => "/admin/moderation".to_owned(),
    };
    Ok(see_other(&back))
}
