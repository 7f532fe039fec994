//! Participants: a phone in a workshop, known by the hash of its cookie; what it sent, for
//! its own page; and the one-time form tokens that make a form sent twice count once.

use rusqlite::{Connection, OptionalExtension, params};

use super::sql::collect;
use super::{Store, StoreError};
use crate::domain::identity::PhoneKey;
use crate::domain::ids::{ParticipantId, RecommendationId, WorkshopId};
use crate::domain::refusal::Refusal;
use crate::domain::rules;

/// A phone in a workshop: the workshop and the SHA-256 of the phone's token
/// ([`crate::domain::secret::hash_token`]). It becomes a participant (`P1`, `P2`…) with
/// its first submission, if it may join.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    /// The workshop the phone is in.
    pub workshop_id: WorkshopId,
    /// The hash of its token, as stored.
    pub token_hash: String,
    /// Whether its cookie was signed by this server
    /// ([`crate::domain::identity::PhoneKey::phone_token`]): only such a phone becomes a
    /// new participant. A phone with an older, unsigned cookie is known only if it is a
    /// participant already (a database of the first version).
    pub may_join: bool,
}

/// The server's key for phone cookies and form tokens, created at the first open of the
/// database and kept there (cookies stay valid across restarts).
///
/// # Errors
/// SQLite errors.
pub(super) fn phone_key(conn: &Connection) -> Result<PhoneKey, StoreError> {
    let stored: Option<Vec<u8>> = conn
        .query_row(
            "SELECT value FROM server_secrets WHERE name = 'phone_key'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(key) = stored.as_deref().and_then(PhoneKey::from_bytes) {
        return Ok(key);
    }
    let key = PhoneKey::generate();
    conn.execute(
        "INSERT OR REPLACE INTO server_secrets (name, value) VALUES ('phone_key', ?1)",
        [key.as_bytes()],
    )?;
    Ok(key)
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
    /// Whether the participant redeemed a vote code.
    pub vote_code: bool,
}

/// The participant of `phone`, created on first sight (numbered in order of arrival)
/// while the workshop holds fewer than its capacity.
///
/// # Errors
/// [`Refusal::UnknownPhone`] for a phone whose cookie the server did not sign,
/// [`Refusal::WorkshopFull`] past the capacity; SQLite errors.
pub(super) fn join(
    conn: &Connection,
    phone: &Phone,
    now: &str,
) -> Result<ParticipantId, StoreError> {
    if let Some(id) = find(conn, phone)? {
        return Ok(id);
    }
    if !phone.may_join {
        return Err(Refusal::UnknownPhone.into());
    }
    let (capacity, present): (i64, i64) = conn
        .prepare_cached(
            "SELECT w.max_participants,
                    (SELECT COUNT(*) FROM participants p WHERE p.workshop_id = w.id)
               FROM workshops w WHERE w.id = ?1",
        )?
        .query_row([phone.workshop_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rules::check_capacity(present, capacity)?;
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

/// Whether a form was already received with the same content: records `form_token`
/// with the hash of what the form carried ([`crate::domain::identity::content_hash`])
/// and says `true` when that pair was there before (the same form sent twice). The same
/// token with new content (a phone sending again from a page it went back to) is a new
/// submission.
pub(super) fn repeated_form(
    conn: &Connection,
    participant: ParticipantId,
    form_token: Option<&str>,
    content_hash: &str,
) -> Result<bool, StoreError> {
    let Some(token) = form_token else {
        return Ok(false);
    };
    let inserted = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO submissions (participant_id, form_token, content_hash)
             VALUES (?1, ?2, ?3)",
        )?
        .execute(params![participant, token, content_hash])?;
    Ok(inserted == 0)
}

/// Whether `participant` redeemed a vote code.
pub(super) fn has_code(conn: &Connection, participant: ParticipantId) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM vote_codes WHERE redeemed_by = ?1)")?
        .query_row([participant], |r| r.get(0))?)
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
        vote_code: has_code(conn, participant)?,
    })
}

/// One participant as the facilitator's list shows it: its pseudonym, when it came, what
/// it sent and whether it is hidden.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipantSummary {
    /// The pseudonym's number (`P{seq}`).
    pub seq: i64,
    /// When the phone became a participant (its first submission), UTC.
    pub joined_at: String,
    /// When it last sent anything (`joined_at` if nothing since), UTC.
    pub last_active_at: String,
    /// Keyword entries sent.
    pub keywords: i64,
    /// Findings sent.
    pub findings: i64,
    /// "+1" given.
    pub supports: i64,
    /// Dots on its current ballot.
    pub dots: i64,
    /// Recommendations proposed.
    pub proposals: i64,
    /// Hidden by the facilitator: every entry of it is out of the tallies.
    pub hidden: bool,
}

impl ParticipantSummary {
    /// Everything it sent, counted as rows (a ballot counts its dots).
    pub fn entries(&self) -> i64 {
        self.keywords + self.findings + self.supports + self.dots + self.proposals
    }
}

