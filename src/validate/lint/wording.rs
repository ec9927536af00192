//! Wording rules: ら抜き and い抜き verb forms, double negatives, redundant
//! expressions, misused set phrases and a word written twice in a row.
//! Without a morphological analyzer (see the design chapter) they match
//! written forms with the character before them, choosing to miss a
//! mistake rather than flag a correct sentence; every list is here.

use super::{Finding, is_hiragana, is_kanji, is_katakana};

/// What may follow the れ of a ら抜き form, or the て/で of an い抜き one.
const RA_ENDINGS: &[&str] = &[
    "る",
    "ない",
    "なかっ",
    "なく",
    "ます",
    "ませ",
    "まし",
    "た",
    "て",
    "ず",
];
const I_ENDINGS: &[&str] = &["る", "ない", "なかっ", "ます", "ませ", "まし", "た"];

/// Verbs of one kanji whose potential form is written `kanji + られる`.
const ONE_KANJI_VERBS: &[char] = &['見', '来', '出', '寝', '着', '居'];

/// The ending after `at` from `endings`, if any. Every ending starts
/// with a kana of three bytes: its last byte is compared first.
fn ending_at<'a>(text: &str, at: usize, endings: &[&'a str]) -> Option<&'a str> {
    let rest = text.as_bytes().get(at..)?;
    let third = rest.get(2)?;
    endings
        .iter()
        .copied()
        .find(|e| e.as_bytes().get(2) == Some(third) && rest.starts_with(e.as_bytes()))
}

/// `た` of `~てた` is a past tense only when no word goes on after it:
/// `言ってたくさん` is `言って` + `たくさん`.
fn ends_word(text: &str, at: usize, ending: &str) -> bool {
    ending != "た"
        || !text[at + ending.len()..].chars().next().is_some_and(|c| {
            [
                'く', 'だ', 'ぶ', 'め', 'と', 'い', 'っ', 'ま', 'び', 'ち', 'す', 'べ', 'ど', 'し',
            ]
            .contains(&c)
        })
}

/// The start of the verb whose kana ending starts at `kana_at`: the one
/// kanji of its stem (食べ, 考え), or the kana itself.
fn verb_start(text: &str, kana_at: usize) -> usize {
    match char_before(text, kana_at) {
        Some((i, c)) if is_kanji(c) => i,
        _ => kana_at,
    }
}

fn char_before(text: &str, at: usize) -> Option<(usize, char)> {
    text[..at].char_indices().next_back()
}

/// 見れる, 食べれる, 来れない: the potential of a one-row verb (or 来る)
/// without its ら. Matched: `れ` + an ending after an e-row kana (食べ,
/// 考え, あげ, 入れ), after an i-row kana following a kanji (借り, 信じ,
/// 落ち, 浴び, 試み), or right after 見 来 出 寝 着 居.
#[cfg(test)]
pub(super) fn ra_nuki(text: &str, out: &mut Vec<Finding>) {
    ra_nuki_at(text, &offsets_of(text, 'れ'), out);
}

/// The byte offsets of a character in a text, for the rules' unit tests
/// (the pass over a field's characters finds them, `super::pass`).
#[cfg(test)]
fn offsets_of(text: &str, c: char) -> Vec<usize> {
    text.char_indices()
        .filter(|(_, x)| *x == c)
        .map(|(i, _)| i)
        .collect()
}

/// `ra_nuki` at every `れ` of the text (`at`, in order).
pub(super) fn ra_nuki_at(text: &str, at: &[usize], out: &mut Vec<Finding>) {
    for &at in at {
        let after = at + 'れ'.len_utf8();
        let Some(ending) = ending_at(text, after, RA_ENDINGS) else {
            continue;
        };
        let Some((p_at, p)) = char_before(text, at) else {
            continue;
        };
        let before_p = char_before(text, p_at).map(|(_, c)| c);
        let ra_nuki = if ['え', 'け', 'げ', 'せ', 'ぜ', 'ね', 'べ', 'ぺ', 'め', 'れ'].contains(&p) {
            true
        } else if ['り', 'じ', 'ち', 'び', 'み'].contains(&p) {
            before_p.is_some_and(is_kanji)
        } else {
            ONE_KANJI_VERBS.contains(&p) && !before_p.is_some_and(is_kanji)
        };
        if !ra_nuki || !ends_word(text, after, ending) {
            continue;
        }
        let start = if is_kanji(p) { p_at } else { verb_start(text, p_at) };
        let end = after + ending.len();
        let written = &text[start..end];
        let right = format!("{}ら{}", &text[start..at], &text[at..end]);
        out.push(Finding::new(
            "ra-nuki",
            start,
            end - start,
            format!("ら抜き言葉 `{written}`"),
            format!("write `{right}`"),
        ));
    }
}

