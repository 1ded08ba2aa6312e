//! The HTTP surface: one module per API area, each with its own router, merged here
//! with the layers every request passes through.

mod access;
mod agents;
mod appearance;
mod articles;
mod auth;
mod connection;
mod conversations;
mod demo;
mod extract;
mod health;
mod help;
mod pages;
mod refusal;
mod reports;
mod saved_replies;
pub mod serve;
mod socket;
mod team;
pub mod tickets;
mod widget;
mod workspace;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::HeaderValue;
use axum::http::header::{REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS};
use axum::middleware::from_fn_with_state;
use axum::routing::get;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::assets;
use crate::state::AppState;

/// Largest body any endpoint accepts, except the inbound mail endpoint.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Every route of the server.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(health::router())
        .merge(demo::router())
        .merge(widget::router())
        .merge(auth::router())
        .merge(conversations::router())
        .merge(agents::router())
        .merge(team::router())
        .merge(workspace::router())
        .merge(appearance::router())
        .merge(articles::router())
        .merge(help::router())
        .merge(saved_replies::router())
        .merge(tickets::router())
        .merge(reports::router())
        .merge(access::router())
        .merge(socket::router())
        .merge(pages::router())
        .route("/helpline.js", get(assets::serve_loader))
        .route("/assets/{file}", get(assets::serve_asset))
        .route_layer(from_fn_with_state(MAX_BODY_BYTES, refusal::refuse_oversized))
        // After the route layer above: raw mail has a larger limit of its own.
        .merge(tickets::inbound_router())
        .merge(tickets::uploads_router())
        .merge(articles::editor_router())
        .merge(appearance::logo_router())
        .fallback(refusal::unknown_route)
        // Last, so it reaches every route registered above.
        .method_not_allowed_fallback(refusal::wrong_method)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(SetResponseHeaderLayer::if_not_present(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::if_not_present(
            REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        // Every answer, refusals included, in the language the request asks for.
        .layer(axum::middleware::from_fn(crate::language::layer))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
