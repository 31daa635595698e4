//! Writing an activity: the form, creating, editing.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

use super::{id_of, who};
use crate::activities::form::{ActivityForm, FieldErrors};
use crate::activities::photos::PhotoText;
use crate::activities::{self as service, Who};
use crate::auth::guard::CurrentUser;
use crate::db::Db;
use crate::db::models::activities as acts;
use crate::db::models::admin_activities::{self as listing, TimelineEvent};
use crate::db::models::photos::{self, PhotoRow};
use crate::db::models::public::{self, CategoryRow, OrganizationRow};
use crate::domain::lifecycle::{Action, State};
use crate::error::AppError;
use crate::routes::admin::see_other;
use crate::routes::form;
use crate::templates::{Layout, html_response};

mod zawgyi;
use zawgyi::zawgyi_page;

#[derive(Template)]
#[template(path = "admin/activity_form.html")]
pub struct ActivityFormPage {
    layout: Layout,
    user: CurrentUser,
    /// `None` for a new activity.
    activity_id: Option<i32>,
    slug: String,
    live: bool,
    state: String,
    revision: i32,
    form: ActivityForm,
    errors: Vec<(&'static str, String)>,
    organizations: Vec<OrganizationRow>,
    categories: Vec<CategoryRow>,
    timeline: Vec<TimelineEvent>,
    actions: Vec<&'static str>,
    /// The current revision's photos, in order.
    photos: Vec<PhotoRow>,
    /// Whether photos may be added, edited, moved and removed now.
    photos_editable: bool,
    /// A refused photo form, shown at its photo.
    photo_problem: Option<PhotoProblem>,
    /// Fields held back because their Burmese looks like Zawgyi (422).
    zawgyi: Vec<&'static str>,
    /// Fields just converted from Zawgyi, shown again to be checked (nothing saved yet).
    zawgyi_converted: Vec<&'static str>,
}

/// A photo form that was refused (422): which photo, why, and what was typed.
pub struct PhotoProblem {
    pub photo_id: i32,
    pub message: &'static str,
    pub input: Option<PhotoText>,
}

/// One photo's form values: what was typed when its form was refused, else what is stored.
pub struct PhotoValues {
    pub alt: String,
    pub caption: String,
    pub decorative: bool,
    pub error: Option<String>,
}

impl ActivityFormPage {
    /// `date`, unless the member typed something that is not a date: a date input cannot
    /// hold it, and the form must give back exactly what was typed.
    fn date_type(&self, value: &str) -> &'static str {
        let valid =
            value.is_empty() || chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").is_ok();
        if valid { "date" } else { "text" }
    }

    fn photo_values(&self, photo: &PhotoRow) -> PhotoValues {
        match &self.photo_problem {
            Some(p) if p.photo_id == photo.id => {
                let (alt, caption, decorative) = match &p.input {
                    Some(t) => (t.alt.clone(), t.caption.clone(), t.decorative == "yes"),
                    None => (photo.alt.clone(), photo.caption.clone(), photo.decorative),
                };
                PhotoValues {
                    alt,
                    caption,
                    decorative,
                    error: Some(self.layout.t(p.message)),
                }
            }
            _ => PhotoValues {
                alt: photo.alt.clone(),
                caption: photo.caption.clone(),
                decorative: photo.decorative,
                error: None,
            },
        }
    }

    fn state_name(&self, state: &str) -> String {
        self.layout.t(&format!("state-{state}"))
    }

    fn action_name(&self, action: &str) -> String {
        self.layout.t(&format!("action-{action}"))
    }

    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    fn checked_category(&self, slug: &str) -> bool {
        self.form.categories.iter().any(|c| c == slug)
    }

    fn checked_partner(&self, slug: &str) -> bool {
        self.form.partners.iter().any(|c| c == slug)
    }

    fn can(&self, action: &str) -> bool {
        self.actions.contains(&action)
    }
}

pub(super) struct Loaded {
    photos: Vec<PhotoRow>,
    slug: String,
    live: bool,
    state: String,
    revision: i32,
    form: ActivityForm,
    timeline: Vec<TimelineEvent>,
}

pub(super) async fn load(db: &Db, who: Who, id: i32) -> Result<Loaded, AppError> {
    db.read(move |conn| {
        let head = acts::head(conn, id)?
            .filter(|h| who.can_reach(h.organization_id))
            .ok_or(AppError::NotFound)?;
        let current = acts::revision(conn, head.current_revision_id.ok_or(AppError::NotFound)?)?;
        let (categories, partners, links) = acts::relations_of(conn, current.id)?;
        let form = ActivityForm {
            title: current.title,
            summary: current.summary,
            body: current.body,
            categories,
            event_start: current
                .event_start
                .map(|d| d.to_string())
                .unwrap_or_default(),
            event_end: current.event_end.map(|d| d.to_string()).unwrap_or_default(),
            location: current.location,
            language: current.language,
            partners,
            links: links
                .into_iter()
                .map(|(u, t)| format!("{u} {t}"))
                .collect::<Vec<_>>()
                .join("\n"),
            organization: String::new(),
            revision: current.number.to_string(),
            zawgyi: String::new(),
        };
        Ok(Loaded {
            photos: photos::of_revision(conn, current.id)?,
            slug: head.slug,
            live: head.live_revision_id.is_some(),
            state: current.state,
            revision: current.number,
            form,
            timeline: listing::timeline(conn, id)?,
        })
    })
    .await
}

