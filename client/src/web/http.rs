//! REST calls over `fetch` on the page's own origin. Every call answers with the body
//! text of a 2xx, or the one [`ApiError`]; what the status means is decided in
//! [`crate::rest`].

use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, Request, RequestCredentials, RequestInit, Response};

use crate::rest::{self, ApiError};

/// How a request proves who sends it.
#[derive(Debug, Clone, Copy)]
pub enum Auth<'a> {
    /// Nothing beyond the session cookie, if any (reads, and signing in).
    None,
    /// The visitor token, as `Authorization: Bearer`.
    Bearer(&'a str),
    /// The agent's session cookie plus the CSRF token header a state-changing request needs.
    Csrf(&'a str),
}

/// What a request carries.
#[derive(Debug, Clone, Copy)]
enum Body<'a> {
    None,
    Json(&'a str),
    /// A file's bytes as they are (an image upload); the server sniffs the type.
    File(&'a web_sys::Blob),
}

/// Sends one request with an optional JSON body and returns the body text of a 2xx.
pub async fn fetch_text(method: &str, path: &str, auth: Auth<'_>, json_body: Option<&str>) -> Result<String, ApiError> {
    answer(send(method, path, auth, json_body.map_or(Body::None, Body::Json)).await).await
}

/// A `GET` already on its way (see [`begin`]): its answer is read later, perhaps by code
/// in a lazily loaded module that was fetched meanwhile.
#[derive(Debug)]
pub struct Pending(Result<js_sys::Promise, JsValue>);

/// Starts a `GET` now and leaves reading its answer to [`Pending::text`], so the request
/// does not wait for the code that reads it.
pub fn begin(path: &str, auth: Auth<'_>) -> Pending {
    Pending(start("GET", path, auth, Body::None))
}

impl Pending {
    /// The body text of a 2xx, or the error the answer means.
    pub async fn text(self) -> Result<String, ApiError> {
        let response = match self.0 {
            Ok(promise) => JsFuture::from(promise).await.and_then(JsCast::dyn_into),
            Err(error) => Err(error),
        };
        answer(response).await
    }
}

/// Sends a file's bytes as the body and reads the 2xx body as `T`.
pub async fn send_file<T: DeserializeOwned>(
    method: &str,
    path: &str,
    auth: Auth<'_>,
    file: &web_sys::Blob,
) -> Result<T, ApiError> {
    rest::decode(&answer(send(method, path, auth, Body::File(file)).await).await?)
}

/// The body text of a 2xx, or the error the answer means.
async fn answer(response: Result<Response, JsValue>) -> Result<String, ApiError> {
    let response = response.map_err(|_| ApiError::Network)?;
    // A body that fails to arrive mid-way is a network failure, not a server answer.
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|value| value.as_string()),
        Err(_) => None,
    }
    .ok_or(ApiError::Network)?;
    if response.ok() {
        Ok(text)
    } else {
        let retry_after = response.headers().get("retry-after").ok().flatten();
        Err(ApiError::from_response(response.status(), retry_after.as_deref(), &text))
    }
}

/// Sends one request and reads the 2xx body as `T`.
pub async fn fetch_json<T: DeserializeOwned>(
    method: &str,
    path: &str,
    auth: Auth<'_>,
    json_body: Option<&str>,
) -> Result<T, ApiError> {
    rest::decode(&fetch_text(method, path, auth, json_body).await?)
}

/// Fetches a file and returns a `blob:` URL for it, which the caller revokes with
/// `web_sys::Url::revoke_object_url` when it is no longer shown.
pub async fn fetch_object_url(path: &str, auth: Auth<'_>) -> Result<String, ApiError> {
    let response = send("GET", path, auth, Body::None).await.map_err(|_| ApiError::Network)?;
    if !response.ok() {
        let text = match response.text() {
            Ok(promise) => JsFuture::from(promise).await.ok().and_then(|value| value.as_string()),
            Err(_) => None,
        };
        return Err(ApiError::from_response(response.status(), None, text.as_deref().unwrap_or("")));
    }
    let promise = response.blob().map_err(|_| ApiError::Network)?;
    let blob: web_sys::Blob =
        JsFuture::from(promise).await.ok().and_then(|blob| blob.dyn_into().ok()).ok_or(ApiError::Network)?;
    web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| ApiError::Unexpected)
}

pub use crate::rest::encode_component;

async fn send(method: &str, path: &str, auth: Auth<'_>, body: Body<'_>) -> Result<Response, JsValue> {
    JsFuture::from(start(method, path, auth, body)?).await?.dyn_into()
}

/// Calls `fetch`: the request is on its way when this returns.
fn start(method: &str, path: &str, auth: Auth<'_>, body: Body<'_>) -> Result<js_sys::Promise, JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let headers = Headers::new()?;
    headers.set("accept", "application/json")?;
    // Refusals come back in the language the page speaks.
    headers.set("accept-language", crate::web::l10n::locale().tag())?;
    match auth {
        Auth::None => {}
        Auth::Bearer(token) => headers.set("authorization", &format!("Bearer {token}"))?,
        Auth::Csrf(token) => headers.set(protocol::limits::CSRF_HEADER, token)?,
    }
    let init = RequestInit::new();
    init.set_method(method);
    init.set_credentials(RequestCredentials::SameOrigin);
    match body {
        Body::None => {}
        Body::Json(json) => {
            headers.set("content-type", "application/json")?;
            init.set_body(&JsValue::from_str(json));
        }
        Body::File(file) => {
            headers.set("content-type", "application/octet-stream")?;
            init.set_body(file);
        }
    }
    init.set_headers(&headers);
    let request = Request::new_with_str_and_init(path, &init)?;
    Ok(window.fetch_with_request(&request))
}
