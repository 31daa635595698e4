//! The one error type of the application, rendered as a templated page.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};

use crate::templates::ErrorPage;

/// Everything a handler can fail with. Validation failures are not errors: handlers re-render
/// their form with a 422 instead.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The object does not exist, or exists but is none of the user's business.
    #[error("not found")]
    NotFound,
    /// The user may not do this; the message id names why (see locales/).
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    /// The action does not fit the object's current state; the message id says why.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// The request body is larger than the portal accepts.
    #[error("payload too large")]
    PayloadTooLarge,
    /// The database is locked or the pool exhausted: try again shortly.
    #[error("temporarily unavailable: {0}")]
    Unavailable(String),
    /// The disk is full: nothing was saved. Forms are shown again, as typed, with 507.
    #[error("no space left: {0}")]
    StorageFull(String),
    /// A bug or an environment failure; the cause is logged, never shown.
    #[error(transparent)]
    Internal(anyhow::Error),
}

impl From<anyhow::Error> for AppError {
    /// Internal, unless the cause is a full disk (a file write that met ENOSPC).
    fn from(e: anyhow::Error) -> Self {
        let full = e.chain().any(|cause| {
            cause
                .downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::StorageFull)
        });
        if full {
            AppError::StorageFull(format!("{e:#}"))
        } else {
            AppError::Internal(e)
        }
    }
}

impl AppError {
    /// Shorthand for an internal error from any cause.
    pub fn internal(cause: impl Into<anyhow::Error>) -> Self {
        AppError::from(cause.into())
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::Error as E;
        match e {
            E::NotFound => AppError::NotFound,
            // SQLITE_BUSY after the busy timeout: another writer held the lock too long.
            E::DatabaseError(_, ref info)
                if info.message().contains("database is locked")
                    || info.message().contains("database table is locked") =>
            {
                AppError::Unavailable(info.message().to_owned())
            }
            // SQLITE_FULL: the write-ahead log or the database could not grow.
            E::DatabaseError(_, ref info)
                if info.message().contains("database or disk is full") =>
            {
                AppError::StorageFull(info.message().to_owned())
            }
            other => AppError::internal(other),
        }
    }
}

impl From<diesel::r2d2::PoolError> for AppError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        AppError::Unavailable(e.to_string())
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        AppError::internal(anyhow::anyhow!("blocking task failed: {e}"))
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::StorageFull(_) => StatusCode::INSUFFICIENT_STORAGE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let detail = match self {
            AppError::Internal(cause) => {
                tracing::error!(error = format!("{cause:#}"), "internal error");
                None
            }
            AppError::Unavailable(cause) => {
                tracing::warn!(cause, "service unavailable");
                None
            }
            AppError::StorageFull(cause) => {
                tracing::error!(cause, "the disk is full: nothing was saved");
                Some("error-storage-full")
            }
            AppError::Forbidden(id) | AppError::Conflict(id) => Some(*id),
            AppError::NotFound | AppError::PayloadTooLarge => None,
        };
        let mut response = ErrorPage::response(self.status_code(), detail);
        if let AppError::Unavailable(_) = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::body::to_bytes;

    async fn render(error: AppError) -> (StatusCode, Option<String>, String) {
        let response = error.error_response();
        let status = response.status();
        let retry = response
            .headers()
            .get(header::RETRY_AFTER)
            .map(|v| v.to_str().unwrap().to_owned());
        let body = to_bytes(response.into_body()).await.unwrap();
        (status, retry, String::from_utf8(body.to_vec()).unwrap())
    }

    #[actix_web::test]
    async fn each_error_is_a_templated_page_with_its_status() {
        let cases = [
            (AppError::NotFound, 404, "Page not found"),
            (AppError::Forbidden("error-403-body"), 403, "Not allowed"),
            (
                AppError::Conflict("error-409-body"),
                409,
                "This has changed in the meantime",
            ),
            (
                AppError::Unavailable("locked".into()),
                503,
                "Busy for a moment",
            ),
            (
                AppError::internal(anyhow::anyhow!("disk on fire")),
                500,
                "Something went wrong",
            ),
        ];
        for (error, status, title) in cases {
            let (got, retry, html) = render(error).await;
            assert_eq!(got.as_u16(), status);
            assert!(
                html.contains(&format!("<h1 id=\"error-title\">{title}</h1>")),
                "{status}: {html}"
            );
            assert!(
                html.contains("class=\"site-nav\""),
                "{status} has the site navigation"
            );
            assert_eq!(
                retry.is_some(),
                status == 503,
                "{status}: Retry-After only on 503"
            );
            assert!(
                !html.contains("disk on fire"),
                "causes are logged, never shown"
            );
        }
    }

    #[test]
    fn a_locked_database_is_unavailable_and_a_missing_row_not_found() {
        use diesel::result::{DatabaseErrorKind, Error};
        let locked = Error::DatabaseError(
            DatabaseErrorKind::Unknown,
            Box::new("database is locked".to_owned()),
        );
        assert!(matches!(AppError::from(locked), AppError::Unavailable(_)));
        assert!(matches!(
            AppError::from(Error::NotFound),
            AppError::NotFound
        ));
        assert!(matches!(
            AppError::from(Error::BrokenTransactionManager),
            AppError::Internal(_)
        ));
    }
}
