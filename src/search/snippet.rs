//! A result's text → segments that templates print escaped, with the search's terms in
//! `<mark>`.
//!
//! Text never becomes HTML here: the terms found (`super::highlight`) only split it into
//! marked and unmarked segments. Excerpts are measured and cut in graphemes, so a Thai vowel
//! or a Burmese medial never ends up apart from its consonant.

use unicode_segmentation::UnicodeSegmentation;

use super::highlight::Terms;

/// A piece of text, highlighted or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub marked: bool,
}

/// Text with whitespace collapsed, and the byte ranges holding a term.
struct Marked {
    text: String,
    marks: Vec<(usize, usize)>,
}

impl Marked {
    fn new(text: &str, terms: &Terms) -> Marked {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let marks = terms.find(&text);
        Marked { text, marks }
    }
}

/// All of `text` (a title), as segments.
pub fn segments(text: &str, terms: &Terms) -> Vec<Segment> {
    let marked = Marked::new(text, terms);
    let mut bounds: Vec<usize> = boundaries(&marked.text, 0).collect();
    bounds.push(marked.text.len());
    cut(&marked, &bounds, 0, bounds.len() - 1)
}

/// About `width` graphemes of `text` around its first term, or `None` when it holds none.
pub fn excerpt_around_match(text: &str, terms: &Terms, width: usize) -> Option<Vec<Segment>> {
    let marked = Marked::new(text, terms);
    (!marked.marks.is_empty()).then(|| excerpt_of(&marked, width))
}

/// About `width` graphemes of `text` around its first term (from the start when there is
/// none), with an ellipsis where text was left out.
pub fn excerpt(text: &str, terms: &Terms, width: usize) -> Vec<Segment> {
    excerpt_of(&Marked::new(text, terms), width)
}

