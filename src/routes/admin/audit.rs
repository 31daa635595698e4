//! `/admin/audit`: the audit log, newest first, 50 events a page, filtered by action.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::TimeZone;
use serde::Deserialize;

use crate::auth::guard::CurrentUser;
use crate::config::Site;
use crate::db::Db;
use crate::db::models::audit::{self, AuditEvent};
use crate::error::AppError;
use crate::routes::form;
use crate::templates::{Layout, html_response};

/// Events on one page.
const PER_PAGE: i64 = 50;

/// Every action the portal records, for the filter. A unit test below keeps it complete.
pub const KNOWN_ACTIONS: &[&str] = &[
    "login",
    "login-failed",
    "login-throttled",
    "logout",
    "password-changed",
    "password-reset",
    "account-created",
    "account-deactivated",
    "account-reactivated",
    "organization-created",
    "organization-updated",
    "organization-logo-changed",
    "organization-deactivated",
    "organization-reactivated",
    "category-created",
    "category-updated",
    "page-updated",
    "image-purged",
];

/// One event as the table shows it.
pub struct AuditRow {
    /// In the site's time zone, for reading.
    time: String,
    /// RFC 3339, for `<time datetime>`.
    datetime: String,
    email: String,
    action: String,
    target: String,
    detail: String,
    client_ip: String,
}

impl AuditRow {
    fn new(event: AuditEvent, timezone: chrono_tz::Tz) -> Self {
        let local = timezone.from_utc_datetime(&event.created_at);
        AuditRow {
            time: local.format("%Y-%m-%d %H:%M:%S").to_string(),
            datetime: local.to_rfc3339(),
            email: event.actor_email,
            action: event.action,
            target: match event.target_id {
                Some(id) => format!("{} {id}", event.target_type),
                None => event.target_type,
            },
            detail: event.detail,
            client_ip: event.client_ip,
        }
    }
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
pub struct AuditPage {
    layout: Layout,
    user: CurrentUser,
    rows: Vec<AuditRow>,
    actions: &'static [&'static str],
    action: String,
    time_heading: String,
    count: String,
    status: String,
    newer: Option<String>,
    older: Option<String>,
}

impl AuditPage {
    /// Whether `action` is the filter in use.
    fn is_selected(&self, action: &str) -> bool {
        self.action == action
    }
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct AuditQuery {
    page: String,
    action: String,
}

/// The page number: absent means 1; anything but a positive number names no page (404).
fn page_number(typed: &str) -> Result<i64, AppError> {
    if typed.is_empty() {
        return Ok(1);
    }
    typed
        .parse::<i64>()
        .ok()
        .filter(|n| (1..=1_000_000).contains(n))
        .ok_or(AppError::NotFound)
}

/// The address of page `n` of the list filtered by `action`.
fn page_url(n: i64, action: &str) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    if !action.is_empty() {
        query.append_pair("action", action);
    }
    if n > 1 {
        query.append_pair("page", &n.to_string());
    }
    let query = query.finish();
    if query.is_empty() {
        "/admin/audit".to_owned()
    } else {
        format!("/admin/audit?{query}")
    }
}

pub async fn list_audit_events(
    req: HttpRequest,
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
    site: web::Data<Site>,
) -> Result<HttpResponse, AppError> {
    let query: AuditQuery = form::parse(req.query_string().as_bytes());
    let page = page_number(&query.page)?;
    let action = query.action;
    // Only the known actions are filters; anything else names no list.
    if !action.is_empty() && !KNOWN_ACTIONS.contains(&action.as_str()) {
        return Err(AppError::NotFound);
    }
    let filter = (!action.is_empty()).then(|| action.clone());
    let (total, events) = db
        .read(move |conn| {
            Ok(audit::list(
                conn,
                filter.as_deref(),
                (page - 1) * PER_PAGE,
                PER_PAGE,
            )?)
        })
        .await?;
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    if page > pages {
        return Err(AppError::NotFound);
    }
    let layout = Layout::for_user(&user);
    let mut status = fluent_bundle::FluentArgs::new();
    status.set("page", page);
    status.set("pages", pages);
    let page_view = AuditPage {
        rows: events
            .into_iter()
            .map(|e| AuditRow::new(e, site.timezone))
            .collect(),
        actions: KNOWN_ACTIONS,
        time_heading: layout.t_with("audit-time", "zone", site.timezone.name()),
        count: layout.t_count("audit-count", total),
        status: layout
            .catalog
            .message_with("pagination-status", &status)
            .into_owned(),
        newer: (page > 1).then(|| page_url(page - 1, &action)),
        older: (page < pages).then(|| page_url(page + 1, &action)),
        action,
        layout,
        user: user.into_inner(),
    };
    html_response(StatusCode::OK, &page_view)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDateTime;
    use std::path::Path;

    #[test]
    fn times_are_shown_in_the_site_time_zone() {
        let event = AuditEvent {
            id: 1,
            actor_email: "admin@localhost".into(),
            action: "login".into(),
            target_type: "user".into(),
            target_id: Some(1),
            detail: String::new(),
            client_ip: "127.0.0.1".into(),
            created_at: NaiveDateTime::parse_from_str("2026-11-29 17:30:00", "%Y-%m-%d %H:%M:%S")
                .unwrap(),
        };
        let row = AuditRow::new(event, chrono_tz::Asia::Bangkok);
        assert_eq!(row.time, "2026-11-30 00:30:00");
        assert_eq!(row.datetime, "2026-11-30T00:30:00+07:00");
        assert_eq!(row.target, "user 1");
    }

    #[test]
    fn page_links_keep_the_filter() {
        assert_eq!(page_url(1, ""), "/admin/audit");
        assert_eq!(page_url(2, ""), "/admin/audit?page=2");
        assert_eq!(
            page_url(3, "login-failed"),
            "/admin/audit?action=login-failed&page=3"
        );
        assert!(page_number("0").is_err() && page_number("x").is_err());
        assert_eq!(page_number("").unwrap(), 1);
    }

    /// Every action recorded anywhere in the sources (a literal handed to `audit`, or an
    /// `action` chosen between two literals) is in the filter list.
    #[test]
    fn the_filter_knows_every_recorded_action() {
        let mut found = Vec::new();
        collect(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut found,
        );
        assert!(found.len() >= 10, "found only {found:?}");
        assert!(
            found.iter().any(|a| a == "organization-logo-changed"),
            "{found:?}"
        );
        let missing: Vec<_> = found
            .iter()
            .filter(|a| !KNOWN_ACTIONS.contains(&a.as_str()))
            .collect();
        assert!(missing.is_empty(), "KNOWN_ACTIONS lacks {missing:?}");
    }

    fn collect(dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                collect(&path, out);
                continue;
            }
            // This file names the needles itself; data files hold no calls.
            if path.ends_with("routes/admin/audit.rs") || path.extension().is_none_or(|e| e != "rs")
            {
                continue;
            }
            // Without whitespace, so that however a call is wrapped it reads the same.
            let source: String = std::fs::read_to_string(&path)
                .unwrap()
                .split_whitespace()
                .collect();
            for piece in source.split("audit(conn,&actor,\"").skip(1) {
                out.extend(piece.split('"').next().map(str::to_owned));
            }
            for piece in source.split("letaction=ifactive{").skip(1) {
                let choice = piece.split(';').next().unwrap_or_default();
                out.extend(choice.split('"').skip(1).step_by(2).map(str::to_owned));
            }
        }
    }
}
