//! Image work (decoding, resizing, encoding) on the blocking pool, a few at a time.
//!
//! A 50-megapixel photo takes about 200 MB decoded and keeps a core busy for a second or
//! more. Run unbounded, eight parallel uploads would take eight times that memory and make
//! every one of them slow; run on an async worker, one would stall every request on it. So
//! each job waits for one of as many permits as there are cores, then runs on the blocking
//! pool, and holds its permit until it has finished, even if the request is dropped.

use std::sync::{Arc, LazyLock};

use actix_web::error::BlockingError;
use tokio::sync::Semaphore;

static LIMIT: LazyLock<usize> =
    LazyLock::new(|| std::thread::available_parallelism().map_or(2, usize::from));

static PERMITS: LazyLock<Arc<Semaphore>> = LazyLock::new(|| Arc::new(Semaphore::new(*LIMIT)));

/// How many image jobs may run at once: the number of cores.
pub fn parallelism() -> usize {
    *LIMIT
}

/// Runs `job` on the blocking pool once a permit is free.
pub async fn run<T, F>(job: F) -> Result<T, BlockingError>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    let permit = Arc::clone(&PERMITS)
        .acquire_owned()
        .await
        .expect("the image work semaphore is never closed");
    actix_web::web::block(move || {
        let out = job();
        drop(permit);
        out
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[actix_web::test]
    async fn no_more_jobs_run_at_once_than_there_are_permits() {
        let limit = parallelism();
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let jobs = (0..limit * 3).map(|_| {
            let (running, most) = (Arc::clone(&running), Arc::clone(&most));
            run(move || {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(30));
                running.fetch_sub(1, Ordering::SeqCst);
            })
        });
        for done in futures_util::future::join_all(jobs).await {
            done.unwrap();
        }
        let most = most.load(Ordering::SeqCst);
        assert!(most >= 1 && most <= limit, "{most} at once, limit {limit}");
    }
}
