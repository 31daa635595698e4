//! Rows and queries, one file per aggregate.

pub mod activities;
pub mod admin_activities;
pub mod attachments;
pub mod audit;
pub mod categories;
pub mod login_attempts;
pub mod media;
pub mod moderation;
pub mod organizations;
pub mod pages;
pub mod photos;
pub mod public;
pub mod sessions;
pub mod site;
pub mod translations;
pub mod users;
