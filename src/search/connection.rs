//! What every SQLite connection of the process gets, set up before any pool opens one
//! ([`register`], called by `Db::open`): the search's ranking function `capped_bm25`
//! (`super::rank`) and the query planner settings that keep prepared statements prepared.
//!
//! These go through SQLite's C interface (diesel gives no access to the raw connection),
//! hence the `unsafe` below: an auto-extension runs inside `sqlite3_open_v2` for each new
//! connection.

use std::ffi::{c_char, c_int, c_void};
use std::ptr;

use libsqlite3_sys as ffi;

use super::rank::capped_bm25;

/// Sets up every SQLite connection opened after this call, in this process. Calling it
/// again does nothing.
pub fn register() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: sqlite3_config before SQLite is initialized (it refuses afterwards, which
        // only leaves the defaults). Each pooled connection is used by one thread at a time,
        // which is all multi-thread mode asks; without memory statistics no allocation
        // takes a process-wide lock.
        unsafe {
            ffi::sqlite3_config(ffi::SQLITE_CONFIG_MULTITHREAD);
            ffi::sqlite3_config(ffi::SQLITE_CONFIG_MEMSTATUS, 0 as c_int);
        }
        // SAFETY: `init` has the signature SQLite expects of an extension entry point and
        // only uses the connection it is given.
        let rc = unsafe { ffi::sqlite3_auto_extension(Some(init)) };
        assert_eq!(rc, ffi::SQLITE_OK, "cannot set up SQLite connections");
    });
}

/// How long opening a connection waits for a lock held by another one. Asking FTS5 for its
/// API reads the schema, which another process checkpointing or recovering the WAL can
/// hold up for a moment; without a wait that moment fails the open. The connection's own
/// `busy_timeout` pragma replaces it afterwards.
const OPEN_BUSY_TIMEOUT_MS: c_int = 5_000;

/// Runs inside `sqlite3_open_v2` for each new connection. An error here fails the open:
/// a connection without the ranking function would fail every search it served.
unsafe extern "C" fn init(
    db: *mut ffi::sqlite3,
    _error: *mut *mut c_char,
    _routines: *const ffi::sqlite3_api_routines,
) -> c_int {
    // SAFETY: `db` is the connection being opened, valid for this call.
    unsafe { ffi::sqlite3_busy_timeout(db, OPEN_BUSY_TIMEOUT_MS) };
    // Query planner stability: without it SQLite compiles a statement again whenever a
    // value bound to its LIMIT, OFFSET or a LIKE pattern changes, which defeats diesel's
    // cache of prepared statements on every page that is not the first.
    // SAFETY: `db` is the connection being opened, valid for this call.
    unsafe {
        ffi::sqlite3_db_config(
            db,
            ffi::SQLITE_DBCONFIG_ENABLE_QPSG,
            1 as c_int,
            ptr::null_mut::<c_int>(),
        );
    }
    // SAFETY: `db` is the connection being opened, valid for this call.
    let api = match unsafe { fts5_api(db) } {
        Ok(Some(api)) => api,
        Ok(None) => return ffi::SQLITE_OK,
        Err(rc) => return rc,
    };
    // SAFETY: `api` came from this connection's FTS5 module, which outlives the connection.
    unsafe {
        match (*api).xCreateFunction {
            Some(create) => create(
                api,
                c"capped_bm25".as_ptr(),
                ptr::null_mut(),
                Some(capped_bm25),
                None,
            ),
            None => ffi::SQLITE_OK,
        }
    }
}

/// The connection's `fts5_api`, obtained the documented way (`SELECT fts5(?1)` with a
/// pointer bound under the type "fts5_api_ptr"); `None` when FTS5 gave none, the error
/// code when the statement could not be prepared.
unsafe fn fts5_api(db: *mut ffi::sqlite3) -> Result<Option<*mut ffi::fts5_api>, c_int> {
    let mut stmt = ptr::null_mut();
    let mut api: *mut ffi::fts5_api = ptr::null_mut();
    // SAFETY: `db` is open; `stmt` is finalized before `api`'s slot goes out of scope.
    unsafe {
        let rc = ffi::sqlite3_prepare_v2(
            db,
            c"SELECT fts5(?1)".as_ptr(),
            -1,
            &mut stmt,
            ptr::null_mut(),
        );
        if rc != ffi::SQLITE_OK {
            // A lock held past the timeout or an I/O error; SQLite fails the open on it
            // whatever this returns, since the connection's error code is set.
            return Err(rc);
        }
        ffi::sqlite3_bind_pointer(
            stmt,
            1,
            (&raw mut api).cast::<c_void>(),
            c"fts5_api_ptr".as_ptr(),
            None,
        );
        ffi::sqlite3_step(stmt);
        ffi::sqlite3_finalize(stmt);
    }
    Ok((!api.is_null()).then_some(api))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use diesel::connection::SimpleConnection;
    use diesel::{Connection, SqliteConnection};

    /// A command run beside the server (`user add`, `backup`) opens the database while the
    /// server may hold it for a moment: the open waits instead of failing.
    #[test]
    fn a_connection_opens_while_another_briefly_holds_the_database() {
        super::register();
        let dir = tempfile::tempdir().unwrap();
        let url = dir.path().join("db.sqlite3").to_str().unwrap().to_owned();
        let mut holder = SqliteConnection::establish(&url).unwrap();
        holder
            .batch_execute(
                "PRAGMA journal_mode = WAL; \
                 CREATE VIRTUAL TABLE words USING fts5(word); \
                 INSERT INTO words VALUES ('migrant'); \
                 PRAGMA locking_mode = EXCLUSIVE; \
                 BEGIN EXCLUSIVE; INSERT INTO words VALUES ('worker');",
            )
            .unwrap();
        let release = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            holder.batch_execute("COMMIT").unwrap();
        });
        let mut conn = SqliteConnection::establish(&url).expect("the open waits for the lock");
        release.join().unwrap();
        conn.batch_execute("SELECT capped_bm25(words, 1.0) FROM words WHERE words MATCH 'worker'")
            .expect("the ranking function is there");
    }
}
