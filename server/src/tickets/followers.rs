//! Followers: people copied on a ticket's mail, who receive its public replies. Who a
//! mail adds is decided here: never the requester, nobody twice, and at most
//! [`MAX_FOLLOWERS`] per ticket, the rest named in the `followers_added` event.

use crate::store::{Follower, TicketRecord, TicketTx};

/// A ticket follows at most this many addresses; a mail copying more adds the first
/// ones and its `followers_added` event says how many were left out.
pub const MAX_FOLLOWERS: usize = 20;

/// Followers a mail added to a ticket, and how many it could not add (over
/// [`MAX_FOLLOWERS`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FollowersAdded {
    pub added: Vec<Follower>,
    pub left_out: usize,
}

impl FollowersAdded {
    /// The `followers_added` event's body and new value: who, and who was left out.
    pub fn describe(&self) -> (String, String) {
        let addresses: Vec<&str> = self.added.iter().map(|follower| follower.email.as_str()).collect();
        let mut body = format!("Copied on the mail, now following: {}.", addresses.join(", "));
        if self.left_out > 0 {
            body.push_str(&format!(
                " {} more copied addresses were not added: a ticket has at most {MAX_FOLLOWERS} followers.",
                self.left_out
            ));
        }
        (body, addresses.join("\n"))
    }
}

/// Adds `candidates` to the ticket's followers inside the desk's transaction, leaving
/// out the requester, those already following, and any over [`MAX_FOLLOWERS`].
pub(super) async fn add_followers(
    tx: &mut TicketTx,
    ticket: &TicketRecord,
    candidates: &[Follower],
    now: i64,
) -> anyhow::Result<FollowersAdded> {
    let mut result = FollowersAdded::default();
    if candidates.is_empty() {
        return Ok(result);
    }
    let existing = tx.count_followers(ticket.id).await?;
    let mut room = MAX_FOLLOWERS.saturating_sub(usize::try_from(existing).unwrap_or(usize::MAX));
    let requester = ticket.requester_email.trim().to_lowercase();
    for candidate in candidates {
        if candidate.email == requester || result.added.iter().any(|added| added.email == candidate.email) {
            continue;
        }
        if room == 0 {
            result.left_out += 1;
            continue;
        }
        if tx.insert_follower(ticket.id, candidate, now).await? {
            room -= 1;
            result.added.push(candidate.clone());
        }
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_event_names_who_follows_and_how_many_were_left_out() {
        let added = FollowersAdded {
            added: vec![Follower::new("Sam@Example.com", Some("Sam")), Follower::new("kim@example.com", None)],
            left_out: 2,
        };
        let (body, addresses) = added.describe();
        assert_eq!(addresses, "sam@example.com\nkim@example.com");
        assert!(body.starts_with("Copied on the mail, now following: sam@example.com, kim@example.com."));
        assert!(body.contains("2 more copied addresses were not added: a ticket has at most 20 followers."));
    }
}
