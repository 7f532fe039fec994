//! The keyword tally kept up to date entry by entry (issue #15: each live frame folded
//! every keyword of the workshop again, 511 ms at 100,000 entries).
//!
//! A [`KeywordTally`] holds, per group, the set of phones and the spellings with their
//! counts; each spelling is folded once (the folding key, the stemmer's work, is the
//! costly part). Adding an entry costs a hash lookup; [`KeywordTally::counts`] sorts the
//! groups, not the entries. The facilitator's corrections are fixed for one tally: a new
//! correction builds a new one.

use std::collections::{HashMap, HashSet};

use super::keyword::{
    Correction, Corrections, KeywordCount, KeywordEntry, collapse_spaces, sort_key,
};
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

/// One stored keyword as the live tallies see it: its row id (increasing in order of
/// arrival), whether it counts (neither it nor its participant hidden), who and what.
#[derive(Debug, Clone, Copy)]
pub struct KeywordLine<'a> {
    pub id: i64,
    pub counts: bool,
    pub participant_id: i64,
    pub text: &'a str,
}

/// A tally kept between two live loads of a workshop, with what it was built from, so the
/// next load only adds the keywords sent since (issue #15).
#[derive(Debug, Clone)]
pub struct KeptTally {
    language: Language,
    corrections: Vec<Correction>,
    /// The last row id it has seen.
    last_id: i64,
    /// A fingerprint of the counting rows up to `last_id` (which ones count).
    counted: u64,
    tally: KeywordTally,
}

/// A fingerprint of which rows up to `last_id` count.
fn fingerprint(lines: &[KeywordLine<'_>], last_id: i64) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for line in lines.iter().take_while(|l| l.id <= last_id) {
        if line.counts {
            line.id.hash(&mut hasher);
        }
    }
    hasher.finish()
}

impl KeptTally {
    /// The tally of `lines` (in order of row id) in `language` under `corrections`: `kept`
    /// extended by the lines past its last row when it was built from the same language,
    /// corrections and counting rows (the usual case: new keywords arrived), else counted
    /// again from the start (a correction, a hidden or shown entry or participant).
    pub fn update(
        kept: Option<Self>,
        lines: &[KeywordLine<'_>],
        language: Language,
        corrections: &[Correction],
    ) -> Self {
        let reusable = kept.filter(|k| {
            k.language == language
                && k.corrections == corrections
                && lines.last().is_none_or(|l| l.id >= k.last_id)
                && fingerprint(lines, k.last_id) == k.counted
        });
        let (mut tally, from) = match reusable {
            Some(k) => (k.tally, k.last_id),
            None => (
                KeywordTally::new(language, Corrections::from_list(corrections)),
                i64::MIN,
            ),
        };
        for line in lines.iter().filter(|l| l.id > from && l.counts) {
            tally.add_text(line.participant_id, line.text);
        }
        let last_id = lines.last().map_or(from.max(0), |l| l.id);
        Self {
            language,
            corrections: corrections.to_vec(),
            last_id,
            counted: fingerprint(lines, last_id),
            tally,
        }
    }

    /// The tally's counts ([`KeywordTally::counts`]).
    pub fn counts(&self) -> Vec<KeywordCount> {
        self.tally.counts()
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

    struct Row {
        id: i64,
        participant_id: i64,
        text: String,
        hidden: bool,
    }

    #[test]
    fn kept_and_extended_it_always_equals_a_full_recount() {
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
        for seed in 1..=40_u64 {
            let mut rng = XorShift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let mut rows: Vec<Row> = Vec::new();
            let mut corrections: Vec<Correction> = Vec::new();
            let mut kept: Option<KeptTally> = None;
            for step in 0..120 {
                match rng.below(10) {
                    // Mostly new keywords, as a room sends them.
                    0..=6 => {
                        let id = i64::try_from(rows.len()).unwrap_or(0) * 2 + 1;
                        rows.push(Row {
                            id,
                            participant_id: i64::try_from(rng.below(12)).unwrap_or(0),
                            text: WORDS[rng.below(WORDS.len())].to_string(),
                            hidden: false,
                        });
                    }
                    // The facilitator hides or shows an entry (or a participant's).
                    7 if !rows.is_empty() => {
                        let n = rng.below(rows.len());
                        rows[n].hidden = !rows[n].hidden;
                    }
                    // A correction: a label, a merge, a split or a hidden group.
                    8 => {
                        let word = WORDS[rng.below(WORDS.len())];
                        let key = Corrections::from_list(&corrections)
                            .group_of(&collapse_spaces(word), Language::French);
                        let other = Corrections::from_list(&corrections).group_of(
                            &collapse_spaces(WORDS[rng.below(WORDS.len())]),
                            Language::French,
                        );
                        corrections.push(match rng.below(4) {
                            0 => Correction::Label {
                                group: key,
                                label: format!("Libellé {step}"),
                            },
                            1 if key != other => Correction::Merge {
                                from: key,
                                into: other,
                            },
                            2 => Correction::Split {
                                spelling: crate::domain::keyword::basic_key(word),
                            },
                            _ => Correction::Hide { group: key },
                        });
                    }
                    _ => {}
                }
                let lines: Vec<KeywordLine<'_>> = rows
                    .iter()
                    .map(|r| KeywordLine {
                        id: r.id,
                        counts: !r.hidden,
                        participant_id: r.participant_id,
                        text: &r.text,
                    })
                    .collect();
                let next = KeptTally::update(kept.take(), &lines, Language::French, &corrections);
                let entries: Vec<KeywordEntry> = rows
                    .iter()
                    .filter(|r| !r.hidden)
                    .map(|r| entry(r.participant_id, &r.text))
                    .collect();
                let full = KeywordTally::of(
                    &entries,
                    Language::French,
                    Corrections::from_list(&corrections),
                );
                assert_eq!(next.counts(), full.counts(), "seed {seed}, step {step}");
                kept = Some(next);
            }
        }
    }
}
