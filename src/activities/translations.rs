//! Linking activities as translations of one another. An organization links its own
//! activities; the secretariat links any. A set holds at most one activity per language, so
//! "Also in: ไทย" always names one page.

use super::Who;
use crate::db::Db;
use crate::db::models::activities as acts;
use crate::db::models::translations::{self as sets, SetMember};
use crate::error::AppError;

/// An activity's set of translations, as its admin page shows it.
pub struct TranslationSet {
    pub activity_id: i32,
    pub title: String,
    /// Every member, original first, this activity included.
    pub members: Vec<SetMember>,
}

/// Why a link was refused, as a message id for the form's field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkRefusal {
    NotFound,
    AlreadyLinked,
    LanguageTaken,
}

impl LinkRefusal {
    pub fn message(self) -> &'static str {
        match self {
            LinkRefusal::NotFound => "translations-original-not-found",
            LinkRefusal::AlreadyLinked => "translations-already-linked",
            LinkRefusal::LanguageTaken => "translations-language-taken",
        }
    }
}

/// The set of `activity_id`, when `who` may reach the activity (else 404).
pub async fn set_of(db: &Db, who: Who, activity_id: i32) -> Result<TranslationSet, AppError> {
    db.read(move |conn| {
        let head = acts::head(conn, activity_id)?
            .filter(|h| who.can_reach(h.organization_id))
            .ok_or(AppError::NotFound)?;
        let root = sets::root_of(conn, head.id)?.ok_or(AppError::NotFound)?;
        let members = sets::members(conn, root)?;
        let title = members
            .iter()
            .find(|m| m.id == head.id)
            .map(|m| m.title.clone())
            .unwrap_or_default();
        Ok(TranslationSet {
            activity_id,
            title,
            members,
        })
    })
    .await
}

/// Links `activity_id` (and any translations it already has) as translations of the
/// activity `reference` names. Every check is made again in the write transaction.
pub async fn link(
    db: &Db,
    who: Who,
    activity_id: i32,
    reference: String,
) -> Result<Result<(), LinkRefusal>, AppError> {
    db.write(move |conn| {
        let head = acts::head(conn, activity_id)?
            .filter(|h| who.can_reach(h.organization_id))
            .ok_or(AppError::NotFound)?;
        // Members link only their organization's activities; another organization's are
        // "not found", as everywhere else, so their existence is not revealed.
        let Some((other, _)) = sets::find_by_reference(conn, &reference)?
            .filter(|&(_, organization)| who.can_reach(organization))
        else {
            return Ok(Err(LinkRefusal::NotFound));
        };
        let mine = sets::root_of(conn, head.id)?.ok_or(AppError::NotFound)?;
        let theirs = sets::root_of(conn, other)?.ok_or(AppError::NotFound)?;
        if mine == theirs {
            return Ok(Err(LinkRefusal::AlreadyLinked));
        }
        let mut languages: Vec<String> = sets::members(conn, mine)?
            .into_iter()
            .chain(sets::members(conn, theirs)?)
            .map(|m| m.language)
            .collect();
        let all = languages.len();
        languages.sort();
        languages.dedup();
        if languages.len() != all {
            return Ok(Err(LinkRefusal::LanguageTaken));
        }
        sets::move_set(conn, mine, theirs)?;
        Ok(Ok(()))
    })
    .await
}

/// Takes `activity_id` out of its set of translations.
pub async fn unlink(db: &Db, who: Who, activity_id: i32) -> Result<(), AppError> {
    db.write(move |conn| {
        acts::head(conn, activity_id)?
            .filter(|h| who.can_reach(h.organization_id))
            .ok_or(AppError::NotFound)?;
        sets::leave_set(conn, activity_id)?;
        Ok(())
    })
    .await
}
