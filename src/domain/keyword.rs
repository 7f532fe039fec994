//! Keyword tallies: which typed keywords are one idea, how many phones sent it, and
//! under which spelling it is shown.
//!
//! Keywords are grouped by their folding key ([`crate::domain::folding`]), then the
//! facilitator's [`Corrections`] apply: spellings split out of their group, groups merged,
//! renamed or hidden. Each participant counts once per group, however often they typed it.

use std::collections::{HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;

use super::folding::folding_key;
use super::language::Language;
use super::refusal::Refusal;

/// One keyword as it was stored, in order of arrival.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeywordEntry {
    /// The participant who sent it (database id).
    pub participant_id: i64,
    /// The cleaned text (see [`crate::domain::text::clean`]).
    pub text: String,
}

/// One line of the keyword tally.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeywordCount {
    /// The group's key: what the facilitator's corrections name.
    pub key: String,
    /// The facilitator's label if set, else the most frequent spelling in the group, ties
    /// going to the earliest.
    pub label: String,
    /// Distinct participants who sent a keyword of this group.
    pub count: usize,
    /// Every spelling with its number of entries, most frequent first (ties: earliest).
    pub variants: Vec<(String, usize)>,
    /// Hidden by the facilitator: left out of the projector, the summary and the report.
    pub hidden: bool,
}

/// Collapses runs of white space into one plain space.
pub fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The basic key of a spelling: spaces collapsed, lower case ("  INSPIRANT " and
/// "Inspirant" are one spelling; "turn over" and "turn-over" are two). A split names
/// spellings by this key.
pub fn basic_key(text: &str) -> String {
    collapse_spaces(text).to_lowercase()
}

/// A key to sort labels alphabetically as a French reader expects: case and accents
/// ignored ("développement" sorts among the d's).
pub fn sort_key(text: &str) -> String {
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
}

/// The prefix of the group key of a spelling split out of its group.
const SPLIT_PREFIX: &str = "=";

/// The facilitator's corrections of one workshop's keyword groups (stored, so they
/// survive a restart and apply to keywords that arrive later).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Corrections {
    /// Group key → the group key it is merged into.
    pub merges: HashMap<String, String>,
    /// Basic keys ([`basic_key`]) of spellings that form a group of their own.
    pub splits: HashSet<String>,
    /// Group key → the label chosen by the facilitator.
    pub labels: HashMap<String, String>,
    /// Hidden group keys.
    pub hidden: HashSet<String>,
}

/// One correction by the facilitator (see [`Corrections`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Correction {
    /// Group `from` is merged into group `into`.
    Merge { from: String, into: String },
    /// The spelling whose basic key is `spelling` forms its own group.
    Split { spelling: String },
    /// Group `group` is shown as `label`.
    Label { group: String, label: String },
    /// Group `group` is hidden.
    Hide { group: String },
}

impl Corrections {
    /// The corrections in force after applying `list` in order (a later label wins).
    pub fn from_list<'a>(list: impl IntoIterator<Item = &'a Correction>) -> Self {
        let mut corrections = Self::default();
        for correction in list {
            match correction {
                Correction::Merge { from, into } => {
                    corrections.merges.insert(from.clone(), into.clone());
                }
                Correction::Split { spelling } => {
                    corrections.splits.insert(spelling.clone());
                }
                Correction::Label { group, label } => {
                    corrections.labels.insert(group.clone(), label.clone());
                }
                Correction::Hide { group } => {
                    corrections.hidden.insert(group.clone());
                }
            }
        }
        corrections
    }

    /// The group key of a spelling, before merges: its own when split out, else its
    /// folding key.
    pub fn own_group(&self, text: &str, language: Language) -> String {
        let spelling = basic_key(text);
        if self.splits.contains(&spelling) {
            format!("{SPLIT_PREFIX}{spelling}")
        } else {
            folding_key(text, language)
        }
    }

    /// Follows merges from `key` to the group it ends in (a cycle stops where it loops).
    pub fn resolve(&self, key: &str) -> String {
        let mut current = key.to_string();
        let mut seen = vec![current.clone()];
        while let Some(next) = self.merges.get(&current) {
            if seen.contains(next) {
                break;
            }
            seen.push(next.clone());
            current.clone_from(next);
        }
        current
    }

    /// Checks a merge of group `from` into group `into` against the merges in force: a
    /// group already merged cannot be merged again, nor can a merge close a loop (two
    /// facilitators merging the same groups at the same moment).
    ///
    /// # Errors
    /// [`Refusal::CorrectionConflict`].
    pub fn check_merge(&self, from: &str, into: &str) -> Result<(), Refusal> {
        if self.merges.contains_key(from)
            || self.resolve(into) == from
            || self.merges.contains_key(into)
        {
            return Err(Refusal::CorrectionConflict);
        }
        Ok(())
    }

    /// The final group key of a spelling.
    pub fn group_of(&self, text: &str, language: Language) -> String {
        self.resolve(&self.own_group(text, language))
    }
}

