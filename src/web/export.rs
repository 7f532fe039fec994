//! The rapporteur's downloads under `/f/{key}/export/`, the HTML report and the ZIP.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::errors::{AppError, OrInternal};
use super::facilitator::workshop_for_key;
use super::{AppState, html, request};
use crate::i18n::Tr;
use crate::report::csv::Dialect;
use crate::report::document::Report;
use crate::report::files::{self, FILES};
use crate::tallies::Tallies;

/// The HTML report, with a print style sheet for "Print → PDF" on A4.
#[derive(Template)]
#[template(path = "facilitator/report.html")]
pub struct ReportPage<'a> {
    pub tr: Tr,
    pub report: &'a Report,
    /// `/f/{key}` for the back link; empty in the ZIP.
    pub base: String,
}

/// The `?dialect=` of a download: standard when absent.
///
/// # Errors
/// [`AppError::Malformed`] for a dialect we do not know.
fn dialect(req: &HttpRequest, tr: Tr) -> Result<Dialect, AppError> {
    match request::query_param(req, "dialect") {
        None => Ok(Dialect::Standard),
        Some(name) => Dialect::parse(&name).ok_or(AppError::Malformed { tr }),
    }
}

/// `votes.csv` as `votes-excel-fr.csv` in the French Excel dialect, so that both
/// downloads can sit side by side.
fn file_name(prefix: &str, file: &str, dialect: Dialect) -> String {
    match (dialect, file.strip_suffix(".csv")) {
        (Dialect::ExcelFr, Some(stem)) => format!("{prefix}-{stem}-excel-fr.csv"),
        (Dialect::ExcelFr, None) if file.ends_with(".zip") => {
            format!("{prefix}-atelier-excel-fr.zip")
        }
        _ => format!("{prefix}-{file}"),
    }
}

fn attachment(name: &str, bytes: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(files::content_type(name))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(bytes)
}

async fn tallies(req: &HttpRequest, state: &AppState, key: &str) -> Result<Tallies, AppError> {
    let tr = request::tr(req);
    let w = workshop_for_key(state, key, tr).await?;
    Tallies::load(&state.store, w).await.or_500(tr)
}

/// `GET /f/{key}/export/{file}`: one of [`FILES`] (CSV files take
/// `?dialect=excel-fr`), or `atelier.zip` with everything; anything else is a 404.
pub async fn download(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (key, file) = path.into_inner();
    let tr = request::tr(&req);
    if file != "atelier.zip" && !FILES.contains(&file.as_str()) {
        return Err(AppError::NotFound);
    }
    let tallies = tallies(&req, &state, &key).await?;
    let prefix = tallies.workshop.join_code.to_lowercase();
    if file == "atelier.zip" {
        let report = Report::new(&tallies);
        let page = ReportPage {
            tr: report.tr,
            report: &report,
            base: String::new(),
        }
        .render()
        .or_500(tr)?;
        let bytes = files::zip_all(&tallies, &page, dialect(&req, tr)?)
            .map_err(|e| AppError::internal(tr, e))?;
        return Ok(attachment(
            &file_name(&prefix, "atelier.zip", dialect(&req, tr)?),
            bytes,
        ));
    }
    let bytes = files::render(&tallies, &file, dialect(&req, tr)?)
        .map_err(|e| AppError::internal(tr, e))?
        .ok_or(AppError::NotFound)?;
    Ok(attachment(
        &file_name(&prefix, &file, dialect(&req, tr)?),
        bytes,
    ))
}

/// `GET /f/{key}/report`: the report as a page, in the workshop's language.
pub async fn report(
    req: HttpRequest,
    state: web::Data<AppState>,
    key: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let tr = request::tr(&req);
    let tallies = tallies(&req, &state, &key).await?;
    let report = Report::new(&tallies);
    let page = ReportPage {
        tr: report.tr,
        report: &report,
        base: format!("/f/{key}"),
    };
    Ok(html(StatusCode::OK, page.render().or_500(tr)?))
}
