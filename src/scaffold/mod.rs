//! Stage 4c, scaffold: the files `init` and `new` write for a producer to
//! fill in.

pub mod document;
pub mod show;
