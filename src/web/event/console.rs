//! The organiser's console, `GET /o/{key}`: every workshop of the event with its state,
//! phones, entries, screens open and last activity (the table is the `workshops` block,
//! which `GET /o/{key}/workshops` renders alone: `static/organiser.js` fetches it every
//! few seconds; without JavaScript the page's own button reloads it); the plenary's
//! controls; the links to print; a workshop added from a pasted workshop file; a
//! facilitator's link re-issued.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::OrganiserEvent;
use super::rows::{WorkshopRow, rows};
use crate::domain::ids::WorkshopId;
use crate::domain::refusal::Refusal;
use crate::domain::session::{Session, parse_date};
use crate::domain::workshop_file;
use crate::i18n::{Tr, describe_file_error};
use crate::store::StoreError;
use crate::web::errors::AppError;
use crate::web::request::{self, FormFields};
use crate::web::{AppState, html};
use crate::workshops::Links;

/// Characters of a pasted workshop file the console reads (a workshop file of 40
/// recommendations is under 10,000).
pub const MAX_PASTED_CHARS: usize = 60_000;

/// Bytes of the form that carries a pasted workshop file: [`MAX_PASTED_CHARS`] characters
/// of at most 4 UTF-8 bytes each, each byte percent-encoded in 3, and the form's own
/// bytes. The site-wide [`crate::web::MAX_FORM_BYTES`] (64 KB) refused a French file of
/// 44,000 characters with a bare 413 and its text lost (stop 20's trial).
pub const MAX_PASTED_FORM_BYTES: usize = MAX_PASTED_CHARS * 12 + 1024;

/// The console page; `workshops` is also rendered alone as the live table.
#[derive(Template)]
#[template(path = "organiser/console.html")]
pub struct ConsolePage<'a> {
    pub tr: Tr,
    pub key: &'a str,
    pub title: &'a str,
    pub code: &'a str,
    pub plenary_url: String,
    pub rows: Vec<WorkshopRow>,
    /// Workshops of the event in all.
    pub total: usize,
    /// What the plenary shows: `None` the whole event.
    pub plenary: Option<WorkshopId>,
    /// The plenary's previous and next steps (`"event"` or a workshop's id), in the
    /// event's order: the whole event, then each workshop.
    pub previous: String,
    pub next: String,
    /// The pasted workshop file, kept when refused.
    pub pasted: String,
    /// Its problems, one line each.
    pub problems: Vec<String>,
    /// A confirmation (`?done=`), localised.
    pub done: Option<String>,
}

/// The live table alone.
#[derive(Template)]
#[template(path = "organiser/console.html", block = "workshops")]
pub struct WorkshopsFragment<'a> {
    pub tr: Tr,
    pub key: &'a str,
    pub rows: Vec<WorkshopRow>,
    pub total: usize,
    pub plenary: Option<WorkshopId>,
}

/// A link handed out once: after adding a workshop or re-issuing its key.
#[derive(Template)]
#[template(path = "organiser/handed.html")]
pub struct HandedPage<'a> {
    pub tr: Tr,
    pub key: &'a str,
    pub heading: String,
    pub lead: String,
    pub workshop_title: String,
    pub links: Links,
}

async fn render(
    req: &HttpRequest,
    state: &AppState,
    organiser: &OrganiserEvent,
    pasted: String,
    problems: Vec<String>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let tr = request::tr(req);
    let (rows, total) = rows(state, &organiser.event, 0, tr).await?;
    let (previous, next) = super::plenary::neighbours(&rows, organiser.event.plenary);
    let done = request::query_param(req, "done")
        .filter(|d| d == "plenary")
        .map(|_| tr.t("organiser-done-plenary"));
    let page = ConsolePage {
        tr,
        key: &organiser.key,
        title: &organiser.event.title,
        code: &organiser.event.code,
        plenary_url: format!(
            "{}/e/{}/plenary",
            state.base().trim_end_matches('/'),
            organiser.event.code
        ),
        rows,
        total,
        plenary: organiser.event.plenary,
        previous,
        next,
        pasted,
        problems,
        done,
    };
    Ok(html(status, page.render()?))
}

/// `GET /o/{key}`: the console.
///
/// # Errors
/// 404 for a wrong key; store and template errors.
pub async fn page(
    req: HttpRequest,
    state: web::Data<AppState>,
    organiser: OrganiserEvent,
) -> Result<HttpResponse, AppError> {
    render(
        &req,
        &state,
        &organiser,
        String::new(),
        Vec::new(),
        StatusCode::OK,
    )
    .await
}

