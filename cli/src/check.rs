//! `errtable check`: every problem of every spec, as the derive would
//! report them, for people and for CI.

use crate::load::{self, plural};
use crate::{CheckArgs, Failure, Format, Outcome};
use errtable_codegen::{Problem, SpecPath};
use serde::Serialize;

/// The `--format json` document (schema in the README).
#[derive(Serialize)]
struct Report {
    ok: bool,
    files: Vec<FileReport>,
    summary: Summary,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    codes: usize,
    problems: usize,
    unreadable: usize,
}

#[derive(Serialize)]
struct FileReport {
    file: String,
    /// `ok`, `problems` or `unreadable`.
    status: &'static str,
    /// Valid codes in the file (rows with problems are not counted).
    codes: usize,
    problems: Vec<ProblemReport>,
}

#[derive(Serialize)]
struct ProblemReport {
    file: String,
    line: Option<usize>,
    col: Option<usize>,
    message: String,
    /// `file:line:col: message`, as the derive prints it.
    text: String,
}

impl From<&Problem> for ProblemReport {
    fn from(p: &Problem) -> Self {
        ProblemReport {
            file: p.file().unwrap_or_default().to_owned(),
            line: p.pos().map(|pos| pos.line),
            col: p.pos().map(|pos| pos.col),
            message: p.message.clone(),
            text: p.to_string(),
        }
    }
}

pub fn run(args: &CheckArgs) -> Result<Outcome, Failure> {
    if syn::parse_str::<syn::Ident>(&args.unknown).is_err() {
        return Err(Failure::usage(format!(
            "--unknown `{}` is not a valid Rust identifier",
            args.unknown
        )));
    }
    let paths: Vec<SpecPath> = args
        .specs
        .iter()
        .map(|name| load::spec_path(name))
        .collect::<Result<_, _>>()?;
    // One load per file, or one for all (`--together`), exactly as the
    // derive loads `spec = "a.md"` or `spec = ["a.md", "b.json"]`.
    let together = args
        .together
        .then(|| errtable_codegen::load(&paths, &args.unknown));
    let mut files = Vec::new();
    for path in &paths {
        let own;
        let loaded = match &together {
            Some(all) => all,
            None => {
                own = errtable_codegen::load(std::slice::from_ref(path), &args.unknown);
                &own
            }
        };
        let file = path.name.clone();
        if let Some(problem) = load::unreadable(path, loaded) {
            files.push(FileReport {
                file,
                status: "unreadable",
                codes: 0,
                problems: vec![ProblemReport::from(problem)],
            });
            continue;
        }
        let problems: Vec<ProblemReport> = loaded
            .problems
            .iter()
            .filter(|p| p.file() == Some(file.as_str()))
            .map(ProblemReport::from)
            .collect();
        files.push(FileReport {
            codes: loaded.rows.iter().filter(|r| r.file == file).count(),
            status: if problems.is_empty() {
                "ok"
            } else {
                "problems"
            },
            problems,
            file,
        });
    }
    let summary = Summary {
        files: files.len(),
        codes: files.iter().map(|f| f.codes).sum(),
        problems: files
            .iter()
            .filter(|f| f.status == "problems")
            .map(|f| f.problems.len())
            .sum(),
        unreadable: files.iter().filter(|f| f.status == "unreadable").count(),
    };
    let status = if summary.unreadable > 0 {
        2
    } else if summary.problems > 0 {
        1
    } else {
        0
    };
    let report = Report {
        ok: status == 0,
        files,
        summary,
    };
    let mut stderr = String::new();
    for file in report.files.iter().filter(|f| f.status == "unreadable") {
        for problem in &file.problems {
            stderr.push_str(&format!("errtable: error: {}\n", problem.text));
        }
    }
    let stdout = match args.format {
        Format::Json => json(&report)?,
        Format::Human => human(&report),
    };
    Ok(Outcome {
        stdout,
        stderr,
        status,
    })
}

fn json(report: &Report) -> Result<String, Failure> {
    let mut text = serde_json::to_string_pretty(report)
        .map_err(|err| Failure::usage(format!("internal error: {err}")))?;
    text.push('\n');
    Ok(text)
}

fn human(report: &Report) -> String {
    let mut out = String::new();
    for file in &report.files {
        match file.status {
            "ok" => out.push_str(&format!(
                "{}: ok, {} code{}\n",
                file.file,
                file.codes,
                plural(file.codes)
            )),
            "problems" => {
                for problem in &file.problems {
                    out.push_str(&problem.text);
                    out.push('\n');
                }
                out.push_str(&format!(
                    "{}: {} problem{} ({} valid code{})\n",
                    file.file,
                    file.problems.len(),
                    plural(file.problems.len()),
                    file.codes,
                    plural(file.codes)
                ));
            }
            // Reported on standard error.
            _ => out.push_str(&format!("{}: unreadable\n", file.file)),
        }
    }
    let s = &report.summary;
    let mut parts = vec![format!(
        "{} problem{}",
        if s.problems == 0 {
            "no".to_owned()
        } else {
            s.problems.to_string()
        },
        plural(s.problems)
    )];
    if s.unreadable > 0 {
        parts.push(format!("{} unreadable", s.unreadable));
    }
    out.push_str(&format!(
        "checked {} file{}: {}\n",
        s.files,
        plural(s.files),
        parts.join(", ")
    ));
    out
}
