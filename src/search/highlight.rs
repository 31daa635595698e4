//! Where a search's terms occur in a result's text, for its highlights.
//!
//! The index folds case and accents (`trigram remove_diacritics 2 case_sensitive 0`); this
//! folds the same way, on the few fields of the ten results a page shows. FTS5's own
//! `highlight()` re-tokenized whole documents inside a second full-text query and was about
//! a third of a search's time; it also could not mark the short terms matched as substrings.
//!
//! Folding: lower case, canonical decomposition, and the combining accents of
//! U+0300–U+036F dropped ("Résumé" → "resume", "Hà Nội" → "ha noi"). Thai, Burmese, Khmer and
//! Lao vowel signs are not in that block and stay. Where this and SQLite still disagree on
//! some rare letter, a result loses its highlight, never its place in the results.

use unicode_normalization::char::decompose_canonical;

/// The terms of a search, folded.
#[derive(Debug, Clone, Default)]
pub struct Terms {
    folded: Vec<String>,
}

impl Terms {
    pub fn new<S: AsRef<str>>(terms: &[S]) -> Terms {
        let mut folded: Vec<String> = terms
            .iter()
            .map(|t| Folded::new(t.as_ref()).text)
            .filter(|t| !t.is_empty())
            .collect();
        folded.sort();
        folded.dedup();
        Terms { folded }
    }

    pub fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }

    /// Byte ranges of `text` holding a term, in order, overlapping ones merged.
    pub fn find(&self, text: &str) -> Vec<(usize, usize)> {
        if self.folded.is_empty() {
            return Vec::new();
        }
        let folded = Folded::new(text);
        let mut found: Vec<(usize, usize)> = self
            .folded
            .iter()
            .flat_map(|term| {
                folded
                    .text
                    .match_indices(term.as_str())
                    .map(|(at, m)| folded.original(at, at + m.len()))
            })
            .collect();
        found.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(found.len());
        for (start, end) in found {
            match merged.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        merged
    }
}

/// Folded text, and where each of its characters came from.
struct Folded {
    text: String,
    /// For each character of the original: its byte offset there, and where its folding
    /// starts in `text` (empty for a dropped accent). Then both lengths.
    map: Vec<(usize, usize)>,
}

impl Folded {
    fn new(original: &str) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut map = Vec::with_capacity(original.len() + 1);
        for (at, c) in original.char_indices() {
            map.push((at, text.len()));
            if c.is_ascii() {
                text.push(c.to_ascii_lowercase());
            } else if is_caseless_and_whole(c) {
                text.push(c);
            } else {
                for lower in c.to_lowercase() {
                    decompose_canonical(lower, |d| {
                        if !is_combining_accent(d) {
                            text.push(d);
                        }
                    });
                }
            }
        }
        map.push((original.len(), text.len()));
        Folded { text, map }
    }

    /// The original byte range of folded bytes `start..end` (a match, so `start < end`),
    /// widened to whole characters.
    fn original(&self, start: usize, end: usize) -> (usize, usize) {
        // The last character whose folding starts at or before `start`, and the first one
        // starting at or after `end` (a dropped accent right after the match stays out).
        let first = self.map.partition_point(|&(_, f)| f <= start) - 1;
        let after = self.map.partition_point(|&(_, f)| f < end);
        (self.map[first].0, self.map[after].0)
    }
}

/// Thai, Lao, Myanmar and Khmer letters have no case and (but for one) no canonical
/// decomposition: most of a Burmese or Thai text skips the tables.
fn is_caseless_and_whole(c: char) -> bool {
    matches!(c, '\u{0E00}'..='\u{0EFF}' | '\u{1000}'..='\u{1025}' | '\u{1027}'..='\u{109F}'
        | '\u{1780}'..='\u{17FF}')
}

fn is_combining_accent(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(terms: &[&str], text: &str) -> String {
        let mut out = String::new();
        let mut at = 0;
        for (start, end) in Terms::new(terms).find(text) {
            out.push_str(&text[at..start]);
            out.push('[');
            out.push_str(&text[start..end]);
            out.push(']');
            at = end;
        }
        out.push_str(&text[at..]);
        out
    }

    #[test]
    fn case_and_accents_fold_on_both_sides() {
        assert_eq!(
            marked(&["resume"], "Café RÉSUMÉ résumé"),
            "Café [RÉSUMÉ] [résumé]"
        );
        assert_eq!(marked(&["Résumé"], "a resume"), "a [resume]");
        assert_eq!(marked(&["ha noi"], "Hà Nội, 2016"), "[Hà Nội], 2016");
        // A decomposed accent in the text: the accent belongs to its letter.
        assert_eq!(
            marked(&["cafe"], "cafe\u{301} x"),
            "[cafe]\u{301} x",
            "the mark ends before the dropped accent; snippets widen it to the grapheme"
        );
        assert_eq!(marked(&["ß"], "Straße"), "Stra[ß]e");
    }

    #[test]
    fn unspaced_scripts_match_inside_words() {
        assert_eq!(
            marked(&["ข้ามชา"], "แรงงานข้ามชาติในไทย"),
            "แรงงาน[ข้ามชา]ติในไทย"
        );
        assert_eq!(
            marked(&["အလုပ်သမား"], "စက်မှုဇုန်အလုပ်သမားများ"),
            "စက်မှုဇုန်[အလုပ်သမား]များ"
        );
    }

    #[test]
    fn the_shortcut_for_unspaced_scripts_folds_as_the_tables_do() {
        for c in ('\u{0E00}'..='\u{0EFF}')
            .chain('\u{1000}'..='\u{109F}')
            .chain('\u{1780}'..='\u{17FF}')
        {
            let mut full = String::new();
            for lower in c.to_lowercase() {
                decompose_canonical(lower, |d| full.push(d));
            }
            assert_eq!(
                is_caseless_and_whole(c),
                full == c.to_string(),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn overlapping_and_repeated_matches_merge() {
        assert_eq!(
            marked(
                &["migrant", "grant work", "xyz"],
                "a migrant worker, migrant"
            ),
            "a [migrant work]er, [migrant]"
        );
        assert_eq!(marked(&["aa"], "aaaa"), "[aaaa]");
        assert_eq!(marked(&[], "text"), "text");
        assert_eq!(
            marked(&["\u{301}"], "e\u{301}"),
            "e\u{301}",
            "nothing left to find"
        );
        assert!(Terms::new(&["\u{301}"]).is_empty());
    }
}