/// `GET /o/{key}/workshops`: the console's table alone, for its script.
///
/// # Errors
/// As [`page`].
pub async fn workshops(
    req: HttpRequest,
    state: web::Data<AppState>,
    organiser: OrganiserEvent,
) -> Result<HttpResponse, AppError> {
    let tr = request::tr(&req);
    let (rows, total) = rows(&state, &organiser.event, 0, tr).await?;
    let fragment = WorkshopsFragment {
        tr,
        key: &organiser.key,
        rows,
        total,
        plenary: organiser.event.plenary,
    };
    Ok(html(StatusCode::OK, fragment.render()?))
}

/// `POST /o/{key}/workshops/new`, field `file`: a workshop file (`[workshop]` and its
/// tables, as `atelier import` reads) added to the event. Refused: the console again
/// (422) with the text kept and each problem on its line; nothing is stored. Accepted:
/// the new workshop's links, the facilitator's shown this once.
///
/// # Errors
/// [`AppError::Malformed`] for a body that is not a form; store errors.
pub async fn add(
    req: HttpRequest,
    state: web::Data<AppState>,
    organiser: OrganiserEvent,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let tr = request::tr(&req);
    let form = FormFields::parse(&body).map_err(|_| AppError::Malformed)?;
    let pasted = form.get("file").unwrap_or("").to_string();
    let file = tr.t("organiser-pasted-file");
    let refused = |problems: Vec<String>| async {
        render(
            &req,
            &state,
            &organiser,
            pasted.clone(),
            problems,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await
    };
    if pasted.chars().count() > MAX_PASTED_CHARS {
        let max = i64::try_from(MAX_PASTED_CHARS).unwrap_or(i64::MAX);
        return refused(vec![tr.n("error-too-long", "max", max)]).await;
    }
    let mut workshop = match workshop_file::parse(&pasted) {
        Ok(workshop) => workshop,
        Err(errors) => {
            let lines = errors
                .iter()
                .map(|e| describe_file_error(tr, &file, e))
                .collect();
            return refused(lines).await;
        }
    };
    workshop.event_title = Some(organiser.event.title.clone());
    // A workshop file without a date takes the event's, as in an event file.
    if workshop.session.is_none()
        && let Some(date) = organiser
            .event
            .date
            .as_deref()
            .and_then(|d| parse_date(d).ok())
    {
        workshop.session = Some(Session {
            date,
            starts: None,
            ends: None,
        });
    }
    let title = workshop.title.clone();
    match state
        .store
        .add_workshop_to_event(organiser.event.id, workshop)
        .await
    {
        Ok(created) => {
            let page = HandedPage {
                tr,
                key: &organiser.key,
                heading: tr.t("organiser-added-title"),
                lead: tr.t("organiser-added-lead"),
                workshop_title: title,
                links: Links::new(&state.base(), &created.join_code, &created.facilitator_key),
            };
            Ok(html(StatusCode::OK, page.render()?))
        }
        Err(StoreError::Refused(refusal @ Refusal::JoinCodeTaken(_))) => {
            // Named like the file's other problems: its line and key.
            let error = workshop_file::refused_at(&pasted, "workshop.join_code", refusal);
            refused(vec![describe_file_error(tr, &file, &error)]).await
        }
        Err(StoreError::Refused(refusal @ Refusal::TooManyWorkshops { .. })) => {
            refused(vec![crate::i18n::refusal_message(tr, &refusal)]).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /o/{key}/workshops/{id}/reissue`: a new facilitator key for a workshop of the
/// event; the answer shows the new link once, and says that the old one no longer
/// works.
///
/// # Errors
/// 404 for a workshop that is not the event's; store errors.
pub async fn reissue(
    req: HttpRequest,
    state: web::Data<AppState>,
    organiser: OrganiserEvent,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let tr = request::tr(&req);
    let id = WorkshopId::parse(&path.1).ok_or(AppError::NotFound)?;
    let key = match state
        .store
        .reissue_facilitator_key(organiser.event.id, id)
        .await
    {
        Ok(key) => key,
        Err(StoreError::Refused(Refusal::UnknownEntry)) => return Err(AppError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let workshop = state
        .tallies
        .workshop(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let page = HandedPage {
        tr,
        key: &organiser.key,
        heading: tr.t("organiser-reissued-title"),
        lead: tr.t("organiser-reissued-lead"),
        workshop_title: workshop.title.clone(),
        links: Links::new(&state.base(), &workshop.join_code, &key),
    };
    Ok(html(StatusCode::OK, page.render()?))
}
