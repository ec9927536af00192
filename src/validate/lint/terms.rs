//! `terms`: 表記ゆれ, the same word written two ways in one document
//! (サーバ and サーバー), from a built-in list of variants; and the
//! producer's dictionary in series.yaml (`lint: { terms: { Javascript:
//! JavaScript } }`), whose replacements `check --fix` applies.

use super::{Finding, is_katakana};
use crate::diagnostic::span::Spanned;

/// Words with more than one common spelling. Within one document, the
/// spelling used less often is reported.
const VARIANTS: &[&[&str]] = &[
    &["サーバー", "サーバ"],
    &["ユーザー", "ユーザ"],
    &["コンピューター", "コンピュータ"],
    &["メモリー", "メモリ"],
    &["プリンター", "プリンタ"],
    &["ブラウザー", "ブラウザ"],
    &["フォルダー", "フォルダ"],
    &["パラメーター", "パラメータ"],
    &["ヘッダー", "ヘッダ"],
    &["エディター", "エディタ"],
    &["ドライバー", "ドライバ"],
    &["マネージャー", "マネージャ"],
    &["プレイヤー", "プレーヤー"],
    &["インターフェース", "インタフェース", "インターフェイス"],
    &["アーキテクチャー", "アーキテクチャ"],
    &["カテゴリー", "カテゴリ"],
    &["ディレクトリー", "ディレクトリ"],
    &["ライブラリー", "ライブラリ"],
    &["メンバー", "メンバ"],
    &["ウィンドウ", "ウインドウ"],
    &["子ども", "子供"],
    &["さまざま", "様々"],
    &["たくさん", "沢山"],
    &["ほとんど", "殆ど"],
    &["すべて", "全て"],
    &["たとえば", "例えば"],
    &["ください", "下さい"],
];

/// Every variant spelling as (group, word), for the one matcher of the
/// lint's lists (`super::lists`).
pub(super) fn variant_patterns() -> impl Iterator<Item = (usize, &'static str)> {
    VARIANTS
        .iter()
        .enumerate()
        .flat_map(|(g, group)| group.iter().map(move |w| (g, *w)))
}

/// A variant spelling written in the document's own words.
#[derive(Debug, Clone, Copy)]
pub(super) struct Seen {
    pub(super) group: usize,
    pub(super) word: &'static str,
    pub(super) field: usize,
    pub(super) offset: usize,
}

/// Whether `text[start..end]` is a whole word: a katakana word does not
/// go on in katakana (サーバ in サーバント), and a Latin one is not inside
/// a longer Latin word.
pub(super) fn is_whole(text: &str, start: usize, end: usize) -> bool {
    let word = &text[start..end];
    let (Some(first), Some(last)) = (word.chars().next(), word.chars().next_back()) else {
        return false;
    };
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let katakana_goes_on = is_katakana(last) && after.is_some_and(|c| is_katakana(c) && c != '・');
    let latin_before = first.is_ascii_alphanumeric() && before.is_some_and(|c| c.is_ascii_alphanumeric());
    let latin_after = last.is_ascii_alphanumeric() && after.is_some_and(|c| c.is_ascii_alphanumeric());
    !(katakana_goes_on || latin_before || latin_after)
}

/// Variant spellings across the document's own words: `seen` are the
/// whole-word occurrences; findings carry their field. Groups the
/// producer's dictionary already settles are left to it.
pub(super) fn variants(
    seen: &[Seen],
    dictionary: &[(Spanned<String>, Spanned<String>)],
    out: &mut Vec<(usize, Finding)>,
) {
    let settled = |group: &[&str]| {
        dictionary
            .iter()
            .any(|(w, r)| group.contains(&w.value.as_str()) || group.contains(&r.value.as_str()))
    };
    for (g, group) in VARIANTS.iter().enumerate() {
        if settled(group) {
            continue;
        }
        let count = |w: &str| seen.iter().filter(|s| s.group == g && s.word == w).count();
        let used: Vec<(&str, usize)> = group
            .iter()
            .map(|w| (*w, count(w)))
            .filter(|(_, n)| *n > 0)
            .collect();
        if used.len() < 2 {
            continue;
        }
        // The most used spelling; on a tie, the one written first.
        let first_written = seen.iter().find(|s| s.group == g).map(|s| s.word);
        let (main, main_count) = used
            .iter()
            .copied()
            .max_by_key(|(w, n)| (*n, Some(*w) == first_written))
            .unwrap_or(used[0]);
        for s in seen.iter().filter(|s| s.group == g && s.word != main) {
            out.push((
                s.field,
                Finding::new(
                    "terms",
                    s.offset,
                    s.word.len(),
                    format!(
                        "表記ゆれ: `{}`, written `{main}` elsewhere in this document ({})",
                        s.word,
                        times(main_count)
                    ),
                    format!(
                        "write `{main}`, or settle it for the show: `lint: {{ terms: {{ {}: {main} }} }}`",
                        s.word
                    ),
                ),
            ));
        }
    }
}

fn times(n: usize) -> String {
    if n == 1 {
        "once".into()
    } else {
        format!("{n} times")
    }
}

/// The producer's dictionary: every whole-word occurrence of a form to
/// replace that is not part of the form to write (サーバ inside サーバー).
pub(super) fn dictionary(text: &str, terms: &[(Spanned<String>, Spanned<String>)], out: &mut Vec<Finding>) {
    for (wrong, right) in terms {
        let (wrong, right) = (wrong.value.as_str(), right.value.as_str());
        let rights: Vec<(usize, usize)> = text
            .match_indices(right)
            .map(|(at, r)| (at, at + r.len()))
            .collect();
        for (at, _) in text.match_indices(wrong) {
            let end = at + wrong.len();
            let inside_right = rights.iter().any(|&(s, e)| at < e && s < end);
            if inside_right || !is_whole(text, at, end) {
                continue;
            }
            out.push(
                Finding::new(
                    "terms",
                    at,
                    wrong.len(),
                    format!("`{wrong}` is written `{right}` in this show"),
                    format!("write `{right}` (series.yaml `lint: terms`)"),
                )
                .fix(right.to_string()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only() {
        assert!(is_whole("Webサーバで", 3, 3 + "サーバ".len()));
        assert!(!is_whole("サーバント", 0, "サーバ".len()));
        assert!(!is_whole("Javascripts", 0, 10));
        assert!(is_whole("Javascript、", 0, 10));
    }

    #[test]
    fn the_less_used_spelling_is_reported() {
        let mut seen = Vec::new();
        for (field, text) in [(0, "サーバーとサーバーとサーバ"), (1, "ユーザ")] {
            super::super::lists::pass_over(text, &mut Vec::new(), &mut seen);
            for s in seen.iter_mut().filter(|s| s.field == usize::MAX) {
                s.field = field;
            }
        }
        let mut out = Vec::new();
        variants(&seen, &[], &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].1.offset, "サーバーとサーバーと".len());
    }
}
