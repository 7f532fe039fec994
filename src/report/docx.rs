//! The report as a Word document (`report.docx`, opened by Word and LibreOffice), written
//! with `docx-rs`, a paragraph at a time ([`write`]): the same sections as the Markdown,
//! with real headings (so the navigation pane and a table of contents work) and a table
//! for the recommendations.
//! Every text goes through [`xml_safe`] on its way into a run, so no character that XML
//! forbids (U+FFFE, a C0 control…) can make the document unreadable, whatever a database
//! written by an older version holds.

use std::io::{self, Cursor, Read, Write};

use docx_rs::{BuildXML, Docx, Paragraph, Run, Style, StyleType, Table, TableCell, TableRow};
use zip::result::ZipError;
use zip::write::SimpleFileOptions;
use zip::{ZipArchive, ZipWriter};

use super::document::Report;
use crate::domain::text::xml_safe;

/// A run of `text`, without the characters XML forbids.
pub(super) fn run(text: &str) -> Run {
    Run::new().add_text(xml_safe(text))
}

fn heading_styles(docx: Docx) -> Docx {
    // Outline levels: the title none, "heading 1" level 0 (Word's level 1), "heading 2" 1.
    [
        ("Title", "Title", 40, None),
        ("Heading1", "heading 1", 32, Some(0)),
        ("Heading2", "heading 2", 26, Some(1)),
        ("Heading3", "heading 3", 23, Some(2)),
    ]
    .into_iter()
    .fold(docx, |docx, (id, name, size, level)| {
        let style = Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .size(size)
            .bold();
        docx.add_style(match level {
            Some(level) => style.outline_lvl(level),
            None => style,
        })
    })
}

pub(super) fn text(text: &str) -> Paragraph {
    // One run per line, with breaks between, so line breaks in findings stay.
    text.split('\n')
        .enumerate()
        .fold(Paragraph::new(), |p, (i, line)| {
            let run = if i == 0 {
                run(line)
            } else {
                Run::new()
                    .add_break(docx_rs::BreakType::TextWrapping)
                    .add_text(xml_safe(line))
            };
            p.add_run(run)
        })
}

pub(super) fn styled(style: &str, content: &str) -> Paragraph {
    text(content).style(style)
}

fn bold_then(label: &str, value: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(label).bold())
        .add_run(run(&format!(" {value}")))
}

pub(super) fn cell(content: &str) -> TableCell {
    TableCell::new().add_paragraph(text(content))
}

pub(super) fn header_cell(content: &str) -> TableCell {
    TableCell::new().add_paragraph(Paragraph::new().add_run(run(content).bold()))
}

/// The paragraph styles of a report's title, its sections and their parts: the
/// workshop's own report starts at the title, a chapter of the proceedings one level down.
#[derive(Debug, Clone, Copy)]
pub(super) struct Levels {
    pub title: &'static str,
    pub section: &'static str,
    pub part: &'static str,
}

/// The workshop report's levels.
pub(super) const REPORT: Levels = Levels {
    title: "Title",
    section: "Heading1",
    part: "Heading2",
};

/// A chapter's levels in the proceedings.
pub(super) const CHAPTER: Levels = Levels {
    title: "Heading1",
    section: "Heading2",
    part: "Heading3",
};

/// Adds the report to `body`, one paragraph (or the table) at a time, its headings at
/// `levels`.
pub(super) fn add_report(
    report: &Report<'_>,
    body: &mut Body<'_>,
    levels: Levels,
) -> io::Result<()> {
    let tr = report.tr;
    if let Some(event) = &report.event {
        body.add(text(event))?;
    }
    body.add(styled(levels.title, &report.title))?;
    if let Some(when) = &report.when {
        body.add(text(when))?;
    }
    if let Some(synthesis) = report.synthesis("general") {
        body.add(text(synthesis))?;
    }
    body.add(styled(levels.section, &tr.t("report-workshop")))?;
    if !report.description.is_empty() {
        body.add(text(&report.description))?;
    }
    if !report.question.is_empty() {
        body.add(bold_then(&tr.t("report-question"), &report.question))?;
    }
    if !report.speakers.is_empty() {
        body.add(Paragraph::new().add_run(run(&tr.t("report-speakers")).bold()))?;
        for (name, topic) in &report.speakers {
            let line = if topic.is_empty() {
                format!("• {name}")
            } else {
                format!("• {name} : {topic}")
            };
            body.add(text(&line))?;
        }
    }
    if !report.facilitator.is_empty() {
        body.add(bold_then(&tr.t("report-facilitator"), &report.facilitator))?;
    }
    if !report.rapporteur.is_empty() {
        body.add(bold_then(&tr.t("report-rapporteur"), &report.rapporteur))?;
    }

    if !report.keywords.is_empty() || report.synthesis("keywords").is_some() {
        body.add(styled(levels.section, &tr.t("report-keywords")))?;
        if let Some(synthesis) = report.synthesis("keywords") {
            body.add(text(synthesis))?;
        }
        if !report.keywords.is_empty() {
            body.add(text(&report.keywords_line()))?;
        }
    }

    if !report.statements.is_empty()
        || !report.categories.is_empty()
        || report.synthesis("findings").is_some()
    {
        body.add(styled(levels.section, &report.findings_heading))?;
        if let Some(synthesis) = report.synthesis("findings") {
            body.add(text(synthesis))?;
        }
        if report.statements.is_empty() {
            add_raw_findings(report, body)?;
        }
        for section in &report.statements {
            body.add(styled(levels.part, &section.label))?;
            for (statement, backing) in &section.statements {
                body.add(text(&format!(
                    "• {statement} ({})",
                    report.backing(backing)
                )))?;
            }
        }
    }

    body.add(styled(levels.section, &tr.t("report-recommendations")))?;
    if let Some(synthesis) = report.synthesis("recommendations") {
        body.add(text(synthesis))?;
    }
    for r in report.voted() {
        body.add(text(&format!(
            "• {} {} ({})",
            r.rank,
            r.text,
            report.dots_line(r)
        )))?;
    }

    body.add(styled(levels.section, &tr.t("report-annex")))?;
    if !report.keywords.is_empty() {
        body.add(styled(levels.part, &tr.t("report-annex-keywords")))?;
        for (label, count) in &report.keywords {
            body.add(text(&format!("• {label} ({count})")))?;
        }
    }
    if !report.statements.is_empty() && !report.categories.is_empty() {
        body.add(styled(levels.part, &tr.t("report-annex-findings")))?;
        add_raw_findings(report, body)?;
    }
    body.add(styled(levels.part, &tr.t("report-annex-votes")))?;
    let mut rows = vec![TableRow::new(vec![
        header_cell(&tr.t("col-rank")),
        header_cell(&tr.t("col-recommendation")),
        header_cell(&tr.t("col-dots")),
        header_cell(&tr.t("col-voters")),
        header_cell(&tr.t("col-share")),
    ])];
    for r in &report.recommendations {
        rows.push(TableRow::new(vec![
            cell(&r.rank),
            cell(&r.text),
            cell(&r.dots.to_string()),
            cell(&r.voters.to_string()),
            cell(&report.percent(r.share)),
        ]));
    }
    body.add(Table::new(rows))?;

    body.add(styled(levels.part, &tr.t("report-participation")))?;
    body.add(text(&report.participation_line()))
}

