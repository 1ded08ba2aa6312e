//! Serving a kept file, or its thumbnail, to someone allowed to see it: the bytes
//! streamed from storage, with the headers that keep a customer's file inert (the
//! sniffed type, `nosniff`, `Content-Security-Policy: sandbox`, and a download unless
//! it is a raster image). Every file route, agents' and visitors', answers with these.

use axum::body::Body;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_SECURITY_POLICY, CONTENT_TYPE, HeaderName,
};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::{Part, disposition};
use crate::error::ApiError;
use crate::store::{FileRecord, Store};

const NOSNIFF: HeaderName = HeaderName::from_static("x-content-type-options");

/// The file's bytes as a response.
pub async fn file_response(store: &Store, file: &FileRecord) -> Result<Response, ApiError> {
    let stream = store.open_file(file, Part::File).await?;
    let mut response = respond(&file.content_type, &file.name, Body::from_stream(stream))?;
    response.headers_mut().insert(CONTENT_LENGTH, HeaderValue::from(file.size));
    Ok(response)
}

/// The file's thumbnail as a response; not found for a file without one (not a raster
/// image, or one too large to decode).
pub async fn thumbnail_response(store: &Store, file: &FileRecord) -> Result<Response, ApiError> {
    let content_type = file.thumbnail_type.as_deref().ok_or(ApiError::NotFound("thumbnail"))?;
    let stream = store.open_file(file, Part::Thumbnail).await?;
    respond(content_type, &file.name, Body::from_stream(stream))
}

fn respond(content_type: &str, name: &str, body: Body) -> Result<Response, ApiError> {
    let header = |value: &str| {
        HeaderValue::from_str(value).map_err(|e| ApiError::Internal(anyhow::Error::new(e).context("a file header")))
    };
    let headers = [
        (CONTENT_TYPE, header(content_type)?),
        (CONTENT_DISPOSITION, header(&disposition(content_type, name))?),
        (CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox")),
        (CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
        (NOSNIFF, HeaderValue::from_static("nosniff")),
    ];
    Ok((StatusCode::OK, headers, body).into_response())
}
