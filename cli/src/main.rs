//! `errtable`: tooling for people who write error-table specs. Every
//! command reads specs with `errtable-codegen`, the code behind
//! `#[derive(ErrorTable)]`, so the tool and the derive cannot disagree about
//! what a spec means.

// A binary, not a library: the workspace's `missing_docs` is for the
// library crates, and here a doc comment on a clap type becomes its help.
#![allow(missing_docs)]

mod check;
mod convert;
mod diff;
mod expand;
mod load;

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::process::ExitCode;

/// Exit statuses, shared by `--help` and cli/README.md.
const EXIT_STATUS: &str = "\
Exit status:
  0  success: no problems (check), no breaking change (diff), output written (expand, convert)
  1  check found problems, diff found a breaking change, or expand/convert was given a spec with problems
  2  usage error, a file that cannot be read or written, or a diff input with problems";

#[derive(Parser)]
#[command(
    name = "errtable",
    version,
    about = "Check, expand, diff and convert error-table specs",
    long_about = "Check, expand, diff and convert error-table specs.\n\n\
        Specs are Markdown documents with `Code | HTTP Status Code | Type` tables, JSON files \
        (`.json`) of the form {\"errors\": [{\"code\", \"status\", \"type\", \"description\", \"retryable\"}]}, \
        or service models (`.json`): Smithy JSON AST models and botocore service-2.json models. \
        Every command reads them with the parser #[derive(ErrorTable)] uses, so a spec this tool \
        accepts is a spec the derive accepts. Paths are relative to the current directory; check, \
        diff and convert also read a spec as git has it at a revision (REV:PATH, as `git show` \
        takes it) and from standard input (-).",
    after_help = EXIT_STATUS,
    propagate_version = true,
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate specs and report every problem as <file:line:col>
    #[command(
        long_about = "Validate specs and report every problem as `file:line:col: message`, then one \
            summary line per file (for a service model, with its operations and protocol). Each \
            file is checked on its own unless --together is given. Problems go to standard output; \
            files that cannot be read are reported on standard error. A model that speaks no \
            protocol errtable speaks gets a note: the derive needs `protocol = \"...\"` for it.",
        after_help = "Exit status: 0 no problems, 1 problems found, 2 a file could not be read or bad usage."
    )]
    Check(CheckArgs),
    /// Print the Rust code #[derive(ErrorTable)] generates for a spec
    #[command(
        long_about = "Print the Rust code #[derive(ErrorTable)] generates for a spec, formatted with \
            prettyplease. The code is the derive's own expansion of\n\n    \
            #[derive(ErrorTable)]\n    #[error_table(spec = \"SPEC\")]\n    pub struct NAME;\n\n\
            for a crate whose Cargo.toml is in the current directory (for an absolute SPEC, in the \
            spec's directory). The include_bytes! at the end, which makes Cargo rebuild when the \
            spec changes, names the spec's absolute path.",
        after_help = "Exit status: 0 code printed, 1 the spec has problems (listed on standard error), \
            2 the spec could not be read or bad usage."
    )]
    Expand(ExpandArgs),
    /// Show what changes for clients between two versions of a spec
    #[command(
        long_about = "Show what changes for clients between two versions of a spec. Codes are matched \
            by their wire code. Each change is marked breaking or not:\n\n  \
            removed      breaking: the code is no longer known, its variant is gone\n  \
            added        not breaking: old clients read it as an unknown code, and the enum is \
            #[non_exhaustive] (breaking with --exhaustive, for tables derived with `exhaustive`)\n  \
            status       breaking: responses carry another HTTP status\n  \
            type         breaking: the body's \"type\" (Client/Server) changes\n  \
            code         breaking: the wire code changed, the Rust variant name stayed\n  \
            renamed      breaking: a code and its variant disappear and another with the same \
            status, type and description appears (reported as a probable rename)\n  \
            retry        not breaking: clients retry the error differently\n  \
            description  not breaking: documentation only",
        after_help = "Exit status: 0 no breaking change, 1 breaking changes, 2 a spec could not be \
            read or has problems, or bad usage."
    )]
    Diff(DiffArgs),
    /// Convert a spec between Markdown and JSON, or a service model into either, without losing anything
    #[command(
        long_about = "Convert a spec between Markdown and JSON, or a service model (Smithy JSON AST, \
            botocore service-2.json) into either: its error shapes as rows, or with --operation the \
            errors one operation returns. Every row keeps its code, status, \
            type, description, retry class and query code exactly: the output is read back with the derive's \
            parser before it is written, and a spec that one format cannot hold exactly (a \
            description with a line break or repeated spaces, which Markdown tables collapse) is \
            refused rather than changed. Only the table is converted: the prose around a Markdown \
            table is not part of the spec.",
        after_help = "Exit status: 0 written, 1 the spec has problems or cannot be converted exactly, \
            2 a file could not be read or written, or bad usage."
    )]
    Convert(ConvertArgs),
}

