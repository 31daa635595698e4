//! A value derived from all public content (the search filters' years and languages), kept
//! until that content changes: computing it reads every public activity.

use std::sync::{Arc, Mutex};

use crate::db::changes::ContentVersion;

pub struct Memo<T> {
    content: Arc<ContentVersion>,
    slot: Mutex<Option<(u64, Arc<T>)>>,
    /// Held while computing: requests that arrive meanwhile wait for that value instead of
    /// each reading every public activity at once (which on a busy site after a change
    /// made all of them slow).
    computing: Mutex<()>,
}

impl<T> Memo<T> {
    pub fn new(content: Arc<ContentVersion>) -> Self {
        Memo {
            content,
            slot: Mutex::new(None),
            computing: Mutex::new(()),
        }
    }

    /// The kept value, or else `compute`'s, kept under the generation read before it ran
    /// (so a change committed meanwhile makes it stale at once).
    pub fn get_or_compute<E>(&self, compute: impl FnOnce() -> Result<T, E>) -> Result<Arc<T>, E> {
        if let Some(value) = self.current() {
            return Ok(value);
        }
        // A panic in another computation leaves nothing half-done behind this lock.
        let _computing = self.computing.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(value) = self.current() {
            return Ok(value);
        }
        let generation = self.content.generation();
        let value = Arc::new(compute()?);
        *self.lock() = Some((generation, Arc::clone(&value)));
        Ok(value)
    }

    /// The kept value, if computed under the current generation.
    fn current(&self) -> Option<Arc<T>> {
        let generation = self.content.generation();
        match &*self.lock() {
            Some((kept, value)) if *kept == generation => Some(Arc::clone(value)),
            _ => None,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<(u64, Arc<T>)>> {
        // A panic elsewhere cannot leave the slot half-written: it holds one whole value.
        self.slot.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recomputes_only_after_a_change() {
        let content = Arc::new(ContentVersion::default());
        let memo = Memo::new(Arc::clone(&content));
        let mut runs = 0;
        let mut get = |memo: &Memo<i32>| {
            *memo
                .get_or_compute(|| {
                    runs += 1;
                    Ok::<_, ()>(runs)
                })
                .unwrap()
        };
        assert_eq!(get(&memo), 1);
        assert_eq!(get(&memo), 1, "kept");
        content.bump_for_test();
        assert_eq!(get(&memo), 2, "recomputed after a change");
    }

    #[test]
    fn requests_during_a_computation_wait_for_its_value() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let memo = Arc::new(Memo::new(Arc::new(ContentVersion::default())));
        let runs = Arc::new(AtomicUsize::new(0));
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let (memo, runs) = (Arc::clone(&memo), Arc::clone(&runs));
                std::thread::spawn(move || {
                    *memo
                        .get_or_compute(|| {
                            runs.fetch_add(1, Ordering::SeqCst);
                            // Long enough for the other threads to arrive meanwhile.
                            std::thread::sleep(std::time::Duration::from_millis(50));
                            Ok::<_, ()>(7)
                        })
                        .unwrap()
                })
            })
            .collect();
        for t in threads {
            assert_eq!(t.join().unwrap(), 7);
        }
        assert_eq!(runs.load(Ordering::SeqCst), 1, "computed once");
    }
}
