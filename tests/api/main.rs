//! Black-box tests: a real server on a random port, a real SQLite file in a temp dir, real
//! HTTP. One binary, so it links once.

mod helpers;
mod process;
mod tools;

mod accounts;
mod backup;
mod command_line;
mod demo;
mod error_pages;
mod health;
mod locking;
mod migrations;
mod pragmas;
mod public_pages;
mod shutdown;
