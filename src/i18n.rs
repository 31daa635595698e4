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
pub const INTERFACE_LANGUAGES: &[&str] = &["en"];

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

/// Each language's catalog, split by area so that parts of the portal can grow their own.
const SOURCES: &[(&str, &[&str])] = &[(
    "en",
    &[
        include_str!("../locales/en/portal.ftl"),
        include_str!("../locales/en/accounts.ftl"),
        include_str!("../locales/en/admin.ftl"),
        include_str!("../locales/en/search.ftl"),
    ],
)];

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
    fn parse(tag: &'static str, sources: &[&str]) -> Catalog {
        let langid: LanguageIdentifier = tag.parse().expect("catalog tags are valid BCP 47");
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        // Isolation marks would end up inside attributes and titles; every script we serve
        // sets its own direction.
        bundle.set_use_isolating(false);
        for source in sources {
            // The sources are part of the binary; a syntax error or a message defined twice
            // is a build defect that the unit tests below catch, so failing loudly is right.
            let resource = FluentResource::try_new((*source).to_owned())
                .unwrap_or_else(|(_, errors)| panic!("locales/{tag}: {errors:?}"));
            bundle
                .add_resource(resource)
                .unwrap_or_else(|errors| panic!("locales/{tag}: {errors:?}"));
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
            let text = std::fs::read_to_string(&path).unwrap();
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
}
