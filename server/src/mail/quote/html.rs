//! Quote stripping for mail that has only an HTML body.
//!
//! In HTML the quoted message is an element, not `>` lines, and turning the HTML into
//! text loses it. Cutting the HTML at the first quote container would lose the answers
//! Thunderbird and Apple Mail users type between and after `<blockquote type="cite">`
//! elements. So the quote containers are turned into `>` lines instead, and the plain
//! text rules of [`strip_quoted`] decide what the customer wrote.
//!
//! Outlook is the exception: it marks where its history starts (`appendonsend`,
//! `divRplyFwdMsg`, the reference-message container of Outlook for Mac) but leaves the
//! history itself unmarked, so the HTML is cut there, as the plain text rules cut at its
//! header block.

use mail_parser::decoders::html::html_to_text;

use super::strip_quoted;

/// Only what the author wrote this time, as text, from an HTML body: the HTML as text
/// with the quoted history, signature and surrounding blank lines removed by the rules of
/// [`strip_quoted`]. Empty when the message had nothing but quotes.
pub fn strip_quoted_html(html: &str) -> String {
    strip_quoted(&quoted_text(html))
}

/// Attribute values, lowercase, that make an element a quote container: its content
/// becomes `>` lines. Gmail's `gmail_quote` (the wrapper and its blockquote) and
/// `gmail_attr`, Thunderbird's `moz-cite-prefix`, and Thunderbird's and Apple Mail's
/// `<blockquote type="cite">`. A blockquote without these is the author's own indented
/// text and stays.
const QUOTE_CONTAINERS: &[&str] =
    &["class=\"gmail_quote", "class=\"gmail_attr", "class=\"moz-cite-prefix", "type=\"cite\""];

/// Attribute values, lowercase, that mark the author's signature; it gets the `-- `
/// delimiter that HTML clients do not write as text.
const SIGNATURES: &[&str] = &["class=\"moz-signature", "class=\"gmail_signature"];

/// Attributes and ids, lowercase, where Outlook's unmarked history starts.
const OUTLOOK_HISTORY: &[&str] =
    &["id=\"appendonsend\"", "id=\"divrplyfwdmsg\"", "id=\"mail-editor-reference-message-container\""];

/// Elements that never have content or an end tag, so they never change nesting.
const VOID_ELEMENTS: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// Characters from the private use area that stand for quote boundaries and signatures
/// while mail-parser turns the HTML into text. They are removed from the input first, so
/// only these markers carry them.
const OPEN_BLOCKQUOTE: char = '\u{e000}';
const OPEN_QUOTE: char = '\u{e001}';
const CLOSE_QUOTE: char = '\u{e002}';
const SIGNATURE: char = '\u{e003}';

/// The HTML as text with quote containers as `>` lines, Outlook's history cut off, and a
/// `-- ` line before a marked signature.
fn quoted_text(html: &str) -> String {
    let html: String =
        html.chars().filter(|c| ![OPEN_BLOCKQUOTE, OPEN_QUOTE, CLOSE_QUOTE, SIGNATURE].contains(c)).collect();
    let html = &html[..outlook_history_start(&html)];
    let text = html_to_text(&mark_quotes(html));
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    prefix_quoted_lines(&text)
}

/// Where Outlook's history begins in `html`, or its length.
fn outlook_history_start(html: &str) -> usize {
    let lowercase = html.to_ascii_lowercase();
    OUTLOOK_HISTORY
        .iter()
        .filter_map(|marker| lowercase.find(marker))
        // The marker is inside a tag: back up to the tag's start. `to_ascii_lowercase`
        // keeps byte offsets, and `<` is a character boundary.
        .map(|at| lowercase[..at].rfind('<').unwrap_or(at))
        .min()
        .unwrap_or(html.len())
}

/// A tag read from the HTML: its lowercase name, whether it closes, and its whole
/// lowercase source for matching attributes.
struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    source: String,
}

