//! Media: photos stored as re-encoded variants and documents stored as uploaded, both named
//! by content hash under `media/` in the data directory.
//!
//! Variants are made once, when a photo is stored, never per request. Whether a file may be
//! served to a visitor is decided by the database (is it on a published activity?), never by
//! the obscurity of its name.

pub mod cleanup;
pub mod documents;
pub mod images;
pub mod purge;
pub mod store;
pub mod upload;
pub mod work;

use sha2::{Digest, Sha256};

/// The lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A human size the way the network has always written it: "[202 KB]", "[1.4 MB]".
pub fn human_size(bytes: i64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB * KB {
        format!("{} KB", (b / KB).ceil().max(1.0) as i64)
    } else {
        format!("{:.1} MB", b / (KB * KB))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_the_old_site() {
        assert_eq!(human_size(10), "1 KB");
        assert_eq!(human_size(206_848), "202 KB");
        assert_eq!(human_size(1_468_006), "1.4 MB");
    }

    #[test]
    fn hashes_are_hex_sha256() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
