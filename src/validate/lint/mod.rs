//! Japanese proofreading rules for the text of episodes and minutes, run
//! by `shownotes check` as warnings. Every rule has a stable id and can be
//! switched off in `series.yaml`: `lint: { halfwidth-kana: false }`.
//!
//! Only the producer's own words are read (see `scope`): names, the
//! titles and publishers of cited sources, addresses, link text, code,
//! raw HTML, block quotes and 「」『』“” quotations are left alone. The
//! rules are in `characters` (one character at a time), `wording` (verb
//! forms and phrases), `sentences` (clauses, sentence endings) and
//! `terms` (表記ゆれ and the producer's dictionary).
//!
//! The fields of a document are scoped together (`scope`); each is then
//! decoded into characters and marks (brackets, stops, spaces) and split
//! into sentences once, and the rules read those instead of scanning the
//! field again. The rules that read characters one at a time run in one
//! pass over them (`pass`). See the design chapter for what each step
//! costs.

mod characters;
mod lists;
mod pass;
#[cfg(test)]
mod samples;
mod scope;
mod sentences;
mod terms;
mod wording;

use crate::diagnostic::Diagnostic;
use crate::diagnostic::span::{Span, Spanned};
use crate::model::document::Document;
use crate::model::lint_settings::Rules;
use crate::model::series::Series;
use crate::model::walk::{self, Role};
use crate::validate::workspace::LoadedDocument;
use memchr::memmem::Finder;
use scope::{Scope, Syntax};
use sentences::Sentences;
use std::sync::OnceLock;

/// Runs the rules the series enables over a loaded file and appends the
/// warnings to its diagnostics; `series_names` are the series' (made once
/// a run by `series_names`).
pub(crate) fn append(loaded: &mut LoadedDocument, series: Option<&Series>, series_names: &[&str]) {
    if let Some(document) = &loaded.document {
        let default = Rules::default();
        let rules = series.map_or(&default, |s| &s.lint);
        loaded.diagnostics.extend(check(document, rules, series_names));
    }
}

/// The names of `series.yaml` (default speakers, organizers): written in
/// an episode's prose, they are names too.
pub(crate) fn series_names(series: Option<&Series>) -> Vec<&str> {
    let mut names = Vec::with_capacity(8);
    if let Some(series) = series {
        walk::series(series, &mut |field| {
            if matches!(field.role, Role::Name) {
                names.push(field.value.as_str());
            }
        });
    }
    names
}

/// How the rules treat a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Markdown prose: every rule.
    Prose,
    /// A title, heading or label of the producer's: every rule but those
    /// about running prose (spaces, style, sentence length).
    Line,
    /// A person's or organization's name: `invisible-chars` only, and
    /// hidden where the prose mentions it.
    Name,
    /// Text quoted from a cited page: `invisible-chars` only.
    Cited,
}

/// The text fields of a document in file order (addresses are not text),
/// each with how the rules treat it. `check --fix` reads the same list.
pub(crate) fn text_fields(document: &Document) -> Vec<&Spanned<String>> {
    fields(document).into_iter().map(|(value, _)| value).collect()
}

fn fields(document: &Document) -> Vec<(&Spanned<String>, Kind)> {
    // Room for the fields of most documents.
    let mut texts = Vec::with_capacity(32);
    walk::document(document, &mut |field| {
        let kind = match field.role {
            Role::Prose => Kind::Prose,
            Role::Line => Kind::Line,
            Role::Name => Kind::Name,
            Role::Cited => Kind::Cited,
            Role::Url(_) => return,
        };
        texts.push((field.value, kind));
    });
    texts
}

/// One problem inside a text value: a byte range of the value, and the
/// text to write there when the rule's fix is safe.
struct Finding {
    rule: &'static str,
    offset: usize,
    len: usize,
    message: String,
    help: String,
    fix: Option<String>,
}

