//! Staying polite to the sites checked: a global limit on requests in
//! flight, a per-host limit, a minimum interval between the starts of two
//! requests to one host, and hosts slowed down after `Retry-After`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

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
        let after_last = self.last_start.map_or(now, |last| last + self.interval);
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
    /// first, so a host that must wait never holds a global slot.
    pub(crate) async fn acquire(&self, host: &str) -> Slot {
        let entry = self.host(host);
        let host_permit = Arc::clone(&entry.permits)
            .acquire_owned()
            .await
            .expect("the per-host semaphore is never closed");
        loop {
            let wait = lock(&entry.state).next_start(Instant::now());
            tokio::time::sleep_until(wait).await;
            let global = Arc::clone(&self.global)
                .acquire_owned()
                .await
                .expect("the global semaphore is never closed");
            let now = Instant::now();
            let mut state = lock(&entry.state);
            if state.next_start(now) <= now {
                state.last_start = Some(now);
                return Slot {
                    _global: global,
                    _host: host_permit,
                };
            }
            // Another request to this host started meanwhile: wait again,
            // without holding a global slot.
        }
    }

    /// After `Retry-After`: no request to `host` before `delay` has passed,
    /// and the host's interval doubles (at least 1 s) for the rest of the run.
    pub(crate) fn slow_down(&self, host: &str, delay: Duration) {
        let entry = self.host(host);
        let mut state = lock(&entry.state);
        let until = Instant::now() + delay;
        state.paused_until = Some(state.paused_until.map_or(until, |p| p.max(until)));
        state.interval = (state.interval * 2).max(Duration::from_secs(1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_requests_to_one_host() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()
            .unwrap();
        rt.block_on(async {
            let politeness = Politeness::new(32, 4, Duration::from_millis(100));
            let start = Instant::now();
            let mut starts = Vec::new();
            for _ in 0..3 {
                let slot = politeness.acquire("a.example").await;
                starts.push(start.elapsed());
                drop(slot);
            }
            // Another host is not held back.
            let _other = politeness.acquire("b.example").await;
            assert!(start.elapsed() < Duration::from_millis(250));
            assert_eq!(starts[0], Duration::ZERO);
            assert!(starts[1] >= Duration::from_millis(100), "{starts:?}");
            assert!(starts[2] >= Duration::from_millis(200), "{starts:?}");
            politeness.slow_down("a.example", Duration::from_secs(3));
            let before = Instant::now();
            drop(politeness.acquire("a.example").await);
            assert!(before.elapsed() >= Duration::from_secs(3));
        });
    }
}
