//! Highlighted text from the index → segments that templates print escaped, with the
//! matches in `<mark>`.
//!
//! SQLite's `highlight()` wraps matches in two private-use characters. Text never becomes
//! HTML here: the markers only split it into marked and unmarked segments, and a marker
//! that a member happened to type can at worst highlight some text, never produce markup.
//! `snippet()` is not used because it counts trigrams (64 at most, about 60 characters) and
//! cuts through grapheme clusters; windows here are measured and cut in graphemes.

use unicode_segmentation::UnicodeSegmentation;

/// Opens a match in `highlight()` output.
pub const START: char = '\u{E000}';
/// Closes a match.
pub const END: char = '\u{E001}';
/// `START` and `END` as SQL string literals for `highlight()`.
pub const SQL_MARKERS: &str = "char(57344), char(57345)";

/// A piece of text, highlighted or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub marked: bool,
}

/// Text with highlighted byte ranges, whitespace collapsed.
struct Marked {
    text: String,
    marks: Vec<(usize, usize)>,
}

/// Reads markers in pairs; strays are dropped and an unclosed match ends with the text.
fn parse(highlighted: &str) -> Marked {
    let mut text = String::with_capacity(highlighted.len());
    let mut marks = Vec::new();
    let mut open: Option<usize> = None;
    for c in highlighted.chars() {
        match c {
            START if open.is_none() => open = Some(text.len()),
            END => {
                if let Some(start) = open.take().filter(|&s| s < text.len()) {
                    marks.push((start, text.len()));
                }
            }
            START => {}
            c if c.is_whitespace() => {
                if !text.is_empty() && !text.ends_with(' ') {
                    text.push(' ');
                }
            }
            c => text.push(c),
        }
    }
    if let Some(start) = open.filter(|&s| s < text.len()) {
        marks.push((start, text.len()));
    }
    Marked { text, marks }
}

/// Whether `highlight()` output holds a match.
pub fn has_match(highlighted: &str) -> bool {
    !parse(highlighted).marks.is_empty()
}

/// All of `highlighted` (a title), as segments.
pub fn segments(highlighted: &str) -> Vec<Segment> {
    let marked = parse(highlighted);
    let bounds = boundaries(&marked.text);
    cut(&marked, &bounds, 0, bounds.len() - 1)
}

/// About `width` graphemes of `highlighted` around its first match (from the start when
/// there is none), with an ellipsis where text was left out.
pub fn excerpt(highlighted: &str, width: usize) -> Vec<Segment> {
    let marked = parse(highlighted);
    let bounds = boundaries(&marked.text);
    let count = bounds.len() - 1;
    let first = marked
        .marks
        .first()
        .map_or(0, |&(start, _)| bounds.partition_point(|&b| b <= start) - 1);
    // Some context before the match, the rest after it.
    let mut from = first.saturating_sub(width / 4);
    let mut to = (from + width).min(count);
    from = to.saturating_sub(width).min(from);
    // In scripts with spaces, start and end at a word boundary when one is near.
    let near = width / 8;
    if from > 0
        && let Some(i) =
            (from..(from + near).min(first)).find(|&i| is_space(&marked.text, &bounds, i))
    {
        from = i + 1;
    }
    if to < count
        && let Some(i) = ((to.saturating_sub(near)).max(first + 1)..to)
            .rev()
            .find(|&i| is_space(&marked.text, &bounds, i))
    {
        to = i;
    }
    let mut out = Vec::new();
    if from > 0 {
        out.push(plain("… "));
    }
    out.extend(cut(&marked, &bounds, from, to));
    if to < count {
        out.push(plain(" …"));
    }
    out
}

fn plain(text: &str) -> Segment {
    Segment {
        text: text.to_owned(),
        marked: false,
    }
}

/// Byte offsets where text may be cut (grapheme starts), and the text's length last.
fn boundaries(text: &str) -> Vec<usize> {
    let mut bounds: Vec<usize> = text
        .grapheme_indices(true)
        .filter(|(i, g)| *i == 0 || !g.starts_with(is_dependent_sign))
        .map(|(i, _)| i)
        .collect();
    bounds.push(text.len());
    bounds
}

/// Vowel signs and tone marks that Unicode lets stand as their own grapheme (Myanmar
/// ာ and း, for instance) but that render broken apart from the consonant before them.
fn is_dependent_sign(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}'
        | '\u{0EB1}' | '\u{0EB4}'..='\u{0EBC}' | '\u{0EC8}'..='\u{0ECE}'
        | '\u{102B}'..='\u{103E}' | '\u{1056}'..='\u{1059}' | '\u{105E}'..='\u{1060}'
        | '\u{1062}'..='\u{1064}' | '\u{1067}'..='\u{106D}' | '\u{1071}'..='\u{1074}'
        | '\u{1082}'..='\u{108D}' | '\u{108F}' | '\u{109A}'..='\u{109D}'
        | '\u{17B4}'..='\u{17D3}' | '\u{17DD}')
}

