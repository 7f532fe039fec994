//! Findings: a phone's findings (quota of [`crate::domain::rules::check_finding_quota`]),
//! "+1, moi aussi" supports ([`crate::domain::rules::check_support`]) and the facilitator's
//! hiding of an entry (keyword or finding); the room's findings as a phone sees them are
//! in [`super::phone_page`].

use rusqlite::{Connection, OptionalExtension, params};

use super::participants::{Phone, join, repeated_form};
use super::sql::collect;
use super::{Store, StoreError, Stored, now_utc};
use crate::domain::activity::EntryKind;
use crate::domain::entry::FindingText;
use crate::domain::identity;
use crate::domain::ids::{FindingId, ParticipantId, WorkshopId};
use crate::domain::refusal::Refusal;
use crate::domain::rules;
use crate::domain::summary::Finding;

/// The workshop's findings, hidden ones included, by category order then arrival; their
/// supports leave out hidden participants' "+1".
pub(super) fn findings(
    conn: &Connection,
    workshop: WorkshopId,
) -> Result<Vec<Finding>, StoreError> {
    collect(
        conn,
        "SELECT f.id, c.slug, c.label, f.text, f.submitted_at, p.seq, f.hidden,
                (SELECT COUNT(*) FROM finding_supports s JOIN participants sp ON sp.id = s.participant_id
                  WHERE s.finding_id = f.id AND sp.hidden = 0),
                p.hidden
           FROM findings f
           JOIN finding_categories c ON c.id = f.category_id
           JOIN participants p ON p.id = f.participant_id
          WHERE p.workshop_id = ?1
          ORDER BY c.position, f.id",
        [workshop],
        |r| {
            Ok(Finding {
                id: r.get(0)?,
                category_slug: r.get(1)?,
                category_label: r.get(2)?,
                text: r.get(3)?,
                submitted_at: r.get(4)?,
                participant_seq: r.get(5)?,
                hidden: r.get(6)?,
                supports: r.get(7)?,
                participant_hidden: r.get(8)?,
            })
        },
    )
}

impl Store {
    /// Stores a phone's finding in the category `category_id` (one of the workshop's),
    /// at most [`rules::MAX_FINDINGS_PER_PARTICIPANT`] per participant. A form token
    /// already received answers [`Stored::Repeated`].
    ///
    /// # Errors
    /// [`Refusal::TooManyFindings`] inside [`StoreError::Refused`]; store errors.
    pub async fn submit_finding(
        &self,
        phone: Phone,
        form_token: Option<String>,
        category_id: i64,
        text: FindingText,
    ) -> Result<Stored, StoreError> {
        self.writer
            .write(Some(phone.workshop_id.get()), move |conn| {
                let now = now_utc();
                let participant = join(conn, &phone, &now)?;
                let content = identity::content_hash(&[&category_id.to_string(), text.as_str()]);
                if repeated_form(conn, participant, form_token.as_deref(), &content)? {
                    return Ok(Stored::Repeated);
                }
                let already: i64 = conn
                    .prepare_cached("SELECT COUNT(*) FROM findings WHERE participant_id = ?1")?
                    .query_row([participant], |r| r.get(0))?;
                rules::check_finding_quota(already)?;
                conn.prepare_cached(
                    "INSERT INTO findings (participant_id, category_id, text, submitted_at)
                     VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![participant, category_id, text.as_str(), now])?;
                Ok(Stored::New(1))
            })
            .await
    }

    /// "+1, moi aussi" from a phone on finding `finding` of another participant of the
    /// same workshop (neither it nor its participant hidden); a second "+1" from the same
    /// phone counts once ([`Stored::Repeated`]); at most
    /// [`rules::MAX_SUPPORTS_PER_PARTICIPANT`] per participant.
    ///
    /// # Errors
    /// [`Refusal::UnknownFinding`], [`Refusal::OwnFinding`],
    /// [`Refusal::TooManySupports`] inside [`StoreError::Refused`]; store errors.
    pub async fn support_finding(
        &self,
        phone: Phone,
        finding: FindingId,
    ) -> Result<Stored, StoreError> {
        self.writer
            .write(Some(phone.workshop_id.get()), move |conn| {
                let now = now_utc();
                let participant = join(conn, &phone, &now)?;
                let author: Option<ParticipantId> = conn
                    .prepare_cached(
                        "SELECT f.participant_id FROM findings f
                           JOIN participants author ON author.id = f.participant_id
                          WHERE f.id = ?1 AND f.hidden = 0 AND author.hidden = 0
                            AND author.workshop_id = ?2",
                    )?
                    .query_row(params![finding, phone.workshop_id], |r| r.get(0))
                    .optional()?;
                rules::check_support(author, participant)?;
                let (already, this_one): (i64, bool) = conn
                    .prepare_cached(
                        "SELECT COUNT(*), COALESCE(SUM(finding_id = ?2), 0) > 0
                           FROM finding_supports WHERE participant_id = ?1",
                    )?
                    .query_row(params![participant, finding], |r| Ok((r.get(0)?, r.get(1)?)))?;
                if this_one {
                    return Ok(Stored::Repeated);
                }
                rules::check_support_quota(already)?;
                let inserted = conn
                    .prepare_cached(
                        "INSERT OR IGNORE INTO finding_supports (finding_id, participant_id, supported_at)
                         VALUES (?1, ?2, ?3)",
                    )?
                    .execute(params![finding, participant, now])?;
                Ok(if inserted == 0 {
                    Stored::Repeated
                } else {
                    Stored::New(1)
                })
            })
            .await
    }

    /// Hides (or shows again) entry `id` of the workshop: it leaves the projector and the
    /// tallies, and stays in exports marked hidden.
    ///
    /// # Errors
    /// [`Refusal::UnknownEntry`] inside [`StoreError::Refused`] when the workshop has no
    /// such entry; store errors.
    pub async fn set_entry_hidden(
        &self,
        workshop: WorkshopId,
        kind: EntryKind,
        id: i64,
        hidden: bool,
    ) -> Result<(), StoreError> {
        let sql = match kind {
            EntryKind::Keyword => {
                "UPDATE keywords SET hidden = ?3 WHERE id = ?2
                    AND participant_id IN (SELECT id FROM participants WHERE workshop_id = ?1)"
            }
            EntryKind::Finding => {
                "UPDATE findings SET hidden = ?3 WHERE id = ?2
                    AND participant_id IN (SELECT id FROM participants WHERE workshop_id = ?1)"
            }
        };
        self.writer
            .write_settings(workshop.get(), move |conn| {
                let changed = conn
                    .prepare_cached(sql)?
                    .execute(params![workshop, id, hidden])?;
                if changed == 0 {
                    return Err(Refusal::UnknownEntry.into());
                }
                Ok(())
            })
            .await
    }
}
