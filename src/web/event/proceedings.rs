//! The organiser's downloads of an event (issue #14, item 4) under `/o/{key}/export/`:
//! the proceedings (`report.md`, `report.docx`, `report.html`), the event workbook
//! (`event.xlsx`) and `event.zip`. They take their turn among the exports and are sent as
//! they are made, like a workshop's ([`crate::web::export`]).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use super::OrganiserEvent;
use crate::report::csv::Dialect;
use crate::report::files::content_type;
use crate::report::proceedings::files::{self, EVENT_FILES};
use crate::web::AppState;
use crate::web::download;
use crate::web::errors::AppError;
use crate::web::export::{attachment, dialect, turn};

/// `GET /o/{key}/export/{file}`: one of [`EVENT_FILES`] of the organiser's event
/// ([`OrganiserEvent`]) (`event.zip` takes `?dialect=excel-fr` for its CSV files); a wrong key or an
/// unknown file is a 404. `report.html` is shown in the browser (the page to print), the
/// others are downloads. The file is named after the event's code
/// (`leader2019-report.docx`).
pub async fn download(
    req: HttpRequest,
    state: web::Data<AppState>,
    organiser: OrganiserEvent,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (_, file) = path.into_inner();
    if !EVENT_FILES.contains(&file.as_str()) {
        return Err(AppError::NotFound);
    }
    let event = organiser.event;
    let dialect = dialect(&req)?;
    let turn = turn(&state).await?;
    let prefix = event.code.to_lowercase();
    let tallies = state.tallies.event_full(event).await?;
    let name = match (dialect, file.as_str()) {
        (Dialect::ExcelFr { .. }, "event.zip") => format!("{prefix}-event-excel-fr.zip"),
        _ => format!("{prefix}-{file}"),
    };
    let make = move |out: &mut download::Chunks| {
        files::write(&tallies, &file, dialect, out)?;
        Ok(())
    };
    if name.ends_with(".html") {
        // The page to read and print, shown in the browser like the workshop's report.
        return Ok(HttpResponse::Ok()
            .content_type(content_type(&name))
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .streaming(download::stream(name, Some(turn), make)));
    }
    Ok(attachment(&name, Some(turn), make))
}
