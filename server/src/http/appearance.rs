//! The messenger's appearance, which every agent may read and admins change: the
//! language it falls back to, light or dark, the host's brand colour, the launcher's
//! side, the workspace's own words (launcher label, greeting, away message) per
//! language, and its logo, which the messenger loads from `/messenger/logo/…` on any
//! host page.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use i18n::Locale;
use protocol::FieldError;
use protocol::api::{Appearance, LocaleTexts};
use protocol::brand::Rgb;
use sha2::{Digest, Sha256};

use super::extract::ApiJson;
use super::workspace::admin;
use crate::auth::CurrentAgent;
use crate::error::ApiError;
use crate::http::access::admin_did;
use crate::language::{say, say_with};
use crate::state::AppState;
use crate::{store, wire};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/workspace/appearance", get(get_appearance).put(update_appearance))
        .route("/messenger/logo/{app_id}/{digest}", get(serve_logo))
}

/// The logo upload, with a body limit of its own (the image's bytes).
pub fn logo_router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/workspace/logo", put(upload_logo).delete(delete_logo))
        .route_layer(from_fn_with_state(MAX_LOGO_BYTES, super::refusal::refuse_oversized))
        .layer(DefaultBodyLimit::max(MAX_LOGO_BYTES))
}

/// Largest logo accepted: it is drawn at header size.
pub const MAX_LOGO_BYTES: usize = 256 * 1024;

/// Where the messenger finds a workspace's logo: under its digest, so it can be cached
/// for good and a new logo is a new address.
pub fn logo_path(app_id: &str, digest: &str) -> String {
    format!("/messenger/logo/{app_id}/{digest}")
}

/// Longest launcher label, in characters: it must fit a button.
pub const MAX_LAUNCHER_LABEL: usize = 40;
/// Longest greeting or away message, in characters.
pub const MAX_MESSENGER_TEXT: usize = 300;

async fn get_appearance(State(state): State<AppState>, current: CurrentAgent) -> Result<ApiJson<Appearance>, ApiError> {
    appearance_of(&state, current.agent.workspace_id).await
}

/// The workspace's appearance on the wire, with its logo's address.
async fn appearance_of(state: &AppState, workspace_id: i64) -> Result<ApiJson<Appearance>, ApiError> {
    let appearance = state.store.appearance(workspace_id).await?;
    let mut wire = wire::appearance(appearance);
    if let Some(digest) = state.store.logo_digest(workspace_id).await? {
        let workspace = state.store.workspace(workspace_id).await?.ok_or(ApiError::NotFound("workspace"))?;
        wire.logo = Some(logo_path(&workspace.app_id, &digest));
    }
    Ok(ApiJson(wire))
}

/// `PUT /api/v1/workspace/logo`: the image's bytes as the body. PNG, JPEG, GIF or WebP
/// (sniffed, not as declared), metadata stripped; anything else is refused, SVG too (it
/// can carry script).
async fn upload_logo(
    State(state): State<AppState>,
    current: CurrentAgent,
    body: Bytes,
) -> Result<ApiJson<Appearance>, ApiError> {
    admin(&current, "only admins can change the logo")?;
    let refuse = |message: String| ApiError::FieldRefused { field: "logo", message };
    let accepted = crate::files::accept(body.to_vec()).map_err(|refusal| refuse(refusal.to_string()))?;
    if !crate::files::is_inline(accepted.content_type) {
        return Err(refuse(say("logo-type")));
    }
    let digest = hex::encode(&Sha256::digest(&accepted.data)[..16]);
    let logo = store::Logo { content_type: accepted.content_type.to_owned(), data: accepted.data, digest };
    let workspace_id = current.agent.workspace_id;
    state.store.set_logo(workspace_id, &logo, state.clock.now()).await?;
    admin_did(&state, &current, "workspace.logo", "Changed the messenger's logo", None, Some(&logo.digest)).await?;
    appearance_of(&state, workspace_id).await
}

/// `DELETE /api/v1/workspace/logo`: the messenger shows no logo again.
async fn delete_logo(State(state): State<AppState>, current: CurrentAgent) -> Result<ApiJson<Appearance>, ApiError> {
    admin(&current, "only admins can change the logo")?;
    let workspace_id = current.agent.workspace_id;
    if state.store.delete_logo(workspace_id).await? {
        admin_did(&state, &current, "workspace.logo", "Removed the messenger's logo", None, None).await?;
    }
    appearance_of(&state, workspace_id).await
}