/// 話してる, 読んでた, 見てない: `~ている` without its い. Matched: て or
/// で + an ending, after a kana that ends a て-form (って, いて, して,
/// べて, んで, いで …) or after 見 来 出 寝 着; not after other kanji, so
/// 捨てる, 育てる and 勝てる are left alone.
#[cfg(test)]
pub(super) fn i_nuki(text: &str, out: &mut Vec<Finding>) {
    i_nuki_at(text, &offsets_of(text, 'て'), &offsets_of(text, 'で'), out);
}

/// `i_nuki` at every `て` and every `で` of the text (`te`, `de`, in
/// order).
pub(super) fn i_nuki_at(text: &str, te: &[usize], de: &[usize], out: &mut Vec<Finding>) {
    let from = out.len();
    let te = te.iter().map(|&at| (at, "て"));
    for (at, te) in te.chain(de.iter().map(|&at| (at, "で"))) {
        let after = at + te.len();
        let Some(ending) = ending_at(text, after, I_ENDINGS) else {
            continue;
        };
        let Some((p_at, p)) = char_before(text, at) else {
            continue;
        };
        let before_p = char_before(text, p_at).map(|(_, c)| c);
        let te_form = if te == "て" {
            [
                'っ', 'い', 'し', 'き', 'ち', 'に', 'び', 'み', 'り', 'え', 'け', 'げ', 'せ', 'ね', 'べ',
                'め', 'れ',
            ]
            .contains(&p)
                || ONE_KANJI_VERBS.contains(&p) && p != '居' && !before_p.is_some_and(is_kanji)
        } else {
            ['ん', 'い'].contains(&p)
        };
        if !te_form || !ends_word(text, after, ending) {
            continue;
        }
        let start = if is_kanji(p) { p_at } else { verb_start(text, p_at) };
        let end = after + ending.len();
        let right = format!("{}い{}", &text[start..after], &text[after..end]);
        out.push(Finding::new(
            "i-nuki",
            start,
            end - start,
            format!("い抜き言葉 `{}`", &text[start..end]),
            format!("write `{right}` in written text"),
        ));
    }
    out[from..].sort_by_key(|f| f.offset);
}

/// A phrase rule: what is written, what to write, and the rule's id.
struct Phrase {
    rule: &'static str,
    written: &'static str,
    right: &'static str,
    /// Matched only where a sentence ends right after it.
    at_sentence_end: bool,
    /// Matched only after a hiragana (a verb's negative stem), so that the
    /// adjectives 少なくはない, 危なくはない are left alone.
    after_kana: bool,
}

const fn phrase(rule: &'static str, written: &'static str, right: &'static str) -> Phrase {
    Phrase {
        rule,
        written,
        right,
        at_sentence_end: false,
        after_kana: false,
    }
}

const fn negative(written: &'static str, right: &'static str) -> Phrase {
    Phrase {
        after_kana: true,
        ..phrase("double-negative", written, right)
    }
}

const fn final_okonau(written: &'static str, right: &'static str) -> Phrase {
    Phrase {
        at_sentence_end: true,
        ..phrase("redundant", written, right)
    }
}

