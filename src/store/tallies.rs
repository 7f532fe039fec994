//! Everything a workshop's tallies are built from, read in one go on a reader connection
//! (one snapshot: the counts agree with each other).

use super::ballots::{BallotRow, ballot_rows, participation, totals};
use super::findings::{SupportRow, findings, support_rows};
use super::keywords::{CorrectionRow, KeywordRow, corrections, keyword_rows};
use super::proposals::{Proposal, proposals};
use super::sql::collect;
use super::statements::statements;
use super::{Store, StoreError};
use crate::domain::ids::WorkshopId;
use crate::domain::ranking::Totals;
use crate::domain::statement::Statement;
use crate::domain::summary::{Finding, Participation};

/// The rows behind a workshop's tallies. The `export_*` fields are read only for exports
/// (a live frame leaves them empty).
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
    /// Earliest and latest time anything was sent, UTC (exports only).
    pub export_span: Option<(String, String)>,
    /// Every ballot line, in order of sending (exports only).
    pub export_ballot_rows: Vec<BallotRow>,
    /// Every "+1" (exports only).
    pub export_support_rows: Vec<SupportRow>,
    /// Synthesis paragraphs by report section name (exports only).
    pub export_syntheses: Vec<(String, String)>,
    /// The rapporteur's statements, in report order (exports only).
    pub export_statements: Vec<Statement>,
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

impl Store {
    /// Reads the rows behind workshop `workshop`'s tallies (with the export-only ones when
    /// `for_export`), then runs `build` on them on the same blocking thread, so that
    /// folding and ranking never run on an async worker.
    ///
    /// # Errors
    /// Store errors.
    pub async fn read_tallies<T, F>(
        &self,
        workshop: WorkshopId,
        for_export: bool,
        build: F,
    ) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(TallyRows) -> T + Send + 'static,
    {
        self.readers
            .read(move |conn| {
                let conn = &conn.unchecked_transaction()?;
                let mut rows = TallyRows {
                    keyword_rows: keyword_rows(conn, workshop)?,
                    corrections: corrections(conn, workshop)?,
                    findings: findings(conn, workshop)?,
                    totals: totals(conn, workshop)?,
                    participation: participation(conn, workshop)?,
                    proposals: proposals(conn, workshop)?,
                    ..TallyRows::default()
                };
                if for_export {
                    rows.export_span = activity_span(conn, workshop)?;
                    rows.export_ballot_rows = ballot_rows(conn, workshop)?;
                    rows.export_support_rows = support_rows(conn, workshop)?;
                    rows.export_syntheses = collect(
                        conn,
                        "SELECT section, text FROM report_syntheses WHERE workshop_id = ?1",
                        [workshop],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )?;
                    rows.export_statements = statements(conn, workshop)?;
                }
                Ok(build(rows))
            })
            .await
    }
}
