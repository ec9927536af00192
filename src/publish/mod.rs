//! Stage 4a, publish: the build pipeline, output selection and atomic
//! staging of `dist/`.

pub mod build;
pub mod document;
pub mod outputs;
pub mod stage;
pub mod watch;
