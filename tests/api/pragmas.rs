use std::time::Duration;

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use mmn_portal::db::{Db, DbOptions};

#[derive(QueryableByName)]
struct Number {
    #[diesel(sql_type = BigInt)]
    value: i64,
}

#[derive(QueryableByName)]
struct Word {
    #[diesel(sql_type = Text)]
    value: String,
}

/// The value of a pragma, read through its table-valued function (whose one column is
/// named after the pragma, but for busy_timeout's `timeout`).
fn number(conn: &mut SqliteConnection, pragma: &str) -> i64 {
    let column = if pragma == "busy_timeout" {
        "timeout"
    } else {
        pragma
    };
    diesel::sql_query(format!("SELECT {column} AS value FROM pragma_{pragma}()"))
        .get_result::<Number>(conn)
        .unwrap_or_else(|e| panic!("PRAGMA {pragma}: {e}"))
        .value
}

#[test]
fn every_pooled_connection_has_the_pragmas() {
    let dir = tempfile::tempdir().unwrap();
    let options = DbOptions {
        readers: 3,
        ..DbOptions::default()
    };
    let (db, _) = Db::open(&dir.path().join("portal.sqlite3"), &options).unwrap();

    // Hold every connection at once, so that each one in the pools is checked.
    let mut readers: Vec<_> = (0..3).map(|_| db.read_conn().unwrap()).collect();
    let mut writer = db.write_conn().unwrap();

    for (conn, read_only) in readers
        .iter_mut()
        .map(|c| (&mut **c, 1))
        .chain(std::iter::once((&mut *writer, 0)))
    {
        assert_eq!(number(conn, "foreign_keys"), 1);
        assert_eq!(number(conn, "busy_timeout"), 5000);
        assert_eq!(number(conn, "synchronous"), 1, "NORMAL");
        assert_eq!(number(conn, "query_only"), read_only);
        let mode: Word =
            diesel::sql_query("SELECT journal_mode AS value FROM pragma_journal_mode()")
                .get_result(conn)
                .unwrap();
        assert_eq!(mode.value, "wal");
    }

    let write_on_reader =
        diesel::sql_query("INSERT INTO categories (slug, name) VALUES ('x', 'X')")
            .execute(&mut *readers[0]);
    assert!(write_on_reader.is_err(), "a read connection refuses writes");
}

#[test]
fn the_pool_has_one_writer_and_queues_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let options = DbOptions {
        pool_timeout: Duration::from_millis(200),
        ..DbOptions::default()
    };
    let (db, _) = Db::open(&dir.path().join("portal.sqlite3"), &options).unwrap();
    let _writer = db.write_conn().unwrap();
    let second = db.write_conn();
    assert!(
        matches!(second, Err(mmn_portal::error::AppError::Unavailable(_))),
        "a second writer waits, then gives up as 'unavailable'"
    );
}
