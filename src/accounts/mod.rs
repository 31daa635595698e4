//! Account services: logging in, managing accounts, and the secretariat account made at
//! start. Hashing runs on the blocking pool before any write transaction.

pub mod login;
pub mod manage;

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

/// Who did something, for the audit log.
#[derive(Debug, Clone, Default)]
pub struct Actor {
    pub id: Option<i32>,
    pub email: String,
    pub client_ip: String,
}

impl Actor {
    /// The command line or start-up.
    pub fn system() -> Self {
        Actor {
            id: None,
            email: "command line".into(),
            client_ip: String::new(),
        }
    }
}

/// Records an audit event inside the caller's transaction.
pub fn audit(
    conn: &mut diesel::SqliteConnection,
    actor: &Actor,
    action: &str,
    target: (&str, Option<i32>),
    detail: &str,
) -> diesel::QueryResult<()> {
    crate::db::models::audit::record(
        conn,
        &crate::db::models::audit::NewAuditEvent {
            actor_id: actor.id,
            actor_email: &actor.email,
            action,
            target_type: target.0,
            target_id: target.1,
            detail,
            client_ip: &actor.client_ip,
        },
    )
}
