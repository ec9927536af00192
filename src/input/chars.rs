//! Which characters a text value may hold: those XML 1.0 allows, so that
//! every output (the feed above all) stays well-formed. Validation refuses
//! the others at their position; the feed writer refuses them again.

/// Whether XML 1.0 allows `c` in a document (its `Char` production):
/// not the C0 controls except tab and line breaks, not U+FFFE or U+FFFF.
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The first character of `text` XML 1.0 does not allow, with its byte offset.
pub(crate) fn first_non_xml_char(text: &str) -> Option<(usize, char)> {
    text.char_indices().find(|&(_, c)| !is_xml_char(c))
}
