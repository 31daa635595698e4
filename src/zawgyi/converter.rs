//! The engine that runs the rules of `rules.rs`: the same algorithm as `runPhase` in
//! myanmar-tools' `src/zawgyi_converter.ts`, on code points instead of UTF-16 units, with the
//! patterns compiled once from a small language instead of JavaScript regular expressions.
//!
//! The pattern language is just what the rules use: a sequence of elements, each a character
//! or a class (`[…]`, `[^…]`, with ranges `a-b`), optionally followed by `+` or `*`, optionally
//! wrapped in a capture group `( … )` (numbered from 1, as `$1` in the replacement); a final `$`
//! anchors the match at the end of the text. Every pattern is anchored at the current position.

use std::sync::LazyLock;

use super::rules::PHASES;

/// A rule as written in the table: a pattern, its replacement, and two flags of the source.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rule {
    pattern: &'static str,
    replacement: &'static str,
    /// Applies only in the first pass of a phase (at the start of the text).
    at_start: bool,
    /// After replacing, the pass stays at the replacement, so later rules can rewrite it.
    revisit: bool,
}

/// A rule that rewrites the text at the current position when its pattern matches there.
pub(super) const fn rule(pattern: &'static str, replacement: &'static str) -> Rule {
    Rule {
        pattern,
        replacement,
        at_start: false,
        revisit: false,
    }
}

impl Rule {
    pub(super) const fn at_start(self) -> Self {
        Self {
            at_start: true,
            ..self
        }
    }

    pub(super) const fn revisit(self) -> Self {
        Self {
            revisit: true,
            ..self
        }
    }
}

/// The longest run one `+` or `*` may take. Real text never repeats a mark or a space this
/// often; the bound keeps hostile input (200 000 spaces before a mark) linear instead of
/// quadratic, because each position would otherwise rescan the whole run.
const MAX_REPEAT: usize = 32;

#[derive(Debug)]
enum Atom {
    Char(char),
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
}

impl Atom {
    fn matches(&self, c: char) -> bool {
        match self {
            Atom::Char(x) => *x == c,
            Atom::Class { negated, ranges } => {
                ranges.iter().any(|(lo, hi)| (*lo..=*hi).contains(&c)) != *negated
            }
        }
    }
}

#[derive(Debug)]
struct Element {
    atom: Atom,
    min: usize,
    max: usize,
    group: Option<usize>,
}

#[derive(Debug)]
struct Pattern {
    elements: Vec<Element>,
    to_end: bool,
    groups: usize,
}

#[derive(Debug)]
enum Piece {
    Text(String),
    Group(usize),
}

#[derive(Debug)]
struct Compiled {
    pattern: Pattern,
    replacement: Vec<Piece>,
    at_start: bool,
    revisit: bool,
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn atom(first: char, chars: &mut Chars) -> Result<Atom, String> {
    if first != '[' {
        return match first {
            '(' | ')' | '+' | '*' | ']' | '$' | '^' => Err(format!("unexpected {first:?}")),
            c => Ok(Atom::Char(c)),
        };
    }
    let negated = chars.next_if_eq(&'^').is_some();
    let mut ranges = Vec::new();
    loop {
        match chars.next() {
            None => return Err("unclosed class".into()),
            Some(']') if !ranges.is_empty() => return Ok(Atom::Class { negated, ranges }),
            Some(lo) => {
                let hi = if chars.next_if_eq(&'-').is_some() {
                    chars.next().filter(|&hi| hi >= lo).ok_or("bad range")?
                } else {
                    lo
                };
                ranges.push((lo, hi));
            }
        }
    }
}

fn quantifier(chars: &mut Chars) -> Option<(usize, usize)> {
    match chars.peek() {
        Some('+') => {
            chars.next();
            Some((1, MAX_REPEAT))
        }
        Some('*') => {
            chars.next();
            Some((0, MAX_REPEAT))
        }
        _ => None,
    }
}

fn compile_pattern(source: &str) -> Result<Pattern, String> {
    let mut chars = source.chars().peekable();
    let mut elements = Vec::new();
    let mut groups = 0;
    let mut to_end = false;
    while let Some(c) = chars.next() {
        if c == '$' && chars.peek().is_none() {
            to_end = true;
            break;
        }
        let element = if c == '(' {
            let first = chars.next().ok_or("unclosed group")?;
            let atom = atom(first, &mut chars)?;
            let inner = quantifier(&mut chars);
            if chars.next() != Some(')') {
                return Err("a group holds one element".into());
            }
            // `(x)+` only ever appears where `$n` is not used: capture the whole run.
            let outer = quantifier(&mut chars);
            if inner.is_some() && outer.is_some() {
                return Err("two quantifiers".into());
            }
            groups += 1;
            let (min, max) = inner.or(outer).unwrap_or((1, 1));
            Element {
                atom,
                min,
                max,
                group: Some(groups),
            }
        } else {
            let atom = atom(c, &mut chars)?;
            let (min, max) = quantifier(&mut chars).unwrap_or((1, 1));
            Element {
                atom,
                min,
                max,
                group: None,
            }
        };
        elements.push(element);
    }
    if elements.is_empty() {
        return Err("empty pattern".into());
    }
    Ok(Pattern {
        elements,
        to_end,
        groups,
    })
}

fn compile_replacement(source: &str, groups: usize) -> Result<Vec<Piece>, String> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' {
            let n = chars
                .next()
                .and_then(|d| d.to_digit(10))
                .and_then(|d| usize::try_from(d).ok())
                .filter(|n| (1..=groups).contains(n))
                .ok_or("`$` must name a group of the pattern")?;
            if !text.is_empty() {
                pieces.push(Piece::Text(std::mem::take(&mut text)));
            }
            pieces.push(Piece::Group(n));
        } else {
            text.push(c);
        }
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Ok(pieces)
}

