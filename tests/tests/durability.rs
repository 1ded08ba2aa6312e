//! Durability under kill -9, on both databases. Visitors chat and file "Email us"
//! tickets while the server, a process of its own, is killed with SIGKILL after every
//! `ACKS_BETWEEN_KILLS` acks and started again on the same database; then the outbox
//! sends its backlog alone and is killed `MAIL_KILLS` times more, each just after a
//! message was accepted by the mail server or recorded as sent. Afterwards every
//! acknowledged message is stored exactly once where its ack said, each conversation's
//! sequence numbers run 1..n without a gap, the SQLite file passes `PRAGMA
//! integrity_check`, every stored ticket's acknowledgement arrived, and no more mail
//! arrived twice than docs/protocol.md ("Mail") allows: one repeat per kill at most.
//!
//! Why it fails without those guarantees: each kill under load finds up to
//! `VISITORS * PLAN.in_flight` messages between the clients and the database, and
//! tickets with them.
//! - An ack sent before its commit is lost with the kill that comes between the two: an
//!   acknowledged client id is then missing from the database.
//! - Without deduplication by client id, a message committed whose ack the kill cut off
//!   is stored again when the client resends it (or refused, an error frame).
//! - Sequence numbers counted anywhere but in the storing transaction repeat or skip
//!   after a restart.
//! - Mail queued after the ticket's transaction instead of in it goes missing when a
//!   kill falls between the two: a stored ticket without its acknowledgement.
//! - Mail recorded as sent before it is sent goes missing when a kill comes mid-send,
//!   which the kills just after a message was recorded aim at; so does mail a dead
//!   worker had claimed if no later one takes it over.
//!
//! Two of these were tried on a copy of the server broken on purpose, acks sent 20 ms
//! before their commit and mail recorded as sent before sending: the test failed on
//! both databases in each of three runs against either.
//!
//! SIGKILL ends the process, not the machine: what the kernel has been given survives
//! it, so this tests commit-before-ack, recovery of the SQLite WAL and of transactions
//! PostgreSQL was in, and resumption; it cannot test `synchronous = FULL` against power
//! loss.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use e2e::crash_load::{Plan, Record, Running, chat_through_crashes};
use e2e::process::{ServerProcess, prepare_workspace};
use e2e::smtp::SmtpServer;
use e2e::{Backend, TestDb, create_visitor_at};
use rstest::rstest;
use sqlx::AnyPool;
use tokio::sync::watch;
use tokio::task::JoinSet;

/// Visitors writing at once, each on a socket of its own.
const VISITORS: usize = 6;
/// What each does: 50 messages, 3 in flight, 5 tickets.
const PLAN: Plan = Plan { messages: 50, in_flight: 3, ticket_every: 10 };
/// Kills while the load runs, one after every `ACKS_BETWEEN_KILLS` acknowledgements; the
/// last one comes before the load's 300 messages are all acknowledged.
const KILLS: usize = 5;
const ACKS_BETWEEN_KILLS: usize = 50;
/// How long the whole test may take before it is stuck.
const TEST_DEADLINE: Duration = Duration::from_secs(120);
/// Kills while the outbox sends its backlog after the load, each as soon as one more
/// message has arrived or been recorded as sent.
const MAIL_KILLS: usize = 4;
/// How long the outbox may take to send a message, or all, after a restart.
const MAIL_DEADLINE: Duration = Duration::from_secs(20);

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_messages_and_queued_mail_survive_repeated_kill_9(#[case] backend: Backend) {
    tokio::time::timeout(TEST_DEADLINE, kill_repeatedly_under_load(backend))
        .await
        .unwrap_or_else(|_| panic!("the test did not finish within {TEST_DEADLINE:?}"));
}

