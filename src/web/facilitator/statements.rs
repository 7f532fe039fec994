//! The synthesis workbench's forms (issue #13): statements written, edited, moved,
//! deleted, their findings linked and unlinked; the session's date and hours; the
//! suggested groups as JSON. Each form answers a `303` back to `/f/{key}/synthesis`; a
//! refused one gives the workbench again with the message beside the form and what was
//! typed and ticked still there, and stores nothing.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};

use super::FacilitatorWorkshop;
use super::synthesis::{Typed, render, suggestions_of};
use crate::domain::ids::{FindingId, StatementId};
use crate::domain::refusal::Refusal;
use crate::domain::session::Session;
use crate::domain::statement::{Move, StatementText};
use crate::i18n::{refusal_message, session_message};
use crate::store::StoreError;
use crate::tallies::Tallies;
use crate::web::AppState;
use crate::web::errors::{AppError, refusal_status};
use crate::web::request::{self, FormFields};

/// The `303` back to the workbench with the confirmation `done`, at `#anchor`.
fn back(key: &str, done: &str, anchor: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((
            header::LOCATION,
            format!("/f/{key}/synthesis?done={done}#{anchor}"),
        ))
        .finish()
}

/// The form's fields; a body that is not a form of ours is a 400.
fn form(body: &[u8]) -> Result<FormFields, AppError> {
    FormFields::parse(body).map_err(|_| AppError::Malformed)
}

