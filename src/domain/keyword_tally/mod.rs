//! The keyword tally kept up to date entry by entry (issue #15: each live frame folded
//! every keyword of the workshop again, 511 ms at 100,000 entries).
//!
//! A [`KeywordTally`] holds, per group, the set of phones and the spellings with their
//! counts; each spelling is folded once (the folding key, the stemmer's work, is the
//! costly part). Adding an entry costs a hash lookup; [`KeywordTally::counts`] sorts the
//! groups, not the entries. The facilitator's corrections are fixed for one tally: a new
//! correction builds a new one.

use std::cmp::Reverse;
use std::collections::{BTreeSet, HashMap, HashSet};

use super::keyword::{Corrections, KeywordCount, KeywordEntry, collapse_spaces, sort_key};
use super::language::Language;

#[derive(Debug, Clone)]
struct Group {
    /// Index of its first entry.
    first_seen: usize,
    /// The phones that sent one of its spellings (each counts once).
    participants: HashSet<i64>,
    /// Spelling → (entries, index of its first entry).
    spellings: HashMap<String, (usize, usize)>,
    /// Its most frequent spelling (ties: the earliest), with its entries and first entry.
    best: Option<(String, usize, usize)>,
    /// The sort key of its label, and its place in the ranking.
    sort: String,
    rank: Option<Rank>,
}

/// A group's place in a tally's ranking: most phones first, then label (its sort key),
/// then first arrival; the group key makes it unique.
type Rank = (Reverse<usize>, String, usize, String);

impl Group {
    fn new(first_seen: usize) -> Self {
        Self {
            first_seen,
            participants: HashSet::new(),
            spellings: HashMap::new(),
            best: None,
            sort: String::new(),
            rank: None,
        }
    }

    /// Brings its best spelling, label and place in `ranking` up to date after
    /// `spelling`'s count changed (every spelling when `None`).
    fn rerank(
        &mut self,
        key: &str,
        spelling: Option<&str>,
        labels: &HashMap<String, String>,
        ranking: &mut BTreeSet<Rank>,
    ) {
        let before = self.best.as_ref().map(|b| b.0.clone());
        let candidates: Vec<(&String, &(usize, usize))> = match spelling {
            Some(s) => self.spellings.get_key_value(s).into_iter().collect(),
            None => {
                self.best = None;
                self.spellings.iter().collect()
            }
        };
        for (s, &(n, first)) in candidates {
            let better = match &self.best {
                None => true,
                Some((b, bn, bf)) => b == s || n > *bn || (n == *bn && first < *bf),
            };
            if better {
                self.best = Some((s.clone(), n, first));
            }
        }
        let after = self.best.as_ref().map(|b| b.0.clone());
        if self.rank.is_none() || before != after {
            let label = labels
                .get(key)
                .map(String::as_str)
                .or(after.as_deref())
                .unwrap_or(key);
            self.sort = sort_key(label);
        }
        let rank = (
            Reverse(self.participants.len()),
            self.sort.clone(),
            self.first_seen,
            key.to_string(),
        );
        if self.rank.as_ref() != Some(&rank) {
            if let Some(old) = self.rank.take() {
                ranking.remove(&old);
            }
            ranking.insert(rank.clone());
            self.rank = Some(rank);
        }
    }
}

/// The keyword tally of entries added in order of arrival, under fixed corrections.
#[derive(Debug, Clone)]
pub struct KeywordTally {
    language: Language,
    corrections: Corrections,
    groups: HashMap<String, Group>,
    /// Spelling (spaces collapsed) → its final group key.
    keys: HashMap<String, String>,
    /// Entries added.
    entries: usize,
    /// Every group in the order of [`KeywordTally::counts`], kept as entries arrive.
    ranking: BTreeSet<Rank>,
}

impl KeywordTally {
    /// An empty tally in `language` under `corrections`.
    pub fn new(language: Language, corrections: Corrections) -> Self {
        Self {
            language,
            corrections,
            groups: HashMap::new(),
            keys: HashMap::new(),
            entries: 0,
            ranking: BTreeSet::new(),
        }
    }

