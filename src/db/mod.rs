//! The database: SQLite in WAL mode behind two pools, one writer and a few readers.
//!
//! Diesel is blocking, so every query runs on actix's blocking pool through [`Db::read`] or
//! [`Db::write`], never on an async worker. A pool that cannot hand out a connection in time,
//! or a database locked past the busy timeout, becomes a 503 rather than a hang.

pub mod backup;
pub mod changes;
mod connection;
pub mod migrations;
pub mod models;
pub mod schema;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use diesel::SqliteConnection;
use diesel::r2d2::{ConnectionManager, Pool, PooledConnection};

use crate::error::AppError;
use changes::ContentVersion;
use connection::ConnectionSetup;

/// A pooled SQLite connection.
pub type Conn = PooledConnection<ConnectionManager<SqliteConnection>>;

/// The writing connection, lent out. Every write leaves through here, so the page cache
/// learns of a change as soon as the transaction that made it has ended.
pub struct WriteConn {
    conn: Conn,
    content: Arc<ContentVersion>,
}

impl std::ops::Deref for WriteConn {
    type Target = SqliteConnection;

    fn deref(&self) -> &SqliteConnection {
        &self.conn
    }
}

impl std::ops::DerefMut for WriteConn {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        &mut self.conn
    }
}

impl Drop for WriteConn {
    fn drop(&mut self) {
        if let Err(e) = self.content.observe(&mut self.conn) {
            tracing::warn!(error = %e, "could not read the count of public changes");
        }
    }
}

/// How the pools treat SQLite; the defaults are the production values.
#[derive(Clone, Debug)]
pub struct DbOptions {
    /// How long a statement waits for another connection's lock before giving up.
    pub busy_timeout: Duration,
    /// How long a request waits for a free pooled connection.
    pub pool_timeout: Duration,
    /// Readers: WAL lets them run beside the single writer.
    pub readers: u32,
}

impl Default for DbOptions {
    fn default() -> Self {
        Self {
            busy_timeout: Duration::from_millis(5000),
            pool_timeout: Duration::from_secs(10),
            readers: 4,
        }
    }
}

/// Handle to the database, cheap to clone.
#[derive(Clone)]
pub struct Db {
    path: PathBuf,
    read: Pool<ConnectionManager<SqliteConnection>>,
    // One connection: SQLite allows one writer at a time, and queueing here is fairer and
    // faster than every request retrying on SQLITE_BUSY.
    write: Pool<ConnectionManager<SqliteConnection>>,
    statements: Arc<AtomicU64>,
    content: Arc<ContentVersion>,
}

impl Db {
    /// Opens the database at `path`, creating it and running pending migrations first.
    /// Returns the handle and whether the database was brand new.
    pub fn open(path: &Path, options: &DbOptions) -> anyhow::Result<(Self, bool)> {
        // Before any connection opens: the search's ranking function, planner settings.
        crate::search::connection::register();
        let created = migrations::migrate(path, options.busy_timeout)?;
        let statements = Arc::new(AtomicU64::new(0));
        let content = Arc::new(ContentVersion::default());
        let pool = |size: u32, read_only: bool| {
            Pool::builder()
                .max_size(size)
                .min_idle(Some(0))
                // A local file does not go stale like a network connection: checking each
                // connection on checkout would add a query to every request.
                .test_on_check_out(false)
                .connection_timeout(options.pool_timeout)
                .connection_customizer(Box::new(ConnectionSetup {
                    busy_timeout: options.busy_timeout,
                    read_only,
                    statements: Arc::clone(&statements),
                }))
                .build(ConnectionManager::<SqliteConnection>::new(
                    path.to_string_lossy(),
                ))
        };
        let db = Db {
            path: path.to_owned(),
            read: pool(options.readers.max(1), true)?,
            write: pool(1, false)?,
            statements: Arc::clone(&statements),
            content,
        };
        Ok((db, created))
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How many SQL statements all pooled connections have run so far; tests compare it
    /// before and after a request to prove a page makes a fixed number of queries.
    pub fn statement_count(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    /// Changes to what visitors see, for the page cache.
    pub fn content(&self) -> &Arc<ContentVersion> {
        &self.content
    }

    /// Notices changes to public content made by another process (called once a second).
    pub fn observe_changes(&self) -> Result<(), AppError> {
        Ok(self.content.observe(&mut *self.read.get()?)?)
    }

    /// A reading connection, for start-up and command-line work outside a request.
    pub fn read_conn(&self) -> Result<Conn, AppError> {
        Ok(self.read.get()?)
    }

    /// The writing connection, for start-up and command-line work outside a request. When
    /// it is released, it notices what its writes changed for visitors.
    pub fn write_conn(&self) -> Result<WriteConn, AppError> {
        Ok(WriteConn {
            conn: self.write.get()?,
            content: Arc::clone(&self.content),
        })
    }

    /// Runs `f` on a read-only connection on the blocking pool.
    pub async fn read<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut SqliteConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.read.clone();
        actix_web::web::block(move || f(&mut *pool.get()?)).await?
    }

    /// Runs `f` in an immediate transaction on the writing connection, on the blocking pool.
    /// Do hashing, image work and file I/O before calling this, never inside `f`.
    pub async fn write<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut SqliteConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let db = self.clone();
        actix_web::web::block(move || db.write_now(f)).await?
    }

    /// [`Db::write`] for threads that may block (the scheduler, the command line).
    pub fn write_now<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut SqliteConnection) -> Result<T, AppError>,
    {
        self.write_conn()?.immediate_transaction(f)
    }
}
