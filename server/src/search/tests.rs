//! Behaviour of [`SearchIndex`] on small synthetic help centers: tenancy, matching,
//! ranking, analysis per locale, snippets, hostile queries, updates and concurrency.

use super::*;

type TestResult = std::result::Result<(), Box<dyn std::error::Error>>;

const WORKSPACE: i64 = 1;
const OTHER_WORKSPACE: i64 = 2;

fn article(id: i64, title: &str, body: &str) -> SearchDoc {
    SearchDoc {
        id,
        workspace_id: WORKSPACE,
        category_id: None,
        locale: Some("en".to_owned()),
        title: title.to_owned(),
        body: body.to_owned(),
        tags: Vec::new(),
    }
}

fn index_of(docs: Vec<SearchDoc>) -> Result<SearchIndex> {
    let index = SearchIndex::new()?;
    index.rebuild(docs)?;
    Ok(index)
}

fn search(index: &SearchIndex, text: &str) -> Result<Vec<SearchHit>> {
    index.search(&SearchQuery { workspace_id: WORKSPACE, text, category_id: None, limit: 10 })
}

fn ids(hits: &[SearchHit]) -> Vec<i64> {
    hits.iter().map(|hit| hit.id).collect()
}

fn found(index: &SearchIndex, text: &str) -> Result<Vec<i64>> {
    Ok(ids(&search(index, text)?))
}

#[test]
fn search_index_is_a_shareable_handle() {
    fn assert_shareable<T: Clone + Send + Sync + 'static>() {}
    assert_shareable::<SearchIndex>();
}

#[test]
fn results_come_only_from_the_query_workspace() -> TestResult {
    let mut other = article(2, "Refund policy", "How refunds work.");
    other.workspace_id = OTHER_WORKSPACE;
    let index = index_of(vec![article(1, "Refund policy", "How refunds work."), other])?;

    assert_eq!(found(&index, "refund")?, [1]);
    let hits =
        index.search(&SearchQuery { workspace_id: OTHER_WORKSPACE, text: "refund", category_id: None, limit: 10 })?;
    assert_eq!(ids(&hits), [2]);
    let hits = index.search(&SearchQuery { workspace_id: 3, text: "refund", category_id: None, limit: 10 })?;
    assert!(hits.is_empty());
    Ok(())
}

#[test]
fn category_filter_keeps_only_that_category() -> TestResult {
    let mut billing = article(1, "Refund policy", "Refunds for annual plans.");
    billing.category_id = Some(10);
    let mut shipping = article(2, "Refund shipping costs", "Refunds for returned parcels.");
    shipping.category_id = Some(20);
    let uncategorised = article(3, "Refund FAQ", "Refunds in general.");
    let index = index_of(vec![billing, shipping, uncategorised])?;

    let mut all = found(&index, "refund")?;
    all.sort_unstable();
    assert_eq!(all, [1, 2, 3]);
    let hits =
        index.search(&SearchQuery { workspace_id: WORKSPACE, text: "refund", category_id: Some(20), limit: 10 })?;
    assert_eq!(ids(&hits), [2]);
    Ok(())
}

#[test]
fn last_word_matches_as_a_prefix_and_earlier_words_must_be_whole() -> TestResult {
    let index = index_of(vec![
        article(1, "Refund policy", "Money back within 30 days."),
        article(2, "Shipping times", "Parcels arrive within a week."),
    ])?;

    assert_eq!(found(&index, "refu")?, [1]);
    assert_eq!(found(&index, "policy refu")?, [1]);
    assert_eq!(found(&index, "sh")?, [2]);
    assert!(found(&index, "refu policy")?.is_empty(), "an earlier word is not a prefix");
    assert!(found(&index, "refu ")?.is_empty(), "a trailing space completes the word");
    Ok(())
}

