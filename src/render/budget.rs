//! The bounds of one template render. Templates may come from a pull
//! request, and Tera 2 cannot be interrupted from outside, so the bounds
//! sit where a render calls out:
//! - output: at most `MAX_OUTPUT_BYTES` per render (a writer that refuses
//!   more);
//! - `range()`: replaced by one that gives at most `MAX_RANGE_ELEMENTS`
//!   per render, over all its calls (nested loops over `range` end there);
//! - time: `MAX_RENDER_TIME` per render, checked every `WRITES_PER_CLOCK`
//!   writes, at every `range()` and every filter of ours (`check_time`);
//! - and a watchdog ends the process (exit 1, nothing published) when a
//!   render is still running `HARD_LIMIT` after it started (a loop that
//!   neither writes nor calls anything cannot be stopped otherwise), or
//!   when the process holds more than `MAX_RENDER_MEMORY` while a render
//!   runs (a string doubled in a loop grows without writing anything).

use std::cell::RefCell;
use std::time::{Duration, Instant};
use tera::{Kwargs, State, TeraResult};

/// The most bytes one render may produce (real outputs are a few KiB;
/// the feed is not a template).
pub(crate) const MAX_OUTPUT_BYTES: usize = 8 * 1024 * 1024;
/// The most elements `range()` may produce in one render, all calls together.
pub(crate) const MAX_RANGE_ELEMENTS: usize = 100_000;
/// The longest one render may take.
pub(crate) const MAX_RENDER_TIME: Duration = Duration::from_secs(10);
/// How many writes go between two looks at the clock. Tera writes each
/// literal and each value on its own (hundreds per page), and reading the
/// clock at every one was a fifth of a build's time; a write takes well
/// under a microsecond, so the deadline is still seen within a millisecond.
const WRITES_PER_CLOCK: u32 = 256;
/// When the watchdog ends the process: a render past its time that no
/// check could stop.
pub(crate) const HARD_LIMIT: Duration = Duration::from_secs(30);

/// The most memory the process may hold (resident) while a template
/// renders. A build of 10,000 episodes in every format peaks under 200 MB.
pub(crate) const MAX_RENDER_MEMORY_MIB: u64 = 4096;
/// Sets another limit, in MiB: for whoever runs shownotes (the CI owner),
/// never for content.
pub(crate) const MAX_RENDER_MEMORY_ENV: &str = "SHOWNOTES_MAX_RENDER_MEMORY_MIB";
/// How often the watchdog looks; memory grows by a few GB a second at
/// most, so it is seen within about 100 MB.
const WATCH_EVERY: Duration = Duration::from_millis(20);

/// Which limit stopped a render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Limit {
    Output,
    Range,
    Time,
}

/// The budget of the render running on this thread.
struct Budget {
    deadline: Instant,
    range_left: usize,
    tripped: Option<Limit>,
}

thread_local! {
    static BUDGET: RefCell<Option<Budget>> = const { RefCell::new(None) };
}

/// Records `limit` as the reason the current render stops.
fn trip(limit: Limit) -> tera::Error {
    BUDGET.with_borrow_mut(|b| {
        if let Some(b) = b {
            b.tripped.get_or_insert(limit);
        }
    });
    tera::Error::message(match limit {
        Limit::Output => "the output is too large",
        Limit::Range => "range() produced too many elements",
        Limit::Time => "the render took too long",
    })
}

/// Whether the current render is past its time; for our filters.
pub(crate) fn check_time() -> TeraResult<()> {
    let late = BUDGET.with_borrow(|b| b.as_ref().is_some_and(|b| Instant::now() > b.deadline));
    if late { Err(trip(Limit::Time)) } else { Ok(()) }
}

/// Tera's `range(start=0, end, step_by=1)`, drawing its elements from
/// the render's budget.
pub(crate) fn range(kwargs: Kwargs, _: &State) -> TeraResult<Vec<i64>> {
    check_time()?;
    let start = kwargs.get::<i64>("start")?.unwrap_or_default();
    let end = kwargs.must_get::<i64>("end")?;
    let step = kwargs.get::<i64>("step_by")?.unwrap_or(1);
    if step == 0 {
        return Err(tera::Error::message(
            "Function `range` was called with a `step_by` argument of 0",
        ));
    }
    let span = if step > 0 {
        i128::from(end) - i128::from(start)
    } else {
        i128::from(start) - i128::from(end)
    };
    let step_size = i128::from(step).abs();
    let len = if span <= 0 {
        0
    } else {
        (span + step_size - 1) / step_size
    };
    let allowed = BUDGET.with_borrow_mut(|b| match b {
        Some(b) if len <= b.range_left as i128 => {
            b.range_left -= len as usize;
            true
        }
        Some(_) => false,
        None => len <= MAX_RANGE_ELEMENTS as i128,
    });
    if !allowed {
        return Err(trip(Limit::Range));
    }
    (0..len)
        .map(|i| {
            i64::try_from(i128::from(start) + i * i128::from(step))
                .map_err(|_| tera::Error::message("Function `range` was called with arguments that overflow"))
        })
        .collect()
}

