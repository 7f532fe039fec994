//! The rapporteur's downloads under `/f/{key}/export/`.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use super::errors::{AppError, OrInternal};
use super::facilitator::{load_summary, workshop_for_key};
use super::{AppState, request};
use crate::report;

/// `GET /f/{key}/export/{file}`: `keywords.csv`, `findings.csv` or `votes.csv` (see
/// [`report::csv`]); anything else is a 404.
pub async fn download(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (key, file) = path.into_inner();
    let tr = request::tr(&req);
    if !matches!(file.as_str(), "keywords.csv" | "findings.csv" | "votes.csv") {
        return Err(AppError::NotFound);
    }
    let w = workshop_for_key(&state, &key, tr).await?;
    let (w, summary, findings) = load_summary(&state.store, w).await.or_500(tr)?;
    let bytes = match file.as_str() {
        "keywords.csv" => report::csv::keywords(&summary),
        "findings.csv" => report::csv::findings(&findings, &w.time_zone),
        _ => report::csv::votes(&summary.ranking),
    }
    .map_err(|e| AppError::internal(tr, e))?;
    let name = format!("{}-{file}", w.join_code.to_lowercase());
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(bytes))
}
