//! Sentence rules: the same particle twice in a clause, too many 、, long
//! runs of kanji, long sentences, and です・ます mixed with である/だ
//! across a document's prose.

use super::scope::{BREAK, HIDDEN};
use super::{Class, Finding, is_hiragana, is_kanji, is_katakana};

/// A text split into sentences: (byte offset, sentence).
pub(super) type Sentences<'a> = Vec<(usize, &'a str)>;

/// The sentences of a text: (byte offset, text), each up to and with its
/// 。！？!?, or up to a paragraph's end. Split once per field, read by
/// `max_ten`, `sentence_length` and `mixed_style`.
pub(super) fn sentences<'a>(text: &'a str, marks: &[(usize, char)]) -> Sentences<'a> {
    // No more sentences than marks, and one after the last.
    let mut out = Vec::with_capacity(marks.len() + 1);
    let mut start = 0;
    for &(i, c) in marks {
        let end = match c {
            '。' | '！' | '？' | '!' | '?' => i + c.len_utf8(),
            BREAK => i,
            _ => continue,
        };
        if end > start {
            out.push((start, &text[start..end]));
        }
        start = i + c.len_utf8();
    }
    if start < text.len() {
        out.push((start, &text[start..]));
    }
    out.retain(|(_, s)| s.chars().any(|c| !c.is_whitespace() && c != HIDDEN));
    out
}

/// Kanji before に that make an adverb (特に, 主に, 経済的に), not a
/// particle.
const ADVERB_NI: &[char] = &[
    '特', '主', '更', '既', '共', '常', '実', '仮', '正', '次', '先', '逆', '急', '順', '遂', '単', '真',
    '殊', '直', '的',
];
/// Words before で that are na-adjectives (重要で = 重要であり).
const NA_ADJECTIVES: &[&str] = &[
    "重要", "必要", "可能", "困難", "簡単", "便利", "有効", "安全", "危険", "自由", "大切", "十分", "確実",
    "明確", "複雑", "単純", "有名", "正確", "適切", "不要", "容易", "同様", "様々", "丁寧", "豊富", "貴重",
    "深刻", "不明", "曖昧", "主要", "有利", "不利", "強力", "巨大", "膨大", "微妙", "特殊", "柔軟", "高度",
    "過剰", "独自", "安価", "高速", "静か", "無料", "不安", "好き",
];

/// A character a particle may follow: the end of a noun.
pub(super) fn ends_noun(c: char) -> bool {
    is_kanji(c)
        || is_katakana(c)
        || c.is_alphanumeric() && !is_hiragana(c)
        || matches!(c, HIDDEN | '」' | '』' | '）' | ')' | '】' | '”')
}

/// に after an adverb's kanji, で after a na-adjective.
pub(super) fn is_not_particle(before: &str, run: &str) -> bool {
    match run {
        "に" => before.chars().next_back().is_some_and(|c| ADVERB_NI.contains(&c)),
        "で" => {
            // The last bytes compared first: most words end otherwise.
            let last = before.as_bytes().last();
            before.ends_with('的')
                || NA_ADJECTIVES
                    .iter()
                    .any(|a| a.as_bytes().last() == last && before.ends_with(a))
        }
        _ => false,
    }
}

/// The same particle twice with only a noun between them (`東京で会議で`,
/// `彼は本は`). A particle is a whole run of hiragana after a noun (`で`
/// in `東京で`; not `ではなく`, `ですが`). Any other kana between the two is
/// a verb or adjective that starts a clause of its own (`技術を生かせる勝ち
/// 筋を`), and 、 or the end of a sentence starts a new clause.
#[cfg(test)]
pub(super) fn doubled_joshi(text: &str, out: &mut Vec<Finding>) {
    let chars = super::decode(text);
    let mut rule = Joshi::new();
    for (k, &(_, c)) in chars.iter().enumerate() {
        rule.step(k, c, super::class(c), text, &chars, out);
    }
    rule.finish(text, &chars, out);
}

