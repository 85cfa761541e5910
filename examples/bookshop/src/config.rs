//! The command line.

use clap::Parser;
use std::ffi::OsString;

/// `bookshop [--addr HOST:PORT] [--rate-limit N] [--token T]`.
#[derive(Clone, Debug, Parser, PartialEq)]
#[command(
    name = "bookshop",
    version,
    about = "A small bookshop REST API whose every error is an RFC 9457 problem \
             from errtable's error table"
)]
pub struct Config {
    /// Where to listen, HOST:PORT; port 0 takes a free one (the address is
    /// printed on stdout).
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
    pub addr: String,

    /// The most requests per second the whole server answers; more are
    /// refused with RateLimited (429). No limit by default.
    #[arg(long, value_name = "N")]
    pub rate_limit: Option<u32>,

    /// The bearer token `POST /orders` requires.
    #[arg(long, value_name = "T", default_value = "secret")]
    pub token: String,
}

impl Config {
    /// The configuration from command-line arguments (the program name
    /// first), or clap's error (`--help` and `--version` are errors that
    /// exit 0).
    pub fn from_args<I, T>(args: I) -> Result<Config, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        Config::try_parse_from(args)
    }
}

impl Default for Config {
    /// The defaults of the command line.
    fn default() -> Self {
        Config {
            addr: "127.0.0.1:8080".to_owned(),
            rate_limit: None,
            token: "secret".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_options() {
        assert_eq!(Config::from_args(["bookshop"]).unwrap(), Config::default());
        let config = Config::from_args([
            "bookshop",
            "--addr",
            "127.0.0.1:0",
            "--rate-limit",
            "5",
            "--token",
            "t",
        ])
        .unwrap();
        assert_eq!(config.addr, "127.0.0.1:0");
        assert_eq!(config.rate_limit, Some(5));
        assert_eq!(config.token, "t");
    }
}
