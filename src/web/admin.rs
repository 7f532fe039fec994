//! `/new`: a form that creates a workshop with the same fields as the workshop file,
//! behind `ATELIER_ADMIN_PASSWORD` when that is set.

use std::collections::HashMap;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use unicode_normalization::UnicodeNormalization;

use super::errors::AppError;
use super::request::{self, FormFields};
use super::{AppState, html};
use crate::domain::refusal::Refusal;
use crate::domain::secret;
use crate::domain::workshop_draft::{
    CategoryDraft, EventDraft, FieldError, RecommendationDraft, SpeakerDraft, WorkshopDraft,
    WorkshopFields,
};
use crate::i18n::{Tr, problem_message, refusal_message};
use crate::store::StoreError;
use crate::workshops;

/// One field of the form: its name, the catalogue ids of its label and hint, its shape.
struct Field {
    name: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    multiline: bool,
    numeric: bool,
    value: String,
}

const FIELDS: [(&str, &str, Option<&str>, bool, bool); 17] = [
    ("event_title", "field-event-title", None, false, false),
    ("title", "field-title", None, false, false),
    ("description", "field-description", None, true, false),
    ("question", "field-question", None, true, false),
    ("facilitator", "field-facilitator", None, false, false),
    ("rapporteur", "field-rapporteur", None, false, false),
    ("room", "field-room", Some("field-room-hint"), false, false),
    (
        "speakers",
        "field-speakers",
        Some("field-speakers-hint"),
        true,
        false,
    ),
    (
        "categories",
        "field-categories",
        Some("field-categories-hint"),
        true,
        false,
    ),
    (
        "recommendations",
        "field-recommendations",
        Some("field-recommendations-hint"),
        true,
        false,
    ),
    ("language", "field-language", None, false, false),
    ("time_zone", "field-time-zone", None, false, false),
    (
        "join_code",
        "field-join-code",
        Some("field-join-code-hint"),
        false,
        false,
    ),
    (
        "keywords_per_participant",
        "field-keywords-per-participant",
        None,
        false,
        true,
    ),
    (
        "dots_per_participant",
        "field-dots-per-participant",
        None,
        false,
        true,
    ),
    (
        "max_dots_per_recommendation",
        "field-max-dots-per-recommendation",
        None,
        false,
        true,
    ),
    (
        "max_participants",
        "field-max-participants",
        Some("field-max-participants-hint"),
        false,
        true,
    ),
];

#[derive(Template)]
#[template(path = "admin/new.html")]
struct NewPage {
    tr: Tr,
    password_required: bool,
    fields: Vec<Field>,
    errors: HashMap<&'static str, String>,
}

impl NewPage {
    fn new(
        tr: Tr,
        state: &AppState,
        form: &FormFields,
        errors: HashMap<&'static str, String>,
    ) -> Self {
        let defaults = [
            ("language", tr.lang.code()),
            ("time_zone", "Europe/Paris"),
            ("keywords_per_participant", "3"),
            ("dots_per_participant", "3"),
            ("max_participants", "2000"),
        ];
        let fields = FIELDS
            .iter()
            .map(|(name, label, hint, multiline, numeric)| Field {
                name,
                label,
                hint: *hint,
                multiline: *multiline,
                numeric: *numeric,
                value: form
                    .get(name)
                    .map(str::to_string)
                    .or_else(|| {
                        defaults
                            .iter()
                            .find(|(n, _)| n == name)
                            .map(|(_, v)| (*v).to_string())
                    })
                    .unwrap_or_default(),
            })
            .collect();
        Self {
            tr,
            password_required: state.admin_password.is_some(),
            fields,
            errors,
        }
    }

    fn error_for(&self, name: &str) -> Option<&String> {
        self.errors.get(name)
    }
}

