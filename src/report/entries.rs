//! The raw entries of a workshop, of every kind, in order of time: what `entries.csv`
//! and the workbook's entries sheet list. They are read in place from the tallies, one at
//! a time, as they are written: only their order (two words an entry) is held, so that a
//! workshop of 100,000 keywords costs no second copy of its texts (issue #15).

use crate::tallies::Tallies;

/// One raw entry of any kind, borrowed from the tallies, for `entries.csv` and the
/// workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    /// UTC, RFC 3339.
    pub submitted_at: &'a str,
    /// The `n` of `P{n}`.
    pub participant_seq: i64,
    /// `keyword`, `finding`, `dots`, `support` or `proposal`.
    pub kind: &'static str,
    pub category: &'a str,
    pub recommendation: &'a str,
    pub text: &'a str,
    pub value: Value<'a>,
    /// The entry, or its participant, hidden by the facilitator.
    pub hidden: bool,
    /// A ballot line of a participant who redeemed a vote code (`false` for other kinds).
    pub with_code: bool,
}

/// The `value` column of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value<'a> {
    /// Keywords, findings and supports have none.
    None,
    /// The dots of a ballot line.
    Dots(i64),
    /// The status of a proposal (`pending`, `accepted`…).
    Status(&'a str),
}

impl Entry<'_> {
    /// `P{n}`.
    pub fn participant(&self) -> String {
        format!("P{}", self.participant_seq)
    }
}

/// Which list of the tallies an entry comes from.
#[derive(Debug, Clone, Copy)]
enum Source {
    Keyword,
    Finding,
    Ballot,
    Support,
    Proposal,
}

/// The time of entry `index` of `source` ("" if there is none).
fn time(tallies: &Tallies, source: Source, index: usize) -> &str {
    match source {
        Source::Keyword => tallies.keyword_rows.get(index).map(|k| &k.submitted_at),
        Source::Finding => tallies.findings.get(index).map(|f| &f.submitted_at),
        Source::Ballot => tallies.ballot_rows.get(index).map(|b| &b.submitted_at),
        Source::Support => tallies.support_rows.get(index).map(|s| &s.supported_at),
        Source::Proposal => tallies.proposals.get(index).map(|p| &p.proposed_at),
    }
    .map_or("", String::as_str)
}

/// Entry `index` of `source`, if there is one.
fn entry(tallies: &Tallies, source: Source, index: usize) -> Option<Entry<'_>> {
    let none = Entry {
        submitted_at: "",
        participant_seq: 0,
        kind: "",
        category: "",
        recommendation: "",
        text: "",
        value: Value::None,
        hidden: false,
        with_code: false,
    };
    Some(match source {
        Source::Keyword => {
            let k = tallies.keyword_rows.get(index)?;
            Entry {
                submitted_at: &k.submitted_at,
                participant_seq: k.participant_seq,
                kind: "keyword",
                text: &k.text,
                hidden: !k.counts(),
                ..none
            }
        }
        Source::Finding => {
            let f = tallies.findings.get(index)?;
            Entry {
                submitted_at: &f.submitted_at,
                participant_seq: f.participant_seq,
                kind: "finding",
                category: &f.category_label,
                text: &f.text,
                hidden: !f.counts(),
                ..none
            }
        }
        Source::Ballot => {
            let b = tallies.ballot_rows.get(index)?;
            Entry {
                submitted_at: &b.submitted_at,
                participant_seq: b.participant_seq,
                kind: "dots",
                recommendation: &b.recommendation,
                value: Value::Dots(b.dots),
                hidden: b.participant_hidden,
                with_code: b.with_code,
                ..none
            }
        }
        Source::Support => {
            let s = tallies.support_rows.get(index)?;
            Entry {
                submitted_at: &s.supported_at,
                participant_seq: s.participant_seq,
                kind: "support",
                category: &s.category,
                text: &s.text,
                hidden: s.participant_hidden,
                ..none
            }
        }
        Source::Proposal => {
            let p = tallies.proposals.get(index)?;
            Entry {
                submitted_at: &p.proposed_at,
                participant_seq: p.participant_seq,
                kind: "proposal",
                recommendation: &p.text,
                value: Value::Status(&p.status),
                hidden: p.participant_hidden,
                ..none
            }
        }
    })
}

/// Every raw entry of the workshop, of every kind, in order of time; entries sent at the
/// same time come keywords first, then findings, ballot lines, supports and proposals,
/// each in the order of its list.
pub fn entries(tallies: &Tallies) -> impl Iterator<Item = Entry<'_>> {
    let lists = [
        (Source::Keyword, tallies.keyword_rows.len()),
        (Source::Finding, tallies.findings.len()),
        (Source::Ballot, tallies.ballot_rows.len()),
        (Source::Support, tallies.support_rows.len()),
        (Source::Proposal, tallies.proposals.len()),
    ];
    let mut order: Vec<(Source, usize)> = lists
        .into_iter()
        .flat_map(|(source, len)| (0..len).map(move |index| (source, index)))
        .collect();
    // A stable sort: equal times keep the order above.
    order.sort_by(|a, b| time(tallies, a.0, a.1).cmp(time(tallies, b.0, b.1)));
    order
        .into_iter()
        .filter_map(move |(source, index)| entry(tallies, source, index))
}
