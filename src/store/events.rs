//! Events (issue #14): creating one with its workshops from an event file in one
//! transaction, adding a workshop from the organiser's console, finding an event by its
//! code (the plenary) or its organiser key (the console), re-issuing a facilitator key,
//! and the plenary's step.

use rusqlite::{Connection, OptionalExtension, params};

use super::sql::collect;
use super::workshops::{Created, insert_workshop};
use super::{Store, StoreError, now_utc};
use crate::domain::event::{Event, EventCode, EventFile, new_event_code, new_organiser_key};
use crate::domain::ids::{EventId, WorkshopId};
use crate::domain::join_code::JoinCode;
use crate::domain::refusal::Refusal;
use crate::domain::secret;
use crate::domain::shard::{self, Shard};
use crate::domain::workshop_draft::NewWorkshop;

/// An event just created, with its organiser key (never stored in clear) and each of its
/// workshops as [`Store::create_workshop`] gives them, in file order.
#[derive(Debug, Clone)]
pub struct CreatedEvent {
    /// Database id.
    pub id: EventId,
    /// The event's code (upper case): the plenary's address.
    pub code: String,
    /// Organiser key: 32 hexadecimal characters, shown only here.
    pub organiser_key: String,
    /// The workshops, in file order, each with its facilitator key.
    pub workshops: Vec<Created>,
}

fn code_taken(conn: &Connection, code: &EventCode) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM events WHERE code = ?1")?
        .query_row([code.as_str()], |_| Ok(()))
        .optional()?
        .is_some())
}

fn create_event_job(
    file: EventFile,
    shard: Shard,
) -> impl FnOnce(&Connection) -> Result<CreatedEvent, StoreError> + Send + 'static {
    move |conn| {
        let code = match &file.event.code {
            // A chosen code must be of this shard, or `/e/{code}` would reach another
            // process (`atelier nginx`); an event code reads as a join code.
            Some(code) if !JoinCode::parse(code.as_str()).is_ok_and(|c| shard.owns_code(&c)) => {
                return Err(Refusal::JoinCodeOtherShard {
                    code: code.to_string(),
                    shard: shard.to_string(),
                    characters: shard.code_characters(),
                }
                .into());
            }
            Some(code) if code_taken(conn, code)? => {
                return Err(Refusal::EventCodeTaken(code.to_string()).into());
            }
            Some(code) => code.clone(),
            None => loop {
                let code = new_event_code(shard);
                if !code_taken(conn, &code)? {
                    break code;
                }
            },
        };
        let organiser_key = new_organiser_key(shard);
        let now = now_utc();
        conn.prepare_cached(
            "INSERT INTO events (title, code, organiser_key_hash, date, place, time_zone,
                                 created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            file.event.title,
            code.as_str(),
            secret::hash_token(&organiser_key),
            file.event.date.map(|d| d.format("%Y-%m-%d").to_string()),
            file.event.place,
            file.event.time_zone,
            now,
        ])?;
        let id = EventId(conn.last_insert_rowid());
        let mut workshops = Vec::with_capacity(file.workshops.len());
        for workshop in &file.workshops {
            workshops.push(add_workshop(conn, id, workshop, &now, shard)?);
        }
        Ok(CreatedEvent {
            id,
            code: code.to_string(),
            organiser_key,
            workshops,
        })
    }
}

/// Inserts `workshop` into event `id` with a new facilitator key, both of `shard`.
fn add_workshop(
    conn: &Connection,
    id: EventId,
    workshop: &NewWorkshop,
    now: &str,
    shard: Shard,
) -> Result<Created, StoreError> {
    let key = shard.generate_key();
    let (workshop_id, join_code) = insert_workshop(
        conn,
        workshop,
        &secret::hash_token(&key),
        now,
        Some(id),
        shard,
    )?;
    Ok(Created {
        id: workshop_id,
        join_code: join_code.to_string(),
        facilitator_key: key,
        room: workshop.room.clone(),
    })
}

