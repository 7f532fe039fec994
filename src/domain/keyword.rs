//! Keyword tallies: which typed keywords are one idea, how many phones sent it, and
//! under which spelling it is shown.
//!
//! The grouping key today is the basic one of issue #2: inner white space collapsed and
//! case ignored. Each participant counts once per group, however often they typed it.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

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
    /// The grouping key (see [`basic_key`]).
    pub key: String,
    /// The most frequent spelling in the group, ties going to the earliest.
    pub label: String,
    /// Distinct participants who sent a keyword of this group.
    pub count: usize,
    /// Every spelling with its number of entries, most frequent first (ties: earliest).
    pub variants: Vec<(String, usize)>,
}

/// Collapses runs of white space into one plain space.
pub fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The basic grouping key: spaces collapsed, lower case ("  INSPIRANT " and "Inspirant"
/// meet; "turn over" and "turn-over" do not).
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

/// Tallies `entries` (in order of arrival) into groups, most frequent first, equal
/// counts in alphabetical order.
pub fn tally(entries: &[KeywordEntry]) -> Vec<KeywordCount> {
    struct Group {
        first_seen: usize,
        participants: Vec<i64>,
        // spelling -> (entries, first seen)
        spellings: HashMap<String, (usize, usize)>,
    }
    let mut groups: HashMap<String, Group> = HashMap::new();
    for (index, entry) in entries.iter().enumerate() {
        let spelling = collapse_spaces(&entry.text);
        let group = groups.entry(basic_key(&spelling)).or_insert_with(|| Group {
            first_seen: index,
            participants: Vec::new(),
            spellings: HashMap::new(),
        });
        if !group.participants.contains(&entry.participant_id) {
            group.participants.push(entry.participant_id);
        }
        group.spellings.entry(spelling).or_insert((0, index)).0 += 1;
    }
    let mut counts: Vec<(usize, KeywordCount)> = groups
        .into_iter()
        .map(|(key, group)| {
            let mut variants: Vec<(String, usize, usize)> = group
                .spellings
                .into_iter()
                .map(|(spelling, (n, first))| (spelling, n, first))
                .collect();
            variants.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
            let label = variants
                .first()
                .map(|v| v.0.clone())
                .unwrap_or_else(|| key.clone());
            (
                group.first_seen,
                KeywordCount {
                    key,
                    label,
                    count: group.participants.len(),
                    variants: variants.into_iter().map(|(s, n, _)| (s, n)).collect(),
                },
            )
        })
        .collect();
    counts.sort_by(|(first_a, a), (first_b, b)| {
        b.count
            .cmp(&a.count)
            .then_with(|| sort_key(&a.label).cmp(&sort_key(&b.label)))
            .then(first_a.cmp(first_b))
    });
    counts.into_iter().map(|(_, count)| count).collect()
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

    #[test]
    fn case_and_inner_spaces_do_not_split_a_keyword() {
        let tally = tally(&entries(&[
            (1, "Inspirant"),
            (2, "inspirant"),
            (3, "INSPIRANT"),
            (4, "co   conception"),
            (5, "co conception"),
        ]));
        assert_eq!(tally[0].count, 3);
        assert_eq!(tally[0].label, "Inspirant");
        assert_eq!(tally[1].label, "co conception");
        assert_eq!(tally[1].count, 2);
    }

    #[test]
    fn the_label_is_the_most_frequent_spelling_ties_to_the_earliest() {
        let tally = tally(&entries(&[
            (1, "Services"),
            (2, "services"),
            (3, "services"),
            (4, "Capitalisation"),
            (5, "capitalisation"),
        ]));
        let services = tally
            .iter()
            .find(|k| k.key == "services")
            .expect("services");
        assert_eq!(services.label, "services");
        assert_eq!(
            services.variants,
            vec![("services".to_string(), 2), ("Services".to_string(), 1)]
        );
        let cap = tally
            .iter()
            .find(|k| k.key == "capitalisation")
            .expect("cap");
        assert_eq!(cap.label, "Capitalisation");
    }

    #[test]
    fn a_participant_counts_once_per_keyword() {
        let tally = tally(&entries(&[(1, "utile"), (1, "Utile"), (2, "utile")]));
        assert_eq!(tally.len(), 1);
        assert_eq!(tally[0].count, 2);
    }

    #[test]
    fn equal_counts_are_in_french_alphabetical_order() {
        let tally = tally(&entries(&[
            (1, "utile"),
            (2, "développement"),
            (3, "Essaimage"),
        ]));
        let labels: Vec<_> = tally.iter().map(|k| k.label.as_str()).collect();
        assert_eq!(labels, ["développement", "Essaimage", "utile"]);
    }
}
