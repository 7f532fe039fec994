//! The report as a Word document (`report.docx`, opened by Word and LibreOffice), written
//! with `docx-rs`, a paragraph at a time ([`write`]): the same sections as the Markdown
//! (event, title, session date; keywords on one line with the keyword cloud as a picture
//! under them; the statements, or the raw findings; the recommendations that received
//! dots; the annex), with real headings (so the navigation pane and a table of contents
//! work; each kept with what follows it), real bulleted lists, the annex's vote table
//! (columns fitted to their content, numbers right-aligned, the header row repeated on
//! each page) and the votes chart under it. The font, language, list numbering and
//! properties are in [`super::docx_style`].
//! Every text goes through [`xml_safe`] on its way into a run, so no character that XML
//! forbids (U+FFFE, a C0 control…) can make the document unreadable, whatever a database
//! written by an older version holds.

use std::io::{self, Cursor, Read, Write};

use docx_rs::{AlignmentType, BuildXML, LineSpacing, Paragraph, Pic, Run};
use zip::result::ZipError;
use zip::write::SimpleFileOptions;
use zip::{ZipArchive, ZipWriter};

use super::chart::{self, Picture};
use super::document::Report;
use super::docx_style::{self, bulleted};
use crate::domain::text::xml_safe;
pub(super) use table::fitted_table;
use table::recommendations_table;

mod table;

/// A run of `text`, without the characters XML forbids.
pub(super) fn run(text: &str) -> Run {
    Run::new().add_text(xml_safe(text))
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

/// A paragraph in `style`; a title or heading is kept on the page of what follows it.
pub(super) fn styled(style: &str, content: &str) -> Paragraph {
    text(content).style(style).keep_next(true)
}

/// An item of a bulleted list (a Word list, not a "•" typed in the text).
pub(super) fn item(content: &str) -> Paragraph {
    bulleted(text(content))
}

fn bold_then(label: &str, value: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(label).bold())
        .add_run(run(&format!(" {value}")))
}

/// The text width of an A4 page within `docx-rs`'s margins (11,906 − 2 × 1,701), in
/// twentieths of a point.
pub(super) const TEXT_WIDTH: usize = 8504;

/// The paragraph styles of a report's title, its sections and their parts: the
/// workshop's own report starts at the title, a chapter of the proceedings one level down.
#[derive(Debug, Clone, Copy)]
pub(super) struct Levels {
    pub title: &'static str,
    pub section: &'static str,
    pub part: &'static str,
    /// Whether the title starts a new page (a chapter of the proceedings does).
    pub new_page: bool,
}

/// The workshop report's levels.
pub(super) const REPORT: Levels = Levels {
    title: "Title",
    section: "Heading1",
    part: "Heading2",
    new_page: false,
};

/// A chapter's levels in the proceedings.
pub(super) const CHAPTER: Levels = Levels {
    title: "Heading1",
    section: "Heading2",
    part: "Heading3",
    new_page: true,
};

/// Adds the report to `body`, one paragraph (or the table) at a time, its headings at
/// `levels`.
///
/// `pictures` are the paragraphs holding the pictures, as they were packed (see [`write`]).
pub(super) fn add_report(
    report: &Report<'_>,
    pictures: &Pictures,
    body: &mut Body<impl Write>,
    levels: Levels,
) -> io::Result<()> {
    let tr = report.tr;
    if let Some(event) = &report.event {
        body.add(text(event))?;
    }
    body.add(styled(levels.title, &report.title).page_break_before(levels.new_page))?;
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
                name.clone()
            } else {
                format!("{name} : {topic}")
            };
            body.add(item(&line))?;
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
        body.raw(&pictures.cloud)?;
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
                body.add(item(&format!("{statement} ({})", report.backing(backing))))?;
            }
        }
    }

    body.add(styled(levels.section, &tr.t("report-recommendations")))?;
    if let Some(synthesis) = report.synthesis("recommendations") {
        body.add(text(synthesis))?;
    }
    for r in report.voted() {
        body.add(item(&format!(
            "{} {} ({})",
            r.rank,
            r.text,
            report.dots_line(r)
        )))?;
    }

    body.add(styled(levels.section, &tr.t("report-annex")))?;
    if !report.keywords.is_empty() {
        body.add(styled(levels.part, &tr.t("report-annex-keywords")))?;
        for (label, count) in &report.keywords {
            body.add(item(&format!("{label} ({count})")))?;
        }
    }
    if !report.statements.is_empty() && !report.categories.is_empty() {
        body.add(styled(levels.part, &tr.t("report-annex-findings")))?;
        add_raw_findings(report, body)?;
    }
    body.add(styled(levels.part, &tr.t("report-annex-votes")))?;
    body.raw(&recommendations_table(report))?;
    body.raw(&pictures.chart)?;

    body.add(styled(levels.part, &tr.t("report-participation")))?;
    body.add(text(&report.participation_line()))
}

