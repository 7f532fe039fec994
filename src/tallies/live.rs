//! A workshop's live read model (issue #15): keyword groups with their phones, findings
//! with their "+1"s, ballots per recommendation and participation, kept in memory and
//! brought up to date from what arrived since the last read ([`crate::store::LiveDelta`]),
//! so that a live frame costs the same in a workshop of 1,000 entries or 100,000. It is
//! built again from scratch only when the facilitator changed something (the hub's
//! settings version: a correction, a hidden entry or participant, the workshop's
//! settings), since only phones' writes are appends.

use std::cmp::Reverse;
use std::collections::{BTreeSet, HashMap};

use crate::domain::keyword::{Corrections, KeywordCount};
use crate::domain::keyword_tally::KeywordTally;
use crate::domain::ranking::{self, Totals};
use crate::domain::statement::{Backing, Statement};
use crate::domain::summary::{Finding, FindingGroup, Participation, Summary};
use crate::domain::workshop::Workshop;
use crate::store::{LiveDelta, LiveMarks};

/// Keyword groups a live summary keeps, most cited first (the projector's cloud shows 40).
pub const LIVE_KEYWORDS_KEPT: usize = 100;

/// Findings a live summary keeps per category, most supported first (the projector shows
/// at most 4 a column).
pub const LIVE_FINDINGS_KEPT: usize = 12;

/// The live read model of one workshop.
#[derive(Debug, Clone)]
pub struct LiveModel {
    /// The hub's settings version read before the model was built: while it holds, only
    /// phones have written.
    pub settings: u64,
    /// Where the next delta starts.
    pub marks: LiveMarks,
    keywords: KeywordTally,
    /// Keyword entries that count (neither they nor their participant hidden).
    counted_keywords: i64,
    /// Findings that count.
    counted_findings: i64,
    /// Every finding, hidden ones too, in order of arrival.
    findings: Vec<Finding>,
    /// Finding id → its place in `findings`.
    places: HashMap<i64, usize>,
    /// Category slug → its findings that count, most supported first, then by arrival.
    columns: HashMap<String, BTreeSet<(Reverse<i64>, i64)>>,
    totals: Vec<Totals>,
    participants: i64,
    phones: i64,
    voters: i64,
}

impl LiveModel {
    /// The model of `delta`, read from scratch (marks at 0), with its corrections, for
    /// `workshop` at settings version `settings`.
    pub fn build(workshop: &Workshop, settings: u64, delta: LiveDelta) -> Self {
        let corrections = Corrections::from_list(delta.corrections.iter().map(|c| &c.correction));
        let mut model = Self {
            settings,
            marks: LiveMarks::default(),
            keywords: KeywordTally::new(workshop.language, corrections),
            counted_keywords: 0,
            counted_findings: 0,
            findings: Vec::new(),
            places: HashMap::new(),
            columns: HashMap::new(),
            totals: Vec::new(),
            participants: 0,
            phones: 0,
            voters: 0,
        };
        model.apply(delta);
        model
    }

    /// Adds what arrived since the model's marks (`delta` read from them).
    pub fn apply(&mut self, delta: LiveDelta) {
        for keyword in delta.keywords.iter().filter(|k| k.counts) {
            self.keywords
                .add_text(keyword.participant_id, &keyword.text);
            self.counted_keywords += 1;
        }
        for finding in delta.findings {
            if finding.counts() {
                self.counted_findings += 1;
                self.columns
                    .entry(finding.category_slug.clone())
                    .or_default()
                    .insert((Reverse(finding.supports), finding.id));
            }
            self.places.insert(finding.id, self.findings.len());
            self.findings.push(finding);
        }
        for id in delta.supports {
            let Some(finding) = self.places.get(&id).map(|&p| &mut self.findings[p]) else {
                continue;
            };
            if finding.counts()
                && let Some(column) = self.columns.get_mut(&finding.category_slug)
            {
                column.remove(&(Reverse(finding.supports), id));
                column.insert((Reverse(finding.supports + 1), id));
            }
            finding.supports += 1;
        }
        self.totals = delta.totals;
        self.participants += delta.new_participants;
        self.phones += delta.new_phones;
        self.voters = delta.voters;
        self.marks = delta.marks;
    }