#[derive(Args)]
pub struct CheckArgs {
    /// Spec files (.json is JSON, a table or a service model; anything else Markdown), REV:PATH for a file as git has it at a revision, or - for standard input
    #[arg(required = true, value_name = "SPEC")]
    specs: Vec<String>,
    /// The format of a spec read from standard input or git [default: JSON for text that starts with `{` (stdin) or a .json PATH (git), else Markdown]
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<SpecFormat>,
    /// Check the files as one table, as `spec = ["a.md", "b.json"]` does: codes and variant names must then be unique across them
    #[arg(long)]
    together: bool,
    /// The name of the variant for codes not in the table (the attribute's `unknown = "..."`); a code that would get this name is a problem
    #[arg(long, value_name = "NAME", default_value = "Unknown")]
    unknown: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Args)]
pub struct ExpandArgs {
    /// The spec file
    #[arg(value_name = "SPEC")]
    spec: String,
    /// The marker struct's name [default: the spec's file name in `UpperCamelCase`, e.g. glacier-model.json -> `GlacierModel`]
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    /// The enum's name (the attribute's `exception = "..."`) [default: NAME + Exception]
    #[arg(long, value_name = "NAME")]
    exception: Option<String>,
    /// The `ServiceError` alias's name (the attribute's `error = "..."`) [default: NAME + Error]
    #[arg(long, value_name = "NAME")]
    error: Option<String>,
    /// The variant for codes not in the table (the attribute's `unknown = "..."`) [default: Unknown]
    #[arg(long, value_name = "NAME")]
    unknown: Option<String>,
    /// Expand only the errors this operation of a service model returns (the attribute's `operation = "..."`)
    #[arg(long, value_name = "NAME")]
    operation: Option<String>,
}

#[derive(Args)]
pub struct DiffArgs {
    /// The spec before the edit: a file, REV:PATH (e.g. HEAD~1:spec/glacier.md), or - for standard input
    #[arg(value_name = "OLD")]
    old: String,
    /// The spec after the edit: a file, REV:PATH, or -
    #[arg(value_name = "NEW")]
    new: String,
    /// The format of a spec read from standard input or git [default: JSON for text that starts with `{` (stdin) or a .json PATH (git), else Markdown]
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<SpecFormat>,
    /// The enum is derived with `exhaustive` (no `#[non_exhaustive]`): an added code is then breaking too
    #[arg(long)]
    exhaustive: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Args)]
pub struct ConvertArgs {
    /// The spec to convert: a file (a table or a service model), REV:PATH, or - for standard input
    #[arg(value_name = "SPEC")]
    spec: String,
    /// The format to write
    #[arg(long, value_enum, value_name = "FORMAT")]
    to: SpecFormat,
    /// The format of a spec read from standard input or git [default: JSON for text that starts with `{` (stdin) or a .json PATH (git), else Markdown]
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<SpecFormat>,
    /// Convert only the errors this operation of a service model returns
    #[arg(long, value_name = "NAME")]
    operation: Option<String>,
    /// Write to this file instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<std::path::PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Lines for people
    Human,
    /// One JSON document (schema in cli/README.md)
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SpecFormat {
    /// {"errors": [...]}
    Json,
    /// A GitHub-flavoured Markdown table
    #[value(alias = "md")]
    Markdown,
}

/// What a command prints and the status it exits with.
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub status: u8,
}

impl Outcome {
    #[must_use]
    pub fn ok(stdout: String) -> Outcome {
        Outcome {
            stdout,
            stderr: String::new(),
            status: 0,
        }
    }
}

/// A command that could not do its job: the message and the exit status.
#[derive(Debug)]
pub struct Failure {
    pub status: u8,
    /// Complete lines, ready for standard error.
    pub stderr: String,
}

impl Failure {
    /// Bad usage or an environment problem (exit status 2).
    pub fn usage(message: impl std::fmt::Display) -> Failure {
        Failure {
            status: 2,
            stderr: format!("errtable: error: {message}\n"),
        }
    }

    /// A file that cannot be read or written (exit status 2).
    pub fn io(message: impl std::fmt::Display) -> Failure {
        Failure::usage(message)
    }

    /// A spec whose content stops the command (exit status 1).
    pub fn spec(message: impl std::fmt::Display) -> Failure {
        Failure {
            status: 1,
            stderr: format!("errtable: error: {message}\n"),
        }
    }
}

impl From<Failure> for Outcome {
    fn from(failure: Failure) -> Outcome {
        Outcome {
            stdout: String::new(),
            stderr: failure.stderr,
            status: failure.status,
        }
    }
}

fn main() -> ExitCode {
    // clap prints usage errors itself and exits with status 2, `--help`
    // and `--version` with 0.
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Expand(args) => expand::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Convert(args) => convert::run(&args),
    }
    .unwrap_or_else(Outcome::from);
    let mut status = outcome.status;
    if let Err(err) = write_all(&mut std::io::stdout().lock(), &outcome.stdout) {
        let _ = write_all(
            &mut std::io::stderr().lock(),
            &format!("errtable: error: cannot write to standard output: {err}\n"),
        );
        status = 2;
    }
    // Nothing useful is left to do if standard error itself is gone.
    let _ = write_all(&mut std::io::stderr().lock(), &outcome.stderr);
    ExitCode::from(status)
}

/// Writes `text`; a reader that went away (`errtable expand x | head`) is
/// not an error worth reporting.
fn write_all(out: &mut impl Write, text: &str) -> std::io::Result<()> {
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
