//! Participants' pages: the home page with its join-code box, the workshop page with its
//! three cards (keywords, findings, dot vote) and their POST handlers. French first,
//! phone first, no JavaScript needed. [`visit`] knows who is asking, [`page`] renders the
//! page, [`submit`] takes the forms.

mod code;
mod page;
pub mod submit;
mod visit;

pub use code::post_vote_code;
pub use submit::{post_finding, post_keywords, post_proposal, post_support, post_votes};

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::errors::AppError;
use super::request;
use super::{AppState, html};
use crate::domain::join_code::JoinCode;
use crate::domain::rules;
use crate::i18n::Tr;
use page::Typed;
use visit::Visit;

/// Name of the participant cookie: 128 random bits, HttpOnly, SameSite=Lax.
pub const PARTICIPANT_COOKIE: &str = "atelier_participant";

#[derive(Template)]
#[template(path = "participant/home.html")]
struct HomePage {
    tr: Tr,
    code: String,
    error: Option<String>,
}

/// `GET /`: the join-code box.
pub async fn home(req: HttpRequest) -> Result<HttpResponse, AppError> {
    let tr = request::tr(&req);
    let page = HomePage {
        tr,
        code: String::new(),
        error: None,
    };
    Ok(html(StatusCode::OK, page.render()?))
}

/// `GET /join?code=…`: from the home page's box to the workshop page, or the box again
/// with a message (422 for a malformed code, 404 for an unknown one).
pub async fn join(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let tr = request::tr(&req);
    let typed = request::query_param(&req, "code").unwrap_or_default();
    let again = |status, error: String| -> Result<HttpResponse, AppError> {
        let page = HomePage {
            tr,
            code: typed.clone(),
            error: Some(error),
        };
        Ok(html(status, page.render()?))
    };
    let Ok(code) = JoinCode::parse(&typed) else {
        return again(StatusCode::UNPROCESSABLE_ENTITY, tr.t("error-code-invalid"));
    };
    let found = state.tallies.workshop_id(&code).await?;
    if found.is_none() {
        return again(
            StatusCode::NOT_FOUND,
            tr.s("error-unknown-workshop-body", "code", code.as_str()),
        );
    }
    Ok(see_other(&format!("/w/{code}")))
}

fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// `GET /w/{code}`: the workshop page. A phone seen for the first time gets its cookie;
/// it becomes a participant (`P1`, `P2`…) with its first submission, so page views of
/// browsers that refuse cookies, or of link previews, count no one.
pub async fn workshop(
    req: HttpRequest,
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let visit = Visit::load(&req, &state, &code).await?;
    if visit.is_new() {
        // A new phone in a full workshop reads that it is full; phones already in go on.
        let capacity = visit.workshop.max_participants;
        // From the tallies cached by version: a page view of a new phone costs no SQL.
        let present = state
            .tallies
            .get(visit.workshop.id)
            .await?
            .map_or(0, |t| t.summary.participation.phones);
        rules::check_capacity(present, capacity)?;
    }
    let flash = page::flash(&req, visit.tr);
    visit
        .render(&req, &state, StatusCode::OK, flash, Typed::Nothing)
        .await
}

/// `GET` on a form's address (a tab reopened after a refusal): back to the workshop page.
pub async fn back_to_workshop(req: HttpRequest) -> HttpResponse {
    let code = req.match_info().get("code").unwrap_or("");
    let code = JoinCode::parse(code)
        .map(|c| c.to_string())
        .unwrap_or_default();
    see_other(&format!("/w/{code}"))
}

/// `GET /w/{code}/results`: what the phone's "Résultats en direct" card shows now (the
/// projector's current panel, as HTML), fetched every few seconds by `static/phone.js`;
/// `204 No Content` while the results are hidden or the projector shows the join or
/// findings panel. The same bytes for every phone (rendered once per version by the
/// projector's broadcaster), so a room of phones asking costs no SQL.
pub async fn results(
    req: HttpRequest,
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let visit = Visit::load(&req, &state, &code).await?;
    if visit.workshop.results_hidden {
        return Ok(HttpResponse::NoContent().finish());
    }
    let shown = state
        .broadcasts
        .revealed(visit.workshop.id, &state.base(), false)
        .await?;
    Ok(match shown {
        Some(fragment) => html(StatusCode::OK, fragment.to_string()),
        None => HttpResponse::NoContent().finish(),
    })
}
