//! Character rules: brackets, half-width katakana, full-width ASCII,
//! invisible characters, doubled punctuation, ASCII ! and ? among ！？,
//! and spaces between Japanese characters. The first four of these with a
//! safe fix (`halfwidth-kana`, `fullwidth-alnum`, `invisible-chars`,
//! `doubled-punctuation`) are what `check --fix` rewrites.

use super::scope::{BREAK, HIDDEN};
use super::{Finding, Needle, is_japanese, runs};

const PAIRS: &[(char, char)] = &[
    ('「', '」'),
    ('『', '』'),
    ('（', '）'),
    ('(', ')'),
    ('【', '】'),
    ('“', '”'),
];

/// `1)`, `１）`, `a)`, `iv)`: a closing parenthesis after one to three
/// letters or digits that start a line or list item (after spaces, a
/// bullet `-`, `*`, `・`, or nothing) numbers the item; it closes nothing.
fn is_enumeration(text: &str, close_at: usize) -> bool {
    let before = &text[..close_at];
    let label: Vec<char> = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() && !super::is_kanji(*c) && !is_japanese_kana(*c))
        .collect();
    if label.is_empty() || label.len() > 3 {
        return false;
    }
    let label_len: usize = label.iter().map(|c| c.len_utf8()).sum();
    let lead = before[..before.len() - label_len].trim_end_matches([' ', '\u{3000}', '\t']);
    let lead = lead
        .trim_end_matches(['-', '*', '・', '+'])
        .trim_end_matches([' ', '\u{3000}', '\t']);
    lead.is_empty() || lead.ends_with(['\n', BREAK, HIDDEN, '。', '、'])
}

fn is_japanese_kana(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}')
}

#[cfg(test)]
pub(super) fn brackets(value: &str, out: &mut Vec<Finding>) {
    brackets_in(value, &super::marks(value), out);
}

/// `bracket-pairs` over a text and its marks.
pub(super) fn brackets_in(value: &str, marks: &[(usize, char)], out: &mut Vec<Finding>) {
    let closer_of = |open: char| PAIRS.iter().find(|(o, _)| *o == open).map(|(_, c)| *c);
    let is_bracket = |c: char| PAIRS.iter().any(|(o, close)| *o == c || *close == c);
    let mut open: Vec<(usize, char)> = Vec::new();
    for &(i, c) in marks.iter().filter(|(_, c)| is_bracket(*c)) {
        if closer_of(c).is_some() {
            open.push((i, c));
            continue;
        }
        let Some(&(opener, _)) = PAIRS.iter().find(|(_, close)| *close == c) else {
            continue;
        };
        match open.iter().rposition(|(_, o)| *o == opener) {
            Some(at) if at + 1 == open.len() => {
                open.pop();
            }
            Some(at) => {
                let (_, inner) = open[at + 1];
                let inner_close = closer_of(inner).unwrap_or(inner);
                out.push(Finding::new(
                    "bracket-pairs",
                    i,
                    c.len_utf8(),
                    format!("misnested brackets: `{c}` closes `{opener}` while `{inner}` is still open"),
                    format!("close `{inner}` with `{inner_close}` before `{c}`"),
                ));
                // Drop only the matched opener: the inner one may still be
                // closed later (`「『」』` is one problem, not three).
                open.remove(at);
            }
            None if matches!(c, ')' | '）') && is_enumeration(value, i) => {}
            None => out.push(Finding::new(
                "bracket-pairs",
                i,
                c.len_utf8(),
                format!("`{c}` closes no `{opener}`"),
                format!("add the opening `{opener}`, or remove this `{c}`"),
            )),
        }
    }
    for (i, c) in open {
        let close = closer_of(c).unwrap_or(c);
        out.push(Finding::new(
            "bracket-pairs",
            i,
            c.len_utf8(),
            format!("`{c}` is never closed"),
            format!("add the closing `{close}`, or remove this `{c}`"),
        ));
    }
}

const HALFWIDTH: &str = "｡｢｣､･ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝﾞﾟ";
const FULLWIDTH: &str = "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン゛゜";

/// ｶﾞｷﾞ -> ガギ: the full-width form of half-width katakana.
pub(super) fn to_fullwidth_kana(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let full = HALFWIDTH
            .chars()
            .position(|h| h == c)
            .and_then(|i| FULLWIDTH.chars().nth(i))
            .unwrap_or(c);
        let last = out.chars().last();
        let combined = match (last, full) {
            (Some('ウ'), '゛') => Some('ヴ'),
            (Some(b @ ('カ'..='ト' | 'ハ'..='ホ')), '゛') if voiceable(b) => {
                char::from_u32(b as u32 + 1)
            }
            (Some(b @ 'ハ'..='ホ'), '゜') if voiceable(b) => char::from_u32(b as u32 + 2),
            _ => None,
        };
        match combined {
            Some(combined) => {
                out.pop();
                out.push(combined);
            }
            None => out.push(full),
        }
    }
    out
}

