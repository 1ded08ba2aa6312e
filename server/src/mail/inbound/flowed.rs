//! Undoing `format=flowed` (RFC 3676), which Apple Mail and Thunderbird use for plain text.
//!
//! A flowed body wraps long paragraphs at about 72 columns and marks each soft break with
//! a space at the end of the line. Joining those lines gives back the paragraphs as the
//! author typed them, so quote stripping and the console see whole lines.

/// `text` with soft line breaks joined. Quoted lines keep their `>` prefix, written as
/// `> ` before the content; space-stuffing is removed; with `delete_space` (`DelSp=yes`)
/// the space that marks a soft break is dropped too. The signature delimiter `-- ` is
/// never a soft break.
pub(super) fn unflow(text: &str, delete_space: bool) -> String {
    let body = text.strip_suffix('\n').unwrap_or(text);
    let mut out = String::with_capacity(text.len());
    // The quote depth of a paragraph whose last line ended in a soft break.
    let mut open: Option<usize> = None;
    for line in body.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let depth = line.bytes().take_while(|&byte| byte == b'>').count();
        let unquoted = &line[depth..];
        let mut content = unquoted.strip_prefix(' ').unwrap_or(unquoted);
        let soft_break = content != "-- " && content.ends_with(' ');
        if soft_break && delete_space {
            content = &content[..content.len() - 1];
        }
        match open {
            Some(open_depth) if open_depth == depth => out.push_str(content),
            Some(_) => {
                // A change of quote depth ends the paragraph, soft break or not.
                out.push('\n');
                start_line(&mut out, depth, content);
            }
            None => start_line(&mut out, depth, content),
        }
        if soft_break {
            open = Some(depth);
        } else {
            out.push('\n');
            open = None;
        }
    }
    if open.is_some() {
        out.push('\n');
    }
    if !text.ends_with('\n') {
        out.pop();
    }
    out
}

fn start_line(out: &mut String, depth: usize, content: &str) {
    out.extend(std::iter::repeat_n('>', depth));
    if depth > 0 && !content.is_empty() {
        out.push(' ');
    }
    out.push_str(content);
}

#[cfg(test)]
mod tests {
    use super::unflow;

    #[test]
    fn soft_breaks_are_joined_and_hard_breaks_kept() {
        let flowed = "This paragraph was \nwrapped twice by \nthe client.\nA new line.\n\nA new paragraph.\n";
        assert_eq!(
            unflow(flowed, false),
            "This paragraph was wrapped twice by the client.\nA new line.\n\nA new paragraph.\n"
        );
    }

    #[test]
    fn delsp_drops_the_marking_space() {
        assert_eq!(unflow("Hyphen-\nated and spli \nt\n", true), "Hyphen-\nated and split\n");
    }

    #[test]
    fn quoted_paragraphs_are_joined_per_depth() {
        let flowed = "> On 5 Nov 2026, Sam \n> <sam@example.com> wrote:\n> \n>> deeper \n>> still\nmine\n";
        assert_eq!(unflow(flowed, false), "> On 5 Nov 2026, Sam <sam@example.com> wrote:\n>\n>> deeper still\nmine\n");
    }

    #[test]
    fn depth_change_ends_a_paragraph() {
        assert_eq!(unflow("> quoted \nunquoted\n", false), "> quoted \nunquoted\n");
    }

    #[test]
    fn signature_delimiter_and_space_stuffing() {
        let flowed = " From the start\nText\n-- \nJane\n";
        assert_eq!(unflow(flowed, false), "From the start\nText\n-- \nJane\n");
    }

    #[test]
    fn crlf_and_missing_final_newline() {
        assert_eq!(unflow("one \r\ntwo\r\nthree", false), "one two\nthree");
        assert_eq!(unflow("", false), "");
    }
}
