//! Stage 1, input: bytes to spanned YAML nodes to typed values, and the
//! show directory on disk.

pub mod decode;
pub mod duration_text;
pub mod show_dir;
pub mod weburl;
pub mod yaml;
