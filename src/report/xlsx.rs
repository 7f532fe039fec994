//! The workbook (`workshop.xlsx`, issue #5), written with `rust_xlsxwriter`: the keywords,
//! one sheet per finding category (named after it: "Constat", "Difficulté"…), the
//! recommendations with a native bar chart of their dots, and the raw entries; numbers as
//! numbers, shares as percentages, times as dates; header row frozen and bold, column
//! widths set, long texts wrapped; printed in landscape on A4, one page wide, the header
//! row repeated on each page (issue #13, item 6). Every participant text is written as a string cell, so
//! nothing typed on a phone can run as a formula, through [`fit`]: without the characters
//! XML forbids, and within Excel's 32,767 characters a cell (a longer text, such as the
//! spellings of a keyword group, is cut between two grapheme clusters and ends with "…";
//! the CSV files keep it whole). Each sheet holds one row in memory, the rows before it
//! waiting in a temporary file, so that a workshop of 100,000 keywords does not cost a
//! hundred megabytes of cells (issue #15).

use std::borrow::Cow;
use std::io::Write;

use rust_xlsxwriter::{
    Chart, ChartDataLabel, ChartType, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet,
    XlsxError,
};

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
pub(super) fn new_sheet(book: &mut Workbook, name: String) -> Result<Worksheet, XlsxError> {
    let mut sheet = book
        .new_worksheet_with_constant_memory()
        .unwrap_or_else(|e| {
            tracing::warn!("workbook sheet kept in memory: {e}");
            Worksheet::new()
        });
    sheet.set_name(name)?;
    Ok(sheet)
}

