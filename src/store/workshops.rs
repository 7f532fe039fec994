//! Workshops: creating them (import file, `/new` form, `--demo`), reading their settings
//! back, finding them by join code or facilitator key.

use rusqlite::{Connection, OptionalExtension, params};

use super::sql::collect;
use super::{Store, StoreError, now_utc};
use crate::domain::activity::Panel;
use crate::domain::ids::{EventId, WorkshopId};
use crate::domain::join_code::JoinCode;
use crate::domain::language::Language;
use crate::domain::refusal::Refusal;
use crate::domain::secret;
use crate::domain::session::Session;
use crate::domain::shard::{self, Shard};
use crate::domain::workshop::{Category, Recommendation, Speaker, Workshop};
use crate::domain::workshop_draft::NewWorkshop;

/// A workshop just created, with its facilitator key (never stored in clear).
#[derive(Debug, Clone)]
pub struct Created {
    /// Database id.
    pub id: WorkshopId,
    /// Join code.
    pub join_code: String,
    /// Facilitator key: 32 hexadecimal characters, 33 in a shard (its digit first,
    /// `domain::shard`).
    pub facilitator_key: String,
    /// The room's name as the file gave it, `None` without one (`atelier import`'s JSON).
    pub room: Option<String>,
}

fn join_code_taken(conn: &Connection, code: &JoinCode) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM workshops WHERE join_code = ?1")?
        .query_row([code.as_str()], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Inserts a workshop with its event, speakers, categories and recommendations, every
/// activity open. `facilitator_key_hash` is the SHA-256 of the facilitator key. The
/// workshop joins `event` when given (an event file, the organiser's console); else a
/// workshop file's `[event]` title makes an event of its own, as before issue #14. A
/// chosen join code must belong to `shard` and be free; a generated one is of `shard`.
pub(super) fn insert_workshop(
    conn: &Connection,
    workshop: &NewWorkshop,
    facilitator_key_hash: &str,
    now: &str,
    event: Option<EventId>,
    shard: Shard,
) -> Result<(WorkshopId, JoinCode), StoreError> {
    let join_code = match &workshop.join_code {
        Some(code) if !shard.owns_code(code) => {
            return Err(Refusal::JoinCodeOtherShard {
                code: code.to_string(),
                shard: shard.to_string(),
                characters: shard.code_characters(),
            }
            .into());
        }
        Some(code) if join_code_taken(conn, code)? => {
            return Err(Refusal::JoinCodeTaken(code.to_string()).into());
        }
        Some(code) => code.clone(),
        None => loop {
            let code = shard.generate_code();
            if !join_code_taken(conn, &code)? {
                break code;
            }
        },
    };
    let session = match &workshop.session {
        Some(s) => {
            let (date, starts, ends) = s.stored();
            (Some(date), starts, ends)
        }
        None => (None, None, None),
    };
    let event_id: Option<i64> = match (event, &workshop.event_title) {
        (Some(event), _) => Some(event.get()),
        (None, Some(title)) => {
            conn.prepare_cached("INSERT INTO events (title) VALUES (?1)")?
                .execute([title])?;
            Some(conn.last_insert_rowid())
        }
        (None, None) => None,
    };
    conn.prepare_cached(
        "INSERT INTO workshops (event_id, join_code, facilitator_key_hash, title, description,
             question, facilitator, rapporteur, language, time_zone, keywords_per_participant,
             dots_per_participant, max_dots_per_recommendation, created_at,
             max_participants, votes_need_code, session_date, session_starts, session_ends,
             room)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20)",
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
        workshop.max_participants,
        workshop.votes_need_code,
        session.0,
        session.1,
        session.2,
        workshop.room,
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
    Ok((WorkshopId(id), join_code))
}

