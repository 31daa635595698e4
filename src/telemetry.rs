//! Structured logs on stderr (stdout is kept for the lines a person must read).

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::format::FmtSpan;

/// Installs the global subscriber; `RUST_LOG` overrides the default level. Each request runs
/// in a span carrying its `request_id`, so every line logged while serving it names it, and
/// the span's close prints one access-log line with the status and time taken.
pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_span_events(FmtSpan::CLOSE)
        .with_target(false)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}
