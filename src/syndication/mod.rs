//! Machine-readable views of the public site: Atom feeds and the sitemap. Both are written
//! with an XML writer (never by pasting strings) and carry absolute URLs from the base URL.

pub mod atom;
pub mod sitemap;

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};

/// A stored UTC time as a zoned date-time (written as RFC 3339 / W3C datetime).
pub fn utc(at: NaiveDateTime) -> DateTime<FixedOffset> {
    Utc.from_utc_datetime(&at).fixed_offset()
}
