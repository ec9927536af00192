//! Stage 1, input: bytes to spanned YAML nodes to typed values, and the
//! show directory on disk.

pub(crate) mod chars;
pub(crate) mod date_text;
pub(crate) mod decode;
pub(crate) mod duration_text;
#[cfg(test)]
pub(crate) mod rng;
pub(crate) mod show_dir;
pub(crate) mod weburl;
pub(crate) mod yaml;
