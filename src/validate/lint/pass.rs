//! One pass over a field's characters for the rules that read its words
//! one character at a time: `successive-word`, `doubled-joshi`, the runs
//! of kanji of `kanji-run`, and the phrase and variant lists. Each rule
//! keeps its own state (`wording::Successive`, `sentences::Joshi`,
//! `sentences::KanjiRuns`, `lists::Pass`) and is stepped here, so that
//! each character is loaded and classed once for all of them rather than
//! once a rule.

use super::lists;
use super::sentences::{Joshi, KanjiRuns};
use super::terms::Seen;
use super::wording::Successive;
use super::{Class, Finding, class};

/// Which of the rules of the pass are on (the lists always run: their
/// findings are filtered with the others').
#[derive(Debug, Clone, Copy)]
pub(super) struct Rules {
    pub(super) successive: bool,
    pub(super) joshi: bool,
    pub(super) kanji: bool,
    /// `ra-nuki` or `i-nuki`: the kana they start from are wanted.
    pub(super) nuki: bool,
}

/// What the pass found, by rule, for `field_rules` to add in its order.
#[derive(Default)]
pub(super) struct Found {
    pub(super) successive: Vec<Finding>,
    pub(super) joshi: Vec<Finding>,
    /// The runs of more than six kanji: (byte offset, end).
    pub(super) kanji_runs: Vec<(usize, usize)>,
    /// The phrases of the lists.
    pub(super) lists: Vec<Finding>,
    /// The byte offsets of every れ, て and で, where `ra-nuki` and
    /// `i-nuki` start.
    pub(super) re: Vec<usize>,
    pub(super) te: Vec<usize>,
    pub(super) de: Vec<usize>,
}

impl Found {
    /// Empty, its buffers kept for the next field.
    fn clear(&mut self) {
        self.successive.clear();
        self.joshi.clear();
        self.kanji_runs.clear();
        self.lists.clear();
        self.re.clear();
        self.te.clear();
        self.de.clear();
    }
}

/// The pass over `words` and their characters, into `found` (emptied
/// first); the variant spellings it meets go to `seen` (see
/// `lists::Pass`).
pub(super) fn run(
    words: &str,
    chars: &[(usize, char)],
    rules: Rules,
    found: &mut Found,
    seen: &mut Vec<Seen>,
) {
    found.clear();
    let mut lists = lists::Pass::new();
    // Every rule on, as by default: a loop of its own, without a test of
    // each rule a character.
    if rules.successive && rules.joshi && rules.kanji && rules.nuki {
        steps::<true>(words, chars, rules, &mut lists, found, seen);
    } else {
        steps::<false>(words, chars, rules, &mut lists, found, seen);
    }
}

