//! An event (issue #14): a meeting that runs several workshops at once, then a plenary.
//! Its code names the plenary's public address (`/e/{code}/plenary`); its organiser key
//! opens the organiser's console (`/o/{key}`) and is stored hashed, like the facilitator
//! key (ARCHITECTURE.md, "Rules that hold everywhere").

use std::fmt;

use chrono::NaiveDate;

use super::ids::{EventId, WorkshopId};
use super::join_code::{JoinCode, JoinCodeError};
use super::shard::Shard;
use super::workshop_draft::NewWorkshop;

/// Most workshops one event holds: a national meeting runs 5 to 20 at once (DESIGN.md,
/// "Scale"); the console shows up to this many on one page.
pub const MAX_WORKSHOPS: usize = 100;

/// An event's code: 4 to 12 ASCII letters or digits, upper case, with the same rules and
/// the same generator as a workshop's join code ([`JoinCode`]): `/e/leader2019` and
/// `/e/LEADER2019` reach the same event.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EventCode(String);

impl EventCode {
    /// Reads a code as a person types it (case, spaces and dashes ignored).
    ///
    /// # Errors
    /// As [`JoinCode::parse`].
    pub fn parse(input: &str) -> Result<Self, JoinCodeError> {
        JoinCode::parse(input).map(|c| Self(c.as_str().to_string()))
    }

    /// The code, upper case.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EventCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A new event code: six characters without look-alikes, like a generated join code, its
/// first character of `shard` ([`Shard::generate_code`]), so that `atelier nginx` sends
/// `/e/{code}` to this process. The one place event codes are made.
pub fn new_event_code(shard: Shard) -> EventCode {
    EventCode(shard.generate_code().as_str().to_string())
}

/// A new organiser key: 128 random bits as 32 hexadecimal characters
/// ([`super::secret::new_token`]), after one of `shard`'s digits in a shard
/// ([`Shard::generate_key`]), so that `/o/{key}` reaches this process; only its
/// [`super::secret::hash_token`] is stored. The one place organiser keys are made.
pub fn new_organiser_key(shard: Shard) -> String {
    shard.generate_key()
}

/// An event as an event file or the console describes it, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    /// The meeting's title (one line, at most `text::LABEL_MAX_CHARS` characters).
    pub title: String,
    /// `None`: the store makes one with [`new_event_code`].
    pub code: Option<EventCode>,
    /// The day of the meeting.
    pub date: Option<NaiveDate>,
    /// Where it takes place (may be empty).
    pub place: String,
    /// An IANA time zone name known to `chrono-tz` (default Europe/Paris).
    pub time_zone: String,
}

/// An event file read and checked: the event and its workshops in file order (at least
/// one, at most [`MAX_WORKSHOPS`]), each workshop's `event_title` set to the event's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventFile {
    /// `[event]`.
    pub event: NewEvent,
    /// `[[workshops]]`.
    pub workshops: Vec<NewWorkshop>,
}

/// An event as read back from the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Database id.
    pub id: EventId,
    /// The event's code (upper case).
    pub code: String,
    /// The meeting's title.
    pub title: String,
    /// `YYYY-MM-DD`, when given.
    pub date: Option<String>,
    /// Where it takes place (may be empty).
    pub place: String,
    /// Its time zone.
    pub time_zone: chrono_tz::Tz,
    /// What the plenary screen shows: `None` the whole event, else one of its workshops.
    pub plenary: Option<WorkshopId>,
}
