//! Saved replies in the composers, as pure rules native tests cover: finding the
//! `/shortcut` being typed, ranking the replies that match it, and putting the chosen
//! one in its place. `view/reply_picker/` is the list that uses them.

use protocol::replies::{MAX_SHORTCUT_CHARS, SavedReply};

/// Replies the list shows at most.
pub const SHOWN: usize = 8;

/// A `/query` that ends at the caret: where it is in the text and what was typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trigger {
    /// Byte offset of the `/`.
    pub start: usize,
    /// Byte offset of the caret, where the query ends.
    pub end: usize,
    /// What follows the `/`, lowercased.
    pub query: String,
}

/// The trigger the caret is at, if any. `caret` counts UTF-16 code units, as the
/// browser's `selectionStart` does. A trigger is a `/` at the start of the text or
/// after whitespace, then letters, digits, `-` or `_` up to the caret, which ends the
/// word. A bare `/` counts only at the start of a line, so "1 / 2" opens nothing.
pub fn trigger_at(text: &str, caret: u32) -> Option<Trigger> {
    let end = byte_offset(text, caret);
    let before = &text[..end];
    if text[end..].chars().next().is_some_and(is_query_char) {
        return None;
    }
    let query_start = before.trim_end_matches(is_query_char).len();
    let start = query_start.checked_sub(1).filter(|&start| before[start..].starts_with('/'))?;
    let query = &before[query_start..];
    let preceding = before[..start].chars().next_back();
    let at_line_start = preceding.is_none_or(|c| c == '\n');
    let after_space = preceding.is_some_and(char::is_whitespace);
    let opens = if query.is_empty() { at_line_start } else { after_space || at_line_start };
    (opens && query.chars().count() <= MAX_SHORTCUT_CHARS).then(|| Trigger {
        start,
        end,
        query: query.to_ascii_lowercase(),
    })
}

/// The replies matching `query`, best first, at most `limit`: shortcuts starting with
/// it, then shortcuts containing it, then titles containing it (with `-` and `_` read
/// as spaces); alphabetical by shortcut within each.
pub fn ranked<'a>(replies: &'a [SavedReply], query: &str, limit: usize) -> Vec<&'a SavedReply> {
    let query = query.to_lowercase();
    let words = query.replace(['-', '_'], " ");
    let mut found: Vec<(u8, &SavedReply)> = replies
        .iter()
        .filter_map(|reply| {
            let rank = if reply.shortcut.starts_with(&query) {
                0
            } else if reply.shortcut.contains(&query) {
                1
            } else if reply.title.to_lowercase().contains(&words) {
                2
            } else {
                return None;
            };
            Some((rank, reply))
        })
        .collect();
    found.sort_by(|(rank, reply), (other_rank, other)| rank.cmp(other_rank).then(reply.shortcut.cmp(&other.shortcut)));
    found.into_iter().take(limit).map(|(_, reply)| reply).collect()
}

/// `text` with the trigger replaced by `insert`, and the caret just after the inserted
/// text (in UTF-16 code units). `None` when the text no longer holds the trigger there.
pub fn splice(text: &str, trigger: &Trigger, insert: &str) -> Option<(String, u32)> {
    let typed = text.get(trigger.start..trigger.end)?.strip_prefix('/')?;
    if !typed.eq_ignore_ascii_case(&trigger.query) {
        return None;
    }
    let mut spliced = String::with_capacity(text.len() + insert.len());
    spliced.push_str(&text[..trigger.start]);
    spliced.push_str(insert);
    let caret = spliced.encode_utf16().count();
    spliced.push_str(&text[trigger.end..]);
    Some((spliced, u32::try_from(caret).unwrap_or(u32::MAX)))
}

