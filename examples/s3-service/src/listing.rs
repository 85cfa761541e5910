//! ListObjects (v1) and ListObjectsV2: which keys a page holds, and its
//! `ListBucketResult` document.

use crate::dates::iso8601;
use crate::errors;
use crate::router::QueryParameters;
use crate::store::Object;
use crate::xml::XmlDocument;
use crate::S3Error;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::collections::BTreeMap;
use std::ops::Bound;

/// The most keys one page holds, whatever `max-keys` asks.
pub const MAX_KEYS: usize = 1000;

/// What a listing asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListingRequest {
    /// Only keys that start with it.
    pub prefix: String,
    /// Keys that have it after the prefix are rolled up into one common
    /// prefix, up to and including it; empty for none.
    pub delimiter: String,
    /// Only keys after it: the marker, continuation token or start-after.
    pub after: Option<String>,
    /// At most this many keys and common prefixes.
    pub max_keys: usize,
}

/// One page of a listing.
#[derive(Debug)]
pub struct Page<'a> {
    /// The keys listed, in order.
    pub contents: Vec<(&'a str, &'a Object)>,
    /// The common prefixes, in order.
    pub common_prefixes: Vec<String>,
    /// Whether keys were left for another page.
    pub truncated: bool,
    /// The last key or common prefix listed: where the next page starts.
    pub last: Option<String>,
}

/// The page of `objects` that `request` asks for. A next page that starts
/// after a common prefix skips every key under it.
pub fn page<'a>(objects: &'a BTreeMap<String, Object>, request: &ListingRequest) -> Page<'a> {
    let mut page = Page {
        contents: Vec::new(),
        common_prefixes: Vec::new(),
        truncated: false,
        last: None,
    };
    let start = match &request.after {
        Some(after) => Bound::Excluded(after.as_str()),
        None => Bound::Unbounded,
    };
    let keys = objects
        .range::<str, _>((start, Bound::Unbounded))
        .filter(|(key, _)| key.starts_with(&request.prefix));
    for (key, object) in keys {
        let common_prefix = (!request.delimiter.is_empty())
            .then(|| {
                let rest = &key[request.prefix.len()..];
                rest.find(&request.delimiter)
                    .map(|at| &key[..request.prefix.len() + at + request.delimiter.len()])
            })
            .flatten();
        // Keys under one common prefix sort together: after the first, the
        // rest add nothing. Nor do those under the one a page ended on.
        if let Some(prefix) = common_prefix {
            if page.common_prefixes.last().map(String::as_str) == Some(prefix)
                || request.after.as_deref() == Some(prefix)
            {
                continue;
            }
        }
        if page.contents.len() + page.common_prefixes.len() == request.max_keys {
            page.truncated = true;
            break;
        }
        match common_prefix {
            Some(prefix) => page.common_prefixes.push(prefix.to_owned()),
            None => page.contents.push((key.as_str(), object)),
        }
    }
    let last_key = page.contents.last().map(|(key, _)| *key);
    let last_prefix = page.common_prefixes.last().map(String::as_str);
    page.last = last_key.max(last_prefix).map(str::to_owned);
    page
}

/// What percent-encoding leaves as it is in `encoding-type=url` listings:
/// the unreserved characters and `/`. botocore decodes with
/// `unquote_plus`, so `+` and space must be encoded.
const URL_ENCODED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// How names are written in a listing: as they are, or percent-encoded
/// (`encoding-type=url`, which boto3 always asks for).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NameEncoding {
    Plain,
    Url,
}

impl NameEncoding {
    fn from_query(query: &QueryParameters) -> Result<NameEncoding, S3Error> {
        match query.get("encoding-type") {
            None => Ok(NameEncoding::Plain),
            Some(value) if value.eq_ignore_ascii_case("url") => Ok(NameEncoding::Url),
            Some(other) => Err(errors::invalid_argument(
                "Invalid Encoding Method specified in Request",
                "encoding-type",
                other,
            )),
        }
    }

    fn write<'a>(self, name: &'a str) -> std::borrow::Cow<'a, str> {
        match self {
            NameEncoding::Plain => name.into(),
            NameEncoding::Url => utf8_percent_encode(name, URL_ENCODED).into(),
        }
    }
}

/// `max-keys`, capped at [`MAX_KEYS`].
fn max_keys(query: &QueryParameters) -> Result<usize, S3Error> {
    match query.get("max-keys") {
        None => Ok(MAX_KEYS),
        Some(text) => text
            .parse::<u32>()
            .map(|n| (n as usize).min(MAX_KEYS))
            .map_err(|_| {
                errors::invalid_argument(
                    "Provided max-keys not an integer or within integer range",
                    "max-keys",
                    text,
                )
            }),
    }
}

