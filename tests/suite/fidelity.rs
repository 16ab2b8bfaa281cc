//! Fidelity to the printed edition: the words of the seed text (the printed PDF's text,
//! with the recorded extraction fixes applied) are found in our PDF's text.

use std::collections::HashMap;

use rapport::diag::Diagnostics;
use rapport::inputs::corrections::{Kind, load_corrections};

use crate::common::{report, root};

/// The seed: the text extraction of the printed edition, kept as a fixture.
fn seed() -> String {
    crate::common::seed()
}

/// Words of a text, compared without surrounding punctuation; `%` counts as a word of its own.
/// Compounds are split at hyphens and slashes, since a line may break there; case is ignored
/// (the printed edition sets some words in capitals on pictures and icons).
fn words(text: &str) -> Vec<String> {
    // The typographic normalisations of data/README.md count as the seed's plain characters.
    let plain: String = text
        .chars()
        .map(|c| match c {
            '’' => '\'',
            '²' | '₂' => '2',
            c => c,
        })
        .collect();
    plain
        .replace('%', " % ")
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '/' | '–'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '%').to_lowercase())
        .filter(|w| !w.is_empty())
        // Tables group thousands (`1 974`, data/README.md) where the seed writes some
        // four-digit numbers whole (`1974`): a four-digit number counts as its two groups, in
        // the seed as in the PDF.
        .flat_map(|w| {
            if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
                vec![w[..1].to_string(), w[1..].to_string()]
            } else {
                vec![w]
            }
        })
        .collect()
}

/// Typst hyphenates body text: a word ending in a soft hyphen (U+00AD) goes on with a later
/// word that starts in lower case — on the next line, or past the folio, the running head and
/// a figure floated to the page's foot when the break falls at the foot of a page. Of the
/// words within reach, the first that makes a word of the seed is taken, else the next one.
fn join_hyphenated(text: &str, seed: &std::collections::HashSet<String>) -> String {
    let mut tokens: Vec<String> = text.split_whitespace().map(String::from).collect();
    let mut i = 0;
    while i < tokens.len() {
        if let Some(head) = tokens[i].strip_suffix('\u{ad}').map(String::from) {
            let reach = i + 1..tokens.len().min(i + 400);
            let lower = |j: &usize| tokens[*j].starts_with(|c: char| c.is_lowercase());
            let makes_word =
                |j: &usize| words(&format!("{head}{}", tokens[*j])).first().is_some_and(|w| seed.contains(w));
            let next = reach.clone().filter(lower).find(makes_word).or_else(|| reach.clone().find(lower));
            if let Some(j) = next {
                let tail = tokens.remove(j);
                tokens[i] = head + &tail;
            }
        }
        i += 1;
    }
    tokens.join(" ")
}

/// A correction's text with its reference `[Tabellen til høyre](#id)` cut to the noun
/// («Tabellen»): the words after it depend on where the figure lands.
fn noun_of_reference(fixed: &str) -> String {
    let (Some(open), Some(close)) = (fixed.find('['), fixed.find(')')) else { return fixed.to_string() };
    let noun = fixed[open + 1..].split([' ', ']']).next().unwrap_or("");
    format!("{}{noun}{}", &fixed[..open], &fixed[close + 1..])
}

fn counts(words: &[String]) -> HashMap<&str, usize> {
    let mut map = HashMap::new();
    for w in words {
        *map.entry(w.as_str()).or_insert(0) += 1;
    }
    map
}

/// The seed with every recorded correction applied; returns it and the corrections that
/// did not match the seed's text.
fn corrected_seed() -> (String, Vec<String>) {
    let mut problems = Diagnostics::default();
    let root = root();
    let corrections = load_corrections(&root, &root.join("data").join(crate::common::EDITION), &mut problems);
    assert!(problems.is_empty(), "{problems}");
    let mut seed = seed();
    let mut unmatched = Vec::new();
    for c in &corrections {
        if c.seed.trim().is_empty() {
            continue;
        }
        let fixed = match c.kind {
            Kind::PictureDescription => " ".to_string(),
            // The layout words a reference for where its figure lands: only its noun is sure.
            Kind::Position => noun_of_reference(&c.fixed),
            _ => c.fixed.clone(),
        };
        if seed.contains(&c.seed) {
            seed = seed.replacen(&c.seed, &fixed, 1);
        } else {
            unmatched.push(c.seed.clone());
        }
    }
    (seed, unmatched)
}

// Every one of the seed's words (with extraction fixes applied) is in the PDF.
#[test]
fn seed_words_are_in_the_pdf() {
    let (seed, unmatched) = corrected_seed();
    let seed_words = words(&seed);
    let vocabulary = seed_words.iter().cloned().collect();
    let pdf_words = words(&join_hyphenated(&report().text, &vocabulary));
    let have = counts(&pdf_words);
    let mut missing: HashMap<&str, usize> = HashMap::new();
    let mut found = 0;
    for (word, n) in counts(&seed_words) {
        let got = have.get(word).copied().unwrap_or(0);
        found += n.min(got);
        if got < n {
            missing.insert(word, n - got);
        }
    }
    let share = found as f64 / seed_words.len() as f64;
    let mut missing: Vec<_> = missing.into_iter().collect();
    missing.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    eprintln!(
        "fidelity: {found} of {} seed words found ({:.2} %); {} corrections did not match the seed",
        seed_words.len(),
        share * 100.0,
        unmatched.len()
    );
    eprintln!("most missing: {:?}", &missing[..missing.len().min(40)]);
    assert!(missing.is_empty(), "only {:.2} % of the seed's words are in the PDF", share * 100.0);
}

// Every recorded correction quotes text that really is in the seed.
#[test]
fn corrections_quote_the_seed() {
    let (_, unmatched) = corrected_seed();
    assert!(unmatched.is_empty(), "corrections whose `seed` is not in the seed text: {unmatched:#?}");
}
