//! The proceedings as a Word document (`report.docx` of an event), written a paragraph at
//! a time like the workshop report ([`crate::report::docx`]): the title page, the table
//! of contents as a list of the chapters' headings (a TOC field would stay empty until
//! Word or LibreOffice is asked to update it; the headings' outline levels still give the
//! navigation pane and any table of contents one adds), each chapter on a new page with
//! the workshop report's sections one level down, then the event summary.

use std::io::{self, Write};

use docx_rs::{BreakType, Paragraph, Run, Table, TableCell, TableRow};
use zip::result::ZipError;

use super::Proceedings;
use crate::report::docx::{
    Body, CHAPTER, Pictures, add_report, item, run, styled, text, write_document,
};

fn cell(content: &str) -> TableCell {
    TableCell::new().add_paragraph(text(content))
}

fn header_cell(content: &str) -> TableCell {
    TableCell::new().add_paragraph(Paragraph::new().add_run(run(content).bold()))
}

fn page_break() -> Paragraph {
    Paragraph::new().add_run(Run::new().add_break(BreakType::Page))
}

fn add_proceedings(
    p: &Proceedings<'_>,
    pictures: &[Pictures<'_>],
    body: &mut Body<impl Write>,
) -> io::Result<()> {
    let tr = p.tr;
    body.add(styled("Title", &p.title))?;
    if let Some(when) = p.date_and_place() {
        body.add(text(&when))?;
    }
    body.add(styled("Heading1", &tr.t("proceedings-contents")))?;
    for chapter in &p.chapters {
        body.add(item(&chapter.report.title))?;
    }
    body.add(item(&tr.t("proceedings-summary")))?;
    let none = Pictures::default();
    for (index, chapter) in p.chapters.iter().enumerate() {
        body.add(page_break())?;
        let pictures = pictures.get(index).unwrap_or(&none);
        add_report(&chapter.report, pictures, body, CHAPTER)?;
    }
    body.add(page_break())?;
    body.add(styled("Heading1", &tr.t("proceedings-summary")))?;
    body.add(styled("Heading2", &tr.t("report-participation")))?;
    let mut rows = vec![TableRow::new(vec![
        header_cell(&tr.t("col-workshop")),
        header_cell(&tr.t("col-phones")),
        header_cell(&tr.t("col-keywords")),
        header_cell(&tr.t("col-findings")),
        header_cell(&tr.t("col-voters")),
    ])];
    let (lines, total) = p.participation();
    for (chapter, n) in lines {
        rows.push(TableRow::new(vec![
            cell(&chapter.report.title),
            cell(&n.participants.to_string()),
            cell(&n.keywords.to_string()),
            cell(&n.findings.to_string()),
            cell(&n.voters.to_string()),
        ]));
    }
    rows.push(TableRow::new(vec![
        header_cell(&tr.t("proceedings-total")),
        header_cell(&total.participants.to_string()),
        header_cell(&total.keywords.to_string()),
        header_cell(&total.findings.to_string()),
        header_cell(&total.voters.to_string()),
    ]));
    body.add(Table::new(rows))?;
    if !p.keywords.is_empty() {
        body.add(styled("Heading2", &tr.t("proceedings-keywords")))?;
        for k in &p.keywords {
            body.add(item(&format!(
                "{} ({}) — {}",
                k.label,
                k.count,
                p.chapters_line(&k.chapters)
            )))?;
        }
    }
    Ok(())
}

/// Writes the proceedings to `out` as a `.docx` file, as it is made: the chapters'
/// paragraphs go out one at a time.
///
/// # Errors
/// Those of `out`; a package `docx-rs` could not make.
pub fn write(proceedings: &Proceedings<'_>, out: impl Write) -> Result<(), ZipError> {
    let reports: Vec<_> = proceedings.chapters.iter().map(|c| &c.report).collect();
    let properties = (proceedings.title.as_str(), "", proceedings.tr.lang);
    write_document(out, &reports, properties, |pictures, body| {
        add_proceedings(proceedings, pictures, body)
    })
}
