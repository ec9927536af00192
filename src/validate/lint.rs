//! Japanese proofreading rules for the text of episodes and minutes, run
//! by `shownotes check` as warnings. Every rule has a stable id and can be
//! switched off in `series.yaml`: `lint: { halfwidth-kana: false }`.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::span::Spanned;
use crate::model::document::Document;
use crate::model::lint_settings::Rules;
use crate::model::series::Series;
use crate::model::walk::{self, Role};
use crate::validate::workspace::LoadedDocument;

/// Runs the rules the series enables over a loaded file and appends the
/// warnings to its diagnostics.
pub(crate) fn append(loaded: &mut LoadedDocument, series: Option<&Series>) {
    if let Some(document) = &loaded.document {
        let default = Rules::default();
        let rules = series.map_or(&default, |s| &s.lint);
        loaded.diagnostics.extend(check(document, rules));
    }
}

/// A text field of a document; `prose` for running text (lead, body,
/// point text), where a space between Japanese words is a slip rather than
/// the space between a family and a given name.
struct Text<'a> {
    value: &'a Spanned<String>,
    prose: bool,
}

/// Every text field of the document; addresses are not text.
fn texts(document: &Document) -> Vec<Text<'_>> {
    let mut texts = Vec::new();
    walk::document(document, &mut |field| {
        let prose = match field.role {
            Role::Prose => true,
            Role::Line | Role::Name | Role::Cited => false,
            Role::Url(_) => return,
        };
        texts.push(Text {
            value: field.value,
            prose,
        });
    });
    texts
}

/// One problem inside a text value: a byte range of the value.
struct Finding {
    rule: &'static str,
    offset: usize,
    len: usize,
    message: String,
    help: String,
}

/// Every enabled rule over every text field of a document.
pub(crate) fn check(document: &Document, rules: &Rules) -> Vec<Diagnostic> {
    let texts = texts(document);
    let file = document.file();
    let uses_fullwidth_marks = texts.iter().any(|t| t.value.contains(['！', '？']));
    let mut out = Vec::new();
    for text in &texts {
        let value: &str = text.value;
        let mut findings = Vec::new();
        brackets(value, &mut findings);
        halfwidth_kana(value, &mut findings);
        fullwidth_alnum(value, &mut findings);
        invisible(value, &mut findings);
        doubled_punctuation(value, &mut findings);
        if uses_fullwidth_marks {
            ascii_marks(value, &mut findings);
        }
        if text.prose {
            spaces(value, &mut findings);
        }
        findings.retain(|f| rules.is_on(f.rule));
        findings.sort_by_key(|f| f.offset);
        for f in findings {
            let span = text.value.span.within(&file.text, value, f.offset, f.len);
            out.push(
                Diagnostic::warning(f.rule, f.message)
                    .at(file, span)
                    .help(format!("{} (rule `{}`)", f.help, f.rule)),
            );
        }
    }
    out.sort_by_key(|d| d.span.map(|s| s.start));
    out
}

/// Hiragana, katakana, kanji, Japanese punctuation and full-width forms.
pub(crate) fn is_japanese(c: char) -> bool {
    matches!(c,
        '\u{3001}'..='\u{303F}'   // 、。〃々〆〇「」『』【】〜 ...
        | '\u{3040}'..='\u{30FF}' // hiragana, katakana, ー
        | '\u{31F0}'..='\u{31FF}' // katakana extensions
        | '\u{3400}'..='\u{4DBF}' // kanji, extension A
        | '\u{4E00}'..='\u{9FFF}' // kanji
        | '\u{F900}'..='\u{FAFF}' // compatibility kanji
        | '\u{FF01}'..='\u{FF9F}' // full-width forms, half-width katakana
        | '\u{20000}'..='\u{3134F}' // kanji, extensions B-G
    )
}

const PAIRS: &[(char, char)] = &[
    ('「', '」'),
    ('『', '』'),
    ('（', '）'),
    ('(', ')'),
    ('【', '】'),
    ('“', '”'),
];

fn brackets(value: &str, out: &mut Vec<Finding>) {
    let closer_of = |open: char| PAIRS.iter().find(|(o, _)| *o == open).map(|(_, c)| *c);
    let mut open: Vec<(usize, char)> = Vec::new();
    for (i, c) in value.char_indices() {
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
                out.push(Finding {
                    rule: "bracket-pairs",
                    offset: i,
                    len: c.len_utf8(),
                    message: format!(
                        "misnested brackets: `{c}` closes `{opener}` while `{inner}` is still open"
                    ),
                    help: format!("close `{inner}` with `{inner_close}` before `{c}`"),
                });
                // Drop only the matched opener: the inner one may still be
                // closed later (`「『」』` is one problem, not three).
                open.remove(at);
            }
            None => out.push(Finding {
                rule: "bracket-pairs",
                offset: i,
                len: c.len_utf8(),
                message: format!("`{c}` closes no `{opener}`"),
                help: format!("add the opening `{opener}`, or remove this `{c}`"),
            }),
        }
    }
    for (i, c) in open {
        let close = closer_of(c).unwrap_or(c);
        out.push(Finding {
            rule: "bracket-pairs",
            offset: i,
            len: c.len_utf8(),
            message: format!("`{c}` is never closed"),
            help: format!("add the closing `{close}`, or remove this `{c}`"),
        });
    }
}

