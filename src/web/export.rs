//! The rapporteur's downloads under `/f/{key}/export/`.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use super::errors::{AppError, OrInternal};
use super::facilitator::workshop_for_key;
use super::{AppState, request};
use crate::domain::folding::Language;
use crate::report;
use crate::tallies::Tallies;

/// The files under `/f/{key}/export/`.
pub const FILES: [&str; 4] = [
    "keywords.csv",
    "keyword-entries.csv",
    "findings.csv",
    "votes.csv",
];

/// `GET /f/{key}/export/{file}`: one of [`FILES`] (see [`report::csv`]); anything else is
/// a 404.
pub async fn download(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (key, file) = path.into_inner();
    let tr = request::tr(&req);
    if !FILES.contains(&file.as_str()) {
        return Err(AppError::NotFound);
    }
    let w = workshop_for_key(&state, &key, tr).await?;
    let tallies = Tallies::load(&state.store, w).await.or_500(tr)?;
    let w = &tallies.workshop;
    let bytes = match file.as_str() {
        "keywords.csv" => report::csv::keywords(&tallies.summary),
        "keyword-entries.csv" => {
            let corrections = tallies.keyword_corrections();
            let language = Language::from_code(&w.language);
            let summary = &tallies.summary;
            let label = |text: &str| {
                let group = corrections.group_of(text, language);
                summary
                    .keywords
                    .iter()
                    .chain(&summary.hidden_keywords)
                    .find(|k| k.key == group)
                    .map(|k| k.label.clone())
                    .unwrap_or_default()
            };
            report::csv::keyword_entries(&tallies.keyword_rows, label, &w.time_zone)
        }
        "findings.csv" => report::csv::findings(&tallies.findings, &w.time_zone),
        _ => report::csv::votes(&tallies.summary.ranking),
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