/// カ, キ, ... ホ with a voiced form one code point later (not the small
/// ッ or the already voiced ones between them).
fn voiceable(c: char) -> bool {
    [
        'カ', 'キ', 'ク', 'ケ', 'コ', 'サ', 'シ', 'ス', 'セ', 'ソ', 'タ', 'チ', 'ツ', 'テ', 'ト', 'ハ', 'ヒ',
        'フ', 'ヘ', 'ホ',
    ]
    .contains(&c)
}

/// Which full-width forms the rules look for a text holds, told by their
/// bytes: every character of U+FF00..U+FFEF is three bytes starting with
/// 0xEF, found a block at a time (memchr), and the two after it say which
/// it is. Looked for once in a document's words (`super::scope::Scope`):
/// a rule is read field by field only when a form it looks for is there.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Forms {
    /// Half-width katakana, U+FF61..U+FF9F (`halfwidth-kana`).
    pub(super) kana: bool,
    /// Full-width digits and letters (`fullwidth-alnum`).
    pub(super) alnum: bool,
    /// `！` or `？` (`mixed-exclamation`).
    pub(super) marks: bool,
}

impl Forms {
    pub(super) fn of(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut forms = Self::default();
        for i in memchr::memchr_iter(0xEF, bytes) {
            match (bytes.get(i + 1), bytes.get(i + 2)) {
                // U+FF61..U+FF7F, U+FF80..U+FF9F.
                (Some(0xBD), Some(0xA1..=0xBF)) | (Some(0xBE), Some(0x80..=0x9F)) => forms.kana = true,
                // ０..９, Ａ..Ｚ; ａ..ｚ.
                (Some(0xBC), Some(0x90..=0x99 | 0xA1..=0xBA)) | (Some(0xBD), Some(0x81..=0x9A)) => {
                    forms.alnum = true;
                }
                // ！, ？.
                (Some(0xBC), Some(0x81 | 0x9F)) => forms.marks = true,
                _ => {}
            }
        }
        forms
    }
}

/// Whether the text has a character of U+FF00..U+FFEF (full-width
/// forms, half-width katakana): all begin with the byte 0xEF.
fn has_fullwidth_forms(value: &str) -> bool {
    memchr::memchr(0xEF, value.as_bytes()).is_some()
}

pub(super) fn halfwidth_kana(value: &str, out: &mut Vec<Finding>) {
    if !has_fullwidth_forms(value) {
        return;
    }
    for (offset, run) in runs(value, |c| matches!(c, '\u{FF61}'..='\u{FF9F}')) {
        let full = to_fullwidth_kana(run);
        out.push(
            Finding::new(
                "halfwidth-kana",
                offset,
                run.len(),
                format!("half-width katakana `{run}`"),
                format!("write `{full}`"),
            )
            .fix(full),
        );
    }
}

pub(super) fn fullwidth_alnum(value: &str, out: &mut Vec<Finding>) {
    if !has_fullwidth_forms(value) {
        return;
    }
    let is = |c: char| matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ');
    for (offset, run) in runs(value, is) {
        let ascii: String = run
            .chars()
            .map(|c| char::from_u32(c as u32 - 0xFEE0).unwrap_or(c))
            .collect();
        out.push(
            Finding::new(
                "fullwidth-alnum",
                offset,
                run.len(),
                format!("full-width letters or digits `{run}`"),
                format!("write `{ascii}`"),
            )
            .fix(ascii),
        );
    }
}

/// The name of an invisible character, or `None` for visible ones.
fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{2060}' => "WORD JOINER",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE (byte order mark)",
        '\u{00AD}' => "SOFT HYPHEN",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{200E}' | '\u{200F}' | '\u{061C}' => "direction mark",
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => "bidirectional control",
        '\u{2061}'..='\u{2064}' => "invisible operator",
        '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' => "HANGUL FILLER",
        '\u{FFF9}'..='\u{FFFB}' => "interlinear annotation control",
        '\t' | '\n' | '\r' => return None,
        // Characters XML does not allow are errors of validation already.
        c if !crate::input::chars::is_xml_char(c) => return None,
        c if c.is_control() => "control character",
        _ => return None,
    })
}

