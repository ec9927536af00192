//! Dates written by people as `YYYY-MM-DD`: the shape, and the calendar
//! date it names. Read by the decoder and the CLI, and by the YAML reader,
//! which types such a plain scalar as a string.

/// Whether a text is written `YYYY-MM-DD` (ASCII digits), before asking
/// whether it is a real calendar date.
pub(crate) fn is_ymd_shaped(text: &str) -> bool {
    text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        })
}

/// The calendar date a text shaped `YYYY-MM-DD` names, if it is one: what
/// `NaiveDate::parse_from_str(text, "%Y-%m-%d")` reads, digit by digit
/// instead of through chrono's format interpreter.
pub(crate) fn ymd(text: &str) -> Option<chrono::NaiveDate> {
    if !is_ymd_shaped(text) {
        return None;
    }
    let number = |digits: &[u8]| digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'));
    let bytes = text.as_bytes();
    let year = i32::try_from(number(&bytes[..4])).ok()?;
    chrono::NaiveDate::from_ymd_opt(year, number(&bytes[5..7]), number(&bytes[8..10]))
}

#[cfg(test)]
mod tests {
    /// The digit reading names the date chrono's parser names, or none
    /// where it names none, over months and days out of range and leap
    /// years.
    #[test]
    fn ymd_reads_what_chrono_reads() {
        let mut valid = 0;
        for year in [
            "0000", "0001", "1582", "1900", "2000", "2023", "2024", "2100", "9999",
        ] {
            for month in 0..=19 {
                for day in 0..=39 {
                    let text = format!("{year}-{month:02}-{day:02}");
                    let expected = chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok();
                    assert_eq!(super::ymd(&text), expected, "{text}");
                    valid += usize::from(expected.is_some());
                }
            }
        }
        // Three leap years: 0000, 2000 and 2024.
        assert_eq!(valid, 9 * 365 + 3);
    }
}
