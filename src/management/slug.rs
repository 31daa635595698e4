//! Slugs: the names of organizations and categories in public URLs and feeds, made of
//! lowercase a-z and 0-9 words joined by single hyphens.

use super::FieldErrors;

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

/// A slug made from a name: its ASCII letters and digits lower-cased, anything else a word
/// break, cut at a word to [`MAX_LEN`]. Empty when the name has no ASCII letter or digit
/// (a name in Thai or Burmese script, say): then the secretariat types one.
pub fn from_name(name: &str) -> String {
    let mut slug = String::new();
    let words = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty());
    for word in words {
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

/// The slug a form asks for: as typed (trimmed), or made from `name` when left empty.
/// Problems are recorded at the `slug` field.
pub fn chosen(errors: &mut FieldErrors, typed: &str, name: &str) -> String {
    let typed = typed.trim();
    if typed.is_empty() {
        let derived = from_name(name);
        if derived.is_empty() && !name.trim().is_empty() {
            errors.add("slug", "slug-cannot-derive");
        }
        return derived;
    }
    if !is_valid(typed) {
        errors.add("slug", "slug-invalid");
    }
    typed.to_owned()
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
        assert_eq!(from_name("มูลนิธิ"), "");
        let long = from_name(&"word ".repeat(40));
        assert!(is_valid(&long) && long.len() <= MAX_LEN, "{long}");
        assert_eq!(from_name(&"y".repeat(200)).len(), MAX_LEN);
    }

    #[test]
    fn an_empty_slug_is_made_from_the_name() {
        let mut errors = FieldErrors::default();
        assert_eq!(
            chosen(&mut errors, " ", "Mekong Migration Network"),
            "mekong-migration-network"
        );
        assert_eq!(chosen(&mut errors, " own-slug ", "x"), "own-slug");
        assert!(errors.is_empty());
        chosen(&mut errors, "", "มูลนิธิ");
        assert_eq!(errors.get("slug"), Some("slug-cannot-derive"));
        let mut errors = FieldErrors::default();
        chosen(&mut errors, "Not A Slug", "x");
        assert_eq!(errors.get("slug"), Some("slug-invalid"));
    }
}
