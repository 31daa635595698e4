//! Documents of an activity report: the list with its forms, the multipart upload, and the
//! title, language and removal of each. Access first (404 for another organization's, 409
//! when the revision is not editable), then the input (422, the page again with the
//! message at its field).

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use futures_util::StreamExt;

use super::activities::who;
use super::id_of;
use super::photos::file_name;
use super::see_other;
use crate::activities::attachments::{
    self as service, AttachmentDetails, AttachmentList, MAX_ATTACHMENT_BYTES, Uploaded,
};
use crate::activities::form::is_language_tag;
use crate::activities::photos::{MAX_FILES, MAX_REQUEST_BYTES};
use crate::auth::guard::CurrentUser;
use crate::db::Db;
use crate::error::AppError;
use crate::media::documents::DocumentRefusal;
use crate::media::human_size;
use crate::media::store::MediaStore;
use crate::media::upload::{Read, ReadError, Streamed, read_capped, stream_to_file};
use crate::routes::form;
use crate::templates::{Layout, html_response};

/// The field of the upload form that holds the files.
const FIELD: &str = "attachments";
/// The longest value read from a text field of the upload form.
const MAX_TEXT_FIELD: usize = 64;

fn list_page(activity_id: i32) -> String {
    format!("/admin/activities/{activity_id}/attachments")
}

fn refusal_message(refusal: DocumentRefusal) -> &'static str {
    match refusal {
        DocumentRefusal::Missing => "attachment-empty",
        DocumentRefusal::TooLarge => "attachment-too-large",
        DocumentRefusal::NotADocument => "attachment-not-a-document",
        DocumentRefusal::Unreadable => "attachment-unreadable",
    }
}

