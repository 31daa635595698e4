//! `/admin/activities`: members write reports; the secretariat reviews and publishes.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::see_other;
use crate::activities::form::{ActivityForm, FieldErrors};
use crate::activities::lifecycle::{self, ActionInput, Done};
use crate::activities::photos::PhotoText;
use crate::activities::{self as service, Who, notices};
use crate::auth::guard::CurrentUser;
use crate::config::Site;
use crate::db::Db;
use crate::db::models::activities as acts;
use crate::db::models::admin_activities::{self as listing, Filter, Row, TimelineEvent};
use crate::db::models::photos::{self, PhotoRow};
use crate::db::models::public::{self, CategoryRow, OrganizationRow};
use crate::domain::lifecycle::{Action, State};
use crate::error::AppError;
use crate::notify::Mailer;
use crate::routes::form;
use crate::templates::{Layout, html_response};

const PER_PAGE: i64 = 25;

pub fn who(user: &CurrentUser) -> Who {
    Who {
        user_id: Some(user.id),
        organization_id: user.organization_id,
        secretariat: user.is_secretariat(),
    }
}

fn id_of(path: &str) -> Result<i32, AppError> {
    path.parse().map_err(|_| AppError::NotFound)
}

#[derive(Template)]
#[template(path = "admin/activities.html")]
pub struct ActivitiesPage {
    layout: Layout,
    user: CurrentUser,
    heading: String,
    rows: Vec<Row>,
    total: i64,
    page: i64,
    pages: i64,
    query: String,
    states: Vec<&'static str>,
    organizations: Vec<OrganizationRow>,
    categories: Vec<CategoryRow>,
    filter: Filter,
    queue: bool,
}

impl ActivitiesPage {
    fn state_name(&self, state: &str) -> String {
        self.layout.t(&format!("state-{state}"))
    }

    fn count_label(&self) -> String {
        self.layout.t_count("activities-count", self.total)
    }

    fn organization_selected(&self, id: &i32) -> bool {
        self.filter.organization_id == Some(*id)
    }

    fn category_selected(&self, id: &i32) -> bool {
        self.filter.category_id == Some(*id)
    }

    fn state_selected(&self, state: &str) -> bool {
        self.filter.state.as_deref() == Some(state)
    }

    fn page_url(&self, n: &i64) -> String {
        let base = if self.queue {
            "/admin/moderation"
        } else {
            "/admin/activities"
        };
        if self.query.is_empty() {
            format!("{base}?page={n}")
        } else {
            format!("{base}?{}&page={n}", self.query)
        }
    }
}

fn query_value(query: &str, key: &str) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_html_form::from_str(query).unwrap_or_default();
    pairs
        .into_iter()
        .find(|(k, v)| k == key && !v.is_empty())
        .map(|(_, v)| v)
}

async fn list(
    req: &HttpRequest,
    user: CurrentUser,
    db: &Db,
    queue: bool,
) -> Result<HttpResponse, AppError> {
    let query = req.query_string();
    let page: i64 =
        query_value(query, "page").map_or(Ok(1), |p| p.parse().map_err(|_| AppError::NotFound))?;
    if page < 1 {
        return Err(AppError::NotFound);
    }
    let (organizations, categories) = db
        .read(|conn| {
            Ok((
                public::organizations(conn)?,
                public::categories_with_counts(conn)?,
            ))
        })
        .await?;
    let categories: Vec<CategoryRow> = categories.into_iter().map(|(c, _)| c).collect();
    let state = if queue {
        Some("submitted".to_owned())
    } else {
        query_value(query, "status").filter(|s| s.parse::<State>().is_ok())
    };
    let organization_id = if user.is_secretariat() {
        query_value(query, "organization")
            .and_then(|slug| organizations.iter().find(|o| o.slug == slug).map(|o| o.id))
    } else {
        user.organization_id
    };
    let category_id = query_value(query, "category")
        .and_then(|slug| categories.iter().find(|c| c.slug == slug).map(|c| c.id));
    let filter = Filter {
        state,
        organization_id,
        category_id,
    };
    let (total, rows) = {
        let filter = filter.clone();
        db.read(move |conn| {
            Ok((
                listing::count(conn, &filter)?,
                listing::list(conn, &filter, (page - 1) * PER_PAGE, PER_PAGE)?,
            ))
        })
        .await?
    };
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    if page > pages {
        return Err(AppError::NotFound);
    }
    let layout = Layout::new("en");
    let kept: Vec<(String, String)> = ["status", "organization", "category"]
        .iter()
        .filter_map(|k| query_value(query, k).map(|v| (k.to_string(), v)))
        .collect();
    let page = ActivitiesPage {
        heading: layout.t(if queue {
            "moderation-title"
        } else {
            "activities-title"
        }),
        layout,
        user,
        rows,
        total,
        page,
        pages,
        query: serde_html_form::to_string(&kept).unwrap_or_default(),
        states: State::ALL.iter().map(|s| s.as_str()).collect(),
        organizations,
        categories,
        filter,
        queue,
    };
    html_response(StatusCode::OK, &page)
}

pub async fn list_activities(
    req: HttpRequest,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    list(&req, user.into_inner(), &db, false).await
}

/// `/admin/moderation`: what waits for the secretariat, oldest submission first.
pub async fn moderation_queue(
    req: HttpRequest,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    list(&req, user.into_inner(), &db, true).await
}

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

struct Loaded {
    photos: Vec<PhotoRow>,
    slug: String,
    live: bool,
    state: String,
    revision: i32,
    form: ActivityForm,
    timeline: Vec<TimelineEvent>,
}