/// Without an admin password, `/new` serves only the server's own machine
/// ([`request::is_local`]); elsewhere it answers [`AppError::NotLocal`] (403), whose page
/// says how to open it (issue #11, item 6: 161,810 workshops were created in 30 s).
fn check_local(req: &HttpRequest, state: &AppState) -> Result<(), AppError> {
    if state.admin_password.is_none() && !request::is_local(req) {
        return Err(AppError::NotLocal);
    }
    Ok(())
}

/// `GET /new`: the empty form.
///
/// # Errors
/// [`AppError::NotLocal`] without an admin password, from another machine.
pub async fn new_form(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    check_local(&req, &state)?;
    let tr = request::tr(&req);
    let page = NewPage::new(tr, &state, &FormFields::default(), HashMap::new());
    Ok(html(StatusCode::OK, page.render()?))
}

/// A category slug from its label: "Difficulté" → `difficulte`.
pub fn slugify(label: &str) -> String {
    let ascii: String = label
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(|c| match c {
            'œ' | 'Œ' => vec!['o', 'e'],
            'æ' | 'Æ' => vec!['a', 'e'],
            c if c.is_ascii_alphanumeric() => vec![c.to_ascii_lowercase()],
            _ => vec!['-'],
        })
        .collect();
    ascii
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
        .chars()
        .take(40)
        .collect()
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// The form's field for a workshop-file key such as `speakers[2].name`.
fn field_of(path: &str) -> &'static str {
    let head = path.split(['[', '.']).next().unwrap_or("");
    match head {
        "event" => "event_title",
        "speakers" => "speakers",
        "finding_categories" => "categories",
        "recommendations" => "recommendations",
        _ => {
            let key = path.rsplit('.').next().unwrap_or("");
            FIELDS
                .iter()
                .map(|f| f.0)
                .find(|n| *n == key)
                .unwrap_or("title")
        }
    }
}

/// Reads the form into a draft; numbers that do not parse are reported at once.
/// Reads the form into a draft, with the messages of numbers that do not parse (those
/// fields are left out of the draft, so that the other checks still run).
fn draft(form: &FormFields, tr: Tr) -> (WorkshopDraft, HashMap<&'static str, String>) {
    let get = |name: &str| form.get(name).unwrap_or("").to_string();
    let mut errors = HashMap::new();
    let mut number = |name: &'static str| -> Option<i64> {
        // "2 000" as a French reader writes it: spaces between digit groups (normal,
        // no-break or narrow no-break) are allowed, as on the dashboard.
        let value: String = get(name)
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
            .collect();
        if value.is_empty() {
            return None;
        }
        value
            .parse()
            .map_err(|_| errors.insert(name, tr.t("error-not-a-number")))
            .ok()
    };
    let workshop = WorkshopFields {
        title: get("title"),
        description: get("description"),
        question: get("question"),
        facilitator: get("facilitator"),
        rapporteur: get("rapporteur"),
        room: get("room"),
        language: Some(get("language").trim().to_string()).filter(|l| !l.is_empty()),
        time_zone: Some(get("time_zone").trim().to_string()).filter(|t| !t.is_empty()),
        join_code: Some(get("join_code")),
        keywords_per_participant: number("keywords_per_participant"),
        dots_per_participant: number("dots_per_participant"),
        max_dots_per_recommendation: number("max_dots_per_recommendation"),
        max_participants: number("max_participants"),
        votes_need_code: false,
        date: None,
        starts: None,
        ends: None,
    };
    let event_title = get("event_title");
    let draft = WorkshopDraft {
        event: (!event_title.trim().is_empty()).then_some(EventDraft { title: event_title }),
        workshop,
        speakers: lines(&get("speakers"))
            .map(|line| {
                let (name, topic) = line.split_once('|').unwrap_or((line, ""));
                SpeakerDraft {
                    name: name.trim().to_string(),
                    topic: topic.trim().to_string(),
                }
            })
            .collect(),
        finding_categories: lines(&get("categories"))
            .map(|label| CategoryDraft {
                slug: slugify(label),
                label: label.to_string(),
            })
            .collect(),
        recommendations: lines(&get("recommendations"))
            .map(|text| RecommendationDraft {
                text: text.to_string(),
            })
            .collect(),
    };
    (draft, errors)
}