    /// The summary a live frame shows: as [`crate::domain::summary::summarize`] gives it,
    /// but with only the first [`LIVE_KEYWORDS_KEPT`] keyword groups (no hidden ones) and
    /// the first [`LIVE_FINDINGS_KEPT`] findings of each category, with how many there are.
    pub fn summary(&self, workshop: &Workshop) -> Summary {
        let (keywords, keyword_groups) = self.keywords.top(LIVE_KEYWORDS_KEPT);
        Summary {
            keywords,
            keyword_groups,
            hidden_keywords: Vec::new(),
            ..self.summary_of_findings(workshop, LIVE_FINDINGS_KEPT)
        }
    }

    /// The summary of the exports: every keyword group (the hidden ones in
    /// `hidden_keywords`), as [`crate::domain::summary::summarize`] gives them from a full
    /// read, the ranking and the counts; the findings only counted (`items` empty: see
    /// [`LiveModel::ranked_findings`]).
    pub fn export_summary(&self, workshop: &Workshop) -> Summary {
        let (hidden_keywords, keywords): (Vec<KeywordCount>, Vec<KeywordCount>) =
            self.keywords.counts().into_iter().partition(|k| k.hidden);
        Summary {
            keyword_groups: keywords.len(),
            keywords,
            hidden_keywords,
            ..self.summary_of_findings(workshop, 0)
        }
    }

    /// The text and "+1"s of every finding that counts, one list per category of
    /// `workshop` in its order, most supported first, then by arrival: what the report
    /// lists (a copy of the texts alone, not of the findings).
    pub fn ranked_findings(&self, workshop: &Workshop) -> Vec<Vec<(String, i64)>> {
        workshop
            .categories
            .iter()
            .map(|c| {
                let Some(column) = self.columns.get(&c.slug) else {
                    return Vec::new();
                };
                // Sized once: collected from a filter, the list would grow by doubling
                // to up to twice the bytes it needs (issue #15, the ZIP's memory).
                let mut ranked = Vec::with_capacity(column.len());
                ranked.extend(
                    column
                        .iter()
                        .filter_map(|(_, id)| self.places.get(id))
                        .filter_map(|&place| self.findings.get(place))
                        .map(|f| (f.text.clone(), f.supports)),
                );
                ranked
            })
            .collect()
    }

    /// The findings and "+1"s behind `statement` among the model's findings: those it
    /// gathers that count (as [`Statement::backing`] over every finding, looked up by id).
    pub fn backing(&self, statement: &Statement) -> Backing {
        let mut backing = Backing::default();
        for id in &statement.findings {
            if let Some(finding) = self
                .places
                .get(&id.get())
                .and_then(|&p| self.findings.get(p))
                && finding.counts()
            {
                backing.findings += 1;
                backing.supports += finding.supports;
            }
        }
        backing
    }

    /// The summary with no keyword group and the first `kept` findings of each category.
    fn summary_of_findings(&self, workshop: &Workshop, kept: usize) -> Summary {
        let findings = workshop
            .categories
            .iter()
            .map(|c| {
                let column = self.columns.get(&c.slug);
                let items = column
                    .into_iter()
                    .flatten()
                    .take(kept)
                    .filter_map(|(_, id)| self.places.get(id))
                    .map(|&place| self.findings[place].clone())
                    .collect();
                FindingGroup {
                    slug: c.slug.clone(),
                    label: c.label.clone(),
                    items,
                    total: column.map_or(0, BTreeSet::len),
                }
            })
            .collect();
        Summary {
            keywords: Vec::new(),
            keyword_groups: 0,
            hidden_keywords: Vec::new(),
            findings,
            ranking: ranking::rank(self.totals.clone()),
            participation: Participation {
                participants: self.participants,
                keywords: self.counted_keywords,
                findings: self.counted_findings,
                voters: self.voters,
                phones: self.phones,
            },
        }
    }

    /// The keyword tally kept up to date.
    pub fn keyword_tally(&self) -> &KeywordTally {
        &self.keywords
    }

    /// Every keyword group, hidden ones marked, as the full tallies count them.
    pub fn keyword_counts(&self) -> Vec<KeywordCount> {
        self.keywords.counts()
    }
}