async fn kill_repeatedly_under_load(backend: Backend) {
    let started = Instant::now();
    let smtp = SmtpServer::start();
    let db = TestDb::new(backend).await;
    let workspace = prepare_workspace(db.url()).await;
    let mut server = ServerProcess::start(db.url(), &configuration(smtp.port)).await;

    let (running, follow) = watch::channel(Running { generation: 0, base_url: server.base_url().to_owned() });
    let (acked, mut progress) = watch::channel(0);
    let mut visitors = JoinSet::new();
    for number in 0..VISITORS {
        let visitor = create_visitor_at(server.base_url(), &workspace.app_id).await;
        visitors.spawn(chat_through_crashes(visitor, number, PLAN, follow.clone(), acked.clone()));
    }
    // Only the visitors hold `acked`, so waiting on it ends if they all stop.
    drop(acked);
    let mut records = Vec::new();
    for kill in 1..=KILLS {
        let target = kill * ACKS_BETWEEN_KILLS;
        wait_for_acks(&mut progress, target, &mut visitors, &mut records).await;
        server.kill_9().await;
        server.restart().await;
        running.send_replace(Running { generation: kill, base_url: server.base_url().to_owned() });
    }
    while let Some(finished) = visitors.join_next().await {
        records.push(finished.unwrap_or_else(|error| std::panic::resume_unwind(error.into_panic())));
    }

    // The load is done; a kill now may still catch the worker sending mail.
    server.kill_9().await;
    let mut kills = KILLS + 1;

    // The outbox's own write load: the backlog goes out with nothing else running, and
    // each restart is killed at a moment of the worker's: just after the mail server
    // accepted a message (the worker is recording it), or just after a message was
    // recorded as sent (the worker is sending the next). Mail a killed server had
    // claimed waits for the claim's 5-minute lease; the test does not wait for that:
    // with the server down, it ends those leases as the passing time would.
    let pool = connect(db.url()).await;
    let mut leases_ended = 0;
    for round in 0..MAIL_KILLS {
        leases_ended += end_leases(&pool).await;
        if unsent(&pool).await == 0 {
            break;
        }
        let moment = if round % 2 == 0 { Moment::Accepted } else { Moment::Recorded };
        let before = moment.count(&pool, &smtp).await;
        server.restart().await;
        moment.wait_for(&pool, &smtp, before + 1).await;
        server.kill_9().await;
        kills += 1;
    }
    leases_ended += end_leases(&pool).await;
    server.restart().await;
    wait_until_all_mail_is_sent(&pool).await;
    pool.close().await;
    // Nothing is in flight now. The database is looked at as a kill leaves it.
    server.kill_9().await;

    let pool = connect(db.url()).await;
    if backend == Backend::Sqlite {
        let integrity: Vec<String> =
            sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&pool).await.expect("integrity check");
        assert_eq!(integrity, ["ok"], "the SQLite file after {} kills", kills + 1);
        let violations = sqlx::query("PRAGMA foreign_key_check").fetch_all(&pool).await.expect("foreign key check");
        assert_eq!(violations.len(), 0, "rows whose foreign keys point nowhere");
    }
    check_messages(&pool, &records).await;
    let (delivered, extra) = check_mail(&pool, &smtp, &records, kills).await;
    pool.close().await;

    let resent: usize = records.iter().map(|record| record.resent).sum();
    let unanswered: usize = records.iter().map(|record| record.tickets_unanswered).sum();
    let tickets: usize = records.iter().map(|record| record.tickets.len()).sum();
    println!(
        "{backend:?}: {} kills, {} messages acknowledged, {resent} resent after a kill; {tickets} tickets \
         acknowledged, {unanswered} requests cut off; {delivered} mails delivered, {extra} of them again; \
         {leases_ended} claims of killed servers ended; {:.1?}",
        kills + 1,
        VISITORS * PLAN.messages,
        started.elapsed()
    );
}

/// Mail to the test's SMTP server, and no limits that a load from one address at
/// machine speed would run into.
fn configuration(smtp_port: u16) -> String {
    format!(
        "[mail]\nfrom_address = \"support@helpline.example\"\n\n\
         [mail.smtp]\nhost = \"127.0.0.1\"\nport = {smtp_port}\ntls = \"none\"\ntimeout_secs = 5\n\n\
         [limits]\nframes_per_socket = \"off\"\nmessages_per_socket = \"off\"\n\
         tickets_per_visitor = \"off\"\ntickets_per_ip = \"off\"\n"
    )
}

