//! What the portal keeps in a session: who is logged in, and the CSRF token.

use actix_session::Session;

use super::session_store::USER_ID;
use crate::error::AppError;

const CSRF_TOKEN: &str = "csrf_token";

fn session_error(e: impl std::fmt::Display) -> AppError {
    AppError::internal(anyhow::anyhow!("session: {e}"))
}

/// The logged-in account's id, if any.
pub fn user_id(session: &Session) -> Result<Option<i32>, AppError> {
    session.get::<i32>(USER_ID).map_err(session_error)
}

/// The session's CSRF token, made on first use. One per session, so parallel forms and
/// uploads all carry a valid one.
pub fn csrf_token(session: &Session) -> Result<String, AppError> {
    if let Some(token) = session.get::<String>(CSRF_TOKEN).map_err(session_error)? {
        return Ok(token);
    }
    let token = super::random_token()?;
    session.insert(CSRF_TOKEN, &token).map_err(session_error)?;
    Ok(token)
}

/// The token to compare a request's against, without making one.
pub fn expected_csrf_token(session: &Session) -> Result<Option<String>, AppError> {
    session.get::<String>(CSRF_TOKEN).map_err(session_error)
}

/// Logs `user_id` in under a new session key (no fixation) with a new CSRF token.
pub fn log_in(session: &Session, user_id: i32) -> Result<(), AppError> {
    session.renew();
    session.insert(USER_ID, user_id).map_err(session_error)?;
    session
        .insert(CSRF_TOKEN, super::random_token()?)
        .map_err(session_error)?;
    Ok(())
}

/// Ends the session: its row is deleted and the cookie removed.
pub fn log_out(session: &Session) {
    session.purge();
}
