//! Checks of single fields of a draft: slugs, the default categories, the session's date
//! and hours.

use super::{FieldError, Problem, WorkshopFields};
use crate::domain::session::{Session, SessionError};

/// Whether `slug` is 1 to 40 characters of `a-z`, `0-9` and `-`.
pub fn is_slug(slug: &str) -> bool {
    (1..=40).contains(&slug.len())
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The categories of a workshop file that names none: those of the fixture workshop's
/// report (Constat, Difficulté, Levier).
pub fn default_categories(language: &str) -> Vec<(String, String)> {
    let labels: [&str; 3] = if language == "en" {
        ["Observation", "Difficulty", "Lever"]
    } else {
        ["Constat", "Difficulté", "Levier"]
    };
    ["constat", "difficulte", "levier"]
        .into_iter()
        .zip(labels)
        .map(|(s, l)| (s.to_string(), l.to_string()))
        .collect()
}

/// The session of `[workshop]`'s `date`, `starts` and `ends`; a problem is pushed to
/// `errors` under `workshop.date`, `workshop.starts` or `workshop.ends`. A `date` must be
/// a TOML local date (`2019-11-21`), not a date-time.
pub(super) fn session(w: &WorkshopFields, errors: &mut Vec<FieldError>) -> Option<Session> {
    let date = match &w.date {
        None => String::new(),
        Some(d) => match (d.date, d.time, d.offset) {
            (Some(date), None, None) => date.to_string(),
            _ => {
                errors.push(FieldError {
                    path: "workshop.date".into(),
                    problem: Problem::Session(SessionError::BadDate),
                });
                return None;
            }
        },
    };
    let starts = w.starts.as_deref().unwrap_or("");
    let ends = w.ends.as_deref().unwrap_or("");
    Session::parse(&date, starts, ends).unwrap_or_else(|problems| {
        errors.extend(problems.into_iter().map(|(field, e)| FieldError {
            path: format!("workshop.{field}"),
            problem: Problem::Session(e),
        }));
        None
    })
}
