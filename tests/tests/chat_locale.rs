//! The server's words to a chat's visitor, and its refusals, in their language, on both
//! databases with a real SMTP server. The messenger's `context` frame says which
//! language it speaks and the visitor's time zone: the chat's end and its hand-off to a
//! ticket are then written in that language, with the answer's due time in that zone,
//! and so are the ticket's acknowledgement and the replies mailed to the visitor once
//! they left. A language we do not ship, or a zone we do not know, keeps the
//! workspace's; values too long are refused and change nothing. HTTP refusals (error
//! bodies and refused fields) follow the request's `Accept-Language`, which the
//! messenger and the console set to the language they speak.

use std::time::Duration;

use e2e::tickets::*;
use e2e::ws::{reply_frame, send_frame};
use e2e::{ADMIN_EMAIL, AGENT_EMAIL, Backend, TestApp, Visitor, WsClient};
use protocol::ErrorCode;
use protocol::api::AuthorKind;
use protocol::frames::{ClientFrame, ServerFrame};
use protocol::tickets::TicketDetail;
use reqwest::{Method, StatusCode};
use rstest::rstest;
use serde_json::{Value, json};

fn context(locale: Option<&str>, time_zone: Option<&str>) -> ClientFrame {
    ClientFrame::Context {
        page_url: "https://host.example/app".into(),
        identity: None,
        locale: locale.map(str::to_owned),
        time_zone: time_zone.map(str::to_owned),
    }
}

/// A visitor whose messenger speaks `locale` in `time_zone` and asked something.
async fn visitor_asks(app: &TestApp, locale: Option<&str>, time_zone: Option<&str>) -> (Visitor, WsClient, i64) {
    let visitor = app.create_visitor().await;
    let mut socket = app.visitor_socket(&visitor).await;
    socket.send(&ClientFrame::Subscribe { conversation_id: None, after_seq: 0 }).await;
    socket.send(&context(locale, time_zone)).await;
    let id = say(&mut socket, "Der Export schlägt fehl").await;
    (visitor, socket, id)
}

async fn system_message(socket: &mut WsClient) -> String {
    let frame = socket
        .recv_until(|f| matches!(f, ServerFrame::Message { message } if message.author == AuthorKind::System))
        .await;
    let ServerFrame::Message { message } = frame else { unreachable!() };
    message.body
}

async fn end_chat(app: &TestApp, agent: &e2e::AgentClient, id: i64) {
    let ended = agent_send(app, agent, Method::POST, &format!("/api/v1/conversations/{id}/end"), json!({})).await;
    assert!(ended.status().is_success(), "{}", ended.status());
}

