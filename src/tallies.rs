//! A workshop's tallies as pages and exports read them: the summary, every finding and
//! the keyword corrections in force, loaded in one read.

use crate::domain::keyword::Corrections;
use crate::report::{self, Summary};
use crate::store::read::{self, CorrectionRow, Finding, KeywordRow, Proposal, Workshop};
use crate::store::{Store, StoreError};

/// Everything the summary, the projector and the exports show of one workshop.
#[derive(Debug, Clone)]
pub struct Tallies {
    pub workshop: Workshop,
    /// Keywords, findings and ranking, hidden entries left out.
    pub summary: Summary,
    /// Every finding, hidden ones too (exports mark them).
    pub findings: Vec<Finding>,
    /// Every keyword entry, hidden ones too.
    pub keyword_rows: Vec<KeywordRow>,
    /// The keyword corrections in force, oldest first.
    pub corrections: Vec<CorrectionRow>,
    /// Recommendations proposed by participants, oldest first.
    pub proposals: Vec<Proposal>,
}

impl Tallies {
    /// Loads the tallies of `workshop` in one read.
    ///
    /// # Errors
    /// Store errors.
    pub async fn load(store: &Store, workshop: Workshop) -> Result<Self, StoreError> {
        store
            .readers
            .read(move |conn| {
                let keyword_rows = read::keyword_rows(conn, workshop.id)?;
                let corrections = read::keyword_corrections(conn, workshop.id)?;
                let findings = read::findings(conn, workshop.id)?;
                let totals = read::recommendation_totals(conn, workshop.id)?;
                let participation = read::participation(conn, workshop.id)?;
                let proposals = read::proposals(conn, workshop.id)?;
                let entries = read::visible_keyword_entries(&keyword_rows);
                let summary = report::summarize(
                    &workshop,
                    &entries,
                    &Corrections::from_list(corrections.iter().map(|c| &c.correction)),
                    &findings,
                    totals,
                    participation,
                );
                Ok(Self {
                    workshop,
                    summary,
                    findings,
                    keyword_rows,
                    corrections,
                    proposals,
                })
            })
            .await
    }

    /// The corrections in force, ready to apply.
    pub fn keyword_corrections(&self) -> Corrections {
        Corrections::from_list(self.corrections.iter().map(|c| &c.correction))
    }
}
