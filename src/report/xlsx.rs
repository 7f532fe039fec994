//! The workbook (`workshop.xlsx`, issue #5), written with `rust_xlsxwriter`: one sheet per
//! tally and one for raw entries; numbers as numbers, times as dates; header row frozen
//! and bold, column widths set. Every participant text is written as a string cell, so
//! nothing typed on a phone can run as a formula.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::csv::{Entry, share};
use super::document::Report;
use chrono_tz::Tz;

use super::local_time;
use crate::tallies::Tallies;

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

/// The workbook of `tallies` as the bytes of an `.xlsx` file, sheet and column names in
/// the workshop's language.
///
/// # Errors
/// When the workbook cannot be written (not expected for in-memory data).
pub fn render(tallies: &Tallies, entries: &[Entry]) -> Result<Vec<u8>, XlsxError> {
    let report = Report::new(tallies);
    let tr = report.tr;
    let tz = tallies.workshop.time_zone;
    let date = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    let percent = Format::new().set_num_format("0.0");
    let mut book = Workbook::new();

    let sheet = book.add_worksheet().set_name(tr.t("sheet-keywords"))?;
    header(
        sheet,
        &[tr.t("col-keyword"), tr.t("col-count"), tr.t("col-variants")],
        &[30.0, 10.0, 60.0],
    )?;
    for (row, k) in (1u32..).zip(&tallies.summary.keywords) {
        sheet.write_string(row, 0, &k.label)?;
        sheet.write_number(row, 1, int(k.count))?;
        let variants = k
            .variants
            .iter()
            .map(|(s, n)| format!("{s} ({n})"))
            .collect::<Vec<_>>()
            .join(" | ");
        sheet.write_string(row, 2, variants)?;
    }

    let sheet = book.add_worksheet().set_name(tr.t("sheet-findings"))?;
    header(
        sheet,
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
    for (row, f) in (1u32..).zip(&tallies.findings) {
        sheet.write_string(row, 0, &f.category_label)?;
        sheet.write_string(row, 1, &f.text)?;
        sheet.write_number(row, 2, int(f.supports))?;
        time(sheet, row, 3, &f.submitted_at, tz, &date)?;
        sheet.write_string(row, 4, format!("P{}", f.participant_seq))?;
        sheet.write_boolean(row, 5, !f.counts())?;
    }

    let sheet = book
        .add_worksheet()
        .set_name(tr.t("sheet-recommendations"))?;
    header(
        sheet,
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
        sheet.write_string(row, 1, &r.totals.text)?;
        sheet.write_number(row, 2, int(r.totals.dots))?;
        sheet.write_number(row, 3, int(r.totals.voters))?;
        sheet.write_number_with_format(row, 4, share(r.totals.voters, voters), &percent)?;
    }

    let sheet = book.add_worksheet().set_name(tr.t("sheet-entries"))?;
    header(
        sheet,
        &[
            tr.t("col-time"),
            tr.t("col-participant"),
            tr.t("col-kind"),
            tr.t("finding-category"),
            tr.t("col-recommendation"),
            tr.t("col-text"),
            tr.t("col-value"),
            tr.t("col-hidden"),
        ],
        &[20.0, 12.0, 12.0, 16.0, 40.0, 60.0, 10.0, 10.0],
    )?;
    for (row, e) in (1u32..).zip(entries) {
        time(sheet, row, 0, &e.submitted_at, tz, &date)?;
        sheet.write_string(row, 1, &e.participant)?;
        sheet.write_string(row, 2, tr.t(format!("kind-{}", e.kind)))?;
        sheet.write_string(row, 3, &e.category)?;
        sheet.write_string(row, 4, &e.recommendation)?;
        sheet.write_string(row, 5, &e.text)?;
        match e.value.parse::<i64>() {
            Ok(n) => sheet.write_number(row, 6, int(n))?,
            Err(_) if e.kind == "proposal" => {
                sheet.write_string(row, 6, tr.t(format!("proposal-status-{}", e.value)))?
            }
            Err(_) => sheet.write_string(row, 6, &e.value)?,
        };
        sheet.write_boolean(row, 7, e.hidden)?;
    }
    book.save_to_buffer()
}
