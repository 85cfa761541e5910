//! Command-line options.

use std::time::Duration;

/// The usage text of `--help`.
pub const USAGE: &str = "\
glacier-demo: a small Amazon S3 Glacier-compatible service (in memory) whose
errors all come from errtable's GlacierError, derived from spec/glacier.md.

Usage: glacier-demo [OPTIONS]

Options:
  --addr HOST:PORT            where to listen (default 127.0.0.1:3000; port 0 picks a free one)
  --access-key KEY            accept this access key id too (repeatable; AKIDEXAMPLE is always accepted)
  --expired-key KEY           a known key whose credentials have expired: ExpiredTokenException (repeatable)
  --account-id ID             the 12-digit account of every accepted key (default 012345678901)
  --region REGION             the region in ARNs and credential scopes (default us-west-2)
  --max-vaults N              vaults an account may have: LimitExceededException past it (default 1000)
  --rate-limit N/PERIOD       requests per access key, e.g. 10/1s or 2/60s: ThrottlingException past it
                              (default: no limit)
  --expedited-capacity N      expedited retrievals that may be in progress at once:
                              InsufficientCapacityException past it (default: no limit)
  --deny-retrievals           a data retrieval policy that allows none: archive retrieval and select
                              jobs fail with PolicyEnforcedException
  --job-seconds N             how long a job stays InProgress before it Succeeds (default 14400, 4 h)
  --body-timeout SECONDS      how long a request body may take to arrive: RequestTimeoutException
                              past it (default 20)
  --docs-examples             answer the seed document's example requests with its example responses,
                              byte for byte (its request ids, its pretty-printed bodies, Example 2's
                              invalid JSON, no x-amzn-ErrorType header), and skip the clock checks
                              that its 2017 requests would fail; accepts its key AKIAIOSFODNN7EXAMPLE
  --grace SECONDS             after Ctrl-C, how long open requests may take to finish (default 5)
  --fault-routes              for reliability tests only: GET /-/faults/panic panics in its handler and
                              GET /-/faults/io-error fails on an I/O error (both answer with a generic
                              ServiceUnavailableException; the details go to stderr)
  --quiet                     no access log on stderr
  -h, --help                  this text

Ctrl-C (or SIGTERM) stops the service: open requests get --grace seconds to finish, a second
Ctrl-C stops at once.
";

/// A rate limit: `requests` per `period`, refilled evenly.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RateLimit {
    /// Requests allowed in a burst, and per period.
    pub requests: u32,
    /// The period over which `requests` are refilled.
    pub period: Duration,
}

/// How the demo runs.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Where to listen, `HOST:PORT`.
    pub addr: String,
    /// Access key ids that are accepted.
    pub access_keys: Vec<String>,
    /// Access key ids that are known but expired.
    pub expired_keys: Vec<String>,
    /// The account every accepted key belongs to.
    pub account_id: String,
    /// The region of the service.
    pub region: String,
    /// How many vaults the account may have.
    pub max_vaults: usize,
    /// Requests per access key, if limited.
    pub rate_limit: Option<RateLimit>,
    /// Expedited retrievals that may be in progress at once, if limited.
    pub expedited_capacity: Option<usize>,
    /// Whether every archive retrieval is refused by policy.
    pub deny_retrievals: bool,
    /// How long a job is in progress.
    pub job_duration: Duration,
    /// How long a request body may take to arrive.
    pub body_timeout: Duration,
    /// Whether the documented example requests get the documented responses.
    pub docs_examples: bool,
    /// How long open requests may take to finish after Ctrl-C.
    pub grace: Duration,
    /// Whether to skip the access log.
    pub quiet: bool,
    /// Whether the routes that fail on purpose are served.
    pub fault_routes: bool,
}

/// The access key id of the AWS SDK test suites, always accepted.
pub const DEFAULT_ACCESS_KEY: &str = "AKIDEXAMPLE";

/// The access key id of the seed document's example requests, accepted in
/// `--docs-examples` mode.
pub const DOCS_ACCESS_KEY: &str = "AKIAIOSFODNN7EXAMPLE";

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: "127.0.0.1:3000".to_owned(),
            access_keys: vec![DEFAULT_ACCESS_KEY.to_owned()],
            expired_keys: Vec::new(),
            account_id: "012345678901".to_owned(),
            region: "us-west-2".to_owned(),
            max_vaults: 1000,
            rate_limit: None,
            expedited_capacity: None,
            deny_retrievals: false,
            job_duration: Duration::from_secs(4 * 3600),
            body_timeout: Duration::from_secs(20),
            docs_examples: false,
            grace: Duration::from_secs(5),
            quiet: false,
            fault_routes: false,
        }
    }
}

/// What the command line asks for.
#[derive(Debug, PartialEq)]
pub enum Command {
    /// Run the service.
    Run(Box<Config>),
    /// Print the usage.
    Help,
}

