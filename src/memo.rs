//! What `rapport watch` would otherwise redo on every reload (checking each SVG asset,
//! drawing each map): results kept for the life of the process, by the hash of everything
//! each is made from, so a reload redoes only the work whose inputs changed.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

/// Results by the hash of their inputs. It keeps at most `limit` of them and starts over
/// when full: every save of an edited file adds one.
pub struct Memo<T> {
    limit: usize,
    results: LazyLock<Mutex<HashMap<u128, T>>>,
}

impl<T: Clone> Memo<T> {
    /// An empty memo of at most `limit` results.
    pub const fn new(limit: usize) -> Memo<T> {
        Memo { limit, results: LazyLock::new(Default::default) }
    }

    /// The result kept for `key`, or else what `compute` gives, kept when it succeeds (a
    /// failure is computed again, so its message is always fresh).
    pub fn get_or_try<E>(&self, key: u128, compute: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
        if let Some(known) = self.results.lock().ok().and_then(|results| results.get(&key).cloned()) {
            return Ok(known);
        }
        let result = compute()?;
        if let Ok(mut results) = self.results.lock() {
            if results.len() >= self.limit {
                results.clear();
            }
            results.insert(key, result.clone());
        }
        Ok(result)
    }
}

#[cfg(test)]
mod tests {
    use super::Memo;

    // A kept result is not computed again; a failure is; a full memo starts over.
    #[test]
    fn keeps_successes_only_and_starts_over_when_full() {
        static MEMO: Memo<u32> = Memo::new(2);
        let runs = std::cell::Cell::new(0);
        let get = |key: u128| {
            MEMO.get_or_try(key, || {
                runs.set(runs.get() + 1);
                if key == 9 { Err("no") } else { Ok(key as u32) }
            })
        };
        assert_eq!(get(1), Ok(1));
        assert_eq!(get(1), Ok(1));
        assert_eq!(get(9), Err("no"));
        assert_eq!(get(9), Err("no"));
        assert_eq!(get(2), Ok(2));
        assert_eq!(get(3), Ok(3)); // full: starts over with 3 alone
        assert_eq!(get(1), Ok(1));
        assert_eq!(runs.get(), 6);
    }
}
