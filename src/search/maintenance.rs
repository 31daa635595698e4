//! Keeps the search index in one piece.
//!
//! FTS5 writes a new segment for every transaction that changes the index and merges
//! segments only level by level, so an index that grew one publication at a time (or by a
//! seed's batches) holds a couple of dozen of them, and every search walks each one for each
//! trigram of its terms. Merged into one, the 100 000-activity benchmark index answered the
//! same searches with 30–60% more requests per second. Compacting merges every segment into
//! one, a bounded number of pages per short write transaction, so that a member publishing
//! meanwhile waits for one step at most, never for the whole merge.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use diesel::prelude::*;
use diesel::sql_types::BigInt;

use crate::db::Db;
use crate::error::AppError;

/// Pages written by one step: a few megabytes, tens of milliseconds.
const STEP_PAGES: i64 = 500;

/// How often the running portal compacts the index. Nothing else depends on it: a search
/// is right whatever the number of segments, only slower.
pub const EVERY: Duration = Duration::from_secs(24 * 60 * 60);

#[derive(QueryableByName)]
struct Changes {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn total_changes(conn: &mut SqliteConnection) -> QueryResult<i64> {
    Ok(diesel::sql_query("SELECT total_changes() AS n")
        .get_result::<Changes>(conn)?
        .n)
}

/// One step of merging every segment into one; whether there was anything to merge.
pub fn compact_step(conn: &mut SqliteConnection) -> QueryResult<bool> {
    let before = total_changes(conn)?;
    // A negative page count makes every segment eligible, whatever its level.
    diesel::sql_query(format!(
        "INSERT INTO search_index (search_index, rank) VALUES ('merge', -{STEP_PAGES})"
    ))
    .execute(conn)?;
    // FTS5 documents this test: a step that merged something changed two rows or more.
    Ok(total_changes(conn)? - before >= 2)
}

/// Merges the index into one segment, a step per write transaction; returns the steps that
/// merged something (0 when it already was in one piece).
pub fn compact(db: &Db, stop: &AtomicBool) -> Result<usize, AppError> {
    let mut steps = 0;
    while !stop.load(Ordering::Relaxed) && db.write_now(|conn| Ok(compact_step(conn)?))? {
        steps += 1;
    }
    Ok(steps)
}

/// Starts the thread that compacts the index every [`EVERY`], the first time one period
/// after the start; it stops when `stop` is set.
pub fn spawn(db: Db, stop: Arc<AtomicBool>) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name("search-maintenance".into())
        .spawn(move || {
            let mut last = Instant::now();
            while !stop.load(Ordering::Relaxed) {
                // Short naps, so that a stop is noticed within one.
                std::thread::sleep(Duration::from_secs(1));
                if last.elapsed() < EVERY {
                    continue;
                }
                last = Instant::now();
                match compact(&db, &stop) {
                    Ok(0) => {}
                    Ok(steps) => tracing::info!(steps, "compacted the search index"),
                    Err(e) => tracing::warn!(error = %e, "compacting the search index failed"),
                }
            }
        })
}

#[cfg(test)]
mod tests {
    use diesel::connection::SimpleConnection;

    use super::*;
    use crate::db::DbOptions;

    fn found(db: &Db, word: &str) -> Vec<i64> {
        #[derive(QueryableByName)]
        struct Row {
            #[diesel(sql_type = BigInt)]
            id: i64,
        }
        diesel::sql_query(format!(
            "SELECT rowid AS id FROM search_index WHERE search_index MATCH '\"{word}\"' \
             ORDER BY rowid DESC"
        ))
        .load::<Row>(&mut *db.read_conn().unwrap())
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect()
    }

    #[test]
    fn compacting_merges_the_index_into_one_piece_and_finds_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let (db, _) = Db::open(&dir.path().join("db.sqlite3"), &DbOptions::default()).unwrap();
        // One transaction per row, as publications come: a segment each, merged by level.
        for id in 1..=300 {
            let text = match id % 3 {
                0 => "แรงงานข้ามชาติในไทย",
                1 => "စက်မှုဇုန်အလုပ်သမားများ",
                _ => "Migrant workers met in Battambang",
            };
            db.write_now(|conn| {
                conn.batch_execute(&format!(
                    "INSERT INTO search_index (rowid, title, summary, body, location, \
                     organizations, attachments) VALUES ({id}, 'report {id}', '', '{text}', '', '', '')"
                ))?;
                Ok(())
            })
            .unwrap();
        }
        let words = ["ข้ามชา", "အလုပ်သမား", "battambang", "report 299"];
        let before: Vec<Vec<i64>> = words.iter().map(|w| found(&db, w)).collect();
        assert_eq!(before[0].len(), 100);
        assert_eq!(before[3], [299]);
        let stop = AtomicBool::new(false);
        assert!(compact(&db, &stop).unwrap() > 0, "the segments were merged");
        // A negative merge works whenever two segments are left: none is.
        assert_eq!(compact(&db, &stop).unwrap(), 0, "one piece");
        let after: Vec<Vec<i64>> = words.iter().map(|w| found(&db, w)).collect();
        assert_eq!(before, after);
    }
}
