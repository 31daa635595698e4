//! mmn-portal: the website of a regional network of migrant-rights organizations.
//!
//! The binary (`src/main.rs`) only parses the command line; everything else lives here so
//! that tests can start the real application on a port of their own.

pub mod accounts;
pub mod activities;
pub mod assets;
pub mod auth;
pub mod cache;
pub mod calendar;
pub mod cli;
pub mod config;
pub mod data_dir;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod management;
pub mod markdown;
pub mod media;
pub mod middleware;
pub mod notify;
pub mod precompressed;
pub mod routes;
pub mod search;
pub mod sharing;
pub mod startup;
pub mod syndication;
pub mod telemetry;
pub mod templates;
pub mod zawgyi;
