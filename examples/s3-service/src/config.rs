//! The command line.

use clap::Parser;
use std::ffi::OsString;

/// `s3-service [--listen HOST:PORT] [--max-object-size SIZE]`.
#[derive(Clone, Debug, Parser, PartialEq)]
#[command(
    name = "s3-service",
    version,
    about = "A small S3-compatible object store in memory, path-style, signatures unchecked; \
             every error comes from S3's documented error table"
)]
pub struct Config {
    /// Where to listen, HOST:PORT; port 0 takes a free one (the address is
    /// printed on stdout).
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:9000")]
    pub listen: String,

    /// The largest object PutObject accepts, in bytes or with a suffix
    /// (KiB, MiB, GiB). A larger Content-Length is refused with
    /// EntityTooLarge before the body is read.
    #[arg(long, value_name = "SIZE", default_value = "16MiB", value_parser = parse_size)]
    pub max_object_size: u64,
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
            listen: "127.0.0.1:9000".to_owned(),
            max_object_size: 16 << 20,
        }
    }
}

/// A size in bytes: digits, then optionally `KiB`, `MiB` or `GiB`.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let digits_end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(digits_end);
    let shift = match unit {
        "" => 0,
        "KiB" => 10,
        "MiB" => 20,
        "GiB" => 30,
        _ => return Err(format!("unknown unit `{unit}`: use KiB, MiB or GiB")),
    };
    let number: u64 = digits
        .parse()
        .map_err(|_| format!("`{text}` is not a size in bytes"))?;
    number
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("`{text}` is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("0"), Ok(0));
        assert_eq!(parse_size("1024"), Ok(1024));
        assert_eq!(parse_size("8KiB"), Ok(8 << 10));
        assert_eq!(parse_size("16MiB"), Ok(16 << 20));
        assert_eq!(parse_size("5GiB"), Ok(5 << 30));
        assert!(parse_size("").is_err());
        assert!(parse_size("MiB").is_err());
        assert!(parse_size("1MB").is_err());
        assert!(parse_size("-1").is_err());
        assert!(parse_size("99999999999999GiB").is_err());
    }

    #[test]
    fn defaults_and_flags() {
        assert_eq!(
            Config::from_args(["s3-service"]).unwrap(),
            Config::default()
        );
        let config = Config::from_args([
            "s3-service",
            "--listen",
            "127.0.0.1:0",
            "--max-object-size",
            "1KiB",
        ])
        .unwrap();
        assert_eq!(config.listen, "127.0.0.1:0");
        assert_eq!(config.max_object_size, 1024);
        assert!(Config::from_args(["s3-service", "--max-object-size", "big"]).is_err());
    }
}