fn read_event(conn: &Connection, column: &str, value: &str) -> Result<Option<Event>, StoreError> {
    let sql = format!(
        "SELECT id, code, title, date, place, time_zone, plenary_workshop_id
           FROM events WHERE {column} = ?1 AND code IS NOT NULL"
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([value], |r| {
            let time_zone: String = r.get(5)?;
            Ok(Event {
                id: r.get(0)?,
                code: r.get(1)?,
                title: r.get(2)?,
                date: r.get(3)?,
                place: r.get(4)?,
                // Checked when the event was created.
                time_zone: time_zone.parse().unwrap_or(chrono_tz::Europe::Paris),
                plenary: r.get::<_, Option<i64>>(6)?.map(WorkshopId),
            })
        })
        .optional()?)
}

fn in_event(conn: &Connection, event: EventId, workshop: WorkshopId) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM workshops WHERE id = ?1 AND event_id = ?2")?
        .query_row(params![workshop, event], |_| Ok(()))
        .optional()?
        .is_some())
}

impl Store {
    /// Creates the event of an event file and every one of its workshops in one
    /// transaction: when any workshop cannot be created, nothing is stored.
    ///
    /// # Errors
    /// [`Refusal::EventCodeTaken`], [`Refusal::JoinCodeTaken`] (join codes are unique
    /// across the database), [`Refusal::JoinCodeOtherShard`] for a chosen event or join
    /// code of another shard (`--shard`); store errors.
    pub async fn create_event(&self, file: EventFile) -> Result<CreatedEvent, StoreError> {
        self.writer
            .write(None, create_event_job(file, self.shard()))
            .await
    }

    /// [`Store::create_event`] outside an async runtime (the command line).
    ///
    /// # Errors
    /// As [`Store::create_event`].
    pub fn create_event_blocking(&self, file: EventFile) -> Result<CreatedEvent, StoreError> {
        self.writer
            .write_blocking(None, create_event_job(file, self.shard()))
    }

    /// Adds `workshop` to `event` (the organiser's console), with a new facilitator key.
    /// The workshop's event title is the event's, whatever the draft said.
    ///
    /// # Errors
    /// [`Refusal::TooManyWorkshops`] past [`crate::domain::event::MAX_WORKSHOPS`],
    /// [`Refusal::JoinCodeTaken`]; store errors.
    pub async fn add_workshop_to_event(
        &self,
        event: EventId,
        workshop: NewWorkshop,
    ) -> Result<Created, StoreError> {
        let shard = self.shard();
        let created = self
            .writer
            .write(None, move |conn| {
                let count: i64 = conn
                    .prepare_cached("SELECT COUNT(*) FROM workshops WHERE event_id = ?1")?
                    .query_row([event], |r| r.get(0))?;
                let max = crate::domain::event::MAX_WORKSHOPS;
                if usize::try_from(count).unwrap_or(usize::MAX) >= max {
                    return Err(Refusal::TooManyWorkshops {
                        max: i64::try_from(max).unwrap_or(i64::MAX),
                    }
                    .into());
                }
                add_workshop(conn, event, &workshop, &now_utc(), shard)
            })
            .await?;
        self.hub.bump_event(event.get());
        Ok(created)
    }

    /// The event whose organiser key is `key` (checked to be a token first, compared by
    /// its hash as stored).
    ///
    /// # Errors
    /// Store errors.
    pub async fn event_by_organiser_key(&self, key: &str) -> Result<Option<Event>, StoreError> {
        if !shard::is_key(key) {
            return Ok(None);
        }
        let hash = secret::hash_token(key);
        self.readers
            .read(move |conn| read_event(conn, "organiser_key_hash", &hash))
            .await
    }

    /// The event whose code is `code` (the plenary's address).
    ///
    /// # Errors
    /// Store errors.
    pub async fn event_by_code(&self, code: &EventCode) -> Result<Option<Event>, StoreError> {
        let code = code.to_string();
        self.readers
            .read(move |conn| read_event(conn, "code", &code))
            .await
    }

