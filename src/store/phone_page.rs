//! What a phone's page shows besides the workshop: its own entries and the room's findings
//! as it sees them, read in one go.

use super::findings::{RoomFinding, room_findings};
use super::participants::{OwnEntries, Phone, find, own_entries};
use super::{Store, StoreError};
use crate::domain::ids::WorkshopId;

impl Store {
    /// What a phone's page shows besides the workshop: its own entries (none for a phone
    /// not yet a participant, or `phone` `None` for one without a cookie) and the room's
    /// findings as it sees them.
    ///
    /// # Errors
    /// Store errors.
    pub async fn phone_page(
        &self,
        workshop_id: WorkshopId,
        phone: Option<Phone>,
    ) -> Result<(OwnEntries, Vec<RoomFinding>), StoreError> {
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
                let room = room_findings(conn, workshop_id, participant)?;
                Ok((own, room))
            })
            .await
    }
}
