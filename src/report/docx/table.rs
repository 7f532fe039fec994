//! The Word report's tables: the recommendations table ([`recommendations_table`]) and
//! any table of one text column and number columns ([`fitted_table`], the proceedings'
//! participation per workshop): columns fitted to their content, numbers right-aligned,
//! the header row repeated on each page.

use docx_rs::{
    AlignmentType, BuildXML, Paragraph, Table, TableCell, TableLayoutType, TableRow, WidthType,
};

use super::{TEXT_WIDTH, run, text};
use crate::report::document::Report;
use crate::report::docx_style;

/// What one character takes in a table, in twentieths of a point: bold digits and
/// letters of Calibri 11 pt take about half an em (110), and the slack lets a wider
/// substitute (DejaVu Sans where neither Calibri nor Carlito is installed) break a
/// header only between words. And a cell's two side margins.
const CHARACTER: usize = 125;
const CELL_MARGINS: usize = 216;

/// The width of a column holding `header` and short `values` (ranks, counts, shares):
/// its longest value or the longest word of its header, whichever is wider, so a header
/// wraps between words and never inside one ("Recommandatio/n").
fn fitted_width<'a>(header: &str, values: impl Iterator<Item = &'a String>) -> usize {
    let longest = header
        .split_whitespace()
        .map(|w| w.chars().count())
        .chain(values.map(|v| v.chars().count()))
        .max()
        .unwrap_or(1);
    longest * CHARACTER + CELL_MARGINS
}

fn cell(content: &str, width: usize, align: AlignmentType) -> TableCell {
    TableCell::new()
        .width(width, WidthType::Dxa)
        .add_paragraph(text(content).align(align))
}

fn header_cell(content: &str, width: usize, align: AlignmentType) -> TableCell {
    TableCell::new()
        .width(width, WidthType::Dxa)
        .add_paragraph(Paragraph::new().add_run(run(content).bold()).align(align))
}

/// The recommendations table: rank, text, dots, voters, share; the text column takes
/// what the others leave of the text width, so a recommendation takes as few lines as
/// it can; numbers are right-aligned; the header row repeats on each page (see
/// [`docx_style::with_header_row`]) and no row is split across two pages.
pub(super) fn recommendations_table(report: &Report<'_>) -> Vec<u8> {
    let tr = report.tr;
    let rows: Vec<Vec<String>> = report
        .recommendations
        .iter()
        .map(|r| {
            vec![
                r.rank.clone(),
                r.text.clone(),
                r.dots.to_string(),
                r.voters.to_string(),
                report.percent(r.share),
            ]
        })
        .collect();
    let headers = [
        tr.t("col-rank"),
        tr.t("col-recommendation"),
        tr.t("col-dots"),
        tr.t("col-voters"),
        tr.t("col-share"),
    ];
    fitted_table(&headers, &rows, 1, None)
}

/// A table of `headers` over `rows` (each as long as `headers`), then a `total` row in
/// bold when given: every column but `wide` is fitted to its content (see
/// [`fitted_width`]) and right-aligned (numbers, ranks, shares); column `wide` (a text:
/// a recommendation, a workshop's title) takes what they leave of the text width and is
/// left-aligned. The header row repeats on each page and no row is split across two.
pub(in crate::report) fn fitted_table(
    headers: &[String],
    rows: &[Vec<String>],
    wide: usize,
    total: Option<&[String]>,
) -> Vec<u8> {
    let columns = headers.len();
    let all: Vec<&[String]> = rows.iter().map(Vec::as_slice).chain(total).collect();
    let mut widths: Vec<usize> = (0..columns)
        .map(|c| fitted_width(&headers[c], all.iter().filter_map(|r| r.get(c))))
        .collect();
    let others: usize = (0..columns).filter(|c| *c != wide).map(|c| widths[c]).sum();
    if let Some(width) = widths.get_mut(wide) {
        *width = TEXT_WIDTH.saturating_sub(others);
    }
    let align = |c: usize| {
        if c == wide {
            AlignmentType::Left
        } else {
            AlignmentType::Right
        }
    };
    let empty = String::new();
    let value = |row: &[String], c: usize| row.get(c).unwrap_or(&empty).clone();
    let header = TableRow::new(
        (0..columns)
            .map(|c| header_cell(&headers[c], widths[c], align(c)))
            .collect(),
    )
    .cant_split();
    let body = rows.iter().map(|row| {
        TableRow::new(
            (0..columns)
                .map(|c| cell(&value(row, c), widths[c], align(c)))
                .collect(),
        )
        .cant_split()
    });
    let total = total.map(|row| {
        TableRow::new(
            (0..columns)
                .map(|c| header_cell(&value(row, c), widths[c], align(c)))
                .collect(),
        )
        .cant_split()
    });
    let rows = std::iter::once(header).chain(body).chain(total);
    let table = Table::new(rows.collect())
        .set_grid(widths)
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed);
    docx_style::with_header_row(&table.build())
}