/// One document as the page lists it, with what its form shows.
pub struct AttachmentView {
    pub id: i32,
    pub title: String,
    pub language: String,
    pub language_name: String,
    pub file_name: String,
    pub size: String,
    pub url: String,
    /// The field and message of a refused form for this document.
    pub error: Option<(&'static str, String)>,
}

/// One file of an upload, as the page lists it.
pub struct FileResult {
    pub name: String,
    /// `None` when accepted; else why not.
    pub refused: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/attachments.html")]
pub struct AttachmentsPage {
    layout: Layout,
    user: CurrentUser,
    activity_id: i32,
    activity_title: String,
    editable: bool,
    attachments: Vec<AttachmentView>,
    /// The language the upload form offers (typed, or the report's).
    upload_language: String,
    upload_language_error: Option<String>,
    /// What became of each file of the upload just made.
    results: Vec<FileResult>,
    /// Why the upload was cut short, when it was.
    stopped: Option<String>,
}

/// A refused attachment form: which document, which field, why, and what was typed.
struct Problem {
    attachment_id: i32,
    field: &'static str,
    message: &'static str,
    input: AttachmentDetails,
}

fn page(
    user: CurrentUser,
    activity_id: i32,
    list: AttachmentList,
    problem: Option<Problem>,
) -> AttachmentsPage {
    let layout = Layout::for_user(&user);
    let attachments = list
        .attachments
        .into_iter()
        .map(|a| {
            let mine = problem.as_ref().filter(|p| p.attachment_id == a.id);
            let (title, language) = match mine {
                Some(p) => (p.input.title.clone(), p.input.language.clone()),
                None => (a.title, a.language),
            };
            AttachmentView {
                id: a.id,
                language_name: layout.language_name(&language),
                title,
                language,
                file_name: a.file_name,
                size: layout.t_with("attachment-size", "size", &human_size(a.byte_size)),
                url: format!("/admin/media/{}", a.path),
                error: mine.map(|p| (p.field, layout.t(p.message))),
            }
        })
        .collect();
    AttachmentsPage {
        activity_id,
        activity_title: list.activity_title,
        editable: list.editable,
        attachments,
        upload_language: list.language,
        upload_language_error: None,
        results: Vec::new(),
        stopped: None,
        layout,
        user,
    }
}

/// `GET /admin/activities/{id}/attachments`.
pub async fn list_attachments(
    path: web::Path<String>,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let id = id_of(&path)?;
    let user = user.into_inner();
    let list = service::list(&db, who(&user), id).await?;
    html_response(StatusCode::OK, &page(user, id, list, None))
}

/// How an upload request went, part by part.
struct Upload {
    files: Vec<(String, Option<DocumentRefusal>)>,
    stopped: Option<(StatusCode, &'static str)>,
    language: String,
    language_error: bool,
}

/// `POST /admin/activities/{id}/attachments`: multipart, an optional `language`, then one
/// or more files in `attachments`. Each file is streamed to `tmp/` (never more than a
/// buffer in memory), judged by its content and stored on its own, so a refused file does
/// not cost the others.
pub async fn upload_attachments(
    path: web::Path<String>,
    mut multipart: Multipart,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
    store: web::Data<MediaStore>,
) -> Result<HttpResponse, AppError> {
    let id = id_of(&path)?;
    let user = user.into_inner();
    // Before a byte of any file is read: the activity must be theirs and editable.
    let language = service::check_upload(&db, who(&user), id).await?;
    let mut upload = Upload {
        files: Vec::new(),
        stopped: None,
        language,
        language_error: false,
    };
    let mut count = 0usize;
    let mut used = 0usize;
    let broken = (StatusCode::UNPROCESSABLE_ENTITY, "attachment-upload-broken");
    let too_large = (
        StatusCode::PAYLOAD_TOO_LARGE,
        "attachment-request-too-large",
    );
    while let Some(part) = multipart.next().await {
        let Ok(mut part) = part else {
            upload.stopped = Some(broken);
            break;
        };
        let budget = MAX_REQUEST_BYTES.saturating_sub(used);
        if part.name() != Some(FIELD) {
            let is_language = part.name() == Some("language");
            match read_capped(&mut part, MAX_TEXT_FIELD, budget).await {
                Ok(Read::Complete(bytes)) => {
                    used += bytes.len();
                    if is_language {
                        let typed = String::from_utf8_lossy(&bytes).trim().to_lowercase();
                        if !is_language_tag(&typed) {
                            upload.language = typed;
                            upload.language_error = true;
                            break;
                        }
                        upload.language = typed;
                    }
                }
                Ok(Read::TooLarge(n)) => {
                    used += n;
                    if is_language {
                        upload.language_error = true;
                        break;
                    }
                }
                Err(ReadError::OverBudget) => {
                    upload.stopped = Some(too_large);
                    break;
                }
                Err(ReadError::Broken) => {
                    upload.stopped = Some(broken);
                    break;
                }
            }
            continue;
        }
        let name = file_name(&part);
        let (temp, file) = store.temp_file().map_err(AppError::internal)?;
        let streamed = stream_to_file(&mut part, temp.clone(), file, MAX_ATTACHMENT_BYTES, budget)
            .await
            .map_err(AppError::internal)?;
        let outcome = match streamed {
            Ok(Streamed::Complete { len: 0, .. }) if name.is_empty() => {
                // What a browser sends when no file was chosen.
                let _ = std::fs::remove_file(&temp);
                continue;
            }
            Ok(Streamed::Complete { len, sha256 }) => {
                count += 1;
                used += len as usize;
                if count > MAX_FILES {
                    let _ = std::fs::remove_file(&temp);
                    upload.stopped =
                        Some((StatusCode::PAYLOAD_TOO_LARGE, "attachment-too-many-files"));
                    break;
                }
                let uploaded = Uploaded {
                    temp,
                    sha256,
                    len,
                    name: name.clone(),
                };
                service::add_attachment(
                    &db,
                    &store,
                    who(&user),
                    id,
                    uploaded,
                    upload.language.clone(),
                )
                .await?
            }
            Ok(Streamed::TooLarge(n)) => {
                count += 1;
                used += n;
                Err(DocumentRefusal::TooLarge)
            }
            Err(ReadError::OverBudget) => {
                upload.stopped = Some(too_large);
                break;
            }
            Err(ReadError::Broken) => {
                upload.stopped = Some(broken);
                break;
            }
        };
        upload.files.push((name, outcome.err()));
    }
    if upload.files.is_empty() && upload.stopped.is_none() && !upload.language_error {
        upload.stopped = Some((StatusCode::UNPROCESSABLE_ENTITY, "attachment-none-chosen"));
    }
    let refused = upload.files.iter().any(|(_, r)| r.is_some());
    let status = match upload.stopped {
        Some((status, _)) => status,
        None if refused || upload.language_error => StatusCode::UNPROCESSABLE_ENTITY,
        None => return Ok(see_other(&list_page(id))),
    };
    let list = service::list(&db, who(&user), id).await?;
    let mut page = page(user, id, list, None);
    page.upload_language = upload.language;
    page.upload_language_error = upload
        .language_error
        .then(|| page.layout.t("attachment-language-invalid"));
    page.stopped = upload.stopped.map(|(_, message)| page.layout.t(message));
    page.results = upload
        .files
        .into_iter()
        .map(|(name, refusal)| FileResult {
            name,
            refused: refusal.map(|r| page.layout.t(refusal_message(r))),
        })
        .collect();
    html_response(status, &page)
}

/// `POST /admin/attachments/{id}`: title and language.
pub async fn update_attachment(
    path: web::Path<String>,
    body: web::Bytes,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let id = id_of(&path)?;
    let user = user.into_inner();
    let details: AttachmentDetails = form::parse(&body);
    let activity_id = service::check_attachment(&db, who(&user), id).await?;
    if let Some((field, message)) = details.problem() {
        let list = service::list(&db, who(&user), activity_id).await?;
        let problem = Problem {
            attachment_id: id,
            field,
            message,
            input: details,
        };
        let page = page(user, activity_id, list, Some(problem));
        return html_response(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    let activity_id = service::set_details(&db, who(&user), id, details).await?;
    Ok(see_other(&list_page(activity_id)))
}

/// `POST /admin/attachments/{id}/delete`.
pub async fn delete_attachment(
    path: web::Path<String>,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let id = id_of(&path)?;
    let activity_id = service::delete_attachment(&db, who(&user.into_inner()), id).await?;
    Ok(see_other(&list_page(activity_id)))
}
