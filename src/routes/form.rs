//! Reading forms as strings: handlers validate every field themselves, so a malformed field
//! is a 422 with the form kept, never an extractor's bare 400.

use serde::de::DeserializeOwned;

/// Parses a URL-encoded body (repeated keys allowed) into `T`, whose fields should all be
/// strings or lists of strings with `#[serde(default)]`. Anything unreadable gives the
/// default, so the handler's validation names what is missing.
pub fn parse<T: DeserializeOwned + Default>(body: &[u8]) -> T {
    serde_html_form::from_bytes(body).unwrap_or_default()
}
