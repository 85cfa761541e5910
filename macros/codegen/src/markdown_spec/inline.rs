//! The text of one table cell: `CommonMark`'s inline syntax read down to
//! the words a reader sees. Code keeps its content, escapes and entities
//! become their characters, links and images their text, inline HTML goes
//! (`<br>` is a space), and emphasis markers that pair up are removed by
//! `CommonMark`'s delimiter rules, so `snake_case` and `2 * 3` keep theirs.
//!
//! What it does not model it refuses rather than guessing: emphasis next
//! to non-ASCII punctuation (whose Unicode class std cannot tell).

use super::{every, leading, run_of};

/// Something in a cell this reader will not guess at: where, by byte
/// offset in the cell, and why.
#[derive(Debug)]
pub(super) struct Refusal {
    pub(super) offset: usize,
    pub(super) message: String,
}

/// The labels of the document's link reference definitions, normalised
/// (`normalize_label`): `[text][label]` is a link only if one is defined.
/// A `HashSet<String>`, as `load` already compiles one.
pub(super) type Definitions = std::collections::HashSet<String>;

/// The text of a cell's Markdown (`cell`, already cut at its pipes).
pub(super) fn cell_text(cell: &str, definitions: &Definitions) -> Result<String, Refusal> {
    let mut inline = Inline {
        text: cell,
        pos: 0,
        nodes: Vec::new(),
        delimiters: Vec::new(),
        brackets: Vec::new(),
        definitions,
        unclosed: Unclosed::default(),
    };
    inline.parse()?;
    inline.emphasis(0);
    let mut out = String::with_capacity(cell.len());
    for node in &inline.nodes {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Delimiter(run) => {
                for _ in 0..run.count {
                    out.push(char::from(run.marker));
                }
            }
        }
    }
    Ok(out)
}

/// A link label as `CommonMark` compares them: case-folded, whitespace
/// collapsed.
pub(super) fn normalize_label(label: &str) -> String {
    crate::text::collapse_whitespace(label).to_lowercase()
}

enum Node {
    Text(String),
    Delimiter(Run),
}

/// A run of `*` or `_`: what is left of it (`count`), and how it could pair.
struct Run {
    marker: u8,
    count: usize,
    original: usize,
    can_open: bool,
    can_close: bool,
    /// Still on the delimiter stack (not yet paired off or given up).
    live: bool,
}

/// A `[` or `![` waiting for its `]`.
struct Bracket {
    node: usize,
    /// Byte offset just past the bracket, where the link text starts.
    text_start: usize,
    /// How many delimiter runs were on the stack when it opened.
    delimiters: usize,
    image: bool,
    active: bool,
}

struct Inline<'a, 'd> {
    text: &'a str,
    pos: usize,
    nodes: Vec<Node>,
    /// Node indices of the delimiter runs, in order.
    delimiters: Vec<usize>,
    brackets: Vec<Bracket>,
    definitions: &'d Definitions,
    /// The HTML constructs found without their end (`Unclosed`).
    unclosed: Unclosed,
}

/// Which HTML constructs (comment, processing instruction, declaration,
/// CDATA) have no end in the rest of a cell: once one has none, no later
/// one of its kind looks for it again, so a cell of many is linear.
#[derive(Default)]
pub(super) struct Unclosed([bool; 4]);

impl Inline<'_, '_> {
    fn parse(&mut self) -> Result<(), Refusal> {
        let bytes = self.text.as_bytes();
        while self.pos < bytes.len() {
            match bytes[self.pos] {
                b'\\' => self.escape(),
                b'`' => self.code(),
                b'&' => self.entity(),
                b'<' => self.angle(),
                b'*' | b'_' => self.run()?,
                b'[' => self.open_bracket(false, 1),
                b'!' if bytes.get(self.pos + 1) == Some(&b'[') => self.open_bracket(true, 2),
                b']' => self.close_bracket(),
                _ => {
                    // Up to the next byte that may be syntax; all of them are
                    // ASCII, so the text is cut between characters.
                    let from = self.pos + 1;
                    let end = from
                        + leading(&bytes[from..], |b| {
                            !matches!(
                                b,
                                b'\\' | b'`' | b'&' | b'<' | b'*' | b'_' | b'[' | b'!' | b']'
                            )
                        });
                    self.push_text(&self.text[self.pos..end]);
                    self.pos = end;
                }
            }
        }
        Ok(())
    }

    fn push_text(&mut self, text: &str) {
        if let Some(Node::Text(last)) = self.nodes.last_mut() {
            last.push_str(text);
        } else {
            self.nodes.push(Node::Text(text.to_owned()));
        }
    }

