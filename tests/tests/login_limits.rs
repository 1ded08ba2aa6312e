//! Console sign-in under attack, on both databases: wrong passwords meet growing
//! delays per network and per account, answered `429 rate_limited` with `Retry-After`;
//! the real agent still gets in from another network or from a browser that signed in
//! before; unknown emails behave exactly like real ones; and password checks run under
//! a bound, answering `503` beyond it instead of piling up.

use std::time::Duration;

use e2e::{ADMIN_EMAIL, AGENT_EMAIL, Backend, PASSWORD, TestApp};
use protocol::api::Login;
use protocol::{ErrorBody, ErrorCode};
use reqwest::StatusCode;
use rstest::rstest;
use server::Config;

/// Lets the tests speak for many client IPs through `X-Forwarded-For`.
fn behind_proxy(config: &mut Config) {
    config.server.trusted_proxies = vec!["127.0.0.1/32".parse().expect("network")];
}

/// A browser: a cookie jar that keeps the known-device cookie between sign-ins.
fn browser() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).build().expect("client")
}

async fn sign_in(http: &reqwest::Client, app: &TestApp, ip: &str, email: &str, password: &str) -> reqwest::Response {
    http.post(app.url("/api/v1/auth/login"))
        .header("x-forwarded-for", ip)
        .json(&Login { email: email.into(), password: password.into() })
        .send()
        .await
        .expect("sign in")
}

/// Asserts a `429 rate_limited` with matching `Retry-After` and body; returns the
/// wait in seconds and the message.
async fn throttled(response: reqwest::Response) -> (u64, String) {
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let header: u64 = response
        .headers()
        .get("retry-after")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse().ok())
        .expect("Retry-After in seconds");
    let body: ErrorBody = response.json().await.expect("error body");
    assert_eq!(body.code, ErrorCode::RateLimited);
    assert_eq!(body.retry_after_secs, Some(header));
    (header, body.message)
}

