//! A workshop's tallies in the structure of its report: keywords folded and corrected,
//! findings by category (most supported first), recommendations ranked, participation.
//! The projector, the summary page, the report and the exports all read this one shape.

use super::keyword::KeywordCount;
use super::ranking::{self, Ranked, Totals};
use super::workshop::Workshop;

/// A finding with its category and pseudonymous author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub id: i64,
    pub category_slug: String,
    pub category_label: String,
    pub text: String,
    /// UTC, RFC 3339.
    pub submitted_at: String,
    /// The participant's order of arrival (pseudonym `P{seq}`).
    pub participant_seq: i64,
    pub hidden: bool,
    /// Its participant is hidden by the facilitator: it leaves the tallies like a hidden
    /// entry, and exports mark it hidden.
    pub participant_hidden: bool,
    /// Participants who supported it ("+1, moi aussi"), hidden participants left out.
    pub supports: i64,
}

impl Finding {
    /// Whether it counts in the tallies: neither it nor its participant is hidden.
    pub fn counts(&self) -> bool {
        !self.hidden && !self.participant_hidden
    }
}

/// How many phones joined and what they sent. Entries of a participant the facilitator
/// hid count nowhere here, and the participant is not counted either; `phones` counts
/// every phone that holds a place in the workshop (its capacity counts them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Participation {
    /// Phones that sent something, hidden participants left out.
    pub participants: i64,
    /// Keyword entries the facilitator did not hide.
    pub keywords: i64,
    /// Findings the facilitator did not hide.
    pub findings: i64,
    /// Participants with a ballot.
    pub voters: i64,
    /// Every participant of the workshop, hidden ones too: the places taken under
    /// `max_participants`.
    pub phones: i64,
}

/// The findings of one category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingGroup {
    pub slug: String,
    pub label: String,
    /// Visible findings, most supported first, then in order of arrival (the live
    /// tallies keep only the first of them: see `total`).
    pub items: Vec<Finding>,
    /// Visible findings in the category, `items` or not.
    pub total: usize,
}

/// The workshop's tallies, in the structure of its report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Visible keyword groups, most frequent first (the live tallies keep only the first
    /// of them: see `keyword_groups`).
    pub keywords: Vec<KeywordCount>,
    /// Visible keyword groups, in `keywords` or not.
    pub keyword_groups: usize,
    /// Keyword groups the facilitator hid.
    pub hidden_keywords: Vec<KeywordCount>,
    /// One group per category, in the workshop's order (empty ones too).
    pub findings: Vec<FindingGroup>,
    /// Recommendations, best first.
    pub ranking: Vec<Ranked>,
    /// Counts.
    pub participation: Participation,
}

/// Builds the summary from the keyword tally (`keyword_counts`, as
/// [`super::keyword::tally`] or the live tallies' kept tally give it, hidden groups marked):
/// hidden entries and groups are left out of the tallies.
pub fn summarize(
    workshop: &Workshop,
    keyword_counts: Vec<KeywordCount>,
    findings: &[Finding],
    totals: Vec<Totals>,
    participation: Participation,
) -> Summary {
    let findings = workshop
        .categories
        .iter()
        .map(|c| {
            let mut items: Vec<Finding> = findings
                .iter()
                .filter(|f| f.category_slug == c.slug && f.counts())
                .cloned()
                .collect();
            items.sort_by(|a, b| b.supports.cmp(&a.supports).then(a.id.cmp(&b.id)));
            FindingGroup {
                slug: c.slug.clone(),
                label: c.label.clone(),
                total: items.len(),
                items,
            }
        })
        .collect();
    let (hidden_keywords, keywords): (Vec<KeywordCount>, Vec<KeywordCount>) =
        keyword_counts.into_iter().partition(|k| k.hidden);
    Summary {
        keyword_groups: keywords.len(),
        keywords,
        hidden_keywords,
        findings,
        ranking: ranking::rank(totals),
        participation,
    }
}
