//! Dates written by people as `YYYY-MM-DD`: the shape, before asking
//! whether it is a real calendar date. Read by the decoder and the CLI,
//! and by the YAML reader, which types such a plain scalar as a string.

/// Whether a text is written `YYYY-MM-DD` (ASCII digits), before asking
/// whether it is a real calendar date.
pub(crate) fn is_ymd_shaped(text: &str) -> bool {
    text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        })
}
