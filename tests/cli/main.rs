//! The integration tests of `shownotes`: one binary, one module per
//! feature, each running the real `shownotes` executable on real files in
//! a temporary directory. Shared helpers (the `Show` builder, golden files,
//! loopback HTTP servers) live in `support`.

mod support;

mod build;
mod check_links;
mod check_offline;
mod dates;
mod formats;
mod hostile;
mod init;
mod lint;
mod minutes;
mod new;
mod schema;
mod validation;
#[cfg(unix)]
mod watch;
