//! The event's workbook (`event.xlsx`): one sheet per tally over every workshop, each
//! row with its workshop's chapter title and join code in the first columns — keywords,
//! the event-wide keywords with their workshops, findings, recommendations and
//! participation — written with the workshop workbook's helpers
//! ([`crate::report::xlsx`]): numbers as numbers, times as dates, header frozen and bold,
//! every text a string cell through [`fit`], each sheet in constant memory.

use std::io::Write;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::report::files::ExportError;

use super::{Chapter, Proceedings};
use crate::report::csv::share;
use crate::report::xlsx::{TallRows, fit, header, int, new_sheet, time};
use crate::tallies::event::EventTallies;

/// The workshop's two first cells of a row: its chapter title (wrapped, so a long one is
/// read whole rather than cut by the join code beside it) and join code.
fn workshop(sheet: &mut Worksheet, row: u32, chapter: &Chapter<'_>) -> Result<(), XlsxError> {
    let wrapped = Format::new().set_text_wrap();
    sheet.write_string_with_format(row, 0, fit(&chapter.report.title), &wrapped)?;
    sheet.write_string(row, 1, fit(&chapter.join_code))?;
    Ok(())
}

/// The width of the workshop column, in characters: the longest chapter title, between
/// 30 and 60 (longer ones wrap).
fn title_width(p: &Proceedings<'_>) -> f64 {
    let longest = p
        .chapters
        .iter()
        .map(|c| c.report.title.chars().count())
        .max()
        .unwrap_or(0);
    (longest as f64 + 2.0).clamp(30.0, 60.0)
}