/// `doubled_joshi` one character at a time, in the pass over a field's
/// characters (`super::pass`): each run of hiragana is read when the
/// character after it comes.
pub(super) struct Joshi<'a> {
    /// The particle before, if nothing but a noun has come since.
    last: Option<(usize, &'a str)>,
    /// The index of the first kana of the run being read (`NO_RUN` when
    /// none is).
    run: usize,
}

/// No run of hiragana is being read.
const NO_RUN: usize = usize::MAX;

impl<'a> Joshi<'a> {
    pub(super) fn new() -> Self {
        Self {
            last: None,
            run: NO_RUN,
        }
    }

    /// Character `k` of `text`, `c` of class `class`; `chars` are the
    /// text's characters.
    #[inline(always)]
    pub(super) fn step(
        &mut self,
        k: usize,
        c: char,
        class: Class,
        text: &'a str,
        chars: &[(usize, char)],
        out: &mut Vec<Finding>,
    ) {
        if class == Class::Hiragana {
            self.run = self.run.min(k);
            return;
        }
        if self.run != NO_RUN {
            self.read_run(k, text, chars, out);
        }
        if class == Class::Other && ends_clause_mark(c) {
            self.last = None;
        }
    }

    /// The end of the text.
    pub(super) fn finish(&mut self, text: &'a str, chars: &[(usize, char)], out: &mut Vec<Finding>) {
        if self.run != NO_RUN {
            self.read_run(chars.len(), text, chars, out);
        }
    }

    /// The run of hiragana being read, ending before character `to`.
    /// Particles are one or two kana: most runs are told apart here.
    #[inline(always)]
    fn read_run(&mut self, to: usize, text: &'a str, chars: &[(usize, char)], out: &mut Vec<Finding>) {
        let from = std::mem::replace(&mut self.run, NO_RUN);
        let particle = match chars.get(from..to) {
            Some(&[(i, first)]) => particle_of(first, None).map(|run| (i, run)),
            Some(&[(i, first), (_, second)]) => particle_of(first, Some(second)).map(|run| (i, run)),
            _ => None,
        };
        match particle {
            Some((i, run)) => self.particle(from, i, run, text, chars, out),
            None => self.last = None,
        }
    }

    /// A run of hiragana written as a particle, `run` at byte `i` (its
    /// first character `from`). Out of the loop of the pass, like
    /// `Successive::repeat_ending`.
    #[inline(never)]
    fn particle(
        &mut self,
        from: usize,
        i: usize,
        run: &'static str,
        text: &'a str,
        chars: &[(usize, char)],
        out: &mut Vec<Finding>,
    ) {
        let previous = from.checked_sub(1).and_then(|p| chars.get(p)).map(|(_, c)| *c);
        let particle =
            (previous.is_some_and(ends_noun) && !is_not_particle(&text[..i], run)).then_some((i, run));
        if let Some((i, run)) = particle
            && let Some((first, before)) = self.last.filter(|(_, p)| *p == run)
        {
            let end = i + run.len();
            out.push(Finding::new(
                "doubled-joshi",
                i,
                run.len(),
                format!(
                    "the particle `{run}` twice in a row: `{}`",
                    shown(&text[first..end])
                ),
                format!("reword one `{before}`, or split the clause with 、"),
            ));
        }
        self.last = particle;
    }
}

/// 、，。！？!? and the end of a paragraph: a new clause starts after them.
/// ASCII first, with one comparison for the others.
#[inline(always)]
fn ends_clause_mark(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '!' | '?' | BREAK);
    }
    matches!(c, '、' | '。' | '，' | '！' | '？')
}

