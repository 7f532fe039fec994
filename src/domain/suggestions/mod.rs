//! Suggested groups of similar findings (issue #13, item 2): computed in the binary,
//! offline, deterministic and explainable, for the rapporteur to accept, edit or ignore.
//!
//! 1. Each finding is cut into words (letters and digits; an elided article such as "l'"
//!    or "d'" goes with its apostrophe); stop words ([`stop_words`]) and words of two
//!    letters or fewer go; each word is folded and stemmed as keywords are
//!    ([`super::folding::folding_key`]: case, accents, the Snowball stemmer of the
//!    workshop's language), so "bénévoles" and "bénévolat" stay apart but "bénévole" and
//!    "Bénévoles" meet.
//! 2. TF-IDF weights: `(1 + ln tf) × ln((N + 1) / df)`, the vector normalised, so a word
//!    most findings share weighs little; a word in more than half of ten or more findings
//!    joins no pair at all.
//! 3. Cosine similarity between findings that share a word; a pair under [`MIN_LINK`]
//!    counts as 0.
//! 4. Average-link agglomerative clustering: the two groups whose findings are, on
//!    average over every pair across them, the most similar merge first, as long as that
//!    average reaches [`THRESHOLD`]. Findings are taken in id order and ties go to the
//!    groups holding the earliest findings, so the same findings always give the same
//!    groups, in whatever order they come.
//! 5. Groups of one finding are left out; each group comes with the words most of its
//!    findings share, which explain it.
//!
//! Precision comes first ("group only what a rapporteur would group"): the threshold is
//! conservative, and an average link never chains two unrelated findings through a
//! third. Cost: the shared-word pairs (bounded by the common-word cut) and one heap
//! operation per pair; 300 findings take about a millisecond (BENCHMARKS.md,
//! "Suggested groups").

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

use serde::Serialize;

use super::folding::folding_key;
use super::language::Language;

pub mod stop_words;

#[cfg(test)]
mod tests;

/// The least average cosine similarity between two groups for them to merge. Two short
/// findings sharing one rare word out of five or six stay apart; sharing two or three of
/// them, they meet (tuned on the hand-made set of this module's tests).
pub const THRESHOLD: f64 = 0.3;

/// Pairs less similar than this count as not similar at all (0) in the averages: a
/// group's average can only go down, so precision does not suffer, and the pairs kept
/// stay few when many findings share a common word (3,000 findings in a second, not in
/// twenty: BENCHMARKS.md, "Suggested groups").
pub const MIN_LINK: f64 = 0.1;

/// Most explaining words given with a group.
pub const MAX_WORDS: usize = 5;

/// A suggested group: the findings it gathers (ids, ascending) and the words most of them
/// share (the commonest spelling of each stem, most shared first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub findings: Vec<i64>,
    pub words: Vec<String>,
}

/// A finding's words: stem → (times in the finding).
struct Document {
    id: i64,
    /// `(term index, count)`, by term index.
    terms: Vec<(usize, u32)>,
}

/// The vocabulary: each stem with its spellings as seen.
#[derive(Default)]
struct Vocabulary {
    index: HashMap<String, usize>,
    /// Per term: spellings (lower case) and how often each was seen.
    spellings: Vec<HashMap<String, u32>>,
}

impl Vocabulary {
    fn term(&mut self, stem: String, spelling: &str) -> usize {
        let next = self.index.len();
        let at = *self.index.entry(stem).or_insert(next);
        if at == next {
            self.spellings.push(HashMap::new());
        }
        *self.spellings[at].entry(spelling.to_string()).or_default() += 1;
        at
    }

    /// The commonest spelling of term `at`, ties to the first in alphabetical order.
    fn spelling(&self, at: usize) -> String {
        self.spellings[at]
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(s, _)| s.clone())
            .unwrap_or_default()
    }
}

fn is_stop_word(word: &str, language: Language) -> bool {
    let list = match language {
        Language::French => stop_words::FRENCH,
        Language::English => stop_words::ENGLISH,
    };
    list.contains(&word)
}