/// Writes the header row (bold, frozen, repeated on each printed page), sets the column
/// widths (in characters) and the print layout: landscape A4, one page wide.
pub(super) fn header(
    sheet: &mut Worksheet,
    names: &[String],
    widths: &[f64],
) -> Result<(), XlsxError> {
    let bold = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    for (col, (name, width)) in (0u16..).zip(names.iter().zip(widths)) {
        sheet.write_string_with_format(0, col, name, &bold)?;
        sheet.set_column_width(col, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_repeat_rows(0, 0)?;
    // Paper size 9 is A4 in Excel's numbering.
    sheet
        .set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    Ok(())
}

/// Most rows of a workbook given a height by [`TallRows::fit`]: `rust_xlsxwriter` keeps
/// each such row's options (about 350 bytes) until the workbook is written, even in
/// constant memory, so the heights are a bounded budget (35 KB), spent in the order the
/// rows are written (keywords, findings, recommendations, entries); measured by
/// `tests/memory.rs`. Rows past it keep the default height: Excel fits a wrapped row on
/// opening, LibreOffice does not.
const TALL_ROWS: usize = 100;

/// The budget of row heights of a workbook (see [`TALL_ROWS`]).
pub(super) struct TallRows {
    left: usize,
}

impl TallRows {
    /// A workbook's whole budget.
    pub(super) fn new() -> Self {
        Self { left: TALL_ROWS }
    }

    /// Gives the row `row` the height of its longest wrapped cell, each of `cells` a text
    /// and its column's width in characters: Excel's default 15 points a line, the lines
    /// estimated from the text's length (a tenth more, as words do not fill a line) and
    /// its line breaks, at most 20 lines; while the budget lasts. LibreOffice does not fit
    /// a row to wrapped text by itself on opening, so without it a long finding overlaps
    /// the next row.
    pub(super) fn fit(
        &mut self,
        sheet: &mut Worksheet,
        row: u32,
        cells: &[(&str, f64)],
    ) -> Result<(), XlsxError> {
        if self.left == 0 {
            return Ok(());
        }
        let lines = cells
            .iter()
            .map(|(text, width)| {
                text.split('\n')
                    .map(|line| {
                        (line.chars().count() as f64 * 1.1 / width.max(1.0))
                            .ceil()
                            .max(1.0)
                    })
                    .sum::<f64>()
            })
            .fold(1.0, f64::max)
            .min(20.0);
        if lines > 1.0 {
            sheet.set_row_height(row, 15.0 * lines)?;
            self.left -= 1;
        }
        Ok(())
    }
}

/// The names of the sheets of `labels` (the finding categories): each label as Excel takes
/// a sheet name — without `[ ] : * ? / \`, not starting or ending with `'`, at most 31
/// characters, never empty — and unique, case aside, among themselves and `taken` (the
/// other sheets), a number added when two would be the same.
pub fn sheet_names(labels: &[&str], taken: &[String]) -> Vec<String> {
    let mut used: Vec<String> = taken.iter().map(|t| t.to_lowercase()).collect();
    let mut names = Vec::with_capacity(labels.len());
    for label in labels {
        let clean: String = label
            .chars()
            .map(|c| {
                if "[]:*?/\\".contains(c) || c.is_control() {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        let clean = clean.trim().trim_matches('\'').trim();
        let base: String = if clean.is_empty() {
            "?".to_string()
        } else {
            clean.chars().take(31).collect()
        };
        let mut name = base.clone();
        let mut n = 2;
        while used.contains(&name.to_lowercase()) {
            let suffix = format!(" ({n})");
            name = base
                .chars()
                .take(31 - suffix.chars().count())
                .collect::<String>()
                + &suffix;
            n += 1;
        }
        used.push(name.to_lowercase());
        names.push(name);
    }
    names
}

pub(super) fn time(
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

pub(super) fn int(n: impl TryInto<i64>) -> f64 {
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
    let percent = Format::new().set_num_format("0%");
    // Wrapped, aligned at the bottom as the other cells of its row.
    let wrapped = Format::new().set_text_wrap();
    let mut tall = TallRows::new();
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
        sheet.write_string_with_format(row, 2, fit(&variants), &wrapped)?;
        tall.fit(&mut sheet, row, &[(&variants, 60.0)])?;
    }
    book.push_worksheet(sheet);

    // One sheet per category, in the workshop's order, each finding written to its own.
    let categories = &tallies.workshop.categories;
    let labels: Vec<&str> = categories.iter().map(|c| c.label.as_str()).collect();
    let others = [
        tr.t("sheet-keywords"),
        tr.t("sheet-recommendations"),
        tr.t("sheet-entries"),
    ];
    // The text's column is headed by the category ("Levier"), not "Constat".
    let finding_header = |label: &str| {
        [
            label.to_string(),
            tr.t("col-supports"),
            tr.t("col-time"),
            tr.t("col-participant"),
            tr.t("col-hidden"),
        ]
    };
    let finding_widths = [70.0, 10.0, 20.0, 12.0, 10.0];
    let mut sheets: Vec<(Worksheet, u32)> = Vec::with_capacity(categories.len());
    for (name, label) in sheet_names(&labels, &others).into_iter().zip(&labels) {
        let mut sheet = new_sheet(&mut book, name)?;
        header(&mut sheet, &finding_header(label), &finding_widths)?;
        sheets.push((sheet, 0));
    }
    rows.findings(|f| -> Result<(), ExportError> {
        let at = categories
            .iter()
            .position(|c| c.slug == f.category_slug)
            .unwrap_or(categories.len());
        if at == sheets.len() {
            // A category the workshop does not list (none expected): a last sheet for
            // such findings, named after the first.
            let mut taken: Vec<String> = others.to_vec();
            taken.extend(sheets.iter().map(|(s, _)| s.name()));
            let name = sheet_names(&[&f.category_label], &taken).remove(0);
            let mut sheet = new_sheet(&mut book, name)?;
            header(
                &mut sheet,
                &finding_header(&f.category_label),
                &finding_widths,
            )?;
            sheets.push((sheet, 0));
        }
        let last = sheets.len() - 1;
        let (sheet, row) = &mut sheets[at.min(last)];
        *row += 1;
        sheet.write_string_with_format(*row, 0, fit(&f.text), &wrapped)?;
        tall.fit(sheet, *row, &[(&f.text, finding_widths[0])])?;
        sheet.write_number(*row, 1, int(f.supports))?;
        time(sheet, *row, 2, &f.submitted_at, tz, &date)?;
        sheet.write_string(*row, 3, format!("P{}", f.participant_seq))?;
        sheet.write_boolean(*row, 4, !f.counts())?;
        Ok(())
    })?;
    for (sheet, _) in sheets {
        book.push_worksheet(sheet);
    }

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
        sheet.write_string_with_format(row, 1, fit(&r.totals.text), &wrapped)?;
        tall.fit(&mut sheet, row, &[(&r.totals.text, 70.0)])?;
        sheet.write_number(row, 2, int(r.totals.dots))?;
        sheet.write_number(row, 3, int(r.totals.voters))?;
        let share = share(r.totals.voters, voters) / 100.0;
        sheet.write_number_with_format(row, 4, share, &percent)?;
    }
    let ranked = u32::try_from(tallies.summary.ranking.len()).unwrap_or(u32::MAX);
    if ranked > 0 {
        sheet.insert_chart(
            ranked + 2,
            1,
            &votes_chart(&sheet.name(), ranked, &tr.t("col-dots")),
        )?;
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
        &[18.0, 12.0, 12.0, 14.0, 30.0, 50.0, 10.0, 9.0, 12.0],
    )?;
    let mut row = 0u32;
    rows.entries(|e| -> Result<(), ExportError> {
        row += 1;
        time(&mut sheet, row, 0, &e.submitted_at, tz, &date)?;
        sheet.write_string(row, 1, e.participant())?;
        // A finding's kind is its category ("difficulté"), not "constat" for all.
        let kind = if e.kind == "finding" && !e.category.is_empty() {
            fit(&e.category.to_lowercase()).into_owned()
        } else {
            tr.t(format!("kind-{}", e.kind))
        };
        sheet.write_string(row, 2, kind)?;
        sheet.write_string(row, 3, fit(&e.category))?;
        sheet.write_string_with_format(row, 4, fit(&e.recommendation), &wrapped)?;
        sheet.write_string_with_format(row, 5, fit(&e.text), &wrapped)?;
        tall.fit(
            &mut sheet,
            row,
            &[(&e.recommendation, 30.0), (&e.text, 50.0)],
        )?;
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

/// The native bar chart of the recommendations sheet `sheet`: one bar per recommendation
/// (rows 2 to `ranked` + 1, the text in column B, the dots in column C), best ranked at
/// the top, each with its number, the series named `dots`.
fn votes_chart(sheet: &str, ranked: u32, dots: &str) -> Chart {
    let mut chart = Chart::new(ChartType::Bar);
    chart
        .add_series()
        .set_name(dots)
        .set_categories((sheet, 1, 1, ranked, 1))
        .set_values((sheet, 1, 2, ranked, 2))
        .set_data_label(ChartDataLabel::new().show_value());
    chart.title().set_name(dots);
    chart.legend().set_hidden();
    // Bar charts draw the first category at the bottom: reverse, so rank 1 is on top.
    chart.y_axis().set_reverse();
    let height = 80 + 36 * ranked.min(40);
    chart.set_width(720).set_height(height);
    chart
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

    #[test]
    fn category_sheets_get_names_excel_takes_and_never_twice() {
        let taken = ["Mots-clés".to_string(), "Entrées".to_string()];
        let names = sheet_names(
            &[
                "Constat",
                "constat",
                "Idées: [à creuser]?",
                "mots-clés",
                "",
                &"x".repeat(40),
            ],
            &taken,
        );
        assert_eq!(names[0], "Constat");
        assert_eq!(names[1], "constat (2)");
        assert_eq!(names[2], "Idées   à creuser");
        assert_eq!(names[3], "mots-clés (2)");
        assert_eq!(names[4], "?");
        assert_eq!(names[5].chars().count(), 31);
    }
}