/// The particle a run of one or two kana is, if it is one of those that
/// `doubled-joshi` counts: が, を, に, で, は, へ, から, まで, では, には.
/// の, と, も, や, か join or list words and may repeat (AとBと, AもBも).
fn particle_of(first: char, second: Option<char>) -> Option<&'static str> {
    let run = match (first, second) {
        ('が', None) => "が",
        ('を', None) => "を",
        ('に', None) => "に",
        ('で', None) => "で",
        ('は', None) => "は",
        ('へ', None) => "へ",
        ('か', Some('ら')) => "から",
        ('ま', Some('で')) => "まで",
        ('で', Some('は')) => "では",
        ('に', Some('は')) => "には",
        _ => return None,
    };
    Some(run)
}

/// A piece of the text for a message: hidden parts shown as `…`.
pub(super) fn shown(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            HIDDEN | BREAK if out.ends_with('…') => {}
            HIDDEN | BREAK => out.push('…'),
            c => out.push(c),
        }
    }
    out
}

/// Words that open a sentence and take a 、 of their own (さらに、).
const CONJUNCTIONS: &[&str] = &[
    "さらに",
    "また",
    "しかし",
    "ただし",
    "なお",
    "一方",
    "その上で",
    "そのうえで",
    "まず",
    "次に",
    "最後に",
    "特に",
    "つまり",
    "例えば",
    "たとえば",
    "そして",
    "加えて",
    "他方",
    "では",
    "でも",
];

/// Whether the 、 at `i` of `sentence` ends a clause: after a kana other
/// than や, と, か (a list: A、B、C), は, も (a topic: 〜については、),
/// and not after a conjunction opening the sentence.
fn ends_clause(sentence: &str, i: usize) -> bool {
    let before = &sentence[..i];
    let Some(p) = before.chars().next_back() else {
        return false;
    };
    // The opening words read only after the cheap tests.
    let opening = || before.trim_start_matches(|c: char| c.is_whitespace() || c == HIDDEN);
    is_hiragana(p) && !['や', 'と', 'か', 'は', 'も'].contains(&p) && !CONJUNCTIONS.contains(&opening())
}

/// 4 or more 、 ending clauses in one sentence (see `ends_clause`).
#[cfg(test)]
pub(super) fn max_ten(text: &str, out: &mut Vec<Finding>) {
    let marks = super::marks(text);
    max_ten_in(&sentences(text, &marks), &marks, out);
}

/// `max_ten` over a text's sentences and marks.
pub(super) fn max_ten_in(sentences: &[(usize, &str)], marks: &[(usize, char)], out: &mut Vec<Finding>) {
    const MAX: usize = 3;
    // The sentences and the marks are both in order: the marks of each
    // sentence start where those of the one before ended.
    let mut from = 0;
    for &(at, sentence) in sentences {
        let mut count = 0;
        let rest = marks.get(from..).unwrap_or_default();
        let first = rest.iter().take_while(|(i, _)| *i < at).count();
        let rest = rest.get(first..).unwrap_or_default();
        let inside = &rest[..rest.iter().take_while(|(i, _)| *i < at + sentence.len()).count()];
        from += first + inside.len();
        for (i, c) in inside.iter().map(|&(i, c)| (i - at, c)) {
            if matches!(c, '、' | '，') && ends_clause(sentence, i) {
                count += 1;
                if count == MAX + 1 {
                    out.push(Finding::new(
                        "max-ten",
                        at + i,
                        c.len_utf8(),
                        format!("{} or more 、 in one sentence", MAX + 1),
                        "split the sentence in two, or drop a 、 that is not needed",
                    ));
                }
            }
        }
    }
}

/// Kanji numerals: a run of two or more is a number (数十兆円) that
/// splits a run of kanji.
fn is_numeral(c: char) -> bool {
    [
        '〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '億', '兆', '数',
    ]
    .contains(&c)
}

