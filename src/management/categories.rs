//! Creating categories, and renaming, describing and reordering them. A category's slug is
//! fixed once made: public links, feeds and search engines know it.

use serde::Deserialize;

use super::{FieldErrors, slug, text};
use crate::accounts::{Actor, audit};
use crate::db::Db;
use crate::db::models::categories::{self, CategoryChanges};
use crate::db::models::site::{self, NewCategory};
use crate::error::AppError;

const NAME_MAX: usize = 100;
const DESCRIPTION_MAX: usize = 1000;
/// Positions order the categories; a few digits are plenty.
const POSITION_RANGE: std::ops::RangeInclusive<i32> = -9999..=9999;

/// The category form as typed.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct CategoryFields {
    pub name: String,
    /// Read on creation only.
    pub slug: String,
    pub description: String,
    pub position: String,
}

struct Valid {
    name: String,
    description: String,
    position: i32,
}

fn validate(fields: &CategoryFields, errors: &mut FieldErrors) -> Valid {
    let name = text(
        errors,
        "name",
        &fields.name,
        NAME_MAX,
        Some("category-name-required"),
        "category-name-too-long",
    );
    let description = text(
        errors,
        "description",
        &fields.description,
        DESCRIPTION_MAX,
        None,
        "category-description-too-long",
    );
    let typed = fields.position.trim();
    let position = if typed.is_empty() {
        0
    } else {
        typed
            .parse::<i32>()
            .ok()
            .filter(|p| POSITION_RANGE.contains(p))
            .unwrap_or_else(|| {
                errors.add("position", "category-position-invalid");
                0
            })
    };
    Valid {
        name,
        description,
        position,
    }
}

/// Creates a category. Returns its id, or the field errors.
pub async fn create_category(
    db: &Db,
    actor: Actor,
    fields: CategoryFields,
) -> Result<Result<i32, FieldErrors>, AppError> {
    let mut errors = FieldErrors::default();
    let v = validate(&fields, &mut errors);
    let slug = slug::chosen(&mut errors, &fields.slug, &v.name);
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    db.write(move |conn| {
        if categories::id_by_slug(conn, &slug)?.is_some() {
            return Ok(Err(FieldErrors::one("slug", "slug-taken")));
        }
        let id = site::insert_category(
            conn,
            &NewCategory {
                slug: &slug,
                name: &v.name,
                description: &v.description,
                position: v.position,
            },
        )?;
        audit(
            conn,
            &actor,
            "category-created",
            ("category", Some(id)),
            &slug,
        )?;
        Ok(Ok(id))
    })
    .await
}

/// Renames, describes or moves the category `id`.
pub async fn update_category(
    db: &Db,
    actor: Actor,
    id: i32,
    fields: CategoryFields,
) -> Result<Result<(), FieldErrors>, AppError> {
    let mut errors = FieldErrors::default();
    let v = validate(&fields, &mut errors);
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    db.write(move |conn| {
        let category = categories::find(conn, id)?.ok_or(AppError::NotFound)?;
        categories::update(
            conn,
            id,
            &CategoryChanges {
                name: &v.name,
                description: &v.description,
                position: v.position,
            },
        )?;
        audit(
            conn,
            &actor,
            "category-updated",
            ("category", Some(id)),
            &category.slug,
        )?;
        Ok(Ok(()))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_small_integers_or_empty() {
        for (typed, expected) in [
            ("", Some(0)),
            (" 3 ", Some(3)),
            ("-2", Some(-2)),
            ("x", None),
            ("1.5", None),
            ("99999", None),
        ] {
            let mut errors = FieldErrors::default();
            let fields = CategoryFields {
                name: "Trainings".into(),
                position: typed.into(),
                ..Default::default()
            };
            let v = validate(&fields, &mut errors);
            match expected {
                Some(p) => assert_eq!((v.position, errors.is_empty()), (p, true), "{typed}"),
                None => assert_eq!(
                    errors.get("position"),
                    Some("category-position-invalid"),
                    "{typed}"
                ),
            }
        }
    }
}
