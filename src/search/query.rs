//! A visitor's search text, whatever it holds, turned into conditions the database cannot
//! misread.
//!
//! Every term reaches FTS5 as a quoted string (a phrase), never as syntax, so quotes, `*`,
//! brackets, `NEAR(`, column filters and the like can only be searched for, not executed.
//! The little syntax people type anyway keeps its usual meaning: `"…"` groups a phrase,
//! `-word` and `NOT word` exclude, `OR` offers alternatives; `AND` and `NEAR` are dropped
//! (every term is required anyway). Brackets and punctuation around words are ignored.

/// Longer input is cut here: enough for any real query, and it bounds the work.
pub const MAX_QUERY_CHARS: usize = 200;
/// Terms after this many are ignored, for the same reason.
pub const MAX_TERMS: usize = 8;
/// The trigram index cannot look up anything shorter.
pub const MIN_INDEXED_CHARS: usize = 3;
/// Shorter terms (single characters) match nearly everything and are left out.
pub const MIN_TERM_CHARS: usize = 2;

/// What to look for, ready for `db::models::public::search`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// An FTS5 `MATCH` expression over the trigram index, when some required term is long
    /// enough for it. Built only from quoted strings, parentheses, `AND`, `OR` and `NOT`.
    pub fts: Option<String>,
    /// `LIKE` patterns (escaped with `\`) for terms too short for the index: every group
    /// must match, by any one of its patterns.
    pub required_like: Vec<Vec<String>>,
    /// `LIKE` patterns that must not match.
    pub excluded_like: Vec<String>,
    /// Terms left out for being single characters, to tell the visitor.
    pub ignored: Vec<String>,
    /// Every term a result must (or may, among alternatives) contain: what its snippet
    /// highlights.
    pub wanted: Vec<String>,
}

impl SearchQuery {
    /// Reads anything a visitor may type; never fails.
    pub fn parse(input: &str) -> SearchQuery {
        let mut required: Vec<Vec<String>> = Vec::new();
        let mut excluded: Vec<String> = Vec::new();
        let mut ignored = Vec::new();
        let (mut or_pending, mut not_pending) = (false, false);
        let mut terms = 0;
        for token in join_short_words(tokens(&clean(input))) {
            match token {
                Token::Or => or_pending = !required.is_empty(),
                Token::Not => not_pending = true,
                Token::Term { text, negated } => {
                    if terms == MAX_TERMS {
                        break;
                    }
                    terms += 1;
                    if text.chars().count() < MIN_TERM_CHARS {
                        ignored.push(text);
                    } else if negated || not_pending {
                        excluded.push(text);
                    } else if let (true, Some(group)) = (or_pending, required.last_mut()) {
                        group.push(text);
                    } else {
                        required.push(vec![text]);
                    }
                    or_pending = false;
                    not_pending = false;
                }
            }
        }
        compile(required, excluded, ignored)
    }

    /// Whether nothing is left to search for.
    pub fn is_empty(&self) -> bool {
        self.fts.is_none() && self.required_like.is_empty()
    }
}

fn is_long(term: &str) -> bool {
    term.chars().count() >= MIN_INDEXED_CHARS
}

/// Splits the terms between the index and substring matching.
fn compile(required: Vec<Vec<String>>, excluded: Vec<String>, ignored: Vec<String>) -> SearchQuery {
    let wanted = required.iter().flatten().cloned().collect();
    let mut fts_groups = Vec::new();
    let mut required_like = Vec::new();
    for group in required {
        if group.iter().all(|t| is_long(t)) {
            fts_groups.push(fts_alternatives(&group));
        } else {
            // The index cannot answer for the short alternative, so the whole group is
            // matched as substrings.
            required_like.push(group.iter().map(|t| like_pattern(t)).collect());
        }
    }
    let (fts_excluded, like_excluded): (Vec<String>, Vec<String>) = excluded
        .into_iter()
        // NOT needs something to subtract from inside the MATCH expression.
        .partition(|t| is_long(t) && !fts_groups.is_empty());
    let fts = (!fts_groups.is_empty()).then(|| {
        let positive = fts_groups.join(" AND ");
        if fts_excluded.is_empty() {
            positive
        } else {
            format!("({positive}) NOT {}", fts_alternatives(&fts_excluded))
        }
    });
    SearchQuery {
        fts,
        required_like,
        excluded_like: like_excluded.iter().map(|t| like_pattern(t)).collect(),
        ignored,
        wanted,
    }
}

