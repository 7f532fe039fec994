//! The report's read-only share link (issue #13, item 4): `GET /r/{key}` serves the
//! report page (which holds no link to the dashboard) to whoever has the link; the
//! rapporteur makes it (`POST /f/{key}/share`, shown once: only its hash is stored) and
//! revokes it (`POST /f/{key}/share/revoke`) on the synthesis page. A revoked or unknown
//! key is a plain 404.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};

use super::errors::AppError;
use super::export::report_page;
use super::facilitator::FacilitatorWorkshop;
use super::facilitator::synthesis::{Typed, render};
use super::{AppState, request};

/// `GET /r/{key}`: the report, read-only, in the workshop's language.
pub async fn report(
    req: HttpRequest,
    state: web::Data<AppState>,
    key: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let workshop = state
        .store
        .workshop_by_report_key(&key)
        .await?
        .ok_or(AppError::NotFound)?;
    request::set_workshop_language(&req, workshop.language);
    let mut response = report_page(&state, workshop.id).await?;
    // A shared link is no one's secret but the rapporteur's to give: no search engine.
    response.headers_mut().insert(
        header::HeaderName::from_static("x-robots-tag"),
        header::HeaderValue::from_static("noindex"),
    );
    Ok(response)
}

/// `POST /f/{key}/share`: a new share link for the report (any earlier one stops
/// working), shown once on the synthesis page.
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
) -> Result<HttpResponse, AppError> {
    let key = state
        .store
        .create_report_link(facilitator.workshop.id)
        .await?;
    let link = format!("{}/r/{key}", state.base());
    render(
        &req,
        &state,
        &facilitator,
        Typed::default(),
        Some(link),
        StatusCode::OK,
    )
    .await
}

/// `POST /f/{key}/share/revoke`: the share link stops working (`/r/{key}` is a 404).
pub async fn revoke(
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
) -> Result<HttpResponse, AppError> {
    state
        .store
        .revoke_report_link(facilitator.workshop.id)
        .await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((
            header::LOCATION,
            format!("/f/{}/synthesis?done=revoked#share", facilitator.key),
        ))
        .finish())
}
