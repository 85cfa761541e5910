//! A strict JSON parser (RFC 8259) that keeps the byte offset of every
//! value. The derive reads JSON specs with it instead of `serde_json`: that
//! keeps serde out of the macro's own build, where it sat on the critical
//! path of every clean build (`benches/build_times.py`), and it gives every
//! key and value a position for error messages.

use std::fmt::Write;

/// Nesting deeper than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 128;

/// A parsed value and where its text starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Node<'a> {
    pub offset: usize,
    /// The value's source text, as written.
    pub raw: &'a str,
    pub value: Value<'a>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    Object(Vec<Member<'a>>),
    Array(Vec<Node<'a>>),
    String(String),
    /// A number, as written (validated against JSON's grammar).
    Number(&'a str),
    Bool(bool),
    Null,
}

/// An object member: the key, its offset, and the value.
#[derive(Clone, Debug, PartialEq)]
pub struct Member<'a> {
    pub key: String,
    pub key_offset: usize,
    pub value: Node<'a>,
}

/// A syntax error: what was wrong and at which byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub offset: usize,
    pub message: String,
}

/// Parses a whole document: one value, surrounded by whitespace only.
pub(crate) fn parse(text: &str) -> Result<Node<'_>, SyntaxError> {
    let mut parser = Parser { text, at: 0 };
    parser.skip_whitespace();
    let node = parser.value(0)?;
    parser.skip_whitespace();
    if parser.at < text.len() {
        return Err(parser.error("unexpected text after the JSON value"));
    }
    Ok(node)
}

/// `text` as a JSON string literal, escaped as `serde_json` escapes it: `\"`,
/// `\\`, the short escapes, and `\u00XX` for other control characters.
pub(crate) fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\0'..='\u{1f}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(ch));
            }
            _ => out.push(ch),
        }
    }
    out.push('"');
    out
}

