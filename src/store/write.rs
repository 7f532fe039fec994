//! Write operations, each run by the writer inside its job's SAVEPOINT (see
//! [`super::Writer::write`]). A [`StoreError::Refused`] rolls the job back: nothing of a
//! refused submission stays.

use rusqlite::{Connection, OptionalExtension, params};

use super::{Refusal, StoreError};
use crate::domain::ballot::Ballot;
use crate::domain::folding::{Language, folding_key};
use crate::domain::join_code::JoinCode;
use crate::domain::keyword::Correction;
use crate::domain::workshop::NewWorkshop;

/// Most findings one participant may send to one workshop (a guard against a stuck
/// button or a prank; a real participant sends a handful).
pub const MAX_FINDINGS_PER_PARTICIPANT: i64 = 20;

/// Most recommendations one participant may propose.
pub const MAX_PROPOSALS_PER_PARTICIPANT: i64 = 3;

/// A workshop just created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatedWorkshop {
    /// Database id.
    pub id: i64,
    /// Its join code (the file's, or a generated one).
    pub join_code: JoinCode,
}

/// Creates a workshop with its event, speakers, categories and recommendations, every
/// activity open. `facilitator_key_hash` is the SHA-256 of the facilitator key.
///
/// # Errors
/// [`Refusal::JoinCodeTaken`] when the file's join code is in use; SQLite errors.
pub fn create_workshop(
    conn: &Connection,
    workshop: &NewWorkshop,
    facilitator_key_hash: &str,
    now: &str,
) -> Result<CreatedWorkshop, StoreError> {
    let taken = |code: &JoinCode| -> Result<bool, StoreError> {
        Ok(conn
            .query_row(
                "SELECT 1 FROM workshops WHERE join_code = ?1",
                [code.as_str()],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    };
    let join_code = match &workshop.join_code {
        Some(code) if taken(code)? => {
            return Err(StoreError::Refused(Refusal::JoinCodeTaken(
                code.to_string(),
            )));
        }
        Some(code) => code.clone(),
        None => loop {
            let code = JoinCode::generate();
            if !taken(&code)? {
                break code;
            }
        },
    };
    let event_id: Option<i64> = match &workshop.event_title {
        Some(title) => {
            conn.prepare_cached("INSERT INTO events (title) VALUES (?1)")?
                .execute([title])?;
            Some(conn.last_insert_rowid())
        }
        None => None,
    };
    conn.prepare_cached(
        "INSERT INTO workshops (event_id, join_code, facilitator_key_hash, title, description,
             question, facilitator, rapporteur, language, time_zone, keywords_per_participant,
             dots_per_participant, max_dots_per_recommendation, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        event_id,
        join_code.as_str(),
        facilitator_key_hash,
        workshop.title,
        workshop.description,
        workshop.question,
        workshop.facilitator,
        workshop.rapporteur,
        workshop.language,
        workshop.time_zone,
        workshop.keywords_per_participant,
        workshop.dots_per_participant,
        workshop.max_dots_per_recommendation,
        now,
    ])?;
    let id = conn.last_insert_rowid();
    for (position, (name, topic)) in (1i64..).zip(&workshop.speakers) {
        conn.prepare_cached(
            "INSERT INTO speakers (workshop_id, position, name, topic) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![id, position, name, topic])?;
    }
    for (position, (slug, label)) in (1i64..).zip(&workshop.categories) {
        conn.prepare_cached(
            "INSERT INTO finding_categories (workshop_id, position, slug, label)
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![id, position, slug, label])?;
    }
    for (position, text) in (1i64..).zip(&workshop.recommendations) {
        conn.prepare_cached(
            "INSERT INTO recommendations (workshop_id, position, text) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, position, text])?;
    }
    Ok(CreatedWorkshop { id, join_code })
}

/// A participant of a workshop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Joined {
    /// Database id.
    pub id: i64,
    /// Order of arrival in the workshop, from 1 (pseudonym `P{seq}`).
    pub seq: i64,
}

/// The participant whose cookie hashes to `token_hash`, created on first sight.
///
/// # Errors
/// SQLite errors (an unknown `workshop_id` breaks a foreign key).
pub fn join(
    conn: &Connection,
    workshop_id: i64,
    token_hash: &str,
    now: &str,
) -> Result<Joined, StoreError> {
    let existing = conn
        .prepare_cached(
            "SELECT id, seq FROM participants WHERE workshop_id = ?1 AND token_hash = ?2",
        )?
        .query_row(params![workshop_id, token_hash], |r| {
            Ok(Joined {
                id: r.get(0)?,
                seq: r.get(1)?,
            })
        })
        .optional()?;
    if let Some(joined) = existing {
        return Ok(joined);
    }
    Ok(conn
        .prepare_cached(
            "INSERT INTO participants (workshop_id, token_hash, seq, joined_at)
             VALUES (?1, ?2,
                     (SELECT COALESCE(MAX(seq), 0) + 1 FROM participants WHERE workshop_id = ?1),
                     ?3)
             RETURNING id, seq",
        )?
        .query_row(params![workshop_id, token_hash, now], |r| {
            Ok(Joined {
                id: r.get(0)?,
                seq: r.get(1)?,
            })
        })?)
}

/// Whether a form was already received: records `form_token` for the participant and
/// says `true` when it was there before (the same form sent twice).
fn repeated_form(
    conn: &Connection,
    participant_id: i64,
    form_token: Option<&str>,
) -> Result<bool, StoreError> {
    let Some(token) = form_token else {
        return Ok(false);
    };
    let inserted = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO submissions (participant_id, form_token) VALUES (?1, ?2)",
        )?
        .execute(params![participant_id, token])?;
    Ok(inserted == 0)
}

/// What a stored submission gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// This many entries were stored.
    New(usize),
    /// The same form had already arrived: nothing more is stored.
    Repeated,
}

