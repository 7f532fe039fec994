//! Recommendations proposed by participants: the proposal (quota of
//! [`crate::domain::rules::check_proposal_quota`]), the facilitator's final decision
//! ([`crate::domain::rules::decide_proposal`]) and the list for the dashboard.

use rusqlite::{Connection, OptionalExtension, params};

use super::participants::{Phone, join, repeated_form};
use super::sql::collect;
use super::{Store, StoreError, Stored, now_utc};
use crate::domain::entry::ProposalText;
use crate::domain::identity;
use crate::domain::ids::{RecommendationId, WorkshopId};
use crate::domain::rules::{self, ProposalStatus};

/// A recommendation proposed by a participant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub id: RecommendationId,
    pub text: String,
    /// UTC, RFC 3339.
    pub proposed_at: String,
    /// `proposed`, `accepted` or `declined`.
    pub status: String,
    /// The proposer's pseudonym number.
    pub participant_seq: i64,
    /// The proposer is hidden by the facilitator: a waiting proposal cannot be accepted,
    /// and exports mark it hidden.
    pub participant_hidden: bool,
}

/// The recommendations participants proposed, oldest first.
pub(super) fn proposals(
    conn: &Connection,
    workshop: WorkshopId,
) -> Result<Vec<Proposal>, StoreError> {
    collect(
        conn,
        "SELECT r.id, r.text, r.status, p.seq, COALESCE(r.proposed_at, ''), p.hidden
           FROM recommendations r
           JOIN participants p ON p.id = r.proposed_by
          WHERE r.workshop_id = ?1 ORDER BY r.id",
        [workshop],
        |r| {
            Ok(Proposal {
                id: r.get(0)?,
                text: r.get(1)?,
                status: r.get(2)?,
                participant_seq: r.get(3)?,
                proposed_at: r.get(4)?,
                participant_hidden: r.get(5)?,
            })
        },
    )
}

impl Store {
    /// Stores a recommendation proposed by a phone, waiting for the facilitator; at most
    /// [`rules::MAX_PROPOSALS_PER_PARTICIPANT`] per participant. A form token already
    /// received answers [`Stored::Repeated`].
    ///
    /// # Errors
    /// [`crate::domain::refusal::Refusal::TooManyProposals`] inside
    /// [`StoreError::Refused`]; store errors.
    pub async fn propose_recommendation(
        &self,
        phone: Phone,
        form_token: Option<String>,
        text: ProposalText,
    ) -> Result<Stored, StoreError> {
        self.writer
            .write(Some(phone.workshop_id.get()), move |conn| {
                let now = now_utc();
                let participant = join(conn, &phone, &now)?;
                let content = identity::content_hash(&[text.as_str()]);
                if repeated_form(conn, participant, form_token.as_deref(), &content)? {
                    return Ok(Stored::Repeated);
                }
                let already: i64 = conn
                    .prepare_cached("SELECT COUNT(*) FROM recommendations WHERE proposed_by = ?1")?
                    .query_row([participant], |r| r.get(0))?;
                rules::check_proposal_quota(already)?;
                conn.prepare_cached(
                    "INSERT INTO recommendations
                         (workshop_id, position, text, status, proposed_by, proposed_at)
                     VALUES (?1, (SELECT COALESCE(MAX(position), 0) + 1
                                    FROM recommendations WHERE workshop_id = ?1),
                             ?2, 'proposed', ?3, ?4)",
                )?
                .execute(params![
                    phone.workshop_id,
                    text.as_str(),
                    participant,
                    now
                ])?;
                Ok(Stored::New(1))
            })
            .await
    }

    /// Accepts (it joins the ballot, last) or declines proposal `id`. A proposal of a
    /// participant the facilitator hid can only be declined (it is not shown to the room).
    ///
    /// # Errors
    /// [`crate::domain::refusal::Refusal::ProposalNotWaiting`] inside
    /// [`StoreError::Refused`] for a proposal already decided or not of this workshop, or
    /// accepted from a hidden participant; store errors.
    pub async fn decide_proposal(
        &self,
        workshop: WorkshopId,
        id: RecommendationId,
        accept: bool,
    ) -> Result<(), StoreError> {
        self.writer
            .write_settings(workshop.get(), move |conn| {
                let current: Option<(String, bool)> = conn
                    .prepare_cached(
                        "SELECT r.status, p.hidden FROM recommendations r
                           JOIN participants p ON p.id = r.proposed_by
                          WHERE r.id = ?1 AND r.workshop_id = ?2",
                    )?
                    .query_row(params![id, workshop], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?;
                let current = match current {
                    Some((_, true)) if accept => None,
                    other => other.and_then(|(status, _)| ProposalStatus::parse(&status)),
                };
                let decided = rules::decide_proposal(current, accept)?;
                conn.prepare_cached(
                    "UPDATE recommendations
                        SET status = ?3,
                            position = CASE WHEN ?3 = 'accepted'
                                THEN (SELECT COALESCE(MAX(position), 0) + 1
                                        FROM recommendations WHERE workshop_id = ?1)
                                ELSE position END
                      WHERE id = ?2 AND workshop_id = ?1",
                )?
                .execute(params![workshop, id, decided.name()])?;
                Ok(())
            })
            .await
    }
}
