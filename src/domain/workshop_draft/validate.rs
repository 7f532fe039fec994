//! A draft checked: [`WorkshopDraft::validate`] gives the [`NewWorkshop`] the store
//! creates, or every [`FieldError`] found, each naming its key in the workshop file.

use super::checks::{self, is_slug};
use super::{
    DEFAULT_DOTS_PER_PARTICIPANT, DEFAULT_KEYWORDS_PER_PARTICIPANT, DEFAULT_MAX_PARTICIPANTS,
    DEFAULT_TIME_ZONE, LANGUAGES, MAX_PARTICIPANTS_LIMIT, ROOM_MAX_CHARS, WorkshopDraft,
    default_categories,
};
use crate::domain::join_code::{JoinCode, JoinCodeError};
use crate::domain::session::{Session, SessionError};
use crate::domain::text::{self, Lines, TextError};

/// A checked workshop, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewWorkshop {
    pub event_title: Option<String>,
    pub title: String,
    pub description: String,
    pub question: String,
    pub facilitator: String,
    pub rapporteur: String,
    /// The room's name (clean text, one line, at most [`ROOM_MAX_CHARS`] characters);
    /// `None` when the file names none.
    pub room: Option<String>,
    /// `fr` or `en`.
    pub language: String,
    /// An IANA time zone name known to `chrono-tz`.
    pub time_zone: String,
    /// `None`: the store generates one.
    pub join_code: Option<JoinCode>,
    pub keywords_per_participant: i64,
    pub dots_per_participant: i64,
    pub max_dots_per_recommendation: i64,
    /// The most phones the workshop takes.
    pub max_participants: i64,
    /// Whether a ballot counts only from a phone that redeemed a vote code.
    pub votes_need_code: bool,
    /// The session's date and hours, when given.
    pub session: Option<Session>,
    /// `(name, topic)` in file order.
    pub speakers: Vec<(String, String)>,
    /// `(slug, label)` in file order.
    pub categories: Vec<(String, String)>,
    /// Texts in file order.
    pub recommendations: Vec<String>,
}

/// What is wrong with one field of a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// See [`TextError`].
    Text(TextError),
    /// A number outside `min..=max`.
    OutOfRange { min: i64, max: i64 },
    /// Not one of [`LANGUAGES`].
    UnknownLanguage,
    /// Not an IANA time zone name.
    UnknownTimeZone,
    /// See [`JoinCodeError`].
    JoinCode(JoinCodeError),
    /// A slug with characters other than `a-z`, `0-9` and `-`.
    BadSlug,
    /// A slug used twice.
    DuplicateSlug,
    /// More items than a workshop holds (speakers, categories, recommendations).
    TooMany { max: usize },
    /// A session date or hour that does not read (see [`SessionError`]).
    Session(SessionError),
    /// A join code given to two workshops of one event file.
    DuplicateJoinCode,
}

/// Most speakers, finding categories and recommendations a workshop holds: a ballot or a
/// category list longer than this does not fit a phone or a projector.
pub const MAX_SPEAKERS: usize = 30;
/// See [`MAX_SPEAKERS`].
pub const MAX_CATEGORIES: usize = 12;
/// See [`MAX_SPEAKERS`].
pub const MAX_RECOMMENDATIONS: usize = 40;

/// A problem and where it is: `path` is the key in the workshop file, such as
/// `workshop.join_code` or `recommendations[2].text` (index from 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub path: String,
    pub problem: Problem,
}
impl WorkshopDraft {
    /// Checks every field and returns the workshop, or every problem found.
    ///
    /// # Errors
    /// One [`FieldError`] per field at fault, in file order.
    pub fn validate(self) -> Result<NewWorkshop, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut field = |path: String, input: &str, lines: Lines, max: usize, required: bool| {
            let result = if required {
                text::clean(input, lines, max)
            } else {
                text::clean_optional(input, lines, max).map(Option::unwrap_or_default)
            };
            result.unwrap_or_else(|e| {
                errors.push(FieldError {
                    path,
                    problem: Problem::Text(e),
                });
                String::new()
            })
        };
        use text::{LABEL_MAX_CHARS as LABEL, LONG_TEXT_MAX_CHARS as LONG};
        let w = &self.workshop;
        let event_title = self
            .event
            .as_ref()
            .map(|e| field("event.title".into(), &e.title, Lines::One, LABEL, true));
        let title = field("workshop.title".into(), &w.title, Lines::One, LABEL, true);
        let description = field(
            "workshop.description".into(),
            &w.description,
            Lines::Many,
            LONG,
            false,
        );
        let question = field(
            "workshop.question".into(),
            &w.question,
            Lines::Many,
            LONG,
            false,
        );
        let facilitator = field(
            "workshop.facilitator".into(),
            &w.facilitator,
            Lines::One,
            LABEL,
            false,
        );
        let rapporteur = field(
            "workshop.rapporteur".into(),
            &w.rapporteur,
            Lines::One,
            LABEL,
            false,
        );
        let room = field(
            "workshop.room".into(),
            &w.room,
            Lines::One,
            ROOM_MAX_CHARS,
            false,
        );
        let speakers: Vec<(String, String)> = self
            .speakers
            .iter()
            .enumerate()
            .map(|(i, s)| {
                (
                    field(
                        format!("speakers[{i}].name"),
                        &s.name,
                        Lines::One,
                        LABEL,
                        true,
                    ),
                    field(
                        format!("speakers[{i}].topic"),
                        &s.topic,
                        Lines::One,
                        LABEL,
                        false,
                    ),
                )
            })
            .collect();
        let mut categories: Vec<(String, String)> = self
            .finding_categories
            .iter()
            .enumerate()
            .map(|(i, c)| {
                (
                    c.slug.trim().to_string(),
                    field(
                        format!("finding_categories[{i}].label"),
                        &c.label,
                        Lines::One,
                        LABEL,
                        true,
                    ),
                )
            })
            .collect();
        let recommendations: Vec<String> = self
            .recommendations
            .iter()
            .enumerate()
            .map(|(i, r)| {
                field(
                    format!("recommendations[{i}].text"),
                    &r.text,
                    Lines::One,
                    LABEL,
                    true,
                )
            })
            .collect();

