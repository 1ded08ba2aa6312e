//! Cutting quoted history and signatures from email replies, so a ticket shows what the
//! customer wrote this time, and never loses a word of it.
//!
//! Mail clients put the message being answered into the reply in one of three shapes,
//! and [`strip_quoted`] tells them apart by where the customer's own lines are:
//!
//! - **Top-posted** (Gmail, Outlook, Apple Mail): the new words first, the history below.
//!   The history is kept out, from the first of its markers on.
//! - **Bottom-posted** (mutt and other plain-text clients): an attribution and one quoted
//!   block, then the new words. Only the words below the quote are kept.
//! - **Interleaved** (Thunderbird and others, when answering question by question):
//!   unquoted lines typed between quoted blocks. Everything from the first line to the
//!   last typed line is kept, the quoted questions included, since the answers make no
//!   sense without them; only the quote after the last typed line goes.
//!
//! A reply counts as bottom-posted or interleaved as soon as unquoted text that is not a
//! signature follows a quoted line. The markers of history are:
//!
//! - an attribution line followed by `>`-quoted lines: Gmail's "On Tue, 3 Nov 2026 at
//!   15:30, Name <a@b> wrote:" (Gmail wraps it over two lines when it is long), Apple
//!   Mail's "On 3 Nov 2026, at 15:30, Name <a@b> wrote:", and the German ("Am … schrieb
//!   …:") and French ("Le … a écrit :") forms. The line must contain a digit (a date) and
//!   be followed by quoted lines, so "On Monday my colleague wrote:" in the customer's
//!   own text is kept;
//! - `>`-quoted lines;
//! - Outlook's header block, "From: / Sent: / To: / Subject:" (or "Date:", and the
//!   German and French labels), with the line of underscores before it, and
//!   "-----Original Message-----" with its German and French spellings. Outlook quotes
//!   the history without `>`, so nothing after these can be told apart from it, and
//!   everything after them goes, whatever the shape;
//! - the signature delimiter, a line that is exactly "-- ". The signature runs to the
//!   next quoted line or attribution, or to the end.
//!
//! When a reply fits none of the shapes cleanly the text is kept: a quote left in a
//! ticket costs a scroll, a lost answer costs the customer's trust. Forwarded messages
//! ("---------- Forwarded message ---------", "Begin forwarded message:") are not
//! history and stay; Outlook's forwards, though, look exactly like its replies in plain
//! text and are cut.
//!
//! [`strip_quoted_html`] does the same for mail that has only an HTML body: the quote
//! containers of Gmail, Apple Mail and Thunderbird become `>` lines (see `quote/html.rs`),
//! so answers typed between or after them survive, and then the rules above apply.

mod html;

pub use html::strip_quoted_html;

/// The reply without the quoted history that follows the customer's last typed line,
/// the signature and the surrounding blank lines (see the module documentation for how
/// top-posted, bottom-posted and interleaved replies differ). Empty when the message had
/// nothing but quotes. Line endings come out as `\n`.
pub fn strip_quoted(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').map(|line| line.strip_suffix('\r').unwrap_or(line)).collect();
    // Outlook's unquoted history cannot be told apart from anything typed after it.
    let end = (0..lines.len()).find(|&index| starts_unquoted_history(&lines, index)).unwrap_or(lines.len());
    let kinds = classify(&lines[..end]);
    let typed = |index: &usize| kinds[*index] == Kind::Typed;
    let Some(last_typed) = (0..end).rev().find(typed) else {
        return String::new();
    };
    let first_typed = (0..end).find(typed).unwrap_or(last_typed);
    let first_quote = (0..end).find(|&index| kinds[index] == Kind::Quoted);
    let start = match first_quote {
        // Top-posted, or no quote at all: the typed lines come first and stop at the
        // first attribution, quote or signature.
        None => first_typed,
        Some(quote) if quote > last_typed => first_typed,
        Some(quote) => {
            let history_first = !kinds[..quote].contains(&Kind::Typed);
            let one_block = !kinds[first_typed..last_typed].contains(&Kind::Quoted);
            if history_first && one_block {
                // Bottom-posted: the attribution and the quote above the words go.
                first_typed
            } else {
                // Interleaved: the quoted questions stay with their answers, and so
                // may an attribution before the first of them.
                (0..end).find(|&index| kinds[index] != Kind::Blank).unwrap_or(first_typed)
            }
        }
    };
    join_without_signatures(&lines[start..=last_typed], &kinds[start..=last_typed])
}

/// What a line of a reply is, for deciding which lines the customer typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    /// A `>` line.
    Quoted,
    /// "On … wrote:" before a quote, one line or two.
    Attribution,
    /// The `-- ` delimiter and the lines after it, up to the next quote or attribution.
    Signature,
    /// Anything else: the customer's words.
    Typed,
}

fn classify(lines: &[&str]) -> Vec<Kind> {
    let mut kinds = Vec::with_capacity(lines.len());
    let mut in_signature = false;
    let mut index = 0;
    while index < lines.len() {
        if let Some(after) = attribution_end(lines, index) {
            in_signature = false;
            kinds.extend(std::iter::repeat_n(Kind::Attribution, after - index));
            index = after;
            continue;
        }
        let line = lines[index];
        let kind = if is_quoted(line) {
            in_signature = false;
            Kind::Quoted
        } else if is_blank(line) {
            Kind::Blank
        } else if line == "-- " || in_signature {
            in_signature = true;
            Kind::Signature
        } else {
            Kind::Typed
        };
        kinds.push(kind);
        index += 1;
    }
    kinds
}

/// The lines joined with `\n`, signature lines left out, and a blank line left behind
/// by a signature not doubled.
fn join_without_signatures(lines: &[&str], kinds: &[Kind]) -> String {
    let mut kept: Vec<&str> = Vec::with_capacity(lines.len());
    let mut after_signature = false;
    for (line, kind) in lines.iter().zip(kinds) {
        match kind {
            Kind::Signature => after_signature = true,
            Kind::Blank if after_signature && kept.last().is_none_or(|last| is_blank(last)) => {}
            _ => {
                after_signature &= *kind == Kind::Blank;
                kept.push(line);
            }
        }
    }
    kept.join("\n").trim_end().to_owned()
}

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

/// Whether Outlook's unquoted history starts at `lines[index]`: its separator, or its
/// header block with or without the rule of underscores above it.
fn starts_unquoted_history(lines: &[&str], index: usize) -> bool {
    let line = lines[index];
    is_original_message_separator(line)
        || (is_underscore_rule(line)
            && next_non_blank(lines, index + 1).is_some_and(|next| is_header_block(lines, next)))
        || (is_header_block(lines, index) && !follows_forward_marker(lines, index))
}

/// Where the attribution starting at `lines[index]` ends (the index after it), if one
/// starts there.
fn attribution_end(lines: &[&str], index: usize) -> Option<usize> {
    let first = lines[index].trim();
    let single = is_attribution(first).then_some(index + 1);
    let wrapped = || {
        let second = lines.get(index + 1)?.trim();
        is_attribution(&format!("{first} {second}")).then_some(index + 2)
    };
    let after = single.or_else(wrapped)?;
    // The quote must follow, or nothing at all: "On Monday at 9, Sam wrote:" followed by
    // the customer's own words is not an attribution.
    next_non_blank(lines, after).is_none_or(|next| is_quoted(lines[next])).then_some(after)
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
