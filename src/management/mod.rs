//! The secretariat's management of the site's structure (organizations, categories, pages)
//! and a member's own organization profile.
//!
//! Each service validates every field itself, does image and file work before its
//! transaction, writes in one `Db::write` transaction and records an audit event in it, so
//! the log never misses a change and never names one that did not happen.

pub mod categories;
pub mod logo;
pub mod organizations;
pub mod pages;
pub mod slug;

/// Why a form was refused: a message id per field, the first problem found for each.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FieldErrors(Vec<(&'static str, &'static str)>);

impl FieldErrors {
    /// Names the problem `id` (a message id) at `field`, unless it already has one.
    pub fn add(&mut self, field: &'static str, id: &'static str) {
        if self.get(field).is_none() {
            self.0.push((field, id));
        }
    }

    /// One error at one field.
    pub fn one(field: &'static str, id: &'static str) -> Self {
        FieldErrors(vec![(field, id)])
    }

    /// The message id of the problem at `field`.
    pub fn get(&self, field: &str) -> Option<&'static str> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, id)| *id)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// (field, message id) pairs in the order found.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.0.iter().copied()
    }
}

/// `value` trimmed; records `required` at `field` when that is given and the value empty,
/// or `too_long` when it has more than `max_chars` characters.
pub(crate) fn text(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    max_chars: usize,
    required: Option<&'static str>,
    too_long: &'static str,
) -> String {
    let value = value.trim();
    match required {
        Some(id) if value.is_empty() => errors.add(field, id),
        _ if value.chars().count() > max_chars => errors.add(field, too_long),
        _ => {}
    }
    value.to_owned()
}

/// Markdown as typed, with the browser's CRLF line ends made LF; records `too_long` at
/// `field` past `max_chars` characters. Not trimmed: leading spaces mean something in
/// Markdown.
pub(crate) fn markdown(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    max_chars: usize,
    too_long: &'static str,
) -> String {
    let value = value.replace("\r\n", "\n");
    if value.chars().count() > max_chars {
        errors.add(field, too_long);
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Catalog;
    use std::path::Path;

    #[test]
    fn the_first_problem_of_a_field_is_kept() {
        let mut errors = FieldErrors::default();
        errors.add("name", "a");
        errors.add("name", "b");
        errors.add("slug", "c");
        assert_eq!(errors.get("name"), Some("a"));
        assert_eq!(errors.get("slug"), Some("c"));
        assert_eq!(errors.get("country"), None);
    }

    #[test]
    fn text_is_trimmed_and_bounded() {
        let mut errors = FieldErrors::default();
        let required = Some("required");
        assert_eq!(text(&mut errors, "a", "  x ", 3, required, "too-long"), "x");
        assert!(errors.is_empty());
        text(&mut errors, "b", "   ", 3, required, "too-long");
        text(&mut errors, "c", "ไทยไทย", 5, required, "too-long");
        text(&mut errors, "d", "", 5, None, "too-long");
        assert_eq!(errors.get("b"), Some("required"));
        assert_eq!(errors.get("c"), Some("too-long"));
        assert_eq!(errors.get("d"), None);
    }

    #[test]
    fn markdown_keeps_its_indentation_and_loses_carriage_returns() {
        let mut errors = FieldErrors::default();
        assert_eq!(
            markdown(&mut errors, "body", "    code\r\ntext", 20, "long"),
            "    code\ntext"
        );
        markdown(&mut errors, "body", "abc", 2, "long");
        assert_eq!(errors.get("body"), Some("long"));
    }

    /// Every message id the services name exists in the catalog: the string literals that
    /// look like one (an area prefix, kebab-case), audit actions aside.
    #[test]
    fn every_message_id_of_the_services_exists() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/management");
        let catalog = Catalog::for_language("en");
        let mut found = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let source = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for literal in source.split('"').skip(1).step_by(2) {
                let is_id = !literal.ends_with('-')
                    && literal.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                    && [
                        "organization-",
                        "category-",
                        "page-",
                        "logo-",
                        "slug-",
                        "website-",
                        "country-",
                    ]
                    .iter()
                    .any(|p| literal.starts_with(p));
                let is_action = literal.ends_with("-created")
                    || literal.ends_with("-updated")
                    || literal.ends_with("-deactivated")
                    || literal.ends_with("-reactivated")
                    || literal.ends_with("-changed");
                if is_id && !is_action {
                    found += 1;
                    assert!(catalog.has(literal), "locales/en lacks {literal}");
                }
            }
        }
        assert!(found > 10, "found only {found} message ids");
    }
}
