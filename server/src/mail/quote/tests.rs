//! Quoted history in the shapes common clients write it (top-posted, bottom-posted and
//! interleaved with answers), and customer text that merely looks like it. The HTML
//! path is tested in `quote/html/tests.rs`, whole client messages in `mail/fixtures.rs`.

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
fn inline_answers_after_an_attribution_are_kept_with_their_questions() {
    // The reported case: everything after "On … wrote:" was cut, answers included.
    let typed = "Hi Sam, my answers are inline below.\n\n\
                 On 3 Nov 2026, at 15:30, Sam Patel <support@helpline.example> wrote:\n\
                 > Which browser do you use?\n\
                 Firefox 140.\n\
                 > Does it happen every time?\n\
                 Yes, every time.";
    let reply = format!("{typed}\n>\n> Kind regards,\n> Sam\n\n-- \nJane Doe\nExample Ltd.\n");
    assert_eq!(strip_quoted(&reply), typed);
}

#[test]
fn bottom_posted_reply_keeps_only_the_words_below_the_quote() {
    let reply = format!(
        "On Tue, Nov 03, 2026 at 03:30:00PM +0000, Acme Support wrote:\n> Hello,\n>\n> Try again.\n\n{NEW}\n\n-- \nJane Doe\n"
    );
    assert_eq!(strip_quoted(&reply), NEW);
}

#[test]
fn bottom_posted_reply_without_attribution_keeps_only_the_words_below_the_quote() {
    let reply = format!("> Hello,\n> Try again.\n\n{NEW}\n");
    assert_eq!(strip_quoted(&reply), NEW);
}

#[test]
fn answers_below_a_signature_placed_above_the_quote_are_kept() {
    let reply = "Answers below.\n\n-- \nJane Doe\n\n\
                 On 3 Nov 2026, at 15:30, Sam Patel <support@helpline.example> wrote:\n\
                 > Which browser?\nFirefox 140.\n> Thanks,\n> Sam\n";
    assert_eq!(
        strip_quoted(reply),
        "Answers below.\n\nOn 3 Nov 2026, at 15:30, Sam Patel <support@helpline.example> wrote:\n> Which browser?\nFirefox 140."
    );
}

#[test]
fn a_quote_under_an_unrecognised_introduction_is_kept_with_the_answer_below_it() {
    // "Sam wrote:" has no date, so it might be the customer's own words: keep it all.
    let text = "Sam wrote:\n> Which browser?\n\nFirefox 140.";
    assert_eq!(strip_quoted(text), text);
}

#[test]
fn words_after_the_last_quote_of_a_top_posted_reply_are_kept() {
    let reply = format!(
        "{NEW}\n\nOn Tue, 3 Nov 2026 at 15:30, Acme Support <support@helpline.example> wrote:\n> Hello,\n\nPS: the PDF export is for our auditors."
    );
    assert_eq!(strip_quoted(&reply), reply);
}

#[test]
fn outlook_history_is_cut_even_after_inline_answers() {
    // Nothing after Outlook's unquoted history can be told apart from it.
    let typed = "> Which browser?\nFirefox 140.\n> Every time?\nYes.";
    let reply = format!(
        "{typed}\n\n-----Original Message-----\nFrom: Acme Support\nSent: Wednesday\nTo: Jane\nSubject: Re: export\n\nHello"
    );
    assert_eq!(strip_quoted(&reply), typed);
}

#[test]
fn signature_only_gives_empty_text() {
    assert_eq!(strip_quoted("-- \nJane Doe\n"), "");
    assert_eq!(strip_quoted("On 3 Nov 2026, at 15:30, Sam wrote:\n> Hi\n\n-- \nJane\n"), "");
}
