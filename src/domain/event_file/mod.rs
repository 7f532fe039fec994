//! The event file (issue #14): `[event]` and `[[workshops]]`, each workshop holding the
//! keys of a workshop file's `[workshop]` table and its nested
//! `[[workshops.speakers]]`, `[[workshops.finding_categories]]` and
//! `[[workshops.recommendations]]`. Each workshop goes through the workshop file's own
//! checks ([`WorkshopDraft::validate`]); every problem names its line and key
//! (`workshops[2].recommendations[1].text`, index from 0), and every workshop is checked
//! before any answer. A file without `[[workshops]]` is a workshop file and is read as
//! one ([`parse_import`]).

use serde::Deserialize;
use serde::de::IntoDeserializer;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::event::{EventCode, EventFile, MAX_WORKSHOPS, NewEvent};
use super::refusal::Refusal;
use super::session::SessionError;
use super::text::{self, Lines};
use super::workshop_draft::{
    CategoryDraft, DEFAULT_TIME_ZONE, FieldError, NewWorkshop, Problem, RecommendationDraft,
    SpeakerDraft, WorkshopDraft, WorkshopFields,
};
use super::workshop_file::{
    self, FileError, FileErrorKind, key_at, line_of, line_of_key, refused_at, syntax_error,
};

/// `[event]` of the event file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventFields {
    /// The meeting's title.
    pub title: String,
    /// 4 to 12 letters or digits; generated when absent.
    pub code: Option<String>,
    /// A TOML local date (`date = 2019-11-21`); a workshop without a date takes it.
    pub date: Option<toml::value::Datetime>,
    /// Where the meeting takes place.
    #[serde(default)]
    pub place: String,
    /// An IANA name; a workshop without a time zone takes it (default Europe/Paris).
    pub time_zone: Option<String>,
}

/// What `atelier import` was given: a workshop file or an event file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportFile {
    /// Today's single-workshop file (with its optional `[event]` title).
    Workshop(Box<NewWorkshop>),
    /// An event file with its workshops.
    Event(EventFile),
}

/// Reads an import file: an event file when it has a `workshops` key at the top, else a
/// workshop file ([`workshop_file::parse`], unchanged).
///
/// # Errors
/// Every problem found, as [`parse`] and [`workshop_file::parse`] give them.
pub fn parse_import(source: &str) -> Result<ImportFile, Vec<FileError>> {
    let is_event = DeTable::parse(source)
        .map(|root| {
            root.get_ref()
                .iter()
                .any(|(k, _)| k.get_ref() == "workshops")
        })
        .unwrap_or(false);
    if is_event {
        parse(source).map(ImportFile::Event)
    } else {
        workshop_file::parse(source).map(|w| ImportFile::Workshop(Box::new(w)))
    }
}

fn syntax(source: &str, error: &toml::de::Error) -> FileError {
    syntax_error(source, error)
}

impl ImportFile {
    /// `refusal`, the database's answer when this file (read from `source`) was stored,
    /// as a problem of the file with its key and line: `event.code` for an event code in
    /// use, the `join_code` of the workshop that chose a join code in use or of another
    /// shard (`workshop.join_code`, `workshops[2].join_code`); any other refusal without
    /// a line.
    pub fn refusal_error(&self, source: &str, refusal: Refusal) -> FileError {
        let key = match (&refusal, self) {
            (Refusal::EventCodeTaken(_), _) => Some("event.code".to_string()),
            (
                Refusal::JoinCodeTaken(code) | Refusal::JoinCodeOtherShard { code, .. },
                ImportFile::Event(file),
            ) => file
                .workshops
                .iter()
                .position(|w| w.join_code.as_ref().is_some_and(|c| c.as_str() == code))
                .map(|i| format!("workshops[{i}].join_code")),
            (
                Refusal::JoinCodeTaken(_) | Refusal::JoinCodeOtherShard { .. },
                ImportFile::Workshop(_),
            ) => Some("workshop.join_code".to_string()),
            _ => None,
        };
        match key {
            Some(key) => refused_at(source, &key, refusal),
            None => FileError {
                line: None,
                key: None,
                kind: FileErrorKind::Refused(refusal),
            },
        }
    }
}

