//! `errtable check`: every problem of every spec, as the derive would
//! report them, for people and for CI.

use crate::load::{self, plural};
use crate::{CheckArgs, Failure, Format, Outcome};
use errtable_codegen::{Problem, SpecPath};
use serde::Serialize;

/// The `--format json` document (schema in cli/README.md).
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
    /// For a service model: what else it says.
    #[serde(flatten)]
    model: Option<ModelReport>,
}

#[derive(Serialize)]
struct ModelReport {
    /// The model's operations.
    operations: usize,
    /// The protocol the table speaks (`rest-json`, ...), `null` when the
    /// model speaks none errtable speaks.
    protocol: Option<&'static str>,
    /// Why the derive needs `protocol = "..."` for this model, if it does.
    notes: Vec<ProblemReport>,
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
    let inputs = load::inputs(&args.specs, args.input_format)?;
    let paths: Vec<SpecPath> = inputs.iter().map(|input| input.spec.clone()).collect();
    // One load per file, or one for all (`--together`), exactly as the
    // derive loads `spec = "a.md"` or `spec = ["a.md", "b.json"]`.
    let together = args
        .together
        .then(|| errtable_codegen::load(&paths, &args.unknown));
    let mut files = Vec::new();
    for path in &paths {
        let own;
        let loaded = if let Some(all) = &together {
            all
        } else {
            own = errtable_codegen::load(std::slice::from_ref(path), &args.unknown);
            &own
        };
        let file = path.name.clone();
        if let Some(problem) = load::unreadable(path, loaded) {
            files.push(FileReport {
                file,
                status: "unreadable",
                codes: 0,
                problems: vec![ProblemReport::from(problem)],
                model: None,
            });
            continue;
        }
        let operations = loaded.operations.iter().filter(|o| o.file == file).count();
        let note = loaded
            .no_protocol
            .as_ref()
            .filter(|p| p.file() == Some(file.as_str()));
        let model = (operations > 0 || note.is_some()).then(|| ModelReport {
            operations,
            protocol: loaded.protocol.map(errtable::ProtocolKind::name),
            notes: note.map(ProblemReport::from).into_iter().collect(),
        });
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
            model,
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
    } else {
        u8::from(summary.problems > 0)
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
        let model = file.model.as_ref().map_or(String::new(), |model| {
            format!(
                ", {} operation{}, protocol {}",
                model.operations,
                plural(model.operations),
                model.protocol.unwrap_or("none errtable speaks")
            )
        });
        for note in file.model.iter().flat_map(|m| &m.notes) {
            let place = match (note.line, note.col) {
                (Some(line), Some(col)) => format!("{}:{line}:{col}", note.file),
                _ => note.file.clone(),
            };
            out.push_str(&format!("{place}: note: {}\n", note.message));
        }
        match file.status {
            "ok" => out.push_str(&format!(
                "{}: ok, {} code{}{model}\n",
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
                    "{}: {} problem{} ({} valid code{}{model})\n",
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
