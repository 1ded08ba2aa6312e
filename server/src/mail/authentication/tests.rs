//! `Authentication-Results` as real receiving servers write them, and forgeries.

use super::*;

const HOST: &str = "mx.acme.example";

fn headers(values: &[&str]) -> Vec<String> {
    values.iter().map(|value| (*value).to_owned()).collect()
}

#[test]
fn headers_in_the_shapes_of_common_servers_are_read() {
    // Gmail, folded over lines, with comments holding `=` and `;`.
    let gmail = parse(
        "mx.google.com;\r\n       dkim=pass header.i=@example.com header.s=20230601 header.b=Ab/c+D=;\r\n       \
         spf=pass (google.com: domain of jane@example.com designates 2a00::1 as permitted sender) \
         smtp.mailfrom=jane@example.com;\r\n       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.com",
    )
    .expect("parsed");
    assert_eq!(gmail.authserv_id, "mx.google.com");
    let methods: Vec<(&str, &str)> =
        gmail.results.iter().map(|result| (result.method.as_str(), result.result.as_str())).collect();
    assert_eq!(methods, [("dkim", "pass"), ("spf", "pass"), ("dmarc", "pass")]);
    assert_eq!(gmail.results[0].property("header.b"), Some("Ab/c+D="), "a value keeps its = and /");
    assert_eq!(gmail.results[1].property("smtp.mailfrom"), Some("jane@example.com"));

    // Microsoft: a version, `action=` before the property, upper-case words.
    let outlook =
        parse("spf.protection.outlook.com 1; SPF=Pass smtp.mailfrom=Example.COM; dmarc=pass action=none header.from=example.com")
            .expect("parsed");
    assert_eq!(outlook.results[0].method, "spf");
    assert_eq!(outlook.results[0].result, "pass");
    assert_eq!(outlook.results[1].method, "dmarc", "a result with a property without a dot is still read");

    // A quoted authserv-id, a method version, spaces around `=`, a quoted reason.
    let quoted = parse("\"mx.acme.example\"; dkim/1 = fail reason=\"bad; sig\" header.d=example.com").expect("parsed");
    assert_eq!(quoted.authserv_id, "mx.acme.example");
    assert_eq!(quoted.results[0].result, "fail");
    assert_eq!(quoted.results[0].property("header.d"), Some("example.com"));

    let none = parse("mx.acme.example; none").expect("parsed");
    assert!(none.results.is_empty());
}

#[test]
fn unreadable_values_count_for_nothing() {
    assert_eq!(parse(""), None);
    assert_eq!(parse("mx.acme.example; dmarc=pass (unterminated"), None);
    assert_eq!(parse("mx.acme.example; dmarc=pass header.from=\"example.com"), None);
    assert_eq!(parse("; dmarc=pass"), None);
    let garbled = parse("mx.acme.example; dmarc pass; =pass; spf=pass smtp.mailfrom").expect("the id is readable");
    assert!(garbled.results.is_empty(), "{garbled:?}");
}

#[test]
fn a_dmarc_pass_from_the_configured_host_for_the_from_domain_authenticates() {
    let passed =
        headers(&["mx.acme.example; spf=fail smtp.mailfrom=bounce.example.net; dmarc=pass header.from=example.com"]);
    assert!(from_is_authenticated(&passed, HOST, "Jane <Jane@Example.COM>"));
    assert!(from_is_authenticated(&passed, "MX.ACME.EXAMPLE", "jane@example.com"), "ids compare without case");
    assert!(!from_is_authenticated(&passed, HOST, "jane@example.org"), "another From domain");
}

#[test]
fn an_aligned_spf_pass_authenticates_unless_dmarc_failed() {
    let subdomain = headers(&["mx.acme.example; spf=pass smtp.mailfrom=bounces@mail.example.com"]);
    assert!(from_is_authenticated(&subdomain, HOST, "jane@example.com"));
    let parent = headers(&["mx.acme.example; spf=pass smtp.mailfrom=example.com"]);
    assert!(
        !from_is_authenticated(&parent, HOST, "jane@mail.example.com"),
        "the parent does not speak for a subdomain"
    );
    let lookalike = headers(&["mx.acme.example; spf=pass smtp.mailfrom=evilexample.com"]);
    assert!(!from_is_authenticated(&lookalike, HOST, "jane@example.com"));
    let helo_only = headers(&["mx.acme.example; spf=pass smtp.helo=example.com"]);
    assert!(!from_is_authenticated(&helo_only, HOST, "jane@example.com"));
    let vetoed = headers(&["mx.acme.example; spf=pass smtp.mailfrom=example.com; dmarc=fail header.from=example.com"]);
    assert!(!from_is_authenticated(&vetoed, HOST, "jane@example.com"));
    let no_policy =
        headers(&["mx.acme.example; spf=pass smtp.mailfrom=example.com; dmarc=none header.from=example.com"]);
    assert!(from_is_authenticated(&no_policy, HOST, "jane@example.com"));
}

#[test]
fn forged_or_failing_results_do_not_authenticate() {
    // The sender wrote a passing header under another host's name.
    let other_host =
        headers(&["mx.evil.example; dmarc=pass header.from=example.com; spf=pass smtp.mailfrom=example.com"]);
    assert!(!from_is_authenticated(&other_host, HOST, "jane@example.com"));
    // A pass inside a comment or a reason is not a result.
    let commented = headers(&["mx.acme.example; dmarc=fail (dmarc=pass) header.from=example.com reason=\"spf=pass\""]);
    assert!(!from_is_authenticated(&commented, HOST, "jane@example.com"));
    let failed = headers(&["mx.acme.example; spf=softfail smtp.mailfrom=example.com; dkim=pass header.d=example.com"]);
    assert!(!from_is_authenticated(&failed, HOST, "jane@example.com"), "DKIM alone is not DMARC");
    let missing_from = headers(&["mx.acme.example; dmarc=pass"]);
    assert!(!from_is_authenticated(&missing_from, HOST, "jane@example.com"), "a pass must name the From domain");
    assert!(!from_is_authenticated(&[], HOST, "jane@example.com"));
    assert!(!from_is_authenticated(&headers(&["mx.acme.example; dmarc=pass header.from=example.com"]), HOST, "jane"));
}

#[test]
fn the_fixtures_are_judged_from_their_whole_headers() {
    let judge = |raw: &[u8]| {
        let mail = crate::mail::InboundMail::parse(raw).expect("a fixture parses");
        let from = mail.from.expect("a sender").address;
        from_is_authenticated(&mail.authentication_results, "mx.helpline.example", &from)
    };
    assert!(judge(include_bytes!("../../../../tests/fixtures/mail/subject-number-dmarc-pass.eml")));
    assert!(judge(include_bytes!("../../../../tests/fixtures/mail/subject-number-spf-aligned.eml")));
    assert!(!judge(include_bytes!("../../../../tests/fixtures/mail/subject-number-forged.eml")));
    assert!(!judge(include_bytes!("../../../../tests/fixtures/mail/new-request.eml")), "no header, no proof");
}
