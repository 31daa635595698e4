//! Static assets, compiled into the binary and served under fingerprinted names.
//!
//! A name carries a hash of the content (`site.3f2a9c01b7.css`), so browsers may cache it for
//! a year: a changed file gets a new name. Pages link to [`Assets::url`].
//!
//! The stylesheet names its fonts relatively (`url(fonts/NotoSansThai-Regular.woff2)`, as the
//! files lie in `static/`); those references are rewritten to the fonts' fingerprinted URLs
//! before the stylesheet is hashed, so that a new font also gives the stylesheet a new name.

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

const CSS: &str = "text/css; charset=utf-8";
const WOFF2: &str = "font/woff2";

/// Logical name (the path under `static/`), content type, content. Whatever the stylesheet
/// refers to comes before it.
const SOURCES: &[(&str, &str, &[u8])] = &[
    (
        "fonts/NotoSansMyanmar-Regular.woff2",
        WOFF2,
        include_bytes!("../static/fonts/NotoSansMyanmar-Regular.woff2"),
    ),
    (
        "fonts/NotoSansMyanmar-Bold.woff2",
        WOFF2,
        include_bytes!("../static/fonts/NotoSansMyanmar-Bold.woff2"),
    ),
    (
        "fonts/NotoSansThai-Regular.woff2",
        WOFF2,
        include_bytes!("../static/fonts/NotoSansThai-Regular.woff2"),
    ),
    (
        "fonts/NotoSansThai-Bold.woff2",
        WOFF2,
        include_bytes!("../static/fonts/NotoSansThai-Bold.woff2"),
    ),
    (
        "fonts/NotoSansKhmer-Regular.woff2",
        WOFF2,
        include_bytes!("../static/fonts/NotoSansKhmer-Regular.woff2"),
    ),
    (
        "fonts/NotoSansKhmer-Bold.woff2",
        WOFF2,
        include_bytes!("../static/fonts/NotoSansKhmer-Bold.woff2"),
    ),
    (
        "fonts/NotoSansLao-Regular.woff2",
        WOFF2,
        include_bytes!("../static/fonts/NotoSansLao-Regular.woff2"),
    ),
    (
        "fonts/NotoSansLao-Bold.woff2",
        WOFF2,
        include_bytes!("../static/fonts/NotoSansLao-Bold.woff2"),
    ),
    ("site.css", CSS, include_bytes!("../static/site.css")),
    (
        "photo-upload.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/photo-upload.js"),
    ),
];

static ASSETS: LazyLock<Assets> = LazyLock::new(|| {
    let mut assets = Assets { assets: Vec::new() };
    for &(name, content_type, body) in SOURCES {
        let body = if content_type == CSS {
            // Built once per process, like the static it ends up in.
            let css = std::str::from_utf8(body).expect("the stylesheet is UTF-8");
            &*assets.rewrite_urls(css).into_bytes().leak()
        } else {
            body
        };
        let asset = Asset {
            file_name: fingerprinted(name, body),
            content_type,
            body,
            // WOFF2 is brotli inside, yet brotli still takes 1% off the Myanmar subsets; done
            // here once, it also keeps the server's middleware from compressing per request.
            encoded: Encoded::of(body),
        };
        assets.assets.push((name, asset));
    }
    assets
});

