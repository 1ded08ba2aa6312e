//! Small CommonMark helpers the conversion passes share: fenced-code tracking, inline code
//! spans, labelled blockquotes, blank-line tidying and plain-text extraction.

/// Follows fenced code blocks line by line, so passes can leave code untouched.
///
/// Unlike strict CommonMark it accepts fences at any indentation: the sources indent
/// fences inside list items, admonitions and JSX components by four spaces or more.
#[derive(Debug, Default)]
pub struct FenceTracker {
    /// The open fence's character and length, while inside a fenced block.
    open: Option<(char, usize)>,
}

impl FenceTracker {
    /// Feeds the next line; true when the line belongs to a fenced code block (its opening
    /// line, its content or its closing line).
    pub fn is_code(&mut self, line: &str) -> bool {
        let trimmed = line.trim_start();
        match self.open {
            Some((marker, length)) => {
                let run = trimmed.chars().take_while(|&c| c == marker).count();
                if run >= length && trimmed[run * marker.len_utf8()..].trim().is_empty() {
                    self.open = None;
                }
                true
            }
            None => {
                let Some(marker) = trimmed.chars().next().filter(|c| *c == '`' || *c == '~') else {
                    return false;
                };
                let run = trimmed.chars().take_while(|&c| c == marker).count();
                let info = &trimmed[run..];
                if run < 3 || (marker == '`' && info.contains('`')) {
                    return false;
                }
                self.open = Some((marker, run));
                true
            }
        }
    }
}

/// Splits a piece of prose into `(is_code_span, text)` parts, so inline passes can skip
/// inline code. A backtick run without a closing run of the same length is plain text.
pub fn split_code_spans(text: &str) -> Vec<(bool, &str)> {
    let mut parts = Vec::new();
    let mut plain_start = 0;
    let mut position = 0;
    let bytes = text.as_bytes();
    while position < bytes.len() {
        if bytes[position] != b'`' {
            position += 1;
            continue;
        }
        let run = bytes[position..].iter().take_while(|&&b| b == b'`').count();
        let after = position + run;
        match find_backtick_run(&text[after..], run) {
            Some(offset) => {
                let end = after + offset + run;
                if plain_start < position {
                    parts.push((false, &text[plain_start..position]));
                }
                parts.push((true, &text[position..end]));
                plain_start = end;
                position = end;
            }
            None => position = after,
        }
    }
    if plain_start < text.len() {
        parts.push((false, &text[plain_start..]));
    }
    parts
}

/// Where a run of exactly `length` backticks starts in `text`.
fn find_backtick_run(text: &str, length: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut position = 0;
    while position < bytes.len() {
        if bytes[position] == b'`' {
            let run = bytes[position..].iter().take_while(|&&b| b == b'`').count();
            if run == length {
                return Some(position);
            }
            position += run;
        } else {
            position += 1;
        }
    }
    None
}

/// Applies `transform` to the prose of a document: fenced code blocks and inline code
/// spans are passed through unchanged. Consecutive prose lines are transformed together,
/// so a pattern may span lines (multi-line HTML tags do).
pub fn map_prose(text: &str, transform: impl Fn(&str) -> String) -> String {
    let mut output = String::with_capacity(text.len());
    let mut prose = String::new();
    let mut fences = FenceTracker::default();
    let flush = |prose: &mut String, output: &mut String| {
        for (is_code, part) in split_code_spans(prose) {
            if is_code {
                output.push_str(part);
            } else {
                output.push_str(&transform(part));
            }
        }
        prose.clear();
    };
    for line in text.split_inclusive('\n') {
        if fences.is_code(line) {
            flush(&mut prose, &mut output);
            output.push_str(line);
        } else {
            prose.push_str(line);
        }
    }
    flush(&mut prose, &mut output);
    output
}

/// Whether a line can carry a blockquote label in front of it: plain paragraph text, not
/// the start of a list, heading, fence, table, quote or HTML block.
pub fn starts_paragraph(line: &str) -> bool {
    let trimmed = line.trim_start();
    let first = trimmed.chars().next().unwrap_or(' ');
    let ordered_item = trimmed.chars().take_while(char::is_ascii_digit).count() > 0
        && trimmed.trim_start_matches(|c: char| c.is_ascii_digit()).starts_with(['.', ')']);
    let bullet = ["- ", "* ", "+ "].iter().any(|marker| trimmed.starts_with(marker));
    !(ordered_item || bullet || matches!(first, '#' | '`' | '~' | '>' | '|' | '<') || line.starts_with("    "))
}

