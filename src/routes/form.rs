//! Reading request bodies. Forms are read as strings: handlers validate every field
//! themselves, so a malformed field is a 422 with the form kept, never an extractor's bare
//! 400. Bodies are read within a size, a field count and a pace (see [`Paced`]).

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use actix_web::dev::Payload;
use actix_web::error::PayloadError;
use actix_web::rt::time::{Instant, Sleep, sleep_until};
use actix_web::web::{Bytes, BytesMut};
use futures_util::{Stream, StreamExt};
use serde::de::DeserializeOwned;

use crate::config::Limits;

/// Parses a URL-encoded body (repeated keys allowed) into `T`, whose fields should all be
/// strings or lists of strings with `#[serde(default)]`. Anything unreadable gives the
/// default, so the handler's validation names what is missing.
pub fn parse<T: DeserializeOwned + Default>(body: &[u8]) -> T {
    serde_html_form::from_bytes(body).unwrap_or_default()
}

/// How many `name=value` pairs a URL-encoded body holds.
pub fn field_count(body: &[u8]) -> usize {
    body.split(|&b| b == b'&').filter(|p| !p.is_empty()).count()
}

/// Why a body was not read to its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyError {
    /// Longer than the limit; reading stopped there.
    TooLarge,
    /// The client sent it too slowly (see [`Paced`]).
    TooSlow,
    /// The connection broke off or the body is malformed.
    Broken,
}

impl From<&PayloadError> for BodyError {
    fn from(e: &PayloadError) -> Self {
        match e {
            PayloadError::Io(io) if io.kind() == io::ErrorKind::TimedOut => BodyError::TooSlow,
            PayloadError::Overflow => BodyError::TooLarge,
            _ => BodyError::Broken,
        }
    }
}

/// Reads a whole body of at most `limit` bytes; a longer one is refused as soon as it
/// passes the limit (or at once, when its declared length does).
pub async fn read_limited(
    payload: &mut Payload,
    declared: Option<usize>,
    limit: usize,
) -> Result<Bytes, BodyError> {
    if declared.is_some_and(|n| n > limit) {
        return Err(BodyError::TooLarge);
    }
    let mut body = BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| BodyError::from(&e))?;
        if body.len() + chunk.len() > limit {
            return Err(BodyError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// A request body that must keep a pace: it gets `body_grace`, plus a second for every
/// `min_body_rate` bytes received, else it ends with a `TimedOut` error. Waiting costs a
/// timer, not a thread, and the handler reading the body sees an error it already handles.
pub struct Paced {
    inner: Payload,
    started: Instant,
    received: u64,
    grace: Duration,
    rate: u64,
    timer: Pin<Box<Sleep>>,
}

impl Paced {
    pub fn new(inner: Payload, limits: &Limits) -> Self {
        let started = Instant::now();
        Paced {
            inner,
            started,
            received: 0,
            grace: limits.body_grace,
            rate: limits.min_body_rate.max(1),
            timer: Box::pin(sleep_until(started + limits.body_grace)),
        }
    }

    /// Wraps a request's payload.
    pub fn payload(inner: Payload, limits: &Limits) -> Payload {
        Payload::Stream {
            payload: Box::pin(Paced::new(inner, limits)),
        }
    }

    fn deadline(&self) -> Instant {
        let earned = Duration::from_secs_f64(self.received as f64 / self.rate as f64);
        self.started + self.grace + earned
    }
}

fn too_slow() -> PayloadError {
    PayloadError::Io(io::Error::new(
        io::ErrorKind::TimedOut,
        "the request body arrived too slowly",
    ))
}

impl Stream for Paced {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        match Pin::new(&mut this.inner).poll_next(cx) {
            Poll::Ready(Some(Ok(chunk))) => {
                this.received += chunk.len() as u64;
                let deadline = this.deadline();
                if Instant::now() > deadline {
                    return Poll::Ready(Some(Err(too_slow())));
                }
                this.timer.as_mut().reset(deadline);
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Pending => match this.timer.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(Some(Err(too_slow()))),
                Poll::Pending => Poll::Pending,
            },
            done => done,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_fields_of_a_urlencoded_body() {
        assert_eq!(field_count(b""), 0);
        assert_eq!(field_count(b"a=1"), 1);
        assert_eq!(field_count(b"a=1&b=&&c"), 3);
        assert_eq!(field_count("x=1&".repeat(10_000).as_bytes()), 10_000);
    }

    fn payload(chunks: Vec<Result<Bytes, PayloadError>>) -> Payload {
        Payload::Stream {
            payload: Box::pin(futures_util::stream::iter(chunks)),
        }
    }

    #[actix_web::test]
    async fn reads_up_to_the_limit_and_no_further() {
        let chunks = || {
            vec![
                Ok(Bytes::from_static(b"abc")),
                Ok(Bytes::from_static(b"de")),
            ]
        };
        assert_eq!(
            read_limited(&mut payload(chunks()), None, 5).await,
            Ok(Bytes::from_static(b"abcde"))
        );
        assert_eq!(
            read_limited(&mut payload(chunks()), None, 4).await,
            Err(BodyError::TooLarge)
        );
        assert_eq!(
            read_limited(&mut payload(Vec::new()), Some(6), 5).await,
            Err(BodyError::TooLarge),
            "a declared length over the limit is refused before reading"
        );
        assert_eq!(
            read_limited(
                &mut payload(vec![Err(PayloadError::Incomplete(None))]),
                None,
                5
            )
            .await,
            Err(BodyError::Broken)
        );
    }

    #[actix_web::test]
    async fn a_stalled_body_times_out_after_the_grace() {
        let limits = Limits {
            body_grace: Duration::from_millis(100),
            ..Limits::default()
        };
        let stalled: Payload = Payload::Stream {
            payload: Box::pin(futures_util::stream::pending::<Result<Bytes, PayloadError>>()),
        };
        let started = std::time::Instant::now();
        let mut paced = Paced::payload(stalled, &limits);
        assert_eq!(
            read_limited(&mut paced, None, 10).await,
            Err(BodyError::TooSlow)
        );
        assert!(started.elapsed() >= Duration::from_millis(100));
        assert!(started.elapsed() < Duration::from_secs(2));
    }
}
