//! Slugs: the names of things in URLs, made of lowercase a–z and 0–9 words joined by single
//! hyphens. One rule for organizations, categories and activities.

/// Long enough for any real name, short enough for a readable URL.
pub const MAX_LEN: usize = 80;

/// Whether `s` is a well-formed slug.
pub fn is_valid(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_LEN
        && s.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Text in Latin script (accents included, as in Vietnamese) spelled in ASCII, so that
/// "Việt Nam" reads "viet-nam"; `None` for other scripts, whose transliterations (Burmese,
/// Thai, Khmer, Lao) are long strings of syllables nobody would type.
pub fn latin_ascii(text: &str) -> Option<String> {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let latin = letters
        .iter()
        .filter(|&&c| c < '\u{0250}' || ('\u{1E00}'..='\u{1EFF}').contains(&c))
        .count();
    (latin * 2 >= letters.len().max(1)).then(|| deunicode::deunicode(text))
}

/// The ASCII letters and digits of `text`, lower-cased, as words joined by hyphens and cut at
/// a word to [`MAX_LEN`]. Empty when there is none.
pub fn words(text: &str) -> String {
    let mut slug = String::new();
    for word in text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let hyphen = usize::from(!slug.is_empty());
        if slug.len() + hyphen + word.len() > MAX_LEN {
            if slug.is_empty() {
                // One giant word: cut it (ASCII, so any byte index is a char boundary).
                slug = word[..MAX_LEN].to_ascii_lowercase();
            }
            break;
        }
        if hyphen == 1 {
            slug.push('-');
        }
        slug.push_str(&word.to_ascii_lowercase());
    }
    slug
}

/// A slug from a name in Latin script, or an empty one for other scripts.
pub fn from_name(name: &str) -> String {
    latin_ascii(name)
        .map(|ascii| words(&ascii))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_slugs() {
        for good in ["mmn", "hrdf-thailand", "a1-2b", &"x".repeat(MAX_LEN)] {
            assert!(is_valid(good), "{good}");
        }
        for bad in [
            "",
            "-a",
            "a-",
            "a--b",
            "A",
            "a b",
            "ก",
            "a_b",
            "a/b",
            &"x".repeat(MAX_LEN + 1),
        ] {
            assert!(!is_valid(bad), "{bad}");
        }
    }

    #[test]
    fn slugs_made_from_names() {
        assert_eq!(
            from_name("Human Rights & Development Foundation (HRDF)"),
            "human-rights-development-foundation-hrdf"
        );
        assert_eq!(from_name("  MAP Foundation  "), "map-foundation");
        assert_eq!(
            from_name("Trung tâm Phát triển Việt Nam"),
            "trung-tam-phat-trien-viet-nam"
        );
        assert_eq!(from_name("มูลนิธิ"), "", "other scripts: typed by a person");
        let long = from_name(&"word ".repeat(40));
        assert!(is_valid(&long) && long.len() <= MAX_LEN, "{long}");
        assert_eq!(from_name(&"y".repeat(200)).len(), MAX_LEN);
    }
}
