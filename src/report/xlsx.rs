//! The workbook (`workshop.xlsx`, issue #5), written with `rust_xlsxwriter`: one sheet per
//! tally and one for raw entries; numbers as numbers, times as dates; header row frozen
//! and bold, column widths set. Every participant text is written as a string cell, so
//! nothing typed on a phone can run as a formula, through [`fit`]: without the characters
//! XML forbids, and within Excel's 32,767 characters a cell (a longer text, such as the
//! spellings of a keyword group, is cut between two grapheme clusters and ends with "…";
//! the CSV files keep it whole). Each sheet holds one row in memory, the rows before it
//! waiting in a temporary file, so that a workshop of 100,000 keywords does not cost a
//! hundred megabytes of cells (issue #15).

use std::borrow::Cow;
use std::io::Write;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::csv::share;
use super::files::ExportError;
use chrono_tz::Tz;

use super::local_time;
use crate::domain::text::{shorten_utf16, xml_safe};
use crate::i18n::Tr;
use crate::store::{EntryValue, RawRows};
use crate::tallies::Export;

/// Most characters Excel holds in a cell, counted in UTF-16 code units as Excel and
/// `rust_xlsxwriter` count them (a longer string is an error that would fail the export).
pub const CELL_MAX_CHARS: usize = 32_767;

/// `text` as a workbook cell may hold it: XML-safe, at most [`CELL_MAX_CHARS`].
pub fn fit(text: &str) -> Cow<'_, str> {
    match xml_safe(text) {
        Cow::Borrowed(safe) => shorten_utf16(safe, CELL_MAX_CHARS),
        Cow::Owned(safe) => Cow::Owned(shorten_utf16(&safe, CELL_MAX_CHARS).into_owned()),
    }
}

/// A sheet named `name` in rust_xlsxwriter's "constant memory" mode (each row goes to a
/// temporary file once the next one starts; texts are written in their cells, not in a
/// shared table); an ordinary sheet, all in memory, when no temporary file can be made.
fn new_sheet(book: &mut Workbook, name: String) -> Result<Worksheet, XlsxError> {
    let mut sheet = book
        .new_worksheet_with_constant_memory()
        .unwrap_or_else(|e| {
            tracing::warn!("workbook sheet kept in memory: {e}");
            Worksheet::new()
        });
    sheet.set_name(name)?;
    Ok(sheet)
}

