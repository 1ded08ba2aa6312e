//! Cutting quoted history and signatures from email replies, so a ticket shows only what
//! the customer wrote this time.
//!
//! Mail clients append the message being answered below the reply, introduced in one of
//! a few ways. [`strip_quoted`] finds the first of these and keeps what comes before:
//!
//! - an attribution line followed by `>`-quoted lines: Gmail's "On Tue, 3 Nov 2026 at
//!   15:30, Name <a@b> wrote:" (Gmail wraps it over two lines when it is long), Apple
//!   Mail's "On 3 Nov 2026, at 15:30, Name <a@b> wrote:", and the German ("Am … schrieb
//!   …:") and French ("Le … a écrit :") forms. The line must contain a digit (a date) and
//!   be followed by quoted lines, so "On Monday my colleague wrote:" in the customer's
//!   own text is kept;
//! - Outlook's header block, "From: / Sent: / To: / Subject:" (or "Date:", and the
//!   German and French labels), with the line of underscores before it;
//! - "-----Original Message-----" and its German and French spellings;
//! - the signature delimiter, a line that is exactly "-- ";
//! - `>`-quoted lines at the very end, with no attribution.
//!
//! Quoted lines between the customer's own paragraphs (inline answers) stay. Forwarded
//! messages ("---------- Forwarded message ---------", "Begin forwarded message:") are
//! not history and stay too; Outlook's forwards, though, look exactly like its replies
//! in plain text and are cut.
//!
//! [`strip_quoted_html`] does the same for mail that has only an HTML body, where quotes
//! are elements rather than `>` lines.

/// The reply without the quoted history, signature and surrounding blank lines. Empty when
/// the message had nothing but quotes. Line endings come out as `\n`.
pub fn strip_quoted(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').map(|line| line.strip_suffix('\r').unwrap_or(line)).collect();
    let mut end = (0..lines.len()).find(|&index| starts_history(&lines, index)).unwrap_or(lines.len());
    // Quoted lines left at the end, with the blank lines between them, are history too.
    while end > 0 && (is_blank(lines[end - 1]) || is_quoted(lines[end - 1])) {
        end -= 1;
    }
    let start = lines[..end].iter().position(|line| !is_blank(line)).unwrap_or(end);
    lines[start..end].join("\n").trim_end().to_owned()
}

/// The part of an HTML body before the first quoted-history container that Gmail,
/// Outlook, Apple Mail or Thunderbird wrap around the message being answered.
pub fn strip_quoted_html(html: &str) -> &str {
    let lowercase = html.to_ascii_lowercase();
    let cut = HTML_QUOTE_MARKERS
        .iter()
        .filter_map(|marker| Some((marker, lowercase.find(marker)?)))
        // An attribute marker is inside a tag: back up to the tag's start.
        .map(|(marker, at)| if marker.starts_with('<') { at } else { lowercase[..at].rfind('<').unwrap_or(at) })
        .min()
        .unwrap_or(html.len());
    // `to_ascii_lowercase` keeps byte offsets, and `<` is a character boundary.
    html.get(..cut).unwrap_or(html)
}

/// Attributes and elements that begin a quoted message in common clients' HTML.
const HTML_QUOTE_MARKERS: &[&str] = &[
    "class=\"gmail_quote",
    "id=\"appendonsend\"",
    "id=\"divrplyfwdmsg\"",
    "id=\"mail-editor-reference-message-container\"",
    "class=\"moz-cite-prefix\"",
    "<blockquote type=\"cite\"",
];

/// How attribution lines begin and end: "On … wrote:", "Am … schrieb …:", "Le … a écrit :".
const ATTRIBUTIONS: &[(&str, &str)] = &[("On ", " wrote:"), ("Am ", ":"), ("Le ", " a écrit :"), ("Le ", " a écrit:")];

/// Labels of Outlook's header block: the From line, the date line, and the To or Subject line.
const FROM_LABELS: &[&str] = &["from:", "von:", "de :", "de:"];
const DATE_LABELS: &[&str] = &["sent:", "date:", "gesendet:", "datum:", "envoyé :", "envoyé:", "date :"];
const TO_OR_SUBJECT_LABELS: &[&str] = &["to:", "subject:", "an:", "betreff:", "à :", "à:", "objet :", "objet:"];