/// `("a" OR "b")`, or `"a"` alone.
fn fts_alternatives(terms: &[String]) -> String {
    let quoted: Vec<String> = terms.iter().map(|t| fts_string(t)).collect();
    if quoted.len() == 1 {
        quoted.concat()
    } else {
        format!("({})", quoted.join(" OR "))
    }
}

/// An FTS5 string: anything between double quotes, a quote inside written twice.
pub fn fts_string(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// A `LIKE … ESCAPE '\'` pattern finding `text` anywhere.
pub fn like_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// The input without control characters (which no one means to search for), cut to length.
fn clean(input: &str) -> String {
    input
        .chars()
        .take(MAX_QUERY_CHARS)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[derive(Debug, PartialEq, Eq)]
enum Token {
    Term { text: String, negated: bool },
    Or,
    Not,
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '「' | '」')
}

fn is_bracket(c: char) -> bool {
    matches!(
        c,
        '(' | ')' | '[' | ']' | '{' | '}' | '（' | '）' | '【' | '】'
    )
}

/// Punctuation that may surround a word. Only these are trimmed: combining vowel signs of
/// Thai, Burmese, Khmer and Lao are not alphanumeric but belong to the word.
fn is_edge_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || matches!(c, '‘' | '’' | '…' | '、' | '。' | '，' | '：' | '；')
}

fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut word = String::new();
    let mut negated = false;
    while let Some(c) = chars.next() {
        if is_quote(c) {
            push_word(&mut out, &mut word, &mut negated);
            let mut phrase = String::new();
            for c in chars.by_ref() {
                if is_quote(c) {
                    break;
                }
                phrase.push(c);
            }
            let phrase = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
            if !phrase.is_empty() {
                out.push(Token::Term {
                    text: phrase,
                    negated,
                });
            }
            negated = false;
        } else if c.is_whitespace() {
            push_word(&mut out, &mut word, &mut negated);
            negated = false;
        } else if is_bracket(c) {
            // A bracket ends a word but keeps a pending minus: `-(word)` excludes.
            let keep = negated && word.is_empty();
            push_word(&mut out, &mut word, &mut negated);
            negated = keep;
        } else if c == '-' && word.is_empty() {
            negated = true;
        } else {
            word.push(c);
        }
    }
    push_word(&mut out, &mut word, &mut negated);
    out
}

/// A two-letter word in Latin script ("Hà Nội", "di cư", "in Laos") is searched together
/// with the word after it (or before it, at the end), as a phrase. Vietnamese writes every
/// syllable apart, so many of its words are short; as phrases they reach the index, which
/// folds accents, where substring matching would not.
fn join_short_words(tokens: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut carry: Option<String> = None;
    for token in tokens {
        match token {
            Token::Term {
                text,
                negated: false,
            } => {
                let text = match carry.take() {
                    Some(before) => format!("{before} {text}"),
                    None => text,
                };
                if is_short_latin(&text) {
                    carry = Some(text);
                } else {
                    out.push(Token::Term {
                        text,
                        negated: false,
                    });
                }
            }
            other => {
                if let Some(word) = carry.take() {
                    attach(&mut out, word);
                }
                out.push(other);
            }
        }
    }
    if let Some(word) = carry {
        attach(&mut out, word);
    }
    out
}

/// Appends `word` to the term before it, if there is one to join.
fn attach(out: &mut Vec<Token>, word: String) {
    match out.last_mut() {
        Some(Token::Term {
            text,
            negated: false,
        }) => {
            text.push(' ');
            text.push_str(&word);
        }
        _ => out.push(Token::Term {
            text: word,
            negated: false,
        }),
    }
}