/// `GET /messenger/logo/{app_id}/{digest}`: the logo, for the messenger on any host page.
/// Public like the messenger itself; only the current logo's digest answers, and it
/// never changes, so browsers keep it for good.
async fn serve_logo(State(state): State<AppState>, Path((app_id, digest)): Path<(String, String)>) -> Response {
    let workspace = match state.store.workspace_by_app_id(&app_id).await {
        Ok(Some(workspace)) => workspace,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => return ApiError::Internal(error).into_response(),
    };
    let logo = match state.store.logo(workspace.id).await {
        Ok(Some(logo)) if logo.digest == digest => logo,
        Ok(_) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => return ApiError::Internal(error).into_response(),
    };
    let content_type = HeaderValue::from_str(&logo.content_type).unwrap_or(HeaderValue::from_static("image/png"));
    (
        [
            (CONTENT_TYPE, content_type),
            (CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable")),
            (CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox")),
        ],
        logo.data,
    )
        .into_response()
}

async fn update_appearance(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiJson(body): ApiJson<Appearance>,
) -> Result<ApiJson<Appearance>, ApiError> {
    admin(&current, "only admins can change the messenger's appearance")?;
    let after = checked(body).map_err(ApiError::Invalid)?;
    let workspace_id = current.agent.workspace_id;
    let before = state.store.appearance(workspace_id).await?;
    state.store.set_appearance(workspace_id, &after).await?;
    admin_did(
        &state,
        &current,
        "workspace.appearance",
        "Changed the messenger's appearance",
        Some(&describe(&before)),
        Some(&describe(&after)),
    )
    .await?;
    appearance_of(&state, workspace_id).await
}

/// The audit log's one-line account of an appearance.
fn describe(appearance: &store::Appearance) -> String {
    let mut line = format!(
        "{} {} {} launcher {}",
        appearance.default_locale,
        appearance.theme.as_str(),
        appearance.brand.hex(),
        appearance.position.as_str()
    );
    for texts in &appearance.texts {
        line.push_str(&format!("; {} texts", texts.locale));
    }
    line
}

/// The appearance as stored, or every field that is wrong, each named as the form
/// names it (`brand_color`, `texts.1.greeting`), with a refusal in the request's
/// language.
fn checked(body: Appearance) -> Result<store::Appearance, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut refuse = |field: String, message: String| errors.push(FieldError { field, message });
    // Only the exact tags we ship: a region or another language would be stored as
    // something the messenger cannot speak.
    let exact = |tag: &str| Locale::ALL.into_iter().find(|locale| locale.tag() == tag);
    let default_locale = exact(&body.default_locale);
    if default_locale.is_none() {
        refuse("default_locale".into(), say("locale-choose"));
    }
    let brand = Rgb::parse(body.brand_color.trim());
    if brand.is_none() {
        refuse("brand_color".into(), say("brand-colour"));
    }
    let mut texts: Vec<store::LocaleTexts> = Vec::new();
    for (index, entry) in body.texts.into_iter().enumerate() {
        let field = |name: &str| format!("texts.{index}.{name}");
        let LocaleTexts { locale, launcher_label, greeting, away_message } = entry;
        let Some(locale) = exact(&locale) else {
            refuse(field("locale"), say("locale-choose"));
            continue;
        };
        if texts.iter().any(|seen| seen.locale == locale) {
            refuse(field("locale"), say("locale-once"));
            continue;
        }
        let mut text = |name: &str, value: String, max: usize, lines: bool| {
            let value = value.trim().to_owned();
            if value.chars().count() > max {
                refuse(field(name), say_with("keep-to", &[("max", max.into())]));
            } else if value.chars().any(|c| c.is_control() && !(lines && c == '\n')) {
                refuse(field(name), say("control-characters"));
            }
            value
        };
        let launcher_label = text("launcher_label", launcher_label, MAX_LAUNCHER_LABEL, false);
        let greeting = text("greeting", greeting, MAX_MESSENGER_TEXT, true);
        let away_message = text("away_message", away_message, MAX_MESSENGER_TEXT, true);
        if !(launcher_label.is_empty() && greeting.is_empty() && away_message.is_empty()) {
            texts.push(store::LocaleTexts { locale, launcher_label, greeting, away_message });
        }
    }
    match (default_locale, brand) {
        (Some(default_locale), Some(brand)) if errors.is_empty() => {
            texts.sort_by_key(|texts| Locale::ALL.iter().position(|locale| *locale == texts.locale));
            Ok(store::Appearance { default_locale, theme: body.theme, brand, position: body.launcher_position, texts })
        }
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use protocol::api::Theme;
    use protocol::brand::LauncherPosition;

    fn body() -> Appearance {
        Appearance {
            default_locale: "de".into(),
            theme: Theme::Dark,
            brand_color: "#0B7285".into(),
            launcher_position: LauncherPosition::Left,
            texts: vec![
                LocaleTexts { locale: "de".into(), launcher_label: " Hilfe & Kontakt ".into(), ..Default::default() },
                LocaleTexts { locale: "en".into(), ..Default::default() },
            ],
            logo: None,
        }
    }

    #[test]
    fn a_good_appearance_is_trimmed_normalised_and_drops_empty_languages() {
        let stored = checked(body()).expect("valid");
        assert_eq!(stored.brand.hex(), "#0b7285");
        assert_eq!(stored.position, LauncherPosition::Left);
        assert_eq!(stored.texts.len(), 1, "the empty English entry keeps Helpline's words");
        assert_eq!(stored.texts[0].launcher_label, "Hilfe & Kontakt");
    }

    #[test]
    fn every_wrong_field_is_named() {
        let mut wrong = body();
        wrong.default_locale = "de-AT".into();
        wrong.brand_color = "red".into();
        wrong.texts[0].launcher_label = "x".repeat(MAX_LAUNCHER_LABEL + 1);
        wrong.texts[1].greeting = "Hi\u{7}".into();
        wrong.texts.push(LocaleTexts { locale: "de".into(), ..Default::default() });
        wrong.texts.push(LocaleTexts { locale: "fr".into(), ..Default::default() });
        let fields: Vec<String> = checked(wrong).expect_err("refused").into_iter().map(|error| error.field).collect();
        assert_eq!(
            fields,
            [
                "default_locale",
                "brand_color",
                "texts.0.launcher_label",
                "texts.1.greeting",
                "texts.2.locale",
                "texts.3.locale"
            ]
        );
    }

    #[test]
    fn a_greeting_may_have_lines_but_a_label_may_not() {
        let mut two_lines = body();
        two_lines.texts[0].greeting = "Hallo!\nWie können wir helfen?".into();
        assert!(checked(two_lines).is_ok());
        let mut label = body();
        label.texts[0].launcher_label = "Hilfe\nKontakt".into();
        assert!(checked(label).is_err());
    }
}