/// The repeated `finding` fields as ids; one that is not a number is a 400.
fn finding_ids(form: &FormFields) -> Result<Vec<FindingId>, AppError> {
    let mut ids = form
        .all("finding")
        .into_iter()
        .map(|f| FindingId::parse(f.trim()).ok_or(AppError::Malformed))
        .collect::<Result<Vec<_>, _>>()?;
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// The statement id of a path segment; anything else is a 404.
fn statement_id(segment: &str) -> Result<StatementId, AppError> {
    StatementId::parse(segment).ok_or(AppError::NotFound)
}

/// The workbench again, `refusal`'s message beside the form `typed` came from.
async fn refused(
    req: &HttpRequest,
    state: &AppState,
    facilitator: &FacilitatorWorkshop,
    mut typed: Typed,
    refusal: &Refusal,
) -> Result<HttpResponse, AppError> {
    typed.message = Some(refusal_message(request::tr(req), refusal));
    render(
        req,
        state,
        facilitator,
        typed,
        None,
        refusal_status(refusal),
    )
    .await
}

/// A store answer: a refusal gives the workbench again with `typed`; other errors go on.
async fn or_refused<T>(
    answer: Result<T, StoreError>,
    req: &HttpRequest,
    state: &AppState,
    facilitator: &FacilitatorWorkshop,
    typed: Typed,
) -> Result<Result<T, HttpResponse>, AppError> {
    match answer {
        Ok(value) => Ok(Ok(value)),
        Err(StoreError::Refused(refusal)) => {
            Ok(Err(refused(req, state, facilitator, typed, &refusal).await?))
        }
        Err(other) => Err(other.into()),
    }
}

/// `POST /f/{key}/synthesis/statements`: fields `category` (a slug of the workshop),
/// `text` (one line, at most 600 characters) and `finding` (repeated: ids of the
/// workshop's findings, as `findings.csv`'s `id`; none is allowed). A blank or too long
/// text, or a finding of another workshop, is refused (the workbench again, 422 or 404).
pub async fn add(
    req: HttpRequest,
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = form(&body)?;
    let slug = form.get("category").ok_or(AppError::Malformed)?;
    let typed_text = form.get("text").ok_or(AppError::Malformed)?;
    let findings = finding_ids(&form)?;
    let category = facilitator
        .workshop
        .category(slug)
        .ok_or(AppError::Malformed)?
        .id;
    let typed = Typed {
        category: slug.to_string(),
        text: typed_text.to_string(),
        checked: findings.iter().map(|f| f.get()).collect(),
        ..Typed::default()
    };
    let text = match StatementText::parse(typed_text) {
        Ok(text) => text,
        Err(refusal) => return refused(&req, &state, &facilitator, typed, &refusal).await,
    };
    let answer = state
        .store
        .add_statement(facilitator.workshop.id, category, text, findings)
        .await;
    Ok(
        match or_refused(answer, &req, &state, &facilitator, typed).await? {
            Ok(id) => back(&facilitator.key, "added", &format!("statement-{id}")),
            Err(page) => page,
        },
    )
}

/// `POST /f/{key}/synthesis/link`: fields `statement` (an id) and `finding` (repeated):
/// adds the ticked findings to an existing statement.
pub async fn link(
    req: HttpRequest,
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = form(&body)?;
    let findings = finding_ids(&form)?;
    let id = form
        .get("statement")
        .and_then(StatementId::parse)
        .ok_or(AppError::Malformed)?;
    let typed = Typed {
        category: form.get("category").unwrap_or("").to_string(),
        text: form.get("text").unwrap_or("").to_string(),
        checked: findings.iter().map(|f| f.get()).collect(),
        ..Typed::default()
    };
    let answer = state
        .store
        .link_findings(facilitator.workshop.id, id, findings)
        .await;
    Ok(
        match or_refused(answer, &req, &state, &facilitator, typed).await? {
            Ok(_) => back(&facilitator.key, "linked", &format!("statement-{id}")),
            Err(page) => page,
        },
    )
}

/// `POST /f/{key}/synthesis/statements/{id}`: field `text`, the statement rewritten.
pub async fn edit(
    req: HttpRequest,
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let id = statement_id(&path.1)?;
    let form = form(&body)?;
    let typed_text = form.get("text").ok_or(AppError::Malformed)?;
    let category = state
        .store
        .statements(facilitator.workshop.id)
        .await?
        .into_iter()
        .find(|s| s.id == id)
        .map(|s| s.category_slug)
        .ok_or(AppError::NotFound)?;
    let typed = Typed {
        category,
        ..Typed::default()
    };
    let text = match StatementText::parse(typed_text) {
        Ok(text) => text,
        Err(refusal) => return refused(&req, &state, &facilitator, typed, &refusal).await,
    };
    let answer = state
        .store
        .edit_statement(facilitator.workshop.id, id, text)
        .await;
    Ok(
        match or_refused(answer, &req, &state, &facilitator, typed).await? {
            Ok(()) => back(&facilitator.key, "edited", &format!("statement-{id}")),
            Err(page) => page,
        },
    )
}

/// `POST /f/{key}/synthesis/statements/{id}/{up|down|delete|unlink}`: moves the
/// statement within its category, deletes it (its findings stay), or takes the finding
/// of field `finding` out of it (`unlink`).
pub async fn act(
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
    path: web::Path<(String, String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let (_, id, action) = path.into_inner();
    let id = statement_id(&id)?;
    let workshop = facilitator.workshop.id;
    let store = &state.store;
    let (done, anchor) = match action.as_str() {
        "up" | "down" => {
            let step = if action == "up" { Move::Up } else { Move::Down };
            store.move_statement(workshop, id, step).await?;
            ("moved", format!("statement-{id}"))
        }
        "delete" => {
            store.delete_statement(workshop, id).await?;
            ("deleted", "statements".to_string())
        }
        "unlink" => {
            let finding = form(&body)?
                .get("finding")
                .and_then(FindingId::parse)
                .ok_or(AppError::Malformed)?;
            store.unlink_finding(workshop, id, finding).await?;
            ("unlinked", format!("statement-{id}"))
        }
        _ => return Err(AppError::NotFound),
    };
    Ok(back(&facilitator.key, done, &anchor))
}

/// `POST /f/{key}/synthesis/session`: fields `date` (`2019-11-21` or `21/11/2019`),
/// `starts` and `ends` (`14:00`, `14h30`), each may be blank; all blank clears them (the
/// report then shows the span of the answers). A bad value gives the workbench again
/// (422) with what was typed.
pub async fn set_session(
    req: HttpRequest,
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = form(&body)?;
    let field = |name: &str| form.get(name).unwrap_or("").to_string();
    let (date, starts, ends) = (field("date"), field("starts"), field("ends"));
    match Session::parse(&date, &starts, &ends) {
        Ok(session) => {
            state
                .store
                .set_session(facilitator.workshop.id, session)
                .await?;
            Ok(back(&facilitator.key, "session", "session"))
        }
        Err(errors) => {
            let tr = request::tr(&req);
            let message = errors
                .iter()
                .map(|(_, e)| session_message(tr, *e))
                .collect::<Vec<_>>()
                .join(" ");
            let typed = Typed {
                session: Some(((date, starts, ends), message)),
                ..Typed::default()
            };
            render(
                &req,
                &state,
                &facilitator,
                typed,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

/// `GET /f/{key}/synthesis/suggestions.json`: the suggested groups of the workshop's
/// visible findings, `[{"findings": [ids…], "words": […]}]`, largest first.
pub async fn suggestions(
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
) -> Result<HttpResponse, AppError> {
    // The workbench lists every finding by id: the facilitator's pages' full read
    // (with the statements), as the dashboard's.
    let tallies = Tallies::load(&state.store, facilitator.workshop.clone()).await?;
    let body = web::block(move || serde_json::to_string(&suggestions_of(&tallies)))
        .await
        .map_err(|e| AppError::Internal(format!("suggestions: {e}")))?
        .map_err(|e| AppError::Internal(format!("suggestions: {e}")))?;
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}
