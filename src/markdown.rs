//! The one Markdown renderer of the portal: activity bodies, organization profiles and static
//! pages all go through [`render`], and [`SanitizedHtml`] is the only string a template may
//! print with `|safe`.
//!
//! Member organizations write the Markdown, so it is treated as hostile: raw HTML is shown as
//! text, links and images are limited to what cannot run script or reach a third party, and
//! the result goes through ammonia even though the renderer should already be safe.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::LazyLock;

mod language_blocks;

use pulldown_cmark::{Alignment, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

/// HTML that came out of the sanitizer; the only kind of string templates may print with `|safe`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SanitizedHtml(String);

impl SanitizedHtml {
    /// Wraps HTML that `render` produced earlier and that was stored (e.g. in the database).
    /// Storage is not trusted, so the HTML is sanitized again.
    pub fn from_stored(html: String) -> SanitizedHtml {
        SanitizedHtml(SANITIZER.clean(&html).to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for SanitizedHtml {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The only `rel` a link may carry; external links get it, nothing else may.
const EXTERNAL_REL: &str = "nofollow noopener";

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = allowed_markup();
    builder.attribute_filter(|element, attribute, value| {
        let keep = match (element, attribute) {
            ("a", "rel") => value == EXTERNAL_REL,
            ("a", "href") => link_target(value).is_some(),
            ("img", "src") => is_media_path(value),
            ("div", "lang") => language_blocks::is_language_tag(value),
            ("div", "id") => value
                .strip_prefix("fn-")
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())),
            _ => true,
        };
        keep.then_some(value.into())
    });
    builder
});

/// The elements and attributes sanitized HTML may hold.
fn allowed_markup() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(
            "p br hr h2 h3 h4 h5 h6 ul ol li blockquote em strong del code pre a \
             table thead tbody tr th td sup div img"
                .split_whitespace()
                .collect(),
        )
        .generic_attributes(HashSet::new())
        .tag_attributes(HashMap::from([
            ("a", HashSet::from(["href", "title", "rel"])),
            ("img", HashSet::from(["src", "alt", "title"])),
            ("ol", HashSet::from(["start"])),
            // Footnote definitions are the only element with an id; language blocks
            // (`::: th`) the only one with a lang.
            ("div", HashSet::from(["id", "lang"])),
        ]))
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        // The rel depends on whether the link is external, which ammonia cannot tell.
        .link_rel(None)
        .set_tag_attribute_value("img", "loading", "lazy");
    builder
}

/// Sanitized HTML with its relative links and images made absolute against `page_url`
/// (the absolute URL of the page it belongs to), for readers that show it elsewhere, such as
/// feed readers. Unchanged if `page_url` is not an absolute URL.
pub fn with_absolute_urls(html: &SanitizedHtml, page_url: &str) -> SanitizedHtml {
    let Ok(base) = ammonia::Url::parse(page_url) else {
        return html.clone();
    };
    let mut builder = allowed_markup();
    builder.url_relative(ammonia::UrlRelative::RewriteWithBase(base));
    SanitizedHtml(builder.clean(html.as_str()).to_string())
}

