//! Stage 4a, publish: the build pipeline, output selection and atomic
//! staging of `dist/`.

pub(crate) mod build;
pub(crate) mod document;
pub(crate) mod incremental;
pub(crate) mod outputs;
pub(crate) mod serve;
pub(crate) mod sink;
pub(crate) mod stage;
pub(crate) mod watch;