/// `POST /new`: creates the workshop and answers `303` to its dashboard (`/f/{key}`, the
/// facilitator link; the key is stored hashed). Refusals show the form again with every
/// typed value. A wrong password is 403; past [`super::attempts::FREE_FAILURES`] of them
/// from one source in a minute, 429 with `Retry-After`, the right password included,
/// until the minute ends.
///
/// # Errors
/// [`AppError::NotLocal`] without an admin password, from another machine;
/// [`AppError::Malformed`] for a body that is not a form.
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    check_local(&req, &state)?;
    let tr = request::tr(&req);
    let form = FormFields::parse(&body).map_err(|_| AppError::Malformed)?;
    let again = |status, errors| -> Result<HttpResponse, AppError> {
        Ok(html(
            status,
            NewPage::new(tr, &state, &form, errors).render()?,
        ))
    };
    if let Some(password) = &state.admin_password {
        let source = req
            .peer_addr()
            .map_or(std::net::IpAddr::from([0, 0, 0, 0]), |p| p.ip());
        let now = std::time::Instant::now();
        if let Err(seconds) = state.password_attempts.check(source, now) {
            let mut page = again(
                StatusCode::TOO_MANY_REQUESTS,
                HashMap::from([(
                    "password",
                    tr.s(
                        "error-too-many-attempts-body",
                        "seconds",
                        &seconds.to_string(),
                    ),
                )]),
            )?;
            page.headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from(seconds));
            return Ok(page);
        }
        if !secret::constant_time_eq(form.get("password").unwrap_or(""), password) {
            state.password_attempts.failed(source, now);
            return again(
                StatusCode::FORBIDDEN,
                HashMap::from([("password", tr.t("error-password"))]),
            );
        }
    }
    let (draft, mut errors) = draft(&form, tr);
    let validated = draft.validate();
    if let Err(list) = &validated {
        for FieldError { path, problem } in list {
            errors
                .entry(field_of(path))
                .or_insert_with(|| problem_message(tr, problem));
        }
    }
    let workshop = match validated {
        Ok(w) if errors.is_empty() => w,
        _ => return again(StatusCode::UNPROCESSABLE_ENTITY, errors),
    };
    match workshops::create(&state.store, workshop).await {
        // To the dashboard, whose address holds the facilitator key: a reload there
        // creates nothing, and the link stays in the browser's history.
        Ok(created) => Ok(HttpResponse::SeeOther()
            .insert_header((
                header::LOCATION,
                format!("/f/{}?done=created", created.facilitator_key),
            ))
            .finish()),
        Err(StoreError::Refused(Refusal::JoinCodeTaken(code))) => again(
            StatusCode::UNPROCESSABLE_ENTITY,
            HashMap::from([("join_code", tr.s("error-join-code-taken", "code", &code))]),
        ),
        Err(StoreError::Refused(refusal @ Refusal::JoinCodeOtherShard { .. })) => again(
            StatusCode::UNPROCESSABLE_ENTITY,
            HashMap::from([("join_code", refusal_message(tr, &refusal))]),
        ),
        Err(e) => Err(AppError::from(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_slugs_come_from_their_labels() {
        assert_eq!(slugify("Difficulté"), "difficulte");
        assert_eq!(slugify("  Levier d'action "), "levier-d-action");
        assert_eq!(slugify("Œuvre sociale"), "oeuvre-sociale");
    }

    #[test]
    fn form_fields_are_found_from_file_keys() {
        assert_eq!(field_of("speakers[2].name"), "speakers");
        assert_eq!(field_of("workshop.join_code"), "join_code");
        assert_eq!(field_of("event.title"), "event_title");
        assert_eq!(field_of("finding_categories[0].slug"), "categories");
    }
}
