//! What a workshop's live tallies read (issue #15): the keywords, findings and "+1"s that
//! arrived since their last read, by row id (those tables only grow while the facilitator
//! changes nothing, and their row ids follow the order of commits: one writer, no row is
//! ever deleted), and the counts that a ballot replaced whole can change (totals per
//! recommendation, voters), read anew each time. One read transaction: the delta
//! and the counts agree with each other.

use rusqlite::{Connection, params};

use super::ballots::{totals, voters};
use super::keywords::{CorrectionRow, corrections};
use super::sql::collect;
use super::{Store, StoreError};
use crate::domain::ids::WorkshopId;
use crate::domain::ranking::Totals;
use crate::domain::summary::Finding;

/// The last row of each growing table a workshop's live tallies have counted (0: none).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LiveMarks {
    /// Last `keywords.id` read.
    pub keyword: i64,
    /// Last `findings.id` read.
    pub finding: i64,
    /// Last `finding_supports.id` read.
    pub support: i64,
    /// Last `participants.id` read.
    pub participant: i64,
}

/// One keyword entry as the live tallies count it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveKeyword {
    /// Database id of its participant.
    pub participant_id: i64,
    pub text: String,
    /// Neither it nor its participant is hidden.
    pub counts: bool,
}

/// What changed in a workshop since [`LiveMarks`]: the new rows, in order of arrival, and
/// the counts read anew.
#[derive(Debug, Clone, Default)]
pub struct LiveDelta {
    /// Keywords past `marks.keyword`.
    pub keywords: Vec<LiveKeyword>,
    /// Findings past `marks.finding`, their `supports` at 0 (every "+1" of a new finding
    /// is past `marks.support`, in `supports`).
    pub findings: Vec<Finding>,
    /// The finding of each "+1" past `marks.support` from a participant not hidden.
    pub supports: Vec<i64>,
    /// The keyword corrections in force, read only from scratch (marks at 0).
    pub corrections: Vec<CorrectionRow>,
    /// Dots and voters per accepted recommendation, in ballot order.
    pub totals: Vec<Totals>,
    /// Participants past `marks.participant`: all of them, and those not hidden.
    pub new_phones: i64,
    pub new_participants: i64,
    /// Participants with a ballot that counts (read anew).
    pub voters: i64,
    /// Where the next read starts.
    pub marks: LiveMarks,
}

/// Keywords past `?2`, walked by row id (a delta) or, from scratch, by participant.
fn keywords_since(
    conn: &Connection,
    workshop: WorkshopId,
    since: i64,
) -> Result<Vec<(i64, LiveKeyword)>, StoreError> {
    // CROSS JOIN keeps SQLite from walking the whole workshop when only a few rows are new.
    let join = if since == 0 { "JOIN" } else { "CROSS JOIN" };
    collect(
        conn,
        &format!(
            "SELECT k.id, k.participant_id, k.text, k.hidden = 0 AND p.hidden = 0
               FROM keywords k {join} participants p ON p.id = k.participant_id
              WHERE k.id > ?2 AND p.workshop_id = ?1 ORDER BY k.id"
        ),
        params![workshop, since],
        |r| {
            Ok((
                r.get(0)?,
                LiveKeyword {
                    participant_id: r.get(1)?,
                    text: r.get(2)?,
                    counts: r.get(3)?,
                },
            ))
        },
    )
}

fn findings_since(
    conn: &Connection,
    workshop: WorkshopId,
    since: i64,
) -> Result<Vec<Finding>, StoreError> {
    let join = if since == 0 { "JOIN" } else { "CROSS JOIN" };
    collect(
        conn,
        &format!(
            "SELECT f.id, c.slug, c.label, f.text, f.submitted_at, p.seq, f.hidden, p.hidden
               FROM findings f {join} participants p ON p.id = f.participant_id
               JOIN finding_categories c ON c.id = f.category_id
              WHERE f.id > ?2 AND p.workshop_id = ?1 ORDER BY f.id"
        ),
        params![workshop, since],
        |r| {
            Ok(Finding {
                id: r.get(0)?,
                category_slug: r.get(1)?,
                category_label: r.get(2)?,
                text: r.get(3)?,
                submitted_at: r.get(4)?,
                participant_seq: r.get(5)?,
                hidden: r.get(6)?,
                participant_hidden: r.get(7)?,
                supports: 0,
            })
        },
    )
}

fn supports_since(
    conn: &Connection,
    workshop: WorkshopId,
    since: i64,
) -> Result<Vec<(i64, i64, bool)>, StoreError> {
    let join = if since == 0 { "JOIN" } else { "CROSS JOIN" };
    collect(
        conn,
        &format!(
            "SELECT s.id, s.finding_id, sp.hidden = 0
               FROM finding_supports s {join} participants sp ON sp.id = s.participant_id
              WHERE s.id > ?2 AND sp.workshop_id = ?1 ORDER BY s.id"
        ),
        params![workshop, since],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

fn read_delta(
    conn: &Connection,
    workshop: WorkshopId,
    marks: LiveMarks,
) -> Result<LiveDelta, StoreError> {
    let keywords = keywords_since(conn, workshop, marks.keyword)?;
    let findings = findings_since(conn, workshop, marks.finding)?;
    let supports = supports_since(conn, workshop, marks.support)?;
    // `+workshop_id`: walked by row id, not by the workshop's index, when only a few are new.
    let (new_phones, new_participants, last_participant): (i64, i64, Option<i64>) = conn
        .prepare_cached(
            "SELECT COUNT(*), COALESCE(SUM(hidden = 0), 0), MAX(id) FROM participants
              WHERE id > ?2 AND +workshop_id = ?1",
        )?
        .query_row(params![workshop, marks.participant], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    let next = LiveMarks {
        keyword: keywords.last().map_or(marks.keyword, |(id, _)| *id),
        finding: findings.last().map_or(marks.finding, |f| f.id),
        support: supports.last().map_or(marks.support, |(id, _, _)| *id),
        participant: last_participant.unwrap_or(marks.participant),
    };
    Ok(LiveDelta {
        keywords: keywords.into_iter().map(|(_, k)| k).collect(),
        findings,
        supports: supports
            .into_iter()
            .filter(|(_, _, counts)| *counts)
            .map(|(_, finding, _)| finding)
            .collect(),
        corrections: if marks == LiveMarks::default() {
            corrections(conn, workshop)?
        } else {
            Vec::new()
        },
        totals: totals(conn, workshop)?,
        new_phones,
        new_participants,
        voters: voters(conn, workshop)?,
        marks: next,
    })
}

impl Store {
    /// What changed in workshop `workshop` since `marks` (everything, corrections
    /// included, from `LiveMarks::default()`), read in one transaction; then `build` runs
    /// on it on the same blocking thread.
    ///
    /// # Errors
    /// Store errors.
    pub async fn read_live<T, F>(
        &self,
        workshop: WorkshopId,
        marks: LiveMarks,
        build: F,
    ) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(LiveDelta) -> T + Send + 'static,
    {
        self.readers
            .read(move |conn| {
                let snapshot = conn.unchecked_transaction()?;
                let delta = read_delta(&snapshot, workshop, marks)?;
                snapshot.finish()?;
                Ok(build(delta))
            })
            .await
    }
}