    /// The ids of `event`'s workshops in order of creation (file order, then those added
    /// from the console), at most `limit` from the `offset`-th, and how many there are.
    ///
    /// # Errors
    /// Store errors.
    pub async fn event_workshop_ids(
        &self,
        event: EventId,
        offset: usize,
        limit: usize,
    ) -> Result<(Vec<WorkshopId>, usize), StoreError> {
        let (offset, limit) = (
            i64::try_from(offset).unwrap_or(i64::MAX),
            i64::try_from(limit).unwrap_or(i64::MAX),
        );
        self.readers
            .read(move |conn| {
                let ids = collect(
                    conn,
                    "SELECT id FROM workshops WHERE event_id = ?1 ORDER BY id LIMIT ?2 OFFSET ?3",
                    params![event, limit, offset],
                    |r| r.get(0),
                )?;
                let total: i64 = conn
                    .prepare_cached("SELECT COUNT(*) FROM workshops WHERE event_id = ?1")?
                    .query_row([event], |r| r.get(0))?;
                Ok((ids, usize::try_from(total).unwrap_or(0)))
            })
            .await
    }

    /// When each workshop of `event` last received an answer (a keyword, a finding, a "+1"
    /// or a ballot), UTC as stored; workshops without any are left out. Reads each
    /// workshop's entries through their participant index (in proportion to the event's
    /// entries, a few thousand rows for a national meeting).
    ///
    /// # Errors
    /// Store errors.
    pub async fn event_last_answers(
        &self,
        event: EventId,
    ) -> Result<Vec<(WorkshopId, String)>, StoreError> {
        self.readers
            .read(move |conn| {
                collect(
                    conn,
                    "SELECT w, MAX(at) FROM (
                       SELECT p.workshop_id AS w, k.submitted_at AS at
                         FROM participants p JOIN keywords k ON k.participant_id = p.id
                        WHERE p.workshop_id IN (SELECT id FROM workshops WHERE event_id = ?1)
                       UNION ALL
                       SELECT p.workshop_id, f.submitted_at
                         FROM participants p JOIN findings f ON f.participant_id = p.id
                        WHERE p.workshop_id IN (SELECT id FROM workshops WHERE event_id = ?1)
                       UNION ALL
                       SELECT p.workshop_id, s.supported_at
                         FROM participants p JOIN finding_supports s ON s.participant_id = p.id
                        WHERE p.workshop_id IN (SELECT id FROM workshops WHERE event_id = ?1)
                       UNION ALL
                       SELECT p.workshop_id, b.submitted_at
                         FROM participants p JOIN ballots b ON b.participant_id = p.id
                        WHERE p.workshop_id IN (SELECT id FROM workshops WHERE event_id = ?1))
                     GROUP BY w",
                    [event],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
            })
            .await
    }

    /// Gives `workshop` of `event` a new facilitator key and returns it: the old link
    /// stops working at once (only the new key's hash is stored), and the workshop's
    /// settings version moves so that consoles streaming with the old key close.
    ///
    /// # Errors
    /// [`Refusal::UnknownEntry`] when the workshop is not the event's; store errors.
    pub async fn reissue_facilitator_key(
        &self,
        event: EventId,
        workshop: WorkshopId,
    ) -> Result<String, StoreError> {
        let shard = self.shard();
        self.writer
            .write_settings(workshop.get(), move |conn| {
                if !in_event(conn, event, workshop)? {
                    return Err(Refusal::UnknownEntry.into());
                }
                let key = shard.generate_key();
                conn.prepare_cached(
                    "UPDATE workshops SET facilitator_key_hash = ?1 WHERE id = ?2",
                )?
                .execute(params![secret::hash_token(&key), workshop])?;
                Ok(key)
            })
            .await
    }

    /// Sets what the plenary screen of `event` shows: `None` the whole event, else one of
    /// its workshops; the plenary's viewers are woken.
    ///
    /// # Errors
    /// [`Refusal::UnknownEntry`] when the workshop is not the event's; store errors.
    pub async fn show_in_plenary(
        &self,
        event: EventId,
        workshop: Option<WorkshopId>,
    ) -> Result<(), StoreError> {
        self.writer
            .write(None, move |conn| {
                if let Some(w) = workshop
                    && !in_event(conn, event, w)?
                {
                    return Err(Refusal::UnknownEntry.into());
                }
                conn.prepare_cached("UPDATE events SET plenary_workshop_id = ?1 WHERE id = ?2")?
                    .execute(params![workshop, event])?;
                Ok(())
            })
            .await?;
        self.hub.bump_event(event.get());
        Ok(())
    }
}