fn field_error(source: &str, path: String, problem: Problem) -> FileError {
    FileError {
        line: line_of_key(source, &path),
        key: Some(path),
        kind: FileErrorKind::Field(problem),
    }
}

/// Reads an event file.
///
/// # Errors
/// Every problem found in every workshop: a shape error (unknown, missing or mistyped
/// key) stops the reading of its own table only; rule checks report all fields at fault.
pub fn parse(source: &str) -> Result<EventFile, Vec<FileError>> {
    let root = DeTable::parse(source).map_err(|e| vec![syntax(source, &e)])?;
    let root_span = root.span();
    let mut errors = Vec::new();
    let mut event_value = None;
    let mut workshops_value = None;
    for (key, value) in root.into_inner() {
        match key.get_ref().as_ref() {
            "event" => event_value = Some(value),
            "workshops" => workshops_value = Some(value),
            other => errors.push(FileError {
                line: Some(line_of(source, key.span().start)),
                key: Some(other.to_string()),
                kind: FileErrorKind::Syntax(format!(
                    "unknown field `{other}`, expected `event` or `workshops`"
                )),
            }),
        }
    }
    let missing = |name: &str| FileError {
        line: Some(line_of(source, root_span.start)),
        key: Some(name.to_string()),
        kind: FileErrorKind::Syntax(format!("missing field `{name}`")),
    };
    let fields = match event_value {
        None => {
            errors.push(missing("event"));
            None
        }
        Some(value) => EventFields::deserialize(value.into_deserializer())
            .map_err(|e| errors.push(syntax(source, &e)))
            .ok(),
    };
    let event = fields
        .as_ref()
        .and_then(|f| check_event(source, f, &mut errors));
    let items = match workshops_value.map(Spanned::into_inner) {
        Some(DeValue::Array(items)) if !items.is_empty() => items.into_iter().collect::<Vec<_>>(),
        _ => {
            errors.push(missing("workshops"));
            Vec::new()
        }
    };
    if items.len() > MAX_WORKSHOPS {
        errors.push(field_error(
            source,
            format!("workshops[{MAX_WORKSHOPS}]"),
            Problem::TooMany { max: MAX_WORKSHOPS },
        ));
    }
    let mut workshops = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let Some(draft) = workshop_draft(source, item, fields.as_ref(), &mut errors) else {
            continue;
        };
        match draft.validate() {
            Ok(mut workshop) => {
                workshop.event_title = event.as_ref().map(|e| e.title.clone());
                workshops.push((i, workshop));
            }
            Err(problems) => {
                errors.extend(problems.into_iter().map(|FieldError { path, problem }| {
                    let inner = path.strip_prefix("workshop.").unwrap_or(&path);
                    field_error(source, format!("workshops[{i}].{inner}"), problem)
                }))
            }
        }
    }
    for (n, (i, workshop)) in workshops.iter().enumerate() {
        let Some(code) = &workshop.join_code else {
            continue;
        };
        if workshops[..n]
            .iter()
            .any(|(_, w)| w.join_code.as_ref() == Some(code))
        {
            errors.push(field_error(
                source,
                format!("workshops[{i}].join_code"),
                Problem::DuplicateJoinCode,
            ));
        }
    }
    match event {
        Some(event) if errors.is_empty() => Ok(EventFile {
            event,
            workshops: workshops.into_iter().map(|(_, w)| w).collect(),
        }),
        _ => Err(errors),
    }
}

