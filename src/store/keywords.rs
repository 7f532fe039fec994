//! Keywords: a phone's keywords (the quota and folded-duplicate rules of
//! [`crate::domain::rules::check_keywords`], fed with the participant's earlier keywords
//! inside the write), the raw entries, and the facilitator's corrections of the groups
//! (merge, split, rename, hide, undo; merge conflicts checked by
//! [`Corrections::check_merge`] in the same transaction).

use rusqlite::{Connection, params};

use super::participants::{Phone, join, repeated_form};
use super::sql::collect;
use super::{Store, StoreError, Stored, now_utc};
use crate::domain::entry::Keywords;
use crate::domain::identity;
use crate::domain::ids::{CorrectionId, KeywordId, ParticipantId, WorkshopId};
use crate::domain::keyword::{Correction, Corrections};
use crate::domain::rules;
use crate::domain::workshop::Workshop;

/// A raw keyword entry, for the rapporteur's audit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeywordRow {
    pub id: KeywordId,
    /// Database id of the participant.
    pub participant_id: ParticipantId,
    pub text: String,
    /// UTC, RFC 3339.
    pub submitted_at: String,
    /// The participant's order of arrival (pseudonym `P{seq}`).
    pub participant_seq: i64,
    pub hidden: bool,
    /// Its participant is hidden by the facilitator: the entry leaves the tallies, and
    /// exports mark it hidden.
    pub participant_hidden: bool,
}

impl KeywordRow {
    /// Whether it counts in the tallies: neither it nor its participant is hidden.
    pub fn counts(&self) -> bool {
        !self.hidden && !self.participant_hidden
    }
}

/// A correction in force, as the dashboard lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectionRow {
    /// Database id, to undo it.
    pub id: CorrectionId,
    pub correction: Correction,
    /// The label of the group or spelling it was about, when it was made (for a rename,
    /// the label before it).
    pub label: String,
}

pub(super) fn keyword_rows(
    conn: &Connection,
    workshop: WorkshopId,
) -> Result<Vec<KeywordRow>, StoreError> {
    collect(
        conn,
        "SELECT k.id, k.participant_id, k.text, k.submitted_at, p.seq, k.hidden, p.hidden
           FROM keywords k
           JOIN participants p ON p.id = k.participant_id
          WHERE p.workshop_id = ?1 ORDER BY k.id",
        [workshop],
        |r| {
            Ok(KeywordRow {
                id: r.get(0)?,
                participant_id: r.get(1)?,
                text: r.get(2)?,
                submitted_at: r.get(3)?,
                participant_seq: r.get(4)?,
                hidden: r.get(5)?,
                participant_hidden: r.get(6)?,
            })
        },
    )
}

pub(super) fn corrections(
    conn: &Connection,
    workshop: WorkshopId,
) -> Result<Vec<CorrectionRow>, StoreError> {
    let rows: Vec<(CorrectionId, String, String, Option<String>, String)> = collect(
        conn,
        "SELECT id, kind, key, target, label FROM keyword_corrections
          WHERE workshop_id = ?1 AND undone_at IS NULL ORDER BY id",
        [workshop],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, kind, key, target, label)| {
            let correction = match kind.as_str() {
                "merge" => Correction::Merge {
                    from: key,
                    into: target?,
                },
                "split" => Correction::Split { spelling: key },
                "label" => {
                    // A rename keeps the new label in `label` and the one before in `target`.
                    return Some(CorrectionRow {
                        id,
                        correction: Correction::Label { group: key, label },
                        label: target.unwrap_or_default(),
                    });
                }
                "hide" => Correction::Hide { group: key },
                _ => return None,
            };
            Some(CorrectionRow {
                id,
                correction,
                label,
            })
        })
        .collect())
}