/// Waits until the visitors have had `target` messages acknowledged, collecting the
/// records of those that finish meanwhile and passing on their panics.
async fn wait_for_acks(
    progress: &mut watch::Receiver<usize>,
    target: usize,
    visitors: &mut JoinSet<Record>,
    records: &mut Vec<Record>,
) {
    loop {
        tokio::select! {
            reached = progress.wait_for(|acked| *acked >= target) => {
                reached.expect("the visitors stopped before the kill");
                return;
            }
            finished = visitors.join_next() => match finished {
                Some(finished) => {
                    records.push(finished.unwrap_or_else(|error| std::panic::resume_unwind(error.into_panic())));
                }
                None => panic!("every visitor finished before {target} acknowledgements"),
            },
        }
    }
}

async fn connect(url: &str) -> AnyPool {
    sqlx::any::install_default_drivers();
    AnyPool::connect(url).await.expect("connect to the test database")
}

/// Every acknowledged client id is stored once, at the conversation, id and number its
/// ack named; nothing the visitors wrote is stored that was not acknowledged; and each
/// conversation's numbers (history entries' too) run 1..n.
async fn check_messages(pool: &AnyPool, records: &[Record]) {
    let rows: Vec<(i64, i64, i64, String, String)> = sqlx::query_as(
        "SELECT conversation_id, seq, id, client_id, author_kind FROM messages ORDER BY conversation_id, seq",
    )
    .fetch_all(pool)
    .await
    .expect("read the messages");
    let mut numbers: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut stored: HashMap<&str, Vec<(i64, i64, i64)>> = HashMap::new();
    for (conversation_id, seq, id, client_id, author_kind) in &rows {
        numbers.entry(*conversation_id).or_default().push(*seq);
        if author_kind == "visitor" {
            stored.entry(client_id).or_default().push((*conversation_id, *id, *seq));
        }
    }
    for (conversation_id, seqs) in &numbers {
        let expected: Vec<i64> = (1..=seqs.len() as i64).collect();
        assert_eq!(seqs, &expected, "conversation {conversation_id}'s sequence numbers");
    }
    let mut acknowledged = 0;
    for (client_id, ack) in records.iter().flat_map(|record| &record.acks) {
        acknowledged += 1;
        let copies = stored.get(client_id.as_str()).map(Vec::as_slice).unwrap_or_default();
        assert_eq!(
            copies,
            [(ack.conversation_id, ack.message_id, ack.seq)],
            "the acknowledged message {client_id:?} as stored"
        );
    }
    assert_eq!(acknowledged, VISITORS * PLAN.messages, "every message was acknowledged in the end");
    assert_eq!(stored.len(), acknowledged, "visitors' messages stored that were never acknowledged");
}

/// Makes the mail that killed servers had claimed due now, as the end of their
/// leases would; returns how many there were. Only while no server runs.
async fn end_leases(pool: &AnyPool) -> u64 {
    sqlx::query("UPDATE mail_outbox SET locked_until = 0 WHERE status = 'sending'")
        .execute(pool)
        .await
        .expect("end the leases of mail claimed by killed servers")
        .rows_affected()
}

/// Outbox rows not sent yet.
async fn unsent(pool: &AnyPool) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox WHERE status <> 'sent'")
        .fetch_one(pool)
        .await
        .expect("count unsent mail")
}

/// A moment in the outbox worker's sending of one message.
#[derive(Debug, Clone, Copy)]
enum Moment {
    /// The mail server accepted it.
    Accepted,
    /// Its outbox row says it was sent.
    Recorded,
}

