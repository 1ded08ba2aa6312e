//! MDX pages: `import`/`export` statements are removed (snippet imports are resolved and
//! their components replaced by the snippet's text), and JSX components are reduced to
//! their Markdown content. Code fences are never looked into.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;

use super::includes::Includes;
use super::jsx::{self, JsxTag, Parsed};
use super::markdown::{FenceTracker, map_prose, starts_paragraph};
use super::{PageError, html};

static IMPORT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?s)^import\s+(.*?)\s+from\s+["']([^"']+)["']"#).expect("valid import pattern"));
static JSX_COMMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)\{/\*.*?\*/\}").expect("valid comment pattern"));

/// Converts an MDX page body (front matter already removed) to CommonMark.
pub fn convert(
    text: &str,
    page: &Path,
    includes: &mut Includes,
    chain: &mut Vec<PathBuf>,
) -> Result<String, PageError> {
    let (body, imports) = strip_module_statements(text);
    let mut snippets = BTreeMap::new();
    for (names, spec) in imports {
        let is_page = spec.ends_with(".mdx") || spec.ends_with(".md");
        let replacement = if is_page {
            let path = includes.find_snippet(page, &spec)?;
            let source = includes.read(&path, chain)?;
            chain.push(path.clone());
            let converted = super::front_matter::split(&source)
                .map_err(|error| PageError::Invalid(format!("snippet \"{spec}\": {error:#}")))
                .and_then(|(_, snippet)| convert(snippet, &path, includes, chain));
            chain.pop();
            converted?
        } else {
            String::new()
        };
        for name in names {
            snippets.insert(name, replacement.clone());
        }
    }
    let body = map_prose(&html::clean(&body), |prose| JSX_COMMENT.replace_all(prose, "").into_owned());
    Ok(Components::new(&snippets).run(&body))
}

/// Removes top-level `import … from "…"` and `export …` statements outside code fences,
/// returning the rest and each import's names with its module path.
fn strip_module_statements(text: &str) -> (String, Vec<(Vec<String>, String)>) {
    let lines: Vec<&str> = text.lines().collect();
    let mut output = Vec::with_capacity(lines.len());
    let mut imports = Vec::new();
    let mut fences = FenceTracker::default();
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        index += 1;
        if fences.is_code(line) {
            output.push(line);
        } else if line.starts_with("import ") {
            let mut statement = line.to_owned();
            while !IMPORT.is_match(&statement) && !statement.trim_end().ends_with(';') && index < lines.len() {
                statement.push('\n');
                statement.push_str(lines[index]);
                index += 1;
            }
            if let Some(found) = IMPORT.captures(&statement) {
                imports.push((imported_names(&found[1]), found[2].to_owned()));
            }
        } else if line.starts_with("export ") {
            let mut depth = bracket_balance(line);
            while depth > 0 && index < lines.len() {
                depth += bracket_balance(lines[index]);
                index += 1;
            }
        } else {
            output.push(line);
        }
    }
    (output.join("\n") + "\n", imports)
}

/// The local names an import clause binds: `A`, `{ B, C as D }`, `A, { B }`.
fn imported_names(clause: &str) -> Vec<String> {
    clause
        .split([',', '{', '}'])
        .map(|part| part.split(" as ").last().unwrap_or(part).trim().to_owned())
        .filter(|name| !name.is_empty() && name != "*")
        .collect()
}

/// How many more brackets a line opens than it closes.
fn bracket_balance(line: &str) -> i64 {
    line.chars().map(|c| i64::from(matches!(c, '{' | '(' | '[')) - i64::from(matches!(c, '}' | ')' | ']'))).sum()
}

/// An open component while converting.
struct Frame {
    name: String,
    /// Absolute indentation removed from the component's content lines.
    dedent: usize,
    /// For quote components, the label not yet written.
    quote: Option<Option<String>>,
    /// How many `<Step>`s this component has seen.
    steps: usize,
}

