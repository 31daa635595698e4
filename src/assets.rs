//! Static assets, compiled into the binary and served under fingerprinted names.
//!
//! A name carries a hash of the content (`site.3f2a9c01b7.css`), so browsers may cache it for
//! a year: a changed file gets a new name. Pages link to [`Assets::url`].

use std::sync::LazyLock;

use sha2::{Digest, Sha256};

use crate::precompressed::Encoded;

/// One asset as served.
pub struct Asset {
    /// The fingerprinted file name under `/static/`.
    pub file_name: String,
    pub content_type: &'static str,
    pub body: &'static [u8],
    /// gzip and brotli forms, made once at the first request.
    pub encoded: Encoded,
}

/// All static assets.
pub struct Assets {
    assets: Vec<(&'static str, Asset)>,
}

const SOURCES: &[(&str, &str, &[u8])] = &[
    (
        "site.css",
        "text/css; charset=utf-8",
        include_bytes!("../static/site.css"),
    ),
    (
        "photo-upload.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/photo-upload.js"),
    ),
];

static ASSETS: LazyLock<Assets> = LazyLock::new(|| Assets {
    assets: SOURCES
        .iter()
        .map(|&(name, content_type, body)| {
            let hash = Sha256::digest(body);
            let short: String = hash[..5].iter().map(|b| format!("{b:02x}")).collect();
            let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
            let asset = Asset {
                file_name: format!("{stem}.{short}.{ext}"),
                content_type,
                body,
                encoded: Encoded::of(body),
            };
            (name, asset)
        })
        .collect(),
});

impl Assets {
    /// The compiled-in assets.
    pub fn get() -> &'static Assets {
        &ASSETS
    }

    /// The root-relative URL of the asset with the logical name `name` (e.g. `site.css`).
    ///
    /// # Panics
    /// When no such asset exists: templates name assets literally, so this is a build defect
    /// that any test rendering a page finds.
    pub fn url(&self, name: &str) -> String {
        let (_, asset) = self
            .assets
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("no static asset named {name}"));
        format!("/static/{}", asset.file_name)
    }

    /// The asset served under the fingerprinted `file_name`.
    pub fn by_file_name(&self, file_name: &str) -> Option<&Asset> {
        self.assets
            .iter()
            .map(|(_, a)| a)
            .find(|a| a.file_name == file_name)
    }
}