    /// The tally of `entries`, in order of arrival.
    pub fn of<'a>(
        entries: impl IntoIterator<Item = &'a KeywordEntry>,
        language: Language,
        corrections: Corrections,
    ) -> Self {
        let mut tally = Self::new(language, corrections);
        for entry in entries {
            tally.add(entry);
        }
        tally
    }

    /// Counts one more entry, after every entry added before.
    pub fn add(&mut self, entry: &KeywordEntry) {
        self.add_text(entry.participant_id, &entry.text);
    }

    /// Counts one more entry, `text` from participant `participant_id`.
    pub fn add_text(&mut self, participant_id: i64, text: &str) {
        let index = self.entries;
        self.entries += 1;
        let spelling = collapse_spaces(text);
        let key = match self.keys.get(&spelling) {
            Some(key) => key.clone(),
            None => {
                let key = self.corrections.group_of(&spelling, self.language);
                self.keys.insert(spelling.clone(), key.clone());
                key
            }
        };
        let group = self
            .groups
            .entry(key.clone())
            .or_insert_with(|| Group::new(index));
        group.participants.insert(participant_id);
        group
            .spellings
            .entry(spelling.clone())
            .or_insert((0, index))
            .0 += 1;
        group.rerank(
            &key,
            Some(&spelling),
            &self.corrections.labels,
            &mut self.ranking,
        );
    }

    /// The event-wide tally of several workshops' tallies, in the order given (the
    /// plenary's cloud, issue #15): their groups united by key, each phone counted once
    /// (participant ids are unique across workshops), spellings and their counts added,
    /// as if every entry of the first workshop had arrived, then every entry of the
    /// second, and so on. A group one workshop's facilitator hid brings nothing from that
    /// workshop; the first workshop to label a group names it. No entry is folded again.
    pub fn across(tallies: &[&Self], language: Language) -> Self {
        let mut labels = HashMap::new();
        for tally in tallies {
            for (key, label) in &tally.corrections.labels {
                labels.entry(key.clone()).or_insert_with(|| label.clone());
            }
        }
        let mut event = Self::new(
            language,
            Corrections {
                labels,
                ..Corrections::default()
            },
        );
        for tally in tallies {
            let offset = event.entries;
            for (key, group) in &tally.groups {
                if tally.corrections.hidden.contains(key) {
                    continue;
                }
                let united = event
                    .groups
                    .entry(key.clone())
                    .or_insert_with(|| Group::new(offset + group.first_seen));
                united.participants.extend(&group.participants);
                for (spelling, (n, first)) in &group.spellings {
                    united
                        .spellings
                        .entry(spelling.clone())
                        .or_insert((0, offset + first))
                        .0 += n;
                }
            }
            for (spelling, key) in &tally.keys {
                event
                    .keys
                    .entry(spelling.clone())
                    .or_insert_with(|| key.clone());
            }
            event.entries += tally.entries;
        }
        for (key, group) in &mut event.groups {
            group.rerank(key, None, &event.corrections.labels, &mut event.ranking);
        }
        event
    }

    /// The facilitator's corrections this tally counts under.
    pub fn corrections(&self) -> &Corrections {
        &self.corrections
    }

    /// Entries added.
    pub fn entries(&self) -> usize {
        self.entries
    }

    /// The tally: most frequent first, equal counts in alphabetical order of their label,
    /// then by first arrival. Hidden groups are in the list, marked.
    pub fn counts(&self) -> Vec<KeywordCount> {
        self.ranked(self.groups.iter().collect())
    }

    /// The first `shown` visible groups of [`KeywordTally::counts`] (hidden ones left
    /// out), and how many visible groups there are, read from the ranking kept as entries
    /// arrive: a live frame costs the same with 100 groups or 100,000 (issue #15).
    pub fn top(&self, shown: usize) -> (Vec<KeywordCount>, usize) {
        let hidden = &self.corrections.hidden;
        let groups = self.groups.len()
            - hidden
                .iter()
                .filter(|k| self.groups.contains_key(*k))
                .count();
        let first: Vec<(&String, &Group)> = self
            .ranking
            .iter()
            .filter(|rank| !hidden.contains(&rank.3))
            .take(shown)
            .filter_map(|rank| self.groups.get_key_value(&rank.3))
            .collect();
        (self.ranked(first), groups)
    }

    /// `groups` labelled and sorted as [`KeywordTally::counts`] gives them.
    fn ranked(&self, groups: Vec<(&String, &Group)>) -> Vec<KeywordCount> {
        let mut counts: Vec<(usize, String, KeywordCount)> = groups
            .into_iter()
            .map(|(key, group)| {
                let mut variants: Vec<(&String, usize, usize)> = group
                    .spellings
                    .iter()
                    .map(|(spelling, (n, first))| (spelling, *n, *first))
                    .collect();
                variants.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
                let label = self
                    .corrections
                    .labels
                    .get(key)
                    .cloned()
                    .or_else(|| variants.first().map(|v| v.0.clone()))
                    .unwrap_or_else(|| key.clone());
                (
                    group.first_seen,
                    sort_key(&label),
                    KeywordCount {
                        key: key.clone(),
                        label,
                        count: group.participants.len(),
                        variants: variants
                            .into_iter()
                            .map(|(s, n, _)| (s.clone(), n))
                            .collect(),
                        hidden: self.corrections.hidden.contains(key),
                    },
                )
            })
            .collect();
        counts.sort_by(|(first_a, key_a, a), (first_b, key_b, b)| {
            b.count
                .cmp(&a.count)
                .then_with(|| key_a.cmp(key_b))
                .then(first_a.cmp(first_b))
        });
        counts.into_iter().map(|(_, _, count)| count).collect()
    }
}

#[cfg(test)]
mod tests;
