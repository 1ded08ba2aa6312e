//! JSX tags in MDX: a small parser for one tag (`<Card title="x" href={y}>`, `</Card>`,
//! `<Events />`) and what each known component leaves behind as Markdown.

/// One parsed tag.
#[derive(Debug, PartialEq)]
pub struct JsxTag {
    pub name: String,
    pub closing: bool,
    pub self_closing: bool,
    /// Attribute names with their values: string contents, or the raw text inside `{…}`;
    /// `None` for a bare attribute such as `required`.
    pub attributes: Vec<(String, Option<String>)>,
    /// How many bytes of the input the tag spans.
    pub length: usize,
}

/// The outcome of trying to read a tag at the start of some text.
#[derive(Debug, PartialEq)]
pub enum Parsed {
    Tag(JsxTag),
    /// Looks like a tag but the text ends first: the caller may append the next line.
    Incomplete,
    NotATag,
}

impl JsxTag {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(key, _)| key == name).and_then(|(_, value)| value.as_deref())
    }

    fn has(&self, name: &str) -> bool {
        self.attributes.iter().any(|(key, _)| key == name)
    }
}

/// Reads a component tag at the start of `text`. Component names start with a capital
/// and contain a lowercase letter, so placeholders such as `<TOKEN>` are not tags.
pub fn parse(text: &str) -> Parsed {
    let bytes = text.as_bytes();
    let mut position = 1;
    let closing = bytes.get(1) == Some(&b'/');
    if closing {
        position += 1;
    }
    let name_start = position;
    if !bytes.get(position).is_some_and(u8::is_ascii_uppercase) {
        return Parsed::NotATag;
    }
    while bytes.get(position).is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.') {
        position += 1;
    }
    let name = &text[name_start..position];
    if !name.bytes().any(|b| b.is_ascii_lowercase()) {
        return Parsed::NotATag;
    }
    let mut attributes = Vec::new();
    loop {
        while bytes.get(position).is_some_and(u8::is_ascii_whitespace) {
            position += 1;
        }
        match bytes.get(position) {
            None => return Parsed::Incomplete,
            Some(b'>') => return tag(name, closing, false, attributes, position + 1),
            Some(b'/') if bytes.get(position + 1) == Some(&b'>') => {
                return tag(name, closing, true, attributes, position + 2);
            }
            Some(_) if closing => return Parsed::NotATag,
            Some(_) => {}
        }
        let key_start = position;
        while bytes.get(position).is_some_and(|&b| b.is_ascii_alphanumeric() || b"_-:.".contains(&b)) {
            position += 1;
        }
        if position == key_start {
            return Parsed::NotATag;
        }
        let key = text[key_start..position].to_owned();
        while bytes.get(position).is_some_and(u8::is_ascii_whitespace) {
            position += 1;
        }
        if bytes.get(position) != Some(&b'=') {
            attributes.push((key, None));
            continue;
        }
        position += 1;
        while bytes.get(position).is_some_and(u8::is_ascii_whitespace) {
            position += 1;
        }
        let (value, end) = match bytes.get(position) {
            None => return Parsed::Incomplete,
            Some(&quote @ (b'"' | b'\'')) => match text[position + 1..].find(quote as char) {
                Some(offset) => (&text[position + 1..position + 1 + offset], position + offset + 2),
                None => return Parsed::Incomplete,
            },
            Some(b'{') => match matching_brace(&text[position..]) {
                Some(offset) => (&text[position + 1..position + offset], position + offset + 1),
                None => return Parsed::Incomplete,
            },
            Some(_) => return Parsed::NotATag,
        };
        attributes.push((key, Some(value.to_owned())));
        position = end;
    }
}

fn tag(
    name: &str,
    closing: bool,
    self_closing: bool,
    attributes: Vec<(String, Option<String>)>,
    length: usize,
) -> Parsed {
    Parsed::Tag(JsxTag { name: name.to_owned(), closing, self_closing, attributes, length })
}

/// The offset of the `}` matching the `{` that `text` starts with, skipping strings.
fn matching_brace(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (offset, c) in text.char_indices() {
        match (quote, c) {
            (Some(open), c) if c == open => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'' | '`') => quote = Some(c),
            (None, '{') => depth += 1,
            (None, '}') => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(offset);
                }
            }
            (None, _) => {}
        }
    }
    None
}

