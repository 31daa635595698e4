//! actix-session's store on the `sessions` table: the cookie carries only a random key, so
//! logging out or deactivating an account really ends its sessions.

use std::collections::HashMap;
use std::time::Duration;

use actix_session::storage::{LoadError, SaveError, SessionKey, SessionStore, UpdateError};
use anyhow::anyhow;
use chrono::{NaiveDateTime, Utc};

use crate::db::Db;
use crate::db::models::sessions::{self, NewSession};
use crate::media::sha256_hex;

/// The session entry that names the logged-in account.
pub const USER_ID: &str = "user_id";

/// How long sessions live.
#[derive(Debug, Clone, Copy)]
pub struct SessionLimits {
    /// Ended after this long without a request.
    pub idle: Duration,
    /// Ended this long after it began (at login), however active.
    pub absolute: Duration,
}

impl Default for SessionLimits {
    fn default() -> Self {
        SessionLimits {
            idle: Duration::from_secs(8 * 3600),
            absolute: Duration::from_secs(7 * 24 * 3600),
        }
    }
}

/// Sessions in SQLite.
#[derive(Clone)]
pub struct SqliteSessionStore {
    db: Db,
    limits: SessionLimits,
}

type State = HashMap<String, String>;

/// Writes of `last_seen_at` more often than this buy nothing but database writes.
const TOUCH_EVERY: chrono::TimeDelta = chrono::TimeDelta::seconds(60);

impl SqliteSessionStore {
    pub fn new(db: Db, limits: SessionLimits) -> Self {
        SqliteSessionStore { db, limits }
    }

    fn now() -> NaiveDateTime {
        Utc::now().naive_utc()
    }

    fn delta(d: Duration) -> chrono::TimeDelta {
        chrono::TimeDelta::from_std(d).unwrap_or(chrono::TimeDelta::MAX)
    }

    /// Removes every expired or idle session.
    pub async fn clean_expired(&self) -> anyhow::Result<usize> {
        let idle = Self::delta(self.limits.idle);
        Ok(self
            .db
            .write(move |conn| {
                let now = Self::now();
                Ok(sessions::delete_expired(conn, now, now - idle)?)
            })
            .await?)
    }
}

/// The row id for a cookie key: a leaked database does not hand out live cookies.
fn row_id(key: &SessionKey) -> String {
    sha256_hex(key.as_ref().as_bytes())
}

fn user_id_of(state: &State) -> Option<i32> {
    state
        .get(USER_ID)
        .and_then(|v| serde_json::from_str(v).ok())
}

fn new_key() -> anyhow::Result<SessionKey> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow!("no randomness: {e}"))?;
    let key: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    SessionKey::try_from(key).map_err(|e| anyhow!("{e}"))
}

impl SessionStore for SqliteSessionStore {
    async fn load(&self, session_key: &SessionKey) -> Result<Option<State>, LoadError> {
        let id = row_id(session_key);
        let limits = self.limits;
        let row = self
            .db
            .read({
                let id = id.clone();
                move |conn| Ok(sessions::find(conn, &id)?)
            })
            .await
            .map_err(|e| LoadError::Other(anyhow!("{e}")))?;
        let Some(row) = row else { return Ok(None) };
        let now = Self::now();
        let expired = row.expires_at <= now
            || row.created_at + Self::delta(limits.absolute) <= now
            || row.last_seen_at + Self::delta(limits.idle) <= now;
        if expired {
            let _ = self
                .db
                .write(move |conn| Ok(sessions::delete(conn, &id)?))
                .await;
            return Ok(None);
        }
        if now - row.last_seen_at > TOUCH_EVERY {
            self.db
                .write(move |conn| Ok(sessions::touch(conn, &id, now)?))
                .await
                .map_err(|e| LoadError::Other(anyhow!("{e}")))?;
        }
        serde_json::from_str(&row.state)
            .map(Some)
            .map_err(|e| LoadError::Deserialization(e.into()))
    }

    async fn save(
        &self,
        session_state: State,
        _ttl: &actix_web::cookie::time::Duration,
    ) -> Result<SessionKey, SaveError> {
        let key = new_key().map_err(SaveError::Other)?;
        let state = serde_json::to_string(&session_state)
            .map_err(|e| SaveError::Serialization(e.into()))?;
        let id = row_id(&key);
        let user_id = user_id_of(&session_state);
        let absolute = Self::delta(self.limits.absolute);
        self.db
            .write(move |conn| {
                let now = Self::now();
                sessions::insert(
                    conn,
                    &NewSession {
                        id: &id,
                        user_id,
                        state: &state,
                        now,
                        expires_at: now + absolute,
                    },
                )?;
                Ok(())
            })
            .await
            .map_err(|e| SaveError::Other(anyhow!("{e}")))?;
        Ok(key)
    }

    async fn update(
        &self,
        session_key: SessionKey,
        session_state: State,
        ttl: &actix_web::cookie::time::Duration,
    ) -> Result<SessionKey, UpdateError> {
        let state = serde_json::to_string(&session_state)
            .map_err(|e| UpdateError::Serialization(e.into()))?;
        let id = row_id(&session_key);
        let user_id = user_id_of(&session_state);
        let updated = self
            .db
            .write(move |conn| {
                Ok(sessions::update_state(
                    conn,
                    &id,
                    user_id,
                    &state,
                    Self::now(),
                )?)
            })
            .await
            .map_err(|e| UpdateError::Other(anyhow!("{e}")))?;
        if updated {
            Ok(session_key)
        } else {
            // The row was removed meanwhile (logout elsewhere, expiry): start a new one
            // rather than resurrect the old key.
            self.save(session_state, ttl)
                .await
                .map_err(|e| UpdateError::Other(anyhow!("{e}")))
        }
    }

    async fn update_ttl(
        &self,
        _session_key: &SessionKey,
        _ttl: &actix_web::cookie::time::Duration,
    ) -> Result<(), anyhow::Error> {
        // Idle time is tracked by `load`; the cookie itself lives for the browser session.
        Ok(())
    }

    async fn delete(&self, session_key: &SessionKey) -> Result<(), anyhow::Error> {
        let id = row_id(session_key);
        self.db
            .write(move |conn| Ok(sessions::delete(conn, &id)?))
            .await
            .map_err(|e| anyhow!("{e}"))
    }
}