#[test]
fn typos_are_tolerated_by_word_length() -> TestResult {
    let index = index_of(vec![
        article(1, "Refund policy", "Money back."),
        article(2, "Reset your password", "Use the link we email."),
        article(3, "Cancel a subscription", "Stop renewing."),
        article(4, "Sales tax", "Which rates apply."),
        article(5, "Download an invoice", "From the billing page."),
    ])?;

    assert_eq!(found(&index, "refnud ")?, [1], "a transposition is one edit");
    assert_eq!(found(&index, "pasword ")?, [2], "one deletion at 4+ characters");
    assert_eq!(found(&index, "subscirpton ")?, [3], "two edits at 8+ characters");
    assert_eq!(found(&index, "invoce ")?, [5]);
    assert!(found(&index, "invce ")?.is_empty(), "two edits are too many under 8 characters");
    assert!(found(&index, "tab ")?.is_empty(), "words under 4 characters are exact");
    assert_eq!(found(&index, "refnu")?, [1], "the last word is fuzzy-prefix matched");
    Ok(())
}

#[test]
fn title_matches_rank_above_body_matches() -> TestResult {
    let index = index_of(vec![
        article(1, "Account settings", "Where to find each invoice you paid."),
        article(2, "Invoice history", "Where to find each receipt you paid."),
    ])?;
    assert_eq!(found(&index, "invoice")?, [2, 1]);

    let mut tagged = article(3, "Account settings", "Where to find each receipt you paid.");
    tagged.tags = vec!["invoice".to_owned()];
    let index = index_of(vec![article(1, "Account settings", "Where to find each invoice you paid."), tagged])?;
    assert_eq!(found(&index, "invoice")?, [3, 1], "tags weigh above the body");
    Ok(())
}

#[test]
fn words_close_together_rank_above_scattered_words() -> TestResult {
    let index = index_of(vec![
        article(1, "Account help", "Reset the router first. Later, if the page still fails, change your password."),
        article(2, "Account help", "Reset password from the sign-in page. Later, if the router still fails, call us."),
    ])?;
    assert_eq!(found(&index, "reset password")?, [2, 1]);
    assert_eq!(found(&index, "reset password ")?, [2, 1]);
    Ok(())
}

#[test]
fn english_articles_match_other_forms_of_a_word() -> TestResult {
    let index = index_of(vec![
        article(1, "Configuration guide", "Everything about settings."),
        article(2, "Refunded orders", "What happens after a refund."),
    ])?;

    assert_eq!(found(&index, "configuring ")?, [1]);
    assert_eq!(found(&index, "configured")?, [1]);
    let hits = search(&index, "configuring ")?;
    assert_eq!(hits[0].title_html, "<mark>Configuration</mark> guide");
    Ok(())
}

#[test]
fn other_locales_are_searchable_without_english_stemming() -> TestResult {
    let mut french = article(1, "Configuration du compte", "Guide de remboursement.");
    french.locale = Some("fr".to_owned());
    let mut german = article(2, "Rückerstattung", "Geld zurück für Café-Bestellungen.");
    german.locale = Some("de-DE".to_owned());
    let index = index_of(vec![french, german])?;

    assert_eq!(found(&index, "remboursement")?, [1]);
    assert_eq!(found(&index, "configuration")?, [1]);
    assert_eq!(found(&index, "rembour")?, [1], "prefixes work in any locale");
    assert_eq!(found(&index, "ruckerstattung")?, [2], "accents are folded");
    assert_eq!(found(&index, "cafe")?, [2]);
    assert!(found(&index, "configuring ")?.is_empty(), "the English stem of a query never matches a French article");
    Ok(())
}

#[test]
fn snippets_mark_matches_and_escape_the_body() -> TestResult {
    let body = "Before anything: <script>alert('x')</script> & <b>bold</b>. \
                To get a refund, open Billing and press Refund.";
    let index = index_of(vec![article(1, "Refunds & <em>returns</em>", body)])?;

    let hits = search(&index, "refund")?;
    let hit = &hits[0];
    assert_eq!(hit.title_html, "<mark>Refunds</mark> &amp; &lt;em&gt;returns&lt;/em&gt;");
    assert!(hit.snippet_html.contains("<mark>refund</mark>"), "{}", hit.snippet_html);
    assert!(hit.snippet_html.contains("<mark>Refund</mark>"), "{}", hit.snippet_html);

    let hits = search(&index, "script alert")?;
    let snippet = &hits[0].snippet_html;
    assert!(snippet.contains("&lt;<mark>script</mark>&gt;"), "{snippet}");
    assert!(snippet.contains("&#x27;"), "{snippet}");
    let markup = snippet.replace("<mark>", "").replace("</mark>", "");
    assert!(!markup.contains('<') && !markup.contains('>'), "{snippet}");
    Ok(())
}