/// The words of `text` worth comparing, lower case: letters and digits, apostrophes
/// cutting off elided articles, stop words and words of two letters or fewer left out.
fn words(text: &str, language: Language) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 2)
        .map(str::to_lowercase)
        .filter(move |w| !is_stop_word(w, language) && !w.bytes().all(|b| b.is_ascii_digit()))
}

/// A total order on similarities for the heap: higher first, then earlier groups.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Candidate {
    score: f64,
    a: usize,
    b: usize,
}

impl Eq for Candidate {}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.score
            .total_cmp(&other.score)
            .then_with(|| other.a.cmp(&self.a))
            .then_with(|| other.b.cmp(&self.b))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The suggested groups among `findings` (`(id, text)`), for a workshop in `language`:
/// groups of two findings or more, largest first, then by their earliest finding (see
/// the module's doc for how).
pub fn suggest(findings: &[(i64, &str)], language: Language) -> Vec<Suggestion> {
    suggest_with(findings, language, THRESHOLD)
}

/// [`suggest`] with another threshold (tests and the benchmark).
pub fn suggest_with(
    findings: &[(i64, &str)],
    language: Language,
    threshold: f64,
) -> Vec<Suggestion> {
    // In id order whatever the caller's order: ties then always go the same way.
    let mut findings = findings.to_vec();
    findings.sort_by_key(|(id, _)| *id);
    let mut vocabulary = Vocabulary::default();
    let documents: Vec<Document> = findings
        .iter()
        .map(|(id, text)| {
            let mut counts: HashMap<usize, u32> = HashMap::new();
            for word in words(text, language) {
                let stem = folding_key(&word, language);
                if stem.chars().count() > 2 {
                    *counts.entry(vocabulary.term(stem, &word)).or_default() += 1;
                }
            }
            let mut terms: Vec<(usize, u32)> = counts.into_iter().collect();
            terms.sort_unstable();
            Document { id: *id, terms }
        })
        .collect();
    let n = documents.len();
    let terms = vocabulary.spellings.len();
    let mut df = vec![0u32; terms];
    for doc in &documents {
        for (t, _) in &doc.terms {
            df[*t] += 1;
        }
    }
    let idf: Vec<f64> = df
        .iter()
        .map(|d| ((n as f64 + 1.0) / f64::from((*d).max(1))).ln())
        .collect();
    // Too common to tell findings apart: joins no pair (still in the norms).
    let common = |t: usize| n >= 10 && (df[t] as usize) * 2 > n;
    // Normalised weights, and postings of the terms that can join a pair.
    let mut weights: Vec<Vec<(usize, f64)>> = Vec::with_capacity(n);
    let mut postings: Vec<Vec<(usize, f64)>> = vec![Vec::new(); terms];
    for (d, doc) in documents.iter().enumerate() {
        let raw: Vec<(usize, f64)> = doc
            .terms
            .iter()
            .map(|(t, tf)| (*t, (1.0 + f64::from(*tf).ln()) * idf[*t]))
            .collect();
        let norm = raw.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        let normalised: Vec<(usize, f64)> = if norm > 0.0 {
            raw.iter().map(|(t, w)| (*t, w / norm)).collect()
        } else {
            Vec::new()
        };
        for (t, w) in &normalised {
            if df[*t] >= 2 && !common(*t) && *w > 0.0 {
                postings[*t].push((d, *w));
            }
        }
        weights.push(normalised);
    }
    // Cosine similarity of every pair sharing a word: adjacency sums between groups.
    let mut links: Vec<HashMap<usize, f64>> = vec![HashMap::new(); n];
    let mut accumulated = vec![0.0f64; n];
    let mut touched: Vec<usize> = Vec::new();
    for (d, doc) in weights.iter().enumerate() {
        for (t, w) in doc {
            for (other, v) in &postings[*t] {
                if *other > d {
                    if accumulated[*other] == 0.0 {
                        touched.push(*other);
                    }
                    accumulated[*other] += w * v;
                }
            }
        }
        touched.sort_unstable();
        for other in touched.drain(..) {
            let similarity = std::mem::take(&mut accumulated[other]);
            if similarity >= MIN_LINK {
                links[d].insert(other, similarity);
                links[other].insert(d, similarity);
            }
        }
    }
    let groups = average_link(n, links, threshold);
    let mut suggestions: Vec<Suggestion> = groups
        .into_iter()
        .filter(|members| members.len() >= 2)
        .map(|members| {
            let mut ids: Vec<i64> = members.iter().map(|m| documents[*m].id).collect();
            ids.sort_unstable();
            Suggestion {
                findings: ids,
                words: shared_words(&members, &weights, &vocabulary),
            }
        })
        .collect();
    suggestions.sort_by(|a, b| {
        b.findings
            .len()
            .cmp(&a.findings.len())
            .then_with(|| a.findings.cmp(&b.findings))
    });
    suggestions
}

