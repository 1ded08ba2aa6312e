//! English function words that visitors type around what they are looking for ("how do I
//! …", "can you …", "what is the …"). A query neither requires nor scores them, so a
//! question finds the same articles as its keywords; a query made only of them is searched
//! as typed.
//!
//! The list is deliberately short: articles, personal and indefinite pronouns, auxiliaries,
//! question words and the commonest prepositions and conjunctions, plus the fragments the
//! tokenizer leaves of contractions ("don't" → "don", "t"). Negations, quantifiers such as
//! "all" and "every", and the particles of phrasal verbs ("not", "no", "in", "on", "off",
//! "out", "up") are left out: "log out" is not "log in".

/// Sorted, for the binary search in [`is_stop_word`]; a unit test checks the order.
#[rustfmt::skip]
const STOP_WORDS: [&str; 99] = [
    "a", "about", "am", "an", "and", "anybody", "anyone", "anything", "are", "as", "at", "be", "been", "being",
    "but", "by", "can", "could", "d", "did", "didn", "do", "does", "doesn", "doing", "don", "for", "from",
    "had", "has", "have", "he", "her", "here", "him", "his", "how", "i", "if", "into", "is", "isn", "it", "its",
    "ll", "m", "many", "may", "me", "might", "much", "must", "my", "myself", "of", "or", "our", "please", "re",
    "s", "shall", "she", "should", "so", "somebody", "someone", "something", "t", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "to", "us", "ve", "was", "we", "were",
    "what", "when", "where", "which", "who", "whom", "why", "will", "with", "would", "you", "your", "yours",
    "yourself",
];

/// Whether an analysed (lowercased, accent-folded) word is an English function word.
pub(crate) fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_and_free_of_repeats() {
        assert!(STOP_WORDS.windows(2).all(|pair| pair[0] < pair[1]), "{STOP_WORDS:?}");
    }

    #[test]
    fn question_words_are_stop_words_and_negations_and_particles_are_not() {
        for word in ["how", "do", "i", "my", "what", "the", "a", "to", "can", "don", "t"] {
            assert!(is_stop_word(word), "{word}");
        }
        for word in ["not", "no", "in", "out", "off", "up", "refund", "password", "How"] {
            assert!(!is_stop_word(word), "{word}");
        }
    }
}