/// Double negatives (二重否定), redundant expressions (冗長表現, 重言) and
/// misused set phrases (誤用): the whole list.
const PHRASES: &[Phrase] = &[
    negative("ないわけではない", "〜する (say it positively)"),
    negative("ないわけでもない", "〜する (say it positively)"),
    negative("ないわけではありません", "〜します (say it positively)"),
    negative("ない訳ではない", "〜する (say it positively)"),
    negative("なくはない", "〜する (say it positively)"),
    negative("なくもない", "〜する (say it positively)"),
    negative("なくはありません", "〜します (say it positively)"),
    negative("なくもありません", "〜します (say it positively)"),
    negative("ないことはない", "〜する (say it positively)"),
    negative("ないこともない", "〜する (say it positively)"),
    negative("ないことはありません", "〜します (say it positively)"),
    negative("ないこともありません", "〜します (say it positively)"),
    negative("ないではない", "〜する (say it positively)"),
    negative("ないものではない", "〜する (say it positively)"),
    phrase("redundant", "することができ", "でき"),
    phrase("redundant", "することが可能", "できる"),
    phrase("redundant", "であると言える", "である"),
    phrase("redundant", "であるといえる", "である"),
    final_okonau("を行う", "する"),
    final_okonau("を行います", "します"),
    final_okonau("を行いました", "しました"),
    final_okonau("を行った", "した"),
    final_okonau("を行っている", "している"),
    final_okonau("を行っています", "しています"),
    phrase("redundant", "まず最初に", "最初に"),
    phrase("redundant", "一番最初", "最初"),
    phrase("redundant", "今現在", "現在"),
    phrase("redundant", "必ず必要", "必要"),
    phrase("redundant", "後で後悔", "後悔"),
    phrase("redundant", "あらかじめ予約", "予約"),
    phrase("redundant", "いまだ未", "未"),
    phrase("redundant", "過半数を超え", "過半数を占め"),
    phrase("redundant", "違和感を感じ", "違和感を覚え"),
    phrase("redundant", "被害を被", "被害を受け"),
    phrase("redundant", "返事を返", "返事をす"),
    phrase("redundant", "馬から落馬", "落馬"),
    phrase("redundant", "頭痛が痛", "頭が痛"),
    phrase("redundant", "炎天下の下", "炎天下"),
    phrase("misuse", "的を得", "的を射"),
    phrase(
        "misuse",
        "可変する",
        "変える・変わる (可変 is an adjective: 可変の)",
    ),
    phrase("misuse", "汚名挽回", "汚名返上 (or 名誉挽回)"),
    phrase("misuse", "押しも押されぬ", "押しも押されもせぬ"),
    phrase("misuse", "足元をすくわれ", "足をすくわれ"),
    phrase("misuse", "取り付く暇", "取り付く島"),
    phrase("misuse", "怒り心頭に達", "怒り心頭に発"),
    phrase("misuse", "采配を振るう", "采配を振る"),
    phrase("misuse", "明るみになる", "明るみに出る"),
    phrase("misuse", "上や下への", "上を下への"),
    phrase("misuse", "存亡の危機", "存亡の機"),
    phrase("misuse", "愛想を振りま", "愛嬌を振りま"),
    phrase("misuse", "公算が強い", "公算が大きい"),
    phrase("misuse", "食指をそそ", "食指が動"),
    phrase("misuse", "論戦を張", "論陣を張"),
    phrase("misuse", "二の舞を踏", "二の舞を演じ (or 二の足を踏)"),
    phrase("misuse", "雪辱を晴ら", "雪辱を果た"),
    phrase("misuse", "念頭に入れ", "念頭に置"),
    phrase("misuse", "口先三寸", "舌先三寸"),
    phrase("misuse", "危機一発", "危機一髪"),
    phrase("misuse", "絶対絶命", "絶体絶命"),
    phrase("misuse", "五里夢中", "五里霧中"),
    phrase("misuse", "意味慎重", "意味深長"),
    phrase("misuse", "短刀直入", "単刀直入"),
];

/// The written forms of the phrase list, for the one matcher of the
/// lint's lists (`super::lists`).
pub(super) fn phrase_patterns() -> impl Iterator<Item = &'static str> {
    PHRASES.iter().map(|p| p.written)
}

/// Whether a sentence ends at `at`: a full stop, a paragraph's end, or
/// the end of the text.
fn sentence_ends(text: &str, at: usize) -> bool {
    text[at..]
        .chars()
        .next()
        .is_none_or(|c| matches!(c, '。' | '！' | '？' | '!' | '?' | '\n' | super::scope::BREAK))
}

