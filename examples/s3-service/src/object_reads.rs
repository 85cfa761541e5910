//! What GetObject and HeadObject send back besides the object: the
//! conditional headers' verdict (RFC 9110 section 13.2.2, as S3 applies
//! it) and the `Range` served.

use axum::http::header::{
    HeaderMap, HeaderName, IF_MATCH, IF_MODIFIED_SINCE, IF_NONE_MATCH, IF_RANGE,
    IF_UNMODIFIED_SINCE,
};
use std::time::SystemTime;

/// What the conditional headers decide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precondition {
    /// Send the object.
    Proceed,
    /// `If-None-Match` or `If-Modified-Since`: the client's copy is
    /// current, 304.
    NotModified,
    /// `If-Match` or `If-Unmodified-Since` (the header named) does not
    /// hold, 412.
    Failed(&'static str),
}

/// Evaluates the conditional headers of a read of an object whose quoted
/// entity tag is `etag`, in RFC 9110's order: `If-Match`, else
/// `If-Unmodified-Since`; then `If-None-Match`, else `If-Modified-Since`.
/// A date that does not parse is ignored, as the RFC requires.
pub fn evaluate(headers: &HeaderMap, etag: &str, last_modified: SystemTime) -> Precondition {
    if let Some(tags) = header_list(headers, &IF_MATCH) {
        if !tags_match(&tags, etag, Comparison::Strong) {
            return Precondition::Failed("If-Match");
        }
    } else if let Some(since) = header_date(headers, &IF_UNMODIFIED_SINCE) {
        if last_modified > since {
            return Precondition::Failed("If-Unmodified-Since");
        }
    }
    if let Some(tags) = header_list(headers, &IF_NONE_MATCH) {
        if tags_match(&tags, etag, Comparison::Weak) {
            return Precondition::NotModified;
        }
    } else if let Some(since) = header_date(headers, &IF_MODIFIED_SINCE) {
        if last_modified <= since {
            return Precondition::NotModified;
        }
    }
    Precondition::Proceed
}

#[derive(Clone, Copy, PartialEq)]
enum Comparison {
    /// Weak tags (`W/"..."`) match nothing: `If-Match`.
    Strong,
    /// Weak tags match by their opaque part: `If-None-Match`.
    Weak,
}

/// Whether a list of entity tags (`*`, or `"a", W/"b"`) names `etag`.
/// Tags without quotes are taken as their quoted form, as S3 takes them
/// (clients pass ETags around with and without).
fn tags_match(list: &str, etag: &str, comparison: Comparison) -> bool {
    let opaque = etag.trim_matches('"');
    list.split(',').map(str::trim).any(|tag| {
        if tag == "*" {
            return true;
        }
        let tag = match tag.strip_prefix("W/") {
            Some(_) if comparison == Comparison::Strong => return false,
            Some(weak) => weak,
            None => tag,
        };
        tag.trim_matches('"') == opaque
    })
}

/// Every value of a list-valued header, joined with commas; `None` when
/// the header is absent or none of its values is text.
fn header_list(headers: &HeaderMap, name: &HeaderName) -> Option<String> {
    let values: Vec<&str> = headers
        .get_all(name)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect();
    (!values.is_empty()).then(|| values.join(","))
}

fn header_date(headers: &HeaderMap, name: &HeaderName) -> Option<SystemTime> {
    let text = headers.get(name)?.to_str().ok()?;
    httpdate::parse_http_date(text.trim()).ok()
}

/// The part of an object a read sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// All of it, 200: no `Range`, one that is not a single byte range
    /// (RFC 9110 ignores what it cannot parse; S3 serves no multi-range
    /// requests), or an `If-Range` that no longer holds.
    Whole,
    /// Bytes `first..=last`, 206.
    Range {
        /// The first byte sent.
        first: u64,
        /// The last byte sent, within the object.
        last: u64,
    },
    /// A range that starts past the end (or any range of an empty
    /// object), 416.
    Unsatisfiable,
}

