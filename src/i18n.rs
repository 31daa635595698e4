//! Interface strings, from the Fluent message catalogs in `locales/`.
//!
//! Templates never hold interface text: they ask the page's [`Catalog`] for a message by id,
//! so that translating the interface touches no template logic. The catalogs are compiled
//! into the binary and parsed once.

use std::borrow::Cow;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

/// The interface languages with a catalog, by BCP 47 tag; the first is the fallback.
pub const INTERFACE_LANGUAGES: &[&str] = &["en", "th", "my"];

/// The cookie `GET /language/{tag}` sets to choose the interface language.
pub const LANGUAGE_COOKIE: &str = "lang";

/// The interface language for a visitor: the language cookie when it names a catalog,
/// else the first catalog language `Accept-Language` ranks, else the fallback. Public
/// pages vary by exactly this (and the page cache keys on it).
pub fn negotiate(req: &actix_web::HttpRequest) -> &'static str {
    use actix_web::http::header::{AcceptLanguage, Header, Preference};
    let known = |tag: &str| {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        INTERFACE_LANGUAGES
            .iter()
            .copied()
            .find(|l| l.eq_ignore_ascii_case(primary))
    };
    if let Some(chosen) = req.cookie(LANGUAGE_COOKIE).and_then(|c| known(c.value())) {
        return chosen;
    }
    AcceptLanguage::parse(req)
        .ok()
        .and_then(|accepted| {
            accepted.ranked().into_iter().find_map(|p| match p {
                Preference::Specific(tag) => known(tag.primary_language()),
                Preference::Any => None,
            })
        })
        .unwrap_or(INTERFACE_LANGUAGES[0])
}

/// Each language's catalog, split by area so that parts of the portal can grow their own;
/// every language has the files of English, with the same message ids in each.
const SOURCES: &[(&str, &[(&str, &str)])] = &[
    (
        "en",
        &[
            ("portal.ftl", include_str!("../locales/en/portal.ftl")),
            ("accounts.ftl", include_str!("../locales/en/accounts.ftl")),
            ("admin.ftl", include_str!("../locales/en/admin.ftl")),
            ("search.ftl", include_str!("../locales/en/search.ftl")),
        ],
    ),
    (
        "th",
        &[
            ("portal.ftl", include_str!("../locales/th/portal.ftl")),
            ("accounts.ftl", include_str!("../locales/th/accounts.ftl")),
            ("admin.ftl", include_str!("../locales/th/admin.ftl")),
            ("search.ftl", include_str!("../locales/th/search.ftl")),
        ],
    ),
    (
        "my",
        &[
            ("portal.ftl", include_str!("../locales/my/portal.ftl")),
            ("accounts.ftl", include_str!("../locales/my/accounts.ftl")),
            ("admin.ftl", include_str!("../locales/my/admin.ftl")),
            ("search.ftl", include_str!("../locales/my/search.ftl")),
        ],
    ),
];

/// The messages of one interface language.
pub struct Catalog {
    tag: &'static str,
    bundle: FluentBundle<FluentResource>,
}

static CATALOGS: LazyLock<Vec<Catalog>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .map(|(tag, sources)| Catalog::parse(tag, sources))
        .collect()
});

impl Catalog {
    fn parse(tag: &'static str, sources: &[(&str, &str)]) -> Catalog {
        let langid: LanguageIdentifier = tag.parse().expect("catalog tags are valid BCP 47");
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        // Isolation marks would end up inside attributes and titles; every script we serve
        // sets its own direction.
        bundle.set_use_isolating(false);
        for (file, source) in sources {
            // The sources are part of the binary; a syntax error or a message defined twice
            // is a build defect that the unit tests below catch, so failing loudly is right.
            let resource = FluentResource::try_new((*source).to_owned())
                .unwrap_or_else(|(_, errors)| panic!("locales/{tag}/{file}: {errors:?}"));
            bundle
                .add_resource(resource)
                .unwrap_or_else(|errors| panic!("locales/{tag}/{file}: {errors:?}"));
        }
        Catalog { tag, bundle }
    }

