//! URL slugs for activities: readable, stable, unique.

use chrono::NaiveDate;

use crate::domain::slug::{latin_ascii, words};

/// A slug from a title: Latin script transliterated to ASCII (so "Hội thảo" reads
/// "hoi-thao"), as lowercase words joined by hyphens. Other scripts (Burmese, Thai, Khmer,
/// Lao) fall back to the event date and the organization, which still read well in a link:
/// `2016-12-18-fed`.
pub fn from_title(title: &str, event: Option<NaiveDate>, organization: &str) -> String {
    let from_words = latin_ascii(title)
        .map(|ascii| words(&ascii))
        .unwrap_or_default();
    if from_words.len() >= 3 {
        return from_words;
    }
    let date = event.map(|d| d.format("%Y-%m-%d").to_string());
    let parts: Vec<String> = [date, Some(words(organization)).filter(|s| !s.is_empty())]
        .into_iter()
        .flatten()
        .collect();
    if parts.is_empty() {
        "activity".to_owned()
    } else {
        parts.join("-")
    }
}

/// `base`, or `base-2`, `base-3`… whichever `taken` says is free.
pub fn unique(base: &str, mut taken: impl FnMut(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| base.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_titles_read_as_words() {
        assert_eq!(
            from_title(
                "International Migrants Day 2016 in Yangon, Burma/Myanmar",
                None,
                "mmn"
            ),
            "international-migrants-day-2016-in-yangon-burma-myanmar"
        );
        assert_eq!(
            from_title("Hội thảo về lao động di cư", None, "x"),
            "hoi-thao-ve-lao-dong-di-cu"
        );
    }

    #[test]
    fn other_scripts_fall_back_to_date_and_organization() {
        let day = NaiveDate::from_ymd_opt(2016, 12, 18);
        assert_eq!(
            from_title("ရွှေ့ပြောင်းလုပ်သားများနေ့", day, "ffss"),
            "2016-12-18-ffss"
        );
        assert_eq!(
            from_title("วันแรงงานข้ามชาติสากล", None, "HomeNet Thailand"),
            "homenet-thailand"
        );
        assert_eq!(from_title("<>", None, ""), "activity");
    }

    #[test]
    fn long_titles_are_cut_at_a_word_and_slugs_made_unique() {
        let long = from_title(&"word ".repeat(40), None, "x");
        assert!(long.len() <= crate::domain::slug::MAX_LEN && !long.ends_with('-'));
        let taken = ["imd", "imd-2"];
        assert_eq!(unique("imd", |s| taken.contains(&s)), "imd-3");
    }
}
