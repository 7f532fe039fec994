//! The raw entries of a workshop, of every kind, in order of time: what `entries.csv`
//! and the workbook's entries sheet list.

use crate::tallies::Tallies;

/// One raw entry of any kind, for `entries.csv` and the workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// UTC, RFC 3339.
    pub submitted_at: String,
    /// `P{n}`.
    pub participant: String,
    /// `keyword`, `finding`, `dots`, `support` or `proposal`.
    pub kind: &'static str,
    pub category: String,
    pub recommendation: String,
    pub text: String,
    /// Dots of a ballot line; the status of a proposal.
    pub value: String,
    /// The entry, or its participant, hidden by the facilitator.
    pub hidden: bool,
    /// A ballot line of a participant who redeemed a vote code (`false` for other kinds).
    pub with_code: bool,
}

/// Every raw entry of the workshop, of every kind, in order of time.
pub fn entries(tallies: &Tallies) -> Vec<Entry> {
    let mut all = Vec::new();
    for k in &tallies.keyword_rows {
        all.push(Entry {
            submitted_at: k.submitted_at.clone(),
            participant: format!("P{}", k.participant_seq),
            kind: "keyword",
            category: String::new(),
            recommendation: String::new(),
            text: k.text.clone(),
            value: String::new(),
            hidden: !k.counts(),
            with_code: false,
        });
    }
    for f in &tallies.findings {
        all.push(Entry {
            submitted_at: f.submitted_at.clone(),
            participant: format!("P{}", f.participant_seq),
            kind: "finding",
            category: f.category_label.clone(),
            recommendation: String::new(),
            text: f.text.clone(),
            value: String::new(),
            hidden: !f.counts(),
            with_code: false,
        });
    }
    for b in &tallies.ballot_rows {
        all.push(Entry {
            submitted_at: b.submitted_at.clone(),
            participant: format!("P{}", b.participant_seq),
            kind: "dots",
            category: String::new(),
            recommendation: b.recommendation.clone(),
            text: String::new(),
            value: b.dots.to_string(),
            hidden: b.participant_hidden,
            with_code: b.with_code,
        });
    }
    for s in &tallies.support_rows {
        all.push(Entry {
            submitted_at: s.supported_at.clone(),
            participant: format!("P{}", s.participant_seq),
            kind: "support",
            category: s.category.clone(),
            recommendation: String::new(),
            text: s.text.clone(),
            value: String::new(),
            hidden: s.participant_hidden,
            with_code: false,
        });
    }
    for p in &tallies.proposals {
        all.push(Entry {
            submitted_at: p.proposed_at.clone(),
            participant: format!("P{}", p.participant_seq),
            kind: "proposal",
            category: String::new(),
            recommendation: p.text.clone(),
            text: String::new(),
            value: p.status.clone(),
            hidden: p.participant_hidden,
            with_code: false,
        });
    }
    all.sort_by(|a, b| a.submitted_at.cmp(&b.submitted_at));
    all
}
