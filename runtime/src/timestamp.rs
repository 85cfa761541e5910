//! Timestamps as Smithy's protocols write them: seconds since the Unix
//! epoch in JSON, an RFC 3339 date-time in XML, an IMF-fixdate (http-date)
//! in headers. The formats are fixed and the dates Gregorian, so a few
//! lines of calendar arithmetic (Howard Hinnant's `days_from_civil` and
//! `civil_from_days`) do it without a date crate.

// Calendar arithmetic: `whole` keeps seconds within years 1 to 9999, where
// every day, month, year and second fits the type it is cast to, and an
// `f64` holds every whole second exactly.
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss,
    reason = "calendar arithmetic on bounded values (see above)"
)]

use serde_json::Value;

const DAY: i64 = 86_400;
const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
/// Years 0001 to 9999, the range RFC 3339 and http-dates can write.
const MIN_SECONDS: i64 = -62_135_596_800;
const MAX_SECONDS: i64 = 253_402_300_799;

/// Days since 1970-01-01 of a Gregorian date.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The Gregorian date of a day since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Whole seconds, in the range both text forms can write.
fn whole(seconds: f64) -> Option<i64> {
    let floor = seconds.floor();
    (floor >= MIN_SECONDS as f64 && floor <= MAX_SECONDS as f64).then_some(floor as i64)
}

/// `Sun, 06 Nov 1994 08:49:37 GMT`, the fraction of a second dropped.
pub(crate) fn http_date(seconds: f64) -> Option<String> {
    let seconds = whole(seconds)?;
    let (days, time) = (seconds.div_euclid(DAY), seconds.rem_euclid(DAY));
    let (year, month, day) = civil_from_days(days);
    Some(format!(
        "{}, {day:02} {} {year:04} {:02}:{:02}:{:02} GMT",
        WEEKDAYS[days.rem_euclid(7) as usize],
        MONTHS[month as usize - 1],
        time / 3600,
        time / 60 % 60,
        time % 60
    ))
}

/// `1985-04-12T23:20:50.52Z`, with milliseconds when there is a fraction.
#[cfg_attr(not(feature = "xml"), allow(dead_code))]
pub(crate) fn date_time(seconds: f64) -> Option<String> {
    let whole_seconds = whole(seconds)?;
    let millis = ((seconds - whole_seconds as f64) * 1000.0).round() as i64;
    let (whole_seconds, millis) = if millis == 1000 {
        (whole_seconds + 1, 0)
    } else {
        (whole_seconds, millis)
    };
    let (days, time) = (whole_seconds.div_euclid(DAY), whole_seconds.rem_euclid(DAY));
    let (year, month, day) = civil_from_days(days);
    let mut text = format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        time / 3600,
        time / 60 % 60,
        time % 60
    );
    if millis != 0 {
        text.push_str(&format!(".{millis:03}"));
    }
    text.push('Z');
    Some(text)
}

/// Epoch seconds of an http-date (IMF-fixdate, the form RFC 9110 requires
/// senders to use).
pub(crate) fn parse_http_date(text: &str) -> Option<i64> {
    // "Sun, 06 Nov 1994 08:49:37 GMT"
    let rest = text.trim().get(5..)?;
    let weekday = text.trim().get(..5)?;
    let mut parts = rest.split(' ');
    let day = digits(parts.next()?, 2)?;
    let month_name = parts.next()?;
    let month = MONTHS.iter().position(|m| *m == month_name)? as u32 + 1;
    let year = i64::from(digits(parts.next()?, 4)?);
    let time = parts.next()?;
    if parts.next()? != "GMT" || parts.next().is_some() {
        return None;
    }
    let seconds = seconds_of(year, month, day, time)?;
    // The weekday must be the date's.
    let days = seconds.div_euclid(DAY);
    (weekday == format!("{}, ", WEEKDAYS[days.rem_euclid(7) as usize])).then_some(seconds)
}

