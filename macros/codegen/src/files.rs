//! Finds spec files and reads their text.

use crate::table::{Pos, Problem};
use std::path::{Component, Path, PathBuf};

/// A spec file as the user named it and where that resolved to.
#[derive(Clone, Debug)]
pub struct SpecPath {
    /// The name used in messages: the path exactly as written.
    pub name: String,
    /// The absolute, lexically normalised path. Its extension gives the
    /// spec's format.
    pub path: PathBuf,
}

impl SpecPath {
    /// Resolves `name` against `base` (the deriving crate's manifest dir).
    #[must_use]
    pub fn resolve(base: &Path, name: &str) -> SpecPath {
        SpecPath {
            name: name.to_owned(),
            path: normalize(&base.join(name)),
        }
    }
}

/// Removes `.` and `..` without touching the file system, so messages show
/// the path that was looked up, not a chain of `../`.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Reads a spec file's text. A missing file says where it looked; a file
/// that cannot be read at all is a problem without a position, one whose
/// text is not UTF-8 a problem at the first bad byte.
pub fn read_text(spec: &SpecPath) -> Result<String, Problem> {
    let describe = |what: String| Problem::in_file(&spec.name, what);
    let bytes = match std::fs::read(&spec.path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Err(describe(format!(
                "spec file not found (looked for {})",
                spec.path.display()
            )))
        }
        Err(_) if spec.path.is_dir() => {
            return Err(describe(format!(
                "{} is a directory, not a spec file",
                spec.path.display()
            )))
        }
        Err(err) => {
            return Err(describe(format!(
                "cannot read {}: {err}",
                spec.path.display()
            )))
        }
    };
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            Ok(text)
        }
        Err(err) => {
            let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            let line = valid.split(|&b| b == b'\n').count();
            // Columns count characters, as everywhere else: the prefix is
            // valid UTF-8 by definition.
            let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            // A BOM is not counted, as it is not when the file is valid.
            let col = std::str::from_utf8(&valid[line_start..]).map_or(0, |prefix| {
                prefix.trim_start_matches('\u{feff}').chars().count()
            }) + 1;
            Err(Problem::at(
                &spec.name,
                Pos { line, col },
                "the spec is not valid UTF-8",
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_relative_paths() {
        let spec = SpecPath::resolve(Path::new("/w/crates/svc"), "../../spec/./g.md");
        assert_eq!(spec.path, PathBuf::from("/w/spec/g.md"));
        assert_eq!(spec.name, "../../spec/./g.md");
    }

    #[test]
    fn invalid_utf8_is_placed_in_characters() {
        let dir = std::env::temp_dir().join(format!("errtable-source-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (bytes, expected) in [
            (
                &b"ab\n\xc3\xa9\xc3\xa9\xff"[..],
                "x.md:2:3: the spec is not valid UTF-8",
            ),
            (
                &b"\xef\xbb\xbfa\xff"[..],
                "x.md:1:2: the spec is not valid UTF-8",
            ),
            (&b"\xff"[..], "x.md:1:1: the spec is not valid UTF-8"),
        ] {
            std::fs::write(dir.join("x.md"), bytes).unwrap();
            let problem = read_text(&SpecPath::resolve(&dir, "x.md")).unwrap_err();
            assert_eq!(problem.to_string(), expected);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn missing_file_says_where_it_looked() {
        let spec = SpecPath::resolve(Path::new("/nonexistent-dir"), "x.md");
        let problem = read_text(&spec).unwrap_err();
        assert_eq!(
            problem.to_string(),
            "x.md: spec file not found (looked for /nonexistent-dir/x.md)"
        );
    }
}