    /// The catalog for `tag`, or the fallback language's when there is none.
    pub fn for_language(tag: &str) -> &'static Catalog {
        let catalogs = &*CATALOGS;
        catalogs
            .iter()
            .find(|c| c.tag == tag)
            .unwrap_or(&catalogs[0])
    }

    /// The BCP 47 tag of this catalog's language.
    pub fn language(&self) -> &'static str {
        self.tag
    }

    /// Whether the catalog has a message with this id.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// The message `id`, or the id itself (and a warning in the log) when it is missing.
    pub fn message(&self, id: &str) -> Cow<'_, str> {
        self.format(id, None)
    }

    /// The message `id` with its variables filled in.
    pub fn message_with(&self, id: &str, args: &FluentArgs<'_>) -> Cow<'_, str> {
        self.format(id, Some(args))
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> Cow<'_, str> {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            tracing::warn!(id, language = self.tag, "missing interface message");
            return Cow::Owned(id.to_owned());
        };
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(
                id,
                language = self.tag,
                ?errors,
                "interface message did not format"
            );
        }
        Cow::Owned(text.into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    #[test]
    fn every_catalog_parses() {
        for (tag, _) in SOURCES {
            assert_eq!(Catalog::for_language(tag).language(), *tag);
        }
    }

    #[test]
    fn unknown_language_falls_back_to_english() {
        assert_eq!(Catalog::for_language("xx").language(), "en");
    }

    #[test]
    fn variables_are_filled_in() {
        let mut args = FluentArgs::new();
        args.set("status", 404);
        let text = Catalog::for_language("en").message_with("error-status", &args);
        assert!(text.contains("404"), "{text}");
    }

    /// Every `t("id")` and message id literal in the templates and sources must exist in
    /// every catalog, so no page ever shows a bare message id.
    #[test]
    fn every_message_used_exists_in_every_catalog() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut used = Vec::new();
        for dir in ["templates", "src"] {
            collect_ids(&root.join(dir), &mut used);
        }
        assert!(used.len() > 10, "found only {} message ids", used.len());
        for (tag, _) in SOURCES {
            let catalog = Catalog::for_language(tag);
            let missing: Vec<_> = used.iter().filter(|id| !catalog.has(id)).collect();
            assert!(missing.is_empty(), "locales/{tag} lacks {missing:?}");
        }
    }

    /// Message ids appear as `layout.t("…")` in templates and as the argument of an
    /// `AppError::Forbidden("…")` or `AppError::Conflict("…")` in sources.
    fn collect_ids(dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                collect_ids(&path, out);
                continue;
            }
            // Data files (such as the Zawgyi detector's model) hold no message ids.
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            for marker in [".t(\"", "Forbidden(\"", "Conflict(\""] {
                for piece in text.split(marker).skip(1) {
                    let id = piece.split('"').next().unwrap_or_default();
                    let is_id = !id.is_empty()
                        && id
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                    if is_id {
                        out.push(id.to_owned());
                    }
                }
            }
        }
    }

    /// Messages that may read exactly as in English, each with the languages it applies to
    /// (empty: all) and the reason. Everything else must differ once its variables are set.
    const SAME_AS_ENGLISH: &[(&str, &[&str], &str)] = &[
        (
            "site-name",
            &[],
            "the network's name is a proper noun, used in English in every language",
        ),
        ("language-en", &[], "each language is named in itself"),
        ("language-th", &[], "each language is named in itself"),
        ("language-my", &[], "each language is named in itself"),
        ("language-km", &[], "each language is named in itself"),
        ("language-lo", &[], "each language is named in itself"),
        ("language-vi", &[], "each language is named in itself"),
        ("language-zh", &[], "each language is named in itself"),
        (
            "attachment-size",
            &[],
            "only a placeable: the file size in brackets",
        ),
        (
            "feed-category-title",
            &[],
            "only placeables: the site's name and the category's",
        ),
        (
            "date-day-month-year",
            &["th"],
            "Thai writes day, month, year in the English order; names and era come from code",
        ),
        (
            "date-month-year",
            &["th"],
            "Thai writes month, year in the English order; names and era come from code",
        ),
        (
            "date-day-month",
            &["th"],
            "Thai writes day, month in the English order; names come from code",
        ),
    ];

    /// One message of a catalog source as written: the Fluent API cannot list a bundle's
    /// messages or the variables a pattern uses, so the tests read the text. Fluent starts
    /// every message at column 0 with its id, which makes this reading complete; the test
    /// `the_test_reader_agrees_with_fluent` checks it against the parser.
    #[derive(Debug)]
    struct Entry {
        id: String,
        attributes: BTreeSet<String>,
        variables: BTreeSet<String>,
        text: String,
    }

    fn entries(source: &str) -> Vec<Entry> {
        let mut out: Vec<Entry> = Vec::new();
        let mut open = false;
        for line in source.lines() {
            if line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '-') {
                let (id, rest) = line.split_once('=').expect("a message line has '='");
                out.push(Entry {
                    id: id.trim().to_owned(),
                    attributes: BTreeSet::new(),
                    variables: BTreeSet::new(),
                    text: String::new(),
                });
                open = true;
                add_text(out.last_mut().unwrap(), rest);
            } else if line.starts_with('#') {
                open = false;
            } else if open {
                let entry = out.last_mut().unwrap();
                let attribute = line
                    .trim_start()
                    .strip_prefix('.')
                    .and_then(|rest| rest.split_once('='))
                    .filter(|(name, _)| is_identifier(name.trim()));
                match attribute {
                    Some((name, rest)) => {
                        entry.attributes.insert(name.trim().to_owned());
                        add_text(entry, rest);
                    }
                    None => add_text(entry, line),
                }
            }
        }
        out
    }

    fn add_text(entry: &mut Entry, text: &str) {
        for piece in text.split('$').skip(1) {
            let name: String = piece
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            if is_identifier(&name) {
                entry.variables.insert(name);
            }
        }
        entry.text.push_str(text);
        entry.text.push('\n');
    }

    fn is_identifier(name: &str) -> bool {
        name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    }

    /// The files of one language with their entries, in `SOURCES` order.
    fn files(tag: &str) -> Vec<(&'static str, Vec<Entry>)> {
        let (_, sources) = SOURCES.iter().find(|(t, _)| *t == tag).unwrap();
        sources
            .iter()
            .map(|(file, source)| (*file, entries(source)))
            .collect()
    }

    fn all_entries(tag: &str) -> BTreeMap<String, Entry> {
        files(tag)
            .into_iter()
            .flat_map(|(_, entries)| entries)
            .map(|e| (e.id.clone(), e))
            .collect()
    }

    fn translations() -> impl Iterator<Item = &'static str> {
        SOURCES
            .iter()
            .map(|(tag, _)| *tag)
            .filter(|tag| *tag != "en")
    }

    /// Arguments such as the portal passes: numbers for counts, pages and statuses (plural
    /// rules and number formatting apply to them), text for the rest.
    fn plausible_args(variables: &BTreeSet<String>, number: i64) -> FluentArgs<'static> {
        let mut args = FluentArgs::new();
        for name in variables {
            match name.as_str() {
                "count" | "page" | "pages" | "status" => args.set(name.clone(), number),
                _ => args.set(name.clone(), format!("<{name}>")),
            }
        }
        args
    }

    /// The value and every attribute of message `id`, formatted; formatting errors fail
    /// the test, since the portal would only log them. A missing message gives nothing:
    /// `every_catalog_has_exactly_the_messages_of_english` reports it, and the other checks
    /// go on with the rest.
    fn format_all(catalog: &Catalog, id: &str, args: &FluentArgs<'_>) -> Vec<(String, String)> {
        let Some(message) = catalog.bundle.get_message(id) else {
            return Vec::new();
        };
        let mut patterns: Vec<(String, _)> = message
            .value()
            .map(|v| (id.to_owned(), v))
            .into_iter()
            .collect();
        for attribute in message.attributes() {
            patterns.push((format!("{id}.{}", attribute.id()), attribute.value()));
        }
        patterns
            .into_iter()
            .map(|(name, pattern)| {
                let mut errors = Vec::new();
                let text = catalog
                    .bundle
                    .format_pattern(pattern, Some(args), &mut errors)
                    .into_owned();
                assert!(
                    errors.is_empty(),
                    "locales/{}: {name} did not format: {errors:?}",
                    catalog.tag
                );
                (name, text)
            })
            .collect()
    }

    #[test]
    fn interface_languages_are_the_catalogs_english_first() {
        let tags: Vec<_> = SOURCES.iter().map(|(tag, _)| *tag).collect();
        assert_eq!(tags, INTERFACE_LANGUAGES);
        assert_eq!(INTERFACE_LANGUAGES[0], "en");
        for tag in INTERFACE_LANGUAGES {
            assert_eq!(Catalog::for_language(tag).language(), *tag);
        }
    }

    #[test]
    fn the_test_reader_agrees_with_fluent() {
        for (tag, _) in SOURCES {
            let catalog = Catalog::for_language(tag);
            let entries = all_entries(tag);
            assert!(entries.len() > 100, "locales/{tag}: {}", entries.len());
            for entry in entries.values() {
                let message = catalog.bundle.get_message(&entry.id);
                let message = message.unwrap_or_else(|| panic!("{tag}: {} misread", entry.id));
                for attribute in &entry.attributes {
                    assert!(
                        message.get_attribute(attribute).is_some(),
                        "{tag}: {entry:?}"
                    );
                }
                assert_eq!(message.attributes().count(), entry.attributes.len());
            }
        }
        let sample =
            entries("a = x { $one }\n    .title = { $two ->\n   *[other] y\n}\n# c\nb = z\n");
        assert_eq!(sample.len(), 2);
        assert_eq!(sample[0].attributes, BTreeSet::from(["title".to_owned()]));
        assert_eq!(
            sample[0].variables,
            BTreeSet::from(["one".to_owned(), "two".to_owned()])
        );
    }

    #[test]
    fn every_catalog_has_exactly_the_messages_of_english() {
        let english = files("en");
        let mut problems = Vec::new();
        for tag in translations() {
            let theirs = files(tag);
            let names =
                |f: &[(&'static str, Vec<Entry>)]| f.iter().map(|(n, _)| *n).collect::<Vec<_>>();
            assert_eq!(names(&theirs), names(&english), "locales/{tag}: files");
            for ((file, en), (_, tr)) in english.iter().zip(&theirs) {
                let shape = |entries: &[Entry]| -> BTreeMap<String, BTreeSet<String>> {
                    entries
                        .iter()
                        .map(|e| (e.id.clone(), e.attributes.clone()))
                        .collect()
                };
                let (en, tr) = (shape(en), shape(tr));
                let missing: Vec<_> = en.keys().filter(|id| !tr.contains_key(*id)).collect();
                let extra: Vec<_> = tr.keys().filter(|id| !en.contains_key(*id)).collect();
                if !missing.is_empty() {
                    problems.push(format!("locales/{tag}/{file} lacks {missing:?}"));
                }
                if !extra.is_empty() {
                    problems.push(format!("locales/{tag}/{file} has extra {extra:?}"));
                }
                for (id, attributes) in &en {
                    if tr.get(id).is_some_and(|theirs| theirs != attributes) {
                        problems.push(format!("locales/{tag}/{file}: attributes of {id}"));
                    }
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn translations_use_the_variables_of_english() {
        let english = all_entries("en");
        let mut problems = Vec::new();
        for tag in translations() {
            for (id, entry) in all_entries(tag) {
                if let Some(en) = english.get(&id)
                    && en.variables != entry.variables
                {
                    problems.push(format!(
                        "locales/{tag}: {id} uses {:?}, English {:?}",
                        entry.variables, en.variables
                    ));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn every_message_formats_in_every_catalog() {
        let english = all_entries("en");
        for (tag, _) in SOURCES {
            let catalog = Catalog::for_language(tag);
            for (id, entry) in &english {
                for (name, text) in format_all(catalog, id, &plausible_args(&entry.variables, 3)) {
                    assert!(!text.trim().is_empty(), "locales/{tag}: {name} is empty");
                }
            }
        }
    }

    #[test]
    fn plural_messages_read_right_for_any_count() {
        // Thai and Burmese have only the CLDR category `other`: a `[one]` variant would
        // never be chosen, and the `other` one must show the number.
        let english = all_entries("en");
        let plural: Vec<_> = english
            .values()
            .filter(|e| e.text.contains("$count ->"))
            .collect();
        assert!(plural.len() >= 5, "{plural:?}");
        for tag in translations() {
            let catalog = Catalog::for_language(tag);
            let theirs = all_entries(tag);
            for entry in &plural {
                let Some(source) = theirs.get(&entry.id).map(|e| &e.text) else {
                    continue;
                };
                for category in ["[zero]", "[one]", "[two]", "[few]", "[many]"] {
                    assert!(
                        !source.contains(category),
                        "locales/{tag}: {} has {category}",
                        entry.id
                    );
                }
                for n in [0, 1, 2, 5] {
                    for (name, text) in
                        format_all(catalog, &entry.id, &plausible_args(&entry.variables, n))
                    {
                        assert!(!text.trim().is_empty(), "locales/{tag}: {name} for {n}");
                        if n >= 2 {
                            assert!(
                                text.contains(&n.to_string()),
                                "locales/{tag}: {name}: {text}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn nothing_is_left_in_english() {
        let allowed = |tag: &str, id: &str| {
            SAME_AS_ENGLISH.iter().any(|(allowed, languages, _)| {
                id == *allowed && (languages.is_empty() || languages.contains(&tag))
            })
        };
        let english = all_entries("en");
        for (id, _, _) in SAME_AS_ENGLISH {
            assert!(
                english.contains_key(*id),
                "SAME_AS_ENGLISH names {id}, which English no longer has"
            );
        }
        let en = Catalog::for_language("en");
        let mut untranslated = Vec::new();
        for tag in translations() {
            let catalog = Catalog::for_language(tag);
            for (id, entry) in &english {
                let args = plausible_args(&entry.variables, 3);
                let same = format_all(en, id, &args) == format_all(catalog, id, &args);
                if same && catalog.has(id) && !allowed(tag, id) {
                    untranslated.push(format!("{tag}: {id}"));
                }
            }
        }
        assert!(untranslated.is_empty(), "left in English: {untranslated:?}");
    }

    #[test]
    fn languages_are_named_in_themselves_in_every_catalog() {
        let en = Catalog::for_language("en");
        let names: Vec<_> = all_entries("en")
            .into_keys()
            .filter(|id| {
                // `language-xx` names a language; `language-switch…` are sentences.
                id.strip_prefix("language-").is_some_and(|tag| {
                    tag.len() <= 3 && tag.chars().all(|c| c.is_ascii_lowercase())
                })
            })
            .collect();
        assert!(names.len() >= 7, "{names:?}");
        for tag in translations() {
            for id in &names {
                assert_eq!(
                    Catalog::for_language(tag).message(id),
                    en.message(id),
                    "{tag}: {id}"
                );
            }
        }
        assert_eq!(en.message("language-my"), "မြန်မာ");
        assert_eq!(en.message("language-th"), "ไทย");
    }

    /// Signs that Burmese text was typed for Zawgyi, the legacy font encoding: it stores
    /// the vowel sign E (ေ) before its consonant, and uses code points that Unicode gives to
    /// other Myanmar-script languages. Such text reads right only in a Zawgyi font.
    fn zawgyi_signs(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let mut signs = Vec::new();
        for (i, c) in chars.iter().enumerate() {
            let around = || -> String {
                chars[i.saturating_sub(4)..(i + 4).min(chars.len())]
                    .iter()
                    .collect()
            };
            if ('\u{1050}'..='\u{109F}').contains(c) {
                signs.push(format!("{c:?} in {:?}", around()));
            }
            let follows_consonant = i.checked_sub(1).map(|j| chars[j]).is_some_and(|b| {
                ('\u{1000}'..='\u{102A}').contains(&b) || ('\u{103B}'..='\u{103F}').contains(&b)
            });
            if *c == '\u{1031}' && !follows_consonant {
                signs.push(format!("ေ before its consonant in {:?}", around()));
            }
        }
        signs
    }

    #[test]
    fn burmese_is_unicode_not_zawgyi() {
        // "မေ" (May) and "ကၽြန္ေတာ္" as Zawgyi stores them.
        assert!(!zawgyi_signs("\u{1031}\u{1019}").is_empty());
        assert!(
            !zawgyi_signs(
                "\u{1000}\u{107D}\u{103C}\u{1014}\u{1039}\u{1031}\u{1010}\u{102C}\u{1039}"
            )
            .is_empty()
        );
        assert!(zawgyi_signs("ကျွန်ုပ်တို့ မေ ဩဂုတ် ဘင်္ဂလားဒေ့ရှ်").is_empty());
        let (_, sources) = SOURCES.iter().find(|(tag, _)| *tag == "my").unwrap();
        for (file, source) in sources.iter() {
            let signs = zawgyi_signs(source);
            assert!(signs.is_empty(), "locales/my/{file}: {signs:?}");
        }
    }

    #[test]
    fn thai_and_burmese_are_negotiated() {
        use actix_web::test::TestRequest;
        let req = TestRequest::default()
            .insert_header(("Accept-Language", "my-MM, en;q=0.5"))
            .to_http_request();
        assert_eq!(negotiate(&req), "my");
        let req = TestRequest::default()
            .insert_header(("Accept-Language", "th-TH,th;q=0.9,en;q=0.8"))
            .to_http_request();
        assert_eq!(negotiate(&req), "th");
        let req = TestRequest::default()
            .insert_header(("Accept-Language", "my"))
            .cookie(actix_web::cookie::Cookie::new(LANGUAGE_COOKIE, "th"))
            .to_http_request();
        assert_eq!(negotiate(&req), "th");
        let req = TestRequest::default()
            .insert_header(("Accept-Language", "km, fr"))
            .to_http_request();
        assert_eq!(negotiate(&req), "en");
    }
}