/// Stores a participant's keywords (already cleaned), at most `limit` in total. A keyword
/// that folds ([`folding_key`] in `language`) like one the participant sent before is
/// refused, naming the earlier spelling.
///
/// # Errors
/// [`Refusal::TooManyKeywords`], [`Refusal::KeywordAlreadySent`]; SQLite errors.
pub fn add_keywords(
    conn: &Connection,
    participant_id: i64,
    form_token: Option<&str>,
    keywords: &[String],
    limit: i64,
    language: Language,
    now: &str,
) -> Result<Stored, StoreError> {
    if repeated_form(conn, participant_id, form_token)? {
        return Ok(Stored::Repeated);
    }
    let mut statement =
        conn.prepare_cached("SELECT text FROM keywords WHERE participant_id = ?1")?;
    let mut seen: Vec<(String, String)> = statement
        .query_map([participant_id], |r| r.get::<_, String>(0))?
        .map(|t| t.map(|t| (folding_key(&t, language), t)))
        .collect::<Result<_, _>>()?;
    let already = i64::try_from(seen.len()).unwrap_or(i64::MAX);
    let sending = i64::try_from(keywords.len()).unwrap_or(i64::MAX);
    if already + sending > limit {
        return Err(StoreError::Refused(Refusal::TooManyKeywords {
            limit,
            already,
        }));
    }
    let stored = seen.len();
    for keyword in keywords {
        let key = folding_key(keyword, language);
        if let Some(index) = seen.iter().position(|(k, _)| *k == key) {
            let earlier = seen[index].1.clone();
            return Err(StoreError::Refused(if index < stored {
                Refusal::KeywordAlreadySent(earlier)
            } else {
                Refusal::KeywordTwiceInForm(earlier)
            }));
        }
        seen.push((key, keyword.clone()));
        conn.prepare_cached(
            "INSERT INTO keywords (participant_id, text, submitted_at) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![participant_id, keyword, now])?;
    }
    Ok(Stored::New(keywords.len()))
}

/// Stores a participant's finding (already cleaned) in the category `category_id`.
///
/// # Errors
/// [`Refusal::TooManyFindings`]; SQLite errors.
pub fn add_finding(
    conn: &Connection,
    participant_id: i64,
    form_token: Option<&str>,
    category_id: i64,
    text: &str,
    now: &str,
) -> Result<Stored, StoreError> {
    if repeated_form(conn, participant_id, form_token)? {
        return Ok(Stored::Repeated);
    }
    let already: i64 = conn
        .prepare_cached("SELECT COUNT(*) FROM findings WHERE participant_id = ?1")?
        .query_row([participant_id], |r| r.get(0))?;
    if already >= MAX_FINDINGS_PER_PARTICIPANT {
        return Err(StoreError::Refused(Refusal::TooManyFindings {
            limit: MAX_FINDINGS_PER_PARTICIPANT,
        }));
    }
    conn.prepare_cached(
        "INSERT INTO findings (participant_id, category_id, text, submitted_at)
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![participant_id, category_id, text, now])?;
    Ok(Stored::New(1))
}

/// Replaces the participant's ballot with `ballot` (checked by
/// [`crate::domain::ballot::parse`]; the schema's trigger checks the budget again).
///
/// # Errors
/// SQLite errors.
pub fn replace_ballot(
    conn: &Connection,
    participant_id: i64,
    ballot: &Ballot,
    now: &str,
) -> Result<Stored, StoreError> {
    conn.prepare_cached("DELETE FROM ballots WHERE participant_id = ?1")?
        .execute([participant_id])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO ballots (participant_id, recommendation_id, dots, submitted_at)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (recommendation_id, dots) in &ballot.dots {
        insert.execute(params![participant_id, recommendation_id, dots, now])?;
    }
    Ok(Stored::New(ballot.dots.len()))
}

/// Replaces the facilitator key of workshop `workshop_id` (its hash is given): the old
/// facilitator link stops working.
///
/// # Errors
/// SQLite errors.
pub fn replace_facilitator_key(
    conn: &Connection,
    workshop_id: i64,
    facilitator_key_hash: &str,
) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE workshops SET facilitator_key_hash = ?1 WHERE id = ?2")?
        .execute(params![facilitator_key_hash, workshop_id])?;
    Ok(())
}

