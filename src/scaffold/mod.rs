//! Stage 4c, scaffold: the files `init` and `new` write for a producer to
//! fill in.

pub(crate) mod document;
pub(crate) mod show;