fn is_short_latin(text: &str) -> bool {
    let latin = |c: char| {
        c.is_ascii_alphabetic()
            || (c.is_alphabetic() && ('\u{00C0}'..='\u{024F}').contains(&c))
            || ('\u{1E00}'..='\u{1EFF}').contains(&c)
    };
    text.chars().count() == MIN_TERM_CHARS && text.chars().any(latin)
}

fn push_word(out: &mut Vec<Token>, word: &mut String, negated: &mut bool) {
    if word.is_empty() {
        return;
    }
    let taken = std::mem::take(word);
    match taken.as_str() {
        // FTS5's operators are upper case; lower-case "or" is a word.
        "OR" => out.push(Token::Or),
        "NOT" => out.push(Token::Not),
        "AND" | "NEAR" => {}
        _ => {
            let text = taken.trim_matches(is_edge_punctuation);
            if !text.is_empty() {
                out.push(Token::Term {
                    text: text.to_owned(),
                    negated: *negated,
                });
            }
        }
    }
    *negated = false;
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::connection::SimpleConnection;
    use diesel::prelude::*;
    use diesel::sql_types::{BigInt, Text};

    fn fts(input: &str) -> Option<String> {
        SearchQuery::parse(input).fts
    }

    #[test]
    fn words_are_quoted_and_all_required() {
        assert_eq!(
            fts("migrant workers").unwrap(),
            r#""migrant" AND "workers""#
        );
        assert_eq!(fts("  ระดับชาติ ").unwrap(), r#""ระดับชาติ""#);
    }

    #[test]
    fn phrases_alternatives_and_exclusions_keep_their_meaning() {
        assert_eq!(
            fts(r#""domestic workers" -fishing"#).unwrap(),
            r#"("domestic workers") NOT "fishing""#
        );
        assert_eq!(
            fts("Yangon OR Mandalay training").unwrap(),
            r#"("Yangon" OR "Mandalay") AND "training""#
        );
        assert_eq!(
            fts("visit NOT Cambodia NOT Laos").unwrap(),
            r#"("visit") NOT ("Cambodia" OR "Laos")"#
        );
        assert_eq!(fts("-(fishing) port").unwrap(), r#"("port") NOT "fishing""#);
        assert_eq!(fts("e-mail").unwrap(), r#""e-mail""#);
    }

    #[test]
    fn syntax_around_a_word_leaves_the_word() {
        for input in [
            "\"word",
            "word\"",
            "word*",
            "(word",
            "word)",
            "word AND",
            "AND word",
            "NEAR(word",
            "NEAR(word, 10)",
            "^word",
            "+word",
            "word,",
            "{word}",
            "word OR",
            "OR word",
            "word NOT",
        ] {
            let q = SearchQuery::parse(input);
            assert_eq!(q.fts.as_deref(), Some(r#""word""#), "{input}");
        }
        let near = SearchQuery::parse("NEAR(word, 10)");
        assert_eq!(near.required_like, [vec!["%10%".to_owned()]]);
    }

    #[test]
    fn short_terms_become_substrings_and_single_characters_are_left_out() {
        let q = SearchQuery::parse("移民 a 100% ILO");
        assert_eq!(q.fts.as_deref(), Some(r#""100" AND "ILO""#));
        assert_eq!(q.required_like, [vec!["%移民%".to_owned()]]);
        assert_eq!(q.ignored, ["a"]);
        let q = SearchQuery::parse("คน OR Mekong");
        assert_eq!(
            q.required_like,
            [vec!["%คน%".to_owned(), "%Mekong%".to_owned()]],
            "a group with a short alternative is matched as substrings"
        );
        assert_eq!(like_pattern(r"5%_\"), r"%5\%\_\\%");
        assert!(SearchQuery::parse("x").is_empty());
        assert!(SearchQuery::parse("").is_empty());
        assert!(
            SearchQuery::parse("-word").is_empty(),
            "nothing to subtract from"
        );
        assert_eq!(SearchQuery::parse("-word").excluded_like, ["%word%"]);
    }

    #[test]
    fn short_latin_words_join_their_neighbour() {
        assert_eq!(fts("ha noi").unwrap(), r#""ha noi""#);
        assert_eq!(fts("Hà Nội").unwrap(), r#""Hà Nội""#);
        assert_eq!(
            fts("lao động di cư").unwrap(),
            r#""lao" AND "động" AND "di cư""#
        );
        assert_eq!(
            fts("migrant workers in").unwrap(),
            r#""migrant" AND "workers in""#
        );
        assert_eq!(
            fts("in Laos OR Thailand").unwrap(),
            r#"("in Laos" OR "Thailand")"#
        );
        let alone = SearchQuery::parse("in");
        assert_eq!(
            (alone.fts, alone.required_like),
            (None, vec![vec!["%in%".to_owned()]])
        );
    }

    #[test]
    fn long_input_is_cut_and_terms_are_capped() {
        let q = SearchQuery::parse(&"abc ".repeat(1000));
        assert_eq!(q.fts.unwrap().matches("\"abc\"").count(), MAX_TERMS);
        let q = SearchQuery::parse(&"x".repeat(2000));
        assert_eq!(q.fts.unwrap().len(), MAX_QUERY_CHARS + 2);
    }

    /// At least fifty hostile queries: each gives a valid MATCH expression (or none).
    const HOSTILE: &[&str] = &[
        "\"",
        "\"\"",
        "\"\"\"",
        "'",
        "''",
        "*",
        "**",
        "word*",
        "*word",
        "AND",
        "OR",
        "NOT",
        "NEAR",
        "NEAR(",
        "NEAR(a b",
        "NEAR(word other, 5)",
        "AND OR NOT",
        "word AND",
        "word OR",
        "word NOT",
        "-",
        "--",
        "-word",
        "- word",
        "(",
        ")",
        "()",
        "(word",
        "word)",
        "((word))",
        "[word]",
        "{word}",
        "^",
        "^word",
        ":",
        "title:word",
        "title : word",
        "{title body}: word",
        "a",
        "ab",
        "é",
        "%",
        "_",
        "%_%",
        "\\",
        "\\\"",
        ";",
        "'; DROP TABLE activities; --",
        "\" OR 1=1 --",
        "<script>alert(1)</script>",
        "&amp; &lt;",
        "\u{0}",
        "word\u{0}word",
        "\u{1b}[31m",
        "\t\n\r",
        "\u{7f}",
        "\u{e000}word\u{e001}",
        "\u{200b}",
        "🙂",
        "ก",
        "၁",
        "  ",
        "“word”",
        "„word“",
        "«word»",
        "word + other",
        "+",
        "col:",
        "0x00",
        "NOT word",
        "OR OR OR",
        "\"unbalanced phrase",
        "a\"b\"c",
        "\u{301}\u{301}\u{301}",
        "\"   \"",
    ];

    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }

    #[test]
    fn every_hostile_query_is_valid_fts5() {
        assert!(HOSTILE.len() >= 50);
        let long = "word ".repeat(400) + &"\"(*".repeat(300);
        let mut conn = SqliteConnection::establish(":memory:").unwrap();
        conn.batch_execute(
            "CREATE VIRTUAL TABLE t USING fts5(a, b, tokenize = 'trigram remove_diacritics 2');
             INSERT INTO t VALUES ('a word here', 'title : body');",
        )
        .unwrap();
        for input in HOSTILE.iter().copied().chain([long.as_str()]) {
            let q = SearchQuery::parse(input);
            if let Some(expr) = &q.fts {
                let found = diesel::sql_query("SELECT count(*) AS n FROM t WHERE t MATCH ?")
                    .bind::<Text, _>(expr)
                    .get_result::<N>(&mut conn)
                    .unwrap_or_else(|e| panic!("{input:?} → {expr:?}: {e}"));
                assert!(found.n <= 1);
            }
            for pattern in q.required_like.iter().flatten().chain(&q.excluded_like) {
                let found =
                    diesel::sql_query("SELECT count(*) AS n FROM t WHERE a LIKE ? ESCAPE '\\'")
                        .bind::<Text, _>(pattern)
                        .get_result::<N>(&mut conn)
                        .unwrap_or_else(|e| panic!("{input:?} → {pattern:?}: {e}"));
                assert!(found.n <= 1);
            }
        }
    }
}
