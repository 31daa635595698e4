//! What every pooled connection gets when it is opened.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use diesel::SqliteConnection;
use diesel::connection::{Connection, InstrumentationEvent, SimpleConnection};
use diesel::r2d2::{CustomizeConnection, Error};

#[derive(Debug)]
pub(super) struct ConnectionSetup {
    pub busy_timeout: Duration,
    pub read_only: bool,
    pub statements: Arc<AtomicU64>,
}

impl CustomizeConnection<SqliteConnection, Error> for ConnectionSetup {
    fn on_acquire(&self, conn: &mut SqliteConnection) -> Result<(), Error> {
        // SQLite turns foreign keys off for every new connection, and the busy timeout is
        // per connection too. synchronous=NORMAL is durable enough in WAL mode (a power cut
        // may lose the last commits, never corrupt) and saves an fsync per commit.
        // query_only makes a read connection refuse writes, so a write cannot bypass the
        // single writer by accident.
        conn.batch_execute(&format!(
            "PRAGMA busy_timeout = {}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; \
             PRAGMA query_only = {};",
            self.busy_timeout.as_millis(),
            if self.read_only { "ON" } else { "OFF" },
        ))
        .map_err(Error::QueryError)?;
        let statements = Arc::clone(&self.statements);
        conn.set_instrumentation(move |event: InstrumentationEvent<'_>| {
            if let InstrumentationEvent::StartQuery { .. } = event {
                statements.fetch_add(1, Ordering::Relaxed);
            }
        });
        Ok(())
    }
}
