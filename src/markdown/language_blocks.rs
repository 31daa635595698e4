//! Parts of a text in another language, for bilingual statements:
//!
//! ```text
//! ::: th
//! ข้อความภาษาไทย
//! :::
//! ```
//!
//! A line of three or more colons and a language tag opens a block in that language; a line
//! of colons alone closes it (like Pandoc's fenced divs). The block becomes
//! `<div lang="th">`, so browsers, screen readers and fonts treat its text as Thai. Fences
//! count only at the start of a line outside code blocks; blocks may nest; one left open
//! ends with the text. Anything else that looks like a fence stays text.

use std::borrow::Cow;

/// The Markdown with every fence line made a paragraph of its own, written exactly as
/// `::: tag` or `:::`, so that it renders as `<p>::: tag</p>` for [`open_and_close`].
pub fn separate(markdown: &str) -> Cow<'_, str> {
    if !markdown.lines().any(|line| fence_of(line).is_some()) {
        return Cow::Borrowed(markdown);
    }
    let mut out = String::with_capacity(markdown.len() + 16);
    let mut code_fence: Option<(char, usize)> = None;
    for line in markdown.lines() {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        if indent <= 3
            && let Some((marker, length)) = code_fence_of(trimmed)
        {
            code_fence = match code_fence {
                None => Some((marker, length)),
                Some((open, open_length))
                    if open == marker
                        && length >= open_length
                        && trimmed.trim_start_matches(marker).trim().is_empty() =>
                {
                    None
                }
                still_open => still_open,
            };
        }
        let fence = match code_fence {
            None if indent == 0 => fence_of(line),
            _ => None,
        };
        match fence {
            Some(Fence::Open(tag)) => {
                out.push_str("\n::: ");
                out.push_str(tag);
                out.push_str("\n\n");
            }
            Some(Fence::Close) => out.push_str("\n:::\n\n"),
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    Cow::Owned(out)
}

/// The rendered HTML with the fence paragraphs turned into `<div lang>` and `</div>`.
/// Unbalanced ones are balanced by the sanitizer's HTML parser.
pub fn open_and_close(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    for line in html.split_inclusive('\n') {
        let paragraph = line
            .trim_end()
            .strip_prefix("<p>")
            .and_then(|l| l.strip_suffix("</p>"));
        match paragraph.and_then(fence_of) {
            Some(Fence::Open(tag)) => {
                out.push_str(&format!("<div lang=\"{tag}\">\n"));
            }
            Some(Fence::Close) => out.push_str("</div>\n"),
            None => out.push_str(line),
        }
    }
    out
}

/// Whether a paragraph's text is a fence line (left out of plain text).
pub fn is_fence(text: &str) -> bool {
    fence_of(text).is_some()
}

enum Fence<'a> {
    Open(&'a str),
    Close,
}

fn fence_of(line: &str) -> Option<Fence<'_>> {
    let rest = line.trim_end();
    let after = rest.trim_start_matches(':');
    if rest.len() - after.len() < 3 {
        return None;
    }
    match after.trim() {
        "" => Some(Fence::Close),
        tag if is_language_tag(tag) => Some(Fence::Open(tag)),
        _ => None,
    }
}

/// A code fence (three or more backticks or tildes) at the start of a trimmed line: the
/// marker and its length.
fn code_fence_of(trimmed: &str) -> Option<(char, usize)> {
    let marker = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let length = trimmed.chars().take_while(|&c| c == marker).count();
    (length >= 3).then_some((marker, length))
}

/// A BCP 47 tag as members write them (`th`, `my`, `zh-Hant`, `en-GB`): the activity form's
/// rule, with a bound on length, since here the tag is any text a member typed.
pub fn is_language_tag(tag: &str) -> bool {
    tag.len() <= 35 && crate::activities::form::is_language_tag(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_become_paragraphs_of_their_own() {
        let text = "English.\n::: th\nภาษาไทย\n:::\nMore.";
        assert_eq!(
            separate(text),
            "English.\n\n::: th\n\nภาษาไทย\n\n:::\n\nMore.\n"
        );
    }

    #[test]
    fn fences_inside_code_blocks_stay_text() {
        let text = "```\n::: th\n:::\n```\n::: my\n";
        assert_eq!(separate(text), "```\n::: th\n:::\n```\n\n::: my\n\n");
        let tilde = "~~~~\n::: th\n~~~\n:::\n~~~~\n:::\n";
        assert_eq!(separate(tilde), "~~~~\n::: th\n~~~\n:::\n~~~~\n\n:::\n\n");
    }

    #[test]
    fn only_language_tags_open_a_block() {
        for not_a_tag in [
            "::: <script>",
            "::: th\"x",
            ":: th",
            "::: TH",
            "  ::: th",
            "::: th x",
        ] {
            assert_eq!(separate(not_a_tag), not_a_tag, "{not_a_tag}");
        }
        assert!(matches!(
            fence_of("::::: zh-Hant"),
            Some(Fence::Open("zh-Hant"))
        ));
    }

    #[test]
    fn fence_paragraphs_become_divs() {
        let html = "<p>a</p>\n<p>::: my</p>\n<p>b</p>\n<p>:::</p>\n<p>::: x y</p>\n";
        assert_eq!(
            open_and_close(html),
            "<p>a</p>\n<div lang=\"my\">\n<p>b</p>\n</div>\n<p>::: x y</p>\n"
        );
    }
}
