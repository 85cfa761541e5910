//! Command-line options, parsed with clap (`glacier-demo --help`).

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser};
use std::time::Duration;

/// The access key id of the AWS SDK test suites, always accepted.
pub const DEFAULT_ACCESS_KEY: &str = "AKIDEXAMPLE";

/// The access key id of the seed document's example requests, accepted in
/// `--docs-examples` mode.
pub const DOCS_ACCESS_KEY: &str = "AKIAIOSFODNN7EXAMPLE";

/// A rate limit: `requests` per `period`, refilled evenly.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RateLimit {
    /// Requests allowed in a burst, and per period.
    pub requests: u32,
    /// The period over which `requests` are refilled.
    pub period: Duration,
}

/// How the demo runs.
#[derive(Clone, Debug, PartialEq, Parser)]
#[command(
    name = "glacier-demo",
    about = "A small Amazon S3 Glacier-compatible service (in memory) whose errors all come \
             from errtable's GlacierError, derived from spec/glacier.md.",
    after_help = "Ctrl-C (or SIGTERM) stops the service: open requests get --grace seconds to \
                  finish, a second Ctrl-C stops at once.\n\
                  SIZE is bytes, or a number with KiB, MiB or GiB; SECONDS may have a fraction."
)]
pub struct Config {
    /// Where to listen; port 0 picks a free one.
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:3000")]
    pub addr: String,

    /// Accept this access key id too (repeatable; AKIDEXAMPLE is always accepted).
    #[arg(long = "access-key", value_name = "KEY")]
    pub access_keys: Vec<String>,

    /// A known key whose credentials have expired: ExpiredTokenException (repeatable).
    #[arg(long = "expired-key", value_name = "KEY")]
    pub expired_keys: Vec<String>,

    /// The 12-digit account of every accepted key.
    #[arg(long, value_name = "ID", default_value = "012345678901", value_parser = account_id)]
    pub account_id: String,

    /// The region in ARNs and credential scopes.
    #[arg(long, default_value = "us-west-2")]
    pub region: String,

    /// Vaults the account may have: LimitExceededException past it.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub max_vaults: usize,

    /// Bytes of archives held in memory, all vaults together: an upload past it is
    /// LimitExceededException.
    #[arg(long, value_name = "SIZE", default_value = "256MiB", value_parser = size)]
    pub archive_memory: u64,

    /// Requests per access key, e.g. 10/1s or 2/60s: ThrottlingException past it
    /// [default: no limit].
    #[arg(long, value_name = "N/PERIOD", value_parser = rate_limit)]
    pub rate_limit: Option<RateLimit>,

    /// Expedited retrievals that may be in progress at once: InsufficientCapacityException
    /// past it [default: no limit].
    #[arg(long, value_name = "N")]
    pub expedited_capacity: Option<usize>,

    /// Refuse every archive retrieval and select job with PolicyEnforcedException, whatever
    /// the data retrieval policy says.
    #[arg(long)]
    pub deny_retrievals: bool,

    /// How long a job stays InProgress before it Succeeds (14400 s is 4 h).
    #[arg(long = "job-seconds", value_name = "SECONDS", default_value = "14400", value_parser = seconds)]
    pub job_duration: Duration,

    /// The longest wait for the next part of a request body: RequestTimeoutException past it.
    #[arg(long, value_name = "SECONDS", default_value = "20", value_parser = seconds)]
    pub body_timeout: Duration,

    /// A connection that has not sent a whole request head this long after it opened, or
    /// after its last response, is closed.
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = positive_seconds)]
    pub header_timeout: Duration,

    /// A connection on which no byte has moved either way this long, while the service waits
    /// on the client (for a body, or to take a response), is closed.
    #[arg(long, value_name = "SECONDS", default_value = "60", value_parser = positive_seconds)]
    pub idle_timeout: Duration,

    /// Connections open at once; further ones wait in the listen queue until one closes.
    #[arg(long, value_name = "N", default_value_t = 4096, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: u32,

    /// Answer the seed document's example requests with its example responses, byte for
    /// byte (its request ids, pretty-printed bodies, Example 2's invalid JSON, no
    /// x-amzn-ErrorType header), skip the clock checks its 2017 requests would fail, and
    /// accept its key AKIAIOSFODNN7EXAMPLE.
    #[arg(long)]
    pub docs_examples: bool,

    /// After Ctrl-C, how long open requests may take to finish.
    #[arg(long, value_name = "SECONDS", default_value = "5", value_parser = seconds)]
    pub grace: Duration,

    /// No access log on stderr (connection summaries and internal errors are still logged).
    #[arg(long)]
    pub quiet: bool,

    /// For reliability tests only: GET /-/faults/panic panics in its handler and
    /// GET /-/faults/io-error fails on an I/O error (both answer the generic
    /// ServiceUnavailableException; the details go to stderr).
    #[arg(long)]
    pub fault_routes: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config::from_args(["glacier-demo"]).expect("the defaults parse")
    }
}

