//! The demo host application's account pages, for trying support access end to end:
//! `/demo/account` is the customer's page (signed in, verified to Helpline, with the
//! messenger's Support access screen one click away), and `/demo/admin` is the host's
//! admin tooling as its support team sees it. The admin view honours grants only
//! through Helpline's real backend API, with the demo's API key, as a host would: it
//! lists the customer's grants, shows the account while one is active, and, under an
//! "act on my behalf" grant, changes the billing address after verifying a grant token
//! and records the change as an action the customer sees in the messenger.

use axum::extract::State;
use axum::http::header::{HOST, ORIGIN};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use protocol::access::{AccessLevel, Grant, GrantToken};
use serde::Deserialize;
use serde_json::json;

use super::pages::escape;
use crate::access::token;
use crate::demo::{CUSTOMER_EMAIL, CUSTOMER_ID, CUSTOMER_NAME, MAX_ADDRESS_CHARS, SUPPORT_AGENT};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/demo/account", get(account))
        .route("/demo/admin", get(admin))
        .route("/demo/admin/billing", post(change_billing))
}

/// Why a demo page cannot be shown.
struct DemoError(StatusCode, String);

impl IntoResponse for DemoError {
    fn into_response(self) -> Response {
        (self.0, Html(page("Larkspur admin", &format!("<p role=\"alert\">{}</p>", escape(&self.1))))).into_response()
    }
}

impl From<anyhow::Error> for DemoError {
    fn from(error: anyhow::Error) -> Self {
        tracing::error!(error = format!("{error:#}"), "demo host page failed");
        Self(StatusCode::BAD_GATEWAY, "The demo's admin tooling could not reach Helpline's API.".to_owned())
    }
}

/// The demo's app id and this server's origin, as the browser reached it.
fn demo_of(state: &AppState, headers: &HeaderMap) -> Result<(String, String), DemoError> {
    let Some(app_id) = state.demo_app_id.clone() else {
        return Err(DemoError(StatusCode::NOT_FOUND, "The demo is off. Start the server with --demo.".to_owned()));
    };
    let server = match (&state.public_origin, headers.get(HOST).and_then(|host| host.to_str().ok())) {
        (Some(origin), _) => origin.to_string(),
        (None, Some(host)) => format!("http://{host}"),
        (None, None) => return Err(DemoError(StatusCode::BAD_REQUEST, "The request has no Host header.".to_owned())),
    };
    Ok((app_id, server))
}

/// The customer's page: signed in as the demo customer, whom the page proves to
/// Helpline with a `user_hash` made with the workspace's identity secret.
async fn account(State(state): State<AppState>, headers: HeaderMap) -> Result<Html<String>, DemoError> {
    let (app_id, server) = demo_of(&state, &headers)?;
    let secret = identity_secret(&state, &app_id).await?;
    let identity = json!({
        "user_id": CUSTOMER_ID,
        "name": CUSTOMER_NAME,
        "email": CUSTOMER_EMAIL,
        "user_hash": crate::identity::proof::user_hash(&secret, CUSTOMER_ID),
    });
    let body = format!(
        r#"<div class="card"><h1>Your account</h1>
<p>Signed in as <strong>{name}</strong> ({email}).</p>
<table><tr><th>Plan</th><td>Team, billed yearly</td></tr>
<tr><th>Billing address</th><td id="billing">{address}</td></tr></table></div>
<div class="card"><h2>Support access</h2>
<p id="access-state" role="status">Support cannot open your account.</p>
<p>Open <strong>Help</strong>, then <strong>Support access</strong>, to let the support team see your account
or act on your behalf for a while. The Help button shows an eye or a headset while they may, and you can revoke
it there at any time. The support team's side is the <a href="/demo/admin" target="_blank" rel="noopener">admin
view</a>, which asks Helpline's backend API before it shows anything.</p></div>
<script>
window.Helpline = window.Helpline || function () {{ (window.Helpline.q = window.Helpline.q || []).push(arguments); }};
Helpline('identify', {identity});
Helpline('on', 'access', function (access) {{
  document.getElementById('access-state').textContent = !access ? 'Support cannot open your account.' :
    (access.level === 'act' ? 'Support may act on your behalf' : 'Support may view your account') +
    ' until ' + new Date(access.until).toLocaleString() + '.';
}});
</script>
<script src="{server}/helpline.js" data-app-id="{app_id}" async></script>"#,
        name = escape(CUSTOMER_NAME),
        email = escape(CUSTOMER_EMAIL),
        address = escape(&state.demo_host.billing_address()),
        // JSON in a script: `<` is escaped so no text can close the element.
        identity = identity.to_string().replace('<', "\\u003c"),
        server = escape(&server),
        app_id = escape(&app_id),
    );
    Ok(Html(page("Your account — Larkspur Invoices", &body)))
}

