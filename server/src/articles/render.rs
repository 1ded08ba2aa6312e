//! Article Markdown to HTML: CommonMark (with tables and strikethrough) through
//! pulldown-cmark, then a strict allow-list sanitiser (ammonia), so an article can
//! never carry script, style, frames, SVG, MathML, event handlers or `javascript:` URLs
//! into the messenger. Also the plain text the search index reads.

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Markdown features articles may use.
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Renders article Markdown to sanitised HTML.
pub fn to_html(markdown: &str) -> String {
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(markdown, options()));
    sanitizer().clean(&html).to_string()
}

/// The readable text of an article, without markup: what search indexes and snippets
/// quote, and how the importer tells a page with no content.
pub fn to_plain_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(piece) | Event::Code(piece) => text.push_str(&piece),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::Start(Tag::Item)
            | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::TableCell)
                if !text.ends_with(char::is_whitespace) && !text.is_empty() =>
            {
                text.push('\n');
            }
            _ => {}
        }
    }
    text.trim().to_owned()
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let tags: HashSet<&str> = [
            "p",
            "br",
            "hr",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "strong",
            "em",
            "del",
            "code",
            "pre",
            "blockquote",
            "ul",
            "ol",
            "li",
            "a",
            "img",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "kbd",
            "sup",
            "sub",
        ]
        .into_iter()
        .collect();
        let mut builder = ammonia::Builder::empty();
        builder
            .tags(tags)
            .add_tag_attributes("a", ["href", "title"])
            .add_tag_attributes("img", ["src", "alt", "title"])
            .add_tag_attributes("th", ["align"])
            .add_tag_attributes("td", ["align"])
            .add_tag_attributes("ol", ["start"])
            .url_schemes(["http", "https", "mailto"].into_iter().collect())
            .url_relative(ammonia::UrlRelative::PassThrough)
            .link_rel(Some("noopener noreferrer nofollow"))
            .strip_comments(true);
        builder
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_renders_to_html() {
        let html = to_html("# Title\n\nSome **bold** text and `code`.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(html.contains("<h1>Title</h1>"), "{html}");
        assert!(html.contains("<strong>bold</strong>") && html.contains("<code>code</code>"), "{html}");
        assert!(html.contains("<table>") && html.contains("<td>1</td>"), "{html}");
    }

    #[test]
    fn dangerous_markup_is_removed() {
        let payloads = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<svg onload=alert(1)><circle/></svg>",
            "<math><mi>x</mi></math>",
            "<style>body{display:none}</style>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<object data=\"x\"></object><embed src=\"x\">",
            "<form action=\"https://evil.example\"><input name=a></form>",
            "<a href=\"data:text/html,<script>alert(1)</script>\">d</a>",
        ];
        for payload in payloads {
            let html = to_html(payload).to_ascii_lowercase();
            for needle in [
                "<script",
                "onerror",
                "onload",
                "javascript:",
                "<iframe",
                "<svg",
                "<math",
                "<style",
                "style=",
                "<object",
                "<embed",
                "<form",
                "<input",
                "data:text",
            ] {
                assert!(!html.contains(needle), "{payload:?} rendered as {html:?}");
            }
        }
    }

    #[test]
    fn safe_links_keep_their_target_and_get_a_safe_rel() {
        let html = to_html("[docs](https://docs.example/a) and [local](/help/b)");
        assert!(html.contains("href=\"https://docs.example/a\""), "{html}");
        assert!(html.contains("href=\"/help/b\""), "{html}");
        assert!(html.contains("rel=\"noopener noreferrer nofollow\""), "{html}");
    }

    #[test]
    fn plain_text_drops_markup_but_keeps_words() {
        let text = to_plain_text("# Refunds\n\nIssue a **refund** from the [order page](/orders).\n\n- one\n- two\n");
        assert_eq!(text, "Refunds\nIssue a refund from the order page.\none\ntwo");
    }
}
