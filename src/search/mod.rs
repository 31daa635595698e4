//! Site search: what a visitor types becomes a safe query over the trigram index of public
//! activities (`migrations/2026-11-29-000005_search`), and what the index highlights becomes
//! a snippet that templates print escaped.
//!
//! Short terms: the trigram index needs three characters. Terms of two characters (a
//! Chinese word like 移民, a Thai word like คน) are looked up as substrings instead; single
//! characters are left out and the page says so. A query with nothing left asks for a word
//! of at least two characters.

pub mod query;
pub mod snippet;

/// At most this many results are ranked and shown (20 pages): a bound on the work of a
/// query whatever the size of the site, and more than anyone reads.
pub const MAX_RESULTS: i64 = 200;
