//! The two date formats of the Glacier API: ISO 8601 basic
//! (`20170210T120000Z`, in `x-amz-date` and credential scopes) and extended
//! with milliseconds (`2017-02-10T12:00:00.000Z`, in JSON bodies).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day count since 1970-01-01 (`civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Calendar fields of a time, UTC; times before 1970 are clamped to it.
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: u64,
    minute: u64,
    second: u64,
    millis: u32,
}

fn civil(time: SystemTime) -> Civil {
    let since = time.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = since.as_secs();
    let (year, month, day) = civil_from_days((secs / 86_400) as i64);
    Civil {
        year,
        month,
        day,
        hour: secs % 86_400 / 3600,
        minute: secs % 3600 / 60,
        second: secs % 60,
        millis: since.subsec_millis(),
    }
}

/// `20170210T120000Z`.
pub fn basic(time: SystemTime) -> String {
    let c = civil(time);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

/// `2017-02-10T12:00:00.000Z`.
pub fn extended(time: SystemTime) -> String {
    let c = civil(time);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second, c.millis
    )
}

/// Parses `20170210T120000Z`; `None` for anything else, including dates
/// that do not exist.
pub fn parse_basic(text: &str) -> Option<SystemTime> {
    let bytes = text.as_bytes();
    if bytes.len() != 16 || bytes[8] != b'T' || bytes[15] != b'Z' {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = text.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (year, month, day) = (digits(0..4)?, digits(4..6)?, digits(6..8)?);
    let (hour, minute, second) = (digits(9..11)?, digits(11..13)?, digits(13..15)?);
    if year < 1970 || !(1..=12).contains(&month) || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let days = days_from_civil(i64::from(year), month, day);
    // Rejects day 0 and days past the month's end (Feb 30 becomes Mar 2).
    if day == 0 || civil_from_days(days) != (i64::from(year), month, day) {
        return None;
    }
    let secs = days as u64 * 86_400 + u64::from(hour * 3600 + minute * 60 + second);
    Some(UNIX_EPOCH + Duration::from_secs(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        let doc = UNIX_EPOCH + Duration::from_secs(1_486_728_000);
        assert_eq!(basic(doc), "20170210T120000Z");
        assert_eq!(
            extended(doc + Duration::from_millis(221)),
            "2017-02-10T12:00:00.221Z"
        );
        assert_eq!(basic(UNIX_EPOCH), "19700101T000000Z");
        // A leap day.
        assert_eq!(
            basic(UNIX_EPOCH + Duration::from_secs(951_782_400)),
            "20000229T000000Z"
        );
        // Agrees with httpdate's own calendar.
        let now = SystemTime::now();
        let http = httpdate::fmt_http_date(now);
        let c = civil(now);
        assert!(
            http.contains(&format!("{:02}:{:02}:{:02}", c.hour, c.minute, c.second)),
            "{http}"
        );
        assert!(http.contains(&c.year.to_string()), "{http}");
    }

    #[test]
    fn parses_what_it_formats_and_nothing_else() {
        for secs in [0, 951_782_400, 1_486_728_000, 4_102_444_799] {
            let time = UNIX_EPOCH + Duration::from_secs(secs);
            assert_eq!(parse_basic(&basic(time)), Some(time));
        }
        for bad in [
            "",
            "20170210T120000",
            "2017-02-10T12:00:00Z",
            "20170230T120000Z",
            "20171310T120000Z",
            "20170210T250000Z",
            "2017021OT120000Z",
            "+0170210T120000Z",
            "19690101T000000Z",
            "20170210T12000ÿZ",
        ] {
            assert_eq!(parse_basic(bad), None, "{bad}");
        }
    }
}