fn compile(rule: &Rule) -> Result<Compiled, String> {
    let pattern = compile_pattern(rule.pattern).map_err(|e| format!("{:?}: {e}", rule.pattern))?;
    let replacement = compile_replacement(rule.replacement, pattern.groups)
        .map_err(|e| format!("{:?}: {e}", rule.replacement))?;
    Ok(Compiled {
        pattern,
        replacement,
        at_start: rule.at_start,
        revisit: rule.revisit,
    })
}

fn compile_all() -> Result<Vec<Vec<Compiled>>, String> {
    PHASES
        .iter()
        .map(|phase| phase.iter().map(compile).collect())
        .collect()
}

static COMPILED: LazyLock<Vec<Vec<Compiled>>> =
    LazyLock::new(|| compile_all().expect("the Zawgyi rule table compiles (unit-tested)"));

impl Pattern {
    /// The length of a match at the start of `text`, filling `spans` with the groups' spans;
    /// greedy, backtracking like a regular expression.
    fn match_start(&self, text: &[char], spans: &mut [(usize, usize)]) -> Option<usize> {
        self.match_from(0, text, 0, spans)
    }

    fn match_from(
        &self,
        index: usize,
        text: &[char],
        at: usize,
        spans: &mut [(usize, usize)],
    ) -> Option<usize> {
        let Some(element) = self.elements.get(index) else {
            return (!self.to_end || at == text.len()).then_some(at);
        };
        let available = text[at..]
            .iter()
            .take(element.max)
            .take_while(|c| element.atom.matches(**c))
            .count();
        for count in (element.min..=available).rev() {
            if let Some(g) = element.group {
                spans[g] = (at, at + count);
            }
            if let Some(end) = self.match_from(index + 1, text, at + count, spans) {
                return Some(end);
            }
        }
        None
    }
}

impl Compiled {
    fn expand(&self, text: &[char], spans: &[(usize, usize)], out: &mut Vec<char>) {
        for piece in &self.replacement {
            match piece {
                Piece::Text(t) => out.extend(t.chars()),
                Piece::Group(g) => out.extend_from_slice(&text[spans[*g].0..spans[*g].1]),
            }
        }
    }
}

/// One pass of a phase over `input`: at each position every rule is tried in order, each on
/// the text as the rules before it left it; a match is replaced and the position moves past
/// the replacement (or stays at it, for a `revisit` rule); where nothing matched, one
/// character is copied.
fn run_phase(rules: &[Compiled], input: Vec<char>) -> Vec<char> {
    let mut out = Vec::with_capacity(input.len());
    let mut text = input;
    let mut at = 0;
    let mut at_start = true;
    let mut spans = [(0, 0); 10];
    let mut replacement = Vec::new();
    while at < text.len() {
        let mut found = false;
        for rule in rules {
            if rule.at_start && !at_start {
                continue;
            }
            let Some(len) = rule.pattern.match_start(&text[at..], &mut spans) else {
                continue;
            };
            found = true;
            replacement.clear();
            rule.expand(&text[at..], &spans, &mut replacement);
            if rule.revisit {
                text.splice(at..at + len, replacement.iter().copied());
            } else {
                out.extend_from_slice(&replacement);
                at += len;
            }
        }
        if !found {
            out.push(text[at]);
            at += 1;
        }
        at_start = false;
    }
    out
}

/// Converts one line (no line break in it) through every phase.
pub(super) fn convert_line(line: &str) -> String {
    let mut text: Vec<char> = line.chars().collect();
    for phase in COMPILED.iter() {
        text = run_phase(phase, text);
    }
    text.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_compiles() {
        let phases = compile_all().unwrap();
        assert_eq!(phases.len(), 8);
        assert_eq!(phases.iter().map(Vec::len).sum::<usize>(), 128);
    }

    #[test]
    fn patterns_match_like_regular_expressions() {
        let p = compile_pattern("a[ b]*b[^0-9]$").unwrap();
        let mut spans = [(0, 0); 10];
        let text: Vec<char> = "a b bx".chars().collect();
        // Greedy with backtracking: `[ b]*` must give back the last `b`.
        assert_eq!(p.match_start(&text, &mut spans), Some(6));
        let text: Vec<char> = "a b b9".chars().collect();
        assert_eq!(p.match_start(&text, &mut spans), None);
        let p = compile_pattern("(x)(y*)z").unwrap();
        let text: Vec<char> = "xyyz!".chars().collect();
        assert_eq!(p.match_start(&text, &mut spans), Some(4));
        assert_eq!((spans[1], spans[2]), ((0, 1), (1, 3)));
        for bad in ["", "(ab)", "[a", "a**", "[z-a]", ")"] {
            assert!(compile_pattern(bad).is_err(), "{bad:?}");
        }
        assert!(compile_replacement("$2", 1).is_err());
    }
}
