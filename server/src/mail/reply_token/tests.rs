//! Reply addresses round-trip, survive case-folding, and refuse every kind of tampering.

use super::*;

type TestResult = std::result::Result<(), Box<dyn std::error::Error>>;

const SECRET: &[u8] = b"reply-token tests: a secret of 40 bytes.";
const OTHER_SECRET: &[u8] = b"reply-token tests: another secret, 40 b.";
const BASE: &str = "support@helpline.example";

fn signer() -> Result<ReplyAddress, ReplyAddressError> {
    ReplyAddress::new(SECRET, BASE)
}

/// Replaces the character at `index` with a different one from the same alphabet.
fn change_char(text: &str, index: usize) -> String {
    text.char_indices()
        .map(|(at, c)| {
            if at != index {
                c
            } else if c == '0' {
                '1'
            } else {
                '0'
            }
        })
        .collect()
}

#[test]
fn address_round_trips_to_its_ticket() -> TestResult {
    let signer = signer()?;
    let address = signer.address_for(7, 1001);
    assert!(address.starts_with("support+w7.t1001."), "{address}");
    assert!(address.ends_with("@helpline.example"), "{address}");
    assert_eq!(signer.parse(&address), Some(ReplyTarget { workspace_id: 7, ticket_id: 1001 }));
    Ok(())
}

#[test]
fn token_is_24_lowercase_base32_characters() -> TestResult {
    let address = signer()?.address_for(7, 1001);
    let token = address.split(['.', '@']).nth(2).ok_or("no token")?;
    assert_eq!(token.len(), 24);
    assert!(token.bytes().all(|byte| byte.is_ascii_digit() || (b'a'..=b'v').contains(&byte)), "{token}");
    Ok(())
}

#[test]
fn address_fits_in_an_smtp_local_part() -> TestResult {
    let address = signer()?.address_for(9_999_999, 999_999_999);
    let local = address.split('@').next().ok_or("no local part")?;
    assert!(local.len() <= 64, "{} octets: {local}", local.len());
    Ok(())
}

#[test]
fn extreme_ids_round_trip() -> TestResult {
    let signer = signer()?;
    for (workspace_id, ticket_id) in [(0, 0), (1, i64::MAX), (i64::MAX, 1)] {
        let address = signer.address_for(workspace_id, ticket_id);
        assert_eq!(signer.parse(&address), Some(ReplyTarget { workspace_id, ticket_id }), "{address}");
    }
    Ok(())
}

#[test]
fn uppercased_address_still_verifies() -> TestResult {
    let signer = signer()?;
    let address = signer.address_for(7, 1001).to_ascii_uppercase();
    assert_eq!(signer.parse(&address), Some(ReplyTarget { workspace_id: 7, ticket_id: 1001 }));
    Ok(())
}

#[test]
fn bracketed_and_padded_address_verifies() -> TestResult {
    let signer = signer()?;
    let address = format!("  <{}>\r\n", signer.address_for(7, 1001));
    assert_eq!(signer.parse(&address), Some(ReplyTarget { workspace_id: 7, ticket_id: 1001 }));
    Ok(())
}

#[test]
fn changed_ticket_or_workspace_digits_do_not_verify() -> TestResult {
    let signer = signer()?;
    let address = signer.address_for(7, 1001);
    for tampered in [
        address.replace("t1001", "t1002"),
        address.replace("t1001", "t101"),
        address.replace("w7.", "w8."),
        address.replace("w7.t1001", "w1001.t7"),
    ] {
        assert_ne!(tampered, address);
        assert_eq!(signer.parse(&tampered), None, "{tampered}");
    }
    Ok(())
}

#[test]
fn non_canonical_ids_do_not_verify() -> TestResult {
    let signer = signer()?;
    let address = signer.address_for(7, 1001);
    for respelled in [address.replace("t1001", "t01001"), address.replace("w7", "w+7"), address.replace("w7", "w07")] {
        assert_eq!(signer.parse(&respelled), None, "{respelled}");
    }
    Ok(())
}

#[test]
fn forged_or_altered_signature_does_not_verify() -> TestResult {
    let signer = signer()?;
    let address = signer.address_for(7, 1001);
    let token_start = "support+w7.t1001.".len();
    for index in [token_start, token_start + 11, token_start + 23] {
        let altered = change_char(&address, index);
        assert_eq!(signer.parse(&altered), None, "{altered}");
    }
    let forged = "support+w7.t1001.000000000000000000000000@helpline.example";
    assert_eq!(signer.parse(forged), None);
    let truncated = format!("{}{}", &address[..token_start + 20], &address[token_start + 24..]);
    assert_eq!(signer.parse(&truncated), None, "{truncated}");
    Ok(())
}

