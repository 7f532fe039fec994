//! Participants: a phone in a workshop, known by the hash of its cookie; what it sent, for
//! its own page; and the one-time form tokens that make a form sent twice count once.

use rusqlite::{Connection, OptionalExtension, params};

use super::StoreError;
use super::sql::collect;
use crate::domain::ids::{ParticipantId, RecommendationId, WorkshopId};

/// A phone in a workshop: the workshop and the SHA-256 of the phone's participant cookie
/// ([`crate::domain::secret::hash_token`]). It becomes a participant (`P1`, `P2`…) with
/// its first submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    /// The workshop the phone is in.
    pub workshop_id: WorkshopId,
    /// The hash of its cookie, as stored.
    pub token_hash: String,
}

/// What one participant sent, to show under each card of their page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OwnEntries {
    /// Keywords in order of sending.
    pub keywords: Vec<String>,
    /// `(category label, text)` in order of sending.
    pub findings: Vec<(String, String)>,
    /// `(recommendation id, dots)` of the current ballot.
    pub ballot: Vec<(RecommendationId, i64)>,
    /// `(text, status)` of the recommendations the participant proposed; status is
    /// `proposed`, `accepted` or `declined`.
    pub proposals: Vec<(String, String)>,
}

/// The participant of `phone`, created on first sight (numbered in order of arrival).
pub(super) fn join(
    conn: &Connection,
    phone: &Phone,
    now: &str,
) -> Result<ParticipantId, StoreError> {
    if let Some(id) = find(conn, phone)? {
        return Ok(id);
    }
    Ok(conn
        .prepare_cached(
            "INSERT INTO participants (workshop_id, token_hash, seq, joined_at)
             VALUES (?1, ?2,
                     (SELECT COALESCE(MAX(seq), 0) + 1 FROM participants WHERE workshop_id = ?1),
                     ?3)
             RETURNING id",
        )?
        .query_row(params![phone.workshop_id, phone.token_hash, now], |r| {
            r.get(0)
        })?)
}

pub(super) fn find(conn: &Connection, phone: &Phone) -> Result<Option<ParticipantId>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT id FROM participants WHERE workshop_id = ?1 AND token_hash = ?2")?
        .query_row(params![phone.workshop_id, phone.token_hash], |r| r.get(0))
        .optional()?)
}

/// Whether a form was already received: records `form_token` for the participant and
/// says `true` when it was there before (the same form sent twice).
pub(super) fn repeated_form(
    conn: &Connection,
    participant: ParticipantId,
    form_token: Option<&str>,
) -> Result<bool, StoreError> {
    let Some(token) = form_token else {
        return Ok(false);
    };
    let inserted = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO submissions (participant_id, form_token) VALUES (?1, ?2)",
        )?
        .execute(params![participant, token])?;
    Ok(inserted == 0)
}

pub(super) fn own_entries(
    conn: &Connection,
    participant: ParticipantId,
) -> Result<OwnEntries, StoreError> {
    Ok(OwnEntries {
        keywords: collect(
            conn,
            "SELECT text FROM keywords WHERE participant_id = ?1 ORDER BY id",
            [participant],
            |r| r.get(0),
        )?,
        findings: collect(
            conn,
            "SELECT c.label, f.text FROM findings f JOIN finding_categories c ON c.id = f.category_id
              WHERE f.participant_id = ?1 ORDER BY f.id",
            [participant],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?,
        ballot: collect(
            conn,
            "SELECT recommendation_id, dots FROM ballots WHERE participant_id = ?1",
            [participant],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?,
        proposals: collect(
            conn,
            "SELECT text, status FROM recommendations WHERE proposed_by = ?1 ORDER BY id",
            [participant],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?,
    })
}