/// The part of an object of `size` bytes, with entity tag `etag` and
/// `last_modified`, that the `Range` and `If-Range` headers ask for.
pub fn requested_part(
    headers: &HeaderMap,
    size: u64,
    etag: &str,
    last_modified: SystemTime,
) -> Part {
    let Some(range) = headers
        .get(axum::http::header::RANGE)
        .and_then(|v| v.to_str().ok())
    else {
        return Part::Whole;
    };
    if let Some(validator) = headers.get(IF_RANGE).and_then(|v| v.to_str().ok()) {
        let validator = validator.trim();
        let holds = match httpdate::parse_http_date(validator) {
            Ok(date) => date == last_modified,
            Err(_) => tags_match(validator, etag, Comparison::Strong) && validator != "*",
        };
        if !holds {
            return Part::Whole;
        }
    }
    byte_range(range, size)
}

/// A single `bytes=` range of an object of `size` bytes.
pub fn byte_range(range: &str, size: u64) -> Part {
    let range = range.trim();
    let spec = match range.get(..6) {
        Some(unit) if unit.eq_ignore_ascii_case("bytes=") => &range[6..],
        _ => return Part::Whole,
    };
    let Some((first, last)) = spec.split_once('-') else {
        return Part::Whole;
    };
    let (first, last) = (first.trim(), last.trim());
    // Digits only: `parse` would also take a sign.
    let number = |text: &str| {
        text.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| text.parse::<u64>().ok())
            .flatten()
    };
    if first.is_empty() {
        // bytes=-N: the last N bytes.
        return match number(last) {
            None => Part::Whole,
            Some(0) => Part::Unsatisfiable,
            Some(_) if size == 0 => Part::Unsatisfiable,
            Some(suffix) => Part::Range {
                first: size.saturating_sub(suffix),
                last: size - 1,
            },
        };
    }
    let Some(first) = number(first) else {
        return Part::Whole;
    };
    // bytes=N- or bytes=N-M.
    let last = match last {
        "" => None,
        text => match number(text) {
            Some(last) if last >= first => Some(last),
            _ => return Part::Whole,
        },
    };
    if first >= size {
        return Part::Unsatisfiable;
    }
    Part::Range {
        first,
        last: last.map_or(size - 1, |last| last.min(size - 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use std::time::{Duration, UNIX_EPOCH};

    const ETAG: &str = "\"5d41402abc4b2a76b9719d911017c592\"";

    fn headers(pairs: &[(HeaderName, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(name.clone(), HeaderValue::from_str(value).unwrap());
        }
        map
    }

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    fn date(secs: u64) -> String {
        httpdate::fmt_http_date(at(secs))
    }

    #[test]
    fn if_none_match_and_if_modified_since() {
        let modified = at(1_000_000);
        let check = |pairs: &[(HeaderName, &str)]| evaluate(&headers(pairs), ETAG, modified);
        assert_eq!(check(&[]), Precondition::Proceed);
        assert_eq!(check(&[(IF_NONE_MATCH, ETAG)]), Precondition::NotModified);
        // Unquoted, weak, in a list, `*`, and over two header lines.
        let bare = ETAG.trim_matches('"');
        assert_eq!(check(&[(IF_NONE_MATCH, bare)]), Precondition::NotModified);
        let weak = format!("W/{ETAG}");
        assert_eq!(check(&[(IF_NONE_MATCH, &weak)]), Precondition::NotModified);
        let list = format!("\"other\", {ETAG}");
        assert_eq!(check(&[(IF_NONE_MATCH, &list)]), Precondition::NotModified);
        assert_eq!(check(&[(IF_NONE_MATCH, "*")]), Precondition::NotModified);
        assert_eq!(
            check(&[(IF_NONE_MATCH, "\"other\""), (IF_NONE_MATCH, ETAG)]),
            Precondition::NotModified
        );
        assert_eq!(
            check(&[(IF_NONE_MATCH, "\"other\"")]),
            Precondition::Proceed
        );

        assert_eq!(
            check(&[(IF_MODIFIED_SINCE, &date(1_000_000))]),
            Precondition::NotModified
        );
        assert_eq!(
            check(&[(IF_MODIFIED_SINCE, &date(999_999))]),
            Precondition::Proceed
        );
        assert_eq!(
            check(&[(IF_MODIFIED_SINCE, "not a date")]),
            Precondition::Proceed
        );
        // If-None-Match decides alone when both are sent (RFC 9110).
        assert_eq!(
            check(&[
                (IF_NONE_MATCH, "\"other\""),
                (IF_MODIFIED_SINCE, &date(2_000_000))
            ]),
            Precondition::Proceed
        );
    }

    #[test]
    fn if_match_and_if_unmodified_since() {
        let modified = at(1_000_000);
        let check = |pairs: &[(HeaderName, &str)]| evaluate(&headers(pairs), ETAG, modified);
        assert_eq!(check(&[(IF_MATCH, ETAG)]), Precondition::Proceed);
        assert_eq!(check(&[(IF_MATCH, "*")]), Precondition::Proceed);
        assert_eq!(
            check(&[(IF_MATCH, "\"other\"")]),
            Precondition::Failed("If-Match")
        );
        let weak = format!("W/{ETAG}");
        assert_eq!(
            check(&[(IF_MATCH, &weak)]),
            Precondition::Failed("If-Match")
        );
        assert_eq!(
            check(&[(IF_UNMODIFIED_SINCE, &date(999_999))]),
            Precondition::Failed("If-Unmodified-Since")
        );
        assert_eq!(
            check(&[(IF_UNMODIFIED_SINCE, &date(1_000_000))]),
            Precondition::Proceed
        );
        // If-Match decides alone when both are sent (S3 and RFC 9110).
        assert_eq!(
            check(&[(IF_MATCH, ETAG), (IF_UNMODIFIED_SINCE, &date(1))]),
            Precondition::Proceed
        );
        // A failed If-Match wins over a matching If-None-Match.
        assert_eq!(
            check(&[(IF_MATCH, "\"other\""), (IF_NONE_MATCH, ETAG)]),
            Precondition::Failed("If-Match")
        );
    }

    #[test]
    fn byte_ranges() {
        let range = |first, last| Part::Range { first, last };
        assert_eq!(byte_range("bytes=0-4", 10), range(0, 4));
        assert_eq!(byte_range("bytes=5-", 10), range(5, 9));
        assert_eq!(byte_range("bytes=5-100", 10), range(5, 9));
        assert_eq!(byte_range("bytes=-3", 10), range(7, 9));
        assert_eq!(byte_range("bytes=-30", 10), range(0, 9));
        assert_eq!(byte_range("BYTES = 1-1", 10), Part::Whole);
        assert_eq!(byte_range("Bytes=1-1", 10), range(1, 1));
        assert_eq!(byte_range("bytes=10-", 10), Part::Unsatisfiable);
        assert_eq!(byte_range("bytes=10-20", 10), Part::Unsatisfiable);
        assert_eq!(byte_range("bytes=-0", 10), Part::Unsatisfiable);
        assert_eq!(byte_range("bytes=0-", 0), Part::Unsatisfiable);
        assert_eq!(byte_range("bytes=-1", 0), Part::Unsatisfiable);
        // What is not a single byte range is ignored.
        for ignored in [
            "bytes=4-2",
            "bytes=0-1,3-4",
            "bytes=",
            "bytes=-",
            "bytes=a-b",
            "bytes=+1-2",
            "items=0-1",
            "bytes=99999999999999999999999-",
            "",
        ] {
            assert_eq!(byte_range(ignored, 10), Part::Whole, "{ignored}");
        }
    }

    #[test]
    fn if_range() {
        let modified = at(1_000_000);
        let part =
            |pairs: &[(HeaderName, &str)]| requested_part(&headers(pairs), 10, ETAG, modified);
        let range = axum::http::header::RANGE;
        assert_eq!(part(&[]), Part::Whole);
        assert_eq!(
            part(&[(range.clone(), "bytes=0-1")]),
            Part::Range { first: 0, last: 1 }
        );
        assert_eq!(
            part(&[(range.clone(), "bytes=0-1"), (IF_RANGE, ETAG)]),
            Part::Range { first: 0, last: 1 }
        );
        assert_eq!(
            part(&[(range.clone(), "bytes=0-1"), (IF_RANGE, &date(1_000_000))]),
            Part::Range { first: 0, last: 1 }
        );
        assert_eq!(
            part(&[(range.clone(), "bytes=0-1"), (IF_RANGE, "\"other\"")]),
            Part::Whole
        );
        assert_eq!(
            part(&[(range, "bytes=0-1"), (IF_RANGE, &date(999_999))]),
            Part::Whole
        );
    }
}
