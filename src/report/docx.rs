//! The report as a Word document (`report.docx`, opened by Word and LibreOffice), written
//! with `docx-rs`: the same sections as the Markdown, with real headings (so the
//! navigation pane and a table of contents work) and a table for the recommendations.
//! Every text goes through [`xml_safe`] on its way into a run, so no character that XML
//! forbids (U+FFFE, a C0 control…) can make the document unreadable, whatever a database
//! written by an older version holds.

use docx_rs::{Docx, Paragraph, Run, Style, StyleType, Table, TableCell, TableRow};

use super::document::Report;
use crate::domain::text::xml_safe;

/// A run of `text`, without the characters XML forbids.
fn run(text: &str) -> Run {
    Run::new().add_text(xml_safe(text))
}

fn heading_styles(docx: Docx) -> Docx {
    // Outline levels: the title none, "heading 1" level 0 (Word's level 1), "heading 2" 1.
    [
        ("Title", "Title", 40, None),
        ("Heading1", "heading 1", 32, Some(0)),
        ("Heading2", "heading 2", 26, Some(1)),
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

fn text(text: &str) -> Paragraph {
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

fn styled(style: &str, content: &str) -> Paragraph {
    text(content).style(style)
}

fn bold_then(label: &str, value: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(label).bold())
        .add_run(run(&format!(" {value}")))
}

fn cell(content: &str) -> TableCell {
    TableCell::new().add_paragraph(text(content))
}

fn header_cell(content: &str) -> TableCell {
    TableCell::new().add_paragraph(Paragraph::new().add_run(run(content).bold()))
}

/// The report as the bytes of a `.docx` file.
///
/// # Errors
/// Only if writing the archive to memory fails.
pub fn render(report: &Report) -> std::io::Result<Vec<u8>> {
    let tr = report.tr;
    let mut docx = heading_styles(Docx::new()).add_paragraph(styled("Title", &report.title));
    let subtitle: Vec<String> = report
        .event
        .iter()
        .cloned()
        .chain(report.when.clone())
        .collect();
    if !subtitle.is_empty() {
        docx = docx.add_paragraph(text(&subtitle.join(" — ")));
    }
    if let Some(synthesis) = report.synthesis("general") {
        docx = docx.add_paragraph(text(synthesis));
    }
    docx = docx.add_paragraph(styled("Heading1", &tr.t("report-workshop")));
    if !report.description.is_empty() {
        docx = docx.add_paragraph(text(&report.description));
    }
    if !report.question.is_empty() {
        docx = docx.add_paragraph(bold_then(&tr.t("report-question"), &report.question));
    }
    if !report.speakers.is_empty() {
        docx = docx.add_paragraph(Paragraph::new().add_run(run(&tr.t("report-speakers")).bold()));
        for (name, topic) in &report.speakers {
            let line = if topic.is_empty() {
                format!("• {name}")
            } else {
                format!("• {name} : {topic}")
            };
            docx = docx.add_paragraph(text(&line));
        }
    }
    if !report.facilitator.is_empty() {
        docx = docx.add_paragraph(bold_then(&tr.t("report-facilitator"), &report.facilitator));
    }
    if !report.rapporteur.is_empty() {
        docx = docx.add_paragraph(bold_then(&tr.t("report-rapporteur"), &report.rapporteur));
    }

    docx = docx.add_paragraph(styled("Heading1", &tr.t("report-keywords")));
    if let Some(synthesis) = report.synthesis("keywords") {
        docx = docx.add_paragraph(text(synthesis));
    }
    for (label, count) in &report.keywords {
        docx = docx.add_paragraph(text(&format!("• {label} ({count})")));
    }

    docx = docx.add_paragraph(styled("Heading1", &report.findings_heading));
    if let Some(synthesis) = report.synthesis("findings") {
        docx = docx.add_paragraph(text(synthesis));
    }
    for category in &report.categories {
        docx = docx.add_paragraph(styled("Heading2", &category.label));
        if category.findings.is_empty() {
            docx = docx.add_paragraph(text(&tr.t("nothing-yet")));
        }
        for (finding, supports) in &category.findings {
            let line = if *supports > 0 {
                format!("• {finding} (+{supports})")
            } else {
                format!("• {finding}")
            };
            docx = docx.add_paragraph(text(&line));
        }
    }

    docx = docx.add_paragraph(styled("Heading1", &tr.t("report-recommendations")));
    if let Some(synthesis) = report.synthesis("recommendations") {
        docx = docx.add_paragraph(text(synthesis));
    }
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
    docx = docx.add_table(Table::new(rows));

    docx = docx
        .add_paragraph(styled("Heading1", &tr.t("report-participation")))
        .add_paragraph(text(&report.participation_line()));

    let mut buffer = std::io::Cursor::new(Vec::new());
    docx.pack(&mut buffer)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(buffer.into_inner())
}