/// Letters (either case: the query is lowercased), digits, `-` and `_`.
fn is_query_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// The byte offset of `caret` UTF-16 code units into `text`; its end when past it.
fn byte_offset(text: &str, caret: u32) -> usize {
    let mut units = 0_u32;
    for (offset, c) in text.char_indices() {
        if units >= caret {
            return offset;
        }
        units += u32::try_from(c.len_utf16()).unwrap_or(2);
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_end(text: &str) -> Option<Trigger> {
        trigger_at(text, u32::try_from(text.encode_utf16().count()).expect("short text"))
    }

    fn reply(shortcut: &str, title: &str) -> SavedReply {
        SavedReply {
            id: 1,
            shortcut: shortcut.into(),
            title: title.into(),
            body: String::new(),
            created_by: None,
            created_at: 0,
            updated_at: 0,
        }
    }

    #[test]
    fn a_slash_at_the_start_or_after_a_space_opens_the_list() {
        assert_eq!(at_end("/ref"), Some(Trigger { start: 0, end: 4, query: "ref".into() }));
        assert_eq!(at_end("Thanks! /Refund"), Some(Trigger { start: 8, end: 15, query: "refund".into() }));
        assert_eq!(at_end("line one\n/"), Some(Trigger { start: 9, end: 10, query: String::new() }));
        assert_eq!(at_end("/"), Some(Trigger { start: 0, end: 1, query: String::new() }));
        assert_eq!(at_end("Grüße\t/faq_2-x").map(|t| t.query), Some("faq_2-x".into()));
    }

    #[test]
    fn slashes_inside_words_paths_and_sums_open_nothing() {
        for text in ["and/or", "see /usr/bin", "1 / 2", "https://x", "/refund policy", "/ref.", "a /", ""] {
            assert_eq!(at_end(text), None, "{text:?}");
        }
        let long = format!("/{}", "x".repeat(MAX_SHORTCUT_CHARS + 1));
        assert_eq!(at_end(&long), None);
    }

    #[test]
    fn the_caret_must_end_the_word_and_counts_utf16_units() {
        // The caret after "/ref" in "/refund": the word goes on, so no list.
        assert_eq!(trigger_at("/refund", 4), None);
        // "😀" is two UTF-16 units and four bytes.
        let text = "😀 /ok and more";
        assert_eq!(trigger_at(text, 6), Some(Trigger { start: 5, end: 8, query: "ok".into() }));
        assert_eq!(trigger_at("/ok", 99), Some(Trigger { start: 0, end: 3, query: "ok".into() }));
    }

    #[test]
    fn shortcut_prefixes_come_before_other_matches_and_titles() {
        let replies = [
            reply("thanks", "Thank you"),
            reply("late-refund", "Refund after 30 days"),
            reply("refund", "Refund policy"),
            reply("money", "How refunds reach you"),
            reply("hello", "Greeting"),
        ];
        let shortcuts = |query: &str, limit| -> Vec<&str> {
            ranked(&replies, query, limit).iter().map(|reply| reply.shortcut.as_str()).collect()
        };
        assert_eq!(shortcuts("ref", 8), ["refund", "late-refund", "money"]);
        assert_eq!(shortcuts("REF", 2), ["refund", "late-refund"]);
        assert_eq!(shortcuts("", 8), ["hello", "late-refund", "money", "refund", "thanks"]);
        assert_eq!(shortcuts("refunds-reach", 8), ["money"]);
        assert!(shortcuts("zzz", 8).is_empty());
    }

    #[test]
    fn the_chosen_reply_replaces_the_trigger_and_the_caret_follows_it() {
        let text = "Hello 😀 /ref and goodbye";
        let trigger = trigger_at(text, 13).expect("a trigger");
        let (spliced, caret) = splice(text, &trigger, "Hi Priya,\n").expect("spliced");
        assert_eq!(spliced, "Hello 😀 Hi Priya,\n and goodbye");
        assert_eq!(caret, 19);
        // The text changed under the list: nothing is replaced.
        assert_eq!(splice("Hello 😀 /rex and goodbye", &trigger, "x"), None);
        assert_eq!(splice("short", &trigger, "x"), None);
    }
}
