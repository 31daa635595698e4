//! Dates as readers of each interface language write them: month names and word order come
//! from the catalogs (`month-N`, `date-…` messages); the era and the digits are decided here,
//! because Fluent can do neither.
//!
//! - Thai readers count years in the Buddhist era (2016 CE is 2559 BE), as Thai newspapers
//!   and government documents do.
//! - Burmese dates are written with Myanmar digits (၂၀၁၆ ခုနှစ်၊ ဒီဇင်ဘာလ ၁၈ ရက်), as Burmese
//!   print does; the word order is the catalog's.
//!
//! Machine-readable dates (`<time datetime>`, feeds, JSON-LD) stay ISO 8601 everywhere.

use chrono::{Datelike, NaiveDate};
use fluent_bundle::FluentArgs;

use crate::i18n::Catalog;

/// Years to add to the Common Era year for the calendar readers of `language` expect.
fn era_offset(language: &str) -> i32 {
    match language {
        "th" => 543,
        _ => 0,
    }
}

/// `number` in the digits readers of `language` expect.
fn digits(language: &str, number: i64) -> String {
    let text = number.to_string();
    match language {
        "my" => text
            .chars()
            .map(|c| match c.to_digit(10) {
                // U+1040 MYANMAR DIGIT ZERO and the nine after it.
                Some(d) => char::from_u32(0x1040 + d).unwrap_or(c),
                None => c,
            })
            .collect(),
        _ => text,
    }
}

/// Formats the message `id` with the parts of `date` it names.
fn pattern(catalog: &Catalog, id: &str, date: NaiveDate) -> String {
    let language = catalog.language();
    let mut args = FluentArgs::new();
    args.set("day", digits(language, i64::from(date.day())));
    args.set("month", catalog.message(&format!("month-{}", date.month())));
    args.set(
        "year",
        digits(language, i64::from(date.year() + era_offset(language))),
    );
    catalog.message_with(id, &args).into_owned()
}

/// "18 December 2016", "18 ธันวาคม 2559".
pub fn date(catalog: &Catalog, date: NaiveDate) -> String {
    pattern(catalog, "date-day-month-year", date)
}

/// "December 2016", for the archive by month.
pub fn month_year(catalog: &Catalog, first_day: NaiveDate) -> String {
    pattern(catalog, "date-month-year", first_day)
}

/// "18 December 2016", "18–20 December 2016", "30 November – 2 December 2016",
/// "30 December 2016 – 2 January 2017".
pub fn event_dates(catalog: &Catalog, start: Option<NaiveDate>, end: Option<NaiveDate>) -> String {
    let language = catalog.language();
    match (start, end) {
        (None, _) => String::new(),
        (Some(s), None) => date(catalog, s),
        (Some(s), Some(e)) if e <= s => date(catalog, s),
        // Only where the day comes first does "18–20 December" read naturally.
        (Some(s), Some(e))
            if (s.year(), s.month()) == (e.year(), e.month()) && day_first(catalog) =>
        {
            format!(
                "{}–{}",
                digits(language, i64::from(s.day())),
                date(catalog, e)
            )
        }
        (Some(s), Some(e)) if s.year() == e.year() => format!(
            "{} – {}",
            pattern(catalog, "date-day-month", s),
            date(catalog, e)
        ),
        (Some(s), Some(e)) => format!("{} – {}", date(catalog, s), date(catalog, e)),
    }
}

/// Whether the language's full date starts with the day.
fn day_first(catalog: &Catalog) -> bool {
    let probe = NaiveDate::from_ymd_opt(2001, 1, 23).expect("a valid date");
    date(catalog, probe).starts_with(&digits(catalog.language(), 23))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<NaiveDate> {
        Some(s.parse().unwrap())
    }

    fn en() -> &'static Catalog {
        Catalog::for_language("en")
    }

    #[test]
    fn english_dates_read_naturally() {
        assert_eq!(event_dates(en(), d("2016-12-18"), None), "18 December 2016");
        assert_eq!(
            event_dates(en(), d("2016-12-18"), d("2016-12-18")),
            "18 December 2016"
        );
        assert_eq!(
            event_dates(en(), d("2016-12-18"), d("2016-12-20")),
            "18–20 December 2016"
        );
        assert_eq!(
            event_dates(en(), d("2016-11-30"), d("2016-12-02")),
            "30 November – 2 December 2016"
        );
        assert_eq!(
            event_dates(en(), d("2016-12-30"), d("2017-01-02")),
            "30 December 2016 – 2 January 2017"
        );
        assert_eq!(event_dates(en(), None, d("2017-01-02")), "");
        assert_eq!(month_year(en(), d("2016-12-01").unwrap()), "December 2016");
    }

    #[test]
    fn thai_years_are_in_the_buddhist_era() {
        let th = Catalog::for_language("th");
        assert_eq!(th.language(), "th");
        let text = date(th, d("2016-12-18").unwrap());
        assert!(text.contains("2559"), "{text}");
        assert!(!text.contains("2016"), "{text}");
        assert!(text.contains("ธันวาคม"), "{text}");
    }

    #[test]
    fn burmese_dates_use_myanmar_digits() {
        assert_eq!(digits("my", 2016), "၂၀၁၆");
        assert_eq!(digits("en", 2016), "2016");
        let my = Catalog::for_language("my");
        assert_eq!(my.language(), "my");
        let text = date(my, d("2016-12-18").unwrap());
        assert!(text.contains("၂၀၁၆") && text.contains("၁၈"), "{text}");
        assert!(!text.chars().any(|c| c.is_ascii_digit()), "{text}");
    }
}