    /// `\` before ASCII punctuation is that character; elsewhere itself.
    fn escape(&mut self) {
        match self.text.as_bytes().get(self.pos + 1) {
            Some(&next) if next.is_ascii_punctuation() => {
                self.push_text(&self.text[self.pos + 1..self.pos + 2]);
                self.pos += 2;
            }
            _ => {
                self.push_text("\\");
                self.pos += 1;
            }
        }
    }

    /// A code span: a run of backticks up to the next run of the same
    /// length; without one, the backticks are text.
    fn code(&mut self) {
        let ticks = run_of(self.text.as_bytes(), self.pos, b'`');
        let content_start = self.pos + ticks;
        let mut at = content_start;
        while let Some(found) = self.text[at..].find('`') {
            let start = at + found;
            let length = run_of(self.text.as_bytes(), start, b'`');
            if length == ticks {
                let content = self.text[content_start..start].replace('\n', " ");
                let stripped = if content.len() >= 2
                    && content.starts_with(' ')
                    && content.ends_with(' ')
                    && !every(&content, |b| b == b' ')
                {
                    &content[1..content.len() - 1]
                } else {
                    &content[..]
                };
                let stripped = stripped.to_owned();
                self.push_text(&stripped);
                self.pos = start + length;
                return;
            }
            at = start + length;
        }
        self.push_text(&self.text[self.pos..content_start]);
        self.pos = content_start;
    }

    /// `&name;`, `&#123;` or `&#x7B;`.
    fn entity(&mut self) {
        let rest = &self.text[self.pos + 1..];
        // Entity names are short: looking further would make a line of
        // `&`s quadratic.
        let window = &rest.as_bytes()[..rest.len().min(33)];
        let end = leading(window, |b| b != b';');
        if end == window.len() {
            self.push_text("&");
            self.pos += 1;
            return;
        }
        let body = &rest[..end];
        let decoded = if let Some(number) = body.strip_prefix('#') {
            let value = match number.strip_prefix(['x', 'X']) {
                Some(hex)
                    if (1..=6).contains(&hex.len()) && every(hex, |b| b.is_ascii_hexdigit()) =>
                {
                    u32::from_str_radix(hex, 16).ok()
                }
                None if (1..=7).contains(&number.len())
                    && every(number, |b| b.is_ascii_digit()) =>
                {
                    number.parse().ok()
                }
                _ => None,
            };
            value.map(|v| {
                char::from_u32(v)
                    .filter(|&c| c != '\0')
                    .unwrap_or(char::REPLACEMENT_CHARACTER)
                    .to_string()
            })
        } else if body.len() >= 2
            && body.as_bytes()[0].is_ascii_alphabetic()
            && every(body, |b| b.is_ascii_alphanumeric())
        {
            super::entities::entity(body).map(str::to_owned)
        } else {
            None
        };
        if let Some(text) = decoded {
            self.push_text(&text);
            self.pos += end + 2;
        } else {
            self.push_text("&");
            self.pos += 1;
        }
    }

    /// An autolink (its address is text), inline HTML (dropped; `<br>`
    /// is a space), or a plain `<`.
    fn angle(&mut self) {
        let rest = &self.text[self.pos..];
        if let Some(length) = autolink(rest) {
            let address = &rest[1..length - 1];
            self.push_text(address);
            self.pos += length;
        } else if let Some(length) = html_tag_length(rest, &mut self.unclosed) {
            if rest[..length].to_ascii_lowercase().starts_with("<br") {
                self.push_text(" ");
            }
            self.pos += length;
        } else {
            self.push_text("<");
            self.pos += 1;
        }
    }