/// Components whose content is shown as a labelled blockquote, with their label.
pub fn quote_label(tag: &JsxTag) -> Option<String> {
    let kind = match tag.name.as_str() {
        "Note" | "Callout" => "Note",
        "Warning" | "Caution" => "Warning",
        "Tip" => "Tip",
        "Info" => "Info",
        "Danger" => "Danger",
        "Check" => "Check",
        _ => return None,
    };
    Some(tag.attribute("title").map_or(kind, str::trim).to_owned())
}

/// The bold paragraph a component leaves before its content, if any. `step` is the
/// position of a `<Step>` within its `<Steps>`.
pub fn label(tag: &JsxTag, step: usize) -> Option<String> {
    let title = tag.attribute("title").map(str::trim).filter(|title| !title.is_empty());
    match tag.name.as_str() {
        "Card" => title.map(|title| match tag.attribute("href") {
            Some(href) => format!("**[{title}]({href})**"),
            None => format!("**{title}**"),
        }),
        "Step" => Some(match title {
            Some(title) => format!("**{step}. {title}**"),
            None => format!("**Step {step}**"),
        }),
        "ParamField" | "ResponseField" => {
            let name = ["path", "query", "body", "header", "name"].iter().find_map(|key| tag.attribute(key))?;
            let mut details: Vec<&str> = tag.attribute("type").into_iter().collect();
            if tag.has("required") {
                details.push("required");
            }
            let details = if details.is_empty() { String::new() } else { format!(" ({})", details.join(", ")) };
            Some(format!("**`{name}`**{details}"))
        }
        _ => title.map(|title| format!("**{title}**")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Option<JsxTag> {
        match parse(text) {
            Parsed::Tag(tag) => Some(tag),
            _ => None,
        }
    }

    #[test]
    fn opening_tags_with_string_and_expression_attributes_are_read() {
        let tag = parsed("<Card title=\"A > B\" cols={2} style={{ a: \"}\" }} required>rest");
        let tag = tag.expect("a tag");
        assert_eq!(tag.name, "Card");
        assert_eq!(tag.attribute("title"), Some("A > B"));
        assert_eq!(tag.attribute("cols"), Some("2"));
        assert!(tag.has("required"));
        assert_eq!(&"<Card title=\"A > B\" cols={2} style={{ a: \"}\" }} required>rest"[tag.length..], "rest");
    }

    #[test]
    fn closing_and_self_closing_tags_are_recognised() {
        assert!(parsed("</Steps>").is_some_and(|tag| tag.closing && tag.name == "Steps"));
        assert!(parsed("<Events />").is_some_and(|tag| tag.self_closing && tag.name == "Events"));
    }

    #[test]
    fn placeholders_and_html_are_not_components() {
        assert_eq!(parse("<TOKEN>"), Parsed::NotATag);
        assert_eq!(parse("<div>"), Parsed::NotATag);
        assert_eq!(parse("< Card"), Parsed::NotATag);
    }

    #[test]
    fn a_tag_cut_by_the_end_of_a_line_is_incomplete() {
        assert_eq!(parse("<Card\n  title=\"x\""), Parsed::Incomplete);
        assert_eq!(parse("<Card title=\"x"), Parsed::Incomplete);
    }

    #[test]
    fn labels_keep_titles_and_links() {
        let card = parsed("<Card title=\"Docs\" href=\"/docs\">").expect("a tag");
        assert_eq!(label(&card, 0).as_deref(), Some("**[Docs](/docs)**"));
        let step = parsed("<Step title=\"Install\">").expect("a tag");
        assert_eq!(label(&step, 2).as_deref(), Some("**2. Install**"));
        let field = parsed("<ParamField path=\"id\" type=\"string\" required>").expect("a tag");
        assert_eq!(label(&field, 0).as_deref(), Some("**`id`** (string, required)"));
        let group = parsed("<CardGroup cols={2}>").expect("a tag");
        assert_eq!(label(&group, 0), None);
        let warning = parsed("<Warning>").expect("a tag");
        assert_eq!(quote_label(&warning).as_deref(), Some("Warning"));
    }
}
