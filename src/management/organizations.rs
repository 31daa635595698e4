//! Creating, editing, deactivating and reactivating member organizations, and a member's
//! edits of their own organization's profile.

use serde::Deserialize;

use super::{FieldErrors, markdown, slug, text};
use crate::accounts::{Actor, audit};
use crate::db::Db;
use crate::db::models::organizations::{self, OrganizationChanges, ProfileChanges};
use crate::db::models::site::{self, NewOrganization};
use crate::db::models::{sessions, users};
use crate::error::AppError;

/// The countries of the region, by ISO 3166-1 alpha-2 code, in the order the form offers
/// them; each has its name in the catalogs (`country-XX`).
pub const REGION_COUNTRIES: &[&str] = &[
    "KH", "LA", "MM", "TH", "VN", "CN", "HK", "TW", "MY", "SG", "ID", "PH", "JP", "KR", "BD", "IN",
    "LK", "NP", "AU",
];

const NAME_MAX: usize = 200;
const WEBSITE_MAX: usize = 500;
const PROFILE_MAX: usize = 20_000;

/// The organization form as typed (every field a string, so a refused form comes back as
/// it was sent).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct OrganizationFields {
    pub name: String,
    pub slug: String,
    pub country: String,
    pub website: String,
    pub profile: String,
}

/// The part of the profile a member keeps themselves.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ProfileFields {
    pub website: String,
    pub profile: String,
}

struct Valid {
    name: String,
    slug: String,
    country: String,
    website: Option<String>,
    profile: String,
}

fn validate(fields: &OrganizationFields) -> Result<Valid, FieldErrors> {
    let mut errors = FieldErrors::default();
    let name = text(
        &mut errors,
        "name",
        &fields.name,
        NAME_MAX,
        Some("organization-name-required"),
        "organization-name-too-long",
    );
    let slug = slug::chosen(&mut errors, &fields.slug, &name);
    let country = fields.country.trim().to_owned();
    if !REGION_COUNTRIES.contains(&country.as_str()) {
        errors.add("country", "country-invalid");
    }
    let website = website(&mut errors, &fields.website);
    let profile = markdown(
        &mut errors,
        "profile",
        &fields.profile,
        PROFILE_MAX,
        "organization-profile-too-long",
    );
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Valid {
        name,
        slug,
        country,
        website,
        profile,
    })
}

/// A website as typed: empty is none; otherwise an absolute http(s) URL with a host and no
/// credentials. Anything else could be a `javascript:` link on a public page.
fn website(errors: &mut FieldErrors, typed: &str) -> Option<String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return None;
    }
    let valid = typed.len() <= WEBSITE_MAX
        && !typed.contains(|c: char| c.is_whitespace() || c.is_control())
        && url::Url::parse(typed).is_ok_and(|u| {
            matches!(u.scheme(), "http" | "https")
                && u.host_str().is_some_and(|h| !h.is_empty())
                && u.username().is_empty()
                && u.password().is_none()
        });
    if !valid {
        errors.add("website", "website-invalid");
    }
    Some(typed.to_owned())
}

/// Creates an organization (active, without a logo). Returns its id, or the field errors.
pub async fn create_organization(
    db: &Db,
    actor: Actor,
    fields: OrganizationFields,
) -> Result<Result<i32, FieldErrors>, AppError> {
    let v = match validate(&fields) {
        Ok(v) => v,
        Err(errors) => return Ok(Err(errors)),
    };
    db.write(move |conn| {
        if site::organization_id(conn, &v.slug)?.is_some() {
            return Ok(Err(FieldErrors::one("slug", "slug-taken")));
        }
        let id = site::insert_organization(
            conn,
            &NewOrganization {
                slug: &v.slug,
                name: &v.name,
                country: &v.country,
                website: v.website.as_deref(),
                profile: &v.profile,
                logo_image_id: None,
            },
        )?;
        audit(
            conn,
            &actor,
            "organization-created",
            ("organization", Some(id)),
            &v.slug,
        )?;
        Ok(Ok(id))
    })
    .await
}