    /// A run of `*` or `_`, and whether it can open or close emphasis
    /// (`CommonMark`'s flanking rules).
    fn run(&mut self) -> Result<(), Refusal> {
        let marker = self.text.as_bytes()[self.pos];
        let count = run_of(self.text.as_bytes(), self.pos, marker);
        let before = self.text[..self.pos].chars().next_back();
        let after = self.text[self.pos + count..].chars().next();
        let class = |c: Option<char>| -> Result<Class, Refusal> {
            match c {
                None => Ok(Class::Space),
                Some(c) if c.is_whitespace() => Ok(Class::Space),
                Some(c) if c.is_ascii_punctuation() => Ok(Class::Punctuation),
                Some(c) if c.is_ascii() || c.is_alphanumeric() => Ok(Class::Other),
                Some(c) => Err(Refusal {
                    offset: self.pos,
                    message: format!(
                        "`{}` next to `{c}`: whether it is emphasis depends on `{c}`'s Unicode class, which errtable does not read; escape it as `\\{}`",
                        char::from(marker),
                        char::from(marker)
                    ),
                }),
            }
        };
        let (before, after) = (class(before)?, class(after)?);
        let left = after != Class::Space && (after != Class::Punctuation || before != Class::Other);
        let right =
            before != Class::Space && (before != Class::Punctuation || after != Class::Other);
        let (can_open, can_close) = if marker == b'*' {
            (left, right)
        } else {
            (
                left && (!right || before == Class::Punctuation),
                right && (!left || after == Class::Punctuation),
            )
        };
        self.delimiters.push(self.nodes.len());
        self.nodes.push(Node::Delimiter(Run {
            marker,
            count,
            original: count,
            can_open,
            can_close,
            live: true,
        }));
        self.pos += count;
        Ok(())
    }

    fn open_bracket(&mut self, image: bool, length: usize) {
        let node = self.nodes.len();
        self.nodes.push(Node::Text(
            self.text[self.pos..self.pos + length].to_owned(),
        ));
        // The link text gets its own node, so that the bracket's can go.
        self.nodes.push(Node::Text(String::new()));
        self.pos += length;
        self.brackets.push(Bracket {
            node,
            text_start: self.pos,
            delimiters: self.delimiters.len(),
            image,
            active: true,
        });
    }

    /// `]`: a link or image if a bracket is open and a destination or a
    /// defined label follows; its text stays, the rest goes.
    fn close_bracket(&mut self) {
        let Some(opener) = self.brackets.pop() else {
            self.push_text("]");
            self.pos += 1;
            return;
        };
        let label_text = &self.text[opener.text_start..self.pos];
        let after = self.pos + 1;
        let link_end = if opener.active {
            self.link_tail(after, label_text)
        } else {
            None
        };
        let Some(end) = link_end else {
            self.push_text("]");
            self.pos += 1;
            return;
        };
        self.emphasis(opener.delimiters);
        self.nodes[opener.node] = Node::Text(String::new());
        if !opener.image {
            // No links inside links: earlier `[`s can no longer open one.
            for earlier in &mut self.brackets {
                if !earlier.image {
                    earlier.active = false;
                }
            }
        }
        self.pos = end;
    }

    /// Where a link ends, given what follows its `]` at `at`: an inline
    /// destination, a full or collapsed reference, or the label alone.
    fn link_tail(&self, at: usize, label_text: &str) -> Option<usize> {
        let rest = &self.text[at..];
        if rest.starts_with('(') {
            if let Some(length) = inline_destination(rest) {
                return Some(at + length);
            }
        }
        // pulldown-cmark takes `\[label]` for a label too.
        let escaped = usize::from(rest.starts_with("\\["));
        if let Some(label) = link_label(&rest[escaped..]) {
            let name = if label.is_empty() { label_text } else { label };
            return self.defined(name).then_some(at + escaped + label.len() + 2);
        }
        self.defined(label_text).then_some(at)
    }

    fn defined(&self, label: &str) -> bool {
        !label.trim().is_empty() && self.definitions.contains(&normalize_label(label))
    }

    /// Pairs the delimiter runs above `bottom` into emphasis, removing the
    /// markers that pair: `CommonMark`'s "process emphasis".
    fn emphasis(&mut self, bottom: usize) {
        // Per marker, closer length mod 3 and whether the closer can open:
        // below this index no opener was found before.
        let mut openers_bottom = [[[bottom; 2]; 3]; 2];
        let mut current = bottom;
        while current < self.delimiters.len() {
            let Some(closer) = self.run_at(current) else {
                current += 1;
                continue;
            };
            if !closer.live || !closer.can_close {
                current += 1;
                continue;
            }
            let (marker, original, closer_opens) =
                (closer.marker, closer.original, closer.can_open);
            let key = (
                usize::from(marker == b'_'),
                original % 3,
                usize::from(closer_opens),
            );
            let floor = openers_bottom[key.0][key.1][key.2];
            let mut opener = None;
            let mut index = current;
            while index > floor {
                index -= 1;
                let Some(run) = self.run_at(index) else {
                    continue;
                };
                if !run.live || run.marker != marker || !run.can_open {
                    continue;
                }
                let both = run.can_close || closer_opens;
                if both
                    && (run.original + original) % 3 == 0
                    && !(run.original % 3 == 0 && original % 3 == 0)
                {
                    continue;
                }
                opener = Some(index);
                break;
            }
            let Some(opener) = opener else {
                openers_bottom[key.0][key.1][key.2] = current;
                if !closer_opens {
                    self.set_live(current, false);
                }
                current += 1;
                continue;
            };
            for between in opener + 1..current {
                self.set_live(between, false);
            }
            // One marker from each side at a time: `CommonMark` takes two
            // when both have them (strong emphasis), and the same pair
            // then matches again, so the text comes out the same.
            for index in [opener, current] {
                if let Some(Node::Delimiter(run)) = self
                    .delimiters
                    .get(index)
                    .and_then(|&n| self.nodes.get_mut(n))
                {
                    run.count -= 1;
                    if run.count == 0 {
                        run.live = false;
                    }
                }
            }
            if self.run_at(current).is_some_and(|r| !r.live) {
                current += 1;
            }
        }
        // What did not pair stays text, off the stack.
        self.delimiters.truncate(bottom);
    }

