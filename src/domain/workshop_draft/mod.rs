//! A workshop as a facilitator prepares it, checked: what the import file and the `/new`
//! form both produce, and what the store creates. This file holds the draft as typed (the
//! workshop file's tables); `validate` turns it into a [`NewWorkshop`] or the list of
//! [`FieldError`]s; `checks` holds the checks of single fields.

use serde::Deserialize;

mod checks;
mod validate;

pub use checks::{default_categories, is_slug};
pub use validate::{
    FieldError, MAX_CATEGORIES, MAX_RECOMMENDATIONS, MAX_SPEAKERS, NewWorkshop, Problem,
};

/// Default number of keywords a participant may send (workshop file, `optional`).
pub const DEFAULT_KEYWORDS_PER_PARTICIPANT: i64 = 3;
/// Default dot budget per participant.
pub const DEFAULT_DOTS_PER_PARTICIPANT: i64 = 3;
/// Default time zone for showing times (ARCHITECTURE.md, "Rules that hold everywhere").
pub const DEFAULT_TIME_ZONE: &str = "Europe/Paris";

/// Default capacity of a workshop: the largest plenary of a national meeting (issue #10).
pub const DEFAULT_MAX_PARTICIPANTS: i64 = 2000;
/// Largest capacity a workshop may be given.
pub const MAX_PARTICIPANTS_LIMIT: i64 = 100_000;

/// Most characters of a workshop's room ("Salle Vercors, 2e étage"): one line on a poster
/// and in a phone's header (issue #14).
pub const ROOM_MAX_CHARS: usize = 80;

/// Interface and report languages a workshop may choose.
pub const LANGUAGES: [&str; 2] = ["fr", "en"];

/// A workshop as typed, before checks: the shape of the workshop file's tables (see the
/// README, "Import file format"), which the `/new` form fills too.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkshopDraft {
    /// `[event]`: the meeting the workshop belongs to (optional).
    #[serde(default)]
    pub event: Option<EventDraft>,
    /// `[workshop]`.
    pub workshop: WorkshopFields,
    /// `[[speakers]]`.
    #[serde(default)]
    pub speakers: Vec<SpeakerDraft>,
    /// `[[finding_categories]]`; when none is given, Constat / Difficulté / Levier.
    #[serde(default)]
    pub finding_categories: Vec<CategoryDraft>,
    /// `[[recommendations]]`, in ballot order.
    #[serde(default)]
    pub recommendations: Vec<RecommendationDraft>,
}

/// `[event]` of the workshop file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventDraft {
    /// The meeting's title.
    pub title: String,
}

/// `[workshop]` of the workshop file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkshopFields {
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub question: String,
    #[serde(default)]
    pub facilitator: String,
    #[serde(default)]
    pub rapporteur: String,
    /// Where the workshop takes place, as people read it on the door and the poster
    /// ("Salle Vercors, 2e étage"): one line, at most [`ROOM_MAX_CHARS`] characters;
    /// empty or absent: no room.
    #[serde(default)]
    pub room: String,
    pub language: Option<String>,
    pub time_zone: Option<String>,
    pub join_code: Option<String>,
    pub keywords_per_participant: Option<i64>,
    pub dots_per_participant: Option<i64>,
    pub max_dots_per_recommendation: Option<i64>,
    /// The most phones the workshop takes (default [`DEFAULT_MAX_PARTICIPANTS`]).
    pub max_participants: Option<i64>,
    /// Whether a ballot counts only from a phone that redeemed a one-time vote code.
    #[serde(default)]
    pub votes_need_code: bool,
    /// The session's day, a TOML date (`date = 2019-11-21`); see [`Session`].
    pub date: Option<toml::value::Datetime>,
    /// The session's start and end, `"14:00"`, local time; they need a `date`.
    pub starts: Option<String>,
    pub ends: Option<String>,
}

/// `[[speakers]]` of the workshop file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeakerDraft {
    pub name: String,
    #[serde(default)]
    pub topic: String,
}

/// `[[finding_categories]]` of the workshop file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryDraft {
    /// What forms and CSV files carry: lower-case ASCII letters, digits and dashes.
    pub slug: String,
    /// What people read.
    pub label: String,
}

/// `[[recommendations]]` of the workshop file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecommendationDraft {
    pub text: String,
}

#[cfg(test)]
mod tests;