#[cfg(test)]
pub(super) fn kanji_run(text: &str, allow: &[String], out: &mut Vec<Finding>) {
    let (mut rule, mut runs) = (KanjiRuns::new(), Vec::new());
    for &(i, c) in &super::decode(text) {
        rule.step(i, super::class(c) == super::Class::Kanji, &mut runs);
    }
    rule.finish(text.len(), &mut runs);
    kanji_run_in(text, &runs, allow, out);
}

/// `kanji-run` over a text and its runs of more than six kanji
/// (`KanjiRuns`).
pub(super) fn kanji_run_in(text: &str, runs: &[(usize, usize)], allow: &[String], out: &mut Vec<Finding>) {
    const MAX: usize = KanjiRuns::MAX;
    for &(offset, end) in runs {
        let run = &text[offset..end];
        if is_gloss(text, offset, run.len()) {
            continue;
        }
        let mut counted = run.to_string();
        // Most runs hold no allowed word: looked for without the
        // searcher `str::replace` builds.
        for word in allow.iter().filter(|w| !w.is_empty()) {
            if memchr::memmem::find(counted.as_bytes(), word.as_bytes()).is_some() {
                counted = counted.replace(word.as_str(), "・");
            }
        }
        let chars: Vec<char> = counted.chars().collect();
        let longest = chars
            .split(|c| matches!(c, '・' | '等'))
            .flat_map(split_numbers)
            .map(|part| part.len())
            .max()
            .unwrap_or(0);
        if longest > MAX {
            out.push(Finding::new(
                "kanji-run",
                offset,
                run.len(),
                format!("{} kanji in a row `{run}`", run.chars().count()),
                format!(
                    "break it up with kana (e.g. `{}の{}`), or accept it in series.yaml: `lint: {{ kanji-run: {{ allow: [{run}] }} }}`",
                    run.chars().take(run.chars().count() / 2).collect::<String>(),
                    run.chars().skip(run.chars().count() / 2).collect::<String>()
                ),
            ));
        }
    }
}

/// The runs of more than `MAX` kanji of a text, one character at a time
/// (`super::pass`): (byte offset, end), into `runs`.
pub(super) struct KanjiRuns {
    start: usize,
    count: usize,
}

impl KanjiRuns {
    /// The most kanji in a row `kanji-run` accepts.
    const MAX: usize = 6;

    pub(super) fn new() -> Self {
        Self { start: 0, count: 0 }
    }

    /// The character at byte `i`, a kanji or not.
    #[inline(always)]
    pub(super) fn step(&mut self, i: usize, kanji: bool, runs: &mut Vec<(usize, usize)>) {
        if kanji {
            if self.count == 0 {
                self.start = i;
            }
            self.count += 1;
            return;
        }
        self.end_at(i, runs);
    }

    fn end_at(&mut self, i: usize, runs: &mut Vec<(usize, usize)>) {
        if self.count > Self::MAX {
            runs.push((self.start, i));
        }
        self.count = 0;
    }

    /// The end of the text, of `len` bytes.
    pub(super) fn finish(&mut self, len: usize, runs: &mut Vec<(usize, usize)>) {
        self.end_at(len, runs);
    }
}

/// A run that is the whole of a parenthesis: a name glossed after its
/// acronym, `CSIS(戦略国際問題研究所)`.
fn is_gloss(text: &str, offset: usize, len: usize) -> bool {
    let before = text[..offset].chars().next_back();
    let after = text[offset + len..].chars().next();
    matches!((before, after), (Some('(' | '（'), Some(')' | '）')))
}

/// The parts of a run of kanji between numbers of two or more numerals.
fn split_numbers(run: &[char]) -> Vec<&[char]> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < run.len() {
        let numerals = run[i..].iter().take_while(|c| is_numeral(**c)).count();
        if numerals >= 2 {
            parts.push(&run[start..i]);
            i += numerals;
            start = i;
        } else {
            i += 1;
        }
    }
    parts.push(&run[start..]);
    parts
}