/// A continuation token: the hex of the key or common prefix a page ended
/// on. Opaque to clients, as S3's are.
fn continuation_token(last: &str) -> String {
    last.bytes().map(|byte| format!("{byte:02x}")).collect()
}

/// The key or common prefix a continuation token names.
fn read_continuation_token(token: &str) -> Result<String, S3Error> {
    let incorrect = || {
        errors::invalid_argument(
            "The continuation token provided is incorrect",
            "continuation-token",
            token,
        )
    };
    if !token.len().is_multiple_of(2) || !token.is_ascii() {
        return Err(incorrect());
    }
    let bytes = (0..token.len())
        .step_by(2)
        .map(|at| u8::from_str_radix(&token[at..at + 2], 16))
        .collect::<Result<Vec<u8>, _>>()
        .map_err(|_| incorrect())?;
    String::from_utf8(bytes).map_err(|_| incorrect())
}

/// The `ListBucketResult` of ListObjectsV2 (`?list-type=2`) on `bucket`.
pub fn list_objects_v2(
    bucket: &str,
    objects: &BTreeMap<String, Object>,
    query: &QueryParameters,
) -> Result<Vec<u8>, S3Error> {
    let encoding = NameEncoding::from_query(query)?;
    let token = query.get("continuation-token");
    let start_after = query.get("start-after");
    let after = match token {
        Some(token) => Some(read_continuation_token(token)?),
        None => start_after.map(str::to_owned),
    };
    let request = ListingRequest {
        prefix: query.get("prefix").unwrap_or_default().to_owned(),
        delimiter: query.get("delimiter").unwrap_or_default().to_owned(),
        after,
        max_keys: max_keys(query)?,
    };
    let page = page(objects, &request);

    let mut xml = XmlDocument::new("ListBucketResult");
    xml.element("Name", bucket);
    xml.element("Prefix", &encoding.write(&request.prefix));
    if !request.delimiter.is_empty() {
        xml.element("Delimiter", &encoding.write(&request.delimiter));
    }
    xml.element("MaxKeys", &request.max_keys.to_string());
    if encoding == NameEncoding::Url {
        xml.element("EncodingType", "url");
    }
    let key_count = page.contents.len() + page.common_prefixes.len();
    xml.element("KeyCount", &key_count.to_string());
    xml.element("IsTruncated", bool_text(page.truncated));
    if let Some(token) = token {
        xml.element("ContinuationToken", token);
    }
    if let (true, Some(last)) = (page.truncated, &page.last) {
        xml.element("NextContinuationToken", &continuation_token(last));
    }
    if let Some(start_after) = start_after {
        xml.element("StartAfter", &encoding.write(start_after));
    }
    write_entries(&mut xml, &page, encoding);
    Ok(xml.finish())
}

/// The `ListBucketResult` of ListObjects (v1) on `bucket`.
pub fn list_objects_v1(
    bucket: &str,
    objects: &BTreeMap<String, Object>,
    query: &QueryParameters,
) -> Result<Vec<u8>, S3Error> {
    let encoding = NameEncoding::from_query(query)?;
    let marker = query.get("marker").unwrap_or_default();
    let request = ListingRequest {
        prefix: query.get("prefix").unwrap_or_default().to_owned(),
        delimiter: query.get("delimiter").unwrap_or_default().to_owned(),
        after: (!marker.is_empty()).then(|| marker.to_owned()),
        max_keys: max_keys(query)?,
    };
    let page = page(objects, &request);

    let mut xml = XmlDocument::new("ListBucketResult");
    xml.element("Name", bucket);
    xml.element("Prefix", &encoding.write(&request.prefix));
    xml.element("Marker", &encoding.write(marker));
    // S3 sends NextMarker only with a delimiter; without one, clients
    // continue from the last key.
    if let (true, false, Some(last)) = (page.truncated, request.delimiter.is_empty(), &page.last) {
        xml.element("NextMarker", &encoding.write(last));
    }
    xml.element("MaxKeys", &request.max_keys.to_string());
    if !request.delimiter.is_empty() {
        xml.element("Delimiter", &encoding.write(&request.delimiter));
    }
    xml.element("IsTruncated", bool_text(page.truncated));
    if encoding == NameEncoding::Url {
        xml.element("EncodingType", "url");
    }
    write_entries(&mut xml, &page, encoding);
    Ok(xml.finish())
}

