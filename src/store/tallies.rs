//! Everything a workshop's tallies are built from, read in one go on a reader connection
//! (one snapshot: the counts agree with each other).

use super::ballots::{participation, totals};
use super::findings::findings;
use super::keywords::{CorrectionRow, KeywordRow, corrections, keyword_rows};
use super::proposals::{Proposal, proposals};
use super::sql::collect;
use super::statements::statements;
use super::{Store, StoreError};
use crate::domain::ids::WorkshopId;
use crate::domain::ranking::Totals;
use crate::domain::statement::Statement;
use crate::domain::summary::{Finding, Participation};

/// The rows behind a workshop's tallies, as the facilitator's pages read them.
#[derive(Debug, Clone, Default)]
pub struct TallyRows {
    /// Every keyword entry, hidden ones too, in order of arrival.
    pub keyword_rows: Vec<KeywordRow>,
    /// The keyword corrections in force, oldest first.
    pub corrections: Vec<CorrectionRow>,
    /// Every finding, hidden ones too, by category order then arrival.
    pub findings: Vec<Finding>,
    /// Dots and voters per accepted recommendation, in ballot order.
    pub totals: Vec<Totals>,
    /// Counts.
    pub participation: Participation,
    /// Recommendations proposed by participants, oldest first.
    pub proposals: Vec<Proposal>,
    /// Synthesis paragraphs by report section name.
    pub syntheses: Vec<(String, String)>,
    /// The rapporteur's statements, in report order.
    pub statements: Vec<Statement>,
}

/// What the report of a workshop needs besides its counts (issue #13 on issue #15's
/// export path): small reads, beside the live model, never a list of every row.
#[derive(Debug, Clone, Default)]
pub struct ReportContext {
    /// Earliest and latest time anything was sent, UTC (folded by SQLite, not listed).
    pub span: Option<(String, String)>,
    /// Synthesis paragraphs by report section name.
    pub syntheses: Vec<(String, String)>,
    /// The rapporteur's statements, in report order, each with the ids of the findings
    /// it gathers (a workshop has a few dozen at most).
    pub statements: Vec<Statement>,
}

fn activity_span(
    conn: &rusqlite::Connection,
    workshop: WorkshopId,
) -> Result<Option<(String, String)>, StoreError> {
    let span: (Option<String>, Option<String>) = conn.prepare_cached(
        "WITH times(t) AS (
            SELECT k.submitted_at FROM keywords k JOIN participants p ON p.id = k.participant_id WHERE p.workshop_id = ?1
            UNION ALL SELECT f.submitted_at FROM findings f JOIN participants p ON p.id = f.participant_id WHERE p.workshop_id = ?1
            UNION ALL SELECT b.submitted_at FROM ballots b JOIN participants p ON p.id = b.participant_id WHERE p.workshop_id = ?1
            UNION ALL SELECT s.supported_at FROM finding_supports s JOIN participants p ON p.id = s.participant_id WHERE p.workshop_id = ?1
            UNION ALL SELECT r.proposed_at FROM recommendations r WHERE r.workshop_id = ?1 AND r.proposed_at IS NOT NULL)
         SELECT MIN(t), MAX(t) FROM times",
    )?
    .query_row([workshop], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(match span {
        (Some(first), Some(last)) => Some((first, last)),
        _ => None,
    })
}

fn syntheses(
    conn: &rusqlite::Connection,
    workshop: WorkshopId,
) -> Result<Vec<(String, String)>, StoreError> {
    collect(
        conn,
        "SELECT section, text FROM report_syntheses WHERE workshop_id = ?1",
        [workshop],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

impl Store {
    /// Reads the rows behind workshop `workshop`'s tallies, then runs `build` on them on
    /// the same blocking thread, so that folding and ranking never run on an async worker.
    ///
    /// # Errors
    /// Store errors.
    pub async fn read_tallies<T, F>(&self, workshop: WorkshopId, build: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(TallyRows) -> T + Send + 'static,
    {
        self.readers
            .read(move |conn| {
                let conn = &conn.unchecked_transaction()?;
                let rows = TallyRows {
                    keyword_rows: keyword_rows(conn, workshop)?,
                    corrections: corrections(conn, workshop)?,
                    findings: findings(conn, workshop)?,
                    totals: totals(conn, workshop)?,
                    participation: participation(conn, workshop)?,
                    proposals: proposals(conn, workshop)?,
                    syntheses: syntheses(conn, workshop)?,
                    statements: statements(conn, workshop)?,
                };
                Ok(build(rows))
            })
            .await
    }

    /// What the report of workshop `workshop` needs besides its counts, in one read
    /// transaction: the earliest and latest time anything was sent (UTC), the synthesis
    /// paragraphs and the rapporteur's statements. Small reads: the times are folded by
    /// SQLite, not listed; but every entry's page is read, so with a small page cache
    /// ([`super::readers::Readers::walk`]).
    ///
    /// # Errors
    /// Store errors.
    pub async fn read_report_context(
        &self,
        workshop: WorkshopId,
    ) -> Result<ReportContext, StoreError> {
        self.readers
            .walk(move |conn| {
                let conn = &conn.unchecked_transaction()?;
                Ok(ReportContext {
                    span: activity_span(conn, workshop)?,
                    syntheses: syntheses(conn, workshop)?,
                    statements: statements(conn, workshop)?,
                })
            })
            .await
    }
}