fn is_space(text: &str, bounds: &[usize], grapheme: usize) -> bool {
    &text[bounds[grapheme]..bounds[grapheme + 1]] == " "
}

/// Graphemes `from..to` as segments. Marks are widened to whole graphemes: a Thai vowel
/// sign or a Burmese medial in a different element than its consonant renders broken.
fn cut(marked: &Marked, bounds: &[usize], from: usize, to: usize) -> Vec<Segment> {
    let (lo, hi) = (bounds[from], bounds[to]);
    let floor = |b: usize| bounds[bounds.partition_point(|&x| x <= b) - 1];
    let ceil = |b: usize| bounds[bounds.partition_point(|&x| x < b)];
    let mut out: Vec<Segment> = Vec::new();
    let mut at = lo;
    for &(start, end) in &marked.marks {
        let (start, end) = (floor(start).max(at).max(lo), ceil(end).min(hi));
        if start >= end {
            continue;
        }
        if at < start {
            out.push(plain(&marked.text[at..start]));
        }
        // Adjacent marks (trigram matches overlap) read as one.
        match out.last_mut() {
            Some(last) if last.marked && at == start => {
                last.text.push_str(&marked.text[start..end])
            }
            _ => out.push(Segment {
                text: marked.text[start..end].to_owned(),
                marked: true,
            }),
        }
        at = end;
    }
    if at < hi {
        out.push(plain(&marked.text[at..hi]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|s| {
                if s.marked {
                    format!("[{}]", s.text)
                } else {
                    s.text.clone()
                }
            })
            .collect()
    }

    fn hl(text: &str) -> String {
        text.replace('[', &START.to_string())
            .replace(']', &END.to_string())
    }

    #[test]
    fn markers_become_marked_segments() {
        assert_eq!(
            render(&segments(&hl("Café [Résumé] in  Chiang\n[Mai]"))),
            "Café [Résumé] in Chiang [Mai]"
        );
        assert_eq!(
            render(&segments(&hl("[a][b] c"))),
            "[ab] c",
            "adjacent matches join"
        );
    }

    #[test]
    fn stray_or_forged_markers_never_unbalance() {
        assert_eq!(render(&segments(&hl("]a[b[c]]d["))), "a[bc]d");
        assert_eq!(render(&segments(&hl("x[y"))), "x[y]");
        assert_eq!(render(&segments(&hl("[]"))), "");
        assert!(!has_match(&hl("[]")));
        assert!(has_match(&hl("a[b]")));
    }

    #[test]
    fn marks_cover_whole_graphemes() {
        // The match starts at a combining vowel sign: the consonant comes with it.
        let text = format!("การอบรมระด{START}ับชาติ{END}ประเทศไทย");
        assert_eq!(render(&segments(&text)), "การอบรมระ[ดับชาติ]ประเทศไทย");
    }

    #[test]
    fn excerpts_centre_on_the_first_match_and_say_what_was_cut() {
        let words: Vec<String> = (0..100).map(|i| format!("w{i}")).collect();
        let mut text = words.join(" ");
        text = text.replace("w50", &format!("{START}w50{END}"));
        let out = render(&excerpt(&text, 60));
        assert!(out.starts_with("… w"), "{out}");
        assert!(out.ends_with(" …"), "{out}");
        assert!(out.contains("[w50]"), "{out}");
        assert!(out.chars().count() <= 66, "{out}");
        let start = render(&excerpt("short text", 60));
        assert_eq!(start, "short text");
        let no_match = render(&excerpt(&"ก".repeat(100), 10));
        assert_eq!(no_match, format!("{} …", "ก".repeat(10)));
    }

    #[test]
    fn excerpts_of_unspaced_scripts_cut_between_graphemes() {
        let body = "ပြည်ပသို့ အလုပ်သွားလုပ်ရန် စဉ်းစားနေသော စက်မှုဇုန်အလုပ်သမားများနှင့် မိသားစုဝင်များအတွက် ".repeat(5);
        let text = body.replacen("မိသားစု", &format!("{START}မိသားစု{END}"), 3);
        for segment in excerpt(&text, 30) {
            let first = segment.text.chars().next().unwrap();
            // A segment never starts with a Burmese dependent sign.
            assert!(!('\u{102B}'..='\u{103E}').contains(&first), "{segment:?}");
        }
    }
}