/// Tallies `entries` (in order of arrival): most frequent first, equal counts in
/// alphabetical order. Hidden groups are in the list, marked. (The live tallies keep a
/// [`super::keyword_tally::KeywordTally`] and add entries to it as they come.)
pub fn tally(
    entries: &[KeywordEntry],
    language: Language,
    corrections: &Corrections,
) -> Vec<KeywordCount> {
    super::keyword_tally::KeywordTally::of(entries, language, corrections.clone()).counts()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(list: &[(i64, &str)]) -> Vec<KeywordEntry> {
        list.iter()
            .map(|(p, t)| KeywordEntry {
                participant_id: *p,
                text: (*t).to_string(),
            })
            .collect()
    }

    fn fr(list: &[(i64, &str)], corrections: &Corrections) -> Vec<KeywordCount> {
        tally(&entries(list), Language::French, corrections)
    }

    #[test]
    fn spellings_of_one_idea_meet_under_the_most_frequent_one() {
        let tally = fr(
            &[
                (1, "Inspirant"),
                (2, "inspirant"),
                (3, "  INSPIRANT "),
                (4, "inspirant"),
                (5, "Inspirante"),
            ],
            &Corrections::default(),
        );
        assert_eq!(tally.len(), 1);
        assert_eq!(tally[0].count, 5);
        assert_eq!(tally[0].label, "inspirant");
        assert_eq!(
            tally[0].variants,
            vec![
                ("inspirant".into(), 2),
                ("Inspirant".into(), 1),
                ("INSPIRANT".into(), 1),
                ("Inspirante".into(), 1)
            ]
        );
    }

    #[test]
    fn equal_spellings_go_to_the_earliest() {
        let tally = fr(
            &[
                (1, "co-conception"),
                (2, "co conception"),
                (3, "Co-Conception"),
            ],
            &Corrections::default(),
        );
        assert_eq!(
            (tally[0].label.as_str(), tally[0].count),
            ("co-conception", 3)
        );
    }

    #[test]
    fn a_participant_counts_once_per_keyword() {
        let tally = fr(
            &[(1, "utile"), (1, "Utiles"), (2, "utile")],
            &Corrections::default(),
        );
        assert_eq!(tally.len(), 1);
        assert_eq!(tally[0].count, 2);
    }

    #[test]
    fn equal_counts_are_in_french_alphabetical_order() {
        let tally = fr(
            &[(1, "utile"), (2, "développement"), (3, "Essaimage")],
            &Corrections::default(),
        );
        let labels: Vec<_> = tally.iter().map(|k| k.label.as_str()).collect();
        assert_eq!(labels, ["développement", "Essaimage", "utile"]);
    }

    #[test]
    fn merges_splits_renames_and_hides_apply_to_every_entry() {
        let list = [
            (1, "mobilité"),
            (2, "transport"),
            (3, "Mobilités"),
            (4, "côte"),
            (5, "côté"),
        ];
        let plain = fr(&list, &Corrections::default());
        assert_eq!(plain.len(), 3, "côte and côté meet by default");

        let mut corrections = Corrections::default();
        let mobility = folding_key("mobilité", Language::French);
        let transport = folding_key("transport", Language::French);
        corrections
            .merges
            .insert(transport.clone(), mobility.clone());
        corrections
            .labels
            .insert(mobility.clone(), "Mobilité".into());
        corrections.splits.insert(basic_key("côté"));
        let tally = fr(&list, &corrections);
        let shown: Vec<(&str, usize)> = tally.iter().map(|k| (k.label.as_str(), k.count)).collect();
        assert_eq!(shown, [("Mobilité", 3), ("côte", 1), ("côté", 1)]);

        corrections.hidden.insert(mobility);
        let tally = fr(&list, &corrections);
        assert!(
            tally
                .iter()
                .find(|k| k.label == "Mobilité")
                .is_some_and(|k| k.hidden)
        );
    }

    #[test]
    fn merge_cycles_do_not_loop() {
        let mut corrections = Corrections::default();
        corrections.merges.insert("a".into(), "b".into());
        corrections.merges.insert("b".into(), "a".into());
        assert_eq!(corrections.resolve("a"), "b");
        assert_eq!(corrections.resolve("c"), "c");
    }
}
