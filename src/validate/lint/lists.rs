//! The phrase lists of `wording` and the variant spellings of `terms`,
//! matched in one aho-corasick pass over each field's words.
//!
//! The pass reads one byte per character, not per UTF-8 byte: each
//! character of the lists has a code of its own (1 to 255) and every other
//! character is 0. The codes stand for the characters one to one, so the
//! automaton finds the same matches, in the same order, in a third of the
//! steps of Japanese text.

use super::{Finding, terms, wording};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::sync::LazyLock;

/// The matcher over codes, how many of its patterns are phrases, the
/// (group, word) of each variant pattern after them, and the code of each
/// character by its scalar value (up to the largest in the lists).
struct Lists {
    matcher: AhoCorasick,
    phrases: usize,
    variants: Vec<(usize, &'static str)>,
    codes: Vec<u8>,
}

static LISTS: LazyLock<Option<Lists>> = LazyLock::new(|| {
    let phrases: Vec<&str> = wording::phrase_patterns().collect();
    let variants: Vec<(usize, &str)> = terms::variant_patterns().collect();
    let patterns: Vec<&str> = phrases
        .iter()
        .copied()
        .chain(variants.iter().map(|(_, w)| *w))
        .collect();
    let codes = alphabet(&patterns)?;
    let encoded = patterns.iter().map(|p| encode(&codes, p.chars()));
    let matcher = AhoCorasick::builder()
        // Every match, overlapping (サーバ inside サーバー is told apart
        // by `is_whole`). Nearly every character of Japanese text could
        // start a pattern, so a prefilter only adds work; a DFA reads each
        // code once.
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .prefilter(false)
        .build(encoded)
        .ok()?;
    Some(Lists {
        matcher,
        phrases: phrases.len(),
        variants,
        codes,
    })
});

/// The code of every character of the patterns, in order of first use,
/// by scalar value; `None` if there are more than 255.
fn alphabet(patterns: &[&str]) -> Option<Vec<u8>> {
    let mut codes = Vec::new();
    let mut next = 1u8;
    for c in patterns.iter().flat_map(|p| p.chars()) {
        let at = c as usize;
        if codes.len() <= at {
            codes.resize(at + 1, 0);
        }
        if codes[at] == 0 {
            codes[at] = next;
            next = next.checked_add(1)?;
        }
    }
    Some(codes)
}

/// Characters as their codes (0 for those in no pattern).
fn encode(codes: &[u8], chars: impl Iterator<Item = char>) -> Vec<u8> {
    chars
        .map(|c| codes.get(c as usize).copied().unwrap_or(0))
        .collect()
}

/// One pass of the lists over a field's words and their characters
/// (`super::decode_into`): phrase findings into `found`, whole-word
/// variant spellings into `seen` (their field is set by the caller;
/// `usize::MAX` until then). `buffer` holds the codes, field after field.
pub(super) fn pass(
    words: &str,
    chars: &[(usize, char)],
    buffer: &mut Vec<u8>,
    found: &mut Vec<Finding>,
    seen: &mut Vec<terms::Seen>,
) {
    let Some(lists) = LISTS.as_ref() else {
        return;
    };
    buffer.clear();
    buffer.extend(
        chars
            .iter()
            .map(|&(_, c)| lists.codes.get(c as usize).copied().unwrap_or(0)),
    );
    // Byte offsets of the words for character indexes of the codes.
    let offset = |i: usize| chars.get(i).map_or(words.len(), |(at, _)| *at);
    // The end of the last phrase found: a phrase inside another is not
    // reported twice.
    let mut phrase_end = 0;
    for m in lists.matcher.find_overlapping_iter(buffer.as_slice()) {
        let index = m.pattern().as_usize();
        let (start, end) = (offset(m.start()), offset(m.end()));
        match index.checked_sub(lists.phrases) {
            None if start < phrase_end => {}
            None => {
                let before = found.len();
                wording::phrase_found(words, index, start, end, found);
                if found.len() > before {
                    phrase_end = end;
                }
            }
            Some(v) => {
                if let Some(&(group, word)) = lists.variants.get(v)
                    && terms::is_whole(words, start, end)
                {
                    seen.push(terms::Seen {
                        group,
                        word,
                        field: usize::MAX,
                        offset: start,
                    });
                }
            }
        }
    }
}

/// `pass` over a text of its own, for the rules' unit tests.
#[cfg(test)]
pub(super) fn pass_over(text: &str, found: &mut Vec<Finding>, seen: &mut Vec<terms::Seen>) {
    pass(text, &super::decode(text), &mut Vec::new(), found, seen);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Room for more patterns: a code is one byte.
    #[test]
    fn the_lists_have_codes_for_their_characters() {
        let lists = LISTS.as_ref().expect("the lists build");
        let used = lists.codes.iter().filter(|c| **c != 0).count();
        assert!(used < 255, "{used}");
        let mut found = Vec::new();
        pass_over("彼は「的を得た」。的を得た意見", &mut found, &mut Vec::new());
        let offsets: Vec<usize> = found.iter().map(|f| f.offset).collect();
        assert_eq!(offsets, ["彼は「".len(), "彼は「的を得た」。".len()]);
    }
}