fn excerpt_of(marked: &Marked, width: usize) -> Vec<Segment> {
    let text = marked.text.as_str();
    let anchor = marked.marks.first().map_or(0, |&(start, _)| start);
    // Only the graphemes that can be shown are found, whatever the text's length: the
    // context before the match is a quarter of `width` (in graphemes, which hold one
    // character or more, so `width / 2` characters suffice in spaced scripts and give
    // unspaced ones most of it), and nothing past `width` graphemes from there is shown.
    let window = text[..anchor]
        .char_indices()
        .rev()
        .nth(width / 2)
        .map_or(0, |(at, _)| at);
    let mut bounds: Vec<usize> = Vec::new();
    let mut enough = usize::MAX;
    let mut whole = true;
    // The window may start inside a grapheme: its first piece is not one.
    for b in boundaries(text, window).skip(usize::from(window > 0)) {
        if b > anchor && enough == usize::MAX {
            let first = bounds.len().saturating_sub(1);
            enough = first.saturating_sub(width / 4) + width + 1;
        }
        if bounds.len() == enough {
            whole = false;
            break;
        }
        bounds.push(b);
    }
    if whole {
        bounds.push(text.len());
    }
    if bounds.len() < 2 {
        // One grapheme longer than the window (a pile of combining marks): show it whole.
        bounds = vec![window, text.len()];
    }
    let count = bounds.len() - 1;
    let first = bounds.partition_point(|&b| b <= anchor).saturating_sub(1);
    // Some context before the match, the rest after it.
    let mut from = first.saturating_sub(width / 4);
    let mut to = (from + width).min(count);
    from = to.saturating_sub(width).min(from);
    // In scripts with spaces, start and end at a word boundary when one is near.
    let near = width / 8;
    if from > 0
        && let Some(i) = (from..(from + near).min(first)).find(|&i| is_space(text, &bounds, i))
    {
        from = i + 1;
    }
    if to < count
        && let Some(i) = ((to.saturating_sub(near)).max(first + 1)..to)
            .rev()
            .find(|&i| is_space(text, &bounds, i))
    {
        to = i;
    }
    let mut out = Vec::new();
    if bounds[from] > 0 {
        out.push(plain("… "));
    }
    out.extend(cut(marked, &bounds, from, to));
    if bounds[to] < text.len() {
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

/// Byte offsets where text may be cut (grapheme starts), from byte `from` on.
fn boundaries(text: &str, from: usize) -> impl Iterator<Item = usize> + '_ {
    text[from..]
        .grapheme_indices(true)
        .filter(|(i, g)| *i == 0 || !g.starts_with(is_dependent_sign))
        .map(move |(i, _)| from + i)
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
    // Marks outside the bounds found are clamped to them, and then left out.
    let floor = |b: usize| bounds[bounds.partition_point(|&x| x <= b).saturating_sub(1)];
    let ceil = |b: usize| bounds[bounds.partition_point(|&x| x < b).min(bounds.len() - 1)];
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

    fn terms(list: &[&str]) -> Terms {
        Terms::new(list)
    }

    #[test]
    fn terms_become_marked_segments() {
        assert_eq!(
            render(&segments(
                "Café Résumé in  Chiang\nMai",
                &terms(&["resume", "mai"])
            )),
            "Café [Résumé] in Chiang [Mai]"
        );
        assert_eq!(
            render(&segments("ab c", &terms(&["a", "b"]))),
            "[ab] c",
            "adjacent matches join"
        );
        assert_eq!(
            render(&segments("<script>", &terms(&["script"]))),
            "<[script]>",
            "text stays text"
        );
        assert_eq!(render(&segments("", &terms(&["x"]))), "");
    }

    #[test]
    fn marks_cover_whole_graphemes() {
        // The term starts at a combining vowel sign: the consonant comes with it.
        assert_eq!(
            render(&segments("การอบรมระดับชาติประเทศไทย", &terms(&["ับชาติ"]))),
            "การอบรมระ[ดับชาติ]ประเทศไทย"
        );
    }

    #[test]
    fn excerpts_centre_on_the_first_match_and_say_what_was_cut() {
        let words: Vec<String> = (0..100).map(|i| format!("w{i}")).collect();
        let text = words.join(" ");
        let out = render(&excerpt(&text, &terms(&["w50"]), 60));
        assert!(out.starts_with("… w"), "{out}");
        assert!(out.ends_with(" …"), "{out}");
        assert!(out.contains("[w50]"), "{out}");
        assert!(out.chars().count() <= 66, "{out}");
        let start = render(&excerpt("short text", &terms(&["zzz"]), 60));
        assert_eq!(start, "short text");
        let no_match = render(&excerpt(&"ก".repeat(100), &terms(&[]), 10));
        assert_eq!(no_match, format!("{} …", "ก".repeat(10)));
        assert_eq!(
            excerpt_around_match("short text", &terms(&["zzz"]), 60),
            None
        );
    }

    #[test]
    fn excerpts_of_long_texts_read_only_around_the_match() {
        // The same excerpt whether the text goes on for a line or for a book.
        let before = "lorem ipsum ".repeat(5_000);
        let after = " dolor sit".repeat(5_000);
        let short = format!(
            "{}migrant workers{}",
            &before[before.len() - 600..],
            &after[..400]
        );
        let long = format!("{before}migrant workers{after}");
        let t = terms(&["migrant"]);
        let near = render(&excerpt(&long, &t, 60));
        assert!(near.starts_with("… "), "{near}");
        assert!(near.ends_with(" …"), "{near}");
        assert!(near.contains("[migrant] workers dolor"), "{near}");
        assert!(near.chars().count() <= 66, "{near}");
        assert_eq!(near, render(&excerpt(&short, &t, 60)));
        // A match near the very end, and one grapheme of a thousand marks.
        let end = render(&excerpt(&format!("{before}migrant"), &t, 60));
        assert!(end.ends_with("[migrant]"), "{end}");
        let pile = format!("a{}", "\u{301}".repeat(1_000));
        assert_eq!(render(&excerpt(&pile, &terms(&["zzz"]), 10)), pile);
    }

    #[test]
    fn excerpts_of_unspaced_scripts_cut_between_graphemes() {
        let body = "ပြည်ပသို့ အလုပ်သွားလုပ်ရန် စဉ်းစားနေသော စက်မှုဇုန်အလုပ်သမားများနှင့် မိသားစုဝင်များအတွက် ".repeat(5);
        for width in [10, 30, 240] {
            for segment in excerpt(&body, &terms(&["မိသားစု", "ုပ်"]), width) {
                let first = segment.text.chars().next().unwrap();
                // A segment never starts with a Burmese dependent sign.
                assert!(!('\u{102B}'..='\u{103E}').contains(&first), "{segment:?}");
            }
        }
    }
}