/// The loop of `run`, every rule on if `ALL`. Not inlined into the loop
/// over the fields, where it would have fewer registers to run in.
#[inline(never)]
fn steps<const ALL: bool>(
    words: &str,
    chars: &[(usize, char)],
    rules: Rules,
    lists: &mut Option<lists::Pass>,
    found: &mut Found,
    seen: &mut Vec<Seen>,
) {
    let on = |rule: bool| ALL || rule;
    let mut successive = Successive::new();
    let mut joshi = Joshi::new();
    let mut kanji = KanjiRuns::new();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let class = class(c);
        if on(rules.successive) {
            successive.step(k, c, class != Class::Other, words, chars, &mut found.successive);
        }
        if on(rules.joshi) {
            joshi.step(k, c, class, words, chars, &mut found.joshi);
        }
        if on(rules.nuki) && class == Class::Hiragana {
            match c {
                'れ' => found.re.push(i),
                'て' => found.te.push(i),
                'で' => found.de.push(i),
                _ => {}
            }
        }
        if on(rules.kanji) {
            kanji.step(i, class == Class::Kanji, &mut found.kanji_runs);
        }
        if let Some(lists) = lists {
            lists.step(k, c, words, chars, &mut found.lists, seen);
        }
    }
    joshi.finish(words, chars, &mut found.joshi);
    if on(rules.kanji) {
        kanji.finish(words.len(), &mut found.kanji_runs);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::lint::samples;

    /// The rules of the pass as they were written before it, each over
    /// every character of the text: the reference the pass is held to.
    mod reference {
        use crate::validate::lint::scope::BREAK;
        use crate::validate::lint::sentences::ends_noun;
        use crate::validate::lint::{Finding, is_hiragana, is_kanji, is_katakana};

        const PARTICLES: &[&str] = &["が", "を", "に", "で", "は", "へ", "から", "まで", "では", "には"];

        /// Every unit of 2 to 8 characters written twice in a row, looked
        /// for at every character by comparing the two units whole (the
        /// pass finds its candidates through a ring of the last characters).
        pub(super) fn successive_word_in(text: &str, decoded: &[(usize, char)], out: &mut Vec<Finding>) {
            const MAX: usize = 8;
            // Characters before this index belong to a repeat already reported.
            let mut resume = 0usize;
            for (count, &(offset, c)) in (1usize..).zip(decoded) {
                if !(is_kanji(c) || is_hiragana(c) || is_katakana(c)) {
                    continue;
                }
                for len in 2..=MAX {
                    let Some(start) = count.checked_sub(2 * len).filter(|s| *s >= resume) else {
                        break;
                    };
                    let (first, again) = (&decoded[start..start + len], &decoded[start + len..count]);
                    let same = first.iter().zip(again).all(|(a, b)| a.1 == b.1);
                    if !same || !crate::validate::lint::wording::is_word_unit(first) {
                        continue;
                    }
                    let end = offset + c.len_utf8();
                    out.push(crate::validate::lint::wording::twice(
                        text, first[0].0, again[0].0, end,
                    ));
                    resume = count;
                    break;
                }
            }
        }

        pub(super) fn doubled_joshi_in(text: &str, chars: &[(usize, char)], out: &mut Vec<Finding>) {
            // The particle before, if nothing but a noun has come since.
            let mut last: Option<(usize, &str)> = None;
            let mut previous: Option<char> = None;
            let mut k = 0;
            while let Some(&(i, c)) = chars.get(k) {
                if !is_hiragana(c) {
                    if matches!(c, '、' | '，' | '。' | '！' | '？' | '!' | '?' | BREAK) {
                        last = None;
                    }
                    previous = Some(c);
                    k += 1;
                    continue;
                }
                let kana = chars[k..].iter().take_while(|(_, n)| is_hiragana(*n)).count();
                let end = chars.get(k + kana).map_or(text.len(), |(at, _)| *at);
                let run = &text[i..end];
                // Particles are one or two kana: the cheap tests first.
                let particle = kana <= 2
                    && PARTICLES.contains(&run)
                    && previous.is_some_and(ends_noun)
                    && !crate::validate::lint::sentences::is_not_particle(&text[..i], run);
                if particle && let Some((first, before)) = last.filter(|(_, p)| *p == run) {
                    out.push(Finding::new(
                        "doubled-joshi",
                        i,
                        run.len(),
                        format!(
                            "the particle `{run}` twice in a row: `{}`",
                            crate::validate::lint::sentences::shown(&text[first..end])
                        ),
                        format!("reword one `{before}`, or split the clause with 、"),
                    ));
                }
                last = particle.then_some((i, run));
                k += kana;
                previous = chars.get(k - 1).map(|(_, c)| *c);
            }
        }

        pub(super) fn long_kanji_runs<'a>(
            text: &'a str,
            chars: &[(usize, char)],
            max: usize,
        ) -> Vec<(usize, &'a str)> {
            let mut out = Vec::new();
            let (mut start, mut count) = (0, 0);
            for &(i, c) in chars {
                // Kana, ASCII and punctuation, most characters, are below 々 or
                // between 〆 and the first kanji: one comparison each.
                let kanji = c >= '\u{3005}' && !('\u{3007}'..'\u{3400}').contains(&c) && is_kanji(c);
                if kanji {
                    if count == 0 {
                        start = i;
                    }
                    count += 1;
                    continue;
                }
                if count > max {
                    out.push((start, &text[start..i]));
                }
                count = 0;
            }
            if count > max {
                out.push((start, &text[start..]));
            }
            out
        }
    }

    fn shown(found: &[Finding]) -> Vec<String> {
        found
            .iter()
            .map(|f| format!("{} {} {} {} {}", f.rule, f.offset, f.len, f.message, f.help))
            .collect()
    }

    /// The pass finds what the rules found each on its own, over every
    /// character (runs of HIDDEN and BREAK included, which the decoding
    /// makes one character).
    #[test]
    fn the_pass_finds_what_each_rule_found() {
        let (mut chars, mut marks) = (Vec::new(), Vec::new());
        let mut counts = [0; 6];
        for (n, text) in samples::texts(11, 3000, 50, false).iter().enumerate() {
            // Every rule on (the loop of its own), and one or another off.
            let on = Rules {
                successive: n % 4 != 1,
                joshi: n % 4 != 2,
                kanji: n % 4 != 3,
                nuki: true,
            };
            super::super::decode_into(text, &mut chars, &mut marks);
            let mut found = Found::default();
            run(text, &chars, on, &mut found, &mut Vec::new());
            let all = super::super::decode(text);
            let mut expected = Vec::new();
            if on.successive {
                reference::successive_word_in(text, &all, &mut expected);
            }
            assert_eq!(shown(&found.successive), shown(&expected), "{text:?}");
            counts[0] += expected.len();
            let mut expected = Vec::new();
            if on.joshi {
                reference::doubled_joshi_in(text, &all, &mut expected);
            }
            assert_eq!(shown(&found.joshi), shown(&expected), "{text:?}");
            counts[1] += expected.len();
            let expected: Vec<(usize, usize)> = reference::long_kanji_runs(text, &all, 6)
                .into_iter()
                .filter(|_| on.kanji)
                .map(|(at, run)| (at, at + run.len()))
                .collect();
            assert_eq!(found.kanji_runs, expected, "{text:?}");
            counts[2] += expected.len();
            // Where ra-nuki and i-nuki start.
            for (c, offsets, count) in [('れ', &found.re, 3), ('て', &found.te, 4), ('で', &found.de, 5)] {
                let expected: Vec<usize> = all.iter().filter(|(_, x)| *x == c).map(|(i, _)| *i).collect();
                assert_eq!(offsets, &expected, "{text:?}");
                counts[count] += expected.len();
            }
        }
        assert!(counts.iter().all(|n| *n > 100), "{counts:?}");
    }
}