/// Average-link clustering of `n` findings whose similar pairs are `links` (similarity
/// sums between groups, by group index), merging while the best average reaches
/// `threshold`. Returns the groups' members (finding indexes).
fn average_link(n: usize, mut links: Vec<HashMap<usize, f64>>, threshold: f64) -> Vec<Vec<usize>> {
    let mut members: Vec<Vec<usize>> = (0..n).map(|d| vec![d]).collect();
    let mut alive = vec![true; n];
    let mut heap = BinaryHeap::new();
    for (a, row) in links.iter().enumerate() {
        for (b, sum) in row {
            if a < *b && *sum >= threshold {
                heap.push(Candidate {
                    score: *sum,
                    a,
                    b: *b,
                });
            }
        }
    }
    while let Some(Candidate { a, b, .. }) = heap.pop() {
        if !alive[a] || !alive[b] {
            continue;
        }
        alive[a] = false;
        alive[b] = false;
        let c = members.len();
        let mut gathered = std::mem::take(&mut members[a]);
        gathered.append(&mut members[b]);
        let size = gathered.len();
        members.push(gathered);
        alive.push(true);
        let from_a = std::mem::take(&mut links[a]);
        let from_b = std::mem::take(&mut links[b]);
        let mut joined: HashMap<usize, f64> = from_a;
        for (x, sum) in from_b {
            *joined.entry(x).or_default() += sum;
        }
        joined.remove(&a);
        joined.remove(&b);
        let mut neighbours: Vec<(usize, f64)> =
            joined.into_iter().filter(|(x, _)| alive[*x]).collect();
        neighbours.sort_unstable_by_key(|(x, _)| *x);
        for (x, sum) in &neighbours {
            let row = &mut links[*x];
            row.remove(&a);
            row.remove(&b);
            row.insert(c, *sum);
            let average = sum / (size * members[*x].len()) as f64;
            if average >= threshold {
                heap.push(Candidate {
                    score: average,
                    a: (*x).min(c),
                    b: (*x).max(c),
                });
            }
        }
        links.push(neighbours.into_iter().collect());
    }
    members
        .into_iter()
        .zip(alive)
        .filter(|(m, alive)| *alive && !m.is_empty())
        .map(|(m, _)| m)
        .collect()
}

/// The words that explain a group: stems found in at least two of its findings and in
/// half of them or more, by how many findings hold them, then by their summed weight.
fn shared_words(
    members: &[usize],
    weights: &[Vec<(usize, f64)>],
    vocabulary: &Vocabulary,
) -> Vec<String> {
    let mut held: HashMap<usize, (usize, f64)> = HashMap::new();
    for m in members {
        for (t, w) in &weights[*m] {
            let entry = held.entry(*t).or_default();
            entry.0 += 1;
            entry.1 += w;
        }
    }
    let mut shared: Vec<(usize, usize, f64)> = held
        .into_iter()
        .filter(|(_, (count, _))| *count >= 2 && count * 2 >= members.len())
        .map(|(t, (count, weight))| (t, count, weight))
        .collect();
    shared.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| b.2.total_cmp(&a.2))
            .then_with(|| a.0.cmp(&b.0))
    });
    shared
        .into_iter()
        .take(MAX_WORDS)
        .map(|(t, _, _)| vocabulary.spelling(t))
        .collect()
}
