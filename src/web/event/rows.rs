//! One line of the organiser's console per workshop, from the workshop's tallies as the
//! cache holds them (reloaded only when its live version moved), and the page of them.

use crate::domain::event::{Event, MAX_WORKSHOPS};
use crate::domain::ids::WorkshopId;
use crate::domain::language::Language;
use crate::web::AppState;
use crate::web::errors::AppError;

/// Workshops on one page of the console: every workshop of an event (at most
/// [`MAX_WORKSHOPS`]).
pub const PER_PAGE: usize = MAX_WORKSHOPS;

/// A workshop as the console lists it.
pub struct WorkshopRow {
    /// Database id (the re-issue and plenary forms name it).
    pub id: WorkshopId,
    /// 1, 2… in the event's order.
    pub number: usize,
    pub title: String,
    /// Where it takes place ("Salle Vercors, 2e étage"), when the file named a room.
    pub room: Option<String>,
    /// The workshop's language: its poster is printed in it and its texts carry it.
    pub language: Language,
    pub join_code: String,
    /// Activities open now: "mots clefs, constats, vote" (localised), or empty.
    pub open: Vec<String>,
    /// The facilitator closed the workshop.
    pub closed: bool,
    /// Phones that joined (every place taken).
    pub phones: i64,
    /// Keywords, findings and ballots that count.
    pub entries: i64,
    /// Projector streams open now on this server.
    pub screens: usize,
    /// Local `HH:MM` of the last entry, or empty when nothing arrived.
    pub last_activity: String,
}

/// The event's workshops from the `offset`-th, at most [`PER_PAGE`], and how many there
/// are in all.
///
/// # Errors
/// Store errors.
pub async fn rows(
    state: &AppState,
    event: &Event,
    offset: usize,
    tr: crate::i18n::Tr,
) -> Result<(Vec<WorkshopRow>, usize), AppError> {
    let (ids, total) = state
        .store
        .event_workshop_ids(event.id, offset, PER_PAGE)
        .await?;
    let last_answers = state.store.event_last_answers(event.id).await?;
    let mut rows = Vec::with_capacity(ids.len());
    for (i, id) in ids.into_iter().enumerate() {
        let Some(t) = state.tallies.get(id).await? else {
            continue;
        };
        let w = &t.workshop;
        let p = &t.summary.participation;
        let open = [
            (w.keywords_open, "keywords-title"),
            (w.findings_open, "findings-title"),
            (w.votes_open, "vote-title"),
        ]
        .into_iter()
        .filter(|(open, _)| *open && w.closed_at.is_none())
        .map(|(_, id)| tr.t(id))
        .collect();
        let last_activity = last_answers
            .iter()
            .find(|(w, _)| *w == id)
            .map(|(_, last)| {
                crate::report::local_time(last, event.time_zone)
                    .get(11..16)
                    .unwrap_or_default()
                    .to_string()
            })
            .unwrap_or_default();
        rows.push(WorkshopRow {
            id,
            number: offset + i + 1,
            title: w.title.clone(),
            room: w.room.clone(),
            language: w.language,
            join_code: w.join_code.clone(),
            open,
            closed: w.closed_at.is_some(),
            phones: p.phones,
            entries: p.keywords + p.findings + p.voters,
            screens: state.broadcasts.live_streams_of(id),
            last_activity,
        });
    }
    Ok((rows, total))
}
