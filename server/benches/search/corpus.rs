//! The benchmark corpus: both real help centers imported as the importer reads them, then
//! replicated with deterministic perturbations (titles reworded, sentences dropped,
//! repeated and swapped, words replaced, a few typos) until there are [`ARTICLES`]
//! distinct articles. The corpus text is read at run time and never copied into the
//! repository.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use server::articles::import::{ImportOptions, read_folder};
use server::articles::render::to_plain_text;

/// The help centers under the corpus folder, as named in its README.
pub const CORPORA: [&str; 2] = ["zulip-help", "polar-docs"];
/// How many articles the benchmark indexes.
pub const ARTICLES: usize = 10_000;
/// The seed of every perturbation: the same corpus on every machine and every run.
pub const SEED: u64 = 0x4845_4c50_4c49_4e45;

/// One article of the benchmark corpus, given to the index and the database alike.
#[derive(Debug, Clone)]
pub struct Article {
    /// Unique: the source's corpus and slug, plus the copy number for copies.
    pub slug: String,
    pub title: String,
    /// The source's plain text, perturbed. It is also valid Markdown, so the database
    /// stores it as the body and the server derives its search text as usual.
    pub body: String,
    pub tags: Vec<String>,
    pub locale: Option<String>,
}

/// The replicated corpus and where it came from.
#[derive(Debug)]
pub struct Corpus {
    /// Exactly [`ARTICLES`], the imported originals first.
    pub articles: Vec<Article>,
    /// How many articles each help center gave, in [`CORPORA`] order.
    pub imported: Vec<(&'static str, usize)>,
}

/// Where the corpora are: `HELPLINE_CORPUS_DIR`, else `../shared/corpus` beside the
/// workspace root, as the corpus tests look for them.
pub fn corpus_dir() -> PathBuf {
    std::env::var_os("HELPLINE_CORPUS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"))
}

/// Imports both help centers from `dir` and replicates them to [`ARTICLES`] articles.
pub fn build(dir: &Path) -> anyhow::Result<Corpus> {
    let mut sources = Vec::new();
    let mut imported = Vec::new();
    for name in CORPORA {
        let folder = dir.join(name);
        if !folder.is_dir() {
            bail!(
                "the corpus is missing: {} is not a folder (set HELPLINE_CORPUS_DIR to the folder holding {})",
                folder.display(),
                CORPORA.join("/ and ") + "/"
            );
        }
        let options = ImportOptions { category_from_folders: true };
        let report = read_folder(&folder, &options).with_context(|| format!("import {}", folder.display()))?;
        imported.push((name, report.articles.len()));
        sources.extend(report.articles.into_iter().map(|article| Article {
            slug: format!("{name}/{}", article.slug),
            title: article.title,
            body: to_plain_text(&article.body),
            tags: article.tags,
            locale: article.locale,
        }));
    }
    if sources.is_empty() {
        bail!("the corpus at {} holds no articles", dir.display());
    }

    let title_words = vocabulary(sources.iter().map(|source| source.title.as_str()));
    let body_words = vocabulary(sources.iter().map(|source| source.body.as_str()));
    let mut rng = Rng(SEED);
    let articles = (0..ARTICLES)
        .map(|number| {
            let source = &sources[number % sources.len()];
            let copy = number / sources.len();
            if copy == 0 {
                return source.clone();
            }
            Article {
                slug: format!("{}-copy-{copy}", source.slug),
                title: perturb_title(&source.title, &title_words, &mut rng),
                body: perturb_body(&source.body, &body_words, &mut rng),
                tags: source.tags.clone(),
                locale: source.locale.clone(),
            }
        })
        .collect();
    Ok(Corpus { articles, imported })
}

