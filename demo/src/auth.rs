//! Who is calling: the `Authorization: AWS4-HMAC-SHA256 Credential=...`
//! header, checked as AWS checks it, except that the signature itself is
//! not verified (any secret key works).

use crate::aws_dates;
use crate::config::Config;
use crate::errors;
use crate::GlacierError;
use axum::http::header::{AUTHORIZATION, DATE};
use axum::http::HeaderMap;
use std::time::{Duration, SystemTime};

/// How far a request's date may be from the service's clock, as AWS allows.
pub const MAX_CLOCK_SKEW: Duration = Duration::from_secs(15 * 60);

/// The access key id of an authenticated request, or the error AWS sends.
/// `check_dates` is off in `--docs-examples` mode: the documented requests
/// are dated 2017 with a 2014 credential scope.
pub fn authenticate(
    headers: &HeaderMap,
    config: &Config,
    now: SystemTime,
    check_dates: bool,
) -> Result<String, GlacierError> {
    let Some(header) = headers.get(AUTHORIZATION) else {
        return Err(errors::missing_authentication_token());
    };
    let header = header
        .to_str()
        .map_err(|_| errors::authorization_not_ascii())?;
    let Some(fields) = header.strip_prefix("AWS4-HMAC-SHA256 ") else {
        let scheme = header.split(' ').next().unwrap_or_default();
        return Err(errors::unsupported_authorization(scheme));
    };

    let (mut credential, mut signed_headers, mut signature) = (None, None, None);
    for field in fields.split(',') {
        match field.trim().split_once('=') {
            Some(("Credential", value)) => credential = Some(value),
            Some(("SignedHeaders", value)) => signed_headers = Some(value),
            Some(("Signature", value)) => signature = Some(value),
            _ => {}
        }
    }
    let (Some(credential), Some(_), Some(signature)) = (credential, signed_headers, signature)
    else {
        let missing: Vec<&str> = [
            ("Credential", credential),
            ("Signature", signature),
            ("SignedHeaders", signed_headers),
        ]
        .iter()
        .filter(|(_, value)| value.is_none())
        .map(|(name, _)| *name)
        .collect();
        return Err(errors::authorization_parameters_missing(&missing, header));
    };

    let scope: Vec<&str> = credential.split('/').collect();
    let [access_key, scope_date, region, service, terminator] = scope[..] else {
        return Err(errors::malformed_credential(credential));
    };
    if config.expired_keys.iter().any(|key| key == access_key) {
        return Err(errors::expired_token());
    }
    if !config.access_keys.iter().any(|key| key == access_key) {
        return Err(errors::unrecognized_client());
    }
    if region != config.region {
        return Err(errors::credential_region(region, &config.region));
    }
    if service != "glacier" {
        return Err(errors::credential_service(service));
    }
    if terminator != "aws4_request" {
        return Err(errors::credential_terminator(terminator));
    }
    if signature.len() != 64 || !signature.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(errors::signature_mismatch());
    }
    if check_dates {
        check_date(headers, scope_date, now)?;
    }
    Ok(access_key.to_owned())
}