/// The line-by-line pass that replaces components by their content.
struct Components<'a> {
    snippets: &'a BTreeMap<String, String>,
    stack: Vec<Frame>,
    output: Vec<String>,
}

impl<'a> Components<'a> {
    fn new(snippets: &'a BTreeMap<String, String>) -> Self {
        Self { snippets, stack: Vec::new(), output: Vec::new() }
    }

    fn run(mut self, text: &str) -> String {
        let lines: Vec<&str> = text.lines().collect();
        let mut fences = FenceTracker::default();
        let mut index = 0;
        while index < lines.len() {
            let dedent = self.stack.last().map_or(0, |frame| frame.dedent);
            let line = strip_indent(lines[index], dedent);
            index += 1;
            if fences.is_code(line) {
                self.emit(line.to_owned());
                continue;
            }
            let indent = &line[..line.len() - line.trim_start().len()];
            let mut text = line.trim_start().to_owned();
            let mut content = String::new();
            let mut saw_tag = false;
            let mut position = 0;
            while position < text.len() {
                let rest = &text[position..];
                if rest.starts_with('`') {
                    let run = rest.bytes().take_while(|&b| b == b'`').count();
                    let end = rest[run..].find(&rest[..run]).map_or(run, |offset| run + offset + run);
                    content.push_str(&rest[..end]);
                    position += end;
                    continue;
                }
                if !rest.starts_with('<') {
                    let next = rest.char_indices().skip(1).find(|(_, c)| *c == '<' || *c == '`');
                    let end = next.map_or(rest.len(), |(offset, _)| offset);
                    content.push_str(&rest[..end]);
                    position += end;
                    continue;
                }
                match jsx::parse(rest) {
                    Parsed::Incomplete if content.trim().is_empty() && index < lines.len() => {
                        text.push('\n');
                        text.push_str(lines[index].trim());
                        index += 1;
                    }
                    Parsed::Tag(tag) => {
                        position += tag.length;
                        saw_tag = true;
                        let at_line_start = content.trim().is_empty();
                        let closes_frame = tag.closing && self.stack.iter().any(|frame| frame.name == tag.name);
                        if at_line_start || closes_frame {
                            self.emit_content(indent, &mut content);
                        }
                        let closes_on_same_line = text[position..].contains(&format!("</{}>", tag.name));
                        let body_dedent =
                            if closes_on_same_line { dedent } else { body_dedent(&lines[index..], &tag, dedent) };
                        self.tag(tag, at_line_start, body_dedent, &mut content);
                    }
                    _ => {
                        content.push('<');
                        position += 1;
                    }
                }
            }
            if !content.trim().is_empty() || !saw_tag {
                self.emit_content(indent, &mut content);
            }
        }
        while let Some(frame) = self.stack.pop() {
            self.close(frame);
        }
        self.output.join("\n") + "\n"
    }

    /// Handles one tag: `content` is the text of the current line so far, where an
    /// inline label goes.
    fn tag(&mut self, tag: JsxTag, at_line_start: bool, dedent: usize, content: &mut String) {
        if tag.closing {
            if let Some(depth) = self.stack.iter().rposition(|frame| frame.name == tag.name) {
                while self.stack.len() > depth {
                    if let Some(frame) = self.stack.pop() {
                        self.close(frame);
                    }
                }
            }
            return;
        }
        if let Some(snippet) = self.snippets.get(&tag.name) {
            let snippet = snippet.clone();
            self.emit(String::new());
            for line in snippet.lines() {
                self.emit(line.to_owned());
            }
            self.emit(String::new());
            return;
        }
        let step = if tag.name == "Step" {
            self.stack.last_mut().map_or(1, |parent| {
                parent.steps += 1;
                parent.steps
            })
        } else {
            0
        };
        let quote = jsx::quote_label(&tag);
        let label = if quote.is_some() { None } else { jsx::label(&tag, step) };
        if !at_line_start {
            if let Some(label) = label.or(quote.map(|quote| format!("**{quote}:**"))) {
                content.push_str(&label);
                content.push(' ');
            }
            return;
        }
        if let Some(label) = label {
            self.emit(String::new());
            self.emit(label);
            self.emit(String::new());
        }
        if !tag.self_closing {
            if quote.is_some() {
                self.emit(String::new());
            }
            self.stack.push(Frame { name: tag.name, dedent, quote: quote.map(Some), steps: 0 });
        }
    }

