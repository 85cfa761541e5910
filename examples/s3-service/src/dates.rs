//! The date format of S3's XML bodies: ISO 8601 with milliseconds, UTC
//! (`2009-10-12T17:50:30.000Z`). Headers use HTTP dates (`httpdate`).

use std::time::{SystemTime, UNIX_EPOCH};

/// The date of a day count since 1970-01-01, proleptic Gregorian (H.
/// Hinnant's `civil_from_days`).
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

/// `time` as S3's XML writes it; times before 1970 are clamped to it.
pub fn iso8601(time: SystemTime) -> String {
    let since = time.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = since.as_secs();
    // u64 seconds / 86 400 always fits an i64.
    let (year, month, day) = civil_from_days((secs / 86_400) as i64);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        secs % 86_400 / 3600,
        secs % 3600 / 60,
        secs % 60,
        since.subsec_millis()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn dates_as_s3_writes_them() {
        assert_eq!(iso8601(UNIX_EPOCH), "1970-01-01T00:00:00.000Z");
        // 2009-10-12T17:50:30Z, the date of S3's documented examples.
        let example = UNIX_EPOCH + Duration::from_millis(1_255_369_830_123);
        assert_eq!(iso8601(example), "2009-10-12T17:50:30.123Z");
        // A leap day, and the day after.
        let leap = UNIX_EPOCH + Duration::from_secs(1_709_164_800);
        assert_eq!(iso8601(leap), "2024-02-29T00:00:00.000Z");
        assert_eq!(
            iso8601(leap + Duration::from_secs(86_400)),
            "2024-03-01T00:00:00.000Z"
        );
        // It agrees with httpdate on the calendar.
        let some_time = UNIX_EPOCH + Duration::from_secs(4_102_444_799);
        assert_eq!(
            httpdate::fmt_http_date(some_time),
            "Thu, 31 Dec 2099 23:59:59 GMT"
        );
        assert_eq!(iso8601(some_time), "2099-12-31T23:59:59.000Z");
    }
}