async fn refused_credentials(response: reqwest::Response) {
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let body: ErrorBody = response.json().await.expect("error body");
    assert_eq!(body.code, ErrorCode::Unauthorized);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn wrong_passwords_from_one_network_meet_growing_delays_while_another_network_signs_in(#[case] backend: Backend) {
    let app = TestApp::spawn_with(backend, behind_proxy).await;
    let attacker = reqwest::Client::new();
    let attacker_ip = "203.0.113.10";
    for _ in 0..10 {
        refused_credentials(sign_in(&attacker, &app, attacker_ip, ADMIN_EMAIL, "guess").await).await;
    }
    let (wait, message) = throttled(sign_in(&attacker, &app, attacker_ip, ADMIN_EMAIL, "guess").await).await;
    assert_eq!(wait, 1);
    assert!(message.contains("network"), "{message}");
    let (_, _) = throttled(sign_in(&attacker, &app, attacker_ip, ADMIN_EMAIL, PASSWORD).await).await;

    // The real admin, elsewhere, is not held up by one attacking network.
    let admin = sign_in(&browser(), &app, "198.51.100.20", ADMIN_EMAIL, PASSWORD).await;
    assert_eq!(admin.status(), StatusCode::OK);

    // Each further failure doubles the wait.
    let (mut wait, mut waits) = (wait, Vec::new());
    for _ in 0..4 {
        app.state.clock.advance(Duration::from_secs(wait));
        refused_credentials(sign_in(&attacker, &app, attacker_ip, ADMIN_EMAIL, "guess").await).await;
        (wait, _) = throttled(sign_in(&attacker, &app, attacker_ip, ADMIN_EMAIL, "guess").await).await;
        waits.push(wait);
    }
    assert_eq!(waits, [2, 4, 8, 16]);
    let other_account = sign_in(&attacker, &app, attacker_ip, AGENT_EMAIL, PASSWORD).await;
    assert_eq!(other_account.status(), StatusCode::TOO_MANY_REQUESTS, "the network is throttled for every account");

    // Failures are forgotten over time (ten an hour by default).
    app.state.clock.advance(Duration::from_secs(3600));
    let later = sign_in(&attacker, &app, attacker_ip, AGENT_EMAIL, PASSWORD).await;
    assert_eq!(later.status(), StatusCode::OK);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn an_attack_from_many_networks_throttles_the_account_but_a_browser_that_signed_in_before_gets_in(
    #[case] backend: Backend,
) {
    let app = TestApp::spawn_with(backend, behind_proxy).await;
    let known = browser();
    let first = sign_in(&known, &app, "198.51.100.20", ADMIN_EMAIL, PASSWORD).await;
    assert_eq!(first.status(), StatusCode::OK);
    let device_cookie = first
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("helpline_device="))
        .expect("a known-device cookie")
        .to_owned();
    assert!(device_cookie.contains("Path=/api/v1/auth") && device_cookie.contains("HttpOnly"), "{device_cookie}");

    // Two networks use up their free failures on the admin's account: twenty, the
    // account's allowance for browsers it does not know.
    let attacker = reqwest::Client::new();
    for ip in ["203.0.113.1", "203.0.113.2"] {
        for _ in 0..10 {
            refused_credentials(sign_in(&attacker, &app, ip, ADMIN_EMAIL, "guess").await).await;
        }
    }
    let (_, message) = throttled(sign_in(&attacker, &app, "203.0.113.3", ADMIN_EMAIL, "guess").await).await;
    assert!(message.contains("account"), "{message}");
    let fresh = sign_in(&browser(), &app, "192.0.2.50", ADMIN_EMAIL, PASSWORD).await;
    let (_, _) = throttled(fresh).await;

    // The browser that signed in before gets in, even from an attacking network.
    let again = sign_in(&known, &app, "203.0.113.1", ADMIN_EMAIL, PASSWORD).await;
    assert_eq!(again.status(), StatusCode::OK);
    let other_account = sign_in(&browser(), &app, "192.0.2.51", AGENT_EMAIL, PASSWORD).await;
    assert_eq!(other_account.status(), StatusCode::OK, "other accounts are untouched");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn unknown_emails_are_throttled_exactly_like_real_accounts(#[case] backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| {
        behind_proxy(config);
        config.limits.login_failures_per_ip = "3/hour".parse().expect("rate");
        config.limits.login_failures_per_account = "5/hour".parse().expect("rate");
    })
    .await;
    let attack = |email: &'static str, network: &'static str| {
        let app = &app;
        async move {
            let http = reqwest::Client::new();
            let mut answers = Vec::new();
            for (host, tries) in [(1, 4), (2, 3), (3, 1)] {
                for _ in 0..tries {
                    let response = sign_in(&http, app, &format!("{network}.{host}"), email, "guess").await;
                    let status = response.status();
                    let body: ErrorBody = response.json().await.expect("error body");
                    answers.push((status, body.code, body.message));
                }
            }
            answers
        }
    };
    let real = attack(ADMIN_EMAIL, "10.0.1").await;
    let unknown = attack("nobody@acme.example", "10.0.2").await;
    assert_eq!(real, unknown);
    let statuses: Vec<u16> = real.iter().map(|(status, _, _)| status.as_u16()).collect();
    assert_eq!(statuses, [401, 401, 401, 429, 401, 401, 429, 429], "network, then account throttled");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_known_browser_cookie_vouches_only_for_its_own_account_and_cannot_be_forged(#[case] backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| {
        behind_proxy(config);
        config.limits.login_failures_per_ip = "2/hour".parse().expect("rate");
        config.limits.login_failures_per_account = "3/hour".parse().expect("rate");
    })
    .await;
    let agent_browser = browser();
    let signed_in = sign_in(&agent_browser, &app, "198.51.100.20", AGENT_EMAIL, PASSWORD).await;
    assert_eq!(signed_in.status(), StatusCode::OK);
    let cookie = signed_in
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|value| value.strip_prefix("helpline_device="))
        .and_then(|value| value.split(';').next())
        .expect("device cookie")
        .to_owned();

    let attacker = reqwest::Client::new();
    // Three failures from two networks: the account's allowance for unknown browsers.
    for (ip, tries) in [("203.0.113.1", 2), ("203.0.113.2", 1)] {
        for _ in 0..tries {
            refused_credentials(sign_in(&attacker, &app, ip, ADMIN_EMAIL, "guess").await).await;
        }
    }
    // The agent's browser is known for the agent's account, not the admin's.
    let (_, message) = throttled(sign_in(&agent_browser, &app, "198.51.100.20", ADMIN_EMAIL, PASSWORD).await).await;
    assert!(message.contains("account"), "{message}");
    let (issued, rest) = cookie.split_once('.').expect("issued");
    let forged = format!("{}.{rest}", issued.parse::<i64>().expect("issued") + 1);
    for value in [cookie.clone(), forged, "1.AAAAAAAAAAAAAAAAAAAAAA.AAAA".to_owned()] {
        let response = reqwest::Client::new()
            .post(app.url("/api/v1/auth/login"))
            .header("x-forwarded-for", "198.51.100.30")
            .header("cookie", format!("helpline_device={value}"))
            .json(&Login { email: ADMIN_EMAIL.into(), password: PASSWORD.into() })
            .send()
            .await
            .expect("sign in");
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS, "{value}");
    }
    let own = sign_in(&agent_browser, &app, "198.51.100.20", AGENT_EMAIL, PASSWORD).await;
    assert_eq!(own.status(), StatusCode::OK);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_known_browser_that_keeps_failing_is_throttled_on_its_own(#[case] backend: Backend) {
    let app = TestApp::spawn_with(backend, behind_proxy).await;
    let stolen = browser();
    let first = sign_in(&stolen, &app, "198.51.100.20", ADMIN_EMAIL, PASSWORD).await;
    assert_eq!(first.status(), StatusCode::OK);
    for _ in 0..10 {
        refused_credentials(sign_in(&stolen, &app, "203.0.113.9", ADMIN_EMAIL, "guess").await).await;
    }
    let (wait, message) = throttled(sign_in(&stolen, &app, "203.0.113.9", ADMIN_EMAIL, PASSWORD).await).await;
    assert_eq!(wait, 1);
    assert!(message.contains("browser"), "{message}");
    // Its failures were its own: neither its network nor the account counts them.
    let same_network = sign_in(&browser(), &app, "203.0.113.9", ADMIN_EMAIL, PASSWORD).await;
    assert_eq!(same_network.status(), StatusCode::OK);
    app.state.clock.advance(Duration::from_secs(wait));
    let recovered = sign_in(&stolen, &app, "203.0.113.9", ADMIN_EMAIL, PASSWORD).await;
    assert_eq!(recovered.status(), StatusCode::OK);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_sign_in_that_finds_every_password_check_busy_gets_503_and_is_not_counted(#[case] backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| {
        behind_proxy(config);
        config.limits.password_check_wait_ms = 100;
    })
    .await;
    let checks = &app.state.limits.password_checks;
    let held = checks.occupy_all().expect("every slot");
    let http = reqwest::Client::new();
    for _ in 0..12 {
        let response = sign_in(&http, &app, "198.51.100.20", ADMIN_EMAIL, "guess").await;
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers().get("retry-after").and_then(|v| v.to_str().ok()), Some("1"));
        let body: ErrorBody = response.json().await.expect("error body");
        assert_eq!((body.code, body.retry_after_secs), (ErrorCode::Unavailable, Some(1)));
    }
    drop(held);
    // Twelve unanswered attempts were not twelve failures: the network is not throttled.
    let response = sign_in(&http, &app, "198.51.100.20", ADMIN_EMAIL, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(checks.peak(), 1);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn concurrent_wrong_sign_ins_never_check_more_passwords_at_once_than_the_bound(#[case] backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| {
        behind_proxy(config);
        config.limits.password_checks_at_once = 2;
        config.limits.password_check_wait_ms = 300;
    })
    .await;
    let http = reqwest::Client::new();
    let attempts = (0..48).map(|n| {
        let (http, app) = (&http, &app);
        async move {
            let response = sign_in(
                http,
                app,
                &format!("10.9.{}.{}", n / 200, n % 200 + 1),
                &format!("x{n}@acme.example"),
                "guess",
            )
            .await;
            response.status()
        }
    });
    let statuses = tokio::time::timeout(Duration::from_secs(60), futures_util::future::join_all(attempts))
        .await
        .expect("every attempt is answered, none left queued");
    let refused = statuses.iter().filter(|status| **status == StatusCode::UNAUTHORIZED).count();
    let busy = statuses.iter().filter(|status| **status == StatusCode::SERVICE_UNAVAILABLE).count();
    assert_eq!(refused + busy, statuses.len(), "{statuses:?}");
    assert!(refused >= 1, "{statuses:?}");
    let checks = &app.state.limits.password_checks;
    assert_eq!(checks.at_once(), 2);
    assert!(checks.peak() <= 2, "{} password checks ran at once", checks.peak());
}