/// A buffer that refuses to grow past `MAX_OUTPUT_BYTES` or past the
/// render's deadline.
pub(crate) struct Capped<'a> {
    out: &'a mut Vec<u8>,
    deadline: Instant,
    /// Writes left before the clock is read again.
    until_clock: u32,
}

impl std::io::Write for Capped<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf).map(|()| buf.len())
    }

    /// All of `buf` or nothing, as `write`. Tera writes each piece with
    /// `write_all`, whose own loop over `write` was two fifths of the cost
    /// of a write.
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        if self.out.len().saturating_add(buf.len()) > MAX_OUTPUT_BYTES {
            trip(Limit::Output);
            return Err(std::io::Error::other("output limit"));
        }
        self.until_clock = self.until_clock.saturating_sub(1);
        if self.until_clock == 0 {
            self.until_clock = WRITES_PER_CLOCK;
            if Instant::now() > self.deadline {
                trip(Limit::Time);
                return Err(std::io::Error::other("time limit"));
            }
        }
        self.out.extend_from_slice(buf);
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Renders in flight, for the watchdog: (start, template shown).
static IN_FLIGHT: std::sync::Mutex<Vec<(u64, Instant, String)>> = std::sync::Mutex::new(Vec::new());
static NEXT_RENDER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

fn in_flight() -> std::sync::MutexGuard<'static, Vec<(u64, Instant, String)>> {
    IN_FLIGHT
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Starts (once) the thread that ends the process when a render runs
/// past `HARD_LIMIT` or the process grows past the memory limit while
/// one runs.
fn watchdog() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        let limit = memory_limit();
        let spawned = std::thread::Builder::new()
            .name("template-watchdog".into())
            .spawn(move || {
                loop {
                    std::thread::sleep(WATCH_EVERY);
                    if let Some(problem) = overrun(limit) {
                        eprintln!("{problem}");
                        std::process::exit(1);
                    }
                }
            });
        if let Err(e) = spawned {
            eprintln!("warning: cannot start the template watchdog: {e}");
        }
    });
}

/// The memory limit in bytes: `MAX_RENDER_MEMORY_MIB`, or the
/// environment's.
fn memory_limit() -> u64 {
    let mib = match std::env::var(MAX_RENDER_MEMORY_ENV) {
        Ok(text) => text.trim().parse::<u64>().ok().filter(|&mib| mib > 0).unwrap_or_else(|| {
            eprintln!(
                "warning: {MAX_RENDER_MEMORY_ENV}={text:?} is not a positive number of MiB; using {MAX_RENDER_MEMORY_MIB}"
            );
            MAX_RENDER_MEMORY_MIB
        }),
        Err(_) => MAX_RENDER_MEMORY_MIB,
    };
    mib.saturating_mul(1024 * 1024)
}

/// Why the process must end now, if it must: a render past `HARD_LIMIT`,
/// or more than `limit` bytes held while renders run.
fn overrun(limit: u64) -> Option<String> {
    let flight = in_flight();
    if flight.is_empty() {
        return None;
    }
    if let Some((_, _, name)) = flight
        .iter()
        .find(|(_, started, _)| started.elapsed() > HARD_LIMIT)
    {
        return Some(format!(
            "error: template {name} is still rendering after {} s (a loop without end?); stopped, nothing was published\n  = help: simplify the template's loops",
            HARD_LIMIT.as_secs()
        ));
    }
    let resident = resident_bytes().filter(|&bytes| bytes > limit)?;
    let names: Vec<&str> = flight.iter().map(|(_, _, name)| name.as_str()).collect();
    Some(format!(
        "error: {} MiB of memory in use while rendering {}, over the limit of {} MiB (a string grown in a loop?); stopped, nothing was published\n  = help: simplify the template; whoever runs shownotes can set {MAX_RENDER_MEMORY_ENV}",
        resident / (1024 * 1024),
        names.join(", "),
        limit / (1024 * 1024)
    ))
}

/// The memory the process holds (resident set), where the system tells
/// (Linux; elsewhere only the time is watched).
#[cfg(target_os = "linux")]
fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages.saturating_mul(rustix::param::page_size() as u64))
}

#[cfg(not(target_os = "linux"))]
fn resident_bytes() -> Option<u64> {
    None
}

/// Runs one render (`render` writes into the writer it is given, which
/// appends to `out`, emptied first) within the budget; returns its result
/// and the limit that stopped it, if one did.
pub(crate) fn bounded<T>(
    shown: &str,
    out: &mut Vec<u8>,
    render: impl FnOnce(Capped<'_>) -> T,
) -> (T, Option<Limit>) {
    let started = Instant::now();
    let deadline = started.checked_add(MAX_RENDER_TIME).unwrap_or(started);
    let id = NEXT_RENDER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    watchdog();
    in_flight().push((id, started, shown.to_string()));
    let previous = BUDGET.replace(Some(Budget {
        deadline,
        range_left: MAX_RANGE_ELEMENTS,
        tripped: None,
    }));
    out.clear();
    let result = render(Capped {
        out,
        deadline,
        until_clock: 1,
    });
    let tripped = BUDGET.replace(previous).and_then(|b| b.tripped);
    in_flight().retain(|(other, ..)| *other != id);
    (result, tripped)
}
