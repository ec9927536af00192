//! The integration tests of `shownotes`: one binary, one module per
//! feature, each running the real `shownotes` executable on real files in
//! a temporary directory. Shared helpers (the `Show` builder, golden files,
//! loopback HTTP servers) live in `support`.
//!
//! `cargo test --test cli formats::` runs one feature's tests. Golden files
//! are in tests/expected/; after an intended change to the output,
//! `SHOWNOTES_BLESS=1 cargo test` rewrites them (review the diff).

mod support;

mod build;
mod check_links;
mod check_offline;
mod dates;
mod formats;
mod guide;
mod hostile;
mod import;
mod init;
mod lint;
mod lint_fix;
mod minutes;
mod new;
mod pages;
mod real_shows;
mod schema;
#[cfg(unix)]
mod serve;
mod validation;
#[cfg(unix)]
mod watch;