/// Whether the UTF-8 bytes may hold a character `invisible_name` names:
/// DEL (the other ASCII controls are not XML characters: errors of
/// validation, not named), a character starting with C2 (U+0080..U+00BF),
/// D8 (U+061C) or E1 (U+115F, U+1160, U+180E), one of the format
/// characters U+200B..U+200F, U+202A..U+202E, U+2060..U+2069 (E2 80
/// 8B-8F, E2 80 AA-AE, E2 81 A0-AF), U+3164 (E3 85 A4), U+FEFF (EF BB
/// BF), U+FFA0 (EF BE A0) or U+FFF9..U+FFFB (EF BF B9-BB). Most text has
/// none: each kind of byte is looked for a block at a time (memchr), and
/// the common E2 80 of “” — … and EF BC of （）！？ are ruled out by their
/// next bytes (E1 with them: one search less).
fn may_hold_invisible(bytes: &[u8]) -> bool {
    static HANGUL_FILLER: Needle = Needle::new("\u{3164}");
    let formats = memchr::memchr3_iter(0xE1, 0xE2, 0xEF, bytes).any(|i| {
        let next = (bytes.get(i + 1).copied(), bytes.get(i + 2).copied());
        match bytes[i] {
            0xE1 => true,
            0xE2 => matches!(
                next,
                (Some(0x80), Some(0x8B..=0x8F | 0xAA..=0xAE)) | (Some(0x81), Some(0xA0..=0xAF))
            ),
            _ => matches!(
                next,
                (Some(0xBB), Some(0xBF)) | (Some(0xBE), Some(0xA0)) | (Some(0xBF), Some(0xB9..=0xBB))
            ),
        }
    });
    memchr::memchr3(0x7F, 0xC2, 0xD8, bytes).is_some()
        || formats
        || HANGUL_FILLER.find_iter(bytes).next().is_some()
}

/// Whether a value read from the YAML text `source` may hold an invisible
/// character: a value's characters are written in the file as they are,
/// unless an escape of a double-quoted scalar (`"\u200B"`) writes one,
/// and every escape starts with a backslash. (A byte-order mark, which
/// the parser drops, only makes the fields be looked at.)
pub(super) fn source_may_hold_invisible(source: &str) -> bool {
    memchr::memchr(b'\\', source.as_bytes()).is_some() || may_hold_invisible(source.as_bytes())
}

/// Runs on the value itself, in every field: an invisible character is
/// nobody's writing, quoted or not.
pub(super) fn invisible(value: &str, out: &mut Vec<Finding>) {
    if !may_hold_invisible(value.as_bytes()) {
        return;
    }
    let mut previous = None;
    for (i, c) in value.char_indices() {
        // Kana, kanji and most of the BMP hold no invisible character.
        if matches!(c as u32, 0x20..=0x7E | 0x3040..=0x3163 | 0x3165..=0xFDFF) {
            previous = Some(c);
            continue;
        }
        // A joiner inside an emoji sequence (👩‍💻) is meant.
        let in_emoji =
            c == '\u{200D}' && previous.is_some_and(|p: char| p as u32 >= 0x1F000 || p == '\u{FE0F}');
        if let Some(name) = invisible_name(c).filter(|_| !in_emoji) {
            out.push(
                Finding::new(
                    "invisible-chars",
                    i,
                    c.len_utf8(),
                    format!("invisible character U+{:04X} ({name})", c as u32),
                    "remove it: it cannot be seen, but breaks search, copying and line wrapping",
                )
                .fix(String::new()),
            );
        }
        previous = Some(c);
    }
}

pub(super) fn doubled_punctuation(value: &str, marks: &[(usize, char)], out: &mut Vec<Finding>) {
    let doubled = marks
        .iter()
        .filter(|(_, m)| matches!(m, '。' | '、'))
        .any(|(at, m)| value[at + m.len_utf8()..].starts_with(['。', '、']));
    if !doubled {
        return;
    }
    for (offset, run) in runs(value, |c| matches!(c, '。' | '、')) {
        if run.chars().count() >= 2 {
            let first = run.chars().next().unwrap_or('。');
            out.push(
                Finding::new(
                    "doubled-punctuation",
                    offset,
                    run.len(),
                    format!("doubled punctuation `{run}`"),
                    format!("keep one `{first}`"),
                )
                .fix(first.to_string()),
            );
        }
    }
}