/// `[event]` checked; problems are pushed under `event.…`.
fn check_event(source: &str, f: &EventFields, errors: &mut Vec<FileError>) -> Option<NewEvent> {
    let before = errors.len();
    let title = text::clean(&f.title, Lines::One, text::LABEL_MAX_CHARS)
        .map_err(|e| errors.push(field_error(source, "event.title".into(), Problem::Text(e))))
        .unwrap_or_default();
    let place = text::clean_optional(&f.place, Lines::One, text::LABEL_MAX_CHARS)
        .map_err(|e| errors.push(field_error(source, "event.place".into(), Problem::Text(e))))
        .unwrap_or_default()
        .unwrap_or_default();
    let code = match f.code.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        None => None,
        Some(code) => EventCode::parse(code)
            .map_err(|e| {
                errors.push(field_error(
                    source,
                    "event.code".into(),
                    Problem::JoinCode(e),
                ));
            })
            .ok(),
    };
    let date = match &f.date {
        None => None,
        Some(d) => match (d.date, d.time, d.offset) {
            (Some(date), None, None) => {
                chrono::NaiveDate::parse_from_str(&date.to_string(), "%Y-%m-%d").ok()
            }
            _ => {
                errors.push(field_error(
                    source,
                    "event.date".into(),
                    Problem::Session(SessionError::BadDate),
                ));
                None
            }
        },
    };
    let time_zone = f
        .time_zone
        .clone()
        .unwrap_or_else(|| DEFAULT_TIME_ZONE.into());
    if time_zone.parse::<chrono_tz::Tz>().is_err() {
        errors.push(field_error(
            source,
            "event.time_zone".into(),
            Problem::UnknownTimeZone,
        ));
    }
    (errors.len() == before).then_some(NewEvent {
        title,
        code,
        date,
        place,
        time_zone,
    })
}

/// One `[[workshops]]` table read into a workshop file's draft: its nested arrays apart,
/// the rest as `[workshop]`; the event's date and time zone fill those it leaves out.
fn workshop_draft(
    source: &str,
    item: Spanned<DeValue<'_>>,
    event: Option<&EventFields>,
    errors: &mut Vec<FileError>,
) -> Option<WorkshopDraft> {
    let span = item.span();
    let DeValue::Table(table) = item.into_inner() else {
        errors.push(FileError {
            line: Some(line_of(source, span.start)),
            key: key_at(source, span.start),
            kind: FileErrorKind::Syntax("invalid type: expected a table".into()),
        });
        return None;
    };
    let mut rest = DeTable::new();
    let (mut speakers, mut categories, mut recommendations) = (None, None, None);
    for (key, value) in table {
        match key.get_ref().as_ref() {
            "speakers" => speakers = Some(value),
            "finding_categories" => categories = Some(value),
            "recommendations" => recommendations = Some(value),
            _ => {
                rest.insert(key, value);
            }
        }
    }
    let before = errors.len();
    let mut fields =
        WorkshopFields::deserialize(Spanned::new(span.clone(), rest).into_deserializer())
            .map_err(|e| errors.push(syntax(source, &e)))
            .ok();
    fn list<'de, T: Deserialize<'de>>(
        source: &str,
        value: Option<Spanned<DeValue<'de>>>,
        errors: &mut Vec<FileError>,
    ) -> Vec<T> {
        value
            .map(|v| {
                Vec::<T>::deserialize(v.into_deserializer()).unwrap_or_else(|e| {
                    errors.push(syntax(source, &e));
                    Vec::new()
                })
            })
            .unwrap_or_default()
    }
    let speakers: Vec<SpeakerDraft> = list(source, speakers, errors);
    let finding_categories: Vec<CategoryDraft> = list(source, categories, errors);
    let recommendations: Vec<RecommendationDraft> = list(source, recommendations, errors);
    if errors.len() != before {
        return None;
    }
    let fields = fields.as_mut()?;
    if let Some(event) = event {
        if fields.date.is_none() {
            fields.date = event.date;
        }
        if fields.time_zone.is_none() {
            fields.time_zone.clone_from(&event.time_zone);
        }
    }
    Some(WorkshopDraft {
        event: None,
        workshop: fields.clone(),
        speakers,
        finding_categories,
        recommendations,
    })
}

#[cfg(test)]
mod tests;
