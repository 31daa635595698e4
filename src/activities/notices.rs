//! Who hears of a lifecycle step by e-mail: the secretariat of new submissions, the
//! organization of changes requested, approval, rejection and publication.

use diesel::SqliteConnection;

use crate::config::Site;
use crate::db::Db;
use crate::db::models::{activities as acts, users};
use crate::domain::lifecycle::Action;
use crate::error::AppError;
use crate::notify::{Mail, Mailer};

/// Queues the notice of `action` on the activity, after its transaction committed.
pub async fn after(
    db: &Db,
    mailer: &Mailer,
    site: &Site,
    activity_id: i32,
    action: Action,
    comment: &str,
) -> Result<(), AppError> {
    if !mailer.is_configured() || !wanted(action) {
        return Ok(());
    }
    let (site, comment) = (site.clone(), comment.to_owned());
    if let Some(mail) = db
        .read(move |conn| notice(conn, &site, activity_id, action, &comment))
        .await?
    {
        mailer.send(mail);
    }
    Ok(())
}

fn wanted(action: Action) -> bool {
    matches!(
        action,
        Action::Submit
            | Action::RequestChanges
            | Action::Approve
            | Action::Reject
            | Action::PublishScheduled
    )
}

/// The notice of `action`, with its recipients, or `None` when nobody is to be told.
pub fn notice(
    conn: &mut SqliteConnection,
    site: &Site,
    activity_id: i32,
    action: Action,
    comment: &str,
) -> Result<Option<Mail>, AppError> {
    if !wanted(action) {
        return Ok(None);
    }
    let Some(head) = acts::head(conn, activity_id)? else {
        return Ok(None);
    };
    let revision = acts::revision(conn, head.current_revision_id.ok_or(AppError::NotFound)?)?;
    let to = if action == Action::Submit {
        users::active_secretariat_emails(conn)?
    } else {
        users::active_emails_of_organization(conn, head.organization_id)?
    };
    let title = revision.title;
    let edit = site
        .base_url
        .join(&format!("/admin/activities/{activity_id}/edit"));
    let public = site.base_url.join(&format!("/activities/{}", head.slug));
    let (subject, body) = match action {
        Action::Submit => (
            format!("New submission: {title}"),
            format!("A report waits for review:\n\n{title}\n{edit}\n"),
        ),
        Action::RequestChanges => (
            format!("Changes requested: {title}"),
            format!("The secretariat asks for changes to your report:\n\n{comment}\n\n{edit}\n"),
        ),
        Action::Reject => (
            format!("Not accepted: {title}"),
            format!("Your report was not accepted:\n\n{comment}\n\n{edit}\n"),
        ),
        Action::Approve if revision.state == "scheduled" => (
            format!("Approved: {title}"),
            format!(
                "Your report was approved and will be published at the scheduled time:\n{public}\n"
            ),
        ),
        _ => (
            format!("Published: {title}"),
            format!("Your report is published:\n{public}\n"),
        ),
    };
    Ok(Some(Mail { to, subject, body }))
}