pub(super) async fn form_page(
    db: &Db,
    user: CurrentUser,
    activity_id: Option<i32>,
    form: Option<ActivityForm>,
    errors: &FieldErrors,
) -> Result<ActivityFormPage, AppError> {
    let (organizations, categories) = db
        .read(|conn| {
            Ok((
                public::organizations(conn)?,
                public::categories_with_counts(conn)?,
            ))
        })
        .await?;
    let loaded = match activity_id {
        Some(id) => Some(load(db, who(&user), id).await?),
        None => None,
    };
    let layout = Layout::for_user(&user);
    let state = loaded
        .as_ref()
        .map_or_else(|| "draft".to_owned(), |l| l.state.clone());
    let actions = available_actions(&user, &state, loaded.as_ref().is_some_and(|l| l.live));
    let (slug, live, revision, loaded_form, timeline, photos) = match loaded {
        Some(l) => (
            l.slug,
            l.live,
            l.revision,
            Some(l.form),
            l.timeline,
            l.photos,
        ),
        None => (String::new(), false, 0, None, Vec::new(), Vec::new()),
    };
    let photos_editable =
        activity_id.is_some() && state.parse::<State>().is_ok_and(State::is_editable);
    Ok(ActivityFormPage {
        errors: errors.0.iter().map(|(f, m)| (*f, layout.t(m))).collect(),
        form: form.or(loaded_form).unwrap_or_else(|| ActivityForm {
            language: "en".into(),
            ..Default::default()
        }),
        layout,
        user,
        activity_id,
        slug,
        live,
        state,
        revision,
        organizations,
        categories: categories.into_iter().map(|(c, _)| c).collect(),
        timeline,
        actions,
        photos,
        photos_editable,
        photo_problem: None,
        zawgyi: Vec::new(),
        zawgyi_converted: Vec::new(),
    })
}

/// The edit page with a refused photo form (422).
pub async fn photo_problem_page(
    db: &Db,
    user: CurrentUser,
    activity_id: i32,
    problem: PhotoProblem,
) -> Result<HttpResponse, AppError> {
    let mut page = form_page(db, user, Some(activity_id), None, &FieldErrors::default()).await?;
    page.photo_problem = Some(problem);
    html_response(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

/// The lifecycle buttons to show: what the state machine would allow this person now.
fn available_actions(user: &CurrentUser, state: &str, live: bool) -> Vec<&'static str> {
    use crate::domain::lifecycle::{Situation, decide};
    let Ok(current) = state.parse::<State>() else {
        return Vec::new();
    };
    let who = who(user);
    let actor = if who.secretariat {
        crate::domain::lifecycle::Actor::Secretariat
    } else {
        crate::domain::lifecycle::Actor::Organization
    };
    let situation = Situation {
        current,
        live: (live && current != State::Published).then_some(State::Published),
        ever_published: live,
    };
    Action::ALL
        .into_iter()
        .filter(|a| Action::from_route(a.as_str()).is_some())
        .filter(|a| decide(situation, actor, *a, false).is_ok())
        .map(Action::as_str)
        .collect()
}

pub async fn new_activity_form(
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let page = form_page(&db, user.into_inner(), None, None, &FieldErrors::default()).await?;
    html_response(StatusCode::OK, &page)
}

pub async fn create_activity(
    body: web::Bytes,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let mut form: ActivityForm = form::parse(&body);
    let user = user.into_inner();
    if let Some(page) = zawgyi_page(&db, &user, None, &mut form).await? {
        return Ok(page);
    }
    let result = match form.validate() {
        Ok(content) => {
            match service::create(&db, who(&user), Some(form.organization.clone()), content).await {
                Err(AppError::StorageFull(cause)) => {
                    return storage_full(&db, user, None, form, cause).await;
                }
                other => other?,
            }
        }
        Err(errors) => Err(errors),
    };
    match result {
        Ok(id) => Ok(see_other(&format!("/admin/activities/{id}/edit"))),
        Err(errors) => html_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            &form_page(&db, user, None, Some(form), &errors).await?,
        ),
    }
}

pub async fn edit_activity_form(
    path: web::Path<String>,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let page = form_page(
        &db,
        user.into_inner(),
        Some(id_of(&path)?),
        None,
        &FieldErrors::default(),
    )
    .await?;
    html_response(StatusCode::OK, &page)
}

pub async fn update_activity(
    path: web::Path<String>,
    body: web::Bytes,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let id = id_of(&path)?;
    let mut form: ActivityForm = form::parse(&body);
    let user = user.into_inner();
    if let Some(page) = zawgyi_page(&db, &user, Some(id), &mut form).await? {
        return Ok(page);
    }
    let revision = form.revision.trim().parse::<i32>().ok();
    let result = match form.validate() {
        Ok(content) => match service::update(&db, who(&user), id, revision, content).await {
            Err(AppError::StorageFull(cause)) => {
                return storage_full(&db, user, Some(id), form, cause).await;
            }
            other => other?,
        },
        Err(errors) => {
            // Refused before any write, but the object check still comes first.
            load(&db, who(&user), id).await?;
            Err(errors)
        }
    };
    match result {
        Ok(()) => Ok(see_other(&format!("/admin/activities/{id}/edit"))),
        Err(errors) => html_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            &form_page(&db, user, Some(id), Some(form), &errors).await?,
        ),
    }
}

/// The form again, as typed, when the disk is too full to save it (507): a member's
/// afternoon of writing must not be lost to a full disk.
async fn storage_full(
    db: &Db,
    user: CurrentUser,
    activity_id: Option<i32>,
    form: ActivityForm,
    cause: String,
) -> Result<HttpResponse, AppError> {
    tracing::error!(cause, "the disk is full: the report was not saved");
    let errors = FieldErrors(vec![("form-errors", "error-storage-full")]);
    html_response(
        StatusCode::INSUFFICIENT_STORAGE,
        &form_page(db, user, activity_id, Some(form), &errors).await?,
    )
}
