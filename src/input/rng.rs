//! The tests' random generator (xorshift64): the tests that hold a fast
//! path to the general one over thousands of generated texts draw them
//! from it, the same texts on every run.

/// A xorshift64 generator.
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator started at `state` as it is (not zero).
    pub(crate) fn at(state: u64) -> Self {
        Self(state)
    }

    /// A generator for a small seed (0, 1, 2...), mixed so that
    /// neighbouring seeds give unrelated sequences.
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next number of the sequence.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (0 when `n` is 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next_u64() % n.max(1) as u64).unwrap_or(0)
    }

    /// One of `list`.
    pub(crate) fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }
}