/// Renders `lines` (already dedented) as a blockquote that opens with a bold label:
/// `> **Tip:** text`. `indent` is put in front of every output line.
pub fn labelled_quote(indent: &str, label: &str, lines: &[String]) -> Vec<String> {
    let mut output = Vec::new();
    let mut body = lines.iter().skip_while(|line| line.trim().is_empty()).peekable();
    let bold_label = format!("**{label}:**");
    match body.peek() {
        Some(first) if starts_paragraph(first) => {
            output.push(format!("{indent}> {bold_label} {}", first.trim_start()));
            body.next();
        }
        _ => {
            output.push(format!("{indent}> {bold_label}"));
            output.push(format!("{indent}>"));
        }
    }
    let mut rest: Vec<&String> = body.collect();
    while rest.last().is_some_and(|line| line.trim().is_empty()) {
        rest.pop();
    }
    for line in rest {
        if line.trim().is_empty() {
            output.push(format!("{indent}>"));
        } else {
            output.push(format!("{indent}> {line}"));
        }
    }
    output
}

/// Collapses runs of blank lines outside code into one, drops trailing spaces on blank
/// lines and trims the document, which then ends with exactly one newline.
pub fn tidy(text: &str) -> String {
    let mut output = String::with_capacity(text.len());
    let mut fences = FenceTracker::default();
    let mut previous_blank = true;
    for line in text.lines() {
        if fences.is_code(line) {
            output.push_str(line);
            output.push('\n');
            previous_blank = false;
            continue;
        }
        let blank = line.trim().is_empty();
        if blank && previous_blank {
            continue;
        }
        output.push_str(if blank { "" } else { line });
        output.push('\n');
        previous_blank = blank;
    }
    let trimmed = output.trim_end();
    if trimmed.is_empty() { String::new() } else { format!("{trimmed}\n") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fence_tracker_marks_indented_fences_and_their_content_as_code() {
        let mut fences = FenceTracker::default();
        let marks: Vec<bool> = ["text", "    ```bash", "    # not a heading", "    ```", "after"]
            .iter()
            .map(|l| fences.is_code(l))
            .collect();
        assert_eq!(marks, [false, true, true, true, false]);
    }

    #[test]
    fn fence_closes_only_with_a_run_at_least_as_long() {
        let mut fences = FenceTracker::default();
        let marks: Vec<bool> = ["````", "```", "````", "x"].iter().map(|l| fences.is_code(l)).collect();
        assert_eq!(marks, [true, true, true, false]);
    }

    #[test]
    fn code_spans_are_separated_from_prose() {
        let parts = split_code_spans("a `<b>` c ``d`e`` `f");
        assert_eq!(parts, [(false, "a "), (true, "`<b>`"), (false, " c "), (true, "``d`e``"), (false, " `f")]);
    }

    #[test]
    fn map_prose_leaves_fences_and_code_spans_alone() {
        let text = "x `x`\n```\nx\n```\nx\n";
        assert_eq!(map_prose(text, |prose| prose.replace('x', "y")), "y `x`\n```\nx\n```\ny\n");
    }

    #[test]
    fn labelled_quote_puts_the_label_before_a_paragraph() {
        let lines = vec!["".to_owned(), "Be careful.".to_owned(), "".to_owned(), "Really.".to_owned()];
        assert_eq!(labelled_quote("", "Warning", &lines), ["> **Warning:** Be careful.", ">", "> Really."]);
    }

    #[test]
    fn labelled_quote_gives_a_list_its_own_line() {
        let lines = vec!["* one".to_owned(), "* two".to_owned()];
        assert_eq!(labelled_quote("  ", "Tip", &lines), ["  > **Tip:**", "  >", "  > * one", "  > * two"]);
    }

    #[test]
    fn tidy_collapses_blank_lines_outside_code_only() {
        assert_eq!(tidy("\n\na\n\n\n\nb\n```\n\n\n```\n  \n"), "a\n\nb\n```\n\n\n```\n");
    }
}
