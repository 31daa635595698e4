//! The activity form: read as strings, validated field by field, kept whole on any error.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::zawgyi::{self, Suspect};

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
    /// The member's answer to a Zawgyi warning: `convert` or `keep` (see [`ZawgyiChoice`]).
    #[serde(default)]
    pub zawgyi: String,
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

/// The member's answer to a warning that Burmese text looks like Zawgyi.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZawgyiChoice {
    /// No answer yet: a suspect field stops the save.
    Ask,
    /// Convert the suspect lines to Unicode and show the form again to check; save nothing.
    Convert,
    /// A false alarm: save the text as typed.
    Keep,
}

/// What becomes of a submitted form, as far as Zawgyi is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZawgyiReview {
    /// Nothing to question, or the member chose to keep the text: save.
    Save,
    /// These fields look like Zawgyi: save nothing, warn at each, offer convert or keep.
    Warn(Vec<&'static str>),
    /// These fields were converted: save nothing, show them to be checked.
    Converted(Vec<&'static str>),
}

/// The fields that may hold Burmese prose, by form name, in the order of the form.
pub const TEXT_FIELDS: [&str; 5] = ["title", "summary", "body", "location", "links"];

/// The links as `validate` stores them and the edit form shows them again.
fn links_as_stored(links: &[Link]) -> String {
    links
        .iter()
        .map(|l| format!("{} {}", l.url, l.title))
        .collect::<Vec<_>>()
        .join("\n")
}

impl ActivityForm {
    pub fn zawgyi_choice(&self) -> ZawgyiChoice {
        match self.zawgyi.trim() {
            "convert" => ZawgyiChoice::Convert,
            "keep" => ZawgyiChoice::Keep,
            _ => ZawgyiChoice::Ask,
        }
    }

    fn text_field(&mut self, field: &str) -> Option<&mut String> {
        match field {
            "title" => Some(&mut self.title),
            "summary" => Some(&mut self.summary),
            "body" => Some(&mut self.body),
            "location" => Some(&mut self.location),
            "links" => Some(&mut self.links),
            _ => None,
        }
    }

    /// The text fields with lines that look like Burmese typed in Zawgyi. All are judged
    /// together (see [`zawgyi::judge`]): one member typed them on one keyboard.
    pub fn zawgyi_suspects(&self) -> Vec<(&'static str, Suspect)> {
        let texts = [
            self.title.as_str(),
            &self.summary,
            &self.body,
            &self.location,
            &self.links,
        ];
        TEXT_FIELDS
            .into_iter()
            .zip(zawgyi::judge(&texts))
            .filter(|(_, suspect)| !suspect.is_empty())
            .collect()
    }

    /// Converts the suspect lines of these fields to Unicode, leaving every other line as
    /// typed; returns the fields whose text changed.
    pub fn convert_zawgyi(&mut self, suspects: &[(&'static str, Suspect)]) -> Vec<&'static str> {
        let mut changed = Vec::new();
        for (field, suspect) in suspects {
            if let Some(text) = self.text_field(field) {
                let converted = suspect.convert(text);
                if converted != *text {
                    *text = converted;
                    changed.push(*field);
                }
            }
        }
        changed
    }

    /// The suspect fields [`ActivityForm::review_zawgyi`] decides on: none when the member
    /// chose to keep the text as typed.
    pub fn zawgyi_to_review(&self) -> Vec<(&'static str, Suspect)> {
        if self.zawgyi_choice() == ZawgyiChoice::Keep {
            Vec::new()
        } else {
            self.zawgyi_suspects()
        }
    }

    /// Decides on the `suspects` of [`ActivityForm::zawgyi_to_review`], converting them when
    /// the member asked. `stored` is the activity's current text when editing: a field saved
    /// before exactly as it is now was answered for then (kept, or written before), and is not
    /// questioned again. Converting never saves what it changed: the rules can misplace a mark,
    /// and only the writer can tell.
    pub fn review_zawgyi(
        &mut self,
        mut suspects: Vec<(&'static str, Suspect)>,
        stored: Option<&ActivityForm>,
    ) -> ZawgyiReview {
        if let Some(stored) = stored {
            suspects.retain(|(field, _)| !self.same_as_stored(field, stored));
        }
        if suspects.is_empty() {
            ZawgyiReview::Save
        } else if self.zawgyi_choice() == ZawgyiChoice::Convert {
            // Never empty: a line is suspect only when converting changes it.
            ZawgyiReview::Converted(self.convert_zawgyi(&suspects))
        } else {
            ZawgyiReview::Warn(suspects.into_iter().map(|(field, _)| field).collect())
        }
    }

    /// Would `field`, as typed here, be stored exactly as it is in `stored` (a form loaded
    /// from the database)? Compared the way [`ActivityForm::validate`] normalizes it.
    pub fn same_as_stored(&self, field: &str, stored: &ActivityForm) -> bool {
        match field {
            "title" => self.title.trim() == stored.title,
            "summary" => self.summary.trim() == stored.summary,
            "body" => self.body.replace("\r\n", "\n") == stored.body,
            "location" => self.location.trim().replace("\r\n", "\n") == stored.location,
            "links" => links(&self.links).is_ok_and(|l| links_as_stored(&l) == stored.links),
            _ => false,
        }
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

    /// "Migrant workers' rights training in Mae Sot", typed in Zawgyi, and in Unicode.
    const ZAWGYI_TITLE: &str = "ေရႊ႕ေျပာင္းအလုပ္သမားမ်ား အခြင့္အေရး သင္တန္း in Mae Sot";
    const UNICODE_TITLE: &str = "ရွှေ့ပြောင်းအလုပ်သမားများ အခွင့်အရေး သင်တန်း in Mae Sot";

    #[test]
    fn zawgyi_fields_are_found_and_converted_alone() {
        let mut typed = ActivityForm {
            title: ZAWGYI_TITLE.into(),
            body: format!("{UNICODE_TITLE}\r\n\r\n{ZAWGYI_TITLE}\r\n"),
            zawgyi: " convert ".into(),
            ..form()
        };
        assert_eq!(typed.zawgyi_choice(), ZawgyiChoice::Convert);
        let suspects = typed.zawgyi_suspects();
        let fields: Vec<_> = suspects.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["title", "body"]);
        assert_eq!(typed.convert_zawgyi(&suspects), ["title", "body"]);
        assert_eq!(typed.title, UNICODE_TITLE);
        assert_eq!(
            typed.body,
            format!("{UNICODE_TITLE}\r\n\r\n{UNICODE_TITLE}\r\n")
        );
        assert_eq!(typed.summary, form().summary, "English is left alone");
        assert!(typed.zawgyi_suspects().is_empty());
        let unicode = ActivityForm {
            title: UNICODE_TITLE.into(),
            zawgyi: "yes".into(),
            ..form()
        };
        assert!(unicode.zawgyi_suspects().is_empty());
        assert_eq!(unicode.zawgyi_choice(), ZawgyiChoice::Ask);
    }

    #[test]
    fn a_warning_holds_the_form_until_the_member_chooses() {
        fn review(mut form: ActivityForm, stored: Option<&ActivityForm>) -> ZawgyiReview {
            let suspects = form.zawgyi_to_review();
            form.review_zawgyi(suspects, stored)
        }
        let typed = ActivityForm {
            title: ZAWGYI_TITLE.into(),
            ..form()
        };
        assert_eq!(
            review(typed.clone(), None),
            ZawgyiReview::Warn(vec!["title"])
        );
        // Saved before exactly as typed now: answered for then.
        assert_eq!(review(typed.clone(), Some(&typed)), ZawgyiReview::Save);
        let keep = ActivityForm {
            zawgyi: "keep".into(),
            ..typed.clone()
        };
        assert!(keep.zawgyi_to_review().is_empty());
        assert_eq!(review(keep, None), ZawgyiReview::Save);
        let mut convert = ActivityForm {
            zawgyi: "convert".into(),
            ..typed
        };
        let suspects = convert.zawgyi_to_review();
        assert_eq!(
            convert.review_zawgyi(suspects, None),
            ZawgyiReview::Converted(vec!["title"])
        );
        assert_eq!(convert.title, UNICODE_TITLE);
        assert!(convert.zawgyi_to_review().is_empty());
    }

    #[test]
    fn stored_text_is_compared_as_validate_would_store_it() {
        let stored = ActivityForm {
            title: "A title".into(),
            body: "a\nb".into(),
            location: "Mae Sot\nYangon".into(),
            links: "https://a.example.org https://a.example.org".into(),
            ..Default::default()
        };
        let typed = ActivityForm {
            title: " A title ".into(),
            body: "a\r\nb".into(),
            location: "Mae Sot\r\nYangon\r\n".into(),
            links: "https://a.example.org\r\n".into(),
            ..Default::default()
        };
        for field in TEXT_FIELDS {
            assert!(typed.same_as_stored(field, &stored), "{field}");
        }
        let changed = ActivityForm {
            body: "a\r\nc".into(),
            ..typed
        };
        assert!(!changed.same_as_stored("body", &stored));
        assert!(!changed.same_as_stored("event_start", &stored));
    }
}
