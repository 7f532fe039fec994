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

/// The last row of each growing table when a workshop's live tallies last read it, of
/// any workshop (0: never read).
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
    fresh: bool,
) -> Result<Vec<LiveKeyword>, StoreError> {
    // CROSS JOIN keeps SQLite from walking the whole workshop when only a few rows are new.
    let join = if fresh { "JOIN" } else { "CROSS JOIN" };
    collect(
        conn,
        &format!(
            "SELECT k.participant_id, k.text, k.hidden = 0 AND p.hidden = 0
               FROM keywords k {join} participants p ON p.id = k.participant_id
              WHERE k.id > ?2 AND p.workshop_id = ?1 ORDER BY k.id"
        ),
        params![workshop, since],
        |r| {
            Ok(LiveKeyword {
                participant_id: r.get(0)?,
                text: r.get(1)?,
                counts: r.get(2)?,
            })
        },
    )
}

fn findings_since(
    conn: &Connection,
    workshop: WorkshopId,
    since: i64,
    fresh: bool,
) -> Result<Vec<Finding>, StoreError> {
    let join = if fresh { "JOIN" } else { "CROSS JOIN" };
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
    fresh: bool,
) -> Result<Vec<i64>, StoreError> {
    let join = if fresh { "JOIN" } else { "CROSS JOIN" };
    collect(
        conn,
        &format!(
            "SELECT s.finding_id
               FROM finding_supports s {join} participants sp ON sp.id = s.participant_id
              WHERE s.id > ?2 AND sp.workshop_id = ?1 AND sp.hidden = 0 ORDER BY s.id"
        ),
        params![workshop, since],
        |r| r.get(0),
    )
}

fn read_delta(
    conn: &Connection,
    workshop: WorkshopId,
    marks: LiveMarks,
) -> Result<LiveDelta, StoreError> {
    // From scratch, each table is walked by the workshop's participants; after, by row id.
    let fresh = marks == LiveMarks::default();
    let keywords = keywords_since(conn, workshop, marks.keyword, fresh)?;
    let findings = findings_since(conn, workshop, marks.finding, fresh)?;
    let supports = supports_since(conn, workshop, marks.support, fresh)?;
    // `+workshop_id`: walked by row id, not by the workshop's index, when only a few are new.
    let (new_phones, new_participants): (i64, i64) = conn
        .prepare_cached(
            "SELECT COUNT(*), COALESCE(SUM(hidden = 0), 0) FROM participants
              WHERE id > ?2 AND +workshop_id = ?1",
        )?
        .query_row(params![workshop, marks.participant], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    // The marks move to each table's last row in this snapshot, whichever workshop it is
    // from: the next read walks only what was written since, in any workshop.
    let next = conn
        .prepare_cached(
            "SELECT (SELECT COALESCE(MAX(id), 0) FROM keywords),
                    (SELECT COALESCE(MAX(id), 0) FROM findings),
                    (SELECT COALESCE(MAX(id), 0) FROM finding_supports),
                    (SELECT COALESCE(MAX(id), 0) FROM participants)",
        )?
        .query_row([], |r| {
            Ok(LiveMarks {
                keyword: r.get(0)?,
                finding: r.get(1)?,
                support: r.get(2)?,
                participant: r.get(3)?,
            })
        })?;
    Ok(LiveDelta {
        keywords,
        findings,
        supports,
        corrections: if fresh {
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
