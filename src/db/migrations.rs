//! Embedded migrations, run at start on a connection of their own.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, bail};
use diesel::connection::SimpleConnection;
use diesel::sql_types::Text;
use diesel::{Connection, QueryableByName, RunQueryDsl, SqliteConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

/// The migrations of `migrations/`, compiled into the binary.
pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations");

/// Opens (creating if needed) the database at `path`, switches it to WAL and runs pending
/// migrations. Returns true when the database had no migration applied before.
pub fn migrate(path: &Path, busy_timeout: Duration) -> anyhow::Result<bool> {
    let url = path.to_str().context("database path is not valid UTF-8")?;
    let mut conn = SqliteConnection::establish(url)
        .with_context(|| format!("cannot open database {}", path.display()))?;
    // WAL is a property of the file, set once. Foreign keys stay off while migrating because
    // a migration may rebuild a table that others reference; the check afterwards proves
    // nothing was left dangling.
    conn.batch_execute(&format!(
        "PRAGMA busy_timeout = {}; PRAGMA journal_mode = WAL; PRAGMA foreign_keys = OFF;",
        busy_timeout.as_millis()
    ))?;
    let created = conn
        .applied_migrations()
        .map_err(|e| anyhow::anyhow!(e))?
        .is_empty();
    let applied = conn
        .run_pending_migrations(MIGRATIONS)
        .map_err(|e| anyhow::anyhow!(e))
        .context("running database migrations")?;
    // Only a migration can leave a dangling reference behind (foreign keys are off while
    // it runs); checking an unchanged database would read all of it at every start.
    if !applied.is_empty() {
        tracing::info!(count = applied.len(), "applied database migrations");
        check_foreign_keys(&mut conn)?;
    }
    Ok(created)
}

#[derive(QueryableByName)]
struct Violation {
    #[diesel(sql_type = Text)]
    table: String,
}

/// Fails when any row references a row that does not exist.
pub fn check_foreign_keys(conn: &mut SqliteConnection) -> anyhow::Result<()> {
    let violations: Vec<Violation> = diesel::sql_query("PRAGMA foreign_key_check").load(conn)?;
    if let Some(first) = violations.first() {
        bail!(
            "{} foreign key violation(s) after migrating, first in table {}",
            violations.len(),
            first.table
        );
    }
    Ok(())
}