/// The order of a list of participants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParticipantOrder {
    /// Most recently active first (a burst of sending shows at the top).
    RecentlyActive,
    /// Most entries first.
    MostEntries,
    /// In order of arrival, `P1` first.
    Arrival,
}

/// Per participant counts and last activity, as correlated subqueries on the per
/// participant indexes; `{order}` is filled by [`participant_summaries`].
const SUMMARY_SQL: &str = "WITH s AS (
    SELECT p.seq, p.joined_at, p.hidden,
       (SELECT COUNT(*) FROM keywords k WHERE k.participant_id = p.id) AS keywords,
       (SELECT COUNT(*) FROM findings f WHERE f.participant_id = p.id) AS findings,
       (SELECT COUNT(*) FROM finding_supports s WHERE s.participant_id = p.id) AS supports,
       (SELECT COALESCE(SUM(b.dots), 0) FROM ballots b WHERE b.participant_id = p.id) AS dots,
       (SELECT COUNT(*) FROM recommendations r WHERE r.proposed_by = p.id) AS proposals,
       MAX(p.joined_at,
           COALESCE((SELECT MAX(k.submitted_at) FROM keywords k WHERE k.participant_id = p.id), ''),
           COALESCE((SELECT MAX(f.submitted_at) FROM findings f WHERE f.participant_id = p.id), ''),
           COALESCE((SELECT MAX(s.supported_at) FROM finding_supports s WHERE s.participant_id = p.id), ''),
           COALESCE((SELECT MAX(b.submitted_at) FROM ballots b WHERE b.participant_id = p.id), ''),
           COALESCE((SELECT MAX(r.proposed_at) FROM recommendations r WHERE r.proposed_by = p.id), '')
       ) AS last_active_at
      FROM participants p WHERE p.workshop_id = ?1)
  SELECT seq, joined_at, last_active_at, keywords, findings, supports, dots, proposals, hidden
    FROM s ORDER BY {order} LIMIT ?2 OFFSET ?3";

/// At most `limit` participants of `workshop` in `order`, after skipping `offset`.
fn participant_summaries(
    conn: &Connection,
    workshop: WorkshopId,
    order: ParticipantOrder,
    limit: i64,
    offset: i64,
) -> Result<Vec<ParticipantSummary>, StoreError> {
    let order = match order {
        ParticipantOrder::RecentlyActive => "last_active_at DESC, seq DESC",
        ParticipantOrder::MostEntries => {
            "keywords + findings + supports + dots + proposals DESC, seq"
        }
        ParticipantOrder::Arrival => "seq",
    };
    collect(
        conn,
        &SUMMARY_SQL.replace("{order}", order),
        params![workshop, limit, offset],
        |r| {
            Ok(ParticipantSummary {
                seq: r.get(0)?,
                joined_at: r.get(1)?,
                last_active_at: r.get(2)?,
                keywords: r.get(3)?,
                findings: r.get(4)?,
                supports: r.get(5)?,
                dots: r.get(6)?,
                proposals: r.get(7)?,
                hidden: r.get(8)?,
            })
        },
    )
}

impl Store {
    /// Lists of `workshop`'s participants, each at most `limit` long (the pages that
    /// show them stay bounded): one per order in `orders`, each skipping `offset`; and
    /// the number of participants in all.
    ///
    /// # Errors
    /// Store errors.
    pub async fn participants(
        &self,
        workshop: WorkshopId,
        orders: Vec<ParticipantOrder>,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<Vec<ParticipantSummary>>, i64), StoreError> {
        self.readers
            .read(move |conn| {
                let total: i64 = conn
                    .prepare_cached("SELECT COUNT(*) FROM participants WHERE workshop_id = ?1")?
                    .query_row([workshop], |r| r.get(0))?;
                let lists = orders
                    .into_iter()
                    .map(|order| participant_summaries(conn, workshop, order, limit, offset))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok((lists, total))
            })
            .await
    }

    /// Hides participant `P{seq}` of `workshop` (or shows it again): every entry of it
    /// leaves the tallies, the projector and the report at once (exports keep them,
    /// marked hidden). The live version moves, so projectors and caches refresh.
    ///
    /// # Errors
    /// [`Refusal::UnknownParticipant`] inside [`StoreError::Refused`] when the workshop
    /// has no such participant; store errors.
    pub async fn set_participant_hidden(
        &self,
        workshop: WorkshopId,
        seq: i64,
        hidden: bool,
    ) -> Result<(), StoreError> {
        self.writer
            .write_settings(workshop.get(), move |conn| {
                let changed = conn
                    .prepare_cached(
                        "UPDATE participants SET hidden = ?3 WHERE workshop_id = ?1 AND seq = ?2",
                    )?
                    .execute(params![workshop, seq, hidden])?;
                if changed == 0 {
                    return Err(Refusal::UnknownParticipant.into());
                }
                Ok(())
            })
            .await
    }
}