impl Finding {
    fn new(
        rule: &'static str,
        offset: usize,
        len: usize,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Self {
        Self {
            rule,
            offset,
            len,
            message: message.into(),
            help: help.into(),
            fix: None,
        }
    }

    fn fix(mut self, replacement: String) -> Self {
        self.fix = Some(replacement);
        self
    }
}

/// Every enabled rule over every text field of the file `source`:
/// (field index, finding), sorted by field and offset.
fn findings(
    source: &str,
    texts: &[(&Spanned<String>, Kind)],
    rules: &Rules,
    series_names: &[&str],
) -> Vec<(usize, Finding)> {
    if !rules.any_on() {
        return Vec::new();
    }
    let names = scope::names(
        texts
            .iter()
            .filter(|(_, kind)| *kind == Kind::Name)
            .map(|(value, _)| value.as_str())
            .chain(series_names.iter().copied()),
    );
    let scope = Scope::new(
        texts.iter().map(|(value, kind)| match kind {
            Kind::Prose => Some((value.as_str(), Syntax::Markdown)),
            Kind::Line => Some((value.as_str(), Syntax::Line)),
            Kind::Name | Kind::Cited => None,
        }),
        &names,
    );
    // The full-width forms of the document's words: the rules about one
    // read no field when none is there.
    let forms = characters::Forms::of(scope.text());
    let uses_fullwidth_marks = forms.marks
        && (0..texts.len()).any(|i| {
            scope
                .field(i)
                .is_some_and(|(own, mask)| has_fullwidth_marks(own, mask))
        });
    let mut on = On::new(rules);
    // Twenty fields looked at for invisible characters, or the file once.
    on.invisible &= characters::source_may_hold_invisible(source);
    on.halfwidth &= forms.kana;
    on.fullwidth &= forms.alnum;
    let mixed_style = rules.is_on("mixed-style");
    let mut out = Vec::new();
    let mut seen = Vec::new();
    // The sentence endings of the prose fields, for `mixed-style` at the end.
    let mut endings = Vec::with_capacity(64);
    // A field's characters and marks, found once for the rules that read
    // them, in buffers that serve field after field.
    let mut buffers = Buffers::default();
    let mut passed = pass::Found::default();
    let longest = (0..texts.len())
        .filter_map(|i| scope.field(i))
        .map(|(own, _)| own.len())
        .max()
        .unwrap_or(0);
    // Room for the longest field: no growing field after field. (A mark
    // takes at least a byte, and a field is mostly other characters.)
    buffers.own_chars.reserve(longest);
    buffers.chars.reserve(longest);
    buffers.own_marks.reserve(longest / 4);
    buffers.marks.reserve(longest / 4);
    for (i, (value, kind)) in texts.iter().enumerate() {
        let mut found = Vec::new();
        if on.invisible {
            characters::invisible(value, &mut found);
        }
        if let Some((own, mask)) = scope.field(i) {
            let words = Words::new(own, mask, &mut buffers);
            let is_prose = *kind == Kind::Prose;
            let wanted = on.ten || is_prose && (on.length || mixed_style);
            let sentences = if wanted {
                sentences::sentences(words.text, words.marks)
            } else {
                Vec::new()
            };
            let from = seen.len();
            pass::run(words.text, words.chars, on.pass(), &mut passed, &mut seen);
            for s in &mut seen[from..] {
                s.field = i;
            }
            let mut field = Field {
                kind: *kind,
                words: &words,
                sentences: &sentences,
                passed: &mut passed,
            };
            field_rules(&mut field, rules, on, uses_fullwidth_marks, &mut found);
            found.append(&mut passed.lists);
            if is_prose && mixed_style {
                sentences::endings(i, &sentences, &mut endings);
            }
        }
        out.extend(found.into_iter().map(|f| (i, f)));
    }
    if mixed_style {
        sentences::mixed_style(endings, &mut out);
    }
    if rules.is_on("terms") {
        terms::variants(&seen, &rules.terms, &mut out);
    }
    out.retain(|(_, f)| rules.is_on(f.rule));
    out.sort_by_key(|(i, f)| (*i, f.offset));
    out
}

/// Whether a field's words (its own words but the insides of quotations)
/// hold a `！` or `？`, told by their bytes first (`Forms`); the
/// quotations are found only when one is there.
fn has_fullwidth_marks(own: &str, mask: &[u8]) -> bool {
    if !characters::Forms::of(own).marks {
        return false;
    }
    let marks = marks(own);
    let quoted = scope::quotations(mask, &marks);
    marks
        .iter()
        .filter(|(_, c)| matches!(c, '！' | '？'))
        .any(|(i, _)| !quoted.iter().any(|r| r.contains(i)))
}

/// The buffers of `Words`, field after field.
#[derive(Default)]
struct Buffers {
    own_chars: Vec<(usize, char)>,
    own_marks: Vec<(usize, char)>,
    chars: Vec<(usize, char)>,
    marks: Vec<(usize, char)>,
    words: String,
}

/// A field of the producer's as the rules read it: its own words (for
/// `bracket-pairs`) and its words, the own words with the insides of
/// quotations hidden (for every other rule), each decoded once into
/// characters and marks.
struct Words<'a> {
    /// The own words and their marks.
    own: &'a str,
    own_marks: &'a [(usize, char)],
    /// The words, their characters and their marks.
    text: &'a str,
    chars: &'a [(usize, char)],
    marks: &'a [(usize, char)],
}

