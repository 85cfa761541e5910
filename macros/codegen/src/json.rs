//! Reads a JSON spec: `{"errors": [{"code", "status", "type", "description",
//! "retryable"}]}`. Every key and value keeps its position, so every
//! problem names the line and column of the entry or field it concerns.

use crate::json_syntax::{self, Member, Node, Value};
use crate::model::{Cell, LineIndex, Pos, Problem, RawRow};

struct Reader<'a> {
    file: &'a str,
    lines: LineIndex<'a>,
    problems: Vec<Problem>,
}

impl Reader<'_> {
    fn pos(&self, offset: usize) -> Pos {
        self.lines.pos(offset)
    }

    fn problem(&mut self, offset: usize, message: impl Into<String>) {
        let pos = self.pos(offset);
        self.problems.push(Problem::at(self.file, pos, message));
    }

    fn string(&mut self, node: &Node<'_>, field: &str) -> Option<Cell> {
        match &node.value {
            Value::String(text) => Some(Cell {
                text: text.clone(),
                pos: self.pos(node.offset),
            }),
            _ => {
                self.problem(
                    node.offset,
                    format!("`{field}` must be a string, found `{}`", node.raw),
                );
                None
            }
        }
    }

    fn status(&mut self, node: &Node<'_>) -> Option<Cell> {
        match &node.value {
            // In range here, so that every bad status is reported with the
            // file's other problems.
            Value::Number(digits)
                if digits.bytes().all(|b| b.is_ascii_digit())
                    && digits
                        .parse::<u16>()
                        .is_ok_and(|s| (100..=599).contains(&s)) =>
            {
                Some(Cell {
                    text: (*digits).to_owned(),
                    pos: self.pos(node.offset),
                })
            }
            _ => {
                self.problem(
                    node.offset,
                    format!(
                        "bad status `{}`: expected a whole number in 100..=599",
                        node.raw
                    ),
                );
                None
            }
        }
    }

    fn entry(&mut self, node: &Node<'_>) -> Option<RawRow> {
        let Value::Object(members) = &node.value else {
            self.problem(node.offset, "each entry of `errors` must be a JSON object");
            return None;
        };
        let (mut code, mut status, mut error_type, mut description, mut retryable) =
            (None, None, None, None, None);
        let mut complete = true;
        for Member {
            key,
            key_offset,
            value,
        } in members
        {
            let slot = match key.as_str() {
                "code" => &mut code,
                "status" => &mut status,
                "type" => &mut error_type,
                "description" => &mut description,
                "retryable" => &mut retryable,
                other => {
                    self.problem(
                        *key_offset,
                        format!("unknown key `{other}` (expected code, status, type, description, retryable)"),
                    );
                    complete = false;
                    continue;
                }
            };
            if slot.is_some() {
                self.problem(
                    *key_offset,
                    format!("key `{key}` appears twice in this entry"),
                );
                complete = false;
                continue;
            }
            let cell = if key == "status" {
                self.status(value)
            } else {
                self.string(value, key)
            };
            complete &= cell.is_some();
            *slot = Some(cell);
        }
        let mut required = |cell: Option<Option<Cell>>, key: &str| match cell {
            Some(cell) => cell,
            None => {
                self.problem(node.offset, format!("entry has no `{key}`"));
                None
            }
        };
        let code = required(code, "code");
        let status = required(status, "status");
        let error_type = required(error_type, "type");
        match (code, status, error_type, complete) {
            (Some(code), Some(status), Some(error_type), true) => Some(RawRow {
                pos: self.pos(node.offset),
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

/// Reads every entry; problems in one entry do not hide those in others.
pub fn read(file: &str, text: &str) -> Result<Vec<RawRow>, Vec<Problem>> {
    let mut reader = Reader {
        file,
        lines: LineIndex::new(text),
        problems: Vec::new(),
    };
    let top = match json_syntax::parse(text) {
        Ok(top) => top,
        Err(err) => {
            reader.problem(err.offset, format!("invalid JSON: {}", err.message));
            return Err(reader.problems);
        }
    };
    let Value::Object(members) = &top.value else {
        reader.problem(
            top.offset,
            "the spec must be a JSON object with an `errors` array",
        );
        return Err(reader.problems);
    };
    let mut errors = None;
    for member in members {
        match member.key.as_str() {
            "errors" if errors.is_none() => errors = Some(&member.value),
            "errors" => reader.problem(member.key_offset, "key `errors` appears twice"),
            "$schema" => {}
            other => reader.problem(
                member.key_offset,
                format!("unknown key `{other}` (expected `errors`)"),
            ),
        }
    }
    let Some(errors) = errors else {
        reader.problem(top.offset, "no `errors` array");
        return Err(reader.problems);
    };
    let Value::Array(entries) = &errors.value else {
        reader.problem(errors.offset, "`errors` must be an array of objects");
        return Err(reader.problems);
    };
    if entries.is_empty() {
        reader.problem(errors.offset, "`errors` is empty: the table has no rows");
        return Err(reader.problems);
    }
    let rows: Vec<RawRow> = entries.iter().filter_map(|e| reader.entry(e)).collect();
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
            lines[1].starts_with("s.json:3:48: unknown key `extra`"),
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