/// The workspace answers from Berlin, Monday to Friday.
async fn berlin_hours(app: &TestApp) {
    let admin = app.login(ADMIN_EMAIL).await;
    let weekly = ["09:00-17:00", "09:00-17:00", "09:00-17:00", "09:00-17:00", "09:00-17:00", "", ""];
    let hours =
        json!({ "time_zone": "Europe/Berlin", "weekly": weekly, "holidays": [], "reminder_days": 3, "close_days": 7 });
    let saved = agent_send(app, &admin, Method::PUT, "/api/v1/workspace/support", hours).await;
    assert_eq!(saved.status(), StatusCode::OK, "{}", saved.text().await.unwrap_or_default());
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_german_visitor_in_new_york_reads_the_hand_off_and_its_mail_in_german_with_new_york_times(
    #[case] backend: Backend,
) {
    let smtp = e2e::smtp::SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    berlin_hours(&app).await;
    let agent = app.login(AGENT_EMAIL).await;
    let (_visitor, mut socket, id) = visitor_asks(&app, Some("de-DE"), Some("America/New_York")).await;

    let path = format!("/api/v1/conversations/{id}/ticket");
    let body = json!({ "subject": "Export", "ticket_type": "bug", "priority": "medium", "email": "priya@example.com" });
    let response = agent_send(&app, &agent, Method::POST, &path, body).await;

    assert_eq!(response.status(), StatusCode::CREATED);
    let detail: TicketDetail = response.json().await.expect("ticket");
    let due = detail.ticket.first_response_due_at.expect("a medium ticket owes a first response");
    let when = in_german(due, "America/New_York");
    assert_eq!(
        system_message(&mut socket).await,
        format!(
            "Ihre Frage ist jetzt Ticket #1001. Wir antworten Ihnen per E-Mail an priya@example.com, bis {when}. \
             Bitte bestätigen Sie zuerst diese Adresse: Antworten Sie auf die E-Mail, die wir dorthin geschickt \
             haben, oder öffnen Sie ihren Link."
        ),
        "the agent typed the address, so it is to be confirmed"
    );
    let ack = parse(&smtp.wait_for_messages(1, WAIT).await[0]);
    assert_eq!(ack.subject, "[#1001] Ihre Anfrage", "the ticket kept the chat's language");
    assert!(!ack.text.contains("Europe/Berlin"), "{}", ack.text);

    // An ended chat says so in German too.
    let (_other, mut other_socket, other_id) = visitor_asks(&app, Some("de"), None).await;
    end_chat(&app, &agent, other_id).await;
    assert_eq!(system_message(&mut other_socket).await, "Dieser Chat ist beendet. Wie waren wir?");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn unknown_languages_keep_the_workspaces_and_values_too_long_are_refused(#[case] backend: Backend) {
    let smtp = e2e::smtp::SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let agent = app.login(AGENT_EMAIL).await;
    let admin = app.login(ADMIN_EMAIL).await;

    // French is not shipped and Mars has no zone: the workspace's English, unharmed.
    let (visitor, mut socket, id) = visitor_asks(&app, Some("fr-FR"), Some("Mars/Olympus_Mons")).await;
    let stored = app.state.store.visitor(visitor.id).await.expect("load").expect("visitor");
    assert_eq!((stored.locale, stored.time_zone), (None, None));
    end_chat(&app, &agent, id).await;
    assert_eq!(system_message(&mut socket).await, "This chat has ended. How did we do?");

    // A value too long is refused by name, and what was known stays.
    let (visitor, mut socket, id) = visitor_asks(&app, Some("es"), Some("Europe/Madrid")).await;
    for (frame, field) in
        [(context(Some(&"x".repeat(36)), None), "locale"), (context(None, Some(&"Europe/".repeat(10))), "time_zone")]
    {
        socket.send(&frame).await;
        let refused = socket.recv_until(|f| matches!(f, ServerFrame::Error { .. })).await;
        let ServerFrame::Error { code, message, .. } = refused else { unreachable!() };
        assert_eq!(code, ErrorCode::BadRequest);
        assert!(message.starts_with(field), "{message}");
    }
    let stored = app.state.store.visitor(visitor.id).await.expect("load").expect("visitor");
    assert_eq!((stored.locale.as_deref(), stored.time_zone.as_deref()), (Some("es"), Some("Europe/Madrid")));
    // The workspace's default language is what a visitor who said nothing gets.
    let appearance = json!({ "default_locale": "de", "theme": "auto" });
    let saved = agent_send(&app, &admin, Method::PUT, "/api/v1/workspace/appearance", appearance).await;
    assert_eq!(saved.status(), StatusCode::OK);
    end_chat(&app, &agent, id).await;
    assert_eq!(system_message(&mut socket).await, "Este chat ha terminado. ¿Qué tal lo hicimos?");
    let (_silent, mut silent_socket, silent_id) = visitor_asks(&app, None, None).await;
    end_chat(&app, &agent, silent_id).await;
    assert_eq!(system_message(&mut silent_socket).await, "Dieser Chat ist beendet. Wie waren wir?");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn replies_mailed_to_an_arabic_visitor_who_left_are_in_arabic(#[case] backend: Backend) {
    let smtp = e2e::smtp::SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let agent = app.login(AGENT_EMAIL).await;
    let mut console = app.agent_socket(&agent).await;
    let (visitor, socket, id) = visitor_asks(&app, Some("ar"), Some("Africa/Cairo")).await;
    let given = reqwest::Client::new()
        .put(app.url("/api/v1/widget/email"))
        .bearer_auth(&visitor.token)
        .header("origin", e2e::HOST_ORIGIN)
        .json(&json!({ "email": "layla@example.com" }))
        .send()
        .await
        .expect("give address");
    assert_eq!(given.status(), StatusCode::NO_CONTENT);
    for (client_id, body) in [("r1", "Checking."), ("r2", "Fixed now.")] {
        console.send(&reply_frame(id, client_id, body)).await;
        console.recv_until(|f| matches!(f, ServerFrame::Ack { .. })).await;
    }
    app.leave(&visitor, socket).await;
    app.state.clock.advance(Duration::from_secs(600));
    assert_eq!(app.state.queue.run_timers().await.expect("timers").emailed, 1);

    let mail = parse(&smtp.wait_for_messages(1, WAIT).await[0]);
    assert!(mail.subject.starts_with("محادثتك مع "), "{}", mail.subject);
    assert!(mail.text.contains("لديك ردّان جديدان في محادثتك مع "), "two replies, in the dual: {}", mail.text);
    assert!(mail.text.contains("Fixed now."), "{}", mail.text);
    assert!(!mail.text.contains("wrote:"), "{}", mail.text);
}

async fn visitor_request(app: &TestApp, visitor: &Visitor, language: Option<&str>, body: &Value) -> Value {
    let mut request = reqwest::Client::new()
        .post(app.url("/api/v1/widget/tickets"))
        .bearer_auth(&visitor.token)
        .header("origin", e2e::HOST_ORIGIN)
        .json(body);
    if let Some(language) = language {
        request = request.header("accept-language", language);
    }
    let response = request.send().await.expect("post");
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    response.json().await.expect("error body")
}

fn field<'a>(body: &'a Value, name: &str) -> &'a str {
    body["fields"]
        .as_array()
        .and_then(|fields| fields.iter().find(|f| f["field"] == name))
        .and_then(|f| f["message"].as_str())
        .unwrap_or_else(|| panic!("no message for {name} in {body}"))
}

#[tokio::test]
async fn refusals_speak_the_language_the_request_asks_for() {
    let smtp = e2e::smtp::SmtpServer::start();
    let app = spawn(Backend::Sqlite, &smtp).await;
    let visitor = app.create_visitor().await;
    let mut form = bug_report("not-an-address", "");
    form["details"]["actual"] = json!("");
    form["description"] = json!("x".repeat(20_001));

    let german = visitor_request(&app, &visitor, Some("de-DE,de;q=0.9,en;q=0.5"), &form).await;
    assert_eq!(german["message"], "bitte prüfen Sie die markierten Felder");
    assert_eq!(field(&german, "email"), "geben Sie eine E-Mail-Adresse wie jane@example.com ein");
    assert_eq!(field(&german, "subject"), "geben Sie einen kurzen Betreff an");
    assert_eq!(field(&german, "details.actual"), "sagen Sie, was stattdessen passiert ist");
    assert_eq!(field(&german, "description"), "bitte höchstens 20000 Zeichen");

    let english = visitor_request(&app, &visitor, None, &form).await;
    assert_eq!(english["message"], "please check the highlighted fields");
    assert_eq!(field(&english, "subject"), "add a short subject");
    let unshipped = visitor_request(&app, &visitor, Some("fr-FR, ar;q=0.8"), &form).await;
    assert_eq!(field(&unshipped, "subject"), "أضف موضوعًا قصيرًا", "the first language we ship");

    // An empty upload, in Spanish; signing in first, in Spanish.
    let upload = reqwest::Client::new()
        .post(app.url("/api/v1/widget/uploads?name=empty.txt"))
        .bearer_auth(&visitor.token)
        .header("origin", e2e::HOST_ORIGIN)
        .header("accept-language", "es")
        .body(Vec::<u8>::new())
        .send()
        .await
        .expect("upload");
    assert_eq!(upload.status(), StatusCode::BAD_REQUEST);
    let refused: Value = upload.json().await.expect("error body");
    assert!(refused.to_string().contains("el archivo está vacío"), "{refused}");
    let anonymous = reqwest::Client::new()
        .get(app.url("/api/v1/conversations"))
        .header("accept-language", "es")
        .send()
        .await
        .expect("get");
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let body: Value = anonymous.json().await.expect("error body");
    assert_eq!(body["message"], "inicie sesión primero");
}

#[tokio::test]
async fn mail_to_agents_and_the_invitation_pages_speak_the_teams_language() {
    let smtp = e2e::smtp::SmtpServer::start();
    let app = spawn(Backend::Sqlite, &smtp).await;
    let admin = app.login(ADMIN_EMAIL).await;

    // An invitation from an admin whose console speaks Spanish is in Spanish.
    let invited = admin
        .http
        .post(app.url("/api/v1/agents/invites"))
        .header(protocol::limits::CSRF_HEADER, &admin.session.csrf_token)
        .header("accept-language", "es")
        .json(&json!({ "email": "ana@acme.example", "name": "Ana", "role": "agent" }))
        .send()
        .await
        .expect("invite");
    assert_eq!(invited.status(), StatusCode::CREATED);
    let mail = parse(&smtp.wait_for_messages(1, WAIT).await[0]);
    assert!(mail.subject.contains("le ha invitado a atender el soporte de"), "{}", mail.subject);
    assert!(mail.text.starts_with("Hola, Ana:\n\n"), "{}", mail.text);
    assert!(mail.text.contains("como agente."), "{}", mail.text);
    assert!(mail.text.contains("durante 7 días"), "{}", mail.text);
    let link = mail.text.split_whitespace().find(|word| word.contains("/invite/")).expect("a link");
    let path = link.split_once("/invite/").map(|(_, token)| format!("/invite/{token}")).expect("path");

    // Its page speaks the browser's language, and so do its refusals.
    let client = reqwest::Client::new();
    let page = client.get(app.url(&path)).header("accept-language", "ar").send().await.expect("page");
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.expect("html");
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"), "{html}");
    assert!(html.contains("انضم إلى فريقك في Helpline") && html.contains("ana@acme.example"), "{html}");
    let differ = client
        .post(app.url(&path))
        .header("accept-language", "de")
        .form(&[("password", "a long enough password"), ("confirm", "another long password")])
        .send()
        .await
        .expect("post");
    assert_eq!(differ.status(), StatusCode::BAD_REQUEST);
    assert!(differ.text().await.expect("html").contains("Die beiden Passwörter stimmen nicht überein."));

    // The alert about a waiting chat is in the workspace's language while the agent's
    // console has not said which it speaks...
    let appearance = json!({ "default_locale": "de", "theme": "auto" });
    let saved = agent_send(&app, &admin, Method::PUT, "/api/v1/workspace/appearance", appearance).await;
    assert_eq!(saved.status(), StatusCode::OK);
    // The only agent online takes no chats, so the chat waits.
    let path = format!("/api/v1/agents/{}", admin.session.agent.id);
    let limited = agent_send(&app, &admin, Method::PATCH, &path, json!({ "capacity": 0 })).await;
    assert_eq!(limited.status(), StatusCode::NO_CONTENT);
    let mut console = app.agent_socket(&admin).await;
    let (_visitor, mut visitor_socket, id) = visitor_asks(&app, Some("en"), None).await;
    app.state.clock.advance(Duration::from_secs(301));
    assert_eq!(app.state.queue.run_timers().await.expect("timers").alerted, 1);
    let alert = parse(&smtp.wait_for_messages(2, WAIT).await[1]);
    assert!(alert.subject.starts_with("Ein Chat wartet: "), "{}", alert.subject);
    assert!(alert.text.contains("wartet seit 5 Minuten auf eine Antwort im Live-Chat."), "{}", alert.text);
    assert!(alert.text.contains(&format!("/console/inbox/{id}")), "{}", alert.text);

    // ...and in the console's once it has: the console asks who is signed in, in Spanish.
    let me = admin.http.get(app.url("/api/v1/auth/me")).header("accept-language", "es").send().await.expect("me");
    assert_eq!(me.status(), StatusCode::OK);
    console.send(&reply_frame(id, "answer", "Un momento.")).await;
    console.recv_until(|f| matches!(f, ServerFrame::Ack { .. })).await;
    visitor_socket.send(&send_frame("again", "Still there?")).await;
    visitor_socket.recv_until(|f| matches!(f, ServerFrame::Ack { .. })).await;
    app.state.clock.advance(Duration::from_secs(301));
    assert_eq!(app.state.queue.run_timers().await.expect("timers").alerted, 1);
    let alert = parse(&smtp.wait_for_messages(3, WAIT).await[2]);
    assert!(alert.subject.starts_with("Un chat está esperando: "), "{}", alert.subject);
    assert!(alert.text.contains("lleva 5 minutos esperando una respuesta en un chat en vivo."), "{}", alert.text);
}
