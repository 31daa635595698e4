//! Typed configuration, built from the command line; no global settings.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

use std::net::IpAddr;
use std::time::Duration;

use crate::auth::session_store::SessionLimits;
use crate::cache::PageCacheOptions;
use crate::cli::ServeArgs;
use crate::db::DbOptions;
use crate::domain::Email;

/// Everything `Application::build` needs.
#[derive(Debug, Clone)]
pub struct Config {
    pub data_dir: PathBuf,
    pub bind: String,
    pub base_url: Option<BaseUrl>,
    pub demo: bool,
    pub admin_email: Email,
    pub timezone: chrono_tz::Tz,
    pub db: DbOptions,
    /// The reverse proxy whose `X-Forwarded-For` names the client.
    pub trusted_proxy: Option<IpAddr>,
    pub throttle: Throttle,
    pub sessions: SessionLimits,
    /// Notifications go out only when this is set.
    pub smtp: Option<crate::notify::SmtpSettings>,
    pub page_cache: PageCacheOptions,
    pub limits: Limits,
    /// When unused media files and rows are removed.
    pub media_cleanup: crate::media::cleanup::MediaCleanup,
}

/// What one connection and one request body may take, so that slow or endless clients cost
/// a connection slot and a little memory, never a worker or the server's memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The request line and headers must arrive within this, else 408 and the connection
    /// closes (a client that sends its headers a byte at a time).
    pub request_head: Duration,
    /// An idle kept-alive connection is closed after this.
    pub keep_alive: Duration,
    /// After the response, the client gets this long to close its side.
    pub disconnect: Duration,
    /// Connections each worker serves at once; further ones wait in the listen queue.
    pub max_connections: usize,
    /// A request body gets this long, plus a second for every `min_body_rate` bytes that
    /// arrived: a photo from a slow phone gets through, a body sent a byte a second is cut
    /// once the grace is over.
    pub body_grace: Duration,
    /// Bytes per second a body must average after the grace.
    pub min_body_rate: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            request_head: Duration::from_secs(10),
            keep_alive: Duration::from_secs(15),
            disconnect: Duration::from_secs(5),
            max_connections: 1024,
            body_grace: Duration::from_secs(20),
            min_body_rate: 1024,
        }
    }
}

/// Login throttling: failures counted per account and per client address in a window.
#[derive(Debug, Clone, Copy)]
pub struct Throttle {
    pub window: Duration,
    pub per_account: i64,
    pub per_address: i64,
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle {
            window: Duration::from_secs(15 * 60),
            per_account: 5,
            per_address: 20,
        }
    }
}

impl Config {
    /// The configuration for `serve`.
    pub fn from_args(data_dir: PathBuf, args: ServeArgs) -> Self {
        Config {
            data_dir,
            bind: args.bind,
            base_url: args.base_url,
            demo: !args.no_demo,
            admin_email: args.admin_email,
            timezone: args.timezone,
            db: DbOptions::default(),
            trusted_proxy: args.trusted_proxy,
            throttle: Throttle {
                per_account: args.login_failures_per_account,
                per_address: args.login_failures_per_address,
                ..Throttle::default()
            },
            sessions: SessionLimits::default(),
            smtp: args.smtp_url.map(|url| crate::notify::SmtpSettings {
                url,
                from: args.mail_from,
            }),
            page_cache: PageCacheOptions {
                enabled: !args.no_page_cache,
                capacity: args.page_cache_mb.saturating_mul(1024 * 1024),
            },
            limits: Limits::default(),
            media_cleanup: crate::media::cleanup::MediaCleanup::default(),
        }
    }

    /// A configuration for tests and tools: port 0 on loopback, no demo, defaults elsewhere.
    pub fn for_data_dir(data_dir: PathBuf) -> Self {
        Config {
            data_dir,
            bind: "127.0.0.1:0".into(),
            base_url: None,
            demo: false,
            admin_email: "admin@localhost".parse().expect("constant email is valid"),
            timezone: chrono_tz::Asia::Bangkok,
            db: DbOptions::default(),
            trusted_proxy: None,
            throttle: Throttle::default(),
            sessions: SessionLimits::default(),
            smtp: None,
            page_cache: PageCacheOptions::default(),
            limits: Limits::default(),
            media_cleanup: crate::media::cleanup::MediaCleanup::default(),
        }
    }
}

/// The portal's public origin: `http(s)://host[:port]`, without a path, since every link
/// in the pages is root-relative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// `http://` plus a bound address.
    pub fn for_address(addr: std::net::SocketAddr) -> Self {
        BaseUrl(format!("http://{addr}"))
    }

    /// Whether the portal is served over TLS (which makes the session cookie Secure).
    pub fn is_https(&self) -> bool {
        self.0.starts_with("https://")
    }

    /// The origin, as browsers send it in the `Origin` header.
    pub fn origin(&self) -> &str {
        &self.0
    }

    /// The absolute URL of a root-relative `path`.
    pub fn join(&self, path: &str) -> String {
        format!("{}{}", self.0, path)
    }
}

impl FromStr for BaseUrl {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let rest = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"))
            .ok_or("the base URL must start with http:// or https://")?;
        let host = rest.strip_suffix('/').unwrap_or(rest);
        if host.is_empty()
            || host.contains(['/', '?', '#', '@'])
            || host.contains(char::is_whitespace)
        {
            return Err(
                "the base URL must be scheme and host only, e.g. https://example.org".into(),
            );
        }
        Ok(BaseUrl(
            s[..s.len() - (rest.len() - host.len())].to_lowercase(),
        ))
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_keeps_scheme_and_host_only() {
        let url: BaseUrl = "https://Example.org/".parse().unwrap();
        assert_eq!(url.origin(), "https://example.org");
        assert!(url.is_https());
        assert_eq!(url.join("/feed.atom"), "https://example.org/feed.atom");
        let local: BaseUrl = "http://127.0.0.1:8080".parse().unwrap();
        assert!(!local.is_https());
        assert_eq!(local.origin(), "http://127.0.0.1:8080");
    }

    #[test]
    fn base_url_refuses_paths_and_other_schemes() {
        for bad in [
            "ftp://x.org",
            "example.org",
            "https://",
            "https://x.org/portal",
            "https://x.org?a",
            "https://u@x.org",
        ] {
            assert!(bad.parse::<BaseUrl>().is_err(), "{bad}");
        }
    }
}

/// What handlers need to know about the running site.
#[derive(Debug, Clone)]
pub struct Site {
    pub base_url: BaseUrl,
    pub timezone: chrono_tz::Tz,
    pub trusted_proxy: Option<IpAddr>,
    pub throttle: Throttle,
    pub sessions: SessionLimits,
    pub limits: Limits,
}
