//! Knowing when what visitors see has changed, whatever code path changed it.
//!
//! Triggers on every table a public page reads count one up in `public_changes`, in the
//! transaction that makes the change. The portal reads that count after each of its own
//! writing transactions and once a second (for writes by other processes, such as `seed` or
//! the sqlite3 shell) and bumps [`ContentVersion`] when it moved. A page is stored under
//! the generation read before it was rendered; the bump happens only after the commit, so a
//! page rendered from an older snapshot is never served once the change is visible.

use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::time::SystemTime;

use diesel::prelude::*;

use crate::db::schema::public_changes;

/// A counter of changes to public content, shared by all users of a database.
#[derive(Debug)]
pub struct ContentVersion {
    generation: AtomicU64,
    /// The database's count when last read (-1: never read).
    seen: AtomicI64,
    /// Seconds since the epoch of the last change (the start, before any).
    changed_at: AtomicI64,
}

impl Default for ContentVersion {
    fn default() -> Self {
        ContentVersion {
            generation: AtomicU64::new(1),
            seen: AtomicI64::new(-1),
            changed_at: AtomicI64::new(unix_now()),
        }
    }
}

impl ContentVersion {
    /// The current generation: read it before reading the database for a page.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// When public content last changed (or the process started), to the second.
    pub fn changed_at(&self) -> SystemTime {
        let secs = self.changed_at.load(Ordering::Relaxed).max(0) as u64;
        SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(secs)
    }

    /// Reads the database's count of changes (after a transaction has ended) and bumps the
    /// generation when it moved.
    pub fn observe(&self, conn: &mut SqliteConnection) -> QueryResult<()> {
        let count: i64 = public_changes::table
            .select(public_changes::generation)
            .first(conn)?;
        if self.seen.swap(count, Ordering::AcqRel) != count {
            self.bump();
        }
        Ok(())
    }

    fn bump(&self) {
        self.changed_at.store(unix_now(), Ordering::Relaxed);
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// What a change does, for tests of what depends on it.
    #[cfg(test)]
    pub fn bump_for_test(&self) {
        self.bump();
    }
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}
