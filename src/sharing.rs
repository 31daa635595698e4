//! What a page tells link previews and search engines: OpenGraph and Twitter card meta,
//! and schema.org JSON-LD. URLs here are absolute (from the base URL), unlike page links.

use std::fmt;

use unicode_segmentation::UnicodeSegmentation;

use crate::db::models::public::Variant;

/// Link previews want a photo about this wide: the largest stored size up to it is used.
pub const PREVIEW_MAX_WIDTH: i32 = 1000;
/// Descriptions are cut here (graphemes); previews show less anyway.
pub const DESCRIPTION_MAX: usize = 200;

/// The preview of a page, printed by `templates/partials/share.html`.
#[derive(Debug, Clone)]
pub struct ShareMeta {
    /// `website` or `article`.
    pub kind: &'static str,
    pub title: String,
    pub description: String,
    pub url: String,
    pub image: Option<ShareImage>,
}

#[derive(Debug, Clone)]
pub struct ShareImage {
    pub url: String,
    pub width: i32,
    pub height: i32,
    pub alt: String,
}

impl ShareMeta {
    /// A page that is not an article.
    pub fn website(title: &str, description: &str, url: String) -> ShareMeta {
        ShareMeta {
            kind: "website",
            title: title.to_owned(),
            description: shorten(description, DESCRIPTION_MAX),
            url,
            image: None,
        }
    }

    /// An activity.
    pub fn article(title: &str, description: &str, url: String) -> ShareMeta {
        ShareMeta {
            kind: "article",
            ..Self::website(title, description, url)
        }
    }

    pub fn with_image(mut self, image: Option<ShareImage>) -> ShareMeta {
        self.image = image;
        self
    }
}

/// The variant of a photo (sizes smallest first) to show in previews: the largest no wider
/// than [`PREVIEW_MAX_WIDTH`], or the smallest when all are wider. `absolute` turns a
/// stored path into an absolute URL.
pub fn preview_image(
    variants: &[Variant],
    alt: &str,
    absolute: impl Fn(&str) -> String,
) -> Option<ShareImage> {
    let chosen = variants
        .iter()
        .filter(|v| v.width <= PREVIEW_MAX_WIDTH)
        .max_by_key(|v| v.width)
        .or_else(|| variants.iter().min_by_key(|v| v.width))?;
    Some(ShareImage {
        url: absolute(&chosen.path),
        width: chosen.width,
        height: chosen.height,
        alt: alt.to_owned(),
    })
}

/// `text` with whitespace collapsed, cut to `max` graphemes (at a space when one is near)
/// with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let graphemes: Vec<&str> = text.graphemes(true).collect();
    if graphemes.len() <= max {
        return text;
    }
    let keep = max.saturating_sub(1);
    let cut = (keep.saturating_sub(30)..keep)
        .rev()
        .find(|&i| graphemes[i] == " ")
        .unwrap_or(keep);
    format!("{}…", graphemes[..cut].concat())
}

/// JSON for a `<script type="application/ld+json">` block. Such a block is data, not script
/// (the CSP allows it), but the HTML parser still ends it at `</script`: so `<`, `>` and `&`
/// are written as JSON escapes, which no text can turn back into markup. Only this type's
/// output may be printed unescaped in a script element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonLd(String);

impl JsonLd {
    pub fn new(value: &serde_json::Value) -> JsonLd {
        let json = value.to_string();
        let mut out = String::with_capacity(json.len());
        for c in json.chars() {
            match c {
                '<' => out.push_str("\\u003c"),
                '>' => out.push_str("\\u003e"),
                '&' => out.push_str("\\u0026"),
                // Valid in JSON, but line terminators in older JavaScript parsers.
                '\u{2028}' => out.push_str("\\u2028"),
                '\u{2029}' => out.push_str("\\u2029"),
                c => out.push(c),
            }
        }
        JsonLd(out)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for JsonLd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(width: i32) -> Variant {
        Variant {
            path: format!("p/{width}.jpg"),
            width,
            height: width * 3 / 4,
        }
    }

    #[test]
    fn previews_use_the_largest_size_up_to_1000_px() {
        let abs = |p: &str| format!("https://x.org/media/{p}");
        let pick = |vs: &[Variant]| preview_image(vs, "alt", abs).map(|i| i.width);
        assert_eq!(pick(&[v(400), v(800), v(1600)]), Some(800));
        assert_eq!(pick(&[v(400), v(1000), v(1600)]), Some(1000));
        assert_eq!(pick(&[v(1200), v(1600)]), Some(1200));
        assert_eq!(pick(&[]), None);
        let image = preview_image(&[v(800)], "A & B", abs).unwrap();
        assert_eq!(image.url, "https://x.org/media/p/800.jpg");
        assert_eq!((image.height, image.alt.as_str()), (600, "A & B"));
    }

    #[test]
    fn json_ld_cannot_close_its_script_element() {
        let title = "</script><script>alert(1)</script> & <!-- \u{2028}";
        let json = JsonLd::new(&serde_json::json!({ "name": title }));
        let text = json.as_str();
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(back["name"], title, "the escapes are plain JSON");
    }

    #[test]
    fn descriptions_are_cut_at_a_space_or_a_grapheme() {
        assert_eq!(shorten("  a  b ", 10), "a b");
        let long = "word ".repeat(100);
        let short = shorten(&long, 50);
        assert!(
            short.ends_with("word…") && short.chars().count() <= 50,
            "{short}"
        );
        let thai = "ก่".repeat(30);
        let cut = shorten(&thai, 10);
        assert_eq!(cut, format!("{}…", "ก่".repeat(9)));
    }
}