/// Records a keyword correction for workshop `workshop_id`; `label` is the label of the
/// group or spelling it is about when it is made (for a rename, the label before), for the
/// dashboard's list. Returns its id.
///
/// # Errors
/// [`Refusal::CorrectionConflict`] for a merge of a group already merged, or one that
/// would close a loop of merges; SQLite errors.
pub fn add_correction(
    conn: &Connection,
    workshop_id: i64,
    correction: &Correction,
    label: &str,
    now: &str,
) -> Result<i64, StoreError> {
    if let Correction::Merge { from, into } = correction {
        let merges: Vec<(String, String)> = conn
            .prepare_cached(
                "SELECT key, target FROM keyword_corrections
                  WHERE workshop_id = ?1 AND kind = 'merge' AND undone_at IS NULL",
            )?
            .query_map([workshop_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let merged = merges
            .iter()
            .map(|(f, i)| Correction::Merge {
                from: f.clone(),
                into: i.clone(),
            })
            .collect::<Vec<_>>();
        let current = crate::domain::keyword::Corrections::from_list(&merged);
        if current.merges.contains_key(from)
            || current.resolve(into) == *from
            || current.merges.contains_key(into)
        {
            return Err(StoreError::Refused(Refusal::CorrectionConflict));
        }
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
    .execute(params![workshop_id, kind, key, target, shown, now])?;
    Ok(conn.last_insert_rowid())
}

/// Undoes correction `id` of workshop `workshop_id`; says whether one was undone.
///
/// # Errors
/// SQLite errors.
pub fn undo_correction(
    conn: &Connection,
    workshop_id: i64,
    id: i64,
    now: &str,
) -> Result<bool, StoreError> {
    let changed = conn
        .prepare_cached(
            "UPDATE keyword_corrections SET undone_at = ?3
          WHERE id = ?2 AND workshop_id = ?1 AND undone_at IS NULL",
        )?
        .execute(params![workshop_id, id, now])?;
    Ok(changed > 0)
}

/// Undoes every correction of `kind` about `key` (to show a hidden group again, or to
/// drop a group's label).
///
/// # Errors
/// SQLite errors.
pub fn undo_corrections_of(
    conn: &Connection,
    workshop_id: i64,
    kind: &str,
    key: &str,
    now: &str,
) -> Result<usize, StoreError> {
    Ok(conn
        .prepare_cached(
            "UPDATE keyword_corrections SET undone_at = ?4
          WHERE workshop_id = ?1 AND kind = ?2 AND key = ?3 AND undone_at IS NULL",
        )?
        .execute(params![workshop_id, kind, key, now])?)
}

/// Records that participant `participant_id` supports finding `finding_id` ("+1, moi
/// aussi"); a second support by the same participant counts once ([`Stored::Repeated`]).
///
/// # Errors
/// [`Refusal::UnknownFinding`] for a finding not visible in the participant's workshop,
/// [`Refusal::OwnFinding`] for their own; SQLite errors.
pub fn support_finding(
    conn: &Connection,
    participant_id: i64,
    finding_id: i64,
    now: &str,
) -> Result<Stored, StoreError> {
    let author: Option<i64> = conn
        .query_row(
            "SELECT f.participant_id FROM findings f
               JOIN participants author ON author.id = f.participant_id
               JOIN participants me ON me.id = ?2
              WHERE f.id = ?1 AND f.hidden = 0 AND author.workshop_id = me.workshop_id",
            params![finding_id, participant_id],
            |r| r.get(0),
        )
        .optional()?;
    match author {
        None => Err(StoreError::Refused(Refusal::UnknownFinding)),
        Some(author) if author == participant_id => Err(StoreError::Refused(Refusal::OwnFinding)),
        Some(_) => {
            let inserted = conn.prepare_cached("INSERT OR IGNORE INTO finding_supports (finding_id, participant_id, supported_at)
                 VALUES (?1, ?2, ?3)")?.execute(params![finding_id, participant_id, now],
            )?;
            Ok(if inserted == 0 {
                Stored::Repeated
            } else {
                Stored::New(1)
            })
        }
    }
}

/// Stores a recommendation proposed by a participant (already cleaned), waiting for the
/// facilitator; at most [`MAX_PROPOSALS_PER_PARTICIPANT`].
///
/// # Errors
/// [`Refusal::TooManyProposals`]; SQLite errors.
pub fn propose_recommendation(
    conn: &Connection,
    workshop_id: i64,
    participant_id: i64,
    form_token: Option<&str>,
    text: &str,
    now: &str,
) -> Result<Stored, StoreError> {
    if repeated_form(conn, participant_id, form_token)? {
        return Ok(Stored::Repeated);
    }
    let already: i64 = conn
        .prepare_cached("SELECT COUNT(*) FROM recommendations WHERE proposed_by = ?1")?
        .query_row([participant_id], |r| r.get(0))?;
    if already >= MAX_PROPOSALS_PER_PARTICIPANT {
        return Err(StoreError::Refused(Refusal::TooManyProposals {
            limit: MAX_PROPOSALS_PER_PARTICIPANT,
        }));
    }
    conn.prepare_cached("INSERT INTO recommendations (workshop_id, position, text, status, proposed_by, proposed_at)
         VALUES (?1, (SELECT COALESCE(MAX(position), 0) + 1 FROM recommendations WHERE workshop_id = ?1),
                 ?2, 'proposed', ?3, ?4)")?.execute(params![workshop_id, text, participant_id, now],
    )?;
    Ok(Stored::New(1))
}

/// Accepts (it joins the ballot, last) or declines proposal `recommendation_id` of
/// workshop `workshop_id`; says whether it was a proposal of that workshop still waiting
/// (a decision is final: an accepted recommendation may already hold dots).
///
/// # Errors
/// SQLite errors.
pub fn decide_proposal(
    conn: &Connection,
    workshop_id: i64,
    recommendation_id: i64,
    accept: bool,
) -> Result<bool, StoreError> {
    let changed = conn.prepare_cached("UPDATE recommendations
            SET status = ?3,
                position = CASE WHEN ?3 = 'accepted'
                    THEN (SELECT COALESCE(MAX(position), 0) + 1 FROM recommendations WHERE workshop_id = ?1)
                    ELSE position END
          WHERE id = ?2 AND workshop_id = ?1 AND status = 'proposed'")?.execute(params![workshop_id, recommendation_id, if accept { "accepted" } else { "declined" }],
    )?;
    Ok(changed > 0)
}

/// Opens or closes participants' proposals of recommendations.
///
/// # Errors
/// SQLite errors.
pub fn set_proposals_open(
    conn: &Connection,
    workshop_id: i64,
    open: bool,
) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE workshops SET proposals_open = ?2 WHERE id = ?1")?
        .execute(params![workshop_id, open])?;
    Ok(())
}

/// A participant activity the facilitator opens and closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activity {
    Keywords,
    Findings,
    Votes,
}

impl Activity {
    /// The activity named `keywords`, `findings` or `votes`.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "keywords" => Some(Self::Keywords),
            "findings" => Some(Self::Findings),
            "votes" => Some(Self::Votes),
            _ => None,
        }
    }
}

