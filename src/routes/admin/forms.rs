//! What the management pages share: a refused form's messages by field, object ids read
//! from paths, and the "saved" notice after a redirect.

use actix_web::HttpRequest;

use crate::error::AppError;
use crate::management::FieldErrors;
use crate::templates::Layout;

/// A refused form's problems, in the page's language, by field name. Templates put each
/// next to its field (`aria-invalid`, `aria-describedby`, `.field-error`).
#[derive(Debug, Default)]
pub struct FieldMessages(Vec<(&'static str, String)>);

impl FieldMessages {
    pub fn new(errors: &FieldErrors, layout: &Layout) -> Self {
        FieldMessages(
            errors
                .iter()
                .map(|(field, id)| (field, layout.t(id)))
                .collect(),
        )
    }

    /// The message for `field`, if it has a problem.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, message)| message.as_str())
    }

    pub fn has(&self, field: &str) -> bool {
        self.get(field).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The id in a path: digits only. Anything else names nothing, so it is a 404 like an
/// unknown id.
pub fn object_id(path: &str) -> Result<i32, AppError> {
    if path.is_empty() || !path.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AppError::NotFound);
    }
    path.parse::<i32>()
        .ok()
        .filter(|&id| id > 0)
        .ok_or(AppError::NotFound)
}

/// The query a successful POST redirects with, so the page can say it was saved.
pub const SAVED: &str = "saved=1";

/// Whether the page was reached from a successful POST.
pub fn was_saved(req: &HttpRequest) -> bool {
    req.query_string() == SAVED
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_positive_digits() {
        assert_eq!(object_id("42").unwrap(), 42);
        for bad in ["", "0", "-1", "+1", "1.0", "abc", "99999999999", " 1"] {
            assert!(object_id(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn messages_are_found_by_field() {
        let layout = Layout::new("en");
        let messages = FieldMessages::new(&FieldErrors::one("slug", "slug-taken"), &layout);
        assert!(messages.has("slug") && !messages.has("name"));
        assert_eq!(messages.get("slug"), Some(layout.t("slug-taken").as_str()));
    }
}
