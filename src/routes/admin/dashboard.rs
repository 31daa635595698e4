//! `GET /admin`: where an account lands after logging in.

use actix_web::web;
use askama::Template;
use askama_web::WebTemplate;

use crate::auth::guard::CurrentUser;
use crate::templates::Layout;

#[derive(Template, WebTemplate)]
#[template(path = "admin/dashboard.html")]
pub struct DashboardPage {
    layout: Layout,
    user: CurrentUser,
}

pub async fn show_dashboard(user: web::ReqData<CurrentUser>) -> DashboardPage {
    DashboardPage {
        layout: Layout::new("en"),
        user: user.into_inner(),
    }
}