impl<'a> Words<'a> {
    fn new(own: &'a str, mask: &[u8], buffers: &'a mut Buffers) -> Self {
        let Buffers {
            own_chars,
            own_marks,
            chars,
            marks,
            words,
        } = buffers;
        decode_into(own, own_chars, own_marks);
        let quoted = scope::quotations(mask, own_marks);
        if quoted.is_empty() {
            return Self {
                own,
                own_marks,
                text: own,
                chars: own_chars,
                marks: own_marks,
            };
        }
        scope::hide_quotations_into(own, &quoted, words);
        hide_chars(own_chars, &quoted, chars);
        hide_marks(own_marks, &quoted, marks);
        Self {
            own,
            own_marks,
            text: words,
            chars,
            marks,
        }
    }
}

/// The characters of the words from those of the own words: each
/// quotation's inside (`quoted`, in order, on character boundaries) one
/// `HIDDEN` (see `decode_into`).
fn hide_chars(own: &[(usize, char)], quoted: &[std::ops::Range<usize>], out: &mut Vec<(usize, char)>) {
    out.clear();
    out.reserve(own.len());
    let mut from = 0;
    for range in quoted {
        let (start, end) = chars_between(own, from, range);
        out.extend_from_slice(&own[from..start]);
        if !range.is_empty() {
            out.push((range.start, scope::HIDDEN));
        }
        from = end;
    }
    out.extend_from_slice(&own[from..]);
}

/// The marks of the words from those of the own words: none inside the
/// quotations.
fn hide_marks(own: &[(usize, char)], quoted: &[std::ops::Range<usize>], out: &mut Vec<(usize, char)>) {
    out.clear();
    let mut from = 0;
    for range in quoted {
        let (start, end) = chars_between(own, from, range);
        out.extend_from_slice(&own[from..start]);
        from = end;
    }
    out.extend_from_slice(&own[from..]);
}

/// The indexes from `from` on of the first character at or after the start
/// of `range` and of the first at or after its end.
fn chars_between(chars: &[(usize, char)], from: usize, range: &std::ops::Range<usize>) -> (usize, usize) {
    let rest = chars.get(from..).unwrap_or_default();
    let start = from + rest.partition_point(|(i, _)| *i < range.start);
    let end = from + rest.partition_point(|(i, _)| *i < range.end);
    (start, end.max(start))
}

/// Which per-field rules are on, looked up once per document.
#[derive(Debug, Clone, Copy)]
struct On {
    invisible: bool,
    brackets: bool,
    halfwidth: bool,
    fullwidth: bool,
    punctuation: bool,
    exclamation: bool,
    spaces: bool,
    ra_nuki: bool,
    i_nuki: bool,
    successive: bool,
    joshi: bool,
    ten: bool,
    kanji: bool,
    terms: bool,
    length: bool,
}

impl On {
    /// The rules of the pass over a field's characters.
    fn pass(self) -> pass::Rules {
        pass::Rules {
            successive: self.successive,
            joshi: self.joshi,
            kanji: self.kanji,
            nuki: self.ra_nuki || self.i_nuki,
        }
    }

