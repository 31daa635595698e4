//! `capped_bm25(search_index, w0, …, w5)`: FTS5's bm25 ranking, except for how it learns
//! how rare each phrase is.
//!
//! The built-in `bm25()` counts, once per statement, every row of the whole index holding
//! each phrase of the query (its inverse document frequency). That is the cost of the
//! search itself when the results are capped: on 100 000 activities, 50 ms for a common
//! English word, whatever range of rows the statement ranks. This function estimates the
//! count instead: it reads a phrase's first [`IDF_SAMPLE`] rows in rowid order and, when
//! there are that many, extrapolates from the rowid the sample reached (rowids are dense:
//! they are activity ids). Rare phrases are counted exactly; for common ones the estimate
//! only sets how much they weigh against the other terms of the query, where an error of a
//! few percent changes nothing a reader would notice. Term frequency, column weights and
//! document-length normalisation are bm25's own (k1 = 1.2, b = 0.75).
//!
//! A query of one phrase (the usual one word) needs no estimate at all: its weight scales
//! every row's score alike, so the order is the same without it.
//!
//! SQLite calls the function through FTS5's C interface, hence the `unsafe` below; it is
//! registered on every connection by [`super::connection::register`].

use std::ffi::{c_int, c_void};

use libsqlite3_sys as ffi;

/// How many rows of a phrase are read to estimate how common it is.
pub const IDF_SAMPLE: i64 = 200;

const K1: f64 = 1.2;
const B: f64 = 0.75;

/// What one statement needs for every row: kept as the statement's FTS5 auxiliary data.
struct Corpus {
    /// Inverse document frequency of each phrase of the query.
    idf: Vec<f64>,
    /// Average tokens per row.
    average_length: f64,
}

/// The phrase rows read so far while sampling.
struct Sample {
    rows: i64,
    last_rowid: i64,
}

/// bm25's IDF from a count of `hits` rows among `rows`.
pub fn idf(rows: i64, hits: f64) -> f64 {
    let idf = ((rows as f64 - hits + 0.5) / (hits + 0.5)).ln();
    // As bm25 does: a phrase in more than half the rows still counts a little.
    if idf <= 0.0 { 1e-6 } else { idf }
}

/// How many of `rows` rows hold a phrase whose first [`IDF_SAMPLE`] rows (in rowid order)
/// ended at `sample.last_rowid`.
fn estimated_hits(rows: i64, sample: &Sample) -> f64 {
    if sample.rows < IDF_SAMPLE {
        return sample.rows as f64;
    }
    let density = sample.rows as f64 / sample.last_rowid.max(1) as f64;
    (density * rows as f64).clamp(sample.rows as f64, rows as f64)
}

/// bm25 of one row from its weighted phrase frequencies and its length.
pub fn score(idf: &[f64], frequencies: &[f64], length: f64, average_length: f64) -> f64 {
    let norm = K1 * (1.0 - B + B * length / average_length);
    idf.iter()
        .zip(frequencies)
        .map(|(idf, f)| idf * f * (K1 + 1.0) / (f + norm))
        .sum()
}

unsafe extern "C" fn count_sample(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    data: *mut c_void,
) -> c_int {
    // SAFETY: `data` is the `Sample` that `corpus` passed to xQueryPhrase, alive during it.
    let sample = unsafe { &mut *data.cast::<Sample>() };
    sample.rows += 1;
    // SAFETY: FTS5 hands the callback its API and a context positioned on a row.
    if let Some(rowid) = unsafe { (*api).xRowid } {
        sample.last_rowid = unsafe { rowid(fts) };
    }
    if sample.rows >= IDF_SAMPLE {
        // Stops the phrase query; xQueryPhrase then returns SQLITE_OK.
        ffi::SQLITE_DONE
    } else {
        ffi::SQLITE_OK
    }
}

unsafe extern "C" fn drop_corpus(data: *mut c_void) {
    // SAFETY: only ever called by FTS5 on the pointer `corpus` made with Box::into_raw.
    drop(unsafe { Box::from_raw(data.cast::<Corpus>()) });
}

/// Turns an FTS5 return code into a `Result`.
fn ok(rc: c_int) -> Result<(), c_int> {
    if rc == ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(rc)
    }
}