/// A match of phrase `index` at `start..end` of `text`, reported when its
/// context allows.
pub(super) fn phrase_found(text: &str, index: usize, start: usize, end: usize, out: &mut Vec<Finding>) {
    let Some(p) = PHRASES.get(index) else {
        return;
    };
    if p.at_sentence_end && (!sentence_ends(text, end) || !after_kanji_noun(text, start)) {
        return;
    }
    if p.after_kana && !char_before(text, start).is_some_and(|(_, c)| is_hiragana(c)) {
        return;
    }
    let (message, help) = match p.rule {
        "double-negative" => (
            format!("二重否定 `{}`", p.written),
            format!("write it positively: {}", p.right),
        ),
        "redundant" if p.at_sentence_end => {
            let noun = &text[noun_start(text, start)..start];
            (
                format!("冗長な表現 `{noun}{}`", p.written),
                format!("write `{noun}{}`", p.right),
            )
        }
        "redundant" => (
            format!("冗長な表現 `{}`", p.written),
            format!("write `{}`", p.right),
        ),
        _ => (format!("誤用 `{}`", p.written), format!("write `{}`", p.right)),
    };
    out.push(Finding::new(p.rule, start, end - start, message, help));
}

/// `調査を行う`: two or more kanji (a noun that takes する) before を.
fn after_kanji_noun(text: &str, at: usize) -> bool {
    text[..at].chars().rev().take_while(|c| is_kanji(*c)).count() >= 2
}

fn noun_start(text: &str, at: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_kanji(*c))
        .last()
        .map_or(at, |(i, _)| i)
}

/// 重要な重要な, 会議会議: the same word twice in a row. A repeated unit
/// counts when it has a kanji, or is at least three kana; reduplicated
/// words (いろいろ, ドキドキ, ガタンガタン, 一つ一つ, ひとりひとり) and
/// digits are left alone.
#[cfg(test)]
pub(super) fn successive_word(text: &str, out: &mut Vec<Finding>) {
    let decoded = super::decode(text);
    let mut rule = Successive::new();
    for (k, &(_, c)) in decoded.iter().enumerate() {
        let word = super::class(c) != super::Class::Other;
        rule.step(k, c, word, text, &decoded, out);
    }
}

/// `successive_word` one character at a time, in the pass over a field's
/// characters (`super::pass`).
pub(super) struct Successive {
    /// The last 2 × MAX characters by their index mod 16, each written
    /// twice (at slot and slot + 16) so that the last 16 are one array.
    ring: [char; 4 * Successive::MAX],
    /// Characters before this index belong to a repeat already reported.
    resume: usize,
}

impl Successive {
    /// The longest unit, in characters.
    const MAX: usize = 8;
    const RING: usize = 2 * Self::MAX;

    pub(super) fn new() -> Self {
        Self {
            ring: ['\0'; 4 * Self::MAX],
            resume: 0,
        }
    }

    /// Character `k` of the words, `c` (a kanji or kana if `word`), of
    /// the text whose characters are `decoded`.
    #[inline(always)]
    pub(super) fn step(
        &mut self,
        k: usize,
        c: char,
        word: bool,
        text: &str,
        decoded: &[(usize, char)],
        out: &mut Vec<Finding>,
    ) {
        let (max, ring) = (Self::MAX, Self::RING);
        let slot = k % ring;
        (self.ring[slot], self.ring[slot + ring]) = (c, c);
        // The last 16 characters, this one last: a unit can end here only
        // if this character is also 2..=MAX back (or MAX + 1: eight at
        // once, compared without a branch).
        let Some(back) = self.ring.get(slot + 1 + ring - 2 - max..slot + 1 + ring - 2) else {
            return;
        };
        let Ok(back) = <&[char; Self::MAX]>::try_from(back) else {
            return;
        };
        let candidate = back.iter().fold(false, |any, &b| any | (b == c));
        if candidate && word {
            self.repeat_ending(k, text, decoded, out);
        }
    }