fn bool_text(value: bool) -> &'static str {
    if value {
        "true"
    } else {
        "false"
    }
}

fn write_entries(xml: &mut XmlDocument, page: &Page<'_>, encoding: NameEncoding) {
    for (key, object) in &page.contents {
        xml.open("Contents");
        xml.element("Key", &encoding.write(key));
        xml.element("LastModified", &iso8601(object.last_modified));
        xml.element("ETag", &object.etag);
        xml.element("Size", &object.size().to_string());
        xml.element("StorageClass", "STANDARD");
        xml.close("Contents");
    }
    for prefix in &page.common_prefixes {
        xml.open("CommonPrefixes");
        xml.element("Prefix", &encoding.write(prefix));
        xml.close("CommonPrefixes");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Bytes;

    fn objects(keys: &[&str]) -> BTreeMap<String, Object> {
        keys.iter()
            .map(|key| {
                let object = Object::new(Bytes::from_static(b"x"), None, Vec::new());
                ((*key).to_owned(), object)
            })
            .collect()
    }

    fn names<'a>(page: &'a Page<'_>) -> (Vec<&'a str>, Vec<&'a str>) {
        (
            page.contents.iter().map(|(key, _)| *key).collect(),
            page.common_prefixes.iter().map(String::as_str).collect(),
        )
    }

    fn request(
        prefix: &str,
        delimiter: &str,
        after: Option<&str>,
        max_keys: usize,
    ) -> ListingRequest {
        ListingRequest {
            prefix: prefix.to_owned(),
            delimiter: delimiter.to_owned(),
            after: after.map(str::to_owned),
            max_keys,
        }
    }

    #[test]
    fn prefixes_and_delimiters() {
        let objects = objects(&[
            "a.txt",
            "photos/2024/1.jpg",
            "photos/2024/2.jpg",
            "photos/x.jpg",
            "z",
        ]);
        let all = page(&objects, &request("", "", None, 1000));
        assert_eq!(names(&all).0.len(), 5);
        assert!(!all.truncated);

        let top = page(&objects, &request("", "/", None, 1000));
        assert_eq!(names(&top), (vec!["a.txt", "z"], vec!["photos/"]));

        let photos = page(&objects, &request("photos/", "/", None, 1000));
        assert_eq!(names(&photos), (vec!["photos/x.jpg"], vec!["photos/2024/"]));

        let none = page(&objects, &request("nothing/", "/", None, 1000));
        assert_eq!(names(&none), (vec![], vec![]));
        assert_eq!(none.last, None);
    }

    #[test]
    fn pages_follow_each_other_without_repeats() {
        let objects = objects(&["a", "b/1", "b/2", "b/3", "c", "d/1", "e"]);
        let mut seen = Vec::new();
        let mut after = None;
        loop {
            let page = page(&objects, &request("", "/", after.as_deref(), 2));
            let (keys, prefixes) = names(&page);
            assert!(keys.len() + prefixes.len() <= 2);
            seen.extend(keys.iter().map(|k| k.to_string()));
            seen.extend(prefixes.iter().map(|p| p.to_string()));
            if !page.truncated {
                break;
            }
            after = page.last.clone();
        }
        seen.sort();
        assert_eq!(seen, ["a", "b/", "c", "d/", "e"]);
    }

    #[test]
    fn a_full_last_page_is_not_truncated() {
        let objects = objects(&["a", "b"]);
        let page = page(&objects, &request("", "", None, 2));
        assert!(!page.truncated);
        assert_eq!(page.last.as_deref(), Some("b"));
        let empty = super::page(&objects, &request("", "", None, 0));
        assert_eq!(names(&empty), (vec![], vec![]));
        assert!(empty.truncated);
    }

    #[test]
    fn continuation_tokens_round_trip() {
        for key in ["", "a", "photos/ü 1+2.jpg"] {
            assert_eq!(
                read_continuation_token(&continuation_token(key)).unwrap(),
                key
            );
        }
        for bad in ["a", "zz", "ü1", "ff"] {
            assert!(read_continuation_token(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn url_encoding_is_what_unquote_plus_reverses() {
        assert_eq!(
            NameEncoding::Url.write("dir/a b+c%d~é.txt"),
            "dir/a%20b%2Bc%25d~%C3%A9.txt"
        );
        assert_eq!(NameEncoding::Plain.write("a b"), "a b");
    }
}
