//! Every file the rapporteur can take away, by name, and the ZIP that holds them all.

use std::collections::HashMap;
use std::io::Write;

use chrono::{Datelike, Timelike};

use super::csv::{self, Dialect};
use super::document::Report;
use super::{cloud, docx, french_excel, xlsx};
use crate::store::{RawRows, StoreError};
use crate::tallies::Export;

/// The files of `/f/{key}/export/{file}` and of `atelier export`.
pub const FILES: [&str; 9] = [
    "report.md",
    "report.docx",
    "workshop.xlsx",
    "keywords.svg",
    "entries.csv",
    "keywords.csv",
    "keyword-entries.csv",
    "findings.csv",
    "votes.csv",
];

/// Why a file could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("reading the rows: {0}")]
    Store(#[from] StoreError),
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
        Some("svg") => "image/svg+xml",
        _ => "text/csv; charset=utf-8",
    }
}

/// Writes the file `name` (one of [`FILES`]) of `tallies` to `out`, CSV files in
/// `dialect`, as it is made: the CSV files and the workbook a row at a time, the rows
/// read from the database as they are written ([`Export::read_rows`]), the reports a
/// paragraph or a line at a time. `false` for an unknown name, nothing written.
///
/// # Errors
/// See [`ExportError`]; an error of `out` is one.
pub fn write(
    tallies: &Export,
    name: &str,
    dialect: Dialect,
    out: impl Write + Send,
) -> Result<bool, ExportError> {
    tallies.read_rows(|rows| write_from(tallies, rows, name, dialect, out))
}

/// [`write`], the raw rows read from `rows`.
fn write_from(
    tallies: &Export,
    rows: &RawRows<'_>,
    name: &str,
    dialect: Dialect,
    mut out: impl Write + Send,
) -> Result<bool, ExportError> {
    let w = &tallies.workshop;
    let tz = w.time_zone;
    let dialect = dialect.for_language(w.language);
    match name {
        "report.md" => Report::new(tallies).write_markdown(out)?,
        "report.docx" => docx::write(&Report::new(tallies), out)?,
        "workshop.xlsx" => xlsx::write(tallies, rows, out)?,
        "keywords.svg" => out.write_all(
            cloud::svg(
                &cloud::visible(&tallies.summary.keywords),
                &cloud::title(w.language, &w.title),
            )
            .as_bytes(),
        )?,
        "entries.csv" => {
            let mut file = csv::Entries::new(out, tz, dialect)?;
            rows.entries(|e| -> Result<(), ExportError> { Ok(file.row(&e)?) })?;
            file.finish()?;
        }
        "keywords.csv" => csv::keywords(out, &tallies.summary.keywords, dialect)?,
        "keyword-entries.csv" => {
            let language = w.language;
            let summary = &tallies.summary;
            // The label of each group key, the first group of that key winning.
            let mut labels: HashMap<&str, &str> = HashMap::new();
            for k in summary.keywords.iter().chain(&summary.hidden_keywords) {
                labels.entry(&k.key).or_insert(&k.label);
            }
            let mut file = csv::KeywordEntries::new(out, tz, dialect)?;
            rows.keywords(|row| -> Result<(), ExportError> {
                let group = tallies.corrections.group_of(&row.text, language);
                let label = labels.get(group.as_str()).copied().unwrap_or_default();
                Ok(file.row(&row, label.to_string())?)
            })?;
            file.finish()?;
        }
        "findings.csv" => {
            let mut file = csv::Findings::new(out, tz, dialect)?;
            rows.findings(|f| -> Result<(), ExportError> { Ok(file.row(&f)?) })?;
            file.finish()?;
        }
        "votes.csv" => csv::votes(
            out,
            &tallies.summary.ranking,
            tallies.summary.participation.voters,
            dialect,
        )?,
        _ => return Ok(false),
    }
    Ok(true)
}

/// Writes to `out` everything in one ZIP: the report (HTML, Markdown, Word), the workbook,
/// and every CSV file in `dialect` (named `votes-excel-fr.csv`… in the French Excel
/// dialect); gives `out` back. The one place the ZIP is assembled,
/// for the web and the command line. The ZIP is written as it is made, one file after the
/// other, each entry's sizes in a descriptor after its data (so `out` need not seek):
/// what it costs in memory is the file being made, not the archive. The raw rows of
/// every file are read in one read transaction, so the files agree with each other.
///
/// # Errors
/// See [`ExportError`]; an error of `out` is one.
pub fn write_zip<W: Write + Send>(
    tallies: &Export,
    dialect: Dialect,
    out: W,
) -> Result<W, ExportError> {
    let mut archive = zip::ZipWriter::new_stream(out);
    add_to_zip(
        &mut archive,
        tallies,
        dialect,
        "",
        zip_options(tallies.workshop.time_zone),
    )?;
    Ok(archive.finish()?.into_inner())
}

/// The options of a ZIP's entries: compressed, dated now, not 1980, so that file managers
/// show when the ZIP was made. ZIP times have no zone and are read as local: `time_zone`'s
/// (the workshop's or the event's), like the times in the files.
pub fn zip_options(time_zone: chrono_tz::Tz) -> zip::write::SimpleFileOptions {
    let now = chrono::Utc::now().with_timezone(&time_zone).naive_local();
    let stamp = zip::DateTime::from_date_and_time(
        u16::try_from(now.year()).unwrap_or(1980),
        u8::try_from(now.month()).unwrap_or(1),
        u8::try_from(now.day()).unwrap_or(1),
        u8::try_from(now.hour()).unwrap_or(0),
        u8::try_from(now.minute()).unwrap_or(0),
        u8::try_from(now.second()).unwrap_or(0),
    )
    .unwrap_or_default();
    zip::write::SimpleFileOptions::default().last_modified_time(stamp)
}

/// Adds the files of a workshop's ZIP ([`write_zip`]) to `archive`, one entry after the
/// other, each name after `folder` (`""`, or `"SOLIDA-solidarites-sociales/"` in the event's ZIP).
/// The raw rows of every file are read in one read transaction, so the files agree.
///
/// # Errors
/// See [`ExportError`].
pub fn add_to_zip<W: Write + Send>(
    archive: &mut zip::ZipWriter<zip::write::StreamWriter<W>>,
    tallies: &Export,
    dialect: Dialect,
    folder: &str,
    options: zip::write::SimpleFileOptions,
) -> Result<(), ExportError> {
    archive.start_file(format!("{folder}report.html"), options)?;
    super::page::write(&Report::new(tallies), &mut *archive)?;
    tallies.read_rows(|rows| -> Result<(), ExportError> {
        for name in FILES {
            let file = french_excel::file_name(name, dialect);
            archive.start_file(format!("{folder}{file}"), options)?;
            write_from(tallies, rows, name, dialect, &mut *archive)?;
        }
        Ok(())
    })
}