/// Sentences longer than `max` characters.
pub(super) fn sentence_length(sentences: &[(usize, &str)], max: usize, out: &mut Vec<Finding>) {
    for &(at, sentence) in sentences {
        let visible = sentence.trim_start();
        let count = visible.chars().filter(|c| !matches!(*c, HIDDEN | '\n')).count();
        if count > max {
            let start = at + sentence.len() - visible.len();
            let first = visible.chars().next().map_or(1, char::len_utf8);
            out.push(Finding::new(
                "sentence-length",
                start,
                first,
                format!("a sentence of {count} characters (the limit is {max})"),
                "split it into two sentences",
            ));
        }
    }
}

/// The two styles of sentence ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    /// です・ます調
    Polite,
    /// である・だ調
    Plain,
}

impl Style {
    fn name(self) -> &'static str {
        match self {
            Style::Polite => "です・ます調",
            Style::Plain => "である調",
        }
    }
}

/// Endings and how to write them in the other style.
const POLITE: &[(&str, &str)] = &[
    ("ませんでした", "なかった"),
    ("でしょう", "だろう"),
    ("ましょう", "よう"),
    ("でした", "だった"),
    ("ました", "た"),
    ("ません", "ない"),
    ("ください", "てほしい"),
    ("です", "だ (or である)"),
    ("ます", "the plain form (する, ある …)"),
];
const PLAIN: &[(&str, &str)] = &[
    ("ではない", "ではありません"),
    ("であった", "でした"),
    ("であろう", "でしょう"),
    ("である", "です"),
    ("だった", "でした"),
    ("だろう", "でしょう"),
    ("なのだ", "なのです"),
    ("のだ", "のです"),
    ("だ", "です"),
];

/// A sentence's ending: its style, where it is, and the other style's
/// form. Sentence-final particles (ね, よ, か) are looked through.
pub(super) fn ending(sentence: &str) -> Option<(Style, usize, &'static str, &'static str)> {
    let body = sentence.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '。' | '！' | '？' | '!' | '?' | '…' | HIDDEN)
    });
    let core = body.trim_end_matches(['ね', 'よ', 'か', 'な']);
    // The last bytes compared first: most sentences end otherwise.
    let last = core.as_bytes().last();
    for (style, table) in [(Style::Polite, POLITE), (Style::Plain, PLAIN)] {
        for (written, other) in table {
            if written.as_bytes().last() == last
                && core.ends_with(written)
                && plain_da_is_copula(core, written)
            {
                return Some((style, core.len() - written.len(), written, other));
            }
        }
    }
    None
}

/// `だ` is the copula after a noun (問題だ) or の/ん of のだ; after other
/// kana it is a past tense (読んだ, 泳いだ) and says nothing of style.
fn plain_da_is_copula(core: &str, written: &str) -> bool {
    if written != "だ" {
        return true;
    }
    let before = core[..core.len() - written.len()].chars().next_back();
    before.is_some_and(|c| c != HIDDEN && ends_noun_for_copula(c))
}

fn ends_noun_for_copula(c: char) -> bool {
    is_kanji(c) || is_katakana(c) || c.is_ascii_alphanumeric()
}

/// The ending of a sentence of a prose field (`ending`): the field, the
/// style, the byte offset, the ending written and the other style's form.
pub(super) type Ending = (usize, Style, usize, &'static str, &'static str);

/// The endings of the sentences of prose field `field`, for `mixed_style`.
pub(super) fn endings(field: usize, sentences: &Sentences<'_>, out: &mut Vec<Ending>) {
    for &(at, sentence) in sentences {
        if let Some((style, offset, written, other)) = ending(sentence) {
            out.push((field, style, at + offset, written, other));
        }
    }
}

