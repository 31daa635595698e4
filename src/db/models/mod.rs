//! Rows and queries, one file per aggregate.

pub mod users;
