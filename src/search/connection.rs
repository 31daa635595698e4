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

/// Runs inside `sqlite3_open_v2` for each new connection.
unsafe extern "C" fn init(
    db: *mut ffi::sqlite3,
    _error: *mut *mut c_char,
    _routines: *const ffi::sqlite3_api_routines,
) -> c_int {
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
    let Some(api) = (unsafe { fts5_api(db) }) else {
        // Without FTS5 the search index cannot exist either; opening must not fail on it.
        return ffi::SQLITE_OK;
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
/// pointer bound under the type "fts5_api_ptr").
unsafe fn fts5_api(db: *mut ffi::sqlite3) -> Option<*mut ffi::fts5_api> {
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
            return None;
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
    (!api.is_null()).then_some(api)
}
