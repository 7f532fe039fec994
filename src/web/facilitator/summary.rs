//! The summary page (`GET /f/{key}/summary`): keywords with counts, findings by category,
//! recommendations ranked with dots and voters.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::FacilitatorWorkshop;
use crate::domain::summary::Summary;
use crate::domain::workshop::Workshop;
use crate::i18n::Tr;
use crate::report;
use crate::web::errors::AppError;
use crate::web::{AppState, html, request};

#[derive(Template)]
#[template(path = "facilitator/summary.html")]
struct SummaryPage {
    tr: Tr,
    w: Workshop,
    summary: Summary,
    participation_text: String,
    base: String,
}

/// `GET /f/{key}/summary`: keywords with counts, findings by category, recommendations
/// ranked with dots and voters.
pub async fn summary(
    req: HttpRequest,
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
) -> Result<HttpResponse, AppError> {
    let tr = request::tr(&req);
    // The live tallies, from the cache when nothing changed since the last view.
    let tallies = state
        .tallies
        .get(facilitator.workshop.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (w, summary) = (tallies.workshop.clone(), tallies.summary.clone());
    let participation_text = report::document::participation_line(tr, &summary.participation);
    let page = SummaryPage {
        tr,
        w,
        summary,
        participation_text,
        base: format!("/f/{}", facilitator.key),
    };
    Ok(html(StatusCode::OK, page.render()?))
}