/// `fonts/NotoSansThai-Regular.woff2` → `NotoSansThai-Regular.1a2b3c4d5e.woff2`: one path
/// segment, as `/static/{file}` serves.
fn fingerprinted(name: &str, body: &[u8]) -> String {
    let hash = Sha256::digest(body);
    let short: String = hash[..5].iter().map(|b| format!("{b:02x}")).collect();
    let base = name.rsplit('/').next().unwrap_or(name);
    let (stem, ext) = base.rsplit_once('.').unwrap_or((base, ""));
    format!("{stem}.{short}.{ext}")
}

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
        self.try_url(name)
            .unwrap_or_else(|| panic!("no static asset named {name}"))
    }

    fn try_url(&self, name: &str) -> Option<String> {
        let (_, asset) = self.assets.iter().find(|(n, _)| *n == name)?;
        Some(format!("/static/{}", asset.file_name))
    }

    /// The asset served under the fingerprinted `file_name`.
    pub fn by_file_name(&self, file_name: &str) -> Option<&Asset> {
        self.assets
            .iter()
            .map(|(_, a)| a)
            .find(|a| a.file_name == file_name)
    }

    /// `css` with each `url(NAME)` of an asset (quoted or not) pointing to its fingerprinted
    /// URL; other URLs are left as they are.
    fn rewrite_urls(&self, css: &str) -> String {
        let mut out = String::with_capacity(css.len());
        let mut rest = css;
        while let Some(start) = rest.find("url(") {
            let (before, from) = rest.split_at(start + "url(".len());
            out.push_str(before);
            let end = from.find(')').unwrap_or(from.len());
            let target = from[..end].trim().trim_matches(|c| c == '"' || c == '\'');
            match self.try_url(target) {
                Some(url) => out.push_str(&url),
                None => out.push_str(&from[..end]),
            }
            rest = &from[end..];
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stylesheet() -> &'static str {
        let assets = Assets::get();
        let url = assets.url("site.css");
        let asset = assets
            .by_file_name(url.trim_start_matches("/static/"))
            .expect("the stylesheet is served");
        std::str::from_utf8(asset.body).unwrap()
    }

    /// The targets of the stylesheet's `url(…)`s.
    fn urls(css: &str) -> Vec<&str> {
        css.split("url(")
            .skip(1)
            .map(|s| s[..s.find(')').unwrap()].trim_matches('"'))
            .collect()
    }

    #[test]
    fn every_font_the_stylesheet_names_is_served_under_its_fingerprint() {
        let css = stylesheet();
        let urls = urls(css);
        assert_eq!(urls.len(), 8, "two weights of four scripts: {urls:?}");
        for url in urls {
            let file = url
                .strip_prefix("/static/")
                .unwrap_or_else(|| panic!("{url} is not rewritten"));
            let font = Assets::get()
                .by_file_name(file)
                .unwrap_or_else(|| panic!("{url} is not an asset"));
            assert_eq!(font.content_type, "font/woff2");
            assert_eq!(&font.body[..4], b"wOF2", "{url} is WOFF2");
        }
    }

    #[test]
    fn the_stylesheet_fingerprint_follows_the_fonts() {
        let css = stylesheet();
        let hash_of = |body: &[u8]| fingerprinted("site.css", body);
        assert_eq!(
            Assets::get().url("site.css"),
            format!("/static/{}", hash_of(css.as_bytes())),
            "the served stylesheet's name is the hash of what is served"
        );
        let font = Assets::get().url("fonts/NotoSansThai-Regular.woff2");
        let other_font = css.replace(&font, "/static/NotoSansThai-Regular.0000000000.woff2");
        assert_ne!(hash_of(css.as_bytes()), hash_of(other_font.as_bytes()));
    }

    #[test]
    fn urls_of_other_things_are_left_alone() {
        let css = r#"a { background: url("data:image/png;base64,AA==") } b { src: url( 'fonts/NotoSansLao-Bold.woff2' ) }"#;
        let out = Assets::get().rewrite_urls(css);
        assert!(
            out.contains(r#"url("data:image/png;base64,AA==")"#),
            "{out}"
        );
        assert!(
            out.contains(&format!(
                "url({})",
                Assets::get().url("fonts/NotoSansLao-Bold.woff2")
            )),
            "{out}"
        );
    }

    #[test]
    fn a_font_name_is_one_path_segment() {
        assert!(
            fingerprinted("fonts/NotoSansLao-Bold.woff2", b"x").starts_with("NotoSansLao-Bold.")
        );
    }
}
