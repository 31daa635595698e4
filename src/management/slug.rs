//! Slugs of organizations and categories as the secretariat's forms choose them (the rule
//! itself is `domain::slug`).

use super::FieldErrors;

pub use crate::domain::slug::{MAX_LEN, from_name, is_valid};

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