#[test]
fn token_from_another_ticket_does_not_verify() -> TestResult {
    let signer = signer()?;
    let other = signer.address_for(7, 1002);
    let token = other.split(['.', '@']).nth(2).ok_or("no token")?;
    let spliced = format!("support+w7.t1001.{token}@helpline.example");
    assert_eq!(signer.parse(&spliced), None);
    Ok(())
}

#[test]
fn address_signed_with_another_secret_does_not_verify() -> TestResult {
    let address = ReplyAddress::new(OTHER_SECRET, BASE)?.address_for(7, 1001);
    assert_eq!(signer()?.parse(&address), None);
    Ok(())
}

#[test]
fn address_for_another_base_does_not_verify() -> TestResult {
    let signer = signer()?;
    let address = signer.address_for(7, 1001);
    for moved in [
        address.replace("@helpline.example", "@evil.example"),
        address.replace("support+", "sales+"),
        address.replace("support+", "xsupport+"),
        address.replace("@helpline.example", "@sub.helpline.example"),
    ] {
        assert_eq!(signer.parse(&moved), None, "{moved}");
    }
    Ok(())
}

#[test]
fn garbage_is_refused_without_panicking() -> TestResult {
    let signer = signer()?;
    let valid = signer.address_for(7, 1001);
    let mut inputs: Vec<String> = [
        "",
        "@",
        "+@",
        "support@helpline.example",
        "support+@helpline.example",
        "support+w7@helpline.example",
        "support+w7.t1001@helpline.example",
        "support+w7.t1001.@helpline.example",
        "support+w.t.aaaaaaaaaaaaaaaaaaaaaaaa@helpline.example",
        "support+w7.t1001.zzzzzzzzzzzzzzzzzzzzzzzz@helpline.example",
        "support+w99999999999999999999.t1.000000000000000000000000@helpline.example",
        "support+w7.t1001.ééééééééééééééééééééééé@helpline.example",
        "Jane <jane@example.com>",
        "\u{0}\u{1}\r\n",
    ]
    .map(str::to_owned)
    .to_vec();
    inputs.push(format!("{valid}.extra"));
    inputs.push(valid.replace(".t1001.", ".t1001.x."));
    inputs.push(valid.replace('@', "@@"));
    // Every prefix of a valid address, cut at any character.
    inputs.extend((0..valid.len()).map(|end| valid[..end].to_owned()));
    for input in &inputs {
        assert_eq!(signer.parse(input), None, "{input:?}");
    }
    Ok(())
}

#[test]
fn short_secret_is_refused() {
    assert_eq!(ReplyAddress::new(b"too short", BASE).err(), Some(ReplyAddressError::SecretTooShort { length: 9 }));
}

#[test]
fn unusable_base_addresses_are_refused() {
    for base in ["", "support", "@helpline.example", "support@", "support+x@helpline.example", "a b@c", "a@b@c"] {
        assert!(
            matches!(ReplyAddress::new(SECRET, base), Err(ReplyAddressError::InvalidBase { .. })),
            "{base:?} was accepted"
        );
    }
}

#[test]
fn debug_output_hides_the_secret() -> TestResult {
    let shown = format!("{:?}", signer()?);
    assert_eq!(shown, r#"ReplyAddress { base: support@helpline.example }"#);
    Ok(())
}

#[test]
fn chat_addresses_round_trip_and_never_pass_for_a_ticket() -> TestResult {
    let signer = signer()?;
    let chat = signer.chat_address_for(7, 55);
    assert!(chat.starts_with("support+w7.c55."), "{chat}");
    assert_eq!(signer.parse_chat(&chat), Some(ChatTarget { workspace_id: 7, conversation_id: 55 }));
    assert_eq!(signer.parse_chat(&chat.to_uppercase()), Some(ChatTarget { workspace_id: 7, conversation_id: 55 }));
    // A chat's address is no ticket's, and a ticket's token does not open a chat, even
    // with the letter changed: the two are signed under different labels.
    assert_eq!(signer.parse(&chat), None);
    let ticket = signer.address_for(7, 55);
    assert_eq!(signer.parse_chat(&ticket), None);
    assert_eq!(signer.parse_chat(&ticket.replacen(".t55.", ".c55.", 1)), None);
    assert_eq!(signer.parse(&chat.replacen(".c55.", ".t55.", 1)), None);
    // Another conversation's id under this token, or another secret, verifies nothing.
    assert_eq!(signer.parse_chat(&chat.replacen(".c55.", ".c56.", 1)), None);
    assert_eq!(ReplyAddress::new(OTHER_SECRET, BASE)?.parse_chat(&chat), None);
    Ok(())
}