/// Opens or closes an activity of workshop `workshop_id`.
///
/// # Errors
/// SQLite errors.
pub fn set_activity_open(
    conn: &Connection,
    workshop_id: i64,
    activity: Activity,
    open: bool,
) -> Result<(), StoreError> {
    // Reopening an activity reopens a closed workshop.
    let sql = match activity {
        Activity::Keywords => {
            "UPDATE workshops SET keywords_open = ?2,
                    closed_at = CASE WHEN ?2 THEN NULL ELSE closed_at END WHERE id = ?1"
        }
        Activity::Findings => {
            "UPDATE workshops SET findings_open = ?2,
                    closed_at = CASE WHEN ?2 THEN NULL ELSE closed_at END WHERE id = ?1"
        }
        Activity::Votes => {
            "UPDATE workshops SET votes_open = ?2,
                    closed_at = CASE WHEN ?2 THEN NULL ELSE closed_at END WHERE id = ?1"
        }
    };
    conn.prepare_cached(sql)?
        .execute(params![workshop_id, open])?;
    Ok(())
}

/// Sets the panel the projector follows (`keywords`, `findings`, `votes` or `join`; the
/// schema refuses anything else).
///
/// # Errors
/// SQLite errors.
pub fn set_screen_panel(
    conn: &Connection,
    workshop_id: i64,
    panel: &str,
) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE workshops SET screen_panel = ?2 WHERE id = ?1")?
        .execute(params![workshop_id, panel])?;
    Ok(())
}

