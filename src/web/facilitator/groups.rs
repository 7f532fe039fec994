//! The dashboard's keyword groups, bounded by what a facilitator reads (issue #11, item 1:
//! each group's row held a merge `<select>` of every other group, so 1,000 groups made a
//! 67 MB page). A page shows [`GROUPS_PER_PAGE`] groups, most supported first, each with
//! at most [`SPELLINGS_SHOWN`] spellings; a search by label or spelling and "next" links
//! reach every group; one merge form names its two groups by label, from a `datalist` of
//! the [`MERGE_CHOICES`] most supported ones (any other can be typed).

use crate::domain::keyword::{KeywordCount, basic_key, sort_key};

/// Groups on one page of the dashboard.
pub const GROUPS_PER_PAGE: usize = 50;

/// Spellings listed under one group (the others are counted, and a search shows those
/// that match first).
pub const SPELLINGS_SHOWN: usize = 12;

/// Groups the merge form suggests.
pub const MERGE_CHOICES: usize = 500;

/// Longest search kept (characters).
const QUERY_MAX: usize = 60;

/// One group's row.
pub struct GroupLine {
    pub key: String,
    pub label: String,
    pub count: usize,
    pub hidden: bool,
    /// `(spelling, entries)`, at most [`SPELLINGS_SHOWN`].
    pub variants: Vec<(String, usize)>,
    /// Spellings not listed.
    pub more_variants: usize,
    /// Whether the group has several spellings (a spelling can be split out).
    pub splittable: bool,
}

/// What the dashboard shows of the keyword groups.
pub struct GroupsView {
    /// The groups of this page.
    pub lines: Vec<GroupLine>,
    /// Every group, visible and hidden.
    pub total: usize,
    /// Groups that match the search (all of them without one).
    pub matching: usize,
    /// The search typed, as typed (trimmed, at most 60 characters).
    pub query: String,
    /// Index of this page's first group among the matching ones.
    pub from: usize,
    /// The `kw_from` of the previous and of the next page, when there is one.
    pub previous: Option<usize>,
    pub next: Option<usize>,
    /// Labels the merge form suggests, most supported first.
    pub choices: Vec<String>,
    /// Groups not in `choices`.
    pub more_choices: usize,
}

fn matches(group: &KeywordCount, query: &str) -> bool {
    sort_key(&group.label).contains(query)
        || group
            .variants
            .iter()
            .any(|(spelling, _)| sort_key(spelling).contains(query))
}

impl GroupsView {
    /// The page of `groups` (visible ones, then hidden ones) starting at `from` among
    /// those matching `query` (case and accents ignored; empty: every group).
    pub fn new(groups: &[KeywordCount], query: &str, from: usize) -> Self {
        let query: String = query.trim().chars().take(QUERY_MAX).collect();
        let wanted = sort_key(&query);
        let matching: Vec<&KeywordCount> = groups
            .iter()
            .filter(|g| wanted.is_empty() || matches(g, &wanted))
            .collect();
        let from = if from < matching.len() {
            from - from % GROUPS_PER_PAGE
        } else {
            0
        };
        let lines = matching
            .iter()
            .skip(from)
            .take(GROUPS_PER_PAGE)
            .map(|g| {
                let mut variants = g.variants.clone();
                if !wanted.is_empty() {
                    // Spellings that match first, the order kept otherwise.
                    variants.sort_by_key(|(s, _)| !sort_key(s).contains(&wanted));
                }
                let more_variants = variants.len().saturating_sub(SPELLINGS_SHOWN);
                variants.truncate(SPELLINGS_SHOWN);
                GroupLine {
                    key: g.key.clone(),
                    label: g.label.clone(),
                    count: g.count,
                    hidden: g.hidden,
                    splittable: g.variants.len() > 1,
                    variants,
                    more_variants,
                }
            })
            .collect();
        let next = (from + GROUPS_PER_PAGE < matching.len()).then_some(from + GROUPS_PER_PAGE);
        let previous = (from > 0).then(|| from.saturating_sub(GROUPS_PER_PAGE));
        let mut by_support: Vec<&KeywordCount> = groups.iter().collect();
        by_support.sort_by_key(|g| std::cmp::Reverse(g.count));
        let choices = by_support
            .iter()
            .take(MERGE_CHOICES)
            .map(|g| g.label.clone())
            .collect();
        Self {
            lines,
            total: groups.len(),
            matching: matching.len(),
            query,
            from,
            previous,
            next,
            choices,
            more_choices: groups.len().saturating_sub(MERGE_CHOICES),
        }
    }
}

