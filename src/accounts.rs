//! Account services that run outside a request: the secretariat account made at start.

use crate::auth::password::{generate_one_time_password, hash_password};
use crate::db::Db;
use crate::db::models::users::{self, NewUser};
use crate::domain::{Email, Role};

/// An account created with a generated password that must be changed at first login.
#[derive(Debug, Clone)]
pub struct OneTimeCredentials {
    pub email: String,
    pub password: String,
}

/// Makes sure someone can administer the portal: when no active secretariat account
/// exists, creates one for `email` (or restores the account that has that email) with a
/// generated one-time password, and returns the credentials to print.
pub fn ensure_secretariat(db: &Db, email: &Email) -> anyhow::Result<Option<OneTimeCredentials>> {
    if users::active_secretariat_exists(&mut *db.read_conn()?)? {
        return Ok(None);
    }
    let password = generate_one_time_password()?;
    // Hash before taking the write lock: argon2 is deliberately slow.
    let hash = hash_password(&password)?;
    db.write_conn()?.immediate_transaction(|conn| {
        // Checked again under the lock, in case another process made one meanwhile.
        if users::active_secretariat_exists(conn)? {
            return Ok::<_, diesel::result::Error>(None);
        }
        match users::find_by_email(conn, email)? {
            Some(existing) => {
                tracing::warn!(email = %email, "restoring this account as the secretariat account");
                users::reset_as_secretariat(conn, existing.id, &hash)?;
            }
            None => {
                users::insert(
                    conn,
                    &NewUser {
                        email: email.as_str(),
                        display_name: "Secretariat",
                        password_hash: &hash,
                        role: Role::Secretariat.as_str(),
                        organization_id: None,
                        must_change_password: true,
                    },
                )?;
            }
        }
        Ok(Some(OneTimeCredentials {
            email: email.to_string(),
            password: password.clone(),
        }))
    })
    .map_err(Into::into)
}
