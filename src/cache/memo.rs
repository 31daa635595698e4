//! A value derived from all public content (the search filters' years and languages), kept
//! until that content changes: computing it reads every public activity.

use std::sync::{Arc, Mutex};

use crate::db::changes::ContentVersion;

pub struct Memo<T> {
    content: Arc<ContentVersion>,
    slot: Mutex<Option<(u64, Arc<T>)>>,
}

impl<T> Memo<T> {
    pub fn new(content: Arc<ContentVersion>) -> Self {
        Memo {
            content,
            slot: Mutex::new(None),
        }
    }

    /// The kept value, or else `compute`'s, kept under the generation read before it ran
    /// (so a change committed meanwhile makes it stale at once).
    pub fn get_or_compute<E>(&self, compute: impl FnOnce() -> Result<T, E>) -> Result<Arc<T>, E> {
        let generation = self.content.generation();
        if let Some((kept, value)) = &*self.lock()
            && *kept == generation
        {
            return Ok(Arc::clone(value));
        }
        let value = Arc::new(compute()?);
        *self.lock() = Some((generation, Arc::clone(&value)));
        Ok(value)
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
}