    fn close(&mut self, frame: Frame) {
        if frame.quote.is_some() {
            let quotes = self.stack.iter().filter(|open| open.quote.is_some()).count() + 1;
            let blank = vec![">"; quotes].join(" ");
            while self.output.last().is_some_and(|line| *line == blank) {
                self.output.pop();
            }
        }
        if let Some(Some(label)) = frame.quote {
            self.stack.push(Frame { quote: Some(None), ..frame });
            self.emit(format!("**{label}:**"));
            self.stack.pop();
        }
        self.emit(String::new());
    }

    fn emit_content(&mut self, indent: &str, content: &mut String) {
        let line = if content.trim().is_empty() { String::new() } else { format!("{indent}{}", content.trim_end()) };
        content.clear();
        self.emit(line);
    }

    /// Writes one output line inside the open quote components, placing a quote's label
    /// before its first line.
    fn emit(&mut self, line: String) {
        let quotes = self.stack.iter().filter(|frame| frame.quote.is_some()).count();
        if quotes == 0 {
            self.output.push(line);
            return;
        }
        let blank_prefix = vec![">"; quotes].join(" ");
        let prefix = format!("{blank_prefix} ");
        let pending =
            self.stack.iter_mut().rev().find_map(|frame| frame.quote.as_mut().filter(|label| label.is_some()));
        if let Some(pending) = pending {
            if line.trim().is_empty() {
                return;
            }
            let label = pending.take().unwrap_or_default();
            if starts_paragraph(&line) {
                self.output.push(format!("{prefix}**{label}:** {}", line.trim_start()));
                return;
            }
            self.output.push(format!("{prefix}**{label}:**"));
            self.output.push(blank_prefix.clone());
        }
        self.output.push(if line.trim().is_empty() { blank_prefix } else { format!("{prefix}{line}") });
    }
}

/// Removes up to `count` leading spaces (a tab counts as four).
fn strip_indent(line: &str, count: usize) -> &str {
    let mut width = 0;
    for (offset, c) in line.char_indices() {
        if width >= count || !matches!(c, ' ' | '\t') {
            return &line[offset..];
        }
        width += if c == '\t' { 4 } else { 1 };
    }
    ""
}

/// The indentation to remove from a component's content: the least indentation of its
/// non-blank lines up to the closing tag (code inside fences does not count), and never
/// less than the enclosing component's.
fn body_dedent(lines: &[&str], tag: &JsxTag, outer: usize) -> usize {
    if tag.self_closing {
        return outer;
    }
    let open = format!("<{}", tag.name);
    let close = format!("</{}>", tag.name);
    let mut fences = FenceTracker::default();
    let mut depth = 0usize;
    let mut least: Option<usize> = None;
    for line in lines {
        let trimmed = line.trim_start();
        let inside_code = fences.is_code(line) && !trimmed.starts_with("```") && !trimmed.starts_with("~~~");
        if !inside_code {
            if trimmed.starts_with(&close) {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            } else if trimmed.starts_with(&open) && !trimmed.contains(&close) && !trimmed.trim_end().ends_with("/>") {
                let after = trimmed[open.len()..].chars().next();
                depth += usize::from(after.is_none_or(|c| c == ' ' || c == '>'));
            }
        }
        if !inside_code && !trimmed.is_empty() {
            let width = line.len() - trimmed.len();
            least = Some(least.map_or(width, |least| least.min(width)));
        }
    }
    least.unwrap_or(outer).max(outer)
}

#[cfg(test)]
#[path = "mdx_tests.rs"]
mod tests;
