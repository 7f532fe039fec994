//! A workshop as the store reads it back: the settings the facilitator prepared and
//! changes during the session, with its speakers, categories and ballot. Its language,
//! time zone and projector panel are parsed once, when read; no other module re-parses
//! them with fallbacks.

use chrono_tz::Tz;

use super::activity::{Activity, Panel};
use super::ids::{RecommendationId, WorkshopId};
use super::language::Language;
use super::session::Session;

/// A speaker of the workshop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    pub name: String,
    pub topic: String,
}

/// A finding category of the workshop (`[[finding_categories]]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    /// Database id.
    pub id: i64,
    /// The form's value and the exports' `category` column, such as `levier`.
    pub slug: String,
    /// As shown, such as "Levier".
    pub label: String,
}

/// A recommendation on the ballot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recommendation {
    pub id: RecommendationId,
    /// Place on the ballot, from 1.
    pub position: i64,
    pub text: String,
}

/// A workshop with everything the facilitator prepared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workshop {
    pub id: WorkshopId,
    pub event_title: Option<String>,
    /// Upper case, 4 to 12 characters (see [`super::join_code::JoinCode`]).
    pub join_code: String,
    pub title: String,
    pub description: String,
    pub question: String,
    pub facilitator: String,
    pub rapporteur: String,
    /// Where the workshop takes place ("Salle Vercors, 2e étage"), as the workshop file
    /// gave it; `None` when it gave none.
    pub room: Option<String>,
    /// The interface's, the report's and the stemmer's language.
    pub language: Language,
    /// Where times are shown (stored times are UTC).
    pub time_zone: Tz,
    pub keywords_per_participant: i64,
    pub dots_per_participant: i64,
    pub max_dots_per_recommendation: i64,
    /// The most phones the workshop takes (its capacity).
    pub max_participants: i64,
    /// Whether a ballot counts only from a phone that redeemed a one-time vote code.
    pub votes_need_code: bool,
    pub keywords_open: bool,
    pub findings_open: bool,
    pub votes_open: bool,
    /// Whether participants may propose recommendations.
    pub proposals_open: bool,
    /// The panel the projector follows.
    pub screen_panel: Panel,
    /// Tallies hidden from the projector and the phones.
    pub results_hidden: bool,
    /// When the facilitator closed the workshop, UTC.
    pub closed_at: Option<String>,
    /// UTC, RFC 3339.
    pub created_at: String,
    /// The session's date and hours as the facilitator gave them (import file or
    /// synthesis page); `None`: the report shows the span of the answers.
    pub session: Option<Session>,
    pub speakers: Vec<Speaker>,
    /// In the workshop's order.
    pub categories: Vec<Category>,
    /// In ballot order.
    pub recommendations: Vec<Recommendation>,
}

impl Workshop {
    /// Whether `activity` is open to phones.
    pub fn is_open(&self, activity: Activity) -> bool {
        match activity {
            Activity::Keywords => self.keywords_open,
            Activity::Findings => self.findings_open,
            Activity::Votes => self.votes_open,
        }
    }

    /// The category whose slug is `slug`, if the workshop has one.
    pub fn category(&self, slug: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.slug == slug)
    }
}
