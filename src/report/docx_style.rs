//! What the Word report is besides its text (issue #13, item 5): the font, sizes and
//! headings of its styles, the document language, the bulleted list's numbering
//! definition, and the core properties (title, author, dates) that Word shows under
//! File › Info. `docx-rs` 0.4.22 writes most of it; what it cannot say — the document
//! language (`w:lang`), a repeated table header (`w:tblHeader`), and the title and author
//! of `docProps/core.xml` — is added here to the XML it wrote, at one named place each,
//! and checked by this module's tests and `tests/api/report.rs`.

use chrono::{DateTime, SecondsFormat, Utc};
use docx_rs::{
    AbstractNumbering, Docx, IndentLevel, Level, LevelJc, LevelText, LineSpacing, NumberFormat,
    Numbering, NumberingId, Paragraph, RunFonts, SpecialIndentType, Start, Style, StyleType,
};

use crate::domain::language::Language;
use crate::domain::text::xml_safe;

/// The report's typeface: Calibri, Word's own since 2007; LibreOffice shows it with
/// Carlito, its metric-compatible twin, so lines break at the same places.
pub const FONT: &str = "Calibri";

/// The body text size in half-points (11 pt).
const BODY_SIZE: usize = 22;

/// The numbering of the report's bulleted lists (speakers, keywords, findings); `docx-rs`
/// has a decimal list of its own as number 1.
const BULLETS: usize = 2;

/// The language tag of a workshop's language in Word (`w:lang`, `dc:language`): French
/// of France, British English.
pub fn language_tag(language: Language) -> &'static str {
    match language {
        Language::French => "fr-FR",
        Language::English => "en-GB",
    }
}

/// The document `docx-rs` packs around the report's body: fonts, heading styles (each
/// kept with what follows), the bullets' numbering definition.
pub fn template() -> Docx {
    let fonts = RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT);
    let bullet = Level::new(
        0,
        Start::new(1),
        NumberFormat::new("bullet"),
        LevelText::new("•"),
        LevelJc::new("left"),
    )
    .indent(Some(567), Some(SpecialIndentType::Hanging(283)), None, None);
    let mut docx = Docx::new()
        .default_fonts(fonts)
        .default_size(BODY_SIZE)
        .add_abstract_numbering(AbstractNumbering::new(BULLETS).add_level(bullet))
        .add_numbering(Numbering::new(BULLETS, BULLETS));
    // The body is written apart (see `docx::write`): say that it uses the numbering, so
    // `numbering.xml` is linked from the document.
    docx.document_rels.has_numberings = true;
    // Outline levels: the title and subtitle none, "heading 1" level 0 (Word's level 1),
    // "heading 2" 1, "heading 3" 2 (a part of a chapter in the proceedings).
    [
        ("Title", "Title", 40, None),
        ("Subtitle", "Subtitle", 28, None),
        ("Heading1", "heading 1", 32, Some(0)),
        ("Heading2", "heading 2", 26, Some(1)),
        ("Heading3", "heading 3", 24, Some(2)),
    ]
    .into_iter()
    .fold(docx, |docx, (id, name, size, level)| {
        // Space above a heading (12 pt) and under it (4 pt), in twentieths of a point.
        let style = Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .size(size)
            .bold()
            .line_spacing(LineSpacing::new().before(240).after(80));
        docx.add_style(match level {
            Some(level) => style.outline_lvl(level),
            None => style,
        })
    })
}

/// `paragraph` as an item of the report's bulleted list.
pub fn bulleted(paragraph: Paragraph) -> Paragraph {
    paragraph.numbering(NumberingId::new(BULLETS), IndentLevel::new(0))
}

/// `styles.xml` as `docx-rs` wrote it, with the document language `tag` in the default
/// run properties, so that Word and LibreOffice check spelling in French (or English).
/// `w:lang` is the last child it can be there (ECMA-376 §17.3.2.20), so it goes just
/// before the default run properties close. Unchanged if there are none.
pub fn with_language(styles: &str, tag: &str) -> String {
    const DEFAULTS: &str = "<w:rPrDefault>";
    let Some(at) = styles.find(DEFAULTS) else {
        return styles.to_string();
    };
    let Some(close) = styles[at..].find("</w:rPr>") else {
        return styles.to_string();
    };
    let close = at + close;
    format!(
        "{}<w:lang w:val=\"{tag}\" w:eastAsia=\"{tag}\" w:bidi=\"ar-SA\" />{}",
        &styles[..close],
        &styles[close..]
    )
}

