//! Staying polite to the sites checked: a global limit on requests in
//! flight, a per-host limit, a minimum interval between the starts of two
//! requests to one host, and hosts slowed down after `Retry-After`.
//!
//! A host's interval doubles after each `Retry-After`, up to
//! `MAX_HOST_INTERVAL`; all time arithmetic saturates, so no server
//! answer (`429` + `Retry-After` to everything) can overflow it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{AcquireError, OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

/// The longest interval a host is slowed down to by `Retry-After`.
pub(crate) const MAX_HOST_INTERVAL: Duration = Duration::from_secs(10);

/// `at + by`, or `at` itself when that is past what an `Instant` holds.
fn later(at: Instant, by: Duration) -> Instant {
    at.checked_add(by).unwrap_or(at)
}

pub(crate) struct Politeness {
    global: Arc<Semaphore>,
    per_host: usize,
    interval: Duration,
    hosts: Mutex<HashMap<String, Arc<Host>>>,
}

struct Host {
    permits: Arc<Semaphore>,
    state: Mutex<HostState>,
}

struct HostState {
    last_start: Option<Instant>,
    interval: Duration,
    paused_until: Option<Instant>,
}

impl HostState {
    /// The earliest time the next request may start.
    fn next_start(&self, now: Instant) -> Instant {
        let after_last = self.last_start.map_or(now, |last| later(last, self.interval));
        after_last.max(self.paused_until.unwrap_or(now)).max(now)
    }
}

/// Permission to send one request; dropping it frees the slots.
pub(crate) struct Slot {
    _global: OwnedSemaphorePermit,
    _host: OwnedSemaphorePermit,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic elsewhere cannot leave this plain data inconsistent.
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Politeness {
    pub(crate) fn new(global: usize, per_host: usize, interval: Duration) -> Self {
        Self {
            global: Arc::new(Semaphore::new(global.max(1))),
            per_host: per_host.max(1),
            interval,
            hosts: Mutex::new(HashMap::new()),
        }
    }

    fn host(&self, name: &str) -> Arc<Host> {
        let mut hosts = lock(&self.hosts);
        Arc::clone(hosts.entry(name.to_string()).or_insert_with(|| {
            Arc::new(Host {
                permits: Arc::new(Semaphore::new(self.per_host)),
                state: Mutex::new(HostState {
                    last_start: None,
                    interval: self.interval,
                    paused_until: None,
                }),
            })
        }))
    }

    /// Waits until a request to `host` may start. The host slot is taken
    /// first, so a host that must wait never holds a global slot. (The
    /// semaphores are never closed, so the error cannot happen.)
    pub(crate) async fn acquire(&self, host: &str) -> Result<Slot, AcquireError> {
        let entry = self.host(host);
        let host_permit = Arc::clone(&entry.permits).acquire_owned().await?;
        loop {
            let wait = lock(&entry.state).next_start(Instant::now());
            tokio::time::sleep_until(wait).await;
            let global = Arc::clone(&self.global).acquire_owned().await?;
            let now = Instant::now();
            let mut state = lock(&entry.state);
            if state.next_start(now) <= now {
                state.last_start = Some(now);
                return Ok(Slot {
                    _global: global,
                    _host: host_permit,
                });
            }
            // Another request to this host started meanwhile: wait again,
            // without holding a global slot.
        }
    }

    /// After `Retry-After`: no request to `host` before `delay` has passed,
    /// and the host's interval doubles (at least 1 s, at most
    /// `MAX_HOST_INTERVAL`) for the rest of the run.
    pub(crate) fn slow_down(&self, host: &str, delay: Duration) {
        let entry = self.host(host);
        let mut state = lock(&entry.state);
        let until = later(Instant::now(), delay);
        state.paused_until = Some(state.paused_until.map_or(until, |p| p.max(until)));
        state.interval = slower(state.interval);
    }

    /// The interval of `host` now.
    #[cfg(test)]
    pub(crate) fn interval(&self, host: &str) -> Duration {
        lock(&self.host(host).state).interval
    }
}

/// The next interval after a `Retry-After`: doubled, at least 1 s, at most
/// the ceiling (or the configured interval, when that is longer already).
fn slower(interval: Duration) -> Duration {
    interval
        .saturating_mul(2)
        .max(Duration::from_secs(1))
        .min(MAX_HOST_INTERVAL.max(interval))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A runtime whose clock only moves when every task waits.
    fn paused_runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()
            .expect("a runtime")
    }

    #[test]
    fn spaces_requests_to_one_host() {
        let rt = paused_runtime();
        rt.block_on(async {
            let politeness = Politeness::new(32, 4, Duration::from_millis(100));
            let start = Instant::now();
            let mut starts = Vec::new();
            for _ in 0..3 {
                let slot = politeness.acquire("a.example").await.expect("open");
                starts.push(start.elapsed());
                drop(slot);
            }
            // Another host is not held back.
            let _other = politeness.acquire("b.example").await.expect("open");
            assert!(start.elapsed() < Duration::from_millis(250));
            assert_eq!(starts[0], Duration::ZERO);
            assert!(starts[1] >= Duration::from_millis(100), "{starts:?}");
            assert!(starts[2] >= Duration::from_millis(200), "{starts:?}");
            politeness.slow_down("a.example", Duration::from_secs(3));
            let before = Instant::now();
            drop(politeness.acquire("a.example").await.expect("open"));
            assert!(before.elapsed() >= Duration::from_secs(3));
        });
    }

    #[test]
    fn a_storm_of_retry_after_never_overflows_and_the_interval_has_a_ceiling() {
        let rt = paused_runtime();
        rt.block_on(async {
            let politeness = Politeness::new(32, 4, Duration::ZERO);
            let mut seen = Vec::new();
            for _ in 0..800 {
                politeness.slow_down("busy.example", Duration::ZERO);
                seen.push(politeness.interval("busy.example").as_secs());
            }
            assert_eq!(seen[..6], [1, 2, 4, 8, 10, 10]);
            assert_eq!(politeness.interval("busy.example"), MAX_HOST_INTERVAL);
            // A pause as long as a Duration can be does not overflow either.
            politeness.slow_down("busy.example", Duration::MAX);
            let slot =
                tokio::time::timeout(Duration::from_secs(1), politeness.acquire("other.example")).await;
            assert!(matches!(slot, Ok(Ok(_))));
        });
    }
}
