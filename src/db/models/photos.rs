//! Photos placed on activity revisions: the editor's list, and the changes members make.

use diesel::prelude::*;
use diesel::sql_types::{Bool, Integer, Text};

use crate::db::schema::{activities, activity_revisions, photos};

/// A photo as the editor shows it, with its smallest JPEG variant.
#[derive(Debug, Clone, QueryableByName)]
pub struct PhotoRow {
    #[diesel(sql_type = Integer)]
    pub id: i32,
    /// The stored image it shows (one image may be on many photos).
    #[diesel(sql_type = Integer)]
    pub image_id: i32,
    #[diesel(sql_type = Integer)]
    pub position: i32,
    #[diesel(sql_type = Text)]
    pub alt: String,
    #[diesel(sql_type = Text)]
    pub caption: String,
    #[diesel(sql_type = Bool)]
    pub decorative: bool,
    #[diesel(sql_type = Text)]
    pub original_name: String,
    /// Relative to `media/`.
    #[diesel(sql_type = Text)]
    pub path: String,
    #[diesel(sql_type = Integer)]
    pub width: i32,
    #[diesel(sql_type = Integer)]
    pub height: i32,
}

/// A revision's photos in order, each with its smallest variant: one query.
pub fn of_revision(conn: &mut SqliteConnection, revision_id: i32) -> QueryResult<Vec<PhotoRow>> {
    diesel::sql_query(
        "SELECT p.id, p.image_id, p.position, p.alt, p.caption, p.decorative, p.original_name,
                v.path, v.width, v.height
           FROM photos p
           JOIN image_variants v ON v.id = (SELECT id FROM image_variants
                                             WHERE image_id = p.image_id
                                               AND format = 'jpeg'
                                             ORDER BY width LIMIT 1)
          WHERE p.revision_id = ?1
          ORDER BY p.position",
    )
    .bind::<Integer, _>(revision_id)
    .load(conn)
}

/// The position after the revision's last photo.
pub fn next_position(conn: &mut SqliteConnection, revision_id: i32) -> QueryResult<i32> {
    let last: Option<i32> = photos::table
        .filter(photos::revision_id.eq(revision_id))
        .select(diesel::dsl::max(photos::position))
        .first(conn)?;
    Ok(last.map_or(0, |p| p + 1))
}

/// Where a photo sits: what the access checks need.
#[derive(Debug, Clone, Queryable)]
pub struct PhotoPlace {
    pub revision_id: i32,
    pub position: i32,
    pub activity_id: i32,
    pub organization_id: i32,
    pub current_revision_id: Option<i32>,
    /// The state of the photo's own revision.
    pub state: String,
}

pub fn place(conn: &mut SqliteConnection, photo_id: i32) -> QueryResult<Option<PhotoPlace>> {
    photos::table
        .inner_join(activity_revisions::table.inner_join(activities::table))
        .filter(photos::id.eq(photo_id))
        .select((
            photos::revision_id,
            photos::position,
            activities::id,
            activities::organization_id,
            activities::current_revision_id,
            activity_revisions::state,
        ))
        .first(conn)
        .optional()
}

pub fn set_text(
    conn: &mut SqliteConnection,
    photo_id: i32,
    alt: &str,
    caption: &str,
    decorative: bool,
) -> QueryResult<()> {
    diesel::update(photos::table.find(photo_id))
        .set((
            photos::alt.eq(alt),
            photos::caption.eq(caption),
            photos::decorative.eq(decorative),
        ))
        .execute(conn)
        .map(drop)
}

/// Swaps the photo with its neighbour before (`up`) or after it; at either end, nothing.
pub fn swap(conn: &mut SqliteConnection, photo_id: i32, up: bool) -> QueryResult<()> {
    let (revision_id, position): (i32, i32) = photos::table
        .find(photo_id)
        .select((photos::revision_id, photos::position))
        .first(conn)?;
    let same_revision = photos::table.filter(photos::revision_id.eq(revision_id));
    let neighbour: Option<(i32, i32)> = if up {
        same_revision
            .filter(photos::position.lt(position))
            .order(photos::position.desc())
            .select((photos::id, photos::position))
            .first(conn)
            .optional()?
    } else {
        same_revision
            .filter(photos::position.gt(position))
            .order(photos::position)
            .select((photos::id, photos::position))
            .first(conn)
            .optional()?
    };
    let Some((other_id, other_position)) = neighbour else {
        return Ok(());
    };
    // (revision_id, position) is unique and SQLite checks it per statement, so one of the
    // two goes through a position no photo uses (positions are never negative).
    diesel::update(photos::table.find(photo_id))
        .set(photos::position.eq(-1))
        .execute(conn)?;
    diesel::update(photos::table.find(other_id))
        .set(photos::position.eq(position))
        .execute(conn)?;
    diesel::update(photos::table.find(photo_id))
        .set(photos::position.eq(other_position))
        .execute(conn)?;
    Ok(())
}

/// Takes the photo off its revision. The stored image stays (other revisions, or the
/// published one, may show it).
pub fn delete(conn: &mut SqliteConnection, photo_id: i32) -> QueryResult<()> {
    diesel::delete(photos::table.find(photo_id))
        .execute(conn)
        .map(drop)
}
