//! Creating accounts, changing and resetting passwords, deactivating.

use super::{Actor, OneTimeCredentials, audit};
use crate::auth::password::{generate_one_time_password, hash_password, verify_password, weakness};
use crate::db::Db;
use crate::db::models::sessions;
use crate::db::models::users::{self, NewUser};
use crate::domain::{Email, Role};
use crate::error::AppError;

/// Why a form about an account was refused, field by field (message ids).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct AccountErrors {
    pub email: Option<&'static str>,
    pub password: Option<&'static str>,
    pub current_password: Option<&'static str>,
    pub organization: Option<&'static str>,
}

impl AccountErrors {
    pub fn is_empty(&self) -> bool {
        *self == AccountErrors::default()
    }
}

async fn hash(password: String) -> Result<String, AppError> {
    actix_web::web::block(move || hash_password(&password))
        .await?
        .map_err(AppError::from)
}

/// Changes the account's own password after checking the current one.
pub async fn change_own_password(
    db: &Db,
    actor: Actor,
    current: String,
    new: String,
) -> Result<AccountErrors, AppError> {
    let user_id = actor.id.ok_or(AppError::NotFound)?;
    let user = db
        .read(move |conn| users::find(conn, user_id)?.ok_or(AppError::NotFound))
        .await?;
    let stored = user.password_hash.clone();
    let current_ok = actix_web::web::block(move || verify_password(&current, &stored)).await?;
    let mut errors = AccountErrors::default();
    if !current_ok {
        errors.current_password = Some("password-current-wrong");
    }
    errors.password = weakness(&new, &[&user.email, &user.display_name]);
    if !errors.is_empty() {
        return Ok(errors);
    }
    let new_hash = hash(new).await?;
    db.write(move |conn| {
        users::set_password(conn, user_id, &new_hash, false)?;
        audit(
            conn,
            &actor,
            "password-changed",
            ("user", Some(user_id)),
            "",
        )?;
        Ok(())
    })
    .await?;
    Ok(errors)
}

/// What the secretariat (or the command line) asks for a new account.
pub struct NewAccount {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// Slug; required for members, ignored for the secretariat.
    pub organization: Option<String>,
    /// A final password (from `user add` on stdin); `None` generates a one-time one.
    pub password: Option<String>,
}

/// Creates an account. Returns the one-time credentials to show once, or the field errors.
pub async fn create_account(
    db: &Db,
    actor: Actor,
    account: NewAccount,
) -> Result<Result<Option<OneTimeCredentials>, AccountErrors>, AppError> {
    let mut errors = AccountErrors::default();
    let email = match account.email.parse::<Email>() {
        Ok(e) => Some(e),
        Err(_) => {
            errors.email = Some("account-email-invalid");
            None
        }
    };
    if let Some(password) = &account.password {
        errors.password = weakness(password, &[&account.email]);
    }
    let organization = match (account.role, account.organization.as_deref().map(str::trim)) {
        (Role::Secretariat, _) => None,
        (Role::Member, None | Some("")) => {
            errors.organization = Some("account-organization-required");
            None
        }
        (Role::Member, Some(slug)) => {
            let slug = slug.to_owned();
            let id = db
                .read(move |conn| Ok(crate::db::models::site::organization_id(conn, &slug)?))
                .await?;
            if id.is_none() {
                errors.organization = Some("account-organization-unknown");
            }
            id
        }
    };
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return Ok(Err(errors));
    };
    let (password, one_time) = match account.password {
        Some(p) => (p, false),
        None => (generate_one_time_password()?, true),
    };
    let password_hash = hash(password.clone()).await?;
    let role = account.role;
    let display_name = account.display_name;
    let result = db
        .write(move |conn| {
            if users::find_by_email(conn, &email)?.is_some() {
                return Ok(Err(AccountErrors {
                    email: Some("account-email-taken"),
                    ..Default::default()
                }));
            }
            let id = users::insert(
                conn,
                &NewUser {
                    email: email.as_str(),
                    display_name: &display_name,
                    password_hash: &password_hash,
                    role: role.as_str(),
                    organization_id: organization,
                    must_change_password: one_time,
                },
            )?;
            audit(
                conn,
                &actor,
                "account-created",
                ("user", Some(id)),
                &format!("{} {}", role, email),
            )?;
            Ok(Ok(one_time.then(|| OneTimeCredentials {
                email: email.to_string(),
                password,
            })))
        })
        .await?;
    Ok(result)
}

/// Gives the account a new one-time password and ends its sessions.
pub async fn reset_password(
    db: &Db,
    actor: Actor,
    user_id: i32,
) -> Result<OneTimeCredentials, AppError> {
    let password = generate_one_time_password()?;
    let password_hash = hash(password.clone()).await?;
    db.write(move |conn| {
        let user = users::find(conn, user_id)?.ok_or(AppError::NotFound)?;
        users::set_password(conn, user_id, &password_hash, true)?;
        sessions::delete_for_user(conn, user_id)?;
        audit(
            conn,
            &actor,
            "password-reset",
            ("user", Some(user_id)),
            &user.email,
        )?;
        Ok(OneTimeCredentials {
            email: user.email,
            password,
        })
    })
    .await
}

/// Deactivates (ending its sessions at once) or reactivates an account.
pub async fn set_account_active(
    db: &Db,
    actor: Actor,
    user_id: i32,
    active: bool,
) -> Result<(), AppError> {
    db.write(move |conn| {
        let user = users::find(conn, user_id)?.ok_or(AppError::NotFound)?;
        users::set_active(conn, user_id, active)?;
        if !active {
            sessions::delete_for_user(conn, user_id)?;
        }
        let action = if active {
            "account-reactivated"
        } else {
            "account-deactivated"
        };
        audit(conn, &actor, action, ("user", Some(user_id)), &user.email)?;
        Ok(())
    })
    .await
}
