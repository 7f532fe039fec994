//! The proceedings as a Word document (`report.docx` of an event), written a paragraph at
//! a time like the workshop report ([`crate::report::docx`]): the title page, the table
//! of contents as a list of the chapters' headings (a TOC field would stay empty until
//! Word or LibreOffice is asked to update it; the headings' outline levels still give the
//! navigation pane and any table of contents one adds), each chapter on a new page with
//! the workshop report's sections one level down, then the event summary.

use std::io::{self, Write};

use docx_rs::{AlignmentType, LineSpacing};
use zip::result::ZipError;

use super::Proceedings;
use crate::report::docx::{
    Body, CHAPTER, Pictures, add_report, fitted_table, item, styled, text, write_document,
};

/// Space above the title on the title page, in twentieths of a point (6 cm): the title
/// stands in the upper third of its page, as on a printed report's cover.
const TITLE_SPACE: u32 = 3402;

fn add_proceedings(
    p: &Proceedings<'_>,
    pictures: &[Pictures],
    body: &mut Body<impl Write>,
) -> io::Result<()> {
    let tr = p.tr;
    // The title page, alone on page 1.
    body.add(
        styled("Title", &p.title)
            .align(AlignmentType::Center)
            .line_spacing(LineSpacing::new().before(TITLE_SPACE)),
    )?;
    body.add(styled("Subtitle", &tr.t("proceedings-title")).align(AlignmentType::Center))?;
    if let Some(when) = p.date_and_place() {
        body.add(text(&when).align(AlignmentType::Center))?;
    }
    // The contents on page 2, each chapter from a new page (its heading says so), the
    // summary last on its own page.
    body.add(styled("Heading1", &tr.t("proceedings-contents")).page_break_before(true))?;
    for chapter in &p.chapters {
        body.add(item(&chapter.report.title))?;
    }
    body.add(item(&tr.t("proceedings-summary")))?;
    let none = Pictures::default();
    for (index, chapter) in p.chapters.iter().enumerate() {
        let pictures = pictures.get(index).unwrap_or(&none);
        add_report(&chapter.report, pictures, body, CHAPTER)?;
    }
    body.add(styled("Heading1", &tr.t("proceedings-summary")).page_break_before(true))?;
    body.add(styled("Heading2", &tr.t("report-participation")))?;
    let headers = [
        tr.t("col-workshop"),
        tr.t("col-phones"),
        tr.t("col-keywords"),
        tr.t("col-findings"),
        tr.t("col-voters"),
    ];
    let (lines, total) = p.participation();
    let number = |n: i64| p.number(n);
    let rows: Vec<Vec<String>> = lines
        .iter()
        .map(|(chapter, n)| {
            vec![
                chapter.report.title.clone(),
                number(n.participants),
                number(n.keywords),
                number(n.findings),
                number(n.voters),
            ]
        })
        .collect();
    let total = [
        tr.t("proceedings-total"),
        number(total.participants),
        number(total.keywords),
        number(total.findings),
        number(total.voters),
    ];
    body.raw(&fitted_table(&headers, &rows, 0, Some(&total)))?;
    if !p.keywords.is_empty() {
        body.add(styled("Heading2", &tr.t("proceedings-keywords")))?;
        for k in &p.keywords {
            body.add(item(&format!(
                "{} ({}) — {}",
                k.label,
                p.count(k.count),
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
