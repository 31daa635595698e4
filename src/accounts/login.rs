//! Logging in, with throttling that survives restarts and no hint of which emails exist.

use chrono::{TimeDelta, Utc};

use super::{Actor, audit};
use crate::auth::password::{verify_dummy, verify_password};
use crate::auth::session_store::SessionLimits;
use crate::config::Throttle;
use crate::db::Db;
use crate::db::models::login_attempts;
use crate::db::models::sessions as session_rows;
use crate::db::models::users::{self, User};
use crate::domain::Email;
use crate::error::AppError;

/// What a login attempt came to.
#[derive(Debug)]
pub enum LoginOutcome {
    LoggedIn(Box<User>),
    /// Unknown email, wrong password, or an account that may not log in: one answer for all.
    Invalid,
    /// Too many failures for this account or from this address in the window.
    Throttled,
}

/// Checks `email` and `password` from `client_ip`, recording the attempt.
pub async fn log_in(
    db: &Db,
    throttle: Throttle,
    sessions: SessionLimits,
    email: &str,
    password: &str,
    client_ip: &str,
) -> Result<LoginOutcome, AppError> {
    let email = email.trim().to_lowercase();
    let window = TimeDelta::from_std(throttle.window).unwrap_or(TimeDelta::MAX);
    let (throttled, user) = db
        .read({
            let (email, ip) = (email.clone(), client_ip.to_owned());
            move |conn| {
                let since = Utc::now().naive_utc() - window;
                let throttled = login_attempts::failures_for_email(conn, &email, since)?
                    >= throttle.per_account
                    || login_attempts::failures_for_ip(conn, &ip, since)? >= throttle.per_address;
                let user = match email.parse::<Email>() {
                    Ok(e) => users::find_by_email(conn, &e)?,
                    Err(_) => None,
                };
                Ok((throttled, user))
            }
        })
        .await?;
    let actor = Actor {
        id: None,
        email: email.clone(),
        client_ip: client_ip.to_owned(),
    };
    if throttled {
        db.write(move |conn| Ok(audit(conn, &actor, "login-throttled", ("", None), "")?))
            .await?;
        return Ok(LoginOutcome::Throttled);
    }
    // argon2 is slow on purpose: off the async workers. Unknown emails cost the same.
    let password = password.to_owned();
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    let verified = actix_web::web::block(move || match hash {
        Some(hash) => verify_password(&password, &hash),
        None => verify_dummy(&password),
    })
    .await?;
    let outcome = db
        .write(move |conn| {
            let now = Utc::now().naive_utc();
            let allowed = match &user {
                Some(u) if verified => users::may_log_in(conn, u)?,
                _ => false,
            };
            login_attempts::record(conn, &actor.email, &actor.client_ip, allowed, now)?;
            login_attempts::prune(conn, now - TimeDelta::days(1))?;
            // Logins are rare and already write: a good moment to sweep dead sessions.
            let idle = TimeDelta::from_std(sessions.idle).unwrap_or(TimeDelta::MAX);
            session_rows::delete_expired(conn, now, now - idle)?;
            match user {
                Some(user) if allowed => {
                    users::record_login(conn, user.id, now)?;
                    let actor = Actor {
                        id: Some(user.id),
                        ..actor
                    };
                    audit(conn, &actor, "login", ("user", Some(user.id)), "")?;
                    Ok(LoginOutcome::LoggedIn(Box::new(user)))
                }
                _ => {
                    audit(conn, &actor, "login-failed", ("", None), "")?;
                    Ok(LoginOutcome::Invalid)
                }
            }
        })
        .await?;
    Ok(outcome)
}

/// Records a logout.
pub async fn logged_out(db: &Db, actor: Actor) -> Result<(), AppError> {
    db.write(move |conn| {
        let target = ("user", actor.id);
        Ok(audit(conn, &actor, "logout", target, "")?)
    })
    .await
}
