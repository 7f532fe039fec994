//! One-time vote codes ([`crate::domain::vote_code`]): making a workshop's codes (only
//! their keyed hash is stored), a phone redeeming one, the facilitator's switch
//! `votes_need_code`, and the gate a ballot passes in the writer's transaction.

use rusqlite::{Connection, OptionalExtension, params};

use super::participants::{Phone, has_code, join};
use super::{Store, StoreError, Stored, now_utc};
use crate::domain::ids::{ParticipantId, WorkshopId};
use crate::domain::refusal::Refusal;
use crate::domain::vote_code::{self, MAX_CODES_PER_REQUEST, VoteCode};

/// The gate of a ballot: in a workshop whose vote needs a code, the participant must have
/// redeemed one. Read in the writer's transaction, so a switch just turned on holds.
///
/// # Errors
/// [`Refusal::VoteCodeNeeded`]; SQLite errors.
pub(super) fn check_ballot_gate(
    conn: &Connection,
    workshop: WorkshopId,
    participant: ParticipantId,
) -> Result<(), StoreError> {
    let needed: bool = conn
        .prepare_cached("SELECT votes_need_code FROM workshops WHERE id = ?1")?
        .query_row([workshop], |r| r.get(0))?;
    if needed && !has_code(conn, participant)? {
        return Err(Refusal::VoteCodeNeeded.into());
    }
    Ok(())
}

impl Store {
    /// Makes `n` new vote codes for workshop `workshop` and gives them, once: only their
    /// hash is stored, so they cannot be shown again.
    ///
    /// # Errors
    /// [`Refusal::VoteCodeCount`] unless `n` is 1 to
    /// [`MAX_CODES_PER_REQUEST`]; store errors.
    pub async fn create_vote_codes(
        &self,
        workshop: WorkshopId,
        n: i64,
    ) -> Result<Vec<VoteCode>, StoreError> {
        if !vote_code::count_allowed(n) {
            return Err(Refusal::VoteCodeCount {
                max: MAX_CODES_PER_REQUEST,
            }
            .into());
        }
        let key = self.phone_key.clone();
        self.writer
            .write(None, move |conn| {
                let now = now_utc();
                let wanted = usize::try_from(n).unwrap_or(0);
                let mut codes = Vec::with_capacity(wanted);
                let mut insert = conn.prepare_cached(
                    "INSERT OR IGNORE INTO vote_codes (workshop_id, code_hash, created_at)
                     VALUES (?1, ?2, ?3)",
                )?;
                // A code drawn twice (about one in 10⁸ per draw at 2,000 codes) is drawn
                // again; the bound only guards against a broken random source.
                let mut draws = 0;
                while codes.len() < wanted && draws < wanted * 10 {
                    draws += 1;
                    let code = VoteCode::generate();
                    let hash = key.vote_code_hash(workshop.get(), &code);
                    if insert.execute(params![workshop, hash, now])? == 1 {
                        codes.push(code);
                    }
                }
                Ok(codes)
            })
            .await
    }

    /// A phone redeems `code`: from now on its ballot counts in a workshop whose vote
    /// needs a code. The same code sent again by the same phone is [`Stored::Repeated`].
    ///
    /// # Errors
    /// [`Refusal::VoteCodeUnknown`] for a code not of this workshop,
    /// [`Refusal::VoteCodeUsed`] for one redeemed by another phone,
    /// [`Refusal::VoteCodeAlreadyRedeemed`] when this phone has another code already (the
    /// new one stays unused), the refusals of joining; store errors.
    pub async fn redeem_vote_code(
        &self,
        phone: Phone,
        code: VoteCode,
    ) -> Result<Stored, StoreError> {
        let key = self.phone_key.clone();
        self.writer
            .write(Some(phone.workshop_id.get()), move |conn| {
                let now = now_utc();
                let participant = join(conn, &phone, &now)?;
                let hash = key.vote_code_hash(phone.workshop_id.get(), &code);
                let found: Option<(i64, Option<ParticipantId>)> = conn
                    .prepare_cached(
                        "SELECT id, redeemed_by FROM vote_codes
                          WHERE code_hash = ?1 AND workshop_id = ?2",
                    )?
                    .query_row(params![hash, phone.workshop_id], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })
                    .optional()?;
                match found {
                    None => Err(Refusal::VoteCodeUnknown.into()),
                    Some((_, Some(by))) if by == participant => Ok(Stored::Repeated),
                    Some((_, Some(_))) => Err(Refusal::VoteCodeUsed.into()),
                    Some((id, None)) => {
                        if has_code(conn, participant)? {
                            return Err(Refusal::VoteCodeAlreadyRedeemed.into());
                        }
                        conn.prepare_cached(
                            "UPDATE vote_codes SET redeemed_by = ?2, redeemed_at = ?3
                              WHERE id = ?1 AND redeemed_by IS NULL",
                        )?
                        .execute(params![id, participant, now])?;
                        Ok(Stored::New(1))
                    }
                }
            })
            .await
    }

    /// Turns on or off the rule that a ballot counts only from a phone that redeemed a
    /// vote code (ballots already cast by phones without one leave the tallies while it
    /// is on, and come back when it is off).
    ///
    /// # Errors
    /// Store errors.
    pub async fn set_votes_need_code(&self, id: WorkshopId, on: bool) -> Result<(), StoreError> {
        self.writer
            .write_settings(id.get(), move |conn| {
                conn.prepare_cached("UPDATE workshops SET votes_need_code = ?2 WHERE id = ?1")?
                    .execute(params![id, on])?;
                Ok(())
            })
            .await
    }
}
