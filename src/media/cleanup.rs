//! Removes what no row needs any more: stored images and documents that nothing uses, then
//! files under `media/` (and `tmp/`) that no row names, once they are older than a grace
//! period. Runs on a thread of its own, first one period after the start: never on the
//! start-up path.
//!
//! Rows go first and are committed, files after (see `store.rs` for why). A file is
//! removed only when it is older than the grace period, its age read again just before:
//! a file written for an upload whose row is not committed yet is always recent, and
//! storing a file that exists already refreshes its time.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

use super::store::MediaStore;
use crate::db::Db;
use crate::db::models::media;
use crate::error::AppError;

/// When the clean-up runs and what it spares.
#[derive(Debug, Clone, Copy)]
pub struct MediaCleanup {
    /// Time between two runs; the first run is one period after the start.
    pub every: Duration,
    /// Files younger than this are never removed, whatever the database says.
    pub grace: Duration,
}

impl Default for MediaCleanup {
    fn default() -> Self {
        MediaCleanup {
            every: Duration::from_secs(60 * 60),
            grace: Duration::from_secs(60 * 60),
        }
    }
}

/// What one run removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Removed {
    pub images: usize,
    pub documents: usize,
    pub files: usize,
}

/// One clean-up run.
pub fn run_once(db: &Db, store: &MediaStore, grace: Duration) -> Result<Removed, AppError> {
    let (images, documents) = db
        .write_conn()?
        .immediate_transaction::<_, AppError, _>(|conn| {
            Ok((
                media::delete_unused_images(conn)?.len(),
                media::delete_unused_files(conn)?.len(),
            ))
        })?;
    let mut on_disk = Vec::new();
    walk(store.root(), &mut on_disk).map_err(AppError::internal)?;
    walk(store.tmp(), &mut on_disk).map_err(AppError::internal)?;
    // Read after listing: a file listed and then named by a new row is in this set.
    let named: std::collections::HashSet<PathBuf> = media::all_paths(&mut *db.read_conn()?)?
        .into_iter()
        .filter_map(|p| store.path(&p))
        .collect();
    let cutoff = SystemTime::now()
        .checked_sub(grace)
        .unwrap_or(SystemTime::UNIX_EPOCH);
    let mut files = 0;
    for path in on_disk.into_iter().filter(|p| !named.contains(p)) {
        let old = fs::symlink_metadata(&path)
            .and_then(|m| m.modified())
            .is_ok_and(|t| t < cutoff);
        if old {
            match fs::remove_file(&path) {
                Ok(()) => files += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    tracing::warn!(path = %path.display(), error = %e, "cannot remove media file")
                }
            }
        }
    }
    Ok(Removed {
        images,
        documents,
        files,
    })
}

/// Every file (not folder) under `dir`; a missing `dir` has none.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&entry.path(), out)?;
        } else {
            out.push(entry.path());
        }
    }
    Ok(())
}

/// Starts the clean-up thread; it stops when `stop` is set.
pub fn spawn(
    db: Db,
    store: MediaStore,
    settings: MediaCleanup,
    stop: Arc<AtomicBool>,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    // Short naps, so that a stop is noticed within one even when runs are an hour apart.
    let nap = settings.every.min(Duration::from_secs(1));
    std::thread::Builder::new()
        .name("media-cleanup".into())
        .spawn(move || {
            let mut last = Instant::now();
            while !stop.load(Ordering::Relaxed) {
                std::thread::sleep(nap);
                if last.elapsed() < settings.every {
                    continue;
                }
                last = Instant::now();
                match run_once(&db, &store, settings.grace) {
                    Ok(removed) if removed == Removed::default() => {}
                    Ok(removed) => tracing::info!(?removed, "removed unused media"),
                    Err(e) => tracing::warn!(error = %e, "media clean-up failed; will retry"),
                }
            }
        })
}
