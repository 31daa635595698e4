//! Publishes scheduled activities when their time comes, without a request to trigger it.
//! Runs on a thread of its own and starts by catching up, so a restart loses nothing.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::Utc;

use super::Who;
use super::lifecycle::{ActionInput, apply};
use super::notices::notice;
use crate::config::Site;
use crate::db::Db;
use crate::db::models::activities as acts;
use crate::domain::lifecycle::Action;
use crate::error::AppError;
use crate::notify::Mailer;

/// How often the scheduler looks for due activities: "on time" within this.
pub const TICK: Duration = Duration::from_secs(1);

/// Publishes every scheduled revision whose time has come; returns how many.
pub fn publish_due(db: &Db, mailer: &Mailer, site: &Site) -> Result<usize, AppError> {
    let due = acts::due_revisions(&mut *db.read_conn()?, Utc::now().naive_utc())?;
    let scheduler = Who {
        user_id: None,
        organization_id: None,
        secretariat: false,
    };
    let mut published = 0;
    for (activity_id, number) in due {
        let input = ActionInput {
            revision: Some(number),
            ..Default::default()
        };
        let outcome = db.write_now(|conn| {
            apply(
                conn,
                &scheduler,
                true,
                activity_id,
                Action::PublishScheduled,
                &input,
            )
        });
        match outcome {
            Ok(_) => {
                published += 1;
                if mailer.is_configured()
                    && let Some(mail) = notice(
                        &mut *db.read_conn()?,
                        site,
                        activity_id,
                        Action::PublishScheduled,
                        "",
                    )?
                {
                    mailer.send(mail);
                }
            }
            // Unpublished or re-edited meanwhile: nothing to do.
            Err(AppError::Conflict(_) | AppError::NotFound) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(published)
}

/// Starts the scheduler thread; it stops when `stop` is set.
pub fn spawn(
    db: Db,
    mailer: Mailer,
    site: Site,
    stop: Arc<AtomicBool>,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name("scheduler".into())
        .spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                match publish_due(&db, &mailer, &site) {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(published = n, "published scheduled activities"),
                    Err(e) => {
                        tracing::warn!(error = %e, "scheduled publication failed; will retry")
                    }
                }
                // Changes made by another process (seed, the sqlite3 shell) reach the page
                // cache within a tick.
                if let Err(e) = db.observe_changes() {
                    tracing::warn!(error = %e, "could not read the count of public changes");
                }
                std::thread::sleep(TICK);
            }
        })
}
