//! Accounts.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::users;
use crate::domain::{Email, Role};

/// An account as stored.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: i32,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: String,
    pub organization_id: Option<i32>,
    pub must_change_password: bool,
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub last_login_at: Option<NaiveDateTime>,
}

/// A new account.
#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: &'a str,
    pub organization_id: Option<i32>,
    pub must_change_password: bool,
}

/// The account with this email, active or not.
pub fn find_by_email(conn: &mut SqliteConnection, email: &Email) -> QueryResult<Option<User>> {
    users::table
        .filter(users::email.eq(email.as_str()))
        .select(User::as_select())
        .first(conn)
        .optional()
}

/// Whether any active secretariat account exists.
pub fn active_secretariat_exists(conn: &mut SqliteConnection) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        users::table
            .filter(users::role.eq(Role::Secretariat.as_str()))
            .filter(users::active.eq(true)),
    ))
    .get_result(conn)
}

/// Inserts an account and returns its id.
pub fn insert(conn: &mut SqliteConnection, user: &NewUser<'_>) -> QueryResult<i32> {
    diesel::insert_into(users::table)
        .values(user)
        .returning(users::id)
        .get_result(conn)
}

/// Makes the account `id` an active secretariat account with a new one-time password.
pub fn reset_as_secretariat(
    conn: &mut SqliteConnection,
    id: i32,
    password_hash: &str,
) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set((
            users::role.eq(Role::Secretariat.as_str()),
            users::organization_id.eq(None::<i32>),
            users::active.eq(true),
            users::password_hash.eq(password_hash),
            users::must_change_password.eq(true),
        ))
        .execute(conn)
        .map(drop)
}

/// The account `id` when it may act: active, and of an active organization if a member.
pub fn find_active(conn: &mut SqliteConnection, id: i32) -> QueryResult<Option<User>> {
    use crate::db::schema::organizations;
    users::table
        .left_join(organizations::table)
        .filter(users::id.eq(id))
        .filter(users::active.eq(true))
        .filter(
            users::organization_id
                .is_null()
                .or(organizations::active.eq(true)),
        )
        .select(User::as_select())
        .first(conn)
        .optional()
}

/// Whether the account may log in: active, and of an active organization if a member.
pub fn may_log_in(conn: &mut SqliteConnection, user: &User) -> QueryResult<bool> {
    Ok(find_active(conn, user.id)?.is_some())
}

/// Sets a new password hash; `one_time` forces a change at the next login.
pub fn set_password(
    conn: &mut SqliteConnection,
    id: i32,
    password_hash: &str,
    one_time: bool,
) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set((
            users::password_hash.eq(password_hash),
            users::must_change_password.eq(one_time),
        ))
        .execute(conn)
        .map(drop)
}

pub fn record_login(conn: &mut SqliteConnection, id: i32, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::last_login_at.eq(at))
        .execute(conn)
        .map(drop)
}

pub fn set_active(conn: &mut SqliteConnection, id: i32, active: bool) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::active.eq(active))
        .execute(conn)
        .map(drop)
}

pub fn find(conn: &mut SqliteConnection, id: i32) -> QueryResult<Option<User>> {
    users::table
        .find(id)
        .select(User::as_select())
        .first(conn)
        .optional()
}

/// Every account, secretariat first, then by email.
pub fn list(conn: &mut SqliteConnection) -> QueryResult<Vec<User>> {
    users::table
        .order((users::role.desc(), users::email))
        .select(User::as_select())
        .load(conn)
}

/// The ids of an organization's accounts, active or not.
pub fn ids_of_organization(
    conn: &mut SqliteConnection,
    organization_id: i32,
) -> QueryResult<Vec<i32>> {
    users::table
        .filter(users::organization_id.eq(organization_id))
        .select(users::id)
        .load(conn)
}

/// Emails of the active secretariat accounts.
pub fn active_secretariat_emails(conn: &mut SqliteConnection) -> QueryResult<Vec<String>> {
    users::table
        .filter(users::role.eq(Role::Secretariat.as_str()))
        .filter(users::active.eq(true))
        .select(users::email)
        .load(conn)
}

/// Emails of the active accounts of an organization.
pub fn active_emails_of_organization(
    conn: &mut SqliteConnection,
    organization_id: i32,
) -> QueryResult<Vec<String>> {
    users::table
        .filter(users::organization_id.eq(organization_id))
        .filter(users::active.eq(true))
        .select(users::email)
        .load(conn)
}