/// `html` with [`OPEN_BLOCKQUOTE`] or [`OPEN_QUOTE`] after each quote container's start tag, [`CLOSE_QUOTE`]
/// before its end tag, and [`SIGNATURE`] after a signature's start tag outside quotes.
fn mark_quotes(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    // How many elements of each name are open, and the open quote containers with the
    // count of their name when they opened, so their own end tag can be recognised.
    let mut open_counts: Vec<(String, usize)> = Vec::new();
    let mut containers: Vec<(String, usize)> = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(rest.len(), |at| at + 3);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        let end = rest.find('>').map_or(rest.len(), |at| at + 1);
        let source = &rest[..end];
        rest = &rest[end..];
        let Some(tag) = read_tag(source) else {
            out.push_str(source);
            continue;
        };
        if VOID_ELEMENTS.contains(&tag.name.as_str()) || tag.self_closing {
            out.push_str(source);
            continue;
        }
        let slot = match open_counts.iter().position(|(name, _)| *name == tag.name) {
            Some(slot) => slot,
            None => {
                open_counts.push((tag.name.clone(), 0));
                open_counts.len() - 1
            }
        };
        let count = &mut open_counts[slot].1;
        if tag.closing {
            // Containers opened inside this one and never closed end with it.
            if let Some(at) = containers.iter().rposition(|(name, level)| *name == tag.name && *level == *count) {
                for _ in at..containers.len() {
                    out.push(CLOSE_QUOTE);
                }
                containers.truncate(at);
            }
            *count = count.saturating_sub(1);
            out.push_str(source);
        } else {
            *count += 1;
            out.push_str(source);
            if QUOTE_CONTAINERS.iter().any(|marker| tag.source.contains(marker)) {
                out.push(if tag.name == "blockquote" { OPEN_BLOCKQUOTE } else { OPEN_QUOTE });
                containers.push((tag.name, *count));
            } else if containers.is_empty() && SIGNATURES.iter().any(|marker| tag.source.contains(marker)) {
                out.push(SIGNATURE);
            }
        }
    }
    out.push_str(rest);
    out
}

/// The tag in `source` (`<…>`), or none when it is not one (a stray `<`).
fn read_tag(source: &str) -> Option<Tag> {
    let inner = source.strip_prefix('<')?.strip_suffix('>')?;
    let closing = inner.starts_with('/');
    let name: String = inner
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if name.is_empty() {
        return None;
    }
    Some(Tag { name, closing, self_closing: inner.ends_with('/'), source: source.to_ascii_lowercase() })
}

/// The text with the lines inside quote containers prefixed with `> ` (`> > ` for a
/// blockquote in a blockquote) and a `-- ` line at each [`SIGNATURE`]. A marker always
/// starts a new line, so no line is half quoted.
fn prefix_quoted_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut line = String::new();
    // The open containers, `true` for blockquotes. Gmail's wrapper and attribution are
    // containers around or beside its blockquote, not a level of their own.
    let mut open: Vec<bool> = Vec::new();
    let flush = |out: &mut String, line: &mut String, open: &[bool]| {
        let words = line.trim();
        let level = open.iter().filter(|blockquote| **blockquote).count().max(usize::from(!open.is_empty()));
        for _ in 0..level {
            out.push('>');
            out.push(' ');
        }
        out.push_str(words);
        let kept = out.trim_end_matches(' ').len();
        out.truncate(kept);
        out.push('\n');
        line.clear();
    };
    for c in text.chars() {
        match c {
            '\n' => flush(&mut out, &mut line, &open),
            OPEN_BLOCKQUOTE | OPEN_QUOTE | CLOSE_QUOTE | SIGNATURE => {
                if !line.trim().is_empty() {
                    flush(&mut out, &mut line, &open);
                }
                line.clear();
                match c {
                    OPEN_BLOCKQUOTE => open.push(true),
                    OPEN_QUOTE => open.push(false),
                    CLOSE_QUOTE => {
                        open.pop();
                    }
                    _ => out.push_str("-- \n"),
                }
            }
            _ => line.push(c),
        }
    }
    if !line.trim().is_empty() {
        flush(&mut out, &mut line, &open);
    }
    out
}

#[cfg(test)]
mod tests;
