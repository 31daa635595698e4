//! Creating and editing activities.

use chrono::{NaiveDateTime, Utc};
use diesel::SqliteConnection;

use super::Who;
use super::form::{FieldErrors, ValidContent};
use super::slug;
use crate::db::Db;
use crate::db::models::activities::{self as acts, NewRevision, RevisionContent};
use crate::db::models::moderation::{self, NewModerationEvent};
use crate::db::models::site;
use crate::domain::lifecycle::State;
use crate::error::AppError;
use crate::markdown;

/// Resolved relations of a form, or the fields that name unknown things.
struct Relations {
    categories: Vec<i32>,
    partners: Vec<i32>,
    links: Vec<(String, String)>,
}

fn relations(
    conn: &mut SqliteConnection,
    content: &ValidContent,
) -> Result<Result<Relations, FieldErrors>, AppError> {
    let mut errors = FieldErrors::default();
    let categories = acts::category_ids(conn, &content.categories)?.unwrap_or_else(|| {
        errors.add("categories", "activity-category-unknown");
        Vec::new()
    });
    let partners = acts::organization_ids(conn, &content.partners)?.unwrap_or_else(|| {
        errors.add("partners", "activity-partner-unknown");
        Vec::new()
    });
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let links = content
        .links
        .iter()
        .map(|l| (l.url.clone(), l.title.clone()))
        .collect();
    Ok(Ok(Relations {
        categories,
        partners,
        links,
    }))
}

/// The member's editor of record.
pub struct Editor {
    pub who: Who,
    pub email: String,
}

/// The moderation event of a change made through the editor.
fn event(
    conn: &mut SqliteConnection,
    (activity, revision): (i32, i32),
    title: &str,
    who: &Who,
    (action, from, to): (&str, Option<&str>, &str),
) -> Result<(), AppError> {
    moderation::record(
        conn,
        &NewModerationEvent {
            activity_id: Some(activity),
            revision_id: Some(revision),
            activity_title: title,
            actor_id: who.user_id,
            action,
            from_state: from,
            to_state: Some(to),
            comment: "",
        },
    )?;
    Ok(())
}

/// Creates a draft for `organization_id` (the member's own, or the one the secretariat
/// chose). Returns the activity id, or the field errors.
pub async fn create(
    db: &Db,
    who: Who,
    organization_slug: Option<String>,
    content: ValidContent,
) -> Result<Result<i32, FieldErrors>, AppError> {
    // Rendering is CPU work: before the write lock.
    let body_html = markdown::render(&content.body).into_string();
    db.write(move |conn| {
        let organization_id = match (who.organization_id, who.secretariat) {
            (Some(id), false) => id,
            _ => match organization_slug
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                Some(slug) => match site::organization_id(conn, slug)? {
                    Some(id) => id,
                    None => return Ok(Err(one("organization", "activity-organization-unknown"))),
                },
                None => return Ok(Err(one("organization", "activity-organization-required"))),
            },
        };
        let rel = match relations(conn, &content)? {
            Ok(r) => r,
            Err(e) => return Ok(Err(e)),
        };
        let org_slug = site::organization_slug(conn, organization_id)?.unwrap_or_default();
        let base = slug::from_title(&content.title, content.event_start, &org_slug);
        let mut taken_error = None;
        let slug = slug::unique(&base, |candidate| {
            acts::slug_taken(conn, candidate).unwrap_or_else(|e| {
                taken_error = Some(e);
                true
            })
        });
        if let Some(e) = taken_error {
            return Err(e.into());
        }
        let activity = acts::insert_activity(conn, &slug, organization_id, who.user_id)?;
        let revision = acts::insert_revision(
            conn,
            &NewRevision {
                activity_id: activity,
                number: 1,
                state: State::Draft.as_str(),
                title: &content.title,
                summary: &content.summary,
                body: &content.body,
                body_html: &body_html,
                event_start: content.event_start,
                event_end: content.event_end,
                location: &content.location,
                language: &content.language,
                photo_consent: false,
                created_by: who.user_id,
                submitted_at: None,
            },
        )?;
        acts::replace_relations(conn, revision, &rel.categories, &rel.partners, &rel.links)?;
        let created = ("create", None, State::Draft.as_str());
        event(conn, (activity, revision), &content.title, &who, created)?;
        Ok(Ok(activity))
    })
    .await
}

