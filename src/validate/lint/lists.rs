//! The phrase lists of `wording` and the variant spellings of `terms`,
//! matched by one aho-corasick DFA stepped in the pass over each field's
//! characters (`super::pass`).
//!
//! The pass reads one byte per character, not per UTF-8 byte: each
//! character of the lists has a code of its own (1 to 255) and every other
//! character is 0. The codes stand for the characters one to one, so the
//! automaton finds the same matches, in the same order, in a third of the
//! steps of Japanese text.

use super::{Finding, terms, wording};
use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind};
use std::sync::LazyLock;

/// The matcher over codes, how many of its patterns are phrases, the
/// (group, word) of each variant pattern after them, and the code of each
/// character by its scalar value (up to the largest in the lists).
struct Lists {
    /// The DFA itself, not an `AhoCorasick`: its transitions inline into
    /// the search loop (`overlapping`).
    matcher: DFA,
    /// Its unanchored start state.
    start: StateID,
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
    let matcher = DFA::builder()
        // Every match, overlapping (サーバ inside サーバー is told apart
        // by `is_whole`). Nearly every character of Japanese text could
        // start a pattern, so a prefilter only adds work; a DFA reads each
        // code once.
        .match_kind(MatchKind::Standard)
        .prefilter(false)
        .build(encoded)
        .ok()?;
    let start = matcher.start_state(Anchored::No).ok()?;
    Some(Lists {
        matcher,
        start,
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

/// The lists over a field's words one character at a time, in the pass
/// over its characters (`super::pass`): phrase findings into `found`,
/// whole-word variant spellings into `seen` (their field is set by the
/// caller; `usize::MAX` until then).
pub(super) struct Pass {
    lists: &'static Lists,
    /// The state of the DFA.
    state: StateID,
    /// Whether the search is over (a dead state, which the DFA of an
    /// unanchored search does not reach): no match is reported after.
    over: bool,
    /// The end of the last phrase found: a phrase inside another is not
    /// reported twice.
    phrase_end: usize,
}

impl Pass {
    /// The pass, if the lists built.
    pub(super) fn new() -> Option<Self> {
        let lists = LISTS.as_ref()?;
        Some(Self {
            lists,
            state: lists.start,
            over: false,
            phrase_end: 0,
        })
    }

    /// Character `k` of the words, `c`; `chars` are their characters.
    /// Every match of the DFA is reported as its overlapping search
    /// reports them: by end, and at one end in the order of the state's
    /// matches (`overlapping`).
    #[inline(always)]
    pub(super) fn step(
        &mut self,
        k: usize,
        c: char,
        words: &str,
        chars: &[(usize, char)],
        found: &mut Vec<Finding>,
        seen: &mut Vec<terms::Seen>,
    ) {
        let lists = self.lists;
        let code = lists.codes.get(c as usize).copied().unwrap_or(0);
        self.state = next(&lists.matcher, lists.start, self.state, code);
        if lists.matcher.is_special(self.state) {
            self.special(k + 1, words, chars, found, seen);
        }
    }

    /// A special state of the DFA reached after `end` characters (out of
    /// the loop of the pass, like `Successive::repeat_ending`).
    #[inline(never)]
    fn special(
        &mut self,
        end: usize,
        words: &str,
        chars: &[(usize, char)],
        found: &mut Vec<Finding>,
        seen: &mut Vec<terms::Seen>,
    ) {
        let lists = self.lists;
        let Some(matches) = special(&lists.matcher, self.state, end).filter(|_| !self.over) else {
            self.over = true;
            return;
        };
        for (pattern, start, end) in matches {
            self.found(lists, pattern, start, end, words, chars, found, seen);
        }
    }

    /// A match of list pattern `pattern` over characters `start..end`.
    #[allow(clippy::too_many_arguments)]
    fn found(
        &mut self,
        lists: &Lists,
        pattern: usize,
        start: usize,
        end: usize,
        words: &str,
        chars: &[(usize, char)],
        found: &mut Vec<Finding>,
        seen: &mut Vec<terms::Seen>,
    ) {
        // Byte offsets of the words for character indexes.
        let offset = |i: usize| chars.get(i).map_or(words.len(), |(at, _)| *at);
        let (start, end) = (offset(start), offset(end));
        match pattern.checked_sub(lists.phrases) {
            None if start < self.phrase_end => {}
            None => {
                let before = found.len();
                wording::phrase_found(words, pattern, start, end, found);
                if found.len() > before {
                    self.phrase_end = end;
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

/// The DFA's next state from `sid` on `code`. Code 0, a character of no
/// pattern, leads back to the unanchored `start` from every state (no
/// pattern goes on with it, so the longest pattern prefix ending there
/// is empty): half the characters of Japanese text are such, and skip the
/// transition table.
#[inline(always)]
fn next(dfa: &DFA, start: StateID, sid: StateID, code: u8) -> StateID {
    if code == 0 {
        return start;
    }
    dfa.next_state(Anchored::No, sid, code)
}

/// What the DFA's overlapping search (the loop of
/// `Automaton::try_find_overlapping`, without the state it keeps between
/// calls) does at a special state reached at code `end`: `None` if the
/// search is over, else the matches it reports there, in order:
/// (pattern, start, end) in codes.
fn special(dfa: &DFA, sid: StateID, end: usize) -> Option<impl Iterator<Item = (usize, usize, usize)> + '_> {
    if dfa.is_dead(sid) {
        return None;
    }
    let count = if dfa.is_match(sid) { dfa.match_len(sid) } else { 0 };
    Some((0..count).map(move |i| {
        let pattern = dfa.match_pattern(sid, i);
        (pattern.as_usize(), end - dfa.pattern_len(pattern), end)
    }))
}

/// Every match of the DFA in the codes, as `Pass::step` finds them.
#[cfg(test)]
fn overlapping(dfa: &DFA, codes: impl Iterator<Item = u8>, found: &mut dyn FnMut(usize, usize, usize)) {
    let Ok(start) = dfa.start_state(Anchored::No) else {
        return;
    };
    let mut sid = start;
    for (at, code) in codes.enumerate() {
        sid = next(dfa, start, sid, code);
        if dfa.is_special(sid) {
            let Some(matches) = special(dfa, sid, at + 1) else {
                return;
            };
            for (pattern, start, end) in matches {
                found(pattern, start, end);
            }
        }
    }
}

/// `pass` over a text of its own, for the rules' unit tests.
#[cfg(test)]
pub(super) fn pass_over(text: &str, found: &mut Vec<Finding>, seen: &mut Vec<terms::Seen>) {
    let chars = super::decode(text);
    if let Some(mut pass) = Pass::new() {
        for (k, &(_, c)) in chars.iter().enumerate() {
            pass.step(k, c, text, &chars, found, seen);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::lint::samples;

    /// `overlapping` reports what the DFA's own overlapping search does,
    /// in the same order.
    #[test]
    fn the_pass_finds_what_the_overlapping_search_finds() {
        let lists = LISTS.as_ref().expect("the lists build");
        let mut total = 0;
        for text in samples::texts(3, 2000, 60, false) {
            let codes = encode(&lists.codes, text.chars());
            let mut ours = Vec::new();
            overlapping(&lists.matcher, codes.iter().copied(), &mut |p, s, e| {
                ours.push((p, s, e))
            });
            let theirs: Vec<(usize, usize, usize)> = lists
                .matcher
                .try_find_overlapping_iter(aho_corasick::Input::new(&codes))
                .expect("an unanchored search")
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect();
            assert_eq!(ours, theirs, "{text}");
            total += ours.len();
            // Code 0 leads back to the start from every state reached.
            let mut sid = lists.start;
            for &code in &codes {
                assert_eq!(lists.matcher.next_state(Anchored::No, sid, 0), lists.start);
                sid = lists.matcher.next_state(Anchored::No, sid, code);
            }
        }
        assert!(total > 1000, "{total}");
    }

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
