//! `GET /admin`: where an account lands after logging in, with what waits for it.

use actix_web::web;
use askama::Template;
use askama_web::WebTemplate;

use crate::auth::guard::CurrentUser;
use crate::db::Db;
use crate::db::models::admin_activities::{self as listing, Filter};
use crate::domain::lifecycle::State;
use crate::error::AppError;
use crate::templates::Layout;

#[derive(Template, WebTemplate)]
#[template(path = "admin/dashboard.html")]
pub struct DashboardPage {
    layout: Layout,
    user: CurrentUser,
    /// The secretariat: submissions waiting for review. A member: its reports with changes
    /// requested.
    waiting: String,
    waiting_count: i64,
    drafts: String,
}

pub async fn show_dashboard(
    user: web::ReqData<CurrentUser>,
    db: web::Data<Db>,
) -> Result<DashboardPage, AppError> {
    let user = user.into_inner();
    let organization_id = if user.is_secretariat() {
        None
    } else {
        user.organization_id
    };
    let waiting_state = if user.is_secretariat() {
        State::Submitted
    } else {
        State::ChangesRequested
    };
    let (waiting_count, drafts) = db
        .read(move |conn| {
            let count = |conn: &mut diesel::SqliteConnection, state: State| {
                listing::count(
                    conn,
                    &Filter {
                        state: Some(state.as_str().to_owned()),
                        organization_id,
                        category_id: None,
                    },
                )
            };
            Ok((count(conn, waiting_state)?, count(conn, State::Draft)?))
        })
        .await?;
    let layout = Layout::for_user(&user);
    let layout_drafts = layout.t_count("dashboard-drafts", drafts);
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("count", waiting_count);
    let id = if user.is_secretariat() {
        "dashboard-waiting-review"
    } else {
        "dashboard-changes-requested"
    };
    Ok(DashboardPage {
        waiting: layout.catalog.message_with(id, &args).into_owned(),
        layout,
        user,
        waiting_count,
        drafts: layout_drafts,
    })
}
