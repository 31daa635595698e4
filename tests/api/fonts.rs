//! The web fonts as served: the stylesheet a page links to names each subset by its
//! fingerprinted URL, and each answers as WOFF2, cached for a year, byte for byte the file in
//! `static/fonts/` (which `scripts/subset-fonts.sh` makes).

use std::collections::BTreeSet;

use reqwest::StatusCode;
use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE};

use crate::helpers::TestApp;

const FONTS: [&str; 8] = [
    "NotoSansKhmer-Bold",
    "NotoSansKhmer-Regular",
    "NotoSansLao-Bold",
    "NotoSansLao-Regular",
    "NotoSansMyanmar-Bold",
    "NotoSansMyanmar-Regular",
    "NotoSansThai-Bold",
    "NotoSansThai-Regular",
];

/// The stylesheet that `/` links to.
async fn stylesheet(app: &TestApp) -> String {
    let home = app.get_page("/").await;
    let href = home
        .attrs("link[rel=stylesheet]", "href")
        .pop()
        .expect("a stylesheet");
    let response = app.get(&href).await;
    assert_eq!(response.status(), StatusCode::OK, "{href}");
    response.text().await.unwrap()
}

/// `/static/NotoSansThai-Regular.0123456789.woff2` → `NotoSansThai-Regular`, where the
/// middle part is a fingerprint.
fn font_name(url: &str) -> Option<&str> {
    let file = url.strip_prefix("/static/")?.strip_suffix(".woff2")?;
    let (name, hash) = file.rsplit_once('.')?;
    let fingerprint = hash.len() == 10 && hash.bytes().all(|b| b.is_ascii_hexdigit());
    fingerprint.then_some(name)
}

#[tokio::test]
async fn the_stylesheet_names_each_font_by_its_fingerprinted_url() {
    let app = TestApp::spawn().await;
    let css = stylesheet(&app).await;
    let urls: Vec<&str> = css
        .split("url(")
        .skip(1)
        .map(|rest| rest[..rest.find(')').expect("a closed url(")].trim_matches('"'))
        .collect();
    let names: BTreeSet<&str> = urls
        .iter()
        .map(|url| font_name(url).unwrap_or_else(|| panic!("{url} is no fingerprinted font")))
        .collect();
    assert_eq!(names, BTreeSet::from(FONTS), "{urls:?}");
    assert_eq!(urls.len(), FONTS.len(), "each font once: {urls:?}");
    for rule in css.split("@font-face").skip(1) {
        let rule = &rule[..rule.find('}').unwrap()];
        assert!(
            rule.contains("unicode-range:") && rule.contains("font-display: swap"),
            "each face covers only its script and shows text at once: {rule}"
        );
    }
}

#[tokio::test]
async fn each_font_answers_as_woff2_cached_for_a_year() {
    let app = TestApp::spawn().await;
    let css = stylesheet(&app).await;
    let fonts_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static/fonts");
    for url in css
        .split("url(")
        .skip(1)
        .map(|r| &r[..r.find(')').unwrap()])
    {
        let response = app.get(url).await;
        assert_eq!(response.status(), StatusCode::OK, "{url}");
        let headers = response.headers().clone();
        assert_eq!(headers[CONTENT_TYPE], "font/woff2", "{url}");
        assert_eq!(
            headers[CACHE_CONTROL], "public, max-age=31536000, immutable",
            "{url}"
        );
        let body = response.bytes().await.unwrap();
        let name = font_name(url).unwrap();
        let file = std::fs::read(fonts_dir.join(format!("{name}.woff2"))).unwrap();
        assert!(body[..] == file[..], "{url} is static/fonts/{name}.woff2");

        // Compressed once, like the other assets (brotli takes 1% more off WOFF2).
        let response = app
            .client
            .get(app.url(url))
            .header(ACCEPT_ENCODING, "gzip, deflate, br")
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()[CONTENT_ENCODING], "br", "{url}");
        let compressed = response.bytes().await.unwrap();
        let mut decoded = Vec::new();
        brotli::BrotliDecompress(&mut &compressed[..], &mut decoded).unwrap();
        assert!(
            decoded == file,
            "{url} decoded is static/fonts/{name}.woff2"
        );
    }
    // Only the fingerprinted name is served, so a cached font is never stale.
    let plain = app.get("/static/NotoSansThai-Regular.woff2").await;
    assert_eq!(plain.status(), StatusCode::NOT_FOUND);
}