/// Epoch seconds of an RFC 3339 date-time (`Z` or an offset, an optional
/// fraction, kept to the millisecond), as a JSON number: whole when there
/// is no fraction.
pub(crate) fn parse_date_time(text: &str) -> Option<Value> {
    let text = text.trim();
    let (date, time) = text.split_once(['T', 't'])?;
    let mut date_parts = date.split('-');
    let year = i64::from(digits(date_parts.next()?, 4)?);
    let month = digits(date_parts.next()?, 2)?;
    let day = digits(date_parts.next()?, 2)?;
    if date_parts.next().is_some() {
        return None;
    }
    let (clock, offset) = if let Some(clock) = time.strip_suffix(['Z', 'z']) {
        (clock, 0)
    } else {
        let at = time.rfind(['+', '-'])?;
        let (clock, offset) = time.split_at(at);
        let sign = if offset.starts_with('-') { -1 } else { 1 };
        let (hours, minutes) = offset[1..].split_once(':')?;
        let (hours, minutes) = (digits(hours, 2)?, digits(minutes, 2)?);
        if hours > 23 || minutes > 59 {
            return None;
        }
        (clock, sign * i64::from(hours * 3600 + minutes * 60))
    };
    let (clock, fraction) = match clock.split_once('.') {
        Some((clock, fraction))
            if !fraction.is_empty() && fraction.bytes().all(|b| b.is_ascii_digit()) =>
        {
            (clock, Some(fraction))
        }
        Some(_) => return None,
        None => (clock, None),
    };
    let seconds = seconds_of(year, month, day, clock)? - offset;
    // To the millisecond, as `date_time` writes it back.
    let millis = fraction.map_or(0, |fraction| {
        // The first four digits, rounded to three.
        let first = |at: usize| {
            fraction
                .as_bytes()
                .get(at)
                .map_or(0, |b| i64::from(b - b'0'))
        };
        let millis = first(0) * 100 + first(1) * 10 + first(2);
        millis + i64::from(first(3) >= 5)
    });
    Some(match millis {
        0 => Value::from(seconds),
        1000 => Value::from(seconds + 1),
        millis => Value::from(seconds as f64 + millis as f64 / 1000.0),
    })
}

