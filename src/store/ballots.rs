//! Ballots: a phone's dot vote (checked by [`crate::domain::ballot::parse`] at the edge;
//! the schema's trigger checks the budget again), the totals per recommendation, the
//! participation counts (the raw ballot lines are walked by [`super::raw_rows`]).

use rusqlite::{Connection, params};

use super::participants::{Phone, join};
use super::sql::collect;
use super::vote_codes::check_ballot_gate;
use super::{Store, StoreError, Stored, now_utc};
use crate::domain::ballot::Ballot;
use crate::domain::ids::WorkshopId;
use crate::domain::ranking::Totals;
use crate::domain::summary::Participation;

/// SQL condition that ballot `b` counts: always, or only from a participant who redeemed
/// a vote code while workshop `w` needs one (a participant is in one workshop, and a code
/// redeems once: `redeemed_by` is unique, so this is one index lookup).
macro_rules! counts {
    () => {
        "(w.votes_need_code = 0
     OR EXISTS (SELECT 1 FROM vote_codes c WHERE c.redeemed_by = b.participant_id))"
    };
}
const COUNTS: &str = counts!();

/// Dots and voters of each accepted recommendation, in ballot order: hidden participants'
/// ballots left out, and only ballots with a vote code while the workshop's vote needs one.
/// Walked from the recommendations to their ballots, so that a live frame reads the
/// ballot lines, not every participant of the workshop (issue #15).
pub(super) fn totals(conn: &Connection, workshop: WorkshopId) -> Result<Vec<Totals>, StoreError> {
    collect(
        conn,
        &format!(
            "SELECT r.id, ROW_NUMBER() OVER (ORDER BY r.position), r.text,
                    COALESCE(SUM(CASE WHEN p.id IS NOT NULL THEN b.dots END), 0), COUNT(p.id)
               FROM recommendations r JOIN workshops w ON w.id = r.workshop_id
               LEFT JOIN ballots b ON b.recommendation_id = r.id AND {COUNTS}
               LEFT JOIN participants p ON p.id = b.participant_id AND p.hidden = 0
              WHERE r.workshop_id = ?1 AND r.status = 'accepted'
              GROUP BY r.id ORDER BY r.position"
        ),
        [workshop],
        |r| {
            Ok(Totals {
                recommendation_id: r.get(0)?,
                position: r.get(1)?,
                text: r.get(2)?,
                dots: r.get(3)?,
                voters: r.get(4)?,
            })
        },
    )
}

/// SQL count of workshop `?1`'s participants, not hidden, whose ballot counts.
const VOTERS: &str = concat!(
    "SELECT COUNT(DISTINCT b.participant_id) FROM recommendations r
       JOIN workshops w ON w.id = r.workshop_id
       CROSS JOIN ballots b ON b.recommendation_id = r.id
       CROSS JOIN participants p ON p.id = b.participant_id
      WHERE r.workshop_id = ?1 AND p.hidden = 0 AND ",
    counts!()
);

/// Participants of the workshop, not hidden, with a ballot that counts (see [`COUNTS`]).
pub(super) fn voters(conn: &Connection, workshop: WorkshopId) -> Result<i64, StoreError> {
    Ok(conn
        .prepare_cached(VOTERS)?
        .query_row([workshop], |r| r.get(0))?)
}

/// The workshop's participation counts: hidden participants and their entries left out,
/// except from `phones`.
pub(super) fn participation(
    conn: &Connection,
    workshop: WorkshopId,
) -> Result<Participation, StoreError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT
            (SELECT COUNT(*) FROM participants WHERE workshop_id = ?1 AND hidden = 0),
            (SELECT COUNT(*) FROM keywords k JOIN participants p ON p.id = k.participant_id
              WHERE p.workshop_id = ?1 AND k.hidden = 0 AND p.hidden = 0),
            (SELECT COUNT(*) FROM findings f JOIN participants p ON p.id = f.participant_id
              WHERE p.workshop_id = ?1 AND f.hidden = 0 AND p.hidden = 0),
            ({VOTERS}),
            (SELECT COUNT(*) FROM participants WHERE workshop_id = ?1)"
        ))?
        .query_row([workshop], |r| {
            Ok(Participation {
                participants: r.get(0)?,
                keywords: r.get(1)?,
                findings: r.get(2)?,
                voters: r.get(3)?,
                phones: r.get(4)?,
            })
        })?)
}

impl Store {
    /// Casts a phone's ballot: it replaces the participant's earlier one, whole.
    ///
    /// # Errors
    /// [`crate::domain::refusal::Refusal::VoteCodeNeeded`] from a phone without a vote
    /// code while the workshop's vote needs one; store errors (the schema's trigger
    /// refuses a ballot over the budget or the cap).
    pub async fn cast_ballot(&self, phone: Phone, ballot: Ballot) -> Result<Stored, StoreError> {
        self.writer
            .write(Some(phone.workshop_id.get()), move |conn| {
                let now = now_utc();
                let participant = join(conn, &phone, &now)?;
                check_ballot_gate(conn, phone.workshop_id, participant)?;
                conn.prepare_cached("DELETE FROM ballots WHERE participant_id = ?1")?
                    .execute([participant])?;
                let mut insert = conn.prepare_cached(
                    "INSERT INTO ballots (participant_id, recommendation_id, dots, submitted_at)
                     VALUES (?1, ?2, ?3, ?4)",
                )?;
                for (recommendation, dots) in &ballot.dots {
                    insert.execute(params![participant, recommendation, dots, now])?;
                }
                Ok(Stored::New(ballot.dots.len()))
            })
            .await
    }
}