        for (i, (slug, _)) in categories.iter().enumerate() {
            let path = format!("finding_categories[{i}].slug");
            if !is_slug(slug) {
                errors.push(FieldError {
                    path,
                    problem: Problem::BadSlug,
                });
            } else if categories[..i].iter().any(|(s, _)| s == slug) {
                errors.push(FieldError {
                    path,
                    problem: Problem::DuplicateSlug,
                });
            }
        }
        for (path, count, max) in [
            ("speakers", self.speakers.len(), MAX_SPEAKERS),
            (
                "finding_categories",
                self.finding_categories.len(),
                MAX_CATEGORIES,
            ),
            (
                "recommendations",
                self.recommendations.len(),
                MAX_RECOMMENDATIONS,
            ),
        ] {
            if count > max {
                errors.push(FieldError {
                    path: format!("{path}[{max}]"),
                    problem: Problem::TooMany { max },
                });
            }
        }
        if categories.is_empty() {
            categories = default_categories(w.language.as_deref().unwrap_or("fr"));
        }

        let language = w.language.clone().unwrap_or_else(|| "fr".into());
        if !LANGUAGES.contains(&language.as_str()) {
            errors.push(FieldError {
                path: "workshop.language".into(),
                problem: Problem::UnknownLanguage,
            });
        }
        let time_zone = w
            .time_zone
            .clone()
            .unwrap_or_else(|| DEFAULT_TIME_ZONE.into());
        if time_zone.parse::<chrono_tz::Tz>().is_err() {
            errors.push(FieldError {
                path: "workshop.time_zone".into(),
                problem: Problem::UnknownTimeZone,
            });
        }
        let join_code = match w
            .join_code
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            None => None,
            Some(code) => match JoinCode::parse(code) {
                Ok(code) => Some(code),
                Err(e) => {
                    errors.push(FieldError {
                        path: "workshop.join_code".into(),
                        problem: Problem::JoinCode(e),
                    });
                    None
                }
            },
        };
        let mut number = |path: &str, value: Option<i64>, default: i64, min: i64, max: i64| {
            let n = value.unwrap_or(default);
            if !(min..=max).contains(&n) {
                errors.push(FieldError {
                    path: path.into(),
                    problem: Problem::OutOfRange { min, max },
                });
            }
            n
        };
        let keywords_per_participant = number(
            "workshop.keywords_per_participant",
            w.keywords_per_participant,
            DEFAULT_KEYWORDS_PER_PARTICIPANT,
            1,
            20,
        );
        let dots_per_participant = number(
            "workshop.dots_per_participant",
            w.dots_per_participant,
            DEFAULT_DOTS_PER_PARTICIPANT,
            1,
            100,
        );
        // The cap is checked against a valid budget only: a wrong budget is one error.
        let max_dots_per_recommendation = if (1..=100).contains(&dots_per_participant) {
            number(
                "workshop.max_dots_per_recommendation",
                w.max_dots_per_recommendation,
                dots_per_participant,
                1,
                dots_per_participant,
            )
        } else {
            w.max_dots_per_recommendation.unwrap_or(1)
        };
        let max_participants = number(
            "workshop.max_participants",
            w.max_participants,
            DEFAULT_MAX_PARTICIPANTS,
            1,
            MAX_PARTICIPANTS_LIMIT,
        );
        let session = checks::session(w, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(NewWorkshop {
            event_title,
            title,
            description,
            question,
            facilitator,
            rapporteur,
            room: Some(room).filter(|r| !r.is_empty()),
            language,
            time_zone,
            join_code,
            keywords_per_participant,
            dots_per_participant,
            max_dots_per_recommendation,
            max_participants,
            votes_need_code: w.votes_need_code,
            session,
            speakers,
            categories,
            recommendations,
        })
    }
}