struct Parser<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Parser<'a> {
    fn error(&self, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            offset: self.at,
            message: message.into(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn skip_whitespace(&mut self) {
        // A plain byte loop: see `string`.
        let bytes = self.text.as_bytes();
        let mut at = self.at;
        while at < bytes.len() && matches!(bytes[at], b' ' | b'\t' | b'\n' | b'\r') {
            at += 1;
        }
        self.at = at;
    }

    fn expect(&mut self, byte: u8, what: &str) -> Result<(), SyntaxError> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.unexpected(what))
        }
    }

    fn unexpected(&self, expected: &str) -> SyntaxError {
        match self
            .text
            .get(self.at..)
            .and_then(|rest| rest.chars().next())
        {
            Some(found) => self.error(format!(
                "expected {expected}, found `{}`",
                found.escape_debug()
            )),
            None => self.error(format!("expected {expected}, found the end of the file")),
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node<'a>, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(self.error(format!("nested deeper than {MAX_DEPTH} levels")));
        }
        let start = self.at;
        let value = match self.peek() {
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            _ => return Err(self.unexpected("a JSON value")),
        };
        Ok(Node {
            offset: start,
            raw: self.text.get(start..self.at).unwrap_or(""),
            value,
        })
    }

    fn literal(&mut self, word: &str, value: Value<'a>) -> Result<Value<'a>, SyntaxError> {
        if self
            .text
            .get(self.at..)
            .is_some_and(|rest| rest.starts_with(word))
        {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.unexpected("a JSON value"))
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value<'a>, SyntaxError> {
        self.at += 1; // `{`
        let mut members = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                return Err(self.unexpected("a key (a string in double quotes)"));
            }
            let key_offset = self.at;
            let key = self.string()?;
            self.skip_whitespace();
            self.expect(b':', "`:` after the key")?;
            self.skip_whitespace();
            let value = self.value(depth + 1)?;
            members.push(Member {
                key,
                key_offset,
                value,
            });
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Value::Object(members));
                }
                _ => return Err(self.unexpected("`,` or `}`")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value<'a>, SyntaxError> {
        self.at += 1; // `[`
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_whitespace();
            items.push(self.value(depth + 1)?);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.unexpected("`,` or `]`")),
            }
        }
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        let opening = self.at;
        let unterminated = || SyntaxError {
            offset: opening,
            message: "unterminated string: no closing `\"` for the quote here".to_owned(),
        };
        self.at += 1; // `"`
        let mut out = String::new();
        loop {
            // Copy the run up to the next quote, backslash or control byte,
            // scanned as bytes: all three are ASCII, so the run ends on a
            // character boundary, and a byte loop stays fast in the
            // unoptimised builds proc macros get (a `char` search took half
            // the time of reading a 2 MB model).
            let bytes = self.text.as_bytes();
            let mut end = self.at;
            while end < bytes.len() && !matches!(bytes[end], b'"' | b'\\' | 0..=0x1f) {
                end += 1;
            }
            out.push_str(self.text.get(self.at..end).unwrap_or(""));
            self.at = end;
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let backslash = self.at;
                    self.at += 1;
                    if self.peek().is_none() {
                        return Err(unterminated());
                    }
                    out.push(self.escape(backslash)?);
                }
                Some(_) => return Err(self.error("control character in a string (escape it)")),
                None => return Err(unterminated()),
            }
        }
    }

    /// The escape after the backslash at `backslash`; surrogate errors
    /// point at the escape they concern.
    fn escape(&mut self, backslash: usize) -> Result<char, SyntaxError> {
        let at = |offset: usize, message: &str| SyntaxError {
            offset,
            message: message.to_owned(),
        };
        let Some(byte) = self.peek() else {
            return Err(self.error("unterminated string"));
        };
        self.at += 1;
        Ok(match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                match first {
                    0xd800..=0xdbff => {
                        // A high surrogate must be followed by a low one.
                        if self
                            .text
                            .get(self.at..)
                            .is_some_and(|r| r.starts_with("\\u"))
                        {
                            let low = self.at;
                            self.at += 2;
                            let second = self.hex4()?;
                            if !(0xdc00..=0xdfff).contains(&second) {
                                return Err(at(
                                    low,
                                    "invalid surrogate pair in a \\u escape (a high surrogate must be followed by a low one)",
                                ));
                            }
                            let code = 0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00);
                            char::from_u32(code).ok_or_else(|| self.error("invalid \\u escape"))?
                        } else {
                            return Err(at(backslash, "lone surrogate in a \\u escape"));
                        }
                    }
                    0xdc00..=0xdfff => return Err(at(backslash, "lone surrogate in a \\u escape")),
                    _ => char::from_u32(first).ok_or_else(|| self.error("invalid \\u escape"))?,
                }
            }
            _ => {
                self.at -= 1;
                return Err(self.error("invalid escape in a string"));
            }
        })
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let digits = self.text.get(self.at..self.at + 4).unwrap_or("");
        if digits.len() != 4 || !crate::text::every(digits, |b| b.is_ascii_hexdigit()) {
            return Err(self.error("a \\u escape needs four hex digits"));
        }
        self.at += 4;
        u32::from_str_radix(digits, 16).map_err(|_| self.error("invalid \\u escape"))
    }

    fn number(&mut self) -> Result<&'a str, SyntaxError> {
        let start = self.at;
        let digits = |p: &mut Self| {
            let from = p.at;
            while matches!(p.peek(), Some(b'0'..=b'9')) {
                p.at += 1;
            }
            p.at - from
        };
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let whole_start = self.at;
        let whole = digits(self);
        if whole == 0 {
            return Err(self.error("a number needs digits"));
        }
        if whole > 1 && self.text.as_bytes().get(whole_start) == Some(&b'0') {
            return Err(SyntaxError {
                offset: whole_start,
                message: "numbers may not have leading zeros".to_owned(),
            });
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if digits(self) == 0 {
                return Err(self.error("a fraction needs digits"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if digits(self) == 0 {
                return Err(self.error("an exponent needs digits"));
            }
        }
        Ok(self.text.get(start..self.at).unwrap_or(""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_values_with_offsets() {
        let node =
            parse(" {\"a\": [1, -2.5e3, true, null], \"b\\u00e9\\ud83d\\ude00\": \"x\\n\"} ")
                .unwrap();
        let Value::Object(members) = node.value else {
            panic!("object expected")
        };
        assert_eq!(node.offset, 1);
        assert_eq!(members[0].key, "a");
        assert_eq!(members[0].key_offset, 2);
        assert_eq!(members[0].value.raw, "[1, -2.5e3, true, null]");
        assert_eq!(members[1].key, "bé😀");
        assert_eq!(members[1].value.value, Value::String("x\n".into()));
    }

    #[test]
    fn rejects_what_json_rejects() {
        for (text, offset) in [
            ("", 0),
            ("{", 1),
            ("{\"a\":1,}", 7),
            ("[1,]", 3),
            ("[01]", 1),
            ("\"\\x\"", 2),
            ("\"a\nb\"", 2),
            ("\"\\ud800\"", 1),
            ("\"\\ud800\\u0041\"", 7),
            ("\"abc", 0),
            ("[\"a\\", 1),
            ("{} {}", 3),
            ("tru", 0),
            ("1.", 2),
            ("'a'", 0),
        ] {
            let err = parse(text).unwrap_err();
            assert_eq!(err.offset, offset, "{text:?}: {}", err.message);
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(100_000);
        assert!(parse(&text).unwrap_err().message.contains("nested deeper"));
    }
}