/// The request's `x-amz-date` (or `Date`) against the credential scope and
/// the clock, with AWS's messages.
fn check_date(headers: &HeaderMap, scope_date: &str, now: SystemTime) -> Result<(), GlacierError> {
    let raw = headers
        .get("x-amz-date")
        .or_else(|| headers.get(DATE))
        .ok_or_else(errors::date_missing)?;
    let raw = raw.to_str().unwrap_or_default().trim();
    let sent = aws_dates::parse_basic(raw)
        .or_else(|| httpdate::parse_http_date(raw).ok())
        .ok_or_else(|| errors::date_malformed(raw))?;
    let sent_basic = aws_dates::basic(sent);
    if scope_date != &sent_basic[..8] {
        return Err(errors::scope_date_mismatch(scope_date, &sent_basic));
    }
    if sent + MAX_CLOCK_SKEW < now {
        return Err(errors::signature_expired(
            &sent_basic,
            &aws_dates::basic(now - MAX_CLOCK_SKEW),
            &aws_dates::basic(now),
        ));
    }
    if sent > now + MAX_CLOCK_SKEW {
        return Err(errors::signature_not_yet_current(
            &sent_basic,
            &aws_dates::basic(now + MAX_CLOCK_SKEW),
            &aws_dates::basic(now),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use std::time::UNIX_EPOCH;

    const SIGNATURE: &str = "9257c16da6b25a715ce900a5b45b03da0447acf430195dcb540091b12966f2a2";

    fn now() -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_486_728_000) // 20170210T120000Z
    }

    fn request(authorization: Option<&str>, date: Option<&str>) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Some(value) = authorization {
            headers.insert(AUTHORIZATION, HeaderValue::from_str(value).unwrap());
        }
        if let Some(value) = date {
            headers.insert("x-amz-date", HeaderValue::from_str(value).unwrap());
        }
        headers
    }

    fn signed(credential: &str) -> String {
        format!(
            "AWS4-HMAC-SHA256 Credential={credential}, SignedHeaders=host;x-amz-date, Signature={SIGNATURE}"
        )
    }

    fn check(authorization: Option<&str>, date: Option<&str>) -> Result<String, GlacierError> {
        let config = Config {
            expired_keys: vec!["AKIDOLD".into()],
            ..Config::default()
        };
        authenticate(&request(authorization, date), &config, now(), true)
    }

    fn code(result: Result<String, GlacierError>) -> (String, String) {
        let err = result.unwrap_err();
        (err.code().to_owned(), err.message().to_owned())
    }

    #[test]
    fn accepts_a_signed_request_of_a_known_key() {
        let auth = signed("AKIDEXAMPLE/20170210/us-west-2/glacier/aws4_request");
        assert_eq!(
            check(Some(&auth), Some("20170210T120500Z")).unwrap(),
            "AKIDEXAMPLE"
        );
        // The docs' own request: `Date` in basic format, no x-amz-date.
        let mut headers = request(Some(&auth), None);
        headers.insert(DATE, HeaderValue::from_static("20170210T120000Z"));
        assert!(authenticate(&headers, &Config::default(), now(), true).is_ok());
        headers.insert(
            DATE,
            HeaderValue::from_static("Fri, 10 Feb 2017 11:50:00 GMT"),
        );
        assert!(authenticate(&headers, &Config::default(), now(), true).is_ok());
    }

    #[test]
    fn each_failure_has_its_code() {
        let date = Some("20170210T120000Z");
        let scope = |credential: &str| signed(credential);
        let cases: Vec<(Option<String>, Option<&str>, &str, &str)> = vec![
            (None, date, "MissingAuthenticationTokenException", "Missing Authentication Token"),
            (Some("Basic dXNlcjpwYXNz".into()), date, "InvalidSignatureException", "Unsupported"),
            (
                Some("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20170210/us-west-2/glacier/aws4_request".into()),
                date,
                "InvalidSignatureException",
                "requires 'Signature' parameter. Authorization header requires 'SignedHeaders'",
            ),
            (Some(scope("AKIDEXAMPLE/20170210/us-west-2")), date, "InvalidSignatureException", "Credential should be"),
            (
                Some(scope("AKIDNOPE/20170210/us-west-2/glacier/aws4_request")),
                date,
                "UnrecognizedClientException",
                "The security token included in the request is invalid.",
            ),
            (
                Some(scope("AKIDOLD/20170210/us-west-2/glacier/aws4_request")),
                date,
                "ExpiredTokenException",
                "expired",
            ),
            (Some(scope("AKIDEXAMPLE/20170210/eu-west-1/glacier/aws4_request")), date, "InvalidSignatureException", "valid region, not 'eu-west-1'"),
            (Some(scope("AKIDEXAMPLE/20170210/us-west-2/s3/aws4_request")), date, "InvalidSignatureException", "correct service"),
            (Some(scope("AKIDEXAMPLE/20170210/us-west-2/glacier/aws5")), date, "InvalidSignatureException", "terminator"),
            (
                Some("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20170210/us-west-2/glacier/aws4_request, SignedHeaders=host, Signature=xyz".into()),
                date,
                "InvalidSignatureException",
                "does not match the signature you provided",
            ),
            (Some(scope("AKIDEXAMPLE/20170210/us-west-2/glacier/aws4_request")), None, "InvalidSignatureException", "'X-Amz-Date' or a 'Date'"),
            (Some(scope("AKIDEXAMPLE/20170210/us-west-2/glacier/aws4_request")), Some("yesterday"), "InvalidSignatureException", "Got 'yesterday'"),
            (
                Some(scope("AKIDEXAMPLE/20141123/us-west-2/glacier/aws4_request")),
                date,
                "InvalidSignatureException",
                "'20141123' != '20170210', from '20170210T120000Z'",
            ),
            (
                Some(scope("AKIDEXAMPLE/20170210/us-west-2/glacier/aws4_request")),
                Some("20170210T114459Z"),
                "InvalidSignatureException",
                "Signature expired: 20170210T114459Z is now earlier than 20170210T114500Z (20170210T120000Z - 15 min.)",
            ),
            (
                Some(scope("AKIDEXAMPLE/20170210/us-west-2/glacier/aws4_request")),
                Some("20170210T121501Z"),
                "InvalidSignatureException",
                "Signature not yet current",
            ),
        ];
        for (authorization, date, expected_code, needle) in cases {
            let (code, message) = code(check(authorization.as_deref(), date));
            assert_eq!(code, expected_code, "{authorization:?} {date:?}: {message}");
            assert!(message.contains(needle), "{authorization:?}: {message}");
        }
    }

    #[test]
    fn docs_mode_skips_the_date_checks_only() {
        let auth = signed("AKIDEXAMPLE/20141123/us-west-2/glacier/aws4_request");
        let headers = request(Some(&auth), Some("20170210T120000Z"));
        let config = Config::default();
        let later = now() + Duration::from_secs(10 * 365 * 86_400);
        assert!(authenticate(&headers, &config, later, false).is_ok());
        assert!(authenticate(&headers, &config, later, true).is_err());
        let unknown = signed("AKIDNOPE/20141123/us-west-2/glacier/aws4_request");
        assert!(authenticate(&request(Some(&unknown), None), &config, later, false).is_err());
    }
}