/// The statement's [`Corpus`], computed on its first row.
///
/// # Safety
/// `api` and `fts` are those FTS5 passed to the auxiliary function.
unsafe fn corpus<'a>(
    api: &ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
) -> Result<&'a Corpus, c_int> {
    let missing = ffi::SQLITE_MISUSE;
    unsafe {
        let kept = (api.xGetAuxdata.ok_or(missing)?)(fts, 0).cast::<Corpus>();
        if !kept.is_null() {
            return Ok(&*kept);
        }
        let mut rows: i64 = 0;
        ok((api.xRowCount.ok_or(missing)?)(fts, &mut rows))?;
        let rows = rows.max(1);
        let mut tokens: i64 = 0;
        ok((api.xColumnTotalSize.ok_or(missing)?)(fts, -1, &mut tokens))?;
        let phrases = (api.xPhraseCount.ok_or(missing)?)(fts);
        // A single phrase's weight scales every row's score alike: no need to learn it.
        let idfs = if phrases == 1 {
            vec![1.0]
        } else {
            (0..phrases)
                .map(|phrase| phrase_idf(api, fts, phrase, rows))
                .collect::<Result<Vec<f64>, c_int>>()?
        };
        let corpus = Box::into_raw(Box::new(Corpus {
            idf: idfs,
            average_length: (tokens as f64 / rows as f64).max(1.0),
        }));
        // On failure FTS5 has already called `drop_corpus` on it.
        ok((api.xSetAuxdata.ok_or(missing)?)(
            fts,
            corpus.cast::<c_void>(),
            Some(drop_corpus),
        ))?;
        Ok(&*corpus)
    }
}

/// How rare `phrase` is, from its first [`IDF_SAMPLE`] rows.
///
/// # Safety
/// As for [`corpus`].
unsafe fn phrase_idf(
    api: &ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    phrase: c_int,
    rows: i64,
) -> Result<f64, c_int> {
    let mut sample = Sample {
        rows: 0,
        last_rowid: 0,
    };
    // SAFETY: `sample` outlives the call, which is the only user of the pointer.
    unsafe {
        ok((api.xQueryPhrase.ok_or(ffi::SQLITE_MISUSE)?)(
            fts,
            phrase,
            (&raw mut sample).cast::<c_void>(),
            Some(count_sample),
        ))?;
    }
    Ok(idf(rows, estimated_hits(rows, &sample)))
}

/// The row's score (higher is better).
///
/// # Safety
/// As for [`corpus`]; `weights` holds `count` valid values.
unsafe fn row_score(
    api: &ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    weights: *mut *mut ffi::sqlite3_value,
    count: c_int,
) -> Result<f64, c_int> {
    let missing = ffi::SQLITE_MISUSE;
    unsafe {
        let corpus = corpus(api, fts)?;
        let weight = |column: c_int| -> f64 {
            if column >= 0 && column < count {
                ffi::sqlite3_value_double(*weights.add(column as usize))
            } else {
                1.0
            }
        };
        let mut frequencies = vec![0.0; corpus.idf.len()];
        let mut instances: c_int = 0;
        ok((api.xInstCount.ok_or(missing)?)(fts, &mut instances))?;
        let inst = api.xInst.ok_or(missing)?;
        for i in 0..instances {
            let (mut phrase, mut column, mut offset) = (0, 0, 0);
            ok(inst(fts, i, &mut phrase, &mut column, &mut offset))?;
            if let Some(f) = frequencies.get_mut(phrase as usize) {
                *f += weight(column);
            }
        }
        let mut length: c_int = 0;
        ok((api.xColumnSize.ok_or(missing)?)(fts, -1, &mut length))?;
        Ok(score(
            &corpus.idf,
            &frequencies,
            f64::from(length),
            corpus.average_length,
        ))
    }
}

/// The auxiliary function itself. Like `bm25()` it returns the score negated, so that
/// `ORDER BY capped_bm25(…)` puts the best first.
pub(super) unsafe extern "C" fn capped_bm25(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    ctx: *mut ffi::sqlite3_context,
    count: c_int,
    values: *mut *mut ffi::sqlite3_value,
) {
    // SAFETY: FTS5 passes its API, the row's context and `count` argument values.
    unsafe {
        match row_score(&*api, fts, values, count) {
            Ok(score) => ffi::sqlite3_result_double(ctx, -score),
            Err(rc) => ffi::sqlite3_result_error_code(ctx, rc),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rarer_phrase_weighs_more() {
        assert!(idf(100_000, 20.0) > idf(100_000, 2_000.0));
        assert_eq!(idf(100, 90.0), 1e-6, "common phrases still count a little");
    }

    #[test]
    fn small_samples_are_exact_and_large_ones_extrapolate() {
        let few = Sample {
            rows: 12,
            last_rowid: 90_000,
        };
        assert_eq!(estimated_hits(100_000, &few), 12.0);
        // 200 rows among the first 400 ids: about half of all rows.
        let many = Sample {
            rows: IDF_SAMPLE,
            last_rowid: 400,
        };
        assert_eq!(estimated_hits(100_000, &many), 50_000.0);
        let everywhere = Sample {
            rows: IDF_SAMPLE,
            last_rowid: 100,
        };
        assert_eq!(
            estimated_hits(1_000, &everywhere),
            1_000.0,
            "never above all rows"
        );
    }

    #[test]
    fn more_matches_and_shorter_rows_score_higher() {
        let idf = [2.0];
        assert!(score(&idf, &[3.0], 100.0, 100.0) > score(&idf, &[1.0], 100.0, 100.0));
        assert!(score(&idf, &[1.0], 50.0, 100.0) > score(&idf, &[1.0], 200.0, 100.0));
        assert_eq!(score(&idf, &[0.0], 100.0, 100.0), 0.0);
    }
}
