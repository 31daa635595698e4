//! The activities list and the moderation queue.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::guard::CurrentUser;
use crate::db::Db;
use crate::db::models::admin_activities::{self as listing, Filter, Row};
use crate::db::models::public::{self, CategoryRow, OrganizationRow};
use crate::domain::lifecycle::State;
use crate::error::AppError;
use crate::templates::{Layout, html_response};

const PER_PAGE: i64 = 25;
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

pub(super) fn query_value(query: &str, key: &str) -> Option<String> {
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
    let layout = Layout::for_user(&user);
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