/// Writes the workbook of `event` (whose proceedings are `p`) to `out` as an `.xlsx`
/// file, sheet and column names in the proceedings' language.
///
/// # Errors
/// When `out` fails, a temporary file of a sheet cannot be read back, or a workshop's
/// findings cannot be read.
pub fn write(
    event: &EventTallies,
    p: &Proceedings<'_>,
    out: impl Write + Send,
) -> Result<(), ExportError> {
    let tr = p.tr;
    let date = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    let percent = Format::new().set_num_format("0%");
    let wrapped = Format::new().set_text_wrap();
    let title = title_width(p);
    let mut tall = TallRows::new();
    let mut book = Workbook::new();
    let first = |more: &[&str]| {
        [tr.t("col-workshop"), tr.t("col-join-code")]
            .into_iter()
            .chain(more.iter().map(|id| tr.t(id)))
            .collect::<Vec<_>>()
    };
    let chapters = p.chapters.iter().zip(&event.workshops);

    let mut sheet = new_sheet(&mut book, tr.t("sheet-keywords"))?;
    header(
        &mut sheet,
        &first(&["col-keyword", "col-count", "col-variants"]),
        &[title, 10.0, 30.0, 10.0, 60.0],
    )?;
    let mut row = 1u32;
    for (chapter, tallies) in chapters.clone() {
        for k in &tallies.summary.keywords {
            workshop(&mut sheet, row, chapter)?;
            sheet.write_string(row, 2, fit(&k.label))?;
            sheet.write_number(row, 3, int(k.count))?;
            let variants = k
                .variants
                .iter()
                .map(|(s, n)| format!("{s} ({n})"))
                .collect::<Vec<_>>()
                .join(" | ");
            sheet.write_string_with_format(row, 4, fit(&variants), &wrapped)?;
            tall.fit(
                &mut sheet,
                row,
                &[(&chapter.report.title, title), (&variants, 60.0)],
            )?;
            row += 1;
        }
    }
    book.push_worksheet(sheet);

    let mut sheet = new_sheet(&mut book, tr.t("sheet-event-keywords"))?;
    header(
        &mut sheet,
        &[
            tr.t("col-keyword"),
            tr.t("col-count"),
            tr.t("col-workshops"),
        ],
        &[30.0, 10.0, 80.0],
    )?;
    for (row, k) in (1u32..).zip(&p.keywords) {
        sheet.write_string(row, 0, fit(&k.label))?;
        sheet.write_number(row, 1, int(k.count))?;
        let names = k
            .chapters
            .iter()
            .filter_map(|n| p.chapters.get(n - 1))
            .map(|c| c.report.title.as_str())
            .collect::<Vec<_>>()
            .join(" | ");
        sheet.write_string_with_format(row, 2, fit(&names), &wrapped)?;
        tall.fit(&mut sheet, row, &[(&names, 80.0)])?;
    }
    book.push_worksheet(sheet);

    let mut sheet = new_sheet(&mut book, tr.t("sheet-findings"))?;
    header(
        &mut sheet,
        &first(&[
            "finding-category",
            "col-text",
            "col-supports",
            "col-time",
            "col-participant",
            "col-hidden",
        ]),
        &[title, 10.0, 16.0, 70.0, 10.0, 20.0, 12.0, 10.0],
    )?;
    let mut row = 1u32;
    // Each workshop's findings read from the database as they are written, one
    // workshop's read transaction after the other.
    for (chapter, tallies) in chapters.clone() {
        let tz = tallies.workshop.time_zone;
        tallies.read_rows(|rows| {
            rows.findings(|f| -> Result<(), ExportError> {
                workshop(&mut sheet, row, chapter)?;
                sheet.write_string(row, 2, fit(&f.category_label))?;
                sheet.write_string_with_format(row, 3, fit(&f.text), &wrapped)?;
                tall.fit(
                    &mut sheet,
                    row,
                    &[(&chapter.report.title, title), (&f.text, 70.0)],
                )?;
                sheet.write_number(row, 4, int(f.supports))?;
                time(&mut sheet, row, 5, &f.submitted_at, tz, &date)?;
                sheet.write_string(row, 6, format!("P{}", f.participant_seq))?;
                sheet.write_boolean(row, 7, !f.counts())?;
                row += 1;
                Ok(())
            })
        })?;
    }
    book.push_worksheet(sheet);

    let mut sheet = new_sheet(&mut book, tr.t("sheet-recommendations"))?;
    header(
        &mut sheet,
        &first(&[
            "col-rank",
            "col-recommendation",
            "col-dots",
            "col-voters",
            "col-share",
        ]),
        &[title, 10.0, 8.0, 70.0, 12.0, 10.0, 16.0],
    )?;
    let mut row = 1u32;
    for (chapter, tallies) in chapters.clone() {
        let voters = tallies.summary.participation.voters;
        for r in &tallies.summary.ranking {
            workshop(&mut sheet, row, chapter)?;
            sheet.write_number(row, 2, int(r.rank))?;
            sheet.write_string_with_format(row, 3, fit(&r.totals.text), &wrapped)?;
            tall.fit(
                &mut sheet,
                row,
                &[(&chapter.report.title, title), (&r.totals.text, 70.0)],
            )?;
            sheet.write_number(row, 4, int(r.totals.dots))?;
            sheet.write_number(row, 5, int(r.totals.voters))?;
            sheet.write_number_with_format(
                row,
                6,
                share(r.totals.voters, voters) / 100.0,
                &percent,
            )?;
            row += 1;
        }
    }
    book.push_worksheet(sheet);

    let mut sheet = new_sheet(&mut book, tr.t("sheet-participation"))?;
    header(
        &mut sheet,
        &first(&["col-phones", "col-keywords", "col-findings", "col-voters"]),
        &[title, 10.0, 12.0, 12.0, 12.0, 12.0],
    )?;
    let (rows, _) = p.participation();
    // A row per workshop (at most MAX_WORKSHOPS), each given its title's height from a
    // budget of its own: the sheets before may have spent the workbook's.
    let mut tall = TallRows::new();
    for (row, (chapter, n)) in (1u32..).zip(rows) {
        workshop(&mut sheet, row, chapter)?;
        tall.fit(&mut sheet, row, &[(&chapter.report.title, title)])?;
        sheet.write_number(row, 2, int(n.participants))?;
        sheet.write_number(row, 3, int(n.keywords))?;
        sheet.write_number(row, 4, int(n.findings))?;
        sheet.write_number(row, 5, int(n.voters))?;
    }
    book.push_worksheet(sheet);
    Ok(book.save_to_writer(out)?)
}