pub(super) fn ascii_marks(value: &str, marks: &[(usize, char)], out: &mut Vec<Finding>) {
    for &(i, c) in marks.iter().filter(|(_, c)| matches!(c, '!' | '?')) {
        let previous = value[..i].chars().next_back();
        // `![` starts a Markdown image, not an exclamation.
        let image = c == '!' && value[i + 1..].starts_with('[');
        if previous.is_some_and(is_japanese) && !image {
            let full = if c == '!' { '！' } else { '？' };
            out.push(Finding::new(
                "mixed-exclamation",
                i,
                1,
                format!("ASCII `{c}` after Japanese text, in a file that otherwise uses `！` or `？`"),
                format!("write `{full}`"),
            ));
        }
    }
}

pub(super) fn spaces(value: &str, marks: &[(usize, char)], out: &mut Vec<Finding>) {
    for (offset, run) in space_runs(value, marks) {
        let before = value[..offset].chars().next_back();
        let after = value[offset + run.len()..].chars().next();
        if let (Some(b), Some(a)) = (before, after)
            && is_japanese(b)
            && is_japanese(a)
        {
            out.push(Finding::new(
                "space-between-japanese",
                offset,
                run.len(),
                format!("space between Japanese characters `{b}` and `{a}`"),
                "remove the space; if a folded `>` block joined two lines here, write `|` instead",
            ));
        }
    }
}

/// The runs of ASCII spaces, from the marks: (byte offset, run).
fn space_runs<'a>(value: &'a str, marks: &[(usize, char)]) -> Vec<(usize, &'a str)> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &(i, _) in marks.iter().filter(|(_, c)| *c == ' ') {
        match runs.last_mut() {
            Some((_, end)) if *end == i => *end = i + 1,
            _ => runs.push((i, i + 1)),
        }
    }
    runs.into_iter()
        .map(|(start, end)| (start, &value[start..end]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The prefilter lets through every character `invisible_name` names.
    #[test]
    fn every_named_character_passes_the_prefilter() {
        let mut named = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if invisible_name(c).is_some() {
                named += 1;
                let mut bytes = [0; 4];
                assert!(may_hold_invisible(c.encode_utf8(&mut bytes).as_bytes()), "{c:?}");
            }
        }
        assert!(named > 60, "{named}");
    }

    /// A file with no invisible character written in it and no backslash
    /// to escape one holds none; any invisible character, written or
    /// escaped, makes its fields be looked at.
    #[test]
    fn a_file_tells_whether_its_values_may_hold_invisible_characters() {
        assert!(!source_may_hold_invisible(
            "title: \"ゼロ幅「」“”—…（）！？\"\nbody: |\n  本文\n"
        ));
        let mut invisible = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if invisible_name(c).is_none() {
                continue;
            }
            invisible += 1;
            assert!(source_may_hold_invisible(&format!("title: ゼロ{c}幅\n")), "{c:?}");
            let escaped = format!("title: \"ゼロ\\u{:04X}幅\"\n", c as u32);
            assert!(source_may_hold_invisible(&escaped), "{escaped}");
        }
        assert!(invisible > 10, "{invisible}");
    }

    /// `Forms` tells each character the rules look for, alone and among
    /// others, and no other character of the BMP.
    #[test]
    fn forms_are_told_by_their_bytes() {
        for c in (0..=0xFFFF).filter_map(char::from_u32) {
            let expected = Forms {
                kana: matches!(c, '\u{FF61}'..='\u{FF9F}'),
                alnum: matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ'),
                marks: matches!(c, '！' | '？'),
            };
            assert_eq!(Forms::of(&c.to_string()), expected, "{c:?}");
            assert_eq!(Forms::of(&format!("あ{c}（)")), expected, "{c:?}");
        }
        let all = Forms::of("ａ！（ｶ");
        assert!(all.kana && all.alnum && all.marks);
    }

    #[test]
    fn halfwidth_katakana_becomes_fullwidth() {
        assert_eq!(to_fullwidth_kana("ｶﾀｶﾅ"), "カタカナ");
        assert_eq!(to_fullwidth_kana("ｶﾞｯｺｳ ﾊﾟﾝ ｳﾞｧ ｯﾞ"), "ガッコウ パン ヴァ ッ゛");
    }

    #[test]
    fn enumerations_close_nothing_and_open_nothing() {
        for text in [
            "1) 最初",
            "１）最初\n２）次",
            "- a) 項目",
            "前文。\n iv) 四つ目",
            "メモ 2)",
        ] {
            let mut found = Vec::new();
            brackets(text, &mut found);
            let ids: Vec<_> = found.iter().map(|f| f.offset).collect();
            if text == "メモ 2)" {
                assert_eq!(ids.len(), 1, "{text}: mid-line is not an item");
            } else {
                assert!(ids.is_empty(), "{text}: {ids:?}");
            }
        }
    }
}
