//! Zawgyi: Burmese typed in the legacy Zawgyi-One font encoding, told apart from Unicode and
//! converted to it.
//!
//! Zawgyi gives Myanmar-block code points the meaning of glyphs, in visual order (the vowel
//! sign E typed before its consonant, medial ra as one of seven shapes…), so text typed on a
//! Zawgyi keyboard reads as nonsense under the Unicode fonts the portal serves, and is not
//! found by search. Many phones in Myanmar still type it.
//!
//! - Detection ([`zawgyi_probability`]): the Markov-chain model of Google's *myanmar-tools*,
//!   trained on megabytes of web text of both encodings; its authors report that, unlike
//!   hand-written rules, it does not take Shan or Mon (which share the block) for Zawgyi.
//!   crates.io has no Zawgyi crate. [`judge`] applies it to the fields of a form line by
//!   line, because converting Unicode text would damage it: a Zawgyi paragraph pasted into a
//!   Unicode body is found, and converted, alone.
//! - Conversion ([`to_unicode`]): the CLDR `Zawgyi-my` transliteration rules, as myanmar-tools
//!   compiled them, run by the small engine of `converter.rs`. It gives the package's output
//!   on all its test cases, and was compared with the package's JavaScript on 300 000 random
//!   and mutated strings during the port (identical, but for the typo fixed in `rules.rs`).
//!
//! Where the data comes from (see also `NOTICE.md` and the README's licences section): the npm
//! package `myanmar-tools` 1.2.0 (`npm pack myanmar-tools`; tarball SHA-1
//! 9d941a5dad512e8fa09f19014325eba19ae90590), Apache-2.0, © 2017 Google LLC:
//! `resources/zawgyiUnicodeModel.dat` is shipped unchanged as `zawgyiUnicodeModel.dat`
//! (SHA-256 7df7bdf7…3241b8a), `resources/Z2U.js` became `rules.rs`, and
//! `src/zawgyi_detector.ts` and `src/zawgyi_converter.ts` were ported to `detector.rs` and
//! `converter.rs`. The rules derive from CLDR (© Unicode, Inc., Unicode License v3).
//! Samples of both encodings for the tests are in `tests/data/zawgyi/`.

mod converter;
mod detector;
mod rules;
#[cfg(test)]
mod tests;

/// The probability above which the Burmese text of a form, taken as a whole, is Zawgyi.
///
/// myanmar-tools advises 0.05 when a person will look at the result and 0.95 when a false
/// alarm costs something: fewer than 1% of Unicode strings score above 0.95, and texts of a
/// sentence or more score within a hair of 0 or 1. A member does see the warning, but a false
/// one at every save would teach members to click it away, and short texts are where the model
/// hesitates. On the samples of `tests/data/zawgyi/` cut at spaces into 1552 phrases of each
/// encoding, 5 Unicode phrases scored above 0.95, 4 of which read the same after conversion
/// and so are not questioned (see [`judge`]); 24 Zawgyi phrases that conversion would change
/// scored 0.95 or less alone (typed beside more Burmese, they are caught). Whole lines of
/// either encoding never landed between 0.0002 and 0.69.
pub const THRESHOLD: f64 = 0.95;

/// The probability above which one line is Zawgyi even when the rest of the form is Unicode
/// (a paragraph pasted from elsewhere): 1 phrase of Unicode in 1552 scored above it.
pub const LINE_THRESHOLD: f64 = 0.999;

/// Lines that lean towards Zawgyi (above this) are Zawgyi when the whole form is: the fields
/// of one form are typed on one keyboard, and a short title alone says too little.
const LEANING: f64 = 0.5;

/// Is this a code point of the Myanmar blocks (the script shared by both encodings)?
fn is_myanmar(c: char) -> bool {
    matches!(c, '\u{1000}'..='\u{109F}' | '\u{A9E0}'..='\u{A9FF}' | '\u{AA60}'..='\u{AA7F}')
}

/// The probability that `text` is Zawgyi rather than Unicode, between 0 and 1; `None` when it
/// has no Myanmar letters at all (English, or only Myanmar digits, which are the same in both
/// encodings). Text in other scripts around the Burmese does not change the result.
pub fn zawgyi_probability(text: &str) -> Option<f64> {
    if !text.chars().any(is_myanmar) {
        return None;
    }
    detector::probability(text)
}

/// `text` converted from Zawgyi to Unicode. Text without Myanmar letters comes back as it was.
///
/// Each line is converted on its own, as the rules were written and tested: their "start of
/// text" and "end of text" cases (a Myanmar digit zero typed for the letter wa) then apply to
/// each paragraph of a body. Line breaks (`\n` or `\r\n`) are kept.
pub fn to_unicode(text: &str) -> String {
    if !text.chars().any(is_myanmar) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for piece in text.split_inclusive('\n') {
        let line = piece.trim_end_matches('\n').trim_end_matches('\r');
        out.push_str(&converter::convert_line(line));
        out.push_str(&piece[line.len()..]);
    }
    out
}

/// The lines of one text judged to be Zawgyi (split at `\n`), by index, with their
/// conversion to Unicode.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suspect {
    lines: Vec<(usize, String)>,
}

impl Suspect {
    /// No line of the text looks like Zawgyi.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The text that was judged, with its suspect lines converted to Unicode and the other
    /// lines (Unicode, or English) left exactly as they were: converting Unicode damages it.
    pub fn convert(&self, text: &str) -> String {
        let mut converted = self.lines.iter().peekable();
        text.split_inclusive('\n')
            .enumerate()
            .map(|(i, line)| match converted.next_if(|(n, _)| *n == i) {
                Some((_, unicode)) => unicode.as_str(),
                None => line,
            })
            .collect()
    }
}

/// Judges texts typed together (the fields of one form), line by line: a line is Zawgyi when
/// it is above [`LINE_THRESHOLD`] on its own, or leans that way while all the Burmese of the
/// texts together is above [`THRESHOLD`]. Lines without Myanmar letters are never suspect,
/// nor lines that conversion would leave as they are: those read the same in both encodings
/// (many short words do, and are where the model hesitates), so there is nothing to fix.
pub fn judge(texts: &[&str]) -> Vec<Suspect> {
    let whole = zawgyi_probability(&texts.join("\n")).unwrap_or(0.0);
    let suspect = |line: &str| {
        zawgyi_probability(line)
            .is_some_and(|p| p > LINE_THRESHOLD || (p > LEANING && whole > THRESHOLD))
    };
    texts
        .iter()
        .map(|text| Suspect {
            lines: text
                .split_inclusive('\n')
                .enumerate()
                .filter(|(_, line)| suspect(line))
                .filter_map(|(i, line)| {
                    let unicode = to_unicode(line);
                    (unicode != line).then_some((i, unicode))
                })
                .collect(),
        })
        .collect()
}