/// Rewords a title: two words swapped, one replaced, sometimes one added or mistyped.
fn perturb_title(title: &str, vocabulary: &[String], rng: &mut Rng) -> String {
    let mut words: Vec<String> = title.split_whitespace().map(str::to_owned).collect();
    if words.len() >= 2 && rng.chance(50) {
        let (first, second) = (rng.below(words.len()), rng.below(words.len()));
        words.swap(first, second);
    }
    if !words.is_empty() && rng.chance(80) {
        let at = rng.below(words.len());
        words[at] = rng.pick(vocabulary).clone();
    }
    if rng.chance(30) {
        let at = rng.below(words.len() + 1);
        words.insert(at, rng.pick(vocabulary).clone());
    }
    if !words.is_empty() && rng.chance(20) {
        let at = rng.below(words.len());
        words[at] = typo(&words[at], rng);
    }
    words.join(" ")
}

/// Edits a body sentence by sentence (dropped, repeated, swapped with the next, a word
/// replaced), then puts in one to four typos. Paragraph breaks are kept.
fn perturb_body(body: &str, vocabulary: &[String], rng: &mut Rng) -> String {
    let mut sentences: Vec<String> = Vec::new();
    for piece in body.split_inclusive(['.', '?', '!', '\n']) {
        let text = piece.trim();
        if text.is_empty() {
            continue;
        }
        let separator = if piece.ends_with('\n') { "\n" } else { " " };
        let mut sentence = format!("{text}{separator}");
        if rng.chance(15) {
            let replacement: &String = rng.pick(vocabulary);
            sentence = replace_a_word(&sentence, replacement, rng);
        }
        match rng.below(100) {
            0..8 => {}
            8..13 => sentences.extend([sentence.clone(), sentence]),
            _ => sentences.push(sentence),
        }
    }
    for at in 1..sentences.len() {
        if rng.chance(10) {
            sentences.swap(at - 1, at);
        }
    }
    let mut words: Vec<String> = sentences.concat().split(' ').map(str::to_owned).collect();
    for _ in 0..=rng.below(4) {
        let at = rng.below(words.len());
        if words[at].chars().count() >= 4 && words[at].chars().all(char::is_alphabetic) {
            words[at] = typo(&words[at], rng);
        }
    }
    words.join(" ").trim_end().to_owned()
}

/// The sentence with one of its alphabetic words replaced, when it has one.
fn replace_a_word(sentence: &str, replacement: &str, rng: &mut Rng) -> String {
    let mut words: Vec<&str> = sentence.split(' ').collect();
    let candidates: Vec<usize> =
        (0..words.len()).filter(|&at| !words[at].is_empty() && words[at].chars().all(char::is_alphabetic)).collect();
    if !candidates.is_empty() {
        words[*rng.pick(&candidates)] = replacement;
    }
    words.join(" ")
}

/// One typing mistake: two neighbouring letters swapped, one dropped, one doubled, or one
/// replaced by the next letter of the alphabet.
fn typo(word: &str, rng: &mut Rng) -> String {
    let mut letters: Vec<char> = word.chars().collect();
    if letters.len() < 2 {
        return word.to_owned();
    }
    let at = rng.below(letters.len() - 1);
    match rng.below(4) {
        0 => letters.swap(at, at + 1),
        1 => {
            letters.remove(at);
        }
        2 => letters.insert(at, letters[at]),
        _ => letters[at] = if letters[at] == 'z' { 'a' } else { char::from_u32(letters[at] as u32 + 1).unwrap_or('e') },
    }
    letters.into_iter().collect()
}

/// The distinct alphabetic words of 3 to 14 letters in `texts`, sorted, so draws from it
/// are deterministic.
fn vocabulary<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<String> {
    let words: BTreeSet<&str> = texts
        .flat_map(str::split_whitespace)
        .filter(|word| (3..=14).contains(&word.len()) && word.chars().all(|c| c.is_ascii_alphabetic()))
        .collect();
    if words.is_empty() { vec!["help".to_owned()] } else { words.into_iter().map(str::to_owned).collect() }
}

/// SplitMix64: a generator whose sequence is fixed by its seed forever (unlike `rand`'s
/// `StdRng`, which may change between versions), so the corpus is the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; `n` must not be zero.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One of `items`, which must not be empty.
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}
