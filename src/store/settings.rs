//! The facilitator's changes of a workshop's settings during the session: the projector's
//! panel, activities, results, proposals, the capacity, the report's syntheses and
//! closing. Each is
//! committed through the writer, which bumps the settings version, then the live version.

use super::{Store, StoreError, now_utc};
use crate::domain::activity::{Activity, Panel, SynthesisSection};
use crate::domain::ids::WorkshopId;
use crate::domain::session::Session;

impl Store {
    /// A facilitator's change of workshop `id`'s settings: committed through the writer,
    /// which bumps the settings version, then the live version.
    async fn change_settings(
        &self,
        id: WorkshopId,
        sql: &'static str,
        values: impl rusqlite::Params + Send + 'static,
    ) -> Result<usize, StoreError> {
        self.writer
            .write_settings(id.get(), move |conn| {
                Ok(conn.prepare_cached(sql)?.execute(values)?)
            })
            .await
    }

    /// Sets the panel the projector follows.
    ///
    /// # Errors
    /// Store errors.
    pub async fn show_panel(&self, id: WorkshopId, panel: Panel) -> Result<(), StoreError> {
        self.change_settings(
            id,
            "UPDATE workshops SET screen_panel = ?2 WHERE id = ?1",
            (id, panel.name()),
        )
        .await
        .map(drop)
    }

    /// Opens or closes `activity`; reopening an activity reopens a closed workshop.
    ///
    /// # Errors
    /// Store errors.
    pub async fn set_activity_open(
        &self,
        id: WorkshopId,
        activity: Activity,
        open: bool,
    ) -> Result<(), StoreError> {
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
        self.change_settings(id, sql, (id, open)).await.map(drop)
    }

    /// Sets the workshop's capacity (`max_participants`, checked by
    /// [`crate::domain::rules::parse_capacity`]). Below the phones present is allowed: new
    /// phones are refused, those present go on.
    ///
    /// # Errors
    /// Store errors.
    pub async fn set_max_participants(
        &self,
        id: WorkshopId,
        capacity: i64,
    ) -> Result<(), StoreError> {
        self.change_settings(
            id,
            "UPDATE workshops SET max_participants = ?2 WHERE id = ?1",
            (id, capacity),
        )
        .await
        .map(drop)
    }

    /// Hides the tallies from the projector and the phones, or reveals them.
    ///
    /// # Errors
    /// Store errors.
    pub async fn set_results_hidden(&self, id: WorkshopId, hidden: bool) -> Result<(), StoreError> {
        self.change_settings(
            id,
            "UPDATE workshops SET results_hidden = ?2 WHERE id = ?1",
            (id, hidden),
        )
        .await
        .map(drop)
    }

    /// Opens or closes participants' proposals of recommendations.
    ///
    /// # Errors
    /// Store errors.
    pub async fn set_proposals_open(&self, id: WorkshopId, open: bool) -> Result<(), StoreError> {
        self.change_settings(
            id,
            "UPDATE workshops SET proposals_open = ?2 WHERE id = ?1",
            (id, open),
        )
        .await
        .map(drop)
    }

    /// Writes the synthesis paragraph of `section` (checked by
    /// [`crate::domain::entry::synthesis_text`]); an empty text removes it.
    ///
    /// # Errors
    /// Store errors.
    pub async fn write_synthesis(
        &self,
        id: WorkshopId,
        section: SynthesisSection,
        text: String,
    ) -> Result<(), StoreError> {
        let now = now_utc();
        if text.is_empty() {
            self.change_settings(
                id,
                "DELETE FROM report_syntheses WHERE workshop_id = ?1 AND section = ?2",
                (id, section.name()),
            )
            .await
            .map(drop)
        } else {
            self.change_settings(
                id,
                "INSERT INTO report_syntheses (workshop_id, section, text, updated_at)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (workshop_id, section)
                 DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                (id, section.name(), text, now),
            )
            .await
            .map(drop)
        }
    }

    /// Sets the session's date and hours shown in the report (`None` clears them: the
    /// report then shows the span of the answers).
    ///
    /// # Errors
    /// Store errors.
    pub async fn set_session(
        &self,
        id: WorkshopId,
        session: Option<Session>,
    ) -> Result<(), StoreError> {
        let (date, starts, ends) = match session {
            Some(s) => {
                let (date, starts, ends) = s.stored();
                (Some(date), starts, ends)
            }
            None => (None, None, None),
        };
        self.change_settings(
            id,
            "UPDATE workshops SET session_date = ?2, session_starts = ?3, session_ends = ?4
              WHERE id = ?1",
            (id, date, starts, ends),
        )
        .await
        .map(drop)
    }

    /// Closes the workshop: every activity and proposals closed, the time recorded.
    ///
    /// # Errors
    /// Store errors.
    pub async fn close_workshop(&self, id: WorkshopId) -> Result<(), StoreError> {
        self.change_settings(
            id,
            "UPDATE workshops SET keywords_open = 0, findings_open = 0, votes_open = 0,
                    proposals_open = 0, closed_at = COALESCE(closed_at, ?2)
              WHERE id = ?1",
            (id, now_utc()),
        )
        .await
        .map(drop)
    }
}