    fn run_at(&self, index: usize) -> Option<&Run> {
        match self.nodes.get(*self.delimiters.get(index)?)? {
            Node::Delimiter(run) => Some(run),
            Node::Text(_) => None,
        }
    }

    fn set_live(&mut self, index: usize, live: bool) {
        if let Some(Node::Delimiter(run)) = self
            .delimiters
            .get(index)
            .and_then(|&n| self.nodes.get_mut(n))
        {
            run.live = live;
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    Punctuation,
    Other,
}

/// `(destination "title")` after a link's `]`: its length.
fn inline_destination(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    let start = skip_space(bytes, 1);
    // `<...>` (pulldown-cmark takes a title right after it, without the
    // space `CommonMark` asks for), or text with balanced parentheses.
    if bytes.get(start) == Some(&b'<') {
        destination_tail(bytes, angled_destination(bytes, start)?, true)
    } else {
        destination_tail(bytes, plain_destination(bytes, start)?, false)
    }
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while bytes
        .get(at)
        .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n'))
    {
        at += 1;
    }
    at
}

/// Where a `<...>` destination starting at `at` ends.
fn angled_destination(bytes: &[u8], mut at: usize) -> Option<usize> {
    at += 1;
    loop {
        match bytes.get(at)? {
            b'>' => return Some(at + 1),
            b'\n' | b'<' => return None,
            b'\\' if bytes.get(at + 1).is_some_and(u8::is_ascii_punctuation) => at += 2,
            _ => at += 1,
        }
    }
}

/// Where a destination without `<>` starting at `at` ends: at a space, a
/// control character or an unbalanced `)`.
fn plain_destination(bytes: &[u8], mut at: usize) -> Option<usize> {
    let mut depth = 0usize;
    while let Some(&b) = bytes.get(at) {
        match b {
            b'\\' if bytes.get(at + 1).is_some_and(u8::is_ascii_punctuation) => at += 2,
            b'(' => {
                depth += 1;
                at += 1;
            }
            b')' if depth == 0 => break,
            b')' => {
                depth -= 1;
                at += 1;
            }
            b if b <= b' ' || b == 0x7f => break,
            _ => at += 1,
        }
    }
    (depth == 0).then_some(at)
}

/// After a destination ending at `at`: an optional title (after a space,
/// unless `title_may_touch`), then `)`; the link's length.
fn destination_tail(bytes: &[u8], mut at: usize, title_may_touch: bool) -> Option<usize> {
    let before_title = at;
    at = skip_space(bytes, at);
    if at > before_title || title_may_touch {
        let close = match bytes.get(at) {
            Some(b'"') => Some(b'"'),
            Some(b'\'') => Some(b'\''),
            Some(b'(') => Some(b')'),
            _ => None,
        };
        if let Some(close) = close {
            at += 1;
            loop {
                match *bytes.get(at)? {
                    b'\\' if bytes.get(at + 1).is_some_and(u8::is_ascii_punctuation) => at += 2,
                    b if b == close => break,
                    b'(' if close == b')' => return None,
                    _ => at += 1,
                }
            }
            at = skip_space(bytes, at + 1);
        }
    }
    (bytes.get(at) == Some(&b')')).then_some(at + 1)
}

/// A link label (`[label]`) at the start of `rest`: its text, without
/// the brackets.
fn link_label(rest: &str) -> Option<&str> {
    let bytes = rest.as_bytes();
    if bytes.first() != Some(&b'[') {
        return None;
    }
    let mut at = 1;
    while let Some(&b) = bytes.get(at) {
        match b {
            b'\\' if bytes.get(at + 1).is_some_and(u8::is_ascii_punctuation) => at += 2,
            b'[' => return None,
            // A label of only spaces is none (`[]` is the collapsed form).
            b']' => {
                let label = &rest[1..at];
                let blank = !label.is_empty() && label.trim().is_empty();
                return (at <= 1000 && !blank).then_some(label);
            }
            _ => at += 1,
        }
    }
    None
}

/// Whether `domain` is an email autolink's domain: labels of 1 to 63
/// letters, digits and inner hyphens.
fn domain_ok(domain: &str) -> bool {
    for label in domain.split('.') {
        let ok = (1..=63).contains(&label.len())
            && every(label, |b| b.is_ascii_alphanumeric() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-');
        if !ok {
            return false;
        }
    }
    true
}

/// An autolink at the start of `rest` (`<scheme:...>` or `<a@b.c>`): its
/// length.
fn autolink(rest: &str) -> Option<usize> {
    // Neither form holds a space or `<`: the first of these ends the search.
    let end = 1 + leading(&rest.as_bytes()[1..], |b| {
        !matches!(b, b'>' | b'<' | b' ' | b'\t' | b'\n')
    });
    if rest.as_bytes().get(end) != Some(&b'>') {
        return None;
    }
    let inside = &rest[1..end];
    let is_uri = inside.split_once(':').is_some_and(|(scheme, tail)| {
        (2..=32).contains(&scheme.len())
            && scheme.as_bytes()[0].is_ascii_alphabetic()
            && every(scheme, |b| {
                b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-')
            })
            && every(tail, |b| b > b' ' && b != b'<' && b != b'>')
    });
    let is_email = inside.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && every(local, |b| {
                b.is_ascii_alphanumeric() || b".!#$%&'*+/=?^_`{|}~-".contains(&b)
            })
            && domain_ok(domain)
    });
    (is_uri || is_email).then_some(end + 1)
}

/// Inline HTML at the start of `rest` (a tag, comment, processing
/// instruction, declaration or CDATA section): its length.
pub(super) fn html_tag_length(rest: &str, unclosed: &mut Unclosed) -> Option<usize> {
    let bytes = rest.as_bytes();
    let mut until = |kind: usize, from: usize, end: &str| {
        if unclosed.0[kind] {
            return None;
        }
        let found = rest[from..].find(end).map(|at| from + at + end.len());
        unclosed.0[kind] = found.is_none();
        found
    };
    if let Some(tail) = rest.strip_prefix("<!--") {
        if tail.starts_with('>') {
            return Some(5);
        }
        if tail.starts_with("->") {
            return Some(6);
        }
        return until(0, 4, "-->");
    }
    if rest.starts_with("<?") {
        return until(1, 2, "?>");
    }
    if rest.starts_with("<![CDATA[") {
        return until(3, 9, "]]>");
    }
    if rest.starts_with("<!") && bytes.get(2).is_some_and(u8::is_ascii_alphabetic) {
        return until(2, 2, ">");
    }
    let closing = bytes.get(1) == Some(&b'/');
    let mut at = if closing { 2 } else { 1 };
    if !bytes.get(at).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    while bytes
        .get(at)
        .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'-')
    {
        at += 1;
    }
    let space = |at: usize| {
        let mut end = at;
        while bytes
            .get(end)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n'))
        {
            end += 1;
        }
        end
    };
    if closing {
        at = space(at);
        return (bytes.get(at) == Some(&b'>')).then_some(at + 1);
    }
    loop {
        let after_space = space(at);
        match bytes.get(after_space) {
            Some(b'>') => return Some(after_space + 1),
            Some(b'/') => {
                return (bytes.get(after_space + 1) == Some(&b'>')).then_some(after_space + 2)
            }
            Some(&b) if after_space > at && (b.is_ascii_alphabetic() || b == b'_' || b == b':') => {
                at = after_space;
                while bytes.get(at).is_some_and(|&b| {
                    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b':' | b'-')
                }) {
                    at += 1;
                }
                let before_equals = space(at);
                if bytes.get(before_equals) == Some(&b'=') {
                    at = space(before_equals + 1);
                    let quote = *bytes.get(at)?;
                    if quote == b'"' || quote == b'\'' {
                        at = rest[at + 1..]
                            .find(char::from(quote))
                            .map(|end| at + 1 + end + 1)?;
                    } else {
                        let start = at;
                        while bytes
                            .get(at)
                            .is_some_and(|&b| !b" \t\n\"'=<>`".contains(&b))
                        {
                            at += 1;
                        }
                        if at == start {
                            return None;
                        }
                    }
                }
            }
            _ => return None,
        }
    }
}