async fn load(db: &Db, who: Who, id: i32) -> Result<Loaded, AppError> {
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

async fn form_page(
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
    let layout = Layout::new("en");
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
    let form: ActivityForm = form::parse(&body);
    let user = user.into_inner();
    let result = match form.validate() {
        Ok(content) => {
            service::create(&db, who(&user), Some(form.organization.clone()), content).await?
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
    let form: ActivityForm = form::parse(&body);
    let user = user.into_inner();
    let revision = form.revision.trim().parse::<i32>().ok();
    let result = match form.validate() {
        Ok(content) => service::update(&db, who(&user), id, revision, content).await?,
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

#[derive(Template)]
#[template(path = "admin/activity_preview.html")]
pub struct PreviewPage {
    layout: Layout,
    user: CurrentUser,
    activity_id: i32,
    title: String,
    summary: String,
    language: String,
    body: crate::markdown::SanitizedHtml,
    /// Field label and lines, for an edit of a published activity.
    changes: Vec<(String, Vec<crate::activities::diff::Line>)>,
}

pub async fn preview_activity(
    path: web::Path<String>,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let id = id_of(&path)?;
    let user = user.into_inner();
    let w = who(&user);
    let (revision, live) = db
        .read(move |conn| {
            let head = acts::head(conn, id)?
                .filter(|h| w.can_reach(h.organization_id))
                .ok_or(AppError::NotFound)?;
            let current_id = head.current_revision_id.ok_or(AppError::NotFound)?;
            let live = match head.live_revision_id.filter(|l| *l != current_id) {
                Some(l) => Some(acts::revision(conn, l)?),
                None => None,
            };
            Ok((acts::revision(conn, current_id)?, live))
        })
        .await?;
    // For an edit of a published activity: what would change for readers.
    let changes = live.map_or_else(Vec::new, |live| {
        crate::activities::diff::fields(&[
            ("activity-title", &live.title, &revision.title),
            ("activity-summary", &live.summary, &revision.summary),
            ("activity-body", &live.body, &revision.body),
            ("activity-location", &live.location, &revision.location),
        ])
    });
    let layout = Layout::new("en");
    let page = PreviewPage {
        changes: changes
            .into_iter()
            .map(|c| (layout.t(c.field), c.lines))
            .collect(),
        layout,
        user,
        activity_id: id,
        title: revision.title,
        summary: revision.summary,
        language: revision.language,
        body: crate::markdown::SanitizedHtml::from_stored(revision.body_html),
    };
    html_response(StatusCode::OK, &page)
}

#[derive(Default, serde::Deserialize)]
struct ActionForm {
    #[serde(default)]
    revision: String,
    #[serde(default)]
    comment: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    publish_at: String,
    #[serde(default)]
    consent: String,
}

/// `POST /admin/activities/{id}/{action}`, for every lifecycle action.
pub async fn act(
    mailer: &Mailer,
    id: &str,
    action: Action,
    body: &[u8],
    user: CurrentUser,
    db: &Db,
    site: &Site,
) -> Result<HttpResponse, AppError> {
    let w = who(&user);
    // The role is checked before the object: a member never learns whether it exists.
    if !lifecycle::role_allows(&w, action) {
        return Err(AppError::Forbidden("activity-action-not-allowed"));
    }
    let id = id_of(id)?;
    let f: ActionForm = form::parse(body);
    let mut errors = FieldErrors::default();
    let publish_at = match f.publish_at.trim() {
        "" => None,
        // Browsers send minutes; seconds are accepted too.
        text => match chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
            .or_else(|_| chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        {
            Ok(local) => {
                use chrono::TimeZone;
                site.timezone
                    .from_local_datetime(&local)
                    .earliest()
                    .map(|t| t.naive_utc())
            }
            Err(_) => {
                errors.add("publish_at", "activity-publish-at-invalid");
                None
            }
        },
    };
    let revision = match f.revision.trim() {
        "" => None,
        text => Some(
            text.parse::<i32>()
                .map_err(|_| AppError::Conflict("activity-stale-revision"))?,
        ),
    };
    let comment = if action == Action::Reject {
        f.reason
    } else {
        f.comment
    };
    let input = ActionInput {
        revision,
        comment: comment.clone(),
        publish_at,
        consent: f.consent == "yes",
    };
    let outcome = if errors.is_empty() {
        let w = w.clone();
        db.write(move |conn| lifecycle::apply(conn, &w, false, id, action, &input))
            .await?
    } else {
        // The object must exist for this person before the form is judged.
        load(db, w, id).await?;
        Done::Invalid(errors)
    };
    match outcome {
        Done::Changed => {
            // After the commit, and never failing the request: mail is a courtesy.
            if let Err(e) = notices::after(db, mailer, site, id, action, &comment).await {
                tracing::warn!(error = %e, "could not queue a notification");
            }
            Ok(see_other(&format!("/admin/activities/{id}/edit")))
        }
        Done::Deleted => Ok(see_other("/admin/activities")),
        Done::Invalid(errors) => html_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            &form_page(db, user, Some(id), None, &errors).await?,
        ),
    }
}

macro_rules! action_handlers {
    ($($name:ident => $action:expr;)*) => {$(
        pub async fn $name(mailer: web::Data<Mailer>, path: web::Path<String>, body: web::Bytes, user: web::ReqData<CurrentUser>, db: web::Data<Db>, site: web::Data<Site>) -> Result<HttpResponse, AppError> {
            act(&mailer, &path, $action, &body, user.into_inner(), &db, &site).await
        }
    )*};
}

action_handlers! {
    submit_activity => Action::Submit;
    delete_activity => Action::Delete;
    withdraw_activity => Action::Withdraw;
    approve_activity => Action::Approve;
    request_changes => Action::RequestChanges;
    reject_activity => Action::Reject;
    reopen_activity => Action::Reopen;
    unpublish_activity => Action::Unpublish;
    republish_activity => Action::Republish;
}
