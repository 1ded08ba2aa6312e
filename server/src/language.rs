//! The language of the request being answered, for the sentences of its refusals.
//!
//! [`layer`] reads the request's `Accept-Language` (the messenger and the console send
//! the language they speak; a browser sends its own) and answers the whole request in
//! the first language we ship, else English. Error bodies and form refusals are written
//! with [`say`] in that language. Outside a request (background work, the chat socket
//! after its upgrade, mail intake) [`say`] speaks English: those words reach logs and
//! agents' audit trails, and the messenger words a socket's refusals itself by their
//! code.

use axum::extract::Request;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::middleware::Next;
use axum::response::Response;
use i18n::{Arg, Domain, Locale};

tokio::task_local! {
    /// The shipped language the request asked for, if it named one.
    static LANGUAGE: Option<Locale>;
}

/// Middleware: answers the request in the language it asks for.
pub async fn layer(request: Request, next: Next) -> Response {
    let asked = request.headers().get(ACCEPT_LANGUAGE).and_then(|value| value.to_str().ok()).unwrap_or_default();
    let locale = i18n::negotiate(i18n::accept_language(asked));
    LANGUAGE.scope(locale, next.run(request)).await
}

/// The language of the request being answered; English outside one, or when it named
/// none we ship.
pub fn current() -> Locale {
    asked().unwrap_or(Locale::En)
}

/// The shipped language the request being answered named, if any.
pub fn asked() -> Option<Locale> {
    LANGUAGE.try_with(|locale| *locale).ok().flatten()
}

/// Refusal `id` of the errors catalog, in the request's language.
pub fn say(id: &str) -> String {
    i18n::shipped(Domain::Errors, current()).text(id)
}

/// Refusal `id` with its variables, in the request's language.
pub fn say_with(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    i18n::shipped(Domain::Errors, current()).text_with(id, args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_request_in_german_is_refused_in_german_and_nothing_else_is() {
        assert_eq!(say("unauthorized"), "sign in first");
        let german = LANGUAGE.scope(Some(Locale::De), async { say("unauthorized") }).await;
        assert_eq!(german, "Melden Sie sich zuerst an");
        assert_eq!(say("unauthorized"), "sign in first", "the scope ends with the request");
    }
}