fn create_job(
    workshop: NewWorkshop,
    shard: Shard,
) -> impl FnOnce(&Connection) -> Result<Created, StoreError> + Send + 'static {
    move |conn| {
        let key = shard.generate_key();
        let (id, join_code) = insert_workshop(
            conn,
            &workshop,
            &secret::hash_token(&key),
            &now_utc(),
            None,
            shard,
        )?;
        Ok(Created {
            id,
            join_code: join_code.to_string(),
            facilitator_key: key,
            room: workshop.room.clone(),
        })
    }
}

/// Reads workshop `id` with its speakers, categories and accepted recommendations.
pub(super) fn read_workshop(
    conn: &Connection,
    id: WorkshopId,
) -> Result<Option<Workshop>, StoreError> {
    let found = conn
        .prepare_cached(
            "SELECT w.id, e.title, w.join_code, w.title, w.description, w.question,
                    w.facilitator, w.rapporteur, w.language, w.time_zone,
                    w.keywords_per_participant, w.dots_per_participant,
                    w.max_dots_per_recommendation, w.keywords_open, w.findings_open,
                    w.votes_open, w.created_at, w.proposals_open, w.screen_panel,
                    w.results_hidden, w.closed_at, w.max_participants, w.votes_need_code,
                    w.session_date, w.session_starts, w.session_ends, w.room
               FROM workshops w LEFT JOIN events e ON e.id = w.event_id
              WHERE w.id = ?1",
        )?
        .query_row([id], |r| {
            let language: String = r.get(8)?;
            let time_zone: String = r.get(9)?;
            let panel: String = r.get(18)?;
            let (date, starts, ends): (Option<String>, Option<String>, Option<String>) =
                (r.get(23)?, r.get(24)?, r.get(25)?);
            Ok(Workshop {
                id: r.get(0)?,
                event_title: r.get(1)?,
                join_code: r.get(2)?,
                title: r.get(3)?,
                description: r.get(4)?,
                question: r.get(5)?,
                facilitator: r.get(6)?,
                rapporteur: r.get(7)?,
                room: r.get(26)?,
                // Stored values were checked when the workshop was created; the schema's
                // CHECKs keep them so.
                language: Language::from_code(&language).unwrap_or_default(),
                time_zone: time_zone.parse().unwrap_or(chrono_tz::Europe::Paris),
                keywords_per_participant: r.get(10)?,
                dots_per_participant: r.get(11)?,
                max_dots_per_recommendation: r.get(12)?,
                max_participants: r.get(21)?,
                votes_need_code: r.get(22)?,
                keywords_open: r.get(13)?,
                findings_open: r.get(14)?,
                votes_open: r.get(15)?,
                proposals_open: r.get(17)?,
                screen_panel: Panel::parse(&panel).unwrap_or_default(),
                results_hidden: r.get(19)?,
                closed_at: r.get(20)?,
                created_at: r.get(16)?,
                session: Session::from_stored(date.as_deref(), starts.as_deref(), ends.as_deref()),
                speakers: Vec::new(),
                categories: Vec::new(),
                recommendations: Vec::new(),
            })
        })
        .optional()?;
    let Some(mut workshop) = found else {
        return Ok(None);
    };
    workshop.speakers = collect(
        conn,
        "SELECT name, topic FROM speakers WHERE workshop_id = ?1 ORDER BY position",
        [id],
        |r| {
            Ok(Speaker {
                name: r.get(0)?,
                topic: r.get(1)?,
            })
        },
    )?;
    workshop.categories = collect(
        conn,
        "SELECT id, slug, label FROM finding_categories WHERE workshop_id = ?1 ORDER BY position",
        [id],
        |r| {
            Ok(Category {
                id: r.get(0)?,
                slug: r.get(1)?,
                label: r.get(2)?,
            })
        },
    )?;
    workshop.recommendations = collect(
        conn,
        "SELECT id, position, text FROM recommendations
          WHERE workshop_id = ?1 AND status = 'accepted' ORDER BY position",
        [id],
        |r| {
            Ok(Recommendation {
                id: r.get(0)?,
                position: r.get(1)?,
                text: r.get(2)?,
            })
        },
    )?;
    Ok(Some(workshop))
}