fn header(sheet: &mut Worksheet, names: &[String], widths: &[f64]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    for (col, (name, width)) in (0u16..).zip(names.iter().zip(widths)) {
        sheet.write_string_with_format(0, col, name, &bold)?;
        sheet.set_column_width(col, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn time(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    utc: &str,
    time_zone: Tz,
    format: &Format,
) -> Result<(), XlsxError> {
    let local = local_time(utc, time_zone);
    match ExcelDateTime::parse_from_str(&local) {
        Ok(datetime) => sheet.write_datetime_with_format(row, col, datetime, format)?,
        Err(_) => sheet.write_string(row, col, local)?,
    };
    Ok(())
}

fn int(n: impl TryInto<i64>) -> f64 {
    n.try_into().unwrap_or(0) as f64
}

/// Writes the workbook of `tallies` to `out` as an `.xlsx` file, sheet and column names in
/// the workshop's language: the counts from `tallies`, the findings and the raw entries
/// from `rows` as they are read ([`RawRows::findings`], [`RawRows::entries`]: the
/// files' order).
///
/// # Errors
/// When `out` fails, a temporary file of a sheet cannot be read back, or the rows cannot
/// be read.
pub fn write(
    tallies: &Export,
    rows: &RawRows<'_>,
    out: impl Write + Send,
) -> Result<(), ExportError> {
    let tr = Tr::new(tallies.workshop.language);
    let tz = tallies.workshop.time_zone;
    let date = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    let percent = Format::new().set_num_format("0.0");
    let mut book = Workbook::new();

    let mut sheet = new_sheet(&mut book, tr.t("sheet-keywords"))?;
    header(
        &mut sheet,
        &[tr.t("col-keyword"), tr.t("col-count"), tr.t("col-variants")],
        &[30.0, 10.0, 60.0],
    )?;
    for (row, k) in (1u32..).zip(&tallies.summary.keywords) {
        sheet.write_string(row, 0, fit(&k.label))?;
        sheet.write_number(row, 1, int(k.count))?;
        let variants = k
            .variants
            .iter()
            .map(|(s, n)| format!("{s} ({n})"))
            .collect::<Vec<_>>()
            .join(" | ");
        sheet.write_string(row, 2, fit(&variants))?;
    }
    book.push_worksheet(sheet);

    let mut sheet = new_sheet(&mut book, tr.t("sheet-findings"))?;
    header(
        &mut sheet,
        &[
            tr.t("finding-category"),
            tr.t("col-finding"),
            tr.t("col-supports"),
            tr.t("col-time"),
            tr.t("col-participant"),
            tr.t("col-hidden"),
        ],
        &[16.0, 70.0, 10.0, 20.0, 12.0, 10.0],
    )?;
    let mut row = 0u32;
    rows.findings(|f| -> Result<(), ExportError> {
        row += 1;
        sheet.write_string(row, 0, fit(&f.category_label))?;
        sheet.write_string(row, 1, fit(&f.text))?;
        sheet.write_number(row, 2, int(f.supports))?;
        time(&mut sheet, row, 3, &f.submitted_at, tz, &date)?;
        sheet.write_string(row, 4, format!("P{}", f.participant_seq))?;
        sheet.write_boolean(row, 5, !f.counts())?;
        Ok(())
    })?;
    book.push_worksheet(sheet);

    let mut sheet = new_sheet(&mut book, tr.t("sheet-recommendations"))?;
    header(
        &mut sheet,
        &[
            tr.t("col-rank"),
            tr.t("col-recommendation"),
            tr.t("col-dots"),
            tr.t("col-voters"),
            tr.t("col-share"),
        ],
        &[8.0, 70.0, 12.0, 10.0, 16.0],
    )?;
    let voters = tallies.summary.participation.voters;
    for (row, r) in (1u32..).zip(&tallies.summary.ranking) {
        sheet.write_number(row, 0, int(r.rank))?;
        sheet.write_string(row, 1, fit(&r.totals.text))?;
        sheet.write_number(row, 2, int(r.totals.dots))?;
        sheet.write_number(row, 3, int(r.totals.voters))?;
        sheet.write_number_with_format(row, 4, share(r.totals.voters, voters), &percent)?;
    }
    book.push_worksheet(sheet);

    let mut sheet = new_sheet(&mut book, tr.t("sheet-entries"))?;
    header(
        &mut sheet,
        &[
            tr.t("col-time"),
            tr.t("col-participant"),
            tr.t("col-kind"),
            tr.t("finding-category"),
            tr.t("col-recommendation"),
            tr.t("col-text"),
            tr.t("col-value"),
            tr.t("col-hidden"),
            tr.t("col-vote-code"),
        ],
        &[20.0, 12.0, 12.0, 16.0, 40.0, 60.0, 10.0, 10.0, 14.0],
    )?;
    let mut row = 0u32;
    rows.entries(|e| -> Result<(), ExportError> {
        row += 1;
        time(&mut sheet, row, 0, &e.submitted_at, tz, &date)?;
        sheet.write_string(row, 1, e.participant())?;
        sheet.write_string(row, 2, tr.t(format!("kind-{}", e.kind)))?;
        sheet.write_string(row, 3, fit(&e.category))?;
        sheet.write_string(row, 4, fit(&e.recommendation))?;
        sheet.write_string(row, 5, fit(&e.text))?;
        match &e.value {
            EntryValue::Dots(n) => {
                sheet.write_number(row, 6, int(*n))?;
            }
            EntryValue::Status(status) => {
                sheet.write_string(row, 6, tr.t(format!("proposal-status-{status}")))?;
            }
            EntryValue::None => {}
        }
        sheet.write_boolean(row, 7, e.hidden)?;
        if e.kind == "dots" {
            sheet.write_boolean(row, 8, e.with_code)?;
        }
        Ok(())
    })?;
    book.push_worksheet(sheet);
    Ok(book.save_to_writer(out)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_fits_excel_and_xml() {
        assert_eq!(fit("court"), "court");
        assert_eq!(fit("a\u{FFFE}b"), "ab");
        let long = "👍🏽".repeat(10_000);
        let cell = fit(&long);
        assert!(cell.encode_utf16().count() <= CELL_MAX_CHARS);
        assert!(cell.ends_with("👍🏽…"), "cut between two clusters");
    }
}