impl Config {
    /// Reads the options (without the program name).
    pub fn from_args<I: IntoIterator<Item = String>>(args: I) -> Result<Command, String> {
        let mut config = Config::default();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            // `--flag=value` and `--flag value` both work.
            let (flag, inline) = match arg.split_once('=') {
                Some((flag, value)) if flag.starts_with("--") => {
                    (flag.to_owned(), Some(value.to_owned()))
                }
                _ => (arg, None),
            };
            let mut value = || {
                inline
                    .clone()
                    .or_else(|| args.next())
                    .ok_or_else(|| format!("{flag} needs a value"))
            };
            match flag.as_str() {
                "-h" | "--help" => return Ok(Command::Help),
                "--addr" => config.addr = value()?,
                "--access-key" => config.access_keys.push(value()?),
                "--expired-key" => config.expired_keys.push(value()?),
                "--account-id" => {
                    let id = value()?;
                    if id.len() != 12 || !id.bytes().all(|b| b.is_ascii_digit()) {
                        return Err(format!("--account-id must be 12 digits, not `{id}`"));
                    }
                    config.account_id = id;
                }
                "--region" => config.region = value()?,
                "--max-vaults" => config.max_vaults = number(&flag, &value()?)?,
                "--rate-limit" => config.rate_limit = Some(rate_limit(&value()?)?),
                "--expedited-capacity" => {
                    config.expedited_capacity = Some(number(&flag, &value()?)?)
                }
                "--deny-retrievals" => config.deny_retrievals = true,
                "--job-seconds" => {
                    config.job_duration = Duration::from_secs(number(&flag, &value()?)?)
                }
                "--body-timeout" => {
                    config.body_timeout = Duration::from_secs(number(&flag, &value()?)?)
                }
                "--docs-examples" => config.docs_examples = true,
                "--grace" => config.grace = Duration::from_secs(number(&flag, &value()?)?),
                "--quiet" => config.quiet = true,
                "--fault-routes" => config.fault_routes = true,
                _ => return Err(format!("unknown option `{flag}` (see --help)")),
            }
        }
        if config.docs_examples && !config.access_keys.iter().any(|key| key == DOCS_ACCESS_KEY) {
            config.access_keys.push(DOCS_ACCESS_KEY.to_owned());
        }
        if let Some(key) = config
            .expired_keys
            .iter()
            .find(|key| config.access_keys.contains(key))
        {
            return Err(format!("`{key}` is both an accepted and an expired key"));
        }
        Ok(Command::Run(Box::new(config)))
    }
}

fn number<T: std::str::FromStr>(flag: &str, text: &str) -> Result<T, String> {
    text.parse()
        .map_err(|_| format!("{flag} needs a whole number, not `{text}`"))
}

/// `N/PERIOD` with PERIOD like `1s`, `60s` or `5m`.
fn rate_limit(text: &str) -> Result<RateLimit, String> {
    let bad = || format!("--rate-limit needs N/PERIOD like 10/1s or 2/60s, not `{text}`");
    let (requests, period) = text.split_once('/').ok_or_else(bad)?;
    let requests: u32 = requests.parse().map_err(|_| bad())?;
    let (amount, unit) = period.split_at(period.len().saturating_sub(1));
    let amount: u64 = amount.parse().map_err(|_| bad())?;
    let seconds = match unit {
        "s" => amount,
        "m" => amount.saturating_mul(60),
        _ => return Err(bad()),
    };
    if requests == 0 || seconds == 0 {
        return Err(bad());
    }
    Ok(RateLimit {
        requests,
        period: Duration::from_secs(seconds),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, String> {
        Config::from_args(args.iter().map(|arg| arg.to_string()))
    }

    fn run(args: &[&str]) -> Config {
        match parse(args) {
            Ok(Command::Run(config)) => *config,
            other => panic!("{args:?}: {other:?}"),
        }
    }

    #[test]
    fn defaults() {
        let config = run(&[]);
        assert_eq!(config, Config::default());
        assert_eq!(config.addr, "127.0.0.1:3000");
        assert_eq!(config.access_keys, ["AKIDEXAMPLE"]);
    }

    #[test]
    fn every_option() {
        let config = run(&[
            "--addr=127.0.0.1:0",
            "--access-key",
            "AKIDOTHER",
            "--expired-key",
            "AKIDOLD",
            "--account-id",
            "111122223333",
            "--region",
            "eu-west-1",
            "--max-vaults",
            "3",
            "--rate-limit",
            "2/5m",
            "--expedited-capacity",
            "1",
            "--deny-retrievals",
            "--job-seconds",
            "0",
            "--body-timeout",
            "1",
            "--docs-examples",
            "--grace",
            "0",
            "--quiet",
            "--fault-routes",
        ]);
        assert_eq!(config.addr, "127.0.0.1:0");
        assert_eq!(config.expired_keys, ["AKIDOLD"]);
        assert_eq!(config.account_id, "111122223333");
        assert_eq!(config.region, "eu-west-1");
        assert_eq!(config.max_vaults, 3);
        assert_eq!(
            config.rate_limit,
            Some(RateLimit {
                requests: 2,
                period: Duration::from_secs(300)
            })
        );
        assert_eq!(config.expedited_capacity, Some(1));
        assert!(config.deny_retrievals && config.docs_examples && config.quiet);
        assert!(config.fault_routes);
        assert_eq!(
            config.access_keys,
            ["AKIDEXAMPLE", "AKIDOTHER", DOCS_ACCESS_KEY]
        );
        assert_eq!(config.job_duration, Duration::ZERO);
        assert_eq!(config.body_timeout, Duration::from_secs(1));
        assert_eq!(config.grace, Duration::ZERO);
    }

    #[test]
    fn bad_options_say_what_is_wrong() {
        for (args, needle) in [
            (&["--nope"][..], "unknown option `--nope`"),
            (&["--addr"][..], "--addr needs a value"),
            (&["--account-id", "0123-4567-8901"][..], "12 digits"),
            (&["--max-vaults", "many"][..], "whole number"),
            (&["--rate-limit", "10"][..], "N/PERIOD"),
            (&["--rate-limit", "0/1s"][..], "N/PERIOD"),
            (&["--rate-limit", "1/1h"][..], "N/PERIOD"),
            (&["--expired-key", "AKIDEXAMPLE"][..], "both"),
        ] {
            let err = parse(args).unwrap_err();
            assert!(err.contains(needle), "{args:?}: {err}");
        }
        assert_eq!(parse(&["--quiet", "-h"]), Ok(Command::Help));
    }
}
