//! `/admin/moderation/history`: every moderation event, newest first, with filters.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::TimeZone;

use super::list::query_value;
use crate::auth::guard::CurrentUser;
use crate::config::Site;
use crate::db::Db;
use crate::db::models::admin_activities::{self as listing, HistoryRow};
use crate::db::models::public::{self, OrganizationRow};
use crate::domain::lifecycle::Action;
use crate::error::AppError;
use crate::templates::{Layout, html_response};

const PER_PAGE: i64 = 50;

/// Actions as recorded: the lifecycle's, and the editor's own.
fn known_actions() -> Vec<&'static str> {
    let mut actions = vec!["create", "new-revision", "demo"];
    actions.extend(Action::ALL.iter().map(|a| a.as_str()));
    actions
}

#[derive(Template)]
#[template(path = "admin/history.html")]
pub struct HistoryPage {
    layout: Layout,
    user: CurrentUser,
    rows: Vec<(String, HistoryRow)>,
    total: i64,
    page: i64,
    pages: i64,
    actions: Vec<&'static str>,
    organizations: Vec<OrganizationRow>,
    action: Option<String>,
    organization: Option<String>,
}

impl HistoryPage {
    fn page_url(&self, n: &i64) -> String {
        let mut pairs = Vec::new();
        if let Some(a) = &self.action {
            pairs.push(("action", a.as_str()));
        }
        if let Some(o) = &self.organization {
            pairs.push(("organization", o.as_str()));
        }
        let n = n.to_string();
        pairs.push(("page", &n));
        format!(
            "/admin/moderation/history?{}",
            serde_html_form::to_string(&pairs).unwrap_or_default()
        )
    }

    fn action_selected(&self, action: &str) -> bool {
        self.action.as_deref() == Some(action)
    }

    fn organization_selected(&self, slug: &str) -> bool {
        self.organization.as_deref() == Some(slug)
    }
}

pub async fn moderation_history(
    req: HttpRequest,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
    site: web::Data<Site>,
) -> Result<HttpResponse, AppError> {
    let query = req.query_string();
    let page: i64 =
        query_value(query, "page").map_or(Ok(1), |p| p.parse().map_err(|_| AppError::NotFound))?;
    let action = query_value(query, "action").filter(|a| known_actions().contains(&a.as_str()));
    let organization = query_value(query, "organization");
    let organizations = db.read(|conn| Ok(public::organizations(conn)?)).await?;
    let organization_id = organization
        .as_ref()
        .and_then(|slug| organizations.iter().find(|o| &o.slug == slug).map(|o| o.id));
    let filter_action = action.clone();
    let (total, rows) = db
        .read(move |conn| {
            let offset = (page.max(1) - 1) * PER_PAGE;
            Ok(listing::history(
                conn,
                filter_action.as_deref(),
                organization_id,
                offset,
                PER_PAGE,
            )?)
        })
        .await?;
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    if page < 1 || page > pages {
        return Err(AppError::NotFound);
    }
    let rows = rows
        .into_iter()
        .map(|r| {
            (
                site.timezone
                    .from_utc_datetime(&r.created_at)
                    .format("%Y-%m-%d %H:%M")
                    .to_string(),
                r,
            )
        })
        .collect();
    let page = HistoryPage {
        layout: Layout::for_user(&user),
        user: user.into_inner(),
        rows,
        total,
        page,
        pages,
        actions: known_actions(),
        organizations,
        action,
        organization: organization.filter(|_| organization_id.is_some()),
    };
    html_response(StatusCode::OK, &page)
}