/// Changes an organization's name, slug, country, website and profile.
pub async fn update_organization(
    db: &Db,
    actor: Actor,
    id: i32,
    fields: OrganizationFields,
) -> Result<Result<(), FieldErrors>, AppError> {
    let v = match validate(&fields) {
        Ok(v) => v,
        Err(errors) => return Ok(Err(errors)),
    };
    db.write(move |conn| {
        let old = organizations::find(conn, id)?.ok_or(AppError::NotFound)?;
        if site::organization_id(conn, &v.slug)?.is_some_and(|other| other != id) {
            return Ok(Err(FieldErrors::one("slug", "slug-taken")));
        }
        organizations::update(
            conn,
            id,
            &OrganizationChanges {
                slug: &v.slug,
                name: &v.name,
                country: &v.country,
                website: v.website.as_deref(),
                profile: &v.profile,
            },
        )?;
        let detail = if old.slug == v.slug {
            v.slug
        } else {
            format!("{} → {}", old.slug, v.slug)
        };
        audit(
            conn,
            &actor,
            "organization-updated",
            ("organization", Some(id)),
            &detail,
        )?;
        Ok(Ok(()))
    })
    .await
}

/// A member's change of their own organization's website and profile.
pub async fn update_profile(
    db: &Db,
    actor: Actor,
    id: i32,
    fields: ProfileFields,
) -> Result<Result<(), FieldErrors>, AppError> {
    let mut errors = FieldErrors::default();
    let website = website(&mut errors, &fields.website);
    let profile = markdown(
        &mut errors,
        "profile",
        &fields.profile,
        PROFILE_MAX,
        "organization-profile-too-long",
    );
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    db.write(move |conn| {
        let org = organizations::find(conn, id)?.ok_or(AppError::NotFound)?;
        organizations::update_profile(
            conn,
            id,
            &ProfileChanges {
                website: website.as_deref(),
                profile: &profile,
            },
        )?;
        audit(
            conn,
            &actor,
            "organization-updated",
            ("organization", Some(id)),
            &format!("{} profile", org.slug),
        )?;
        Ok(Ok(()))
    })
    .await
}

/// Deactivates an organization, ending every session of its accounts in the same
/// transaction so that they are logged out at once (and `users::find_active` keeps them
/// out), or reactivates it.
pub async fn set_organization_active(
    db: &Db,
    actor: Actor,
    id: i32,
    active: bool,
) -> Result<(), AppError> {
    db.write(move |conn| {
        let org = organizations::find(conn, id)?.ok_or(AppError::NotFound)?;
        organizations::set_active(conn, id, active)?;
        let mut detail = org.slug;
        if !active {
            let mut ended = 0;
            for user_id in users::ids_of_organization(conn, id)? {
                ended += sessions::delete_for_user(conn, user_id)?;
            }
            detail = format!("{detail}; {ended} sessions ended");
        }
        let action = if active {
            "organization-reactivated"
        } else {
            "organization-deactivated"
        };
        audit(conn, &actor, action, ("organization", Some(id)), &detail)?;
        Ok(())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(website: &str) -> OrganizationFields {
        OrganizationFields {
            name: "MAP Foundation".into(),
            country: "TH".into(),
            website: website.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_valid_form_gets_a_slug_from_its_name() {
        let v = validate(&fields("")).ok().unwrap();
        assert_eq!((v.slug.as_str(), v.website), ("map-foundation", None));
    }

    #[test]
    fn websites_are_http_or_https_with_a_host() {
        for good in ["https://mapfoundationcm.org", "http://example.org/path?q=1"] {
            assert!(validate(&fields(good)).is_ok(), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "mapfoundationcm.org",
            "ftp://example.org",
            "https://",
            "https://user:pw@example.org",
            "https://exa mple.org",
            "data:text/html,x",
        ] {
            let errors = validate(&fields(bad)).err().unwrap();
            assert_eq!(errors.get("website"), Some("website-invalid"), "{bad}");
        }
    }

    #[test]
    fn every_field_is_checked_at_once() {
        let errors = validate(&OrganizationFields {
            name: " ".into(),
            slug: "Bad Slug".into(),
            country: "XX".into(),
            website: "nope".into(),
            profile: "x".repeat(PROFILE_MAX + 1),
        })
        .err()
        .unwrap();
        for (field, id) in [
            ("name", "organization-name-required"),
            ("slug", "slug-invalid"),
            ("country", "country-invalid"),
            ("website", "website-invalid"),
            ("profile", "organization-profile-too-long"),
        ] {
            assert_eq!(errors.get(field), Some(id), "{field}");
        }
    }

    #[test]
    fn every_country_of_the_region_has_a_name() {
        let catalog = crate::i18n::Catalog::for_language("en");
        for code in REGION_COUNTRIES {
            assert!(catalog.has(&format!("country-{code}")), "{code}");
        }
    }
}