/// The raw findings, a bold line per category (the annex's, or the body's when there is
/// no statement).
fn add_raw_findings(report: &Report<'_>, body: &mut Body<'_>) -> io::Result<()> {
    for category in &report.categories {
        body.add(Paragraph::new().add_run(run(&category.label).bold()))?;
        for (finding, supports) in category.findings {
            let line = if *supports > 0 {
                format!("• {finding} (+{supports})")
            } else {
                format!("• {finding}")
            };
            body.add(text(&line))?;
        }
    }
    Ok(())
}

/// The document's body on its way into `word/document.xml`: each paragraph or table is
/// written out as it is added, then dropped.
pub(super) struct Body<'a> {
    out: &'a mut dyn Write,
}

impl Body<'_> {
    /// Writes `part` (a paragraph or a table) out.
    pub(super) fn add(&mut self, part: impl BuildXML) -> io::Result<()> {
        self.out.write_all(&part.build())
    }
}

/// Where the body's children go in the document part `docx-rs` writes.
const BODY_OPENS: &str = "<w:body>";

/// Writes the report to `out` as a `.docx` file, as it is made (issue #15): the package
/// (styles, settings, relationships…) is the one `docx-rs` packs for a document without
/// paragraphs, and the document part gets the report's paragraphs one at a time, each as
/// `docx-rs` writes it, so that the report of 10,000 findings does not cost a tree of
/// them (some 3 KB each). The parts are compressed and each entry's sizes follow its data,
/// as in the ZIP export.
///
/// # Errors
/// Those of `out`; a package `docx-rs` could not make, or one without a body.
pub fn write(report: &Report<'_>, out: impl Write) -> Result<(), ZipError> {
    write_document(out, |body| add_report(report, body, REPORT))
}

/// Writes to `out` a `.docx` file whose body `fill` adds a paragraph at a time (see
/// [`write`]).
///
/// # Errors
/// As [`write`], and those of `fill`.
pub(super) fn write_document(
    out: impl Write,
    fill: impl FnOnce(&mut Body<'_>) -> io::Result<()>,
) -> Result<(), ZipError> {
    let mut package = Cursor::new(Vec::new());
    heading_styles(Docx::new())
        .pack(&mut package)
        .map_err(|e| io::Error::other(e.to_string()))?;
    let mut package = ZipArchive::new(package)?;
    let mut archive = ZipWriter::new_stream(out);
    let options = SimpleFileOptions::default();
    let mut fill = Some(fill);
    for index in 0..package.len() {
        let mut part = package.by_index(index)?;
        let name = part.name()?.into_owned();
        if part.is_dir() {
            archive.add_directory(name, options)?;
            continue;
        }
        archive.start_file(name.as_str(), options)?;
        if name != "word/document.xml" {
            io::copy(&mut part, &mut archive)?;
            continue;
        }
        let mut empty = String::new();
        part.read_to_string(&mut empty)?;
        let (start, end) = empty
            .split_once(BODY_OPENS)
            .ok_or_else(|| io::Error::other("docx-rs wrote a document without a body"))?;
        archive.write_all(start.as_bytes())?;
        archive.write_all(BODY_OPENS.as_bytes())?;
        if let Some(fill) = fill.take() {
            fill(&mut Body { out: &mut archive })?;
        }
        archive.write_all(end.as_bytes())?;
    }
    archive.finish()?;
    Ok(())
}