    /// A unit repeated right before character `k` and ending with it.
    /// Seldom called: kept out of the loop of the pass (`step` is inlined
    /// there), which runs faster without its registers.
    #[inline(never)]
    fn repeat_ending(&mut self, k: usize, text: &str, decoded: &[(usize, char)], out: &mut Vec<Finding>) {
        let count = k + 1;
        let at = |k: usize| decoded[k];
        let (offset, c) = at(k);
        for len in 2..=Self::MAX {
            // Cheap test first: this character ends the unit before, too.
            if count <= len || at(count - 1 - len).1 != c {
                continue;
            }
            let Some(start) = count.checked_sub(2 * len).filter(|s| *s >= self.resume) else {
                break;
            };
            if !(0..len).all(|j| at(start + j).1 == at(start + len + j).1) {
                continue;
            }
            if !is_word_unit(&decoded[start..start + len]) {
                continue;
            }
            out.push(twice(text, at(start).0, at(start + len).0, offset + c.len_utf8()));
            self.resume = count;
            break;
        }
    }
}

/// The finding of the word at `first..second` of `text` written again
/// at `second..end`.
pub(super) fn twice(text: &str, first: usize, second: usize, end: usize) -> Finding {
    let word = &text[first..second];
    Finding::new(
        "successive-word",
        second,
        end - second,
        format!("`{word}` twice in a row"),
        format!("write `{word}` once"),
    )
}

pub(super) fn is_word_unit(unit: &[(usize, char)]) -> bool {
    // A unit is of at most `Successive::MAX` characters: no allocation.
    let mut buffer = ['\0'; Successive::MAX];
    let Some(chars) = buffer.get_mut(..unit.len()) else {
        return false;
    };
    for (slot, (_, c)) in chars.iter_mut().zip(unit) {
        *slot = *c;
    }
    let chars = &*chars;
    if !chars
        .iter()
        .all(|c| is_kanji(*c) || is_hiragana(*c) || is_katakana(*c))
    {
        return false;
    }
    if chars[0] == '一' || chars.starts_with(&['ひ', 'と']) || chars.iter().all(|c| *c == chars[0]) {
        return false;
    }
    let has_kanji = chars.iter().any(|c| is_kanji(*c));
    let all_katakana = chars.iter().all(|c| is_katakana(*c));
    if all_katakana {
        return chars.len() >= 4;
    }
    has_kanji || chars.len() >= 3
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::lint::found;

    fn phrases(text: &str, out: &mut Vec<Finding>) {
        super::super::lists::pass_over(text, out, &mut Vec::new());
    }

    #[test]
    fn ra_nuki_forms_and_correct_verbs() {
        assert_eq!(
            found(ra_nuki, "明日は来れる。映画を見れない。全部食べれた。"),
            ["来れる", "見れない", "食べれた"]
        );
        assert_eq!(
            found(ra_nuki, "考えれます。お金を借りれる。信じれない"),
            ["考えれます", "借りれる", "信じれない"]
        );
        let correct = "見られる。来られる。食べられる。取れる。入れる。待ちきれない。しびれる。見れば。流れる。忘れる。出来れば。";
        assert!(
            found(ra_nuki, correct).is_empty(),
            "{:?}",
            found(ra_nuki, correct)
        );
    }

    #[test]
    fn i_nuki_forms_and_correct_verbs() {
        assert_eq!(
            found(i_nuki, "今話してる。本を読んでた。まだ見てない"),
            ["話してる", "読んでた", "見てない"]
        );
        let correct = "話している。捨てる。育てる。勝てる。AIってたくさんある。なんでたぶん。重要でない。";
        assert!(found(i_nuki, correct).is_empty(), "{:?}", found(i_nuki, correct));
    }

    #[test]
    fn phrases_in_context() {
        assert_eq!(found(phrases, "行かないわけではない。"), ["ないわけではない"]);
        assert!(found(phrases, "少なくはない。").is_empty());
        assert_eq!(found(phrases, "調査を行います。"), ["を行います"]);
        assert!(found(phrases, "設計を行うことも重要。調査を行わなかった。").is_empty());
        assert_eq!(found(phrases, "的を得た意見"), ["的を得"]);
    }

    #[test]
    fn successive_words_and_reduplication() {
        assert_eq!(found(successive_word, "重要な重要な点"), ["重要な"]);
        assert_eq!(found(successive_word, "会議会議で"), ["会議"]);
        let fine =
            "いろいろ、ますます、ドキドキ、ガタンガタン、一つ一つ、ひとりひとり、人々、1010、ははは、ﾋﾟｷﾋﾟｷ";
        assert!(
            found(successive_word, fine).is_empty(),
            "{:?}",
            found(successive_word, fine)
        );
    }
}
