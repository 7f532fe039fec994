//! The rapporteur's downloads under `/f/{key}/export/`, and the HTML report. Files are
//! made on a blocking thread, never on an async worker: a phone's page does not wait for
//! a workbook. A download is sent as it is made, through [`download`]: what it holds in memory
//! is the workshop's counts, the row being written and a few chunks on their way, not the
//! whole file nor every row (issue #15: the raw rows are read as they are written, see
//! [`crate::tallies::Export`]).

use std::sync::Arc;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use tokio::sync::OwnedSemaphorePermit;

use super::errors::AppError;
use super::facilitator::FacilitatorWorkshop;
use super::{AppState, download, html, request};
use crate::domain::ids::WorkshopId;
use crate::report::cloud;
use crate::report::csv::Dialect;
use crate::report::document::Report;
use crate::report::files::{self, FILES};
use crate::report::french_excel;
use crate::report::page;

/// The `?dialect=` of a download: standard when absent.
///
/// # Errors
/// [`AppError::Malformed`] for a dialect we do not know.
pub(super) fn dialect(req: &HttpRequest) -> Result<Dialect, AppError> {
    match request::query_param(req, "dialect") {
        None => Ok(Dialect::Standard),
        Some(name) => Dialect::parse(&name).ok_or(AppError::Malformed),
    }
}

/// The download's name: the workshop's join code, then the file's name in `dialect`
/// (`solida-votes-excel-fr.csv`, see [`french_excel::file_name`]).
fn file_name(prefix: &str, file: &str, dialect: Dialect) -> String {
    format!("{prefix}-{}", french_excel::file_name(file, dialect))
}

/// The download `name`, its body the bytes `make` writes (see [`download::stream`]);
/// `turn` as there.
pub(super) fn attachment(
    name: &str,
    turn: Option<OwnedSemaphorePermit>,
    make: impl FnOnce(&mut download::Chunks) -> Result<(), files::ExportError> + Send + 'static,
) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(files::content_type(name))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .streaming(download::stream(name.to_string(), turn, make))
}

/// How long an export waits for its turn before the rapporteur is asked to retry.
pub const EXPORT_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// Exports built at once: half the machine's cores, at least one (issue #11, item 2:
/// four parallel exports of 20,000 entries on two cores made phones' pages take
/// 591 ms at the median; the others wait their turn, the phones keep a core).
pub fn exports_at_once() -> usize {
    std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1))
}

/// A turn to build an export, waiting up to [`EXPORT_WAIT`]; a download keeps it while
/// it is made and sent (see [`download::stream`]).
///
/// # Errors
/// [`AppError::ExportsBusy`] when the wait ends first.
pub(super) async fn turn(state: &AppState) -> Result<OwnedSemaphorePermit, AppError> {
    let busy = AppError::ExportsBusy {
        retry_after_secs: 30,
    };
    let exports = Arc::clone(&state.exports);
    match tokio::time::timeout(EXPORT_WAIT, exports.acquire_owned()).await {
        Ok(Ok(permit)) => Ok(permit),
        _ => Err(busy),
    }
}

/// Runs `work` on a blocking thread.
async fn off_the_workers<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    web::block(work)
        .await
        .map_err(|e| AppError::Internal(format!("export thread: {e}")))?
}

/// `GET /f/{key}/export/{file}`: one of [`FILES`] (CSV files take
/// `?dialect=excel-fr`), or `atelier.zip` with everything; anything else is a 404. At
/// most [`exports_at_once`] exports are made and sent at once; the others wait their turn
/// (a 503 after [`EXPORT_WAIT`]). The file is sent as it is made, without a length.
pub async fn download(
    req: HttpRequest,
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (_, file) = path.into_inner();
    if file != "atelier.zip" && !FILES.contains(&file.as_str()) {
        return Err(AppError::NotFound);
    }
    let dialect = dialect(&req)?;
    if file == "keywords.csv" || file == "keywords.svg" {
        // From the live model: no full load (issue #15), and no export turn: made in a few
        // milliseconds, it never waits behind a long download (stop 20's trial: a client
        // reading event.zip at 2 KB/s held another workshop's keywords.csv 25.7 s).
        let groups = state
            .tallies
            .keyword_counts(facilitator.workshop.id)
            .await?
            .ok_or(AppError::NotFound)?;
        let prefix = facilitator.workshop.join_code.to_lowercase();
        let name = file_name(&prefix, &file, dialect);
        let language = facilitator.workshop.language;
        let title = cloud::title(language, &facilitator.workshop.title);
        return Ok(attachment(&name, None, move |out| {
            if file == "keywords.svg" {
                std::io::Write::write_all(
                    out,
                    cloud::svg(&cloud::visible(&groups), &title).as_bytes(),
                )?;
            } else {
                crate::report::csv::keywords(out, &groups, dialect.for_language(language))?;
            }
            Ok(())
        }));
    }
    let turn = turn(&state).await?;
    let tallies = state
        .tallies
        .export(facilitator.workshop.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let prefix = tallies.workshop.join_code.to_lowercase();
    let name = file_name(&prefix, &file, dialect);
    Ok(attachment(&name, Some(turn), move |out| {
        if file == "atelier.zip" {
            files::write_zip(&tallies, dialect, out)?;
        } else {
            files::write(&tallies, &file, dialect, out)?;
        }
        Ok(())
    }))
}

/// `GET /f/{key}/report`: the report as a page, in the workshop's language. The page
/// holds no link back to the dashboard: printed or forwarded, it never carries the
/// facilitator's key.
pub async fn report(
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
) -> Result<HttpResponse, AppError> {
    report_page(&state, facilitator.workshop.id).await
}

/// The report page of workshop `id` (the facilitator's and the share link's), made from
/// the workshop's [`crate::tallies::Export`] on a blocking thread in its turn among the
/// exports.
///
/// # Errors
/// [`AppError::NotFound`] when the workshop is gone; store and template errors.
pub async fn report_page(state: &AppState, id: WorkshopId) -> Result<HttpResponse, AppError> {
    let _turn = turn(state).await?;
    let tallies = state.tallies.export(id).await?.ok_or(AppError::NotFound)?;
    let body = off_the_workers(move || Ok(page::render(&Report::new(&tallies))?)).await?;
    Ok(html(StatusCode::OK, body))
}