    fn new(rules: &Rules) -> Self {
        let on = |id| rules.is_on(id);
        Self {
            invisible: on("invisible-chars"),
            brackets: on("bracket-pairs"),
            halfwidth: on("halfwidth-kana"),
            fullwidth: on("fullwidth-alnum"),
            punctuation: on("doubled-punctuation"),
            exclamation: on("mixed-exclamation"),
            spaces: on("space-between-japanese"),
            ra_nuki: on("ra-nuki"),
            i_nuki: on("i-nuki"),
            successive: on("successive-word"),
            joshi: on("doubled-joshi"),
            ten: on("max-ten"),
            kanji: on("kanji-run"),
            terms: on("terms"),
            length: on("sentence-length"),
        }
    }
}

/// A field of the producer's as the rules read it.
struct Field<'a> {
    kind: Kind,
    words: &'a Words<'a>,
    /// The sentences of its words (empty when no rule reads them).
    sentences: &'a Sentences<'a>,
    /// What the pass over its characters found.
    passed: &'a mut pass::Found,
}

/// The rules of one field of the producer's.
fn field_rules(
    field: &mut Field,
    rules: &Rules,
    on: On,
    uses_fullwidth_marks: bool,
    found: &mut Vec<Finding>,
) {
    let (kind, sentences) = (field.kind, field.sentences);
    let passed = &mut *field.passed;
    let Words {
        own,
        own_marks,
        text: words,
        marks,
        ..
    } = *field.words;
    let rule = |enabled: bool, check: &dyn Fn(&mut Vec<Finding>), found: &mut Vec<Finding>| {
        if enabled {
            check(found);
        }
    };
    // `bracket-pairs` reads the quotations too.
    rule(
        on.brackets,
        &|f| characters::brackets_in(own, own_marks, f),
        found,
    );
    rule(on.halfwidth, &|f| characters::halfwidth_kana(words, f), found);
    rule(on.fullwidth, &|f| characters::fullwidth_alnum(words, f), found);
    rule(
        on.punctuation,
        &|f| characters::doubled_punctuation(words, marks, f),
        found,
    );
    rule(
        on.exclamation && uses_fullwidth_marks,
        &|f| characters::ascii_marks(words, marks, f),
        found,
    );
    rule(on.ra_nuki, &|f| wording::ra_nuki_at(words, &passed.re, f), found);
    rule(
        on.i_nuki,
        &|f| wording::i_nuki_at(words, &passed.te, &passed.de, f),
        found,
    );
    found.append(&mut passed.successive);
    found.append(&mut passed.joshi);
    rule(on.ten, &|f| sentences::max_ten_in(sentences, marks, f), found);
    rule(
        on.kanji,
        &|f| sentences::kanji_run_in(words, &passed.kanji_runs, &rules.kanji_allow, f),
        found,
    );
    rule(on.terms, &|f| terms::dictionary(words, &rules.terms, f), found);
    if kind == Kind::Prose {
        rule(on.spaces, &|f| characters::spaces(words, marks, f), found);
        rule(
            on.length,
            &|f| sentences::sentence_length(sentences, rules.sentence_length, f),
            found,
        );
    }
}

/// Every enabled rule over every text field of a document.
pub(crate) fn check(document: &Document, rules: &Rules, series_names: &[&str]) -> Vec<Diagnostic> {
    let texts = fields(document);
    let file = document.file();
    let mut out: Vec<Diagnostic> = findings(&file.text, &texts, rules, series_names)
        .into_iter()
        .map(|(i, f)| {
            let value = texts[i].0;
            let span = value.span.within(&file.text, value, f.offset, f.len);
            Diagnostic::warning(f.rule, f.message)
                .at(file, span)
                .help(format!("{} (rule `{}`)", f.help, f.rule))
        })
        .collect();
    out.sort_by_key(|d| d.span.map(|s| s.start));
    out
}

/// A safe fix: in text field `field` (of `text_fields`), bytes `range` of
/// the value become `new`; `span` is where they are written in the file.
#[derive(Debug, Clone)]
pub(crate) struct Fix {
    pub(crate) rule: &'static str,
    pub(crate) field: usize,
    pub(crate) range: std::ops::Range<usize>,
    pub(crate) span: Span,
    pub(crate) old: String,
    pub(crate) new: String,
}