/// What "-----Original Message-----" says between its dashes, lowercase.
const ORIGINAL_MESSAGE: &[&str] = &["original message", "ursprüngliche nachricht", "message d'origine"];

/// How forwarded messages are introduced, lowercase and without dashes: Gmail,
/// Thunderbird and Apple Mail, in English, German and French.
const FORWARD_MARKERS: &[&str] =
    &["forwarded message", "begin forwarded message", "weitergeleitete nachricht", "message transféré"];

/// Whether the quoted history or the signature starts at `lines[index]`.
fn starts_history(lines: &[&str], index: usize) -> bool {
    let line = lines[index];
    line == "-- "
        || is_original_message_separator(line)
        || is_attribution_at(lines, index)
        || (is_underscore_rule(line)
            && next_non_blank(lines, index + 1).is_some_and(|next| is_header_block(lines, next)))
        || (is_header_block(lines, index) && !follows_forward_marker(lines, index))
}

fn is_attribution_at(lines: &[&str], index: usize) -> bool {
    let first = lines[index].trim();
    let single = is_attribution(first).then_some(index + 1);
    let wrapped = || {
        let second = lines.get(index + 1)?.trim();
        is_attribution(&format!("{first} {second}")).then_some(index + 2)
    };
    let Some(after) = single.or_else(wrapped) else {
        return false;
    };
    // The quote must follow, or nothing at all: "On Monday at 9, Sam wrote:" followed by
    // the customer's own words is not an attribution.
    next_non_blank(lines, after).is_none_or(|next| is_quoted(lines[next]))
}

fn is_attribution(line: &str) -> bool {
    // French puts a no-break space before the colon.
    let line = &line.replace('\u{a0}', " ");
    let has_digit = line.bytes().any(|byte| byte.is_ascii_digit());
    has_digit
        && ATTRIBUTIONS.iter().any(|(opening, closing)| {
            line.starts_with(opening) && line.ends_with(closing) && (*opening != "Am " || line.contains(" schrieb "))
        })
}

/// Outlook's "From: … / Sent: … / To: … / Subject: …" block, starting at `index`.
fn is_header_block(lines: &[&str], index: usize) -> bool {
    let labelled = |line: &str, labels: &[&str]| {
        // HTML converted to text may leave Outlook's bold labels as `*From:*`.
        let line = line.trim().trim_start_matches('*').to_lowercase();
        labels.iter().any(|label| line.starts_with(label))
    };
    if !labelled(lines[index], FROM_LABELS) {
        return false;
    }
    let following = &lines[index + 1..lines.len().min(index + 6)];
    following.iter().any(|line| labelled(line, DATE_LABELS))
        && following.iter().any(|line| labelled(line, TO_OR_SUBJECT_LABELS))
}

/// Whether the line before `index` (blank lines aside) introduces a forwarded message,
/// whose header block is content the customer chose to send, not history.
fn follows_forward_marker(lines: &[&str], index: usize) -> bool {
    let Some(previous) = lines[..index].iter().rev().find(|line| !is_blank(line)) else {
        return false;
    };
    let words = previous.trim().trim_matches('-').trim().to_lowercase();
    FORWARD_MARKERS.iter().any(|marker| words.starts_with(marker))
}

fn is_original_message_separator(line: &str) -> bool {
    let line = line.trim();
    if !line.starts_with("--") {
        return false;
    }
    let words = line.trim_matches('-').trim().to_lowercase();
    ORIGINAL_MESSAGE.contains(&words.as_str())
}

fn is_underscore_rule(line: &str) -> bool {
    let line = line.trim();
    line.len() >= 10 && line.bytes().all(|byte| byte == b'_')
}

fn is_quoted(line: &str) -> bool {
    line.trim_start().starts_with('>')
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

fn next_non_blank(lines: &[&str], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&index| !is_blank(lines[index]))
}

#[cfg(test)]
mod tests;