impl Config {
    /// Reads the command line (with the program name first). `--help`
    /// comes back as an error too: `err.exit()` prints it and exits 0.
    pub fn from_args<I, T>(args: I) -> Result<Config, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        let mut config = Config::try_parse_from(args)?;
        config.access_keys.insert(0, DEFAULT_ACCESS_KEY.to_owned());
        if config.docs_examples {
            config.access_keys.push(DOCS_ACCESS_KEY.to_owned());
        }
        config.access_keys.dedup();
        if let Some(key) = config
            .expired_keys
            .iter()
            .find(|key| config.access_keys.contains(key))
        {
            return Err(Config::command().error(
                ErrorKind::ArgumentConflict,
                format!("`{key}` is both an accepted and an expired key"),
            ));
        }
        Ok(config)
    }
}

fn account_id(text: &str) -> Result<String, String> {
    if text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit()) {
        Ok(text.to_owned())
    } else {
        Err("must be 12 digits, without hyphens".to_owned())
    }
}

/// Whole or fractional seconds, at most a year.
fn seconds(text: &str) -> Result<Duration, String> {
    let value: f64 = text
        .parse()
        .map_err(|_| "needs a number of seconds".to_owned())?;
    if !(0.0..=31_536_000.0).contains(&value) {
        return Err("needs a number of seconds from 0 to 31536000".to_owned());
    }
    Ok(Duration::from_secs_f64(value))
}

fn positive_seconds(text: &str) -> Result<Duration, String> {
    match seconds(text)? {
        Duration::ZERO => Err("must be more than 0".to_owned()),
        duration => Ok(duration),
    }
}

/// Bytes, or a whole number of KiB, MiB or GiB.
fn size(text: &str) -> Result<u64, String> {
    let (number, unit) = match text.find(|c: char| !c.is_ascii_digit()) {
        Some(at) => text.split_at(at),
        None => (text, ""),
    };
    let shift = match unit {
        "" => 0,
        "KiB" => 10,
        "MiB" => 20,
        "GiB" => 30,
        _ => return Err("needs bytes, or a number with KiB, MiB or GiB, like 64MiB".to_owned()),
    };
    let number: u64 = number
        .parse()
        .map_err(|_| "needs a whole number first, like 64MiB".to_owned())?;
    number
        .checked_mul(1 << shift)
        .ok_or_else(|| "is too large".to_owned())
}

/// `N/PERIOD` with PERIOD like `1s`, `60s` or `5m`.
fn rate_limit(text: &str) -> Result<RateLimit, String> {
    let bad = || "needs N/PERIOD like 10/1s or 2/60s".to_owned();
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

    fn parse(args: &[&str]) -> Result<Config, clap::Error> {
        Config::from_args(std::iter::once("glacier-demo").chain(args.iter().copied()))
    }

    fn run(args: &[&str]) -> Config {
        parse(args).unwrap_or_else(|err| panic!("{args:?}: {err}"))
    }

    #[test]
    fn defaults() {
        let config = run(&[]);
        assert_eq!(config, Config::default());
        assert_eq!(config.addr, "127.0.0.1:3000");
        assert_eq!(config.access_keys, ["AKIDEXAMPLE"]);
        assert_eq!(config.archive_memory, 256 << 20);
        assert_eq!(config.header_timeout, Duration::from_secs(10));
        assert_eq!(config.idle_timeout, Duration::from_secs(60));
        assert_eq!(config.max_connections, 4096);
        assert_eq!(config.body_timeout, Duration::from_secs(20));
        assert_eq!(config.job_duration, Duration::from_secs(14_400));
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
            "--archive-memory",
            "3MiB",
            "--rate-limit",
            "2/5m",
            "--expedited-capacity",
            "1",
            "--deny-retrievals",
            "--job-seconds",
            "0",
            "--body-timeout",
            "1",
            "--header-timeout",
            "0.5",
            "--idle-timeout",
            "7",
            "--max-connections",
            "16",
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
        assert_eq!(config.archive_memory, 3 << 20);
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
        assert_eq!(config.header_timeout, Duration::from_millis(500));
        assert_eq!(config.idle_timeout, Duration::from_secs(7));
        assert_eq!(config.max_connections, 16);
        assert_eq!(config.grace, Duration::ZERO);
    }

    #[test]
    fn bad_options_say_what_is_wrong() {
        for (args, needle) in [
            (&["--nope"][..], "unexpected argument '--nope'"),
            (&["--addr"][..], "a value is required for '--addr"),
            (&["--account-id", "0123-4567-8901"][..], "12 digits"),
            (&["--max-vaults", "many"][..], "invalid digit"),
            (&["--archive-memory", "5MB"][..], "KiB, MiB or GiB"),
            (&["--archive-memory", "99999999999GiB"][..], "too large"),
            (&["--rate-limit", "10"][..], "N/PERIOD"),
            (&["--rate-limit", "0/1s"][..], "N/PERIOD"),
            (&["--rate-limit", "1/1h"][..], "N/PERIOD"),
            (&["--header-timeout", "0"][..], "more than 0"),
            (&["--body-timeout=-1"][..], "from 0 to"),
            (&["--grace", "NaN"][..], "from 0 to"),
            (&["--max-connections", "0"][..], "0 is not in 1.."),
            (&["--expired-key", "AKIDEXAMPLE"][..], "both"),
        ] {
            let err = parse(args).unwrap_err().to_string();
            assert!(err.contains(needle), "{args:?}: {err}");
        }
        let help = parse(&["--quiet", "-h"]).unwrap_err();
        assert_eq!(help.kind(), ErrorKind::DisplayHelp);
        assert!(help.to_string().contains("--archive-memory <SIZE>"));
    }
}