/// The support team's admin view of the customer, as the grant allows.
async fn admin(State(state): State<AppState>, headers: HeaderMap) -> Result<Html<String>, DemoError> {
    let (_, server) = demo_of(&state, &headers)?;
    let grant = active_grant(&state, &server).await?;
    let body = match grant {
        None => format!(
            r#"<div class="card"><h1>{name}</h1><p id="grant" role="status">No access: {name} has not given support
access, so their account stays closed to support.</p><p>Ask in the chat, or let them grant it from the Help button
under Support access.</p></div>"#,
            name = escape(CUSTOMER_NAME)
        ),
        Some(grant) => {
            let until = crate::access::iso_minutes(grant.expires_at);
            let (words, change) = match grant.level {
                AccessLevel::View => ("View only", String::new()),
                AccessLevel::Act => (
                    "Act on their behalf",
                    format!(
                        r#"<form method="post" action="/demo/admin/billing"><label>New billing address
<input name="address" maxlength="{MAX_ADDRESS_CHARS}" required></label> <button>Change it as {agent}</button></form>"#,
                        agent = escape(SUPPORT_AGENT)
                    ),
                ),
            };
            format!(
                r#"<div class="card"><h1>{name}</h1><p id="grant" role="status">{words} until {until} UTC</p>
<table><tr><th>Email</th><td>{email}</td></tr><tr><th>Billing address</th><td id="billing">{address}</td></tr></table>
{change}</div>"#,
                name = escape(CUSTOMER_NAME),
                email = escape(CUSTOMER_EMAIL),
                address = escape(&state.demo_host.billing_address()),
            )
        }
    };
    Ok(Html(page("Admin view — Larkspur Invoices", &body)))
}

#[derive(Debug, Deserialize)]
struct BillingForm {
    address: String,
}

/// Support changes the billing address under an "act on my behalf" grant: the admin
/// tooling gets a grant token, verifies it as the docs show, makes the change, and
/// records it under the grant.
async fn change_billing(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<BillingForm>,
) -> Result<Response, DemoError> {
    let (app_id, server) = demo_of(&state, &headers)?;
    // Only the admin view's own form: another site cannot make support act.
    if headers.get(ORIGIN).and_then(|origin| origin.to_str().ok()) != Some(server.as_str()) {
        return Err(DemoError(StatusCode::FORBIDDEN, "Changes come only from the admin view's own form.".to_owned()));
    }
    let address = form.address.trim();
    if address.is_empty() || address.chars().count() > MAX_ADDRESS_CHARS || address.chars().any(char::is_control) {
        return Err(DemoError(
            StatusCode::BAD_REQUEST,
            format!("Give a billing address of one line and at most {MAX_ADDRESS_CHARS} characters."),
        ));
    }
    let grant = active_grant(&state, &server).await?.filter(|grant| grant.level == AccessLevel::Act);
    let Some(grant) = grant else {
        return Err(DemoError(StatusCode::FORBIDDEN, format!("{CUSTOMER_NAME} has not let support act for them.")));
    };
    let issued: GrantToken = backend(&state, &server, reqwest::Method::POST, &format!("grants/{}/token", grant.id))
        .json(&json!({ "agent": SUPPORT_AGENT }))
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .map_err(anyhow::Error::from)?
        .json()
        .await
        .map_err(anyhow::Error::from)?;
    let secret = identity_secret(&state, &app_id).await?;
    let now_secs = state.clock.now() / 1000;
    if token::verify(&secret, &app_id, &issued.token, now_secs).is_err() {
        return Err(DemoError(StatusCode::FORBIDDEN, "The grant token did not verify.".to_owned()));
    }
    let before = state.demo_host.change_billing_address(address);
    let action = json!({
        "grant_id": grant.id,
        "action": "Changed the billing address",
        "agent": SUPPORT_AGENT,
        "before": before,
        "after": address,
    });
    backend(&state, &server, reqwest::Method::POST, "actions")
        .json(&action)
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .map_err(anyhow::Error::from)?;
    Ok(Redirect::to("/demo/admin").into_response())
}

/// The customer's active grant, from the backend API.
async fn active_grant(state: &AppState, server: &str) -> Result<Option<Grant>, DemoError> {
    let path = format!("grants?user_id={CUSTOMER_ID}");
    let grants: Vec<Grant> = backend(state, server, reqwest::Method::GET, &path)
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .map_err(anyhow::Error::from)?
        .json()
        .await
        .map_err(anyhow::Error::from)?;
    Ok(grants.into_iter().next())
}

/// A request to `/api/v1/backend/access/{path}` with the demo's API key.
fn backend(state: &AppState, server: &str, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
    let key = state.demo_host.key().unwrap_or_default();
    reqwest::Client::new().request(method, format!("{server}/api/v1/backend/access/{path}")).bearer_auth(key)
}

async fn identity_secret(state: &AppState, app_id: &str) -> Result<String, DemoError> {
    let workspace = state.store.workspace_by_app_id(app_id).await?;
    let workspace =
        workspace.ok_or_else(|| DemoError(StatusCode::NOT_FOUND, "The demo workspace is gone.".to_owned()))?;
    let settings = state.store.identity_settings(workspace.id, crate::identity::new_secret).await?;
    Ok(settings.map(|settings| settings.secret).unwrap_or_default())
}

/// A page of the demo host, in its look.
fn page(title: &str, body: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title}</title><style>
body {{ margin: 0; font: 16px/1.55 system-ui, sans-serif; color: #1f2933; background: #f7f8fa; }}
header {{ background: #0f766e; color: #fff; padding: 18px 32px; display: flex; gap: 24px; align-items: baseline; }}
header a {{ color: #ccfbf1; margin-right: 16px; text-decoration: none; }}
main {{ max-width: 760px; margin: 32px auto; padding: 0 24px 96px; }}
.card {{ background: #fff; border: 1px solid #e4e7eb; border-radius: 10px; padding: 20px 24px; margin-bottom: 20px; }}
th, td {{ text-align: left; padding: 6px 8px 6px 0; }}
input {{ font: inherit; padding: 4px 8px; min-width: 260px; }}
</style></head><body>
<header><strong>Larkspur Invoices</strong><nav><a href="/demo">Dashboard</a><a href="/demo/account">Account</a></nav></header>
<main>{body}</main></body></html>
"#,
        title = escape(title)
    )
}
