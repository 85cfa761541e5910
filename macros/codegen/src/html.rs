//! The HTML of service models' documentation as plain text, for rustdoc
//! and for table cells: tags dropped, entities decoded, whitespace
//! collapsed to single spaces. Block elements (paragraphs, list items,
//! line breaks) separate words, so that `<p>a</p><p>b</p>` reads `a b`;
//! inline ones (`<code>`, `<a>`, `<i>`) do not, so that `<code>Id</code>s`
//! stays one word. The result is one line: a Markdown table cell can hold
//! it, and `errtable convert` writes it back unchanged.

/// Elements that end a word where they open or close.
const BLOCKS: &[&str] = &[
    "p",
    "br",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "div",
    "pre",
    "note",
    "important",
    "fullname",
    "blockquote",
    "table",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
];

/// `html` as plain text on one line.
pub(crate) fn to_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&']) {
        text.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('<') {
            if let Some((len, block)) = tag(rest) {
                if block {
                    text.push(' ');
                }
                rest = &rest[len..];
            } else {
                // A `<` that opens no tag (`a < b`) is text.
                text.push('<');
                rest = &rest[1..];
            }
        } else {
            let (decoded, len) = entity(rest).unwrap_or(('&', 1));
            text.push(decoded);
            rest = &rest[len..];
        }
    }
    text.push_str(rest);
    crate::text::collapse_whitespace(&text)
}

/// The length of the tag or comment `text` starts with, and whether it is
/// a block element's; `None` when the `<` starts no tag.
fn tag(text: &str) -> Option<(usize, bool)> {
    if let Some(comment) = text.strip_prefix("<!--") {
        let end = comment.find("-->").map_or(text.len(), |i| 4 + i + 3);
        return Some((end, false));
    }
    let after = text.strip_prefix("</").unwrap_or(&text[1..]);
    let name_len = after
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(after.len());
    if name_len == 0 || !after.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name = after[..name_len].to_ascii_lowercase();
    // Attribute values may hold `>`; quotes are skipped whole.
    let mut quote = None;
    for (i, ch) in text.char_indices().skip(1) {
        match (quote, ch) {
            (None, '"' | '\'') => quote = Some(ch),
            (Some(open), _) if ch == open => quote = None,
            (None, '>') => return Some((i + 1, BLOCKS.contains(&name.as_str()))),
            _ => {}
        }
    }
    None
}

/// The character an entity at the start of `text` stands for, and the
/// entity's length; `None` for a `&` that starts none errtable knows.
fn entity(text: &str) -> Option<(char, usize)> {
    let end = text.bytes().take(12).position(|b| b == b';')?;
    let name = &text[1..end];
    let decoded = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let number = name.strip_prefix('#')?;
            let value = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(value)?
        }
    };
    Some((decoded, end + 1))
}

#[cfg(test)]
mod tests {
    use super::to_text;

    #[test]
    fn tags_go_and_blocks_separate_words() {
        assert_eq!(
            to_text("<p>Two or more <code>Id</code>s.</p><p>Again.</p>"),
            "Two or more Ids. Again."
        );
        assert_eq!(
            to_text("<ul><li><p>one</p></li><li>two</li></ul>"),
            "one two"
        );
        assert_eq!(to_text("a<br/>b<br>c"), "a b c");
        assert_eq!(
            to_text("See <a href=\"https://x/?a=1&amp;b=>\">the docs</a>."),
            "See the docs."
        );
        assert_eq!(to_text("<p/>"), "");
        assert_eq!(to_text("x<!-- hidden <p> -->y"), "xy");
        assert_eq!(to_text("<fullname>S3</fullname><p>Store</p>"), "S3 Store");
    }

    #[test]
    fn whitespace_collapses_to_one_line() {
        assert_eq!(
            to_text("<p>Returned if there is\n         insufficient capacity.</p>\n"),
            "Returned if there is insufficient capacity."
        );
        assert_eq!(to_text("  \n "), "");
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            to_text("a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39; &#x263A; &nbsp;f"),
            "a & b <c> \"d\" 'e' \u{263a} f"
        );
        // Unknown entities and stray ampersands stay as written.
        assert_eq!(to_text("AT&T &bogus; &#xZZ; &"), "AT&T &bogus; &#xZZ; &");
    }

    #[test]
    fn a_lone_angle_bracket_is_text() {
        assert_eq!(to_text("a < b and c <= d"), "a < b and c <= d");
        assert_eq!(to_text("unclosed <p"), "unclosed <p");
        assert_eq!(to_text("<"), "<");
    }
}