/// Maximal runs of characters matching `pred`: (byte offset, text).
fn runs(value: &str, pred: impl Fn(char) -> bool) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in value.char_indices().chain(std::iter::once((value.len(), '\n'))) {
        match (start, pred(c) && i < value.len()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push((s, &value[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    out
}

const HALFWIDTH: &str = "｡｢｣､･ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝﾞﾟ";
const FULLWIDTH: &str = "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン゛゜";

/// ｶﾞｷﾞ -> ガギ: the full-width form of half-width katakana.
pub(crate) fn to_fullwidth_kana(text: &str) -> String {
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
    "カキクケコサシスセソタチツテトハヒフヘホ".contains(c)
}

fn halfwidth_kana(value: &str, out: &mut Vec<Finding>) {
    for (offset, run) in runs(value, |c| matches!(c, '\u{FF61}'..='\u{FF9F}')) {
        out.push(Finding {
            rule: "halfwidth-kana",
            offset,
            len: run.len(),
            message: format!("half-width katakana `{run}`"),
            help: format!("write `{}`", to_fullwidth_kana(run)),
        });
    }
}

fn fullwidth_alnum(value: &str, out: &mut Vec<Finding>) {
    let is = |c: char| matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ');
    for (offset, run) in runs(value, is) {
        let ascii: String = run
            .chars()
            .map(|c| char::from_u32(c as u32 - 0xFEE0).unwrap_or(c))
            .collect();
        out.push(Finding {
            rule: "fullwidth-alnum",
            offset,
            len: run.len(),
            message: format!("full-width letters or digits `{run}`"),
            help: format!("write `{ascii}`"),
        });
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

fn invisible(value: &str, out: &mut Vec<Finding>) {
    let mut previous = None;
    for (i, c) in value.char_indices() {
        // A joiner inside an emoji sequence (👩‍💻) is meant.
        let in_emoji =
            c == '\u{200D}' && previous.is_some_and(|p: char| p as u32 >= 0x1F000 || p == '\u{FE0F}');
        if let Some(name) = invisible_name(c).filter(|_| !in_emoji) {
            out.push(Finding {
                rule: "invisible-chars",
                offset: i,
                len: c.len_utf8(),
                message: format!("invisible character U+{:04X} ({name})", c as u32),
                help: "remove it: it cannot be seen, but breaks search, copying and line wrapping".into(),
            });
        }
        previous = Some(c);
    }
}

fn doubled_punctuation(value: &str, out: &mut Vec<Finding>) {
    for (offset, run) in runs(value, |c| matches!(c, '。' | '、')) {
        if run.chars().count() >= 2 {
            let first = run.chars().next().unwrap_or('。');
            out.push(Finding {
                rule: "doubled-punctuation",
                offset,
                len: run.len(),
                message: format!("doubled punctuation `{run}`"),
                help: format!("keep one `{first}`"),
            });
        }
    }
}

fn ascii_marks(value: &str, out: &mut Vec<Finding>) {
    let mut previous = None;
    let mut chars = value.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|(_, n)| *n);
        // `![` starts a Markdown image, not an exclamation.
        let image = c == '!' && next == Some('[');
        if matches!(c, '!' | '?') && previous.is_some_and(is_japanese) && !image {
            let full = if c == '!' { '！' } else { '？' };
            out.push(Finding {
                rule: "mixed-exclamation",
                offset: i,
                len: 1,
                message: format!(
                    "ASCII `{c}` after Japanese text, in a file that otherwise uses `！` or `？`"
                ),
                help: format!("write `{full}`"),
            });
        }
        previous = Some(c);
    }
}

fn spaces(value: &str, out: &mut Vec<Finding>) {
    for (offset, run) in runs(value, |c| c == ' ') {
        let before = value[..offset].chars().next_back();
        let after = value[offset + run.len()..].chars().next();
        if let (Some(b), Some(a)) = (before, after)
            && is_japanese(b)
            && is_japanese(a)
        {
            out.push(Finding {
                rule: "space-between-japanese",
                offset,
                len: run.len(),
                message: format!("space between Japanese characters `{b}` and `{a}`"),
                help: "remove the space; if a folded `>` block joined two lines here, write `|` instead"
                    .into(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halfwidth_katakana_becomes_fullwidth() {
        assert_eq!(to_fullwidth_kana("ｶﾀｶﾅ"), "カタカナ");
        assert_eq!(to_fullwidth_kana("ｶﾞｯｺｳ ﾊﾟﾝ ｳﾞｧ ｯﾞ"), "ガッコウ パン ヴァ ッ゛");
    }

    #[test]
    fn japanese_characters() {
        for c in ['あ', 'ア', '漢', '。', '「', '！', 'ｶ', 'ー', '々'] {
            assert!(is_japanese(c), "{c}");
        }
        for c in ['a', '1', ' ', '(', '“', '😀', '\u{3000}'] {
            assert!(!is_japanese(c), "{c}");
        }
    }
}
