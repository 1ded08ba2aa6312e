//! The built widget, console and loader, embedded in the binary by `rust-embed` and
//! served with pre-compressed variants and long-lived caching of hashed names.

use std::collections::HashMap;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, VARY};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

use crate::state::AppState;

/// Everything `cargo xtask dist` wrote to `target/dist/`.
#[derive(RustEmbed)]
#[folder = "../target/dist/"]
struct Dist;

/// Logical asset names (`widget.js`) mapped to the hashed file names `cargo xtask dist`
/// gave them (`widget-3f9a….js`), read from the embedded `manifest.json`.
#[derive(Debug, Default)]
pub struct Assets {
    names: HashMap<String, String>,
}

impl Assets {
    /// Reads the manifest. An empty manifest means the front end was never built.
    pub fn load() -> anyhow::Result<Self> {
        let Some(file) = Dist::get("manifest.json") else {
            return Ok(Self::default());
        };
        let names = serde_json::from_slice(&file.data)
            .map_err(|e| anyhow::anyhow!("target/dist/manifest.json is not valid: {e}"))?;
        Ok(Self { names })
    }

    /// True when `cargo xtask dist` has run before this binary was built.
    pub fn is_built(&self) -> bool {
        ["widget-boot.js", "console-boot.js", "widget.css", "console.css", "helpline.js"]
            .iter()
            .all(|name| self.names.contains_key(*name))
    }

    /// The URL path of a logical asset, e.g. `/assets/widget-3f9a….css`.
    pub fn url(&self, logical: &str) -> String {
        let name = self.names.get(logical).map_or(logical, String::as_str);
        format!("/assets/{name}")
    }
}

/// `GET /assets/{file}`: hashed, so cached for a year.
pub async fn serve_asset(Path(file): Path<String>, headers: HeaderMap) -> Response {
    serve(&file, &headers, "public, max-age=31536000, immutable")
}

/// `GET /helpline.js`: the loader keeps its name so host pages never change their
/// snippet; browsers revalidate it after five minutes.
pub async fn serve_loader(State(_state): State<AppState>, headers: HeaderMap) -> Response {
    serve("helpline.js", &headers, "public, max-age=300")
}

fn serve(file: &str, headers: &HeaderMap, cache_control: &'static str) -> Response {
    // Pre-compressed siblings are served through negotiation, never by their own name.
    if file.ends_with(".gz") || file.ends_with(".br") || file == "manifest.json" {
        return StatusCode::NOT_FOUND.into_response();
    }
    let Some(raw) = Dist::get(file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let accepted = accepted_encodings(headers);
    let (data, encoding) = [("br", ".br"), ("gzip", ".gz")]
        .into_iter()
        .filter(|(encoding, _)| accepted.contains(encoding))
        .find_map(|(encoding, suffix)| Dist::get(&format!("{file}{suffix}")).map(|f| (f.data, Some(encoding))))
        .unwrap_or((raw.data, None));
    let mime = mime_guess::from_path(file).first_or_octet_stream();
    let mut response = Body::from(data.into_owned()).into_response();
    let response_headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(mime.essence_str()) {
        response_headers.insert(CONTENT_TYPE, value);
    }
    if let Some(encoding) = encoding {
        response_headers.insert(CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    response_headers.insert(VARY, HeaderValue::from_static("accept-encoding"));
    response_headers.insert(CACHE_CONTROL, HeaderValue::from_static(cache_control));
    response
}

/// The codings of `Accept-Encoding` that are not refused with `q=0`.
fn accepted_encodings(headers: &HeaderMap) -> Vec<&'static str> {
    let mut accepted = Vec::new();
    for value in headers.get_all(ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()) {
        for item in value.split(',') {
            let mut parts = item.split(';').map(str::trim);
            let coding = parts.next().unwrap_or_default().to_ascii_lowercase();
            let refused =
                parts.any(|p| p.strip_prefix("q=").and_then(|q| q.parse::<f32>().ok()).is_some_and(|q| q <= 0.0));
            if refused {
                continue;
            }
            match coding.as_str() {
                "br" => accepted.push("br"),
                "gzip" => accepted.push("gzip"),
                "*" => accepted.extend(["br", "gzip"]),
                _ => {}
            }
        }
    }
    accepted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT_ENCODING, HeaderValue::from_str(value).expect("header"));
        headers
    }

    #[test]
    fn accept_encoding_is_negotiated() {
        assert_eq!(accepted_encodings(&headers("gzip, deflate, br")), vec!["gzip", "br"]);
        assert_eq!(accepted_encodings(&headers("br;q=0, gzip;q=0.5")), vec!["gzip"]);
        assert!(accepted_encodings(&headers("identity")).is_empty());
        assert!(accepted_encodings(&HeaderMap::new()).is_empty());
    }
}
