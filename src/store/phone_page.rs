//! What a phone's page shows besides the workshop: its own entries and the room's findings
//! as it sees them (other phones' findings, most supported first, folded: a few on top and
//! one page of the rest), read in one go.

use rusqlite::{Connection, params};

use super::participants::{OwnEntries, Phone, find, own_entries};
use super::sql::collect;
use super::{Store, StoreError};
use crate::domain::ids::{FindingId, ParticipantId, WorkshopId};

/// Another participant's finding as a phone sees it, to support it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomFinding {
    pub id: FindingId,
    pub category_label: String,
    pub text: String,
    /// Its "+1, moi aussi", hidden participants' left out.
    pub supports: i64,
    /// Already supported by this phone.
    pub supported: bool,
}

/// Which of the room's findings a phone's page lists (issue #12: the ballot must stay
/// within about two screens of a phone, whatever the size of the room): the `top` most
/// supported, always shown, and one page of the others, `page_size` long, from `offset`
/// (counted after the top ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoomSlice {
    pub top: i64,
    pub offset: i64,
    pub page_size: i64,
}

/// The room's findings as one phone sees them: never its own (they are listed under
/// "Vos envois"), nor hidden ones or hidden participants'.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoomFindings {
    /// The [`RoomSlice::top`] most supported (ties: newest first).
    pub top: Vec<RoomFinding>,
    /// The page of the others asked for, in the same order.
    pub page: Vec<RoomFinding>,
    /// How many findings of other phones the room holds in all (top ones included).
    pub total: i64,
}

impl Store {
    /// What a phone's page shows besides the workshop: its own entries (none for a phone
    /// not yet a participant, or `phone` `None` for one without a cookie) and the `slice`
    /// of the room's findings it lists. Costs in proportion to the workshop's findings and
    /// "+1"s (one count each, to sort; about 4 ms of CPU per sorted read at 3,000 findings
    /// and 6,000 "+1"s), never more: one sorted read for the first page, two for others.
    ///
    /// # Errors
    /// Store errors.
    pub async fn phone_page(
        &self,
        workshop_id: WorkshopId,
        phone: Option<Phone>,
        slice: RoomSlice,
    ) -> Result<(OwnEntries, RoomFindings), StoreError> {
        self.readers
            .read(move |conn| {
                let participant = match &phone {
                    Some(phone) => find(conn, phone)?,
                    None => None,
                };
                let own = match participant {
                    Some(p) => own_entries(conn, p)?,
                    None => OwnEntries::default(),
                };
                let room = room_findings(conn, workshop_id, participant, slice)?;
                Ok((own, room))
            })
            .await
    }
}

/// The workshop's visible findings of other phones than `participant`'s, most supported
/// first, as [`RoomSlice`] folds them.
fn room_findings(
    conn: &Connection,
    workshop: WorkshopId,
    participant: Option<ParticipantId>,
    slice: RoomSlice,
) -> Result<RoomFindings, StoreError> {
    let me = participant.map_or(-1, ParticipantId::get);
    let query = |offset: i64, limit: i64| {
        collect(
            conn,
            "SELECT f.id, c.label, f.text,
                    (SELECT COUNT(*) FROM finding_supports s JOIN participants sp ON sp.id = s.participant_id
                      WHERE s.finding_id = f.id AND sp.hidden = 0) AS supports,
                    EXISTS (SELECT 1 FROM finding_supports s WHERE s.finding_id = f.id AND s.participant_id = ?2)
               FROM findings f
               JOIN finding_categories c ON c.id = f.category_id
               JOIN participants author ON author.id = f.participant_id
              WHERE c.workshop_id = ?1 AND f.hidden = 0 AND author.hidden = 0 AND f.participant_id != ?2
              ORDER BY supports DESC, f.id DESC LIMIT ?3 OFFSET ?4",
            params![workshop, me, limit, offset],
            |r| {
                Ok(RoomFinding {
                    id: r.get(0)?,
                    category_label: r.get(1)?,
                    text: r.get(2)?,
                    supports: r.get(3)?,
                    supported: r.get(4)?,
                })
            },
        )
    };
    let (top_n, offset, size) = (
        slice.top.max(0),
        slice.offset.max(0),
        slice.page_size.max(0),
    );
    // The first page follows the top ones: one sorted read serves both.
    let (top, page) = if offset == 0 {
        let mut rows = query(0, top_n + size)?;
        let page = rows.split_off(rows.len().min(usize::try_from(top_n).unwrap_or(0)));
        (rows, page)
    } else {
        (query(0, top_n)?, query(top_n + offset, size)?)
    };
    let total = conn.query_row(
        "SELECT COUNT(*) FROM findings f
           JOIN finding_categories c ON c.id = f.category_id
           JOIN participants author ON author.id = f.participant_id
          WHERE c.workshop_id = ?1 AND f.hidden = 0 AND author.hidden = 0 AND f.participant_id != ?2",
        params![workshop, me],
        |r| r.get(0),
    )?;
    Ok(RoomFindings { top, page, total })
}