#[test]
fn snippets_mark_prefix_and_typo_matches() -> TestResult {
    let index = index_of(vec![article(1, "Billing", "To request a refund, contact support.")])?;
    let hits = search(&index, "refnud ")?;
    assert!(hits[0].snippet_html.contains("<mark>refund</mark>"), "{}", hits[0].snippet_html);
    let hits = search(&index, "contact supp")?;
    assert!(hits[0].snippet_html.contains("<mark>contact</mark> <mark>support</mark>"));
    Ok(())
}

#[test]
fn a_title_only_match_shows_the_beginning_of_the_body() -> TestResult {
    let index = index_of(vec![article(1, "Refund policy", "Money <back> within 30 days.")])?;
    let hits = search(&index, "refund")?;
    assert_eq!(hits[0].snippet_html, "Money &lt;back&gt; within 30 days.");
    Ok(())
}

#[test]
fn empty_blank_and_punctuation_queries_find_nothing() -> TestResult {
    let index = index_of(vec![article(1, "Refund policy", "Money back.")])?;
    for text in ["", "   ", "\t\n", "?!.,;:", "\"\" () * + - :", "…—"] {
        assert!(found(&index, text)?.is_empty(), "{text:?}");
    }
    Ok(())
}

#[test]
fn very_long_queries_are_truncated_without_error() -> TestResult {
    let index = index_of(vec![article(1, "Refund policy", "Money back.")])?;

    let words = "refund ".to_owned() + &"policy ".repeat(499);
    assert_eq!(words.split_whitespace().count(), 500);
    assert_eq!(found(&index, &words)?, [1]);
    assert!(found(&index, &"x".repeat(10_000))?.is_empty());
    assert!(found(&index, &"é".repeat(10_000))?.is_empty());
    let mixed: String = (0..2_000).map(|at| format!("w{at} ")).collect();
    assert!(found(&index, &mixed)?.is_empty());
    Ok(())
}

#[test]
fn query_syntax_characters_are_plain_text() -> TestResult {
    let index = index_of(vec![article(1, "Refund policy", "Money back.")])?;
    for text in [
        "\"refund\"",
        "-refund",
        "+refund",
        "refund*",
        "(refund)",
        "title:refund",
        "refund AND",
        "refund~2",
        "refund^10",
        "[refund TO policy]",
        "\"refund policy",
    ] {
        let hits = found(&index, text)?;
        assert!(hits.is_empty() || hits == [1], "{text:?}: {hits:?}");
    }
    assert_eq!(found(&index, "-refund")?, [1], "a minus is not an exclusion");
    assert_eq!(found(&index, "\"refund policy")?, [1], "an open quote is not an error");
    Ok(())
}

#[test]
fn limit_caps_the_hits_and_zero_returns_none() -> TestResult {
    let docs = (1..=60).map(|id| article(id, "Refund policy", "Money back.")).collect();
    let index = index_of(docs)?;
    let mut query = SearchQuery { workspace_id: WORKSPACE, text: "refund", category_id: None, limit: 3 };
    assert_eq!(index.search(&query)?.len(), 3);
    query.limit = 1_000;
    assert_eq!(index.search(&query)?.len(), MAX_LIMIT);
    query.limit = 0;
    assert!(index.search(&query)?.is_empty());
    Ok(())
}

#[test]
fn upsert_replaces_the_article_with_the_same_id() -> TestResult {
    let index = SearchIndex::new()?;
    index.upsert(&article(1, "Old title", "Old body."))?;
    index.upsert(&article(1, "New title", "New body."))?;
    index.upsert(&article(1, "New title", "New body."))?;

    assert_eq!(index.len(), 1);
    assert!(found(&index, "old ")?.is_empty());
    assert_eq!(found(&index, "new")?, [1]);
    Ok(())
}

#[test]
fn remove_takes_the_article_out() -> TestResult {
    let index = index_of(vec![article(1, "Refund policy", "Money back."), article(2, "Refund FAQ", "")])?;
    index.remove(1)?;
    index.remove(99)?;
    assert_eq!(index.len(), 1);
    assert_eq!(found(&index, "refund")?, [2]);
    Ok(())
}