/// Renders member-written Markdown to sanitized HTML.
pub fn render(markdown: &str) -> SanitizedHtml {
    let separated = language_blocks::separate(markdown);
    let markdown = &*separated;
    let top = top_heading_level(markdown);
    let mut events = Parser::new_ext(markdown, options()).peekable();
    let mut out: Vec<Event> = Vec::new();
    // What to emit at the end of each open link or image, innermost last.
    let mut closers: Vec<Closer> = Vec::new();
    // Footnotes are numbered in order of first mention, as pulldown-cmark does.
    let mut footnotes: HashMap<String, usize> = HashMap::new();
    let mut footnote_number = |name: &str| {
        let next = footnotes.len() + 1;
        *footnotes.entry(name.to_lowercase()).or_insert(next)
    };

    while let Some(event) = events.next() {
        match event {
            // Members see the HTML they typed, as typed.
            Event::Html(raw) | Event::InlineHtml(raw) => out.push(Event::Text(raw)),
            // An HTML block turned into text still needs a block to live in.
            Event::Start(Tag::HtmlBlock) => out.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => out.push(Event::End(TagEnd::Paragraph)),
            Event::Start(Tag::Heading { level, .. }) => out.push(Event::Start(Tag::Heading {
                level: demote(level, top),
                id: None,
                classes: Vec::new(),
                attrs: Vec::new(),
            })),
            Event::End(TagEnd::Heading(level)) => {
                out.push(Event::End(TagEnd::Heading(demote(level, top))))
            }
            // Alignment would be written as inline style, which the CSP forbids.
            Event::Start(Tag::Table(columns)) => {
                let unaligned = vec![Alignment::None; columns.len()];
                out.push(Event::Start(Tag::Table(unaligned)));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                let href = match link_type {
                    LinkType::Email => format!("mailto:{dest_url}"),
                    _ => dest_url.into_string(),
                };
                closers.push(open_anchor(&mut out, &href, &title));
            }
            Event::Start(Tag::Image { ref dest_url, .. }) if is_media_path(dest_url) => {
                out.push(event);
                closers.push(Closer::Image);
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                // Anything else would make the visitor's browser fetch from elsewhere, so offer
                // a link to it instead (but never a link inside a link).
                if closers.iter().any(|c| matches!(c, Closer::Anchor)) {
                    closers.push(Closer::Nothing);
                } else {
                    closers.push(open_anchor(&mut out, &dest_url, &title));
                }
                if matches!(events.peek(), Some(Event::End(TagEnd::Image))) {
                    out.push(Event::Text(dest_url));
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) => match closers.pop() {
                Some(Closer::Anchor) => out.push(Event::Html("</a>".into())),
                Some(Closer::Image) => out.push(Event::End(TagEnd::Image)),
                Some(Closer::Nothing) | None => {}
            },
            // Written by hand so the ids are ours (`fn-N`) and no class is needed.
            Event::FootnoteReference(name) => {
                let n = footnote_number(&name);
                let html = format!("<sup><a href=\"#fn-{n}\">{n}</a></sup>");
                out.push(Event::Html(html.into()));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let n = footnote_number(&name);
                out.push(Event::Html(
                    format!("<div id=\"fn-{n}\"><sup>{n}</sup>").into(),
                ));
            }
            Event::End(TagEnd::FootnoteDefinition) => out.push(Event::Html("</div>\n".into())),
            other => out.push(other),
        }
    }

    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    let html = language_blocks::open_and_close(&html);
    SanitizedHtml(SANITIZER.clean(&html).to_string())
}

/// The text of the Markdown without markup (for meta descriptions, feeds, search), whitespace
/// collapsed. Raw HTML is kept as the literal text `render` shows. The result is plain text:
/// templates must escape it like any other string.
pub fn plain_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    let separated = language_blocks::separate(markdown);
    for event in Parser::new_ext(&separated, options()) {
        match event {
            Event::Text(t) if language_blocks::is_fence(&t) => {}
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                text.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak | Event::Rule => text.push(' '),
            // Keeps words of adjacent blocks ("Title" + "Body") apart.
            Event::End(end) if !is_inline(end) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

enum Closer {
    /// We opened an `<a>` of our own.
    Anchor,
    /// The link was refused (or would have nested): its text stays, unlinked.
    Nothing,
    /// An `/media/` image, which pulldown-cmark writes itself.
    Image,
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES
}

/// The highest (smallest-numbered) heading level the Markdown uses.
fn top_heading_level(markdown: &str) -> usize {
    Parser::new_ext(markdown, options())
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(level as usize),
            _ => None,
        })
        .min()
        .unwrap_or(1)
}

/// The page title is the only `<h1>`, and a page's outline must not skip a level: the
/// body's top heading level becomes `<h2>`, whether the member started with `#`, `##` or
/// `###`, and the others keep their distance from it.
fn demote(level: HeadingLevel, top: usize) -> HeadingLevel {
    match (level as usize + 2).saturating_sub(top).clamp(2, 6) {
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

fn is_inline(end: TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// Pushes our own `<a>` for an allowed target; a refused target leaves only the text.
///
/// Our markup goes out as `Event::Html`, not `InlineHtml`: both are written verbatim, but
/// inside an image's alt text pulldown-cmark drops `Html` and would print `InlineHtml` escaped.
fn open_anchor<'a>(out: &mut Vec<Event<'a>>, url: &str, title: &str) -> Closer {
    let Some((href, external)) = link_target(url) else {
        return Closer::Nothing;
    };
    let mut tag = format!("<a href=\"{}\"", escape_attr(&href));
    if !title.is_empty() {
        tag.push_str(&format!(" title=\"{}\"", escape_attr(title)));
    }
    if external {
        tag.push_str(&format!(" rel=\"{EXTERNAL_REL}\""));
    }
    tag.push('>');
    out.push(Event::Html(tag.into()));
    Closer::Anchor
}

/// The href to write and whether it leaves the site, or `None` if the link must go.
///
/// Judges the URL as a browser reads it: browsers drop tabs and newlines anywhere and trim
/// control characters and spaces, and treat `\` like `/`. Anything that has a colon before
/// the first `/`, `?` or `#` is taken as a scheme, so unknown or malformed schemes are refused
/// rather than guessed at.
fn link_target(url: &str) -> Option<(String, bool)> {
    let href: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let href = href.trim_matches(|c: char| c <= ' ').to_owned();
    let slashed = href.replace('\\', "/");
    if slashed.starts_with("//") {
        // Protocol-relative: another host.
        return Some((href, true));
    }
    match slashed.find([':', '/', '?', '#']) {
        Some(i) if slashed[i..].starts_with(':') => {
            match slashed[..i].to_ascii_lowercase().as_str() {
                "http" | "https" => Some((href, true)),
                "mailto" => Some((href, false)),
                _ => None,
            }
        }
        _ => Some((href, false)),
    }
}

/// Whether an image may be shown: only our own uploads, so no third party sees the visitor.
/// Dot segments (also percent-encoded, which browsers resolve too) could climb out of
/// `/media/` to a same-site URL with side effects, so they are refused.
fn is_media_path(src: &str) -> bool {
    let lower = src.to_ascii_lowercase();
    src.starts_with("/media/")
        && !src.contains('\\')
        && !src.chars().any(char::is_control)
        && !lower.contains("..")
        && !lower.contains("%2e")
}

fn escape_attr(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every element of the output as (name, attributes), via a real HTML parser.
    fn elements(html: &str) -> Vec<(String, Vec<(String, String)>)> {
        let doc = scraper::Html::parse_fragment(html);
        let all = scraper::Selector::parse("*").unwrap();
        let pairs = |e: &scraper::node::Element| {
            e.attrs()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect()
        };
        let els = doc
            .select(&all)
            .map(|e| e.value())
            .filter(|e| e.name() != "html");
        els.map(|e| (e.name().to_owned(), pairs(e))).collect()
    }

    fn names(html: &str) -> Vec<String> {
        elements(html).into_iter().map(|(name, _)| name).collect()
    }

    fn hrefs(html: &str) -> Vec<String> {
        let attrs = elements(html).into_iter().flat_map(|(_, attrs)| attrs);
        attrs.filter(|(k, _)| k == "href").map(|(_, v)| v).collect()
    }

    #[track_caller]
    fn assert_contains(html: &str, needle: &str) {
        assert!(html.contains(needle), "{needle:?} not in {html:?}");
    }

    #[test]
    fn simple_paragraph_exact() {
        assert_eq!(render("Hi *you*").as_str(), "<p>Hi <em>you</em></p>\n");
        assert_eq!(render("a  \nb").as_str(), "<p>a<br>\nb</p>\n");
        assert!(render("").is_empty());
    }

    #[test]
    fn common_markup_survives() {
        let md = "# T\n\n- a\n- b\n\n1. one\n2. two\n\n> quoted\n\n**s** *e* ~~d~~ `c`\n\n\
                  [in](/activities/x)\n\n---\n\n```rust\nlet x;\n```\n\n| h | i |\n|---|---|\n| 1 | 2 |\n";
        let html = render(md).into_string();
        let found = names(&html);
        let expected =
            "h2 ul ol li blockquote strong em del code pre a hr table thead tbody tr th td p";
        for tag in expected.split_whitespace() {
            assert!(found.iter().any(|n| n == tag), "no <{tag}> in {html}");
        }
        // The fenced language would be a class.
        assert_contains(&html, "<pre><code>let x;\n</code></pre>");
    }

    #[test]
    fn headings_are_demoted() {
        let html = render("# One\n\n## Two\n\n##### Five\n\n###### Six").into_string();
        assert!(!html.contains("<h1"), "{html}");
        for expected in [
            "<h2>One</h2>",
            "<h3>Two</h3>",
            "<h6>Five</h6>",
            "<h6>Six</h6>",
        ] {
            assert_contains(&html, expected);
        }
    }

    #[test]
    fn the_top_heading_of_a_body_becomes_h2_whatever_its_level() {
        let html = render("## Background\n\ntext\n\n### Detail").into_string();
        assert_contains(&html, "<h2>Background</h2>");
        assert_contains(&html, "<h3>Detail</h3>");
        assert_contains(&render("### Only").into_string(), "<h2>Only</h2>");
    }

    #[test]
    fn script_is_shown_as_text() {
        let block = render("<script>alert(1)</script>").into_string();
        assert_eq!(block, "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
        let inline = render("Hi <script>alert(1)</script> there").into_string();
        assert_contains(&inline, "Hi &lt;script&gt;alert(1)&lt;/script&gt; there");
        assert_eq!(names(&inline), ["p"]);
        assert_eq!(render("<b>x</b>").as_str(), "<p>&lt;b&gt;x&lt;/b&gt;</p>\n");
    }

    #[test]
    fn raw_html_makes_no_element_or_attribute() {
        for md in [
            "<img src=x onerror=alert(1)>",
            "text <img src=x onerror=alert(1)> inline",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<style>body{display:none}</style>",
            "<svg onload=alert(1)>",
            "x <svg onload=alert(1)> y",
            "<a href=\"#\" onclick=\"x\">click</a>",
            "x <a href=\"#\" onclick=\"x\">click</a>",
        ] {
            let html = render(md).into_string();
            let only_bare_p = elements(&html)
                .iter()
                .all(|(n, a)| n == "p" && a.is_empty());
            assert!(only_bare_p, "{md} -> {html}");
            assert_contains(&html, "&lt;");
        }
    }

    #[test]
    fn dangerous_link_schemes_are_removed() {
        for md in [
            "[x](javascript:alert(1))",
            "[x](JAVASCRIPT:alert(1))",
            "[x]( javascript:alert(1))",
            "[x](jav&#x09;ascript:alert(1))",
            "[x](&#106;avascript:alert(1))",
            "[x](<java\tscript:alert(1)>)",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "[x](vbscript:msgbox)",
            "[x][r]\n\n[r]: javascript:alert(1)",
            "![x](javascript:alert(1))",
        ] {
            let html = render(md).into_string();
            assert_eq!(html, "<p>x</p>\n", "{md}");
        }
        let auto = render("<javascript:alert(1)>").into_string();
        assert_eq!(auto, "<p>javascript:alert(1)</p>\n");
    }

    #[test]
    fn external_links_get_rel_and_relative_ones_do_not() {
        assert_eq!(
            render("[r](https://example.org/report)").as_str(),
            "<p><a href=\"https://example.org/report\" rel=\"nofollow noopener\">r</a></p>\n"
        );
        let html = render("[a](/activities/x) [b](#section) [c](mailto:info@example.org)");
        assert_contains(html.as_str(), "<a href=\"/activities/x\">a</a>");
        assert_contains(html.as_str(), "<a href=\"#section\">b</a>");
        assert_contains(html.as_str(), "<a href=\"mailto:info@example.org\">c</a>");
        let auto = render("<https://example.org> <info@example.org>").into_string();
        assert_eq!(
            hrefs(&auto),
            ["https://example.org", "mailto:info@example.org"]
        );
        // Protocol-relative URLs lead to another host.
        let html = render("[p](//evil.example/)").into_string();
        assert_contains(&html, "rel=\"nofollow noopener\"");
    }

    #[test]
    fn table_cells_have_no_style() {
        let html = render("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |").into_string();
        assert!(!html.contains("style"), "{html}");
        assert_contains(&html, "<tr><th>a</th><th>b</th><th>c</th></tr>");
        assert_contains(&html, "<tr><td>1</td><td>2</td><td>3</td></tr>");
    }

    #[test]
    fn ordered_lists_keep_their_numbering() {
        let html = render("3. three\n4. four").into_string();
        assert!(html.starts_with("<ol start=\"3\">"), "{html}");
        let recs: String = (1..=8).map(|i| format!("{i}. rec {i}\n")).collect();
        let html = render(&recs).into_string();
        assert!(html.starts_with("<ol>\n"), "{html}");
        assert_eq!(html.matches("<li>").count(), 8, "{html}");
    }

    #[test]
    fn non_latin_text_passes_unchanged() {
        for text in [
            "မြန်မာနိုင်ငံရှိ ရွှေ့ပြောင်းလုပ်သားများ",
            "แรงงานข้ามชาติ",
            "ពលករចំណាកស្រុក",
            "ແຮງງານເຄື່ອນຍ້າຍ",
            "移民工人的权利",
            "✊🏽 👷‍♀️ 🇲🇲",
        ] {
            assert_eq!(render(text).into_string(), format!("<p>{text}</p>\n"));
            assert_eq!(plain_text(text), text);
        }
    }

    #[test]
    fn only_media_images_are_loaded() {
        assert_eq!(
            render("![chart](https://tracker.example/pixel.png)").as_str(),
            "<p><a href=\"https://tracker.example/pixel.png\" rel=\"nofollow noopener\">chart</a></p>\n"
        );
        let html = render("![Workers at the border](/media/2024/border.jpg)").into_string();
        let els = elements(&html);
        let img = els.iter().find(|(n, _)| n == "img").expect("img kept");
        let attr = |k: &str| img.1.iter().find(|(a, _)| a == k).map(|(_, v)| v.as_str());
        assert_eq!(attr("src"), Some("/media/2024/border.jpg"));
        assert_eq!(attr("alt"), Some("Workers at the border"));
        assert_eq!(attr("loading"), Some("lazy"));
        // A link inside the alt text leaves only its words there.
        let html = render("![a [b](https://x.example) c](/media/p.png)").into_string();
        assert_contains(&html, " alt=\"a b c\" ");
        for md in [
            "![pic](//evil.example/x.png)",
            "![pic](/media/../logout)",
            "![pic](/media/%2e%2e/logout)",
            "![pic](/static/x.png)",
            "![pic](media/x.png)",
            "[![pic](https://evil.example/x.png)](https://example.org)",
        ] {
            let html = render(md).into_string();
            assert!(!names(&html).iter().any(|n| n == "img"), "{md} -> {html}");
            assert_contains(&html, "pic");
        }
        // Never a link inside a link.
        let html = render("[![pic](https://e.example/x.png)](/r)").into_string();
        assert_eq!(html, "<p><a href=\"/r\">pic</a></p>\n");
        // Without alt text the URL is shown, so the link is not invisible.
        let html = render("![](https://e.example/x.png)").into_string();
        assert_contains(&html, ">https://e.example/x.png</a>");
    }

    #[test]
    fn footnotes_use_prefixed_ids_and_no_class() {
        let html = render("Claim[^src].\n\n[^src]: The source.").into_string();
        assert_contains(&html, "<sup><a href=\"#fn-1\">1</a></sup>");
        assert_contains(&html, "<div id=\"fn-1\"><sup>1</sup>");
        assert!(!html.contains("class"), "{html}");
    }

    #[test]
    fn language_blocks_become_divs_with_lang() {
        let html = render("Statement.\n\n::: th\nแถลงการณ์ **ร่วม**\n:::\n\nEnd.");
        assert_eq!(
            html.as_str(),
            "<p>Statement.</p>\n<div lang=\"th\">\n<p>แถลงการณ์ <strong>ร่วม</strong></p>\n</div>\n<p>End.</p>\n"
        );
        let unclosed = render("::: my\nမြန်မာ");
        assert!(
            unclosed.as_str().starts_with("<div lang=\"my\">")
                && unclosed.as_str().ends_with("</div>"),
            "{unclosed}"
        );
        assert_eq!(plain_text("::: th\nไทย\n:::"), "ไทย");
    }

    #[test]
    fn language_blocks_cannot_smuggle_markup() {
        let hostile =
            render("::: th\n<script>alert(1)</script>\n:::\n::: th onmouseover=x\n:::\n:::");
        assert!(!hostile.as_str().contains("<script"), "{hostile}");
        assert!(
            hostile.as_str().contains("<p>::: th onmouseover=x</p>"),
            "{hostile}"
        );
        let stored = SanitizedHtml::from_stored(
            "<div lang=\"th\" onclick=\"x\">a</div><div lang='x\" y'>b</div><p lang=\"th\">c</p>"
                .into(),
        );
        assert_eq!(
            stored.as_str(),
            "<div lang=\"th\">a</div><div>b</div><p>c</p>"
        );
    }

    #[test]
    fn plain_text_strips_markup_and_collapses_whitespace() {
        let md = "# Title\n\nSome **bold**, *em*\nand [a link](https://x.example).\n\n\
                  - one\n-   two\n\n| a | b |\n|---|---|\n| c | d |\n";
        let expected = "Title Some bold, em and a link. one two a b c d";
        assert_eq!(plain_text(md), expected);
        assert_eq!(plain_text("<b>x</b>"), "<b>x</b>");
        assert_eq!(plain_text("  \n\n "), "");
    }

    #[test]
    fn absolute_urls_for_feeds() {
        let html = render(
            "![map](/media/ab/map.jpg) [report](/media/cd/r.pdf) [x](https://x.org/) note[^1]\n\n[^1]: foot",
        );
        let page = "https://portal.example/activities/imd";
        let out = with_absolute_urls(&html, page);
        assert_contains(
            out.as_str(),
            "src=\"https://portal.example/media/ab/map.jpg\"",
        );
        assert_contains(
            out.as_str(),
            "href=\"https://portal.example/media/cd/r.pdf\"",
        );
        assert_contains(
            out.as_str(),
            "href=\"https://x.org/\" rel=\"nofollow noopener\"",
        );
        assert_contains(
            out.as_str(),
            "href=\"https://portal.example/activities/imd#fn-1\"",
        );
        assert_eq!(with_absolute_urls(&html, "not a url"), html);
    }

    #[test]
    fn from_stored_sanitizes_again() {
        let stored = "<p>ok</p><script>alert(1)</script><a href=\"javascript:x\" rel=\"opener\">l</a>\
                      <a href=\"jav%09ascript:x\">m</a><img src=\"https://evil.example/p.png\">\
                      <div id=\"main\">d</div><table><tr><td style=\"color:red\">c</td></tr></table>";
        let html = SanitizedHtml::from_stored(stored.to_owned()).into_string();
        assert_eq!(
            html,
            "<p>ok</p><a>l</a><a>m</a><img loading=\"lazy\"><div>d</div>\
             <table><tbody><tr><td>c</td></tr></tbody></table>"
        );
        // What `render` produces survives a round trip through storage unchanged.
        let md =
            "# H\n\n[e](https://e.example) [r](/r) ![i](/media/i.png) x[^1]\n\n[^1]: n\n\n3. c";
        let rendered = render(md);
        assert_eq!(SanitizedHtml::from_stored(rendered.to_string()), rendered);
    }
}
