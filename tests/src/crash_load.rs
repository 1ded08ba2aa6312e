//! Load for crash tests: a visitor that chats over its own socket with a few messages in
//! flight and files "Email us" tickets, and that, when the server goes away, waits for
//! it to come back (at a new address), reconnects and resends every message not yet
//! acknowledged with its original client id, as Helpline's own clients do
//! (docs/protocol.md, "How Helpline's own clients behave"). It records what the server
//! acknowledged, for the test to hold the database to afterwards.

use std::collections::HashMap;
use std::time::Duration;

use protocol::frames::{ClientFrame, ServerFrame};
use protocol::tickets::WidgetTicket;
use reqwest::StatusCode;
use tokio::sync::watch;

use crate::ws::Received;
use crate::{HOST_ORIGIN, Visitor, WsClient};

/// How long a ticket request may take.
const REQUEST_DEADLINE: Duration = Duration::from_secs(10);
/// How long a visitor that lost its connection waits for the test to start the server
/// again; a connection lost without a kill ends the test here.
const RESTART_DEADLINE: Duration = Duration::from_secs(30);

/// What one visitor does.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    /// Chat messages to get acknowledged.
    pub messages: usize,
    /// Messages sent and not yet acknowledged at any one time.
    pub in_flight: usize,
    /// A ticket before the first message and after every this many.
    pub ticket_every: usize,
}

/// The server as the clients find it: which start this is (0 for the first) and where
/// it listens. The test sends a new value after each restart.
#[derive(Debug, Clone)]
pub struct Running {
    pub generation: usize,
    pub base_url: String,
}

/// Where the server put an acknowledged message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ack {
    pub conversation_id: i64,
    pub message_id: i64,
    pub seq: i64,
}

/// What one visitor did and was told.
#[derive(Debug, Default)]
pub struct Record {
    /// Every message's acknowledgement, by client id.
    pub acks: HashMap<String, Ack>,
    /// The numbers of the tickets answered `201 Created`.
    pub tickets: Vec<i64>,
    /// Ticket requests whose answer a kill cut off: the ticket may or may not exist.
    pub tickets_unanswered: usize,
    /// Messages sent again over a new connection because their ack had not come.
    pub resent: usize,
}

/// Chats as visitor `number` (whose client ids and ticket addresses it makes unique)
/// until every message of `plan` is acknowledged and every ticket filed, following the
/// server through restarts by `running`. Adds one to `acked` per message acknowledged
/// for the first time. Panics on any error frame or refused ticket.
pub async fn chat_through_crashes(
    visitor: Visitor,
    number: usize,
    plan: Plan,
    mut running: watch::Receiver<Running>,
    acked: watch::Sender<usize>,
) -> Record {
    let http = reqwest::Client::builder().timeout(REQUEST_DEADLINE).build().expect("an HTTP client");
    let mut writer =
        Writer { visitor, number, plan, http, acked, record: Record::default(), unacked: Vec::new(), written: 0 };
    let mut server = running.borrow_and_update().clone();
    while let Ended::ServerGone = writer.talk_to(&server).await {
        let gone = server.generation;
        let restarted = tokio::time::timeout(RESTART_DEADLINE, running.wait_for(|running| running.generation > gone));
        server = restarted
            .await
            .unwrap_or_else(|_| panic!("visitor {number} lost server {gone}, which was not restarted"))
            .expect("the test stopped restarting the server before the load was done")
            .clone();
    }
    writer.record
}

/// How talking to one server ended.
enum Ended {
    /// Every message is acknowledged and every ticket filed.
    Done,
    /// The connection was lost, or the server could not be reached.
    ServerGone,
}

/// One visitor's progress.
struct Writer {
    visitor: Visitor,
    number: usize,
    plan: Plan,
    http: reqwest::Client,
    acked: watch::Sender<usize>,
    record: Record,
    /// Client ids sent and not acknowledged, oldest first.
    unacked: Vec<String>,
    /// Messages begun, acknowledged or not.
    written: usize,
}