#[test]
fn rebuild_replaces_everything() -> TestResult {
    let index = index_of(vec![article(1, "Refund policy", ""), article(2, "Refund FAQ", "")])?;
    index.upsert(&article(3, "Refund later", ""))?;
    index.rebuild(vec![article(4, "Shipping", "")])?;

    assert_eq!(index.len(), 1);
    assert!(found(&index, "refund")?.is_empty());
    assert_eq!(found(&index, "shipping")?, [4]);
    index.rebuild(Vec::new())?;
    assert!(index.is_empty());
    Ok(())
}

#[test]
fn searches_succeed_while_another_thread_upserts() -> TestResult {
    const ARTICLES: i64 = 100;
    let index = index_of(vec![article(0, "Refund policy", "Money back.")])?;
    let writer = index.clone();
    std::thread::scope(|scope| -> TestResult {
        let upserts = scope.spawn(move || -> Result<()> {
            for id in 1..=ARTICLES {
                writer.upsert(&article(id, "Refund request", "Ask for your money back."))?;
            }
            Ok(())
        });
        let mut seen = 0;
        while !upserts.is_finished() {
            let hits = search(&index, "refund")?;
            assert!(!hits.is_empty(), "the first article is always there");
            assert!(hits.iter().all(|hit| (0..=ARTICLES).contains(&hit.id)));
            seen = seen.max(hits.len());
        }
        upserts.join().map_err(|_| "upsert thread panicked")??;
        assert!(seen >= 1);
        Ok(())
    })?;
    assert_eq!(index.len(), usize::try_from(ARTICLES + 1)?);
    assert_eq!(search(&index, "refund")?.len(), 10);
    Ok(())
}

#[test]
fn question_words_are_neither_required_nor_scored() -> TestResult {
    let index = index_of(vec![
        article(1, "Refund policy", "Money back within 30 days."),
        article(2, "How to contact us", "What you can do when you need help."),
    ])?;
    assert_eq!(found(&index, "what is the refund policy")?, [1]);
    assert_eq!(found(&index, "How do I read your refund policy?")?, [1], "two of three key words");
    assert_eq!(found(&index, "how to")?, [2], "a query of stop words only is searched as typed");
    Ok(())
}

#[test]
fn a_stop_word_being_typed_may_start_a_key_word() -> TestResult {
    let index = index_of(vec![
        article(1, "Subscription plans", "Monthly or yearly."),
        article(2, "Cancel a subscription", "Stop renewing."),
    ])?;
    assert_eq!(found(&index, "subscription can")?, [2, 1], "\"can\" may be the start of \"cancel\"");
    Ok(())
}

#[test]
fn snippets_mark_key_words_but_not_stop_words() -> TestResult {
    let index = index_of(vec![article(1, "The refund policy", "The refund is paid to the card you used.")])?;
    let hits = search(&index, "what is the refund")?;
    assert_eq!(hits[0].title_html, "The <mark>refund</mark> policy");
    let snippet = &hits[0].snippet_html;
    assert!(snippet.starts_with("The <mark>refund</mark> is paid to the card"), "{snippet}");
    assert_eq!(snippet.matches("<mark>").count(), 1, "{snippet}");
    Ok(())
}

#[test]
fn articles_match_everyday_synonyms_of_the_query_words() -> TestResult {
    let index = index_of(vec![
        article(1, "Change your profile picture", "Pick a photo."),
        article(2, "Deactivate your account", "Your data is kept for 30 days."),
        article(3, "Email settings", "Choose what we send."),
    ])?;
    assert_eq!(found(&index, "avatar")?, [1]);
    assert_eq!(found(&index, "how do I delete my account")?, [2]);
    assert_eq!(found(&index, "e-mail settings")?, [3]);
    assert_eq!(search(&index, "avatar")?[0].title_html, "Change your <mark>profile</mark> <mark>picture</mark>");
    assert!(found(&index, "picture profile ")?.len() == 1, "only the visitor's own words match out of order");
    assert!(found(&index, "avatar profile ")?.len() == 1, "both words count");
    Ok(())
}

#[test]
fn a_synonym_ranks_below_the_visitors_own_word() -> TestResult {
    let index = index_of(vec![
        article(1, "Change your profile picture", "Pick an image."),
        article(2, "Change your avatar", "Pick an image."),
    ])?;
    assert_eq!(found(&index, "avatar")?, [2, 1]);
    assert_eq!(found(&index, "profile picture")?, [1, 2]);
    Ok(())
}
