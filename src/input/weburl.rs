//! The one rule for links in content: absolute `http` or `https` URLs only,
//! written without whitespace, control characters, `<`, `>`, `"` or `\`
//! (which the URL parser would quietly drop or fix, while the text as
//! written could carry markup into an output).

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// The characters a URL must not contain as written (besides control
/// characters and any whitespace, Unicode spaces included).
const UNSAFE: &[char] = &['<', '>', '"', '\\'];

/// What the suggested percent-encoded form encodes.
const ENCODE: &AsciiSet = &CONTROLS.add(b' ').add(b'<').add(b'>').add(b'"').add(b'\\');

/// The bytes `unsafe_char` passes over: visible ASCII but the unsafe
/// characters (looked up, one load a byte).
const PLAIN: [bool; 256] = {
    let mut plain = [false; 256];
    let mut b = b'!';
    while b <= b'~' {
        plain[b as usize] = true;
        b += 1;
    }
    let mut i = 0;
    while i < UNSAFE.len() {
        plain[UNSAFE[i] as usize] = false;
        i += 1;
    }
    plain
};

/// The first character a URL must not contain, with its byte offset.
/// Read by bytes while they are visible ASCII (all of a usual URL); from
/// the first other byte on, by characters.
pub(crate) fn unsafe_char(text: &str) -> Option<(usize, char)> {
    let other = text.bytes().position(|b| !PLAIN[usize::from(b)])?;
    let rest = text.get(other..)?;
    rest.char_indices()
        .map(|(at, c)| (other + at, c))
        .find(|&(_, c)| c.is_control() || c.is_whitespace() || UNSAFE.contains(&c))
}

/// The character as named in messages.
pub(crate) fn describe(c: char) -> String {
    match c {
        '\n' | '\r' => "a line break".into(),
        '\t' => "a tab".into(),
        ' ' => "a space".into(),
        '\u{3000}' => "a full-width space".into(),
        c if c.is_whitespace() => format!("a space character (U+{:04X})", c as u32),
        c if c.is_control() => format!("a control character (U+{:04X})", c as u32),
        c => format!("`{c}`"),
    }
}

/// `text` with every unsafe character percent-encoded, for a suggestion
/// (non-ASCII spaces are UTF-8 percent-encoded as well).
pub(crate) fn percent_encoded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_whitespace() && !c.is_ascii() {
            let mut buf = [0u8; 4];
            out.extend(utf8_percent_encode(
                c.encode_utf8(&mut buf),
                percent_encoding::NON_ALPHANUMERIC,
            ));
        } else {
            let mut buf = [0u8; 4];
            out.extend(utf8_percent_encode(c.encode_utf8(&mut buf), ENCODE));
        }
    }
    out
}

/// Why a URL was refused, phrased for the user. Leading and trailing
/// whitespace is ignored (YAML block scalars end with a line break).
pub(crate) fn check(text: &str) -> Result<url::Url, String> {
    let trimmed = text.trim();
    if let Some((_, c)) = unsafe_char(trimmed) {
        return Err(format!(
            "the URL contains {}; write it percent-encoded: {}",
            describe(c),
            percent_encoded(trimmed)
        ));
    }
    http_url(trimmed)
}

/// `check` of a text already trimmed and free of unsafe characters.
pub(crate) fn http_url(trimmed: &str) -> Result<url::Url, String> {
    match url::Url::parse(trimmed) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => {
            if url.host_str().is_none_or(str::is_empty) {
                Err("the URL has no host".into())
            } else {
                Ok(url)
            }
        }
        Ok(url) => Err(format!(
            "`{}:` links are not allowed; only http and https",
            url.scheme()
        )),
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            Err("a relative URL; links must be absolute (https://...)".into())
        }
        Err(e) => Err(format!("not a valid URL ({e})")),
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn accepts_http_and_https_only() {
        assert!(check("https://peplatform.org/").is_ok());
        assert!(check("http://example.com/a?b#c").is_ok());
        assert!(
            check("javascript:alert(1)")
                .unwrap_err()
                .contains("`javascript:`")
        );
        assert!(check("data:text/html,x").unwrap_err().contains("`data:`"));
        assert!(check("file:///etc/passwd").unwrap_err().contains("`file:`"));
        assert!(check("/relative/path").unwrap_err().contains("relative"));
        assert!(check("https://").is_err());
        assert!(check("http://exa mple.com").is_err());
    }

    /// The byte reading finds what the character reading finds, on every
    /// ASCII character and on the other characters it must stop at.
    #[test]
    fn unsafe_char_reads_bytes_as_characters() {
        let by_chars = |text: &str| {
            text.char_indices()
                .find(|&(_, c)| c.is_control() || c.is_whitespace() || super::UNSAFE.contains(&c))
        };
        let others = [
            '\u{85}',
            '\u{a0}',
            '\u{3000}',
            '\u{2028}',
            '\u{feff}',
            'é',
            'あ',
            '\u{1F600}',
        ];
        for c in (0..128u8).map(char::from).chain(others) {
            for text in [
                format!("https://x.test/{c}"),
                format!("{c}https://x.test/"),
                format!("https://x.test/あ{c}b"),
                format!("https://x.test/\u{3000}{c}"),
            ] {
                assert_eq!(super::unsafe_char(&text), by_chars(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn refuses_characters_that_could_carry_markup() {
        for (text, named, encoded) in [
            (
                "https://x.test/\n<script>x</script>",
                "a line break",
                "https://x.test/%0A%3Cscript%3Ex%3C/script%3E",
            ),
            (
                r#"https://x.test/><img src="x">"#,
                "`>`",
                "https://x.test/%3E%3Cimg%20src=%22x%22%3E",
            ),
            ("https://x.test/a\\b", "`\\`", "https://x.test/a%5Cb"),
            (
                "https://x.test/a\u{1b}b",
                "a control character (U+001B)",
                "https://x.test/a%1Bb",
            ),
            (
                "https://x.test/a\u{3000}b",
                "a full-width space",
                "https://x.test/a%E3%80%80b",
            ),
        ] {
            let why = check(text).unwrap_err();
            assert!(why.contains(named), "{why}");
            assert!(why.ends_with(encoded), "{why}");
        }
        assert_eq!(super::unsafe_char("https://x.test/a b"), Some((16, ' ')));
        assert!(
            check("  https://x.test/\n").is_ok(),
            "surrounding whitespace is trimmed"
        );
    }
}