/// The raw findings, a bold line per category (the annex's, or the body's when there is
/// no statement).
fn add_raw_findings(report: &Report<'_>, body: &mut Body<impl Write>) -> io::Result<()> {
    for category in &report.categories {
        body.add(
            Paragraph::new()
                .add_run(run(&category.label).bold())
                .keep_next(true),
        )?;
        for (finding, supports) in category.findings {
            let line = if *supports > 0 {
                format!("{finding} (+{supports})")
            } else {
                finding.clone()
            };
            body.add(item(&line))?;
        }
    }
    Ok(())
}

/// The document's body on its way into `word/document.xml`: each paragraph or table is
/// written out as it is added, then dropped.
pub(super) struct Body<W: Write> {
    out: W,
}

impl<W: Write> Body<W> {
    /// Writes `part` (a paragraph or a table) out.
    pub(super) fn add(&mut self, part: impl BuildXML) -> io::Result<()> {
        self.out.write_all(&part.build())
    }

    /// Writes XML already built.
    pub(super) fn raw(&mut self, xml: &[u8]) -> io::Result<()> {
        self.out.write_all(xml)
    }
}

/// Where the body's children go in the document part `docx-rs` writes.
const BODY_OPENS: &str = "<w:body>";

/// Where the body's own properties (page size, margins) start, after its children.
const SECTION_OPENS: &str = "<w:sectPr";

/// A paragraph holding the picture `id` of `width` × `height` pixels, as wide as the text
/// (15 cm), centred. Its id is fixed: `docx-rs` numbers pictures from a process-wide
/// counter, and the same report should be the same file whenever it is downloaded.
fn picture_paragraph(width: u32, height: u32, id: &str) -> Paragraph {
    // English Metric Units: 635 a twentieth of a point.
    let emu_width = (TEXT_WIDTH * 635) as u32;
    let emu_height = (u64::from(emu_width) * u64::from(height) / u64::from(width.max(1))) as u32;
    // The PNG file is in the package already (see `add_picture`).
    let pic = Pic::new_with_dimensions(Vec::new(), width, height)
        .size(emu_width, emu_height)
        .id(id);
    // 8 pt above, apart from a table it follows.
    Paragraph::new()
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().before(160))
        .add_run(Run::new().add_image(pic))
}

/// The paragraphs of a report's pictures (a few hundred bytes of XML each, the PNG files
/// are already in the package: see [`write_document`]); empty for a picture there is
/// nothing to draw for.
#[derive(Default)]
pub(super) struct Pictures {
    /// The votes chart ([`chart::votes`]), under the recommendations table.
    chart: Vec<u8>,
    /// The keyword cloud ([`chart::keyword_cloud`]), under the keywords.
    cloud: Vec<u8>,
}

/// The relationship type of a picture (ECMA-376 Part 1, §15.2.14).
const IMAGE_RELATIONSHIP: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";

/// Writes `picture` into the package as `word/media/{id}.png`, painted as it is written
/// (the PNG file is never held whole), adds its relationship to `relationships` and gives
/// its paragraph.
fn add_picture<W: Write + io::Seek>(
    archive: &mut ZipWriter<W>,
    picture: &Picture,
    id: &str,
    relationships: &mut String,
) -> Result<Vec<u8>, ZipError> {
    archive.start_file(format!("word/media/{id}.png"), SimpleFileOptions::default())?;
    picture.write_png(&mut *archive).map_err(|e| match e {
        png::EncodingError::IoError(e) => e,
        other => io::Error::other(other),
    })?;
    relationships.push_str(&format!(
        "<Relationship Id=\"{id}\" Type=\"{IMAGE_RELATIONSHIP}\" Target=\"media/{id}.png\" />"
    ));
    Ok(picture_paragraph(picture.width, picture.height, id).build())
}

/// Writes the report to `out` as a `.docx` file, as it is made (issue #15): the package
/// (styles, numbering, settings, relationships…) is the one `docx-rs` packs for an empty
/// document; the pictures (votes chart, keyword cloud) are drawn and written into it one
/// at a time, and the document part gets the report's paragraphs one at a time, each as
/// `docx-rs` writes it, so that the report of 10,000 findings does not cost a tree of
/// them (some 3 KB each). The document language goes into the styles and the core
/// properties are the report's (title, the rapporteur, created now): see
/// [`docx_style`]. The parts are compressed and each entry's sizes follow its data, as in
/// the ZIP export.
///
/// # Errors
/// Those of `out`; a package `docx-rs` could not make, or one without a body.
pub fn write(report: &Report<'_>, out: impl Write) -> Result<(), ZipError> {
    let properties = (
        report.title.as_str(),
        report.rapporteur.as_str(),
        report.tr.lang,
    );
    write_document(out, &[report], properties, |pictures, body| {
        let none = Pictures::default();
        add_report(report, pictures.first().unwrap_or(&none), body, REPORT)
    })
}

