//! Site search: what a visitor types becomes a safe query over the trigram index of public
//! activities (`migrations/2026-11-29-000005_search`), and the terms found in a result become
//! a snippet that templates print escaped.
//!
//! Short terms: the trigram index needs three characters. Terms of two characters (a
//! Chinese word like 移民, a Thai word like คน) are looked up as substrings instead; single
//! characters are left out and the page says so. A query with nothing left asks for a word
//! of at least two characters.
//!
//! Cap: a search ranks its [`CANDIDATES`] most recently added matches, not all of them, so
//! that a word found in most of 100 000 activities costs what a rare one does. The page says
//! so when a search finds more.

pub mod connection;
pub mod highlight;
pub mod maintenance;
pub mod query;
pub mod rank;
pub mod snippet;

/// At most this many matches, the most recently added, are ranked and can be shown (20
/// pages): a bound on the work of a query whatever the size of the site, and more than
/// anyone reads.
pub const CANDIDATES: i64 = 200;
