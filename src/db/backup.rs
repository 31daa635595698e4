//! Consistent online copies of the database.

use std::path::Path;

use anyhow::{Context, bail};
use diesel::sql_types::Text;
use diesel::{Connection, QueryableByName, RunQueryDsl, SqliteConnection};

#[derive(QueryableByName)]
struct Check {
    #[diesel(sql_type = Text)]
    integrity_check: String,
}

/// Writes a consistent copy of the database at `source` to `target` while the server may be
/// writing. `VACUUM INTO` reads one snapshot, so the copy holds every transaction committed
/// before it started and none half-done. The copy is written beside the target and renamed
/// into place once checked, so a failed backup never leaves a file that looks complete.
pub fn backup(source: &Path, target: &Path) -> anyhow::Result<()> {
    if target.exists() {
        bail!(
            "{} already exists; choose a new file name",
            target.display()
        );
    }
    if !source.exists() {
        bail!("no database at {}", source.display());
    }
    let partial = target.with_file_name(format!(
        ".{}.partial",
        target
            .file_name()
            .context("backup target has no file name")?
            .to_string_lossy()
    ));
    let _ = std::fs::remove_file(&partial);
    let mut conn = SqliteConnection::establish(source.to_str().context("path is not UTF-8")?)?;
    diesel::sql_query("PRAGMA busy_timeout = 5000").execute(&mut conn)?;
    diesel::sql_query("VACUUM INTO ?")
        .bind::<Text, _>(partial.to_str().context("path is not UTF-8")?)
        .execute(&mut conn)
        .context("copying the database")?;
    let mut copy = SqliteConnection::establish(partial.to_str().context("path is not UTF-8")?)?;
    let check: Check = diesel::sql_query("PRAGMA integrity_check").get_result(&mut copy)?;
    drop(copy);
    if check.integrity_check != "ok" {
        let _ = std::fs::remove_file(&partial);
        bail!(
            "the copy failed its integrity check: {}",
            check.integrity_check
        );
    }
    std::fs::rename(&partial, target)
        .with_context(|| format!("moving the copy to {}", target.display()))?;
    Ok(())
}