/// A table's XML as `docx-rs` built it, its first row marked as a header row
/// (`w:tblHeader`), which Word and LibreOffice repeat at the top of every page the table
/// runs onto. The first row must have row properties (`cant_split` gives it some).
pub fn with_header_row(table: &[u8]) -> Vec<u8> {
    const ROW_PROPERTIES: &[u8] = b"<w:trPr>";
    match table
        .windows(ROW_PROPERTIES.len())
        .position(|w| w == ROW_PROPERTIES)
    {
        Some(at) => {
            let end = at + ROW_PROPERTIES.len();
            [&table[..end], b"<w:tblHeader />", &table[end..]].concat()
        }
        None => table.to_vec(),
    }
}

/// `text` for an XML text node or attribute: forbidden characters dropped, markup escaped.
fn escaped(text: &str) -> String {
    xml_safe(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `docProps/core.xml`: the report's `title`, its `author` (the rapporteur; "atelier"
/// when the workshop names none) as creator and last editor, `created` as both dates
/// (W3CDTF, UTC), and the language tag.
pub fn core_properties(title: &str, author: &str, created: DateTime<Utc>, tag: &str) -> String {
    let author = if author.trim().is_empty() {
        "atelier"
    } else {
        author
    };
    let when = created.to_rfc3339_opts(SecondsFormat::Secs, true);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator>\
<cp:lastModifiedBy>{author}</cp:lastModifiedBy><dc:language>{tag}</dc:language>\
<cp:revision>1</cp:revision>\
<dcterms:created xsi:type=\"dcterms:W3CDTF\">{when}</dcterms:created>\
<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{when}</dcterms:modified>\
</cp:coreProperties>",
        title = escaped(title),
        author = escaped(author),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use docx_rs::{BuildXML, TableCell, TableRow};

    #[test]
    fn the_language_goes_last_in_the_default_run_properties() {
        let mut packed = std::io::Cursor::new(Vec::new());
        template().pack(&mut packed).expect("packed");
        let mut archive = zip::ZipArchive::new(packed).expect("a zip");
        let mut styles = String::new();
        std::io::Read::read_to_string(
            &mut archive.by_name("word/styles.xml").expect("styles"),
            &mut styles,
        )
        .expect("utf-8");
        let styles = with_language(&styles, "fr-FR");
        let defaults = &styles[styles.find("<w:rPrDefault>").expect("defaults")..];
        let defaults = &defaults[..defaults.find("</w:rPrDefault>").expect("closed")];
        assert!(defaults.contains("w:ascii=\"Calibri\""), "{defaults}");
        assert!(
            defaults.ends_with(
                "<w:lang w:val=\"fr-FR\" w:eastAsia=\"fr-FR\" w:bidi=\"ar-SA\" /></w:rPr>"
            ),
            "{defaults}"
        );
    }

    #[test]
    fn the_first_row_of_a_table_is_its_repeated_header() {
        let row = |text: &str| {
            TableRow::new(vec![TableCell::new().add_paragraph(
                Paragraph::new().add_run(docx_rs::Run::new().add_text(text)),
            )])
            .cant_split()
        };
        let xml = docx_rs::Table::new(vec![row("Rang"), row("1")]).build();
        let xml = String::from_utf8(with_header_row(&xml)).expect("utf-8");
        assert_eq!(xml.matches("<w:tblHeader />").count(), 1);
        assert!(xml.find("<w:tblHeader />") < xml.find("Rang"), "{xml}");
    }

    #[test]
    fn core_properties_name_the_report_and_its_rapporteur() {
        let created = "2026-12-06T18:00:00Z".parse().expect("a time");
        let xml = core_properties("Solidarités & <sociales>", "Anne", created, "fr-FR");
        assert!(xml.contains("<dc:title>Solidarités &amp; &lt;sociales&gt;</dc:title>"));
        assert!(xml.contains("<dc:creator>Anne</dc:creator>"));
        assert!(xml.contains(">2026-12-06T18:00:00Z</dcterms:created>"));
        assert!(core_properties("T", " ", created, "fr-FR").contains(">atelier</dc:creator>"));
    }
}