/// The group a merge form names by `typed`: its key (the dashboard's own links), else its
/// label as shown, else its label with case and spaces ignored, else with accents ignored
/// too; `None` when no group, or more than one, answers.
pub fn find_group<'a>(groups: &[&'a KeywordCount], typed: &str) -> Option<&'a KeywordCount> {
    let typed = typed.trim();
    if typed.is_empty() {
        return None;
    }
    let unique = |found: Vec<&'a KeywordCount>| (found.len() == 1).then(|| found[0]);
    if let Some(g) = groups.iter().find(|g| g.key == typed || g.label == typed) {
        return Some(g);
    }
    let basic = basic_key(typed);
    let by_basic: Vec<&KeywordCount> = groups
        .iter()
        .copied()
        .filter(|g| basic_key(&g.label) == basic)
        .collect();
    if !by_basic.is_empty() {
        return unique(by_basic);
    }
    let sorted = sort_key(&basic);
    unique(
        groups
            .iter()
            .copied()
            .filter(|g| sort_key(&basic_key(&g.label)) == sorted)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(label: &str, count: usize, spellings: usize) -> KeywordCount {
        KeywordCount {
            key: format!("k-{label}"),
            label: label.to_string(),
            count,
            variants: (0..spellings.max(1))
                .map(|i| {
                    if i == 0 {
                        (label.to_string(), 1)
                    } else {
                        (format!("{label}{i}"), 1)
                    }
                })
                .collect(),
            hidden: false,
        }
    }

    #[test]
    fn a_thousand_groups_give_pages_of_fifty_and_a_bounded_merge_list() {
        let groups: Vec<KeywordCount> = (0..1000)
            .map(|i| group(&format!("mot{i}"), 1000 - i, 1))
            .collect();
        let first = GroupsView::new(&groups, "", 0);
        assert_eq!(first.lines.len(), GROUPS_PER_PAGE);
        assert_eq!((first.total, first.matching), (1000, 1000));
        assert_eq!((first.previous, first.next), (None, Some(50)));
        assert_eq!(first.choices.len(), MERGE_CHOICES);
        assert_eq!(first.more_choices, 500);
        let last = GroupsView::new(&groups, "", 950);
        assert_eq!(last.lines[49].label, "mot999");
        assert_eq!((last.previous, last.next), (Some(900), None));
        // An offset past the end, or between pages, lands on a real page.
        assert_eq!(GroupsView::new(&groups, "", 5000).from, 0);
        assert_eq!(GroupsView::new(&groups, "", 57).from, 50);
    }

    #[test]
    fn a_search_finds_groups_by_label_or_spelling_accents_ignored() {
        let mut groups = vec![
            group("Mobilité", 5, 1),
            group("Entraide", 4, 1),
            group("Écoute", 2, 1),
        ];
        groups[1].variants.push(("mobilites douces".into(), 1));
        let found = GroupsView::new(&groups, "  MOBILITE ", 0);
        let labels: Vec<&str> = found.lines.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(labels, ["Mobilité", "Entraide"]);
        assert_eq!(found.matching, 2);
        assert_eq!(found.query, "MOBILITE");
        // In a matching group, the spellings that match come first.
        assert_eq!(found.lines[1].variants[0].0, "mobilites douces");
        assert_eq!(
            GroupsView::new(&groups, "ecoute", 0).lines[0].label,
            "Écoute"
        );
        assert!(GroupsView::new(&groups, "zzz", 0).lines.is_empty());
    }

    #[test]
    fn six_hundred_spellings_show_twelve_and_count_the_rest() {
        let groups = vec![group("long", 600, 600)];
        let view = GroupsView::new(&groups, "", 0);
        assert_eq!(view.lines[0].variants.len(), SPELLINGS_SHOWN);
        assert_eq!(view.lines[0].more_variants, 588);
        assert!(view.lines[0].splittable);
    }

    #[test]
    fn a_merge_names_a_group_by_key_or_label_in_any_case() {
        let owned = [
            group("Mobilité", 5, 1),
            group("Entraide", 4, 1),
            group("entraide ", 1, 1),
        ];
        let groups: Vec<&KeywordCount> = owned.iter().collect();
        assert_eq!(find_group(&groups, "k-Mobilité").map(|g| g.count), Some(5));
        assert_eq!(find_group(&groups, " Mobilité ").map(|g| g.count), Some(5));
        assert_eq!(find_group(&groups, "MOBILITÉ").map(|g| g.count), Some(5));
        assert_eq!(find_group(&groups, "mobilite").map(|g| g.count), Some(5));
        assert_eq!(find_group(&groups, "Entraide").map(|g| g.count), Some(4));
        // "ENTRAIDE" answers to two groups: neither is guessed.
        assert_eq!(find_group(&groups, "ENTRAIDE").map(|g| g.count), None);
        assert!(find_group(&groups, "").is_none());
        assert!(find_group(&groups, "Absent").is_none());
    }
}
