//! Authentication and authorization: passwords, sessions, CSRF, and the guards of the
//! admin area.

pub mod client_ip;
pub mod csrf;
pub mod guard;
pub mod password;
pub mod session;
pub mod session_store;

/// A random URL-safe token of 256 bits.
pub fn random_token() -> Result<String, crate::error::AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| crate::error::AppError::internal(anyhow::anyhow!("no randomness: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
