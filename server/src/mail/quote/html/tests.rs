//! HTML-only replies: quote containers of Gmail, Apple Mail and Thunderbird read as `>`
//! lines, answers typed between and after them kept, Outlook's history cut, and the
//! author's own indented text and hostile markup left alone.

use super::*;

#[test]
fn gmail_html_quote_is_removed() {
    let html = r#"<div dir="ltr">New words</div><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">On Tue wrote:</div><blockquote class="gmail_quote">old</blockquote></div>"#;
    assert_eq!(strip_quoted_html(html), "New words");
}

#[test]
fn outlook_and_apple_html_quotes_are_removed() {
    let outlook =
        r#"<div>New</div><div id="appendonsend"></div><hr><div id="divRplyFwdMsg" dir="ltr"><b>From:</b></div>"#;
    let apple = r#"<div>New</div><div><br><blockquote type="cite"><div>On 3 Nov wrote:</div></blockquote></div>"#;
    assert_eq!(strip_quoted_html(outlook), "New");
    assert_eq!(strip_quoted_html(apple), "New");
}

#[test]
fn html_without_quotes_is_all_kept() {
    assert_eq!(strip_quoted_html("<p>Ünïcode and <b>bold</b></p>"), "Ünïcode and bold");
}

#[test]
fn answers_between_thunderbird_blockquotes_are_kept_with_their_questions() {
    let html = r#"<p>Answers below.</p>
        <div class="moz-cite-prefix">On 03/11/2026 15:30, Sam wrote:<br></div>
        <blockquote type="cite"><p>Which browser?</p></blockquote>
        <p>Firefox 140.</p>
        <blockquote type="cite"><p>Every time?</p></blockquote>
        <p>Yes.</p>
        <blockquote type="cite"><p>Thanks,<br>Sam</p></blockquote>
        <div class="moz-signature">-- <br>Jane</div>"#;
    assert_eq!(
        strip_quoted_html(html),
        "Answers below.\n> On 03/11/2026 15:30, Sam wrote:\n> Which browser?\nFirefox 140.\n> Every time?\nYes."
    );
}

#[test]
fn an_answer_after_a_gmail_quote_is_kept() {
    let html = r#"<div>See below.</div><div class="gmail_quote"><div class="gmail_attr">On Tue, 3 Nov 2026 at 10:00, Sam wrote:<br></div><blockquote class="gmail_quote">Which browser?</blockquote></div><div>Firefox 140.</div>"#;
    assert_eq!(
        strip_quoted_html(html),
        "See below.\n> On Tue, 3 Nov 2026 at 10:00, Sam wrote:\n> Which browser?\nFirefox 140."
    );
}

#[test]
fn a_bottom_posted_html_reply_keeps_the_words_below_the_quote() {
    let html =
        r#"<blockquote type="cite">On 3 Nov 2026, at 15:30, Sam wrote:<br>Try again.</blockquote><p>It works now.</p>"#;
    assert_eq!(strip_quoted_html(html), "It works now.");
}

#[test]
fn nested_blockquotes_are_quoted_twice() {
    let html =
        r#"<p>Top</p><blockquote type="cite">Older<blockquote type="cite">Oldest</blockquote>Old again</blockquote>"#;
    assert_eq!(quoted_text(html), "Top\n> Older\n> > Oldest\n> Old again\n");
}

#[test]
fn the_authors_own_indented_text_is_not_a_quote() {
    // Gmail's "indent" button writes a blockquote without the gmail_quote class.
    let html = r#"<p>Steps:</p><blockquote style="margin:0 0 0 40px">open settings<br>click export</blockquote>"#;
    assert_eq!(strip_quoted_html(html), "Steps:\nopen settings\nclick export");
}

#[test]
fn an_unclosed_quote_runs_to_the_end() {
    assert_eq!(strip_quoted_html(r#"<p>Hi</p><blockquote type="cite"><div>old"#), "Hi");
}

#[test]
fn a_quote_left_open_inside_another_ends_with_it() {
    let nested_unclosed = r#"<div class="gmail_quote"><blockquote class="gmail_quote">old</div><p>New.</p>"#;
    assert_eq!(strip_quoted_html(nested_unclosed), "New.");
}

#[test]
fn marker_characters_in_the_input_are_ignored() {
    assert_eq!(strip_quoted_html("<p>a\u{e000}b\u{e002}c\u{e003}</p>"), "abc");
}

#[test]
fn arbitrary_markup_never_panics_or_leaks_markers() {
    let pieces = [
        "<blockquote type=\"cite\">",
        "</blockquote>",
        "<div class=\"gmail_quote\">",
        "<div class=\"moz-signature\">",
        "</div>",
        "<br>",
        "<p>",
        "</p>",
        "<!--",
        "-->",
        "<",
        ">",
        "/>",
        "On 3 Nov 2026 Sam wrote:",
        "words",
        "ü",
        "&amp;",
        "\n",
        "-- ",
        "<div id=\"appendonsend\">",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(state >> 33).unwrap_or(0)
    };
    for length in 0..300 {
        let html: String = (0..length).map(|_| pieces[next() % pieces.len()]).collect();
        let text = strip_quoted_html(&html);
        assert!(!text.contains(['\u{e000}', '\u{e001}', '\u{e002}', '\u{e003}']), "{html:?}");
    }
}