/// The safe fixes of a document, in file order, none overlapping.
pub(crate) fn fixes(document: &Document, rules: &Rules, series_names: &[&str]) -> Vec<Fix> {
    let texts = fields(document);
    let file = document.file();
    let mut out: Vec<Fix> = Vec::new();
    for (i, f) in findings(&file.text, &texts, rules, series_names) {
        let fixable = crate::model::lint_settings::info(f.rule).is_some_and(|r| r.fixable);
        let Some(new) = f.fix.filter(|_| fixable) else {
            continue;
        };
        let value = texts[i].0;
        let range = f.offset..f.offset + f.len;
        let Some(old) = value.get(range.clone()) else {
            continue;
        };
        let overlaps = out
            .iter()
            .any(|o| o.field == i && o.range.start < range.end && range.start < o.range.end);
        if overlaps {
            continue;
        }
        out.push(Fix {
            rule: f.rule,
            field: i,
            span: value.span.within(&file.text, value, f.offset, f.len),
            old: old.to_string(),
            new,
            range,
        });
    }
    out.sort_by_key(|f| f.span.start);
    out
}

/// What a character is to the rules that read words one character at a
/// time (`pass`): `is_hiragana`, `is_katakana`, `is_kanji` or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Hiragana,
    Katakana,
    Kanji,
    Other,
}

/// The class of a character: the common kanji and hiragana first, then
/// everything below 々 (ASCII, Latin) with one comparison.
#[inline(always)]
fn class(c: char) -> Class {
    let u = u32::from(c);
    if u.wrapping_sub(0x4E00) <= 0x9FFF - 0x4E00 {
        return Class::Kanji;
    }
    if u.wrapping_sub(0x3041) <= 0x309F - 0x3041 {
        return Class::Hiragana;
    }
    if u < 0x3005 {
        return Class::Other;
    }
    match c {
        '\u{30A1}'..='\u{30FA}' | '\u{30FC}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' => Class::Katakana,
        '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}' | '々' | '〆' => {
            Class::Kanji
        }
        _ => Class::Other,
    }
}

/// Hiragana, katakana, kanji, Japanese punctuation and full-width forms.
pub(super) fn is_japanese(c: char) -> bool {
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

/// Kanji, with 々 and 〆 that stand for one.
fn is_kanji(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}'
        | '々' | '〆'
    )
}

fn is_hiragana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}')
}

/// Katakana and the long vowel mark ー (not the middle dot ・).
fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | '\u{30FC}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}')
}

/// A string looked for in many texts, through memchr's `memmem`: it looks
/// for two of the needle's bytes a block at a time, where
/// `str::match_indices` stops at every byte like the needle's last, which
/// most Japanese characters share.
pub(super) struct Needle {
    needle: &'static str,
    finder: OnceLock<Finder<'static>>,
}

impl Needle {
    pub(super) const fn new(needle: &'static str) -> Self {
        Self {
            needle,
            finder: OnceLock::new(),
        }
    }

    /// The byte offsets of the needle in `text`, not overlapping.
    pub(super) fn find_iter<'a, T>(&'a self, text: &'a T) -> impl Iterator<Item = usize> + 'a
    where
        T: AsRef<[u8]> + ?Sized,
    {
        let finder = self.finder.get_or_init(|| Finder::new(self.needle));
        finder.find_iter(text.as_ref())
    }
}

/// The characters of a text that the bracket, punctuation, space and
/// sentence rules look for (`is_mark`): (byte offset, character). The
/// lint finds a field's marks in the characters it has decoded already.
pub(super) fn marks(text: &str) -> Vec<(usize, char)> {
    text.char_indices().filter(|(_, c)| is_mark(*c)).collect()
}

/// The text each finding of `rule` on `text` points at, for the rules'
/// unit tests.
#[cfg(test)]
fn found(rule: impl Fn(&str, &mut Vec<Finding>), text: &str) -> Vec<String> {
    let mut out = Vec::new();
    rule(text, &mut out);
    out.iter()
        .map(|f| text[f.offset..f.offset + f.len].to_string())
        .collect()
}

