//! Article Markdown to HTML: CommonMark (with tables and strikethrough) through
//! pulldown-cmark, then a strict allow-list sanitiser (ammonia), so an article can
//! never carry script, style, frames, SVG, MathML, event handlers or `javascript:` URLs
//! into the messenger. Also the plain text the search index reads.
//!
//! Rendering is the expensive part of an article: the sanitiser's HTML parser takes
//! time that grows with the square of the nesting depth (15,000 nested block quotes
//! cost over a second). So bodies nested deeper than `MAX_ARTICLE_NESTING` are refused
//! before the sanitiser sees them, and `render` runs off the async workers, a few at a
//! time. Articles are rendered when saved, never when viewed.

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use anyhow::Context;
pub use protocol::limits::MAX_ARTICLE_NESTING;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use tokio::sync::Semaphore;

/// How long a render waits for its turn before the server answers that it is busy.
const RENDER_WAIT: Duration = Duration::from_secs(2);

/// Why an article body was not rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The body nests block quotes, lists or HTML elements deeper than allowed.
    /// Worded in the request's language (`crate::language`): it refuses an editor's text.
    #[error("{}", crate::language::say_with("article-too-deep", &[("max", MAX_ARTICLE_NESTING.into())]))]
    TooDeep,
    /// Every render slot stayed taken for `RENDER_WAIT`.
    #[error("the server is busy rendering; please try again in a moment")]
    Busy,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// Markdown features articles may use.
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Renders article Markdown to sanitised HTML on a blocking thread, with at most one
/// render per core at once in this process. Every path that stores an article's HTML
/// (console save and preview, imports, the lazy fill of older rows) comes through here.
pub async fn render(markdown: String) -> Result<String, RenderError> {
    let permit = tokio::time::timeout(RENDER_WAIT, Arc::clone(render_slots()).acquire_owned())
        .await
        .map_err(|_elapsed| RenderError::Busy)?
        .context("render slots closed")?;
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        to_html(&markdown)
    })
    .await
    .context("join render")?
}

/// Renders article Markdown to sanitised HTML, here and now; refuses a body nested
/// deeper than `MAX_ARTICLE_NESTING`.
pub fn to_html(markdown: &str) -> Result<String, RenderError> {
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(markdown, options()));
    if nesting_depth(&html) > MAX_ARTICLE_NESTING {
        return Err(RenderError::TooDeep);
    }
    Ok(sanitizer().clean(&html).to_string())
}

/// What a visitor sees in place of an article stored before the nesting limit whose
/// body is nested too deeply to render.
pub const TOO_DEEP_NOTICE: &str = "<p>This article cannot be shown: its text is nested too deeply. \
                                   An editor needs to simplify it.</p>";

/// How deeply `html` nests elements, counted the way the sanitiser's parser pays for
/// it: every start tag opens a level and every end tag closes one, except void
/// elements (`<br>`, `<img>`…), self-closing tags, and elements whose end tag may be
/// left out (`<p>`, `<li>`, `<td>`…), which the parser closes by itself and which
/// therefore do not make it slower. Markdown's own block quotes and lists arrive here
/// as `<blockquote>`, `<ul>` and `<ol>`; raw HTML in the body counts the same way.
pub fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut at = 0;
    while let Some(offset) = bytes.get(at..).and_then(|rest| rest.iter().position(|&b| b == b'<')) {
        let start = at + offset + 1;
        let closing = bytes.get(start) == Some(&b'/');
        let name_start = if closing { start + 1 } else { start };
        let name_len = bytes
            .get(name_start..)
            .map_or(0, |rest| rest.iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-').count());
        // A tag left unfinished at the end opens nothing: the parser drops it.
        let Some(end) = bytes.get(name_start..).and_then(|rest| rest.iter().position(|&b| b == b'>')) else {
            break;
        };
        let end = name_start + end;
        at = end + 1;
        let starts_with_letter = bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic);
        if name_len == 0 || !starts_with_letter {
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        if VOID_OR_SELF_CLOSING.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if bytes.get(end - 1) == Some(&b'/') {
            // `<div/>`: self-closing, opens nothing.
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// Elements that never hold others open, or whose end tag the parser supplies itself.
const VOID_OR_SELF_CLOSING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "rb", "rt",
    "rp", "rtc", "colgroup", "caption",
];

fn render_slots() -> &'static Arc<Semaphore> {
    static SLOTS: OnceLock<Arc<Semaphore>> = OnceLock::new();
    SLOTS.get_or_init(|| Arc::new(Semaphore::new(std::thread::available_parallelism().map_or(1, usize::from))))
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
        let html =
            to_html("# Title\n\nSome **bold** text and `code`.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n").expect("render");
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
            let html = to_html(payload).expect("render").to_ascii_lowercase();
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
        let html = to_html("[docs](https://docs.example/a) and [local](/help/b)").expect("render");
        assert!(html.contains("href=\"https://docs.example/a\""), "{html}");
        assert!(html.contains("href=\"/help/b\""), "{html}");
        assert!(html.contains("rel=\"noopener noreferrer nofollow\""), "{html}");
    }

    #[test]
    fn plain_text_drops_markup_but_keeps_words() {
        let text = to_plain_text("# Refunds\n\nIssue a **refund** from the [order page](/orders).\n\n- one\n- two\n");
        assert_eq!(text, "Refunds\nIssue a refund from the order page.\none\ntwo");
    }

    #[test]
    fn nesting_is_measured_on_markdown_and_raw_html_alike() {
        let depth = |markdown: &str| {
            let mut html = String::new();
            pulldown_cmark::html::push_html(&mut html, Parser::new_ext(markdown, options()));
            nesting_depth(&html)
        };
        assert_eq!(depth("plain *text*"), 1, "the emphasis inside a paragraph");
        assert_eq!(depth("> > > quoted"), 3);
        assert_eq!(depth("- a\n  - b\n    - c\n"), 3, "one level per list");
        assert_eq!(depth("<div><div><span>x</span></div></div>"), 3);
        assert_eq!(depth("<p>a<p>b<p>c<br><img src=x><hr/>"), 0, "closed by the parser or void");
        assert_eq!(depth("<div/><div/>"), 0);
        assert_eq!(depth("`<div><div>` and 1 < 2"), 1, "code and text are escaped, not markup");
        assert_eq!(nesting_depth("</div></div><a"), 0, "stray and unfinished tags");
    }

    #[test]
    fn pathological_nesting_is_refused_quickly_and_deep_but_sane_nesting_renders() {
        let at = std::time::Instant::now();
        for body in [
            format!("{} x", ">".repeat(15_000)),
            format!("{}x", "- ".repeat(15_000)),
            format!("{}x", "<blockquote>".repeat(15_000)),
            format!("{}x", "1. ".repeat(15_000)),
        ] {
            assert!(matches!(to_html(&body), Err(RenderError::TooDeep)), "{}", &body[..20]);
        }
        assert!(at.elapsed() < Duration::from_secs(1), "refused in {:?}", at.elapsed());
        let deep = format!("{} x", ">".repeat(MAX_ARTICLE_NESTING));
        assert_eq!(to_html(&deep).expect("at the limit").matches("<blockquote>").count(), MAX_ARTICLE_NESTING);
    }

    #[tokio::test]
    async fn render_runs_off_the_async_workers() {
        let html = render("# Hello".to_owned()).await.expect("render");
        assert_eq!(html.trim(), "<h1>Hello</h1>");
        assert!(matches!(render(format!("{} x", ">".repeat(500))).await, Err(RenderError::TooDeep)));
    }
}