/// Every sentence of the document's prose in the style used less.
/// `endings` are those of the prose fields in order (`endings`); the
/// findings carry the index of their field.
pub(super) fn mixed_style(endings: Vec<Ending>, out: &mut Vec<(usize, Finding)>) {
    let polite = endings.iter().filter(|e| e.1 == Style::Polite).count();
    let plain = endings.len() - polite;
    if polite == 0 || plain == 0 {
        return;
    }
    let first = endings.first().map_or(Style::Polite, |e| e.1);
    let main = match polite.cmp(&plain) {
        std::cmp::Ordering::Greater => Style::Polite,
        std::cmp::Ordering::Less => Style::Plain,
        std::cmp::Ordering::Equal => first,
    };
    let main_count = polite.max(plain);
    for (field, style, offset, written, other) in endings.into_iter().filter(|e| e.1 != main) {
        out.push((
            field,
            Finding::new(
                "mixed-style",
                offset,
                written.len(),
                format!(
                    "{} ending `{written}` in prose written in {} ({main_count} sentences)",
                    style.name(),
                    main.name()
                ),
                format!("end it in {}: `{written}` → `{other}`", main.name()),
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::lint::found;

    /// `particle_of` knows these particles, and no other run.
    #[test]
    fn particles_of_one_or_two_kana() {
        const PARTICLES: &[&str] = &["が", "を", "に", "で", "は", "へ", "から", "まで", "では", "には"];
        let kana: Vec<char> = ('\u{3041}'..='\u{309F}').collect();
        let mut found = Vec::new();
        for &first in &kana {
            for second in std::iter::once(None).chain(kana.iter().copied().map(Some)) {
                let run: String = std::iter::once(first).chain(second).collect();
                let particle = particle_of(first, second);
                assert_eq!(particle.is_some(), PARTICLES.contains(&run.as_str()), "{run}");
                if let Some(p) = particle {
                    assert_eq!(p, run);
                    found.push(p);
                }
            }
        }
        assert_eq!(found.len(), PARTICLES.len());
    }

    #[test]
    fn doubled_particles_in_one_clause() {
        assert_eq!(found(doubled_joshi, "東京で会議で話した。"), ["で"]);
        assert_eq!(found(doubled_joshi, "彼は本は読む。"), ["は"]);
        let fine = "東京で、会議で話した。特に重要で、AIに特に期待。私は学生ではなく、彼は教師だ。";
        assert!(
            found(doubled_joshi, fine).is_empty(),
            "{:?}",
            found(doubled_joshi, fine)
        );
    }

    #[test]
    fn ten_counts_clause_breaks_only() {
        let many = "技術について、さまざまな観点から、時間をかけて、詳しく、説明します。";
        assert_eq!(found(max_ten, many), ["、"]);
        let list = "信頼性、トレードオフ、統合、体制といった課題を確認し、考えます。";
        assert!(found(max_ten, list).is_empty());
    }

    #[test]
    fn kanji_runs_numbers_and_allowed_words() {
        let rule = |t: &str, o: &mut Vec<Finding>| kanji_run(t, &[], o);
        assert_eq!(found(rule, "経済安全保障推進法の話"), ["経済安全保障推進法"]);
        assert!(found(rule, "時価総額数十兆円の企業と経済安全保障").is_empty());
        let allow = ["経済安全保障推進法".to_string()];
        let rule = |t: &str, o: &mut Vec<Finding>| kanji_run(t, &allow, o);
        assert!(found(rule, "経済安全保障推進法の話").is_empty());
    }

    #[test]
    fn endings_by_style() {
        let style = |s: &str| ending(s).map(|e| (e.0, e.2));
        assert_eq!(style("議論します。"), Some((Style::Polite, "ます")));
        assert_eq!(style("そうでしょうか？"), Some((Style::Polite, "でしょう")));
        assert_eq!(style("重要だ。"), Some((Style::Plain, "だ")));
        assert_eq!(style("なるだろう。"), Some((Style::Plain, "だろう")));
        assert_eq!(style("本を読んだ。"), None);
        assert_eq!(style("重要。"), None);
    }
}
