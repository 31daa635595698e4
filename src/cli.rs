//! The command line: `mmn-portal [--data-dir DIR] [serve|migrate|backup FILE]`.
//! Every flag also reads a `PORTAL_*` environment variable.

use std::path::PathBuf;

use clap::builder::FalseyValueParser;
use clap::{Args, Parser, Subcommand};

use crate::config::BaseUrl;
use crate::domain::Email;

#[derive(Debug, Parser)]
#[command(name = "mmn-portal", version, about = "The network's web portal")]
pub struct Cli {
    /// Directory of the database, media files and session key.
    #[arg(long, global = true, env = "PORTAL_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,

    /// Serving options, for when no subcommand is given.
    #[command(flatten)]
    pub serve: ServeArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the portal (the default).
    Serve(ServeArgs),
    /// Create the database if needed and apply pending migrations, then exit.
    Migrate,
    /// Write a consistent copy of the database to FILE, even while the server runs.
    Backup {
        /// Where to write the copy; must not exist yet.
        file: PathBuf,
    },
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Add synthetic published activities with photos, for benchmarks and load tests
    /// (a brand-new database gets the demo content first). Run it with the portal stopped:
    /// a running portal would keep serving the pages it has cached.
    Seed {
        /// How many activities to add.
        #[arg(long)]
        activities: usize,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account. The first line of stdin is its final password; with no stdin (or
    /// a terminal) a one-time password is generated and printed.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        role: crate::domain::Role,
        /// The member's organization (slug).
        #[arg(long)]
        organization: Option<String>,
        /// Display name.
        #[arg(long, default_value = "")]
        name: String,
    },
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address and port to listen on; port 0 picks a free one.
    #[arg(long, env = "PORTAL_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,

    /// Public URL of the portal, for feeds and canonical links; default http:// plus the
    /// address actually bound. The session cookie is Secure exactly when this is https.
    #[arg(long, env = "PORTAL_BASE_URL")]
    pub base_url: Option<BaseUrl>,

    /// Do not fill a brand-new database with demo content.
    #[arg(long, env = "PORTAL_NO_DEMO", value_parser = FalseyValueParser::new())]
    pub no_demo: bool,

    /// Email of the secretariat account created when none is active.
    #[arg(long, env = "PORTAL_ADMIN_EMAIL", default_value = "admin@localhost")]
    pub admin_email: Email,

    /// Site time zone (IANA name) for dates, month archives and scheduled publication.
    #[arg(long, env = "PORTAL_TIMEZONE", default_value = "Asia/Bangkok")]
    pub timezone: chrono_tz::Tz,

    /// Address of the reverse proxy in front of the portal: only requests from it may name
    /// the client in X-Forwarded-For (used for login throttling and the audit log).
    #[arg(long, env = "PORTAL_TRUSTED_PROXY")]
    pub trusted_proxy: Option<std::net::IpAddr>,

    /// SMTP relay for notifications, `smtp://host:port` (plain SMTP to a local relay);
    /// without it no e-mail is sent and the portal works the same.
    #[arg(long, env = "PORTAL_SMTP_URL")]
    pub smtp_url: Option<String>,

    /// Sender address of notifications.
    #[arg(long, env = "PORTAL_MAIL_FROM", default_value = "portal@localhost")]
    pub mail_from: String,

    /// Render every public page from the database (for measuring that path); pages still
    /// get ETags and 304 answers.
    #[arg(long, env = "PORTAL_NO_PAGE_CACHE", value_parser = FalseyValueParser::new())]
    pub no_page_cache: bool,

    /// Memory for the page cache, in MiB.
    #[arg(long, env = "PORTAL_PAGE_CACHE_MB", default_value_t = 32)]
    pub page_cache_mb: u64,

    /// Failed logins of one account within 15 minutes before its logins are refused (429).
    #[arg(long, env = "PORTAL_LOGIN_FAILURES_PER_ACCOUNT", default_value_t = 5)]
    pub login_failures_per_account: i64,

    /// Failed logins from one client address within 15 minutes before its logins are
    /// refused (raised for a security scan, which tries many).
    #[arg(long, env = "PORTAL_LOGIN_FAILURES_PER_ADDRESS", default_value_t = 20)]
    pub login_failures_per_address: i64,
}