fn one(field: &'static str, message: &'static str) -> FieldErrors {
    let mut errors = FieldErrors::default();
    errors.add(field, message);
    errors
}

/// Saves an edit. In a draft (or with changes requested) the revision changes in place; a
/// published or unpublished activity gets a new draft revision, and the live one stays
/// public until that is approved. `revision` is the number the form was rendered from: a
/// stale one is a 409, never a silent overwrite.
pub async fn update(
    db: &Db,
    who: Who,
    activity_id: i32,
    revision: Option<i32>,
    content: ValidContent,
) -> Result<Result<(), FieldErrors>, AppError> {
    let body_html = markdown::render(&content.body).into_string();
    db.write(move |conn| {
        let head = acts::head(conn, activity_id)?
            .filter(|h| who.can_reach(h.organization_id))
            .ok_or(AppError::NotFound)?;
        let current_id = head.current_revision_id.ok_or(AppError::NotFound)?;
        let current = acts::revision(conn, current_id)?;
        if revision.is_some_and(|r| r != current.number) {
            return Err(AppError::Conflict("activity-stale-revision"));
        }
        let state: State = current
            .state
            .parse()
            .map_err(|e: String| AppError::internal(anyhow::anyhow!(e)))?;
        let rel = match relations(conn, &content)? {
            Ok(r) => r,
            Err(e) => return Ok(Err(e)),
        };
        let now: NaiveDateTime = Utc::now().naive_utc();
        let fields = RevisionContent {
            title: &content.title,
            summary: &content.summary,
            body: &content.body,
            body_html: &body_html,
            event_start: content.event_start,
            event_end: content.event_end,
            location: &content.location,
            language: &content.language,
        };
        let target = match state {
            // The secretariat fixes a typo in a submission without sending it back.
            s if s.is_editable() || (who.secretariat && s == State::Submitted) => current_id,
            State::Published | State::Unpublished | State::Superseded => {
                let id = acts::insert_revision(
                    conn,
                    &NewRevision {
                        activity_id,
                        number: current.number + 1,
                        state: State::Draft.as_str(),
                        title: &content.title,
                        summary: "",
                        body: "",
                        body_html: "",
                        event_start: None,
                        event_end: None,
                        location: "",
                        language: "en",
                        photo_consent: false,
                        created_by: who.user_id,
                        submitted_at: None,
                    },
                )?;
                acts::copy_media(conn, current_id, id)?;
                let started = ("new-revision", Some(state.as_str()), State::Draft.as_str());
                event(conn, (activity_id, id), &content.title, &who, started)?;
                id
            }
            _ => return Err(AppError::Conflict("activity-not-editable")),
        };
        // Until first publication nobody links to the slug: it follows the title. After
        // that it never changes, so links and feeds stay valid.
        if head.published_at.is_none() && current.title != content.title {
            let org_slug = site::organization_slug(conn, head.organization_id)?.unwrap_or_default();
            let base = slug::from_title(&content.title, content.event_start, &org_slug);
            let mut lookup_error = None;
            let fresh = slug::unique(&base, |candidate| {
                candidate != head.slug
                    && acts::slug_taken(conn, candidate).unwrap_or_else(|e| {
                        lookup_error = Some(e);
                        true
                    })
            });
            if let Some(e) = lookup_error {
                return Err(e.into());
            }
            acts::set_slug(conn, activity_id, &fresh)?;
        }
        acts::update_content(conn, target, &fields, now)?;
        acts::replace_relations(conn, target, &rel.categories, &rel.partners, &rel.links)?;
        Ok(Ok(()))
    })
    .await
}
