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
