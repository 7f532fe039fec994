//! The Word report's recommendations table ([`recommendations_table`]): columns fitted to
//! their content, numbers right-aligned, the header row repeated on each page.

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
    let rows: Vec<[String; 5]> = report
        .recommendations
        .iter()
        .map(|r| {
            [
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
    let mut widths: [usize; 5] =
        std::array::from_fn(|c| fitted_width(&headers[c], rows.iter().map(|r| &r[c])));
    widths[1] = TEXT_WIDTH.saturating_sub(widths[0] + widths[2] + widths[3] + widths[4]);
    let align = |c: usize| {
        if c == 1 {
            AlignmentType::Left
        } else {
            AlignmentType::Right
        }
    };
    let header = TableRow::new(
        (0..5)
            .map(|c| header_cell(&headers[c], widths[c], align(c)))
            .collect(),
    )
    .cant_split();
    let rows = std::iter::once(header).chain(rows.iter().map(|row| {
        TableRow::new((0..5).map(|c| cell(&row[c], widths[c], align(c))).collect()).cant_split()
    }));
    let table = Table::new(rows.collect())
        .set_grid(widths.to_vec())
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed);
    docx_style::with_header_row(&table.build())
}
