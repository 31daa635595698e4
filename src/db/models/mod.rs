//! Rows and queries, one file per aggregate.

pub mod activities;
pub mod media;
pub mod moderation;
pub mod public;
pub mod site;
pub mod users;