/// The characters of a text with their byte offsets, and the marks among
/// them (`is_mark`), into buffers that serve field after field.
///
/// A run of `HIDDEN` (or of `BREAK`) is one character here, where the
/// scope writes one a byte: the rules that read characters (`pass`) read
/// each of them alike, as no word, kana or list character, so one of a
/// run stands for all (the marks keep every `BREAK`).
fn decode_into(text: &str, chars: &mut Vec<(usize, char)>, marks: &mut Vec<(usize, char)>) {
    chars.clear();
    marks.clear();
    // No more characters than bytes: no growing while decoding.
    chars.reserve(text.len());
    for (i, c) in text.char_indices() {
        if is_mark(c) {
            marks.push((i, c));
        }
        if matches!(c, scope::HIDDEN | scope::BREAK) && chars.last().is_some_and(|(_, p)| *p == c) {
            continue;
        }
        chars.push((i, c));
    }
}

/// The characters of a text with their byte offsets.
#[cfg(test)]
pub(super) fn decode(text: &str) -> Vec<(usize, char)> {
    text.char_indices().collect()
}

fn is_mark(c: char) -> bool {
    // Kana and kanji, most characters, are none (one comparison).
    if ('\u{3040}'..'\u{FF00}').contains(&c) {
        return false;
    }
    matches!(
        c,
        ' ' | '!'
            | '?'
            | '('
            | ')'
            | scope::BREAK
            | '、'
            | '。'
            | '「'
            | '」'
            | '『'
            | '』'
            | '【'
            | '】'
            | '“'
            | '”'
            | '（'
            | '）'
            | '！'
            | '？'
            | '，'
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `class` says what `is_hiragana`, `is_katakana` and `is_kanji` say,
    /// of every character.
    #[test]
    fn classes_of_every_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let expected = match (is_hiragana(c), is_katakana(c), is_kanji(c)) {
                (true, false, false) => Class::Hiragana,
                (false, true, false) => Class::Katakana,
                (false, false, true) => Class::Kanji,
                (false, false, false) => Class::Other,
                _ => panic!("{c:?} is of two classes"),
            };
            assert_eq!(class(c), expected, "{c:?}");
        }
    }

    /// `decode_into` gives every character and every mark, but one of a
    /// run of `HIDDEN` or `BREAK`, over every character up to U+FFFF and
    /// the generated texts (with the scope's stand-ins in them).
    #[test]
    fn decoding_keeps_every_character_but_runs_of_stand_ins() {
        type Decoded = Vec<(usize, char)>;
        fn reference(text: &str) -> (Decoded, Decoded) {
            let all: Vec<(usize, char)> = text.char_indices().collect();
            let marks = all.iter().copied().filter(|(_, c)| is_mark(*c)).collect();
            let mut chars: Vec<(usize, char)> = Vec::new();
            for (i, c) in all {
                let repeat = chars.last().is_some_and(|(_, p)| *p == c);
                if !(matches!(c, scope::HIDDEN | scope::BREAK) && repeat) {
                    chars.push((i, c));
                }
            }
            (chars, marks)
        }
        let every: String = (0..=0xFFFF).filter_map(char::from_u32).collect();
        let stand_ins = format!("{0}{0}a{0}{1}{1}。{1}あ{1}{1}", scope::HIDDEN, scope::BREAK);
        // Four bytes (kanji of extension B, emoji) among the others.
        let wide = format!("𠀋😀{0}{0}𠀋{1}{1}😀é{0}あ𪚲", scope::HIDDEN, scope::BREAK);
        let mut texts = vec![every, stand_ins, wide];
        texts.extend(samples::texts(5, 2000, 40, true));
        let (mut chars, mut marks) = (Vec::new(), Vec::new());
        let mut skipped = 0;
        for text in &texts {
            // Spaces and line ends as the scope's stand-ins, in runs.
            let hidden = text
                .replace(' ', &format!("{0}{0}", scope::HIDDEN))
                .replace('\n', &format!("{0}{0}{0}", scope::BREAK));
            for text in [text, &hidden] {
                decode_into(text, &mut chars, &mut marks);
                let (expected_chars, expected_marks) = reference(text);
                assert_eq!(chars, expected_chars, "{text:?}");
                assert_eq!(marks, expected_marks, "{text:?}");
                skipped += text.chars().count() - chars.len();
            }
        }
        assert!(skipped > 0, "no run of stand-ins was made one");
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
