//! The activity form: read as strings, validated field by field, kept whole on any error.

use chrono::NaiveDate;
use serde::Deserialize;

/// The form as typed. Every field is a string (or a list of strings, for repeated keys), so
/// any input reaches validation and comes back to the member intact.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct ActivityForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub event_start: String,
    #[serde(default)]
    pub event_end: String,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub partners: Vec<String>,
    #[serde(default)]
    pub links: String,
    #[serde(default)]
    pub organization: String,
    #[serde(default)]
    pub revision: String,
}

/// Problems by field, as message ids of the admin catalog.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<(&'static str, &'static str)>);

impl FieldErrors {
    pub fn add(&mut self, field: &'static str, message: &'static str) {
        if !self.0.iter().any(|(f, _)| *f == field) {
            self.0.push((field, message));
        }
    }

    pub fn get(&self, field: &str) -> Option<&'static str> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, m)| *m)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// An external link: `URL title` on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    pub title: String,
}

/// The form's content once every field is well formed (slugs still to be resolved).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidContent {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub categories: Vec<String>,
    pub event_start: Option<NaiveDate>,
    pub event_end: Option<NaiveDate>,
    pub location: String,
    pub language: String,
    pub partners: Vec<String>,
    pub links: Vec<Link>,
}

const MAX_TITLE: usize = 300;
const MAX_SUMMARY: usize = 2_000;
const MAX_BODY: usize = 200_000;
const MAX_LOCATION: usize = 1_000;

fn date(text: &str) -> Result<Option<NaiveDate>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| ())
}

/// A BCP 47 tag as the portal needs it: a 2–3 letter language, optional subtags.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn links(text: &str) -> Result<Vec<Link>, ()> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let (url, title) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            let ok = (url.starts_with("https://") || url.starts_with("http://"))
                && url.len() > "https://x".len()
                && url.len() <= 2_000
                && !url
                    .chars()
                    .any(|c| c.is_control() || c == '"' || c == '<' || c == '>');
            ok.then(|| Link {
                url: url.to_owned(),
                title: if title.trim().is_empty() {
                    url.to_owned()
                } else {
                    title.trim().to_owned()
                },
            })
            .ok_or(())
        })
        .collect()
}

impl ActivityForm {
    /// Checks what a draft needs (a title, and every filled field well formed).
    pub fn validate(&self) -> Result<ValidContent, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = self.title.trim();
        if title.is_empty() {
            errors.add("title", "activity-title-required");
        } else if title.chars().count() > MAX_TITLE {
            errors.add("title", "activity-title-too-long");
        }
        if self.summary.chars().count() > MAX_SUMMARY {
            errors.add("summary", "activity-summary-too-long");
        }
        if self.body.len() > MAX_BODY {
            errors.add("body", "activity-body-too-long");
        }
        if self.location.chars().count() > MAX_LOCATION {
            errors.add("location", "activity-location-too-long");
        }
        let start = date(&self.event_start).unwrap_or_else(|()| {
            errors.add("event_start", "activity-date-invalid");
            None
        });
        let end = date(&self.event_end).unwrap_or_else(|()| {
            errors.add("event_end", "activity-date-invalid");
            None
        });
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            errors.add("event_end", "activity-end-before-start");
        }
        let language = self.language.trim().to_lowercase();
        if !language.is_empty() && !is_language_tag(&language) {
            errors.add("language", "activity-language-invalid");
        }
        let links = links(&self.links).unwrap_or_else(|()| {
            errors.add("links", "activity-links-invalid");
            Vec::new()
        });
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut categories: Vec<String> = self
            .categories
            .iter()
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty())
            .collect();
        categories.dedup();
        let mut partners: Vec<String> = self
            .partners
            .iter()
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty())
            .collect();
        partners.dedup();
        Ok(ValidContent {
            title: title.to_owned(),
            summary: self.summary.trim().to_owned(),
            body: self.body.replace("\r\n", "\n"),
            categories,
            event_start: start,
            event_end: end,
            location: self.location.trim().replace("\r\n", "\n"),
            language: if language.is_empty() {
                "en".to_owned()
            } else {
                language
            },
            partners,
            links,
        })
    }
}

/// What `submit` needs beyond a draft; the activity's stored content and photo count.
pub fn missing_for_submit(content: &ValidContent, photos_without_alt: usize) -> FieldErrors {
    let mut errors = FieldErrors::default();
    if content.summary.is_empty() {
        errors.add("summary", "activity-summary-required");
    }
    if content.body.trim().is_empty() {
        errors.add("body", "activity-body-required");
    }
    if content.categories.is_empty() {
        errors.add("categories", "activity-categories-required");
    }
    if content.event_start.is_none() {
        errors.add("event_start", "activity-event-start-required");
    }
    if photos_without_alt > 0 {
        errors.add("photos", "activity-photos-need-alt");
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ActivityForm {
        ActivityForm {
            title: "International Migrants Day in Mae Sot".into(),
            summary: "Workers met.".into(),
            body: "## What happened\n\nMuch.".into(),
            categories: vec!["network-activities".into()],
            event_start: "2016-12-18".into(),
            language: "en".into(),
            links: "https://news.example.org/imd The Border Post".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_draft_needs_only_a_title() {
        let draft = ActivityForm {
            title: "ကျေးဇူးတင်ပါတယ်".into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!(draft.language, "en");
        assert!(!missing_for_submit(&draft, 0).is_empty());
        let err = ActivityForm::default().validate().unwrap_err();
        assert_eq!(err.get("title"), Some("activity-title-required"));
    }

    #[test]
    fn malformed_fields_are_named() {
        let bad = ActivityForm {
            event_start: "18/12/2016".into(),
            event_end: "2016-13-01".into(),
            language: "<script>".into(),
            links: "javascript:alert(1) click".into(),
            ..form()
        };
        let errors = bad.validate().unwrap_err();
        for field in ["event_start", "event_end", "language", "links"] {
            assert!(errors.get(field).is_some(), "{field}");
        }
        let backwards = ActivityForm {
            event_end: "2016-12-01".into(),
            ..form()
        }
        .validate()
        .unwrap_err();
        assert_eq!(
            backwards.get("event_end"),
            Some("activity-end-before-start")
        );
    }

    #[test]
    fn a_complete_form_may_be_submitted() {
        let content = form().validate().unwrap();
        assert_eq!(
            content.links,
            [Link {
                url: "https://news.example.org/imd".into(),
                title: "The Border Post".into()
            }]
        );
        assert!(missing_for_submit(&content, 0).is_empty());
        assert_eq!(
            missing_for_submit(&content, 2).get("photos"),
            Some("activity-photos-need-alt")
        );
        assert!(is_language_tag("my") && is_language_tag("zh-hant") && !is_language_tag("english"));
    }
}
