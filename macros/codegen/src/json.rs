//! Reads a JSON spec: `{"errors": [{"code", "status", "type", "description",
//! "retryable"}]}`. Positions come from the borrowed raw values, so every
//! problem names the line of the entry or field it concerns.

use crate::model::{Cell, LineIndex, Pos, Problem, RawRow};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use std::fmt;

/// An object's members in document order, values kept raw for their position.
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Members<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MembersVisitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for MembersVisitor<'a> {
            type Value = Members<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut members = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    members.push((key, map.next_value::<&'de RawValue>()?));
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(MembersVisitor(std::marker::PhantomData))
    }
}

struct Reader<'a> {
    file: &'a str,
    text: &'a str,
    lines: LineIndex<'a>,
    problems: Vec<Problem>,
}

impl<'a> Reader<'a> {
    fn pos_of(&self, raw: &RawValue) -> Pos {
        let offset = (raw.get().as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        self.lines.pos(offset)
    }

    fn problem(&mut self, pos: Pos, message: impl Into<String>) {
        self.problems.push(Problem::at(self.file, pos, message));
    }

    fn syntax_problem(&mut self, err: &serde_json::Error, base: Pos) {
        // serde_json counts from the start of the slice it parsed.
        let line = base.line + err.line().saturating_sub(1);
        let col = if err.line() <= 1 {
            base.col + err.column().saturating_sub(1)
        } else {
            err.column()
        };
        let message = strip_position(&err.to_string());
        self.problem(Pos { line, col }, format!("invalid JSON: {message}"));
    }

    fn members(&mut self, raw: &'a RawValue, what: &str) -> Option<Members<'a>> {
        match serde_json::from_str::<Members<'a>>(raw.get()) {
            Ok(members) => Some(members),
            Err(_) => {
                let pos = self.pos_of(raw);
                self.problem(pos, format!("{what} must be a JSON object"));
                None
            }
        }
    }

    fn string(&mut self, raw: &RawValue, field: &str) -> Option<Cell> {
        let pos = self.pos_of(raw);
        match serde_json::from_str::<String>(raw.get()) {
            Ok(text) => Some(Cell { text, pos }),
            Err(_) => {
                self.problem(
                    pos,
                    format!("`{field}` must be a string, found `{}`", raw.get()),
                );
                None
            }
        }
    }

    fn status(&mut self, raw: &RawValue) -> Option<Cell> {
        let pos = self.pos_of(raw);
        match serde_json::from_str::<u64>(raw.get()) {
            Ok(number) => Some(Cell {
                text: number.to_string(),
                pos,
            }),
            Err(_) => {
                self.problem(
                    pos,
                    format!(
                        "bad status `{}`: expected a whole number in 100..=599",
                        raw.get()
                    ),
                );
                None
            }
        }
    }

    fn entry(&mut self, raw: &'a RawValue) -> Option<RawRow> {
        let pos = self.pos_of(raw);
        let members = self.members(raw, "each entry of `errors`")?;
        let (mut code, mut status, mut error_type, mut description, mut retryable) =
            (None, None, None, None, None);
        let mut complete = true;
        for (key, value) in members.0 {
            let slot = match key.as_str() {
                "code" => &mut code,
                "status" => &mut status,
                "type" => &mut error_type,
                "description" => &mut description,
                "retryable" => &mut retryable,
                other => {
                    let at = self.pos_of(value);
                    self.problem(
                        at,
                        format!("unknown key `{other}` (expected code, status, type, description, retryable)"),
                    );
                    complete = false;
                    continue;
                }
            };
            if slot.is_some() {
                let at = self.pos_of(value);
                self.problem(at, format!("key `{key}` appears twice in this entry"));
                complete = false;
                continue;
            }
            let cell = if key == "status" {
                self.status(value)
            } else {
                self.string(value, &key)
            };
            complete &= cell.is_some();
            *slot = Some(cell);
        }
        let mut required = |cell: Option<Option<Cell>>, key: &str| match cell {
            Some(cell) => cell,
            None => {
                self.problems
                    .push(Problem::at(self.file, pos, format!("entry has no `{key}`")));
                None
            }
        };
        let code = required(code, "code");
        let status = required(status, "status");
        let error_type = required(error_type, "type");
        match (code, status, error_type, complete) {
            (Some(code), Some(status), Some(error_type), true) => Some(RawRow {
                pos,
                code,
                status,
                error_type,
                description: description.flatten(),
                retryable: retryable.flatten(),
            }),
            _ => None,
        }
    }
}

/// serde_json appends " at line L column C"; errtable prints its own position.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

/// Reads every entry; problems in one entry do not hide those in others.
pub fn read(file: &str, text: &str) -> Result<Vec<RawRow>, Vec<Problem>> {
    let mut reader = Reader {
        file,
        text,
        lines: LineIndex::new(text),
        problems: Vec::new(),
    };
    let top = match serde_json::from_str::<Members<'_>>(text) {
        Ok(top) => top,
        Err(err) => {
            if err.is_data() {
                reader.problem(
                    Pos { line: 1, col: 1 },
                    "the spec must be a JSON object with an `errors` array",
                );
            } else {
                reader.syntax_problem(&err, Pos { line: 1, col: 1 });
            }
            return Err(reader.problems);
        }
    };
    let mut errors = None;
    for (key, value) in top.0 {
        match key.as_str() {
            "errors" if errors.is_none() => errors = Some(value),
            "$schema" => {}
            other => {
                let at = reader.pos_of(value);
                reader.problem(at, format!("unknown key `{other}` (expected `errors`)"));
            }
        }
    }
    let Some(errors) = errors else {
        reader.problem(Pos { line: 1, col: 1 }, "no `errors` array");
        return Err(reader.problems);
    };
    let entries = match serde_json::from_str::<Vec<&RawValue>>(errors.get()) {
        Ok(entries) => entries,
        Err(_) => {
            let at = reader.pos_of(errors);
            reader.problem(at, "`errors` must be an array of objects");
            return Err(reader.problems);
        }
    };
    let rows: Vec<RawRow> = entries
        .into_iter()
        .filter_map(|e| reader.entry(e))
        .collect();
    if reader.problems.is_empty() {
        Ok(rows)
    } else {
        Err(reader.problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_entries_with_positions() {
        let text = "{\n  \"errors\": [\n    {\"code\": \"A\", \"status\": 404, \"type\": \"Client\", \"description\": \"d\"}\n  ]\n}\n";
        let rows = read("s.json", text).unwrap();
        assert_eq!(rows[0].code.text, "A");
        assert_eq!(rows[0].status.text, "404");
        assert_eq!(rows[0].pos, Pos { line: 3, col: 5 });
        assert_eq!(rows[0].description.as_ref().unwrap().text, "d");
    }

    #[test]
    fn reports_every_problem() {
        let text = "{\"errors\": [\n{\"code\": \"A\", \"status\": \"x\", \"type\": \"Client\"},\n{\"code\": \"B\", \"status\": 400, \"type\": \"Client\", \"extra\": 1},\n{\"status\": 400, \"type\": \"Client\"}\n]}";
        let problems = read("s.json", text).unwrap_err();
        let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines[0].starts_with("s.json:2:25: bad status `\"x\"`"));
        assert!(
            lines[1].starts_with("s.json:3:57: unknown key `extra`"),
            "{lines:?}"
        );
        assert_eq!(lines[2], "s.json:4:1: entry has no `code`");
    }

    #[test]
    fn syntax_errors_have_positions() {
        let problems = read("s.json", "{\"errors\": [\n{\"code\": }]}").unwrap_err();
        assert!(
            problems[0].to_string().starts_with("s.json:2:"),
            "{}",
            problems[0]
        );
    }
}
