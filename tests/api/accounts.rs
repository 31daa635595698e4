use diesel::prelude::*;
use mmn_portal::auth::password::verify_password;
use mmn_portal::db::models::users::{self, User};
use mmn_portal::db::schema::users as users_table;

use crate::helpers::TestApp;

#[tokio::test]
async fn the_first_start_creates_a_secretariat_that_must_change_its_password() {
    let app = TestApp::spawn().await;
    let credentials = app.credentials.clone().expect("one-time credentials");
    assert_eq!(credentials.email, "admin@localhost");

    let all: Vec<User> = users_table::table
        .select(User::as_select())
        .load(&mut *app.db.read_conn().unwrap())
        .unwrap();
    assert_eq!(all.len(), 1);
    let admin = &all[0];
    assert_eq!((admin.role.as_str(), admin.active), ("secretariat", true));
    assert!(
        admin.must_change_password,
        "a generated password is one-time"
    );
    assert!(admin.password_hash.starts_with("$argon2id$"));
    assert!(verify_password(&credentials.password, &admin.password_hash));
    assert!(
        !admin.password_hash.contains(&credentials.password),
        "only the hash is stored"
    );
}

#[tokio::test]
async fn a_deactivated_secretariat_is_replaced_at_the_next_start() {
    let app = TestApp::spawn().await;
    let data_dir = app.data_dir.path().to_owned();
    diesel::update(users_table::table)
        .set(users_table::active.eq(false))
        .execute(&mut *app.db.write_conn().unwrap())
        .unwrap();
    let mut config = mmn_portal::config::Config::for_data_dir(data_dir);
    config.admin_email = "office@mekongmigration.org".parse().unwrap();
    let again = mmn_portal::startup::Application::build(config).unwrap();

    let credentials = again.one_time_credentials().expect("a new account");
    assert_eq!(credentials.email, "office@mekongmigration.org");
    let conn = &mut *again.db().read_conn().unwrap();
    assert!(users::active_secretariat_exists(conn).unwrap());
    let old = users::find_by_email(conn, &"admin@localhost".parse().unwrap())
        .unwrap()
        .unwrap();
    assert!(!old.active, "the deactivated account stays deactivated");
}