/// Epoch seconds of a date and an `HH:MM:SS` time, if both are valid.
fn seconds_of(year: i64, month: u32, day: u32, time: &str) -> Option<i64> {
    let mut parts = time.split(':');
    let hours = i64::from(digits(parts.next()?, 2)?);
    let minutes = i64::from(digits(parts.next()?, 2)?);
    // 60 for a leap second, which Unix time folds into the next one.
    let seconds = i64::from(digits(parts.next()?, 2)?);
    if parts.next().is_some() || hours > 23 || minutes > 59 || seconds > 60 {
        return None;
    }
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some(days_from_civil(year, month, day) * DAY + hours * 3600 + minutes * 60 + seconds)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The number `len` ASCII digits spell (by hand: `str::parse` of several
/// integer types cost this crate twice the code).
/// A whole number written in ASCII digits only (no sign, no spaces), if it
/// fits a `u64`.
///
/// The one digit reader of this crate: each `str::parse` to another integer
/// type compiles std's parser anew (300 lines of LLVM IR each).
pub(crate) fn decimal(text: &str) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    let mut number: u64 = 0;
    for byte in text.bytes() {
        if !byte.is_ascii_digit() {
            return None;
        }
        number = number
            .checked_mul(10)?
            .checked_add(u64::from(byte - b'0'))?;
    }
    Some(number)
}

/// A whole number, `-` or `+` then ASCII digits, if it fits an `i64`: what
/// `str::parse::<i64>` reads, through [`decimal`].
pub(crate) fn integer(text: &str) -> Option<i64> {
    match text.strip_prefix('-') {
        Some(digits) => 0i64.checked_sub_unsigned(decimal(digits)?),
        None => i64::try_from(decimal(text.strip_prefix('+').unwrap_or(text))?).ok(),
    }
}

fn digits(text: &str, len: usize) -> Option<u32> {
    if text.len() != len {
        return None;
    }
    text.bytes().try_fold(0u32, |number, byte| {
        byte.is_ascii_digit()
            .then(|| number * 10 + u32::from(byte - b'0'))
    })
}

/// A timestamp field's epoch seconds: a number as it is, a string as an
/// RFC 3339 date-time or an http-date.
pub(crate) fn seconds_of_value(value: &Value) -> Option<f64> {
    match value {
        Value::Number(number) => number.as_f64(),
        Value::String(text) => parse_date_time(text)
            .and_then(|seconds| seconds.as_f64())
            .or_else(|| parse_http_date(text).map(|seconds| seconds as f64)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn integer_reads_what_parse_reads() {
        for text in [
            "0",
            "-0",
            "+7",
            "-7",
            "42",
            "9223372036854775807",
            "-9223372036854775808",
            "9223372036854775808",
            "-9223372036854775809",
            "",
            "-",
            "+",
            "+-1",
            "--1",
            " 1",
            "1.0",
        ] {
            assert_eq!(super::integer(text), text.parse::<i64>().ok(), "{text:?}");
        }
    }

    #[test]
    fn decimal_reads_ascii_digits_only() {
        use super::decimal;
        assert_eq!(decimal("0"), Some(0));
        assert_eq!(decimal("120"), Some(120));
        assert_eq!(decimal("18446744073709551615"), Some(u64::MAX));
        for bad in [
            "",
            "+5",
            "-5",
            " 5",
            "5 ",
            "1e3",
            "18446744073709551616",
            "٣",
        ] {
            assert_eq!(decimal(bad), None, "{bad:?}");
        }
    }

    use super::*;

    #[test]
    fn known_dates() {
        // RFC 9110's example, RFC 3339's, the epoch, a leap day, far ends.
        assert_eq!(
            http_date(784_111_777.0).as_deref(),
            Some("Sun, 06 Nov 1994 08:49:37 GMT")
        );
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(parse_http_date("Mon, 06 Nov 1994 08:49:37 GMT"), None);
        assert_eq!(
            date_time(482_196_050.52).as_deref(),
            Some("1985-04-12T23:20:50.520Z")
        );
        assert_eq!(
            parse_date_time("1985-04-12T23:20:50.52Z"),
            Some(Value::from(482_196_050.52))
        );
        assert_eq!(
            parse_date_time("1996-12-19T16:39:57-08:00"),
            Some(Value::from(851_042_397))
        );
        assert_eq!(
            parse_date_time("1970-01-01T00:00:00.0004Z"),
            Some(Value::from(0))
        );
        assert_eq!(
            parse_date_time("1970-01-01T00:00:00.9999Z"),
            Some(Value::from(1))
        );
        assert_eq!(date_time(0.0).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(
            date_time(951_782_400.0).as_deref(),
            Some("2000-02-29T00:00:00Z")
        );
        assert_eq!(
            http_date(-1.0).as_deref(),
            Some("Wed, 31 Dec 1969 23:59:59 GMT")
        );
        assert_eq!(
            date_time(MAX_SECONDS as f64).as_deref(),
            Some("9999-12-31T23:59:59Z")
        );
        assert_eq!(date_time(MAX_SECONDS as f64 + 1.0), None);
        assert_eq!(http_date(f64::NAN), None);
        for bad in [
            "",
            "1985-04-12",
            "1985-13-12T00:00:00Z",
            "1985-02-29T00:00:00Z",
            "1985-04-12T24:00:00Z",
            "1985-04-12T23:20:50.Z",
            "85-04-12T23:20:50Z",
            "1985-04-12T23:20:50+25:00",
        ] {
            assert_eq!(parse_date_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_day_of_four_centuries_round_trips() {
        for days in (-146_097 * 2..146_097 * 2).step_by(7) {
            let seconds = (days * DAY + 45_296) as f64;
            let text = date_time(seconds).unwrap();
            assert_eq!(
                parse_date_time(&text),
                Some(Value::from(days * DAY + 45_296))
            );
            if days >= -719_162 {
                let date = http_date(seconds).unwrap();
                assert_eq!(parse_http_date(&date), Some(days * DAY + 45_296), "{date}");
            }
        }
    }
}
