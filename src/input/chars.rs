//! Which characters a text value may hold: those XML 1.0 allows, so that
//! every output (the feed above all) stays well-formed. Validation refuses
//! the others at their position; the feed writer refuses them again.

/// Whether XML 1.0 allows `c` in a document (its `Char` production):
/// not the C0 controls except tab and line breaks, not U+FFFE or U+FFFF.
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The first character of `text` XML 1.0 does not allow, with its byte
/// offset. Read by bytes, as every value of every file goes through it:
/// the C0 controls are single bytes, U+FFFE and U+FFFF are `EF BF BE` and
/// `EF BF BF` (a `str` holds no surrogate), and no other character's
/// encoding contains those sequences.
pub(crate) fn first_non_xml_char(text: &str) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let at = bytes.iter().enumerate().position(|(i, &b)| match b {
        b'\t' | b'\n' | b'\r' => false,
        0x00..=0x1F => true,
        0xEF => bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)),
        _ => false,
    })?;
    text.get(at..)?.chars().next().map(|c| (at, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte reading agrees with `is_xml_char` on every character,
    /// alone and between others.
    #[test]
    fn bytes_find_exactly_the_characters_xml_refuses() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let expected = (!is_xml_char(c)).then_some((3, c));
            assert_eq!(
                first_non_xml_char(&format!("あ{c}い")),
                expected,
                "U+{:04X}",
                c as u32
            );
        }
    }
}
