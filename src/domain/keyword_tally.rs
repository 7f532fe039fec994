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
        let group = self.groups.entry(key).or_insert_with(|| Group {
            first_seen: index,
            participants: HashSet::new(),
            spellings: HashMap::new(),
        });
        group.participants.insert(participant_id);
        group.spellings.entry(spelling).or_insert((0, index)).0 += 1;
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
                let united = event.groups.entry(key.clone()).or_insert_with(|| Group {
                    first_seen: offset + group.first_seen,
                    participants: HashSet::new(),
                    spellings: HashMap::new(),
                });
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
        event
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
    /// out), and how many visible groups there are: only the groups that can be among the
    /// first are labelled and sorted, so a live frame costs the same with 100 groups or
    /// 100,000 (issue #15).
    pub fn top(&self, shown: usize) -> (Vec<KeywordCount>, usize) {
        let mut visible: Vec<(&String, &Group)> = self
            .groups
            .iter()
            .filter(|(key, _)| !self.corrections.hidden.contains(*key))
            .collect();
        let groups = visible.len();
        if shown == 0 {
            return (Vec::new(), groups);
        }
        if visible.len() > shown {
            // The count of the `shown`-th group: every group below it is out, every
            // group with it may be in (ties are broken by label).
            let (_, nth, _) = visible.select_nth_unstable_by(shown - 1, |a, b| {
                b.1.participants.len().cmp(&a.1.participants.len())
            });
            let least = nth.1.participants.len();
            visible.retain(|(_, g)| g.participants.len() >= least);
        }
        let mut ranked = self.ranked(visible);
        ranked.truncate(shown);
        (ranked, groups)
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

    /// A small deterministic generator, so that a failing sequence can be replayed.
    struct XorShift(u64);

    impl XorShift {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            usize::try_from(self.0 % n as u64).unwrap_or(0)
        }
    }

    /// Whatever the entries, corrections and number shown, `top` is the head of the
    /// visible groups of `counts`, ties at the cut included.
    #[test]
    fn the_top_groups_are_the_head_of_the_full_tally() {
        const WORDS: [&str; 10] = [
            "Entraide",
            "entraide",
            "ENTRAIDE ",
            "Mobilité",
            "mobilites",
            "Turn over",
            "turn-over",
            "ESS",
            "Lien social",
            "liens sociaux",
        ];
        for seed in 1..=60_u64 {
            let mut rng = XorShift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let mut corrections: Vec<Correction> = Vec::new();
            for _ in 0..rng.below(4) {
                let word = WORDS[rng.below(WORDS.len())];
                let group = Corrections::from_list(&corrections)
                    .group_of(&collapse_spaces(word), Language::French);
                corrections.push(match rng.below(3) {
                    0 => Correction::Hide { group },
                    1 => Correction::Label {
                        group,
                        label: format!("Libellé {seed}"),
                    },
                    _ => Correction::Split {
                        spelling: crate::domain::keyword::basic_key(word),
                    },
                });
            }
            let mut tally =
                KeywordTally::new(Language::French, Corrections::from_list(&corrections));
            for n in 0..rng.below(200) {
                let word = WORDS[rng.below(WORDS.len())];
                let text = if rng.below(3) == 0 {
                    format!("{word} {n}")
                } else {
                    word.to_string()
                };
                tally.add_text(i64::try_from(rng.below(30)).unwrap_or(0), &text);
            }
            let visible: Vec<KeywordCount> =
                tally.counts().into_iter().filter(|k| !k.hidden).collect();
            for shown in [0, 1, 2, 3, 5, 8, 40, 500] {
                let (top, groups) = tally.top(shown);
                assert_eq!(groups, visible.len(), "seed {seed}");
                assert_eq!(
                    top,
                    visible[..shown.min(visible.len())],
                    "seed {seed}, {shown} shown"
                );
            }
        }
    }

    /// Two workshops' tallies united equal the tally of both rooms' entries, the first
    /// workshop's first; a group hidden in one workshop counts only the other's phones.
    #[test]
    fn the_event_tally_equals_the_tally_of_every_room_together() {
        const WORDS: [&str; 6] = [
            "Entraide",
            "entraide",
            "Mobilité",
            "mobilites",
            "ESS",
            "Lien social",
        ];
        for seed in 1..=40_u64 {
            let mut rng = XorShift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let rooms: Vec<Vec<KeywordEntry>> = (0..3_i64)
                .map(|room| {
                    (0..rng.below(40))
                        .map(|_| {
                            let phone = room * 100 + i64::try_from(rng.below(15)).unwrap_or(0);
                            entry(phone, WORDS[rng.below(WORDS.len())])
                        })
                        .collect()
                })
                .collect();
            let tallies: Vec<KeywordTally> = rooms
                .iter()
                .map(|r| KeywordTally::of(r, Language::French, Corrections::default()))
                .collect();
            let event = KeywordTally::across(&tallies.iter().collect::<Vec<_>>(), Language::French);
            let together = KeywordTally::of(
                rooms.iter().flatten(),
                Language::French,
                Corrections::default(),
            );
            assert_eq!(event.counts(), together.counts(), "seed {seed}");
            assert_eq!(event.entries(), together.entries());
        }
        let hidden = Corrections::from_list(&[Correction::Hide {
            group: Corrections::default().group_of("Entraide", Language::French),
        }]);
        let first = KeywordTally::of(
            &[entry(1, "Entraide"), entry(2, "ESS")],
            Language::French,
            hidden,
        );
        let second = KeywordTally::of(
            &[entry(3, "entraide")],
            Language::French,
            Corrections::default(),
        );
        let counts = KeywordTally::across(&[&first, &second], Language::French).counts();
        let entraide = counts
            .iter()
            .find(|k| k.label == "entraide")
            .expect("kept from the second room");
        assert_eq!((entraide.count, entraide.hidden), (1, false));
        assert_eq!(counts.len(), 2);
    }
}