impl Writer {
    /// Talks to `server` until everything is done or the server is gone; first resends
    /// what the last server did not acknowledge.
    async fn talk_to(&mut self, server: &Running) -> Ended {
        let url = format!("{}/api/v1/widget/ws", server.base_url.replacen("http://", "ws://", 1));
        let Ok(mut socket) = WsClient::connect_visitor(&url, &self.visitor.token, &server.base_url).await else {
            return Ended::ServerGone;
        };
        self.record.resent += self.unacked.len();
        for client_id in self.unacked.clone() {
            if !self.send(&mut socket, &client_id).await {
                return Ended::ServerGone;
            }
        }
        loop {
            while self.unacked.len() < self.plan.in_flight && self.written < self.plan.messages {
                if self.written.is_multiple_of(self.plan.ticket_every) && !self.file_ticket(server).await {
                    return Ended::ServerGone;
                }
                let client_id = format!("v{}-m{}", self.number, self.written);
                self.written += 1;
                self.unacked.push(client_id.clone());
                if !self.send(&mut socket, &client_id).await {
                    return Ended::ServerGone;
                }
            }
            if self.unacked.is_empty() {
                socket.close().await;
                return Ended::Done;
            }
            match socket.next().await {
                Received::Frame(ServerFrame::Ack { client_id, conversation_id, message_id, seq, .. }) => {
                    self.acknowledge(client_id, Ack { conversation_id, message_id, seq });
                }
                Received::Frame(ServerFrame::Error { message, client_id, .. }) => {
                    panic!("visitor {}: the server refused {client_id:?}: {message}", self.number)
                }
                Received::Frame(_) => {}
                Received::Closed(_) => return Ended::ServerGone,
            }
        }
    }

    /// Sends a message; false when the connection is gone. The body follows from the
    /// client id, so a resend is the same message.
    async fn send(&self, socket: &mut WsClient, client_id: &str) -> bool {
        let frame = ClientFrame::Send {
            conversation_id: None,
            client_id: client_id.to_owned(),
            body: format!("Message {client_id}: the export still fails"),
            files: Vec::new(),
            internal: false,
        };
        let json = serde_json::to_string(&frame).expect("serialise a frame");
        socket.try_send_raw(&json).await.is_ok()
    }

    fn acknowledge(&mut self, client_id: String, ack: Ack) {
        let position = self.unacked.iter().position(|unacked| *unacked == client_id);
        let position = position.unwrap_or_else(|| {
            panic!("visitor {}: an ack for {client_id:?}, which was not sent or is acknowledged already", self.number)
        });
        self.unacked.remove(position);
        self.record.acks.insert(client_id, ack);
        self.acked.send_modify(|count| *count += 1);
    }

    /// Files the next ticket; false when the server could not be reached, so it is
    /// filed again after the restart. An answer lost to a kill is counted and not
    /// retried: a second request would be a second ticket.
    async fn file_ticket(&mut self, server: &Running) -> bool {
        let filed = self.record.tickets.len() + self.record.tickets_unanswered;
        let email = format!("requester-{}-{filed}@customer.example", self.number);
        let subject = format!("Export fails, report {filed} of visitor {}", self.number);
        let sent = self
            .http
            .post(format!("{}/api/v1/widget/tickets", server.base_url))
            .bearer_auth(&self.visitor.token)
            .header("origin", HOST_ORIGIN)
            .json(&crate::tickets::bug_report(&email, &subject))
            .send()
            .await;
        let response = match sent {
            Ok(response) => response,
            Err(error) if error.is_connect() => return false,
            Err(error) if error.is_timeout() => panic!("visitor {}: a ticket request timed out: {error}", self.number),
            Err(_) => {
                self.record.tickets_unanswered += 1;
                return true;
            }
        };
        let status = response.status();
        let body = response.text().await;
        match body {
            Ok(body) if status == StatusCode::CREATED => {
                let ticket: WidgetTicket = serde_json::from_str(&body).expect("a ticket in the answer");
                self.record.tickets.push(ticket.number);
            }
            Ok(body) => panic!("visitor {}: the ticket was refused with {status}: {body}", self.number),
            Err(_) => self.record.tickets_unanswered += 1,
        }
        true
    }
}
