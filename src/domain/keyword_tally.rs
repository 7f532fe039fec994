//! The keyword tally kept up to date entry by entry (issue #15: each live frame folded
//! every keyword of the workshop again, 511 ms at 100,000 entries).
//!
//! A [`KeywordTally`] holds, per group, the set of phones and the spellings with their
//! counts; each spelling is folded once (the folding key, the stemmer's work, is the
//! costly part). Adding an entry costs a hash lookup; [`KeywordTally::counts`] sorts the
//! groups, not the entries. The facilitator's corrections are fixed for one tally: a new
//! correction builds a new one.

use std::collections::{HashMap, HashSet};

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
        let index = self.entries;
        self.entries += 1;
        let spelling = collapse_spaces(&entry.text);
        let key = match self.keys.get(&spelling) {
            Some(key) => key.clone(),
            None => {
                let key = self.corrections.group_of(&spelling, self.language);
                self.keys.insert(spelling.clone(), key.clone());
                key
            }
        };
        let group = self.groups.entry(key).or_insert_with(|| Group {
            first_seen: index,
            participants: HashSet::new(),
            spellings: HashMap::new(),
        });
        group.participants.insert(entry.participant_id);
        group.spellings.entry(spelling).or_insert((0, index)).0 += 1;
    }

    /// Entries added.
    pub fn entries(&self) -> usize {
        self.entries
    }

    /// The tally: most frequent first, equal counts in alphabetical order of their label,
    /// then by first arrival. Hidden groups are in the list, marked.
    pub fn counts(&self) -> Vec<KeywordCount> {
        let mut counts: Vec<(usize, String, KeywordCount)> = self
            .groups
            .iter()
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
mod tests {
    use super::*;
    use crate::domain::keyword::Correction;

    fn entry(participant_id: i64, text: &str) -> KeywordEntry {
        KeywordEntry {
            participant_id,
            text: text.to_string(),
        }
    }

    #[test]
    fn added_one_by_one_it_equals_the_tally_of_all_at_once() {
        let all = [
            entry(1, "Entraide"),
            entry(2, "entraide"),
            entry(2, "Mobilité"),
            entry(3, "mobilites"),
            entry(3, "Entraide"),
            entry(4, "ESS"),
        ];
        let corrections = Corrections::from_list(&[Correction::Label {
            group: "ess".into(),
            label: "Économie sociale".into(),
        }]);
        let mut growing = KeywordTally::new(Language::French, corrections.clone());
        for (n, e) in all.iter().enumerate() {
            growing.add(e);
            let at_once = KeywordTally::of(&all[..=n], Language::French, corrections.clone());
            assert_eq!(
                growing.counts(),
                at_once.counts(),
                "after {} entries",
                n + 1
            );
        }
        let counts = growing.counts();
        assert_eq!(counts[0].label, "Entraide");
        assert_eq!(counts[0].count, 3);
        assert_eq!(growing.entries(), 6);
    }

    #[test]
    fn one_group_of_eighty_thousand_entries_counts_each_phone_once() {
        let entries: Vec<KeywordEntry> =
            (0..80_000).map(|i| entry(i % 2_000, "Mobilité")).collect();
        let tally = KeywordTally::of(&entries, Language::French, Corrections::default());
        let counts = tally.counts();
        assert_eq!(counts.len(), 1);
        assert_eq!(counts[0].count, 2_000);
        assert_eq!(counts[0].variants, vec![("Mobilité".to_string(), 80_000)]);
    }
}
