//! Quoted history in the shapes common clients write it, and customer text that merely
//! looks like it.

use super::*;

const NEW: &str = "Thanks, that worked.\n\nOne more question: can I export to PDF too?";

#[test]
fn gmail_attribution_and_quote_are_removed() {
    let reply = format!(
        "{NEW}\n\nOn Tue, 3 Nov 2026 at 15:30, Acme Support <support@helpline.example> wrote:\n\n> Hello,\n>\n> Try again.\n"
    );
    assert_eq!(strip_quoted(&reply), NEW);
}

#[test]
fn gmail_attribution_wrapped_over_two_lines_is_removed() {
    let reply = format!(
        "{NEW}\n\nOn Tue, Nov 3, 2026 at 3:30 PM Acme Billing Support <\nsupport@helpline.example> wrote:\n\n> Hello,\n"
    );
    assert_eq!(strip_quoted(&reply), NEW);
}

#[test]
fn apple_mail_attribution_is_removed_quoted_or_not() {
    let unquoted = format!("{NEW}\n\nOn 3 Nov 2026, at 15:30, Sam Patel <support@helpline.example> wrote:\n\n> Hi,\n");
    let quoted =
        format!("{NEW}\n\n> On 3 Nov 2026, at 15:30, Sam Patel <support@helpline.example> wrote:\n> \n> Hi,\n");
    assert_eq!(strip_quoted(&unquoted), NEW);
    assert_eq!(strip_quoted(&quoted), NEW);
}

#[test]
fn german_and_french_attributions_are_removed() {
    for attribution in [
        "Am Di., 3. Nov. 2026 um 15:30 Uhr schrieb Acme Support <support@helpline.example>:",
        "Le mar. 3 nov. 2026 à 15:30, Acme Support <support@helpline.example> a écrit :",
        "Le mar. 3 nov. 2026 à 15:30, Acme Support <support@helpline.example> a écrit\u{a0}:",
    ] {
        let reply = format!("{NEW}\n\n{attribution}\n\n> Bonjour,\n");
        assert_eq!(strip_quoted(&reply), NEW, "{attribution}");
    }
}

#[test]
fn outlook_header_block_with_rule_is_removed() {
    let reply = format!(
        "{NEW}\n\n________________________________\nFrom: Acme Support <support@helpline.example>\nSent: Wednesday, November 4, 2026 16:20\nTo: Tomás Okafor <tomas.okafor@example.net>\nSubject: Re: [#1002] Invoice totals\n\nHello Tomás,\n"
    );
    assert_eq!(strip_quoted(&reply), NEW);
}

#[test]
fn outlook_original_message_separator_is_removed() {
    for separator in ["-----Original Message-----", "----- Original Message -----", "-----Ursprüngliche Nachricht-----"]
    {
        let reply = format!(
            "{NEW}\r\n\r\n{separator}\r\nFrom: Acme Support [mailto:support@helpline.example]\r\nSent: Wednesday, November 4, 2026 4:20 PM\r\nTo: Tomás\r\nSubject: Re: invoices\r\n\r\nHello,\r\n"
        );
        assert_eq!(strip_quoted(&reply), NEW, "{separator}");
    }
}

#[test]
fn german_outlook_header_block_is_removed() {
    let reply = format!(
        "{NEW}\n\nVon: Acme Support <support@helpline.example>\nGesendet: Mittwoch, 4. November 2026 16:20\nAn: Jana <jana@example.net>\nBetreff: AW: Rechnungen\n\nHallo,\n"
    );
    assert_eq!(strip_quoted(&reply), NEW);
}

#[test]
fn bold_labels_from_converted_html_are_recognised() {
    let reply = format!(
        "{NEW}\n\n*From:* Acme Support <support@helpline.example>\n*Sent:* Wednesday, November 4, 2026 16:20\n*To:* Tomás\n*Subject:* Re: invoices\n"
    );
    assert_eq!(strip_quoted(&reply), NEW);
}

#[test]
fn trailing_quoted_lines_without_attribution_are_removed() {
    let reply = format!("{NEW}\n\n> Hello,\n>\n> Try again.\n\n");
    assert_eq!(strip_quoted(&reply), NEW);
}

#[test]
fn signature_after_delimiter_is_removed() {
    let reply = format!("{NEW}\n\n-- \nJane Doe\nExample Ltd.\n");
    assert_eq!(strip_quoted(&reply), NEW);
}

#[test]
fn text_that_mentions_writing_is_kept() {
    let text = "On Monday my colleague wrote:\nthe export works from the API.\n\nMy manager wrote a note about it too.";
    assert_eq!(strip_quoted(text), text);
}

#[test]
fn dated_sentence_ending_in_wrote_is_kept_when_no_quote_follows() {
    let text = "On 3 November at 10:00 our accountant wrote:\nplease keep the old invoice numbers.";
    assert_eq!(strip_quoted(text), text);
}

#[test]
fn inline_answers_between_quotes_are_kept() {
    let text = "> Which browser do you use?\nFirefox 140.\n\n> Does it happen every time?\nYes, every time.";
    let reply = format!("{text}\n\n> Thanks,\n> Sam\n");
    assert_eq!(strip_quoted(&reply), text);
}

#[test]
fn forwarded_messages_are_kept() {
    for marker in ["---------- Forwarded message ---------", "Begin forwarded message:"] {
        let text = format!(
            "Please see the error below.\n\n{marker}\n\nFrom: Billing <billing@example.net>\nDate: Tue, 3 Nov 2026 at 10:00\nSubject: Export failed\nTo: <me@example.com>\n\nExport failed at 99%."
        );
        assert_eq!(strip_quoted(&text), text, "{marker}");
    }
}

#[test]
fn dashes_and_underscores_in_text_are_kept() {
    let text = "Steps:\n-- open settings\n__________\nthen click export";
    assert_eq!(strip_quoted(text), text);
}

#[test]
fn leading_and_trailing_blank_lines_go() {
    assert_eq!(strip_quoted("\n\n  \nHello\n\n\n"), "Hello");
}

#[test]
fn only_quotes_give_empty_text() {
    assert_eq!(strip_quoted("> all quoted\n> here\n"), "");
    assert_eq!(strip_quoted(""), "");
}

#[test]
fn gmail_html_quote_is_cut() {
    let html = r#"<div dir="ltr">New words</div><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">On Tue wrote:</div><blockquote class="gmail_quote">old</blockquote></div>"#;
    assert_eq!(strip_quoted_html(html), r#"<div dir="ltr">New words</div><br>"#);
}

#[test]
fn outlook_and_apple_html_quotes_are_cut() {
    let outlook =
        r#"<div>New</div><div id="appendonsend"></div><hr><div id="divRplyFwdMsg" dir="ltr"><b>From:</b></div>"#;
    let apple = r#"<div>New</div><div><br><blockquote type="cite"><div>On 3 Nov wrote:</div></blockquote></div>"#;
    assert_eq!(strip_quoted_html(outlook), "<div>New</div>");
    assert_eq!(strip_quoted_html(apple), "<div>New</div><div><br>");
}

#[test]
fn html_without_quotes_is_unchanged() {
    let html = "<p>Ünïcode and <b>bold</b></p>";
    assert_eq!(strip_quoted_html(html), html);
}
