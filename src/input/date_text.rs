//! Dates written by people as `YYYY-MM-DD`: the shape, and the calendar
//! date it names. Read by the decoder and the CLI, and by the YAML reader,
//! which types such a plain scalar as a string; and written back for
//! templates.

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

/// `date` as `YYYY-MM-DD`, in `out`: what chrono's `to_string` writes
/// for a year from 0 to 9999 (`None` for others, which chrono writes with
/// a sign), digit by digit instead of through the formatting machinery
/// (templates see every episode's date so).
pub(crate) fn write_ymd(date: chrono::NaiveDate, out: &mut [u8; 10]) -> Option<&str> {
    use chrono::Datelike;
    let year = u32::try_from(date.year()).ok().filter(|&year| year <= 9999)?;
    *out = *b"0000-00-00";
    for (at, width, mut n) in [(0, 4, year), (5, 2, date.month()), (8, 2, date.day())] {
        for digit in out[at..at + width].iter_mut().rev() {
            *digit = b'0' + (n % 10) as u8;
            n /= 10;
        }
    }
    std::str::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    /// The digits written one by one are chrono's, over every day of
    /// the first and the last years, and of years in between.
    #[test]
    fn write_ymd_writes_what_chrono_writes() {
        let mut out = [0; 10];
        for year in [
            0, 1, 9, 10, 99, 100, 999, 1000, 1582, 1999, 2000, 2024, 2026, 9998, 9999,
        ] {
            let mut date = chrono::NaiveDate::from_ymd_opt(year, 1, 1).expect("a date");
            while chrono::Datelike::year(&date) == year {
                assert_eq!(super::write_ymd(date, &mut out), Some(date.to_string().as_str()));
                date = date.succ_opt().expect("a next day");
            }
        }
        for year in [-1, 10_000] {
            let date = chrono::NaiveDate::from_ymd_opt(year, 1, 1).expect("a date");
            assert_eq!(super::write_ymd(date, &mut out), None);
        }
    }

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