/// Hides the tallies from the projector and the phones, or reveals them.
///
/// # Errors
/// SQLite errors.
pub fn set_results_hidden(
    conn: &Connection,
    workshop_id: i64,
    hidden: bool,
) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE workshops SET results_hidden = ?2 WHERE id = ?1")?
        .execute(params![workshop_id, hidden])?;
    Ok(())
}

/// A participant entry the facilitator can hide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    Keyword,
    Finding,
}

/// Hides (or shows again) entry `id` of workshop `workshop_id`: it leaves the projector and
/// the tallies, and stays in exports marked hidden. Says whether the entry exists.
///
/// # Errors
/// SQLite errors.
pub fn set_entry_hidden(
    conn: &Connection,
    workshop_id: i64,
    kind: EntryKind,
    id: i64,
    hidden: bool,
) -> Result<bool, StoreError> {
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
    Ok(conn
        .prepare_cached(sql)?
        .execute(params![workshop_id, id, hidden])?
        > 0)
}

/// Marks workshop `workshop_id` as the demo workshop of `serve --demo`.
///
/// # Errors
/// SQLite errors.
pub fn mark_demo(conn: &Connection, workshop_id: i64) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE workshops SET demo = 1 WHERE id = ?1")?
        .execute([workshop_id])?;
    Ok(())
}

/// Report sections that take a synthesis paragraph.
pub const SYNTHESIS_SECTIONS: [&str; 4] = ["general", "keywords", "findings", "recommendations"];

/// Stores the synthesis paragraph of `section` (one of [`SYNTHESIS_SECTIONS`]); an empty
/// text removes it.
///
/// # Errors
/// SQLite errors (an unknown section breaks the schema's check).
pub fn set_synthesis(
    conn: &Connection,
    workshop_id: i64,
    section: &str,
    text: &str,
    now: &str,
) -> Result<(), StoreError> {
    if text.is_empty() {
        conn.prepare_cached(
            "DELETE FROM report_syntheses WHERE workshop_id = ?1 AND section = ?2",
        )?
        .execute(params![workshop_id, section])?;
    } else {
        conn.prepare_cached("INSERT INTO report_syntheses (workshop_id, section, text, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (workshop_id, section) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at")?.execute(params![workshop_id, section, text, now],
        )?;
    }
    Ok(())
}

/// Closes the workshop: every activity and proposals closed, the time recorded.
///
/// # Errors
/// SQLite errors.
pub fn close_workshop(conn: &Connection, workshop_id: i64, now: &str) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE workshops SET keywords_open = 0, findings_open = 0, votes_open = 0,
                proposals_open = 0, closed_at = COALESCE(closed_at, ?2)
          WHERE id = ?1",
    )?
    .execute(params![workshop_id, now])?;
    Ok(())
}