/// Records one correction; `label` is the label of the group or spelling it is about
/// (for a rename, the label before).
fn insert_correction(
    conn: &Connection,
    workshop: WorkshopId,
    correction: &Correction,
    label: &str,
    now: &str,
) -> Result<(), StoreError> {
    if let Correction::Merge { from, into } = correction {
        let merges: Vec<Correction> = collect(
            conn,
            "SELECT key, target FROM keyword_corrections
              WHERE workshop_id = ?1 AND kind = 'merge' AND undone_at IS NULL",
            [workshop],
            |r| {
                Ok(Correction::Merge {
                    from: r.get(0)?,
                    into: r.get(1)?,
                })
            },
        )?;
        Corrections::from_list(&merges).check_merge(from, into)?;
    }
    let (kind, key, target, shown) = match correction {
        Correction::Merge { from, into } => ("merge", from, Some(into.as_str()), label),
        Correction::Split { spelling } => ("split", spelling, None, label),
        Correction::Label { group, label: new } => ("label", group, Some(label), new.as_str()),
        Correction::Hide { group } => ("hide", group, None, label),
    };
    conn.prepare_cached(
        "INSERT INTO keyword_corrections (workshop_id, kind, key, target, label, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![workshop, kind, key, target, shown, now])?;
    Ok(())
}

impl Store {
    /// Stores a phone's keywords (the phone becomes a participant if it was not one),
    /// at most the workshop's `keywords_per_participant` in all, none folding like one it
    /// sent before. A form token already received answers [`Stored::Repeated`].
    ///
    /// # Errors
    /// [`crate::domain::refusal::Refusal::TooManyKeywords`], `KeywordAlreadySent`,
    /// `KeywordTwiceInForm` inside [`StoreError::Refused`]; store errors.
    pub async fn submit_keywords(
        &self,
        workshop: &Workshop,
        phone: Phone,
        form_token: Option<String>,
        keywords: Keywords,
    ) -> Result<Stored, StoreError> {
        let (limit, language) = (workshop.keywords_per_participant, workshop.language);
        self.writer
            .write(Some(phone.workshop_id.get()), move |conn| {
                let now = now_utc();
                let participant = join(conn, &phone, &now)?;
                let texts: Vec<&str> = keywords.iter().map(|k| k.as_str()).collect();
                let content = identity::content_hash(&texts);
                if repeated_form(conn, participant, form_token.as_deref(), &content)? {
                    return Ok(Stored::Repeated);
                }
                let earlier: Vec<String> = collect(
                    conn,
                    "SELECT text FROM keywords WHERE participant_id = ?1",
                    [participant],
                    |r| r.get(0),
                )?;
                rules::check_keywords(&earlier, &keywords, limit, language)?;
                let mut insert = conn.prepare_cached(
                    "INSERT INTO keywords (participant_id, text, submitted_at) VALUES (?1, ?2, ?3)",
                )?;
                for keyword in keywords.iter() {
                    insert.execute(params![participant, keyword.as_str(), now])?;
                }
                Ok(Stored::New(keywords.len()))
            })
            .await
    }

    /// Records the facilitator's corrections, in order, each with the label of what it is
    /// about (for the dashboard's list). A merge that no longer fits the groups refuses the
    /// whole list.
    ///
    /// # Errors
    /// [`crate::domain::refusal::Refusal::CorrectionConflict`] inside
    /// [`StoreError::Refused`]; store errors.
    pub async fn correct_keywords(
        &self,
        workshop: WorkshopId,
        corrections: Vec<(Correction, String)>,
    ) -> Result<(), StoreError> {
        self.writer
            .write_settings(workshop.get(), move |conn| {
                let now = now_utc();
                for (correction, label) in &corrections {
                    insert_correction(conn, workshop, correction, label, &now)?;
                }
                Ok(())
            })
            .await
    }

    /// Shows a hidden keyword group again (undoes every "hide" of `group`).
    ///
    /// # Errors
    /// Store errors.
    pub async fn show_keyword_group(
        &self,
        workshop: WorkshopId,
        group: String,
    ) -> Result<(), StoreError> {
        self.writer
            .write_settings(workshop.get(), move |conn| {
                conn.prepare_cached(
                    "UPDATE keyword_corrections SET undone_at = ?4
                      WHERE workshop_id = ?1 AND kind = ?2 AND key = ?3 AND undone_at IS NULL",
                )?
                .execute(params![workshop, "hide", group, now_utc()])?;
                Ok(())
            })
            .await
    }

    /// Undoes correction `id`; says whether one in force was undone.
    ///
    /// # Errors
    /// Store errors.
    pub async fn undo_correction(
        &self,
        workshop: WorkshopId,
        id: CorrectionId,
    ) -> Result<bool, StoreError> {
        self.writer
            .write_settings(workshop.get(), move |conn| {
                let changed = conn
                    .prepare_cached(
                        "UPDATE keyword_corrections SET undone_at = ?3
                          WHERE id = ?2 AND workshop_id = ?1 AND undone_at IS NULL",
                    )?
                    .execute(params![workshop, id, now_utc()])?;
                Ok(changed > 0)
            })
            .await
    }
}