impl Moment {
    /// How many messages have reached this moment.
    async fn count(self, pool: &AnyPool, smtp: &SmtpServer) -> usize {
        match self {
            Moment::Accepted => {
                let entries = std::fs::read_dir(&smtp.dir).expect("the SMTP server's folder");
                entries
                    .filter_map(Result::ok)
                    .filter(|entry| entry.path().extension().is_some_and(|e| e == "eml"))
                    .count()
            }
            Moment::Recorded => {
                let sent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox WHERE status = 'sent'")
                    .fetch_one(pool)
                    .await
                    .expect("count sent mail");
                usize::try_from(sent).expect("a count")
            }
        }
    }

    /// Waits until `count` messages have reached this moment, looking every millisecond
    /// so that the kill that follows finds the worker where the moment left it.
    async fn wait_for(self, pool: &AnyPool, smtp: &SmtpServer, count: usize) {
        let deadline = Instant::now() + MAIL_DEADLINE;
        while self.count(pool, smtp).await < count {
            assert!(Instant::now() < deadline, "no mail was {self:?} within {MAIL_DEADLINE:?}");
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    }
}

/// Waits until the outbox has sent everything; panics with its state after
/// `MAIL_DEADLINE`.
async fn wait_until_all_mail_is_sent(pool: &AnyPool) {
    let deadline = Instant::now() + MAIL_DEADLINE;
    loop {
        let statuses: Vec<(String, i64)> =
            sqlx::query_as("SELECT status, COUNT(*) FROM mail_outbox GROUP BY status ORDER BY status")
                .fetch_all(pool)
                .await
                .expect("read the outbox");
        if statuses.iter().all(|(status, _)| status == "sent") {
            return;
        }
        assert!(Instant::now() < deadline, "the outbox did not drain within {MAIL_DEADLINE:?}: {statuses:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Every stored ticket has its acknowledgement queued (and every `201` ticket is
/// stored); every queued message arrived at least once and nothing else arrived; and
/// there are no more repeats than kills, since a kill repeats at most the one message
/// whose acceptance it kept from being recorded. (One message can repeat more than
/// once: a kill can catch it again after its lease was ended.) Returns the mails
/// delivered and how many of them were repeats.
async fn check_mail(pool: &AnyPool, smtp: &SmtpServer, records: &[Record], kills: usize) -> (usize, usize) {
    let stored: Vec<i64> =
        sqlx::query_scalar("SELECT number FROM tickets").fetch_all(pool).await.expect("read the tickets");
    let outbox: Vec<(String, Option<i64>)> =
        sqlx::query_as("SELECT o.message_id, t.number FROM mail_outbox o LEFT JOIN tickets t ON t.id = o.ticket_id")
            .fetch_all(pool)
            .await
            .expect("read the outbox");
    for number in records.iter().flat_map(|record| &record.tickets) {
        assert!(stored.contains(number), "ticket #{number} was acknowledged with 201 and is not stored");
    }
    for number in &stored {
        assert!(
            outbox.iter().any(|(_, ticket)| ticket == &Some(*number)),
            "ticket #{number} is stored without its acknowledgement in the outbox"
        );
    }

    let mut queued: HashMap<&str, usize> = HashMap::new();
    for (message_id, _) in &outbox {
        *queued.entry(message_id).or_default() += 1;
    }
    let messages = smtp.messages();
    let mut arrived: HashMap<String, usize> = HashMap::new();
    for raw in &messages {
        let raw = String::from_utf8_lossy(raw);
        let message_id = e2e::tickets::header(&raw, "Message-ID").expect("a Message-ID on every mail");
        *arrived.entry(message_id.to_owned()).or_default() += 1;
    }
    let mut extra = 0;
    for (message_id, copies) in &queued {
        let got = arrived.get(*message_id).copied().unwrap_or_default();
        assert!(got >= *copies, "{message_id} was queued {copies} times and arrived {got} times");
        extra += got - copies;
    }
    for message_id in arrived.keys() {
        assert!(queued.contains_key(message_id.as_str()), "{message_id} arrived and was never queued");
    }
    assert!(extra <= kills, "{extra} mails arrived again after {kills} kills; a kill repeats one at most");
    (messages.len(), extra)
}
