//! Raw HTML in prose: icon tags are dropped (with the parentheses around them), `<kbd>`
//! becomes inline code, and `<img>` becomes a Markdown image (emoji become their alt
//! text). Other HTML stays: CommonMark allows it and renderers sanitise it.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::markdown::map_prose;

/// An icon: an empty `<i>` element, or an `<img>` whose class names an icon.
const ICON: &str = r#"(?:<i\b[^>]*>\s*</i>|<img\b[^>]*\bclass="[^"]*icon[^"]*"[^>]*>)"#;

static ICON_IN_PARENTHESES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"[ \t]?\(\s*{ICON}\s*\)")).expect("valid icon pattern"));
static ICON_ALONE: LazyLock<Regex> = LazyLock::new(|| Regex::new(ICON).expect("valid icon pattern"));
static KBD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)<kbd\b[^>]*>(.*?)</kbd>").expect("valid kbd pattern"));
static IMG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<img\b[^>]*>").expect("valid img pattern"));
static ATTRIBUTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\b([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')"#).expect("valid attribute pattern"));

/// Rewrites the HTML this module knows about, outside code.
pub fn clean(text: &str) -> String {
    map_prose(text, |prose| {
        let prose = ICON_IN_PARENTHESES.replace_all(prose, "");
        let prose = ICON_ALONE.replace_all(&prose, "");
        let prose = KBD.replace_all(&prose, |caps: &Captures| format!("`{}`", caps[1].trim()));
        IMG.replace_all(&prose, |caps: &Captures| image(&caps[0])).into_owned()
    })
}

/// An `<img>` tag as Markdown: emoji as their alt text, other images as `![alt](src)`.
fn image(tag: &str) -> String {
    let attribute = |name: &str| {
        ATTRIBUTE
            .captures_iter(tag)
            .find(|caps| caps[1].eq_ignore_ascii_case(name))
            .and_then(|caps| caps.get(2).or(caps.get(3)))
            .map(|value| value.as_str().to_owned())
    };
    let alt = attribute("alt").unwrap_or_default().replace(['[', ']'], "");
    let class = attribute("class").or_else(|| attribute("className")).unwrap_or_default();
    if class.split_whitespace().any(|name| name == "emoji") {
        return alt;
    }
    // Sites that ship a light and a dark screenshot mark the dark one `dark:block`; one
    // copy of the picture is enough in an article.
    if class.split_whitespace().any(|name| name == "dark:block") {
        return String::new();
    }
    match attribute("src") {
        Some(src) => format!("![{alt}]({})", src.replace(' ', "%20")),
        None => alt,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icons_are_dropped_with_their_parentheses() {
        let text = "Click **Open** (<i class=\"fa fa-cog\"></i>) now, or <i class=\"zulip-icon x\"></i> there.";
        assert_eq!(clean(text), "Click **Open** now, or  there.");
    }

    #[test]
    fn icon_images_spanning_lines_are_dropped() {
        let text = "Tap the **plus**\n   (<img src=\"/plus.svg\"\n alt=\"plus\" class=\"help-center-icon\"/>) button.";
        assert_eq!(clean(text), "Tap the **plus**\n   button.");
    }

    #[test]
    fn kbd_becomes_inline_code() {
        assert_eq!(clean("Press <kbd>Ctrl</kbd> + <kbd class=\"x\">K</kbd>."), "Press `Ctrl` + `K`.");
    }

    #[test]
    fn images_become_markdown_and_emoji_their_alt_text() {
        assert_eq!(clean("<img src=\"/assets/a b.png\" alt=\"A [x]\" />"), "![A x](/assets/a%20b.png)");
        let pair =
            "<img className=\"dark:hidden\" src=\"/l.png\" />\n<img className=\"hidden dark:block\" src=\"/d.png\" />";
        assert_eq!(clean(pair), "![](/l.png)\n");
        assert_eq!(clean("React with <img alt=\":smile:\" class=\"emoji\" src=\"/e.png\">!"), "React with :smile:!");
    }

    #[test]
    fn html_in_code_is_left_alone() {
        let text = "`<kbd>x</kbd>`\n```html\n<img src=\"a.png\">\n```\n";
        assert_eq!(clean(text), text);
    }
}
