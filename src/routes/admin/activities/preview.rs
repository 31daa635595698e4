//! The review page: the report as readers will see it, and what an edit changes.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

use super::{id_of, who};
use crate::auth::guard::CurrentUser;
use crate::db::Db;
use crate::db::models::activities as acts;
use crate::error::AppError;
use crate::templates::{Layout, html_response};

#[derive(Template)]
#[template(path = "admin/activity_preview.html")]
pub struct PreviewPage {
    layout: Layout,
    user: CurrentUser,
    activity_id: i32,
    title: String,
    summary: String,
    language: String,
    body: crate::markdown::SanitizedHtml,
    /// Field label and lines, for an edit of a published activity.
    changes: Vec<(String, Vec<crate::activities::diff::Line>)>,
}

pub async fn preview_activity(
    path: web::Path<String>,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let id = id_of(&path)?;
    let user = user.into_inner();
    let w = who(&user);
    let (revision, live) = db
        .read(move |conn| {
            let head = acts::head(conn, id)?
                .filter(|h| w.can_reach(h.organization_id))
                .ok_or(AppError::NotFound)?;
            let current_id = head.current_revision_id.ok_or(AppError::NotFound)?;
            let live = match head.live_revision_id.filter(|l| *l != current_id) {
                Some(l) => Some(acts::revision(conn, l)?),
                None => None,
            };
            Ok((acts::revision(conn, current_id)?, live))
        })
        .await?;
    // For an edit of a published activity: what would change for readers.
    let changes = live.map_or_else(Vec::new, |live| {
        crate::activities::diff::fields(&[
            ("activity-title", &live.title, &revision.title),
            ("activity-summary", &live.summary, &revision.summary),
            ("activity-body", &live.body, &revision.body),
            ("activity-location", &live.location, &revision.location),
        ])
    });
    let layout = Layout::for_user(&user);
    let page = PreviewPage {
        changes: changes
            .into_iter()
            .map(|c| (layout.t(c.field), c.lines))
            .collect(),
        layout,
        user,
        activity_id: id,
        title: revision.title,
        summary: revision.summary,
        language: revision.language,
        body: crate::markdown::SanitizedHtml::from_stored(revision.body_html),
    };
    html_response(StatusCode::OK, &page)
}