/// Writes to `out` a `.docx` file holding the pictures of `reports` (each one's votes
/// chart and keyword cloud, in order), whose body `fill` adds a paragraph at a time,
/// given the paragraphs of each report's pictures; `(title, author, language)` are its
/// core properties and its language (see [`write`]).
///
/// Memory: one picture at a time, and not its file. The package `docx-rs` packs holds no
/// picture; each one is drawn, painted into the package as `word/media/…png` as its PNG
/// file is written (before the document part, which only refers to it; the file is never
/// held whole) and dropped, keeping its paragraph's XML; its
/// relationship goes into `word/_rels/document.xml.rels`. So the proceedings of 20
/// workshops hold what one chapter's pictures take, not 40 pictures (issue #14; the
/// figures are printed by `tests/memory.rs`).
///
/// # Errors
/// As [`write`], and those of `fill`.
pub(super) fn write_document(
    out: impl Write,
    reports: &[&Report<'_>],
    (title, author, language): (&str, &str, crate::domain::language::Language),
    fill: impl FnOnce(&[Pictures], &mut Body<&mut dyn Write>) -> io::Result<()>,
) -> Result<(), ZipError> {
    const CONTENT_TYPES: &str = "[Content_Types].xml";
    const RELATIONSHIPS_CLOSE: &str = "</Relationships>";
    const TYPES_CLOSE: &str = "</Types>";
    const PNG: &str = "<Default Extension=\"png\" ContentType=\"image/png\" />";
    let tag = docx_style::language_tag(language);
    let mut package = Cursor::new(Vec::new());
    docx_style::template()
        .pack(&mut package)
        .map_err(|e| io::Error::other(e.to_string()))?;
    let mut package = ZipArchive::new(package)?;
    let mut archive = ZipWriter::new_stream(out);
    let options = SimpleFileOptions::default();
    // The content types first, as Word writes them, saying that PNG files are pictures.
    {
        let mut types = String::new();
        package.by_name(CONTENT_TYPES)?.read_to_string(&mut types)?;
        if !types.contains("Extension=\"png\"") {
            types = types.replacen(TYPES_CLOSE, &format!("{PNG}{TYPES_CLOSE}"), 1);
        }
        archive.start_file(CONTENT_TYPES, options)?;
        archive.write_all(types.as_bytes())?;
    }
    // The pictures, one at a time; the first report's ids are the workshop report's own.
    let mut relationships = String::new();
    let mut pictures = Vec::with_capacity(reports.len());
    for (index, report) in reports.iter().enumerate() {
        let suffix = if index == 0 {
            String::new()
        } else {
            index.to_string()
        };
        let mut these = Pictures::default();
        if let Some(chart) = chart::votes(&report.recommendations) {
            let id = format!("rIdVotesChart{suffix}");
            these.chart = add_picture(&mut archive, &chart, &id, &mut relationships)?;
        }
        if let Some(cloud) = chart::keyword_cloud(&report.keywords) {
            let id = format!("rIdKeywordCloud{suffix}");
            these.cloud = add_picture(&mut archive, &cloud, &id, &mut relationships)?;
        }
        pictures.push(these);
    }
    let mut fill = Some(fill);
    for index in 0..package.len() {
        let mut part = package.by_index(index)?;
        let name = part.name()?.into_owned();
        if name == CONTENT_TYPES {
            continue;
        }
        if part.is_dir() {
            archive.add_directory(name, options)?;
            continue;
        }
        archive.start_file(name.as_str(), options)?;
        match name.as_str() {
            "word/document.xml" => {
                let mut packed = String::new();
                part.read_to_string(&mut packed)?;
                let missing = || io::Error::other("docx-rs wrote a document without a body");
                let (start, rest) = packed.split_once(BODY_OPENS).ok_or_else(missing)?;
                let at = rest.find(SECTION_OPENS).ok_or_else(missing)?;
                let end = &rest[at..];
                archive.write_all(start.as_bytes())?;
                archive.write_all(BODY_OPENS.as_bytes())?;
                let out: &mut dyn Write = &mut archive;
                if let Some(fill) = fill.take() {
                    fill(&pictures, &mut Body { out })?;
                }
                archive.write_all(end.as_bytes())?;
            }
            "word/_rels/document.xml.rels" => {
                let mut rels = String::new();
                part.read_to_string(&mut rels)?;
                let rels = rels.replacen(
                    RELATIONSHIPS_CLOSE,
                    &format!("{relationships}{RELATIONSHIPS_CLOSE}"),
                    1,
                );
                archive.write_all(rels.as_bytes())?;
            }
            "word/styles.xml" => {
                let mut styles = String::new();
                part.read_to_string(&mut styles)?;
                archive.write_all(docx_style::with_language(&styles, tag).as_bytes())?;
            }
            "docProps/core.xml" => {
                let core = docx_style::core_properties(title, author, chrono::Utc::now(), tag);
                archive.write_all(core.as_bytes())?;
            }
            _ => {
                io::copy(&mut part, &mut archive)?;
            }
        }
    }
    archive.finish()?;
    Ok(())
}
