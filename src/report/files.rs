//! Every file the rapporteur can take away, by name, and the ZIP that holds them all.

use std::io::Write;

use chrono::{Datelike, Timelike};

use super::csv::{self, Dialect};
use super::document::Report;
use super::{docx, xlsx};
use crate::tallies::Tallies;

/// The files of `/f/{key}/export/{file}` and of `atelier export`.
pub const FILES: [&str; 8] = [
    "report.md",
    "report.docx",
    "workshop.xlsx",
    "entries.csv",
    "keywords.csv",
    "keyword-entries.csv",
    "findings.csv",
    "votes.csv",
];

/// Why a file could not be made (none is expected for in-memory data).
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("writing CSV: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("writing the workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("writing an archive: {0}")]
    Io(#[from] std::io::Error),
    #[error("writing the ZIP: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("rendering the report page: {0}")]
    Page(#[from] askama::Error),
}

/// The media type of a file name.
pub fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("md") => "text/markdown; charset=utf-8",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Some("html") => "text/html; charset=utf-8",
        Some("zip") => "application/zip",
        _ => "text/csv; charset=utf-8",
    }
}

/// The file `name` (one of [`FILES`]) of `tallies`, CSV files in `dialect`; `None` for an
/// unknown name.
///
/// # Errors
/// See [`ExportError`].
pub fn render(
    tallies: &Tallies,
    name: &str,
    dialect: Dialect,
) -> Result<Option<Vec<u8>>, ExportError> {
    let w = &tallies.workshop;
    let tz = w.time_zone;
    Ok(Some(match name {
        "report.md" => Report::new(tallies).markdown().into_bytes(),
        "report.docx" => docx::render(&Report::new(tallies))?,
        "workshop.xlsx" => xlsx::render(tallies, &csv::entries(tallies))?,
        "entries.csv" => csv::entries_csv(&csv::entries(tallies), tz, dialect)?,
        "keywords.csv" => csv::keywords(&tallies.summary.keywords, dialect)?,
        "keyword-entries.csv" => {
            let corrections = tallies.keyword_corrections();
            let language = w.language;
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
            csv::keyword_entries(&tallies.keyword_rows, label, tz, dialect)?
        }
        "findings.csv" => csv::findings(&tallies.findings, tz, dialect)?,
        "votes.csv" => csv::votes(
            &tallies.summary.ranking,
            tallies.summary.participation.voters,
            dialect,
        )?,
        _ => return Ok(None),
    }))
}

/// Everything in one ZIP: the report (HTML, Markdown, Word), the workbook, and every CSV
/// file in `dialect`. The one place the ZIP is assembled, for the web and the command line.
///
/// # Errors
/// See [`ExportError`].
pub fn zip_all(tallies: &Tallies, dialect: Dialect) -> Result<Vec<u8>, ExportError> {
    let report_html = super::page::render(&Report::new(tallies), String::new())?;
    let mut archive = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // Entries dated now (UTC), not 1980: file managers show when the ZIP was made.
    let now = chrono::Utc::now().naive_utc();
    let stamp = zip::DateTime::from_date_and_time(
        u16::try_from(now.year()).unwrap_or(1980),
        u8::try_from(now.month()).unwrap_or(1),
        u8::try_from(now.day()).unwrap_or(1),
        u8::try_from(now.hour()).unwrap_or(0),
        u8::try_from(now.minute()).unwrap_or(0),
        u8::try_from(now.second()).unwrap_or(0),
    )
    .unwrap_or_default();
    let options = zip::write::SimpleFileOptions::default().last_modified_time(stamp);
    archive.start_file("report.html", options)?;
    archive.write_all(report_html.as_bytes())?;
    for name in FILES {
        if let Some(bytes) = render(tallies, name, dialect)? {
            archive.start_file(name, options)?;
            archive.write_all(&bytes)?;
        }
    }
    Ok(archive.finish()?.into_inner())
}