fn id_by_code(conn: &Connection, code: &str) -> Result<Option<WorkshopId>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT id FROM workshops WHERE join_code = ?1")?
        .query_row([code], |r| r.get(0))
        .optional()?)
}

impl Store {
    /// Creates `workshop` (every activity open) with a new facilitator key.
    ///
    /// # Errors
    /// [`Refusal::JoinCodeTaken`] when the file's join code is in use; store errors.
    pub async fn create_workshop(&self, workshop: NewWorkshop) -> Result<Created, StoreError> {
        self.writer
            .write(None, create_job(workshop, self.shard()))
            .await
    }

    /// [`Store::create_workshop`] outside an async runtime (the command line).
    ///
    /// # Errors
    /// As [`Store::create_workshop`].
    pub fn create_workshop_blocking(&self, workshop: NewWorkshop) -> Result<Created, StoreError> {
        self.writer
            .write_blocking(None, create_job(workshop, self.shard()))
    }

    /// Makes sure the demo workshop of `serve --demo` exists, under a new facilitator key
    /// whose hash is `key_hash` (an earlier key cannot be read back: only its hash is
    /// stored). A workshop of the user's that took the demo's join code is left alone:
    /// the demo then gets another code, as it does when its code belongs to another shard.
    /// Returns the demo's join code.
    ///
    /// # Errors
    /// Store errors.
    pub fn ensure_demo_blocking(
        &self,
        mut demo: NewWorkshop,
        key_hash: String,
    ) -> Result<String, StoreError> {
        let shard = self.shard();
        self.writer.write_blocking(None, move |conn| {
            let existing: Option<(i64, String)> = conn
                .prepare_cached(
                    "SELECT id, join_code FROM workshops WHERE demo = 1 ORDER BY id LIMIT 1",
                )?
                .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            if let Some((id, code)) = existing {
                conn.prepare_cached(
                    "UPDATE workshops SET facilitator_key_hash = ?1 WHERE id = ?2",
                )?
                .execute(params![key_hash, id])?;
                return Ok(code);
            }
            if let Some(code) = &demo.join_code
                && (!shard.owns_code(code) || id_by_code(conn, code.as_str())?.is_some())
            {
                demo.join_code = None;
            }
            let (id, code) = insert_workshop(conn, &demo, &key_hash, &now_utc(), None, shard)?;
            conn.prepare_cached("UPDATE workshops SET demo = 1 WHERE id = ?1")?
                .execute([id])?;
            Ok(code.to_string())
        })
    }

    /// The workshop `id` with its settings, speakers, categories and ballot.
    ///
    /// # Errors
    /// Store errors.
    pub async fn workshop(&self, id: WorkshopId) -> Result<Option<Workshop>, StoreError> {
        self.readers.read(move |conn| read_workshop(conn, id)).await
    }

    /// The id of the workshop whose join code is `code`.
    ///
    /// # Errors
    /// Store errors.
    pub async fn workshop_id_by_code(
        &self,
        code: &JoinCode,
    ) -> Result<Option<WorkshopId>, StoreError> {
        let code = code.to_string();
        self.readers.read(move |conn| id_by_code(conn, &code)).await
    }

    /// The workshop whose facilitator key is `key` (checked to have a key's shape first,
    /// with or without a shard's digit, `domain::shard::is_key`; the key is compared by
    /// its hash, as stored).
    ///
    /// # Errors
    /// Store errors.
    pub async fn workshop_by_facilitator_key(
        &self,
        key: &str,
    ) -> Result<Option<Workshop>, StoreError> {
        if !shard::is_key(key) {
            return Ok(None);
        }
        let hash = secret::hash_token(key);
        self.readers
            .read(move |conn| {
                let id: Option<WorkshopId> = conn
                    .prepare_cached("SELECT id FROM workshops WHERE facilitator_key_hash = ?1")?
                    .query_row([hash], |r| r.get(0))
                    .optional()?;
                match id {
                    Some(id) => read_workshop(conn, id),
                    None => Ok(None),
                }
            })
            .await
    }
}
