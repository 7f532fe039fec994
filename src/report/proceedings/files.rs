//! The event's downloads by name, and `event.zip`: the proceedings at the top (Markdown,
//! Word, HTML) with the event workbook, then each workshop's files (the set of its
//! `atelier.zip`) in a folder named by its join code and a slug of its title
//! (`solida-solidarites-sociales/`), written entry by entry as they are made.

use std::io::Write;

use unicode_normalization::UnicodeNormalization;

use super::{Proceedings, docx, page, xlsx};
use crate::report::csv::Dialect;
use crate::report::files::{ExportError, add_to_zip, zip_options};
use crate::tallies::event::EventTallies;

/// The event's downloads at `/o/{key}/export/{file}` (and `atelier export --event`).
pub const EVENT_FILES: [&str; 5] = [
    "report.md",
    "report.docx",
    "report.html",
    "event.xlsx",
    "event.zip",
];

/// The folder of a workshop in `event.zip`: its join code and a slug of its title, in
/// lower-case ASCII letters, digits and dashes ("SOLIDA", "Solidarités sociales" →
/// `solida-solidarites-sociales`), the slug at most 40 characters.
pub fn folder(join_code: &str, title: &str) -> String {
    let slug: String = title
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(|c| match c {
            'œ' | 'Œ' => vec!['o', 'e'],
            'æ' | 'Æ' => vec!['a', 'e'],
            c if c.is_ascii_alphanumeric() => vec![c.to_ascii_lowercase()],
            _ => vec!['-'],
        })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
        .chars()
        .take(40)
        .collect();
    let slug = slug.trim_end_matches('-');
    let code = join_code.to_lowercase();
    if slug.is_empty() {
        code
    } else {
        format!("{code}-{slug}")
    }
}

/// Writes the file `name` (one of [`EVENT_FILES`]) of `event` to `out`, as it is made;
/// CSV files inside `event.zip` in `dialect`. `false` for an unknown name, nothing
/// written.
///
/// # Errors
/// See [`ExportError`]; an error of `out` is one.
pub fn write(
    event: &EventTallies,
    name: &str,
    dialect: Dialect,
    mut out: impl Write + Send,
) -> Result<bool, ExportError> {
    let proceedings = Proceedings::new(event);
    match name {
        "report.md" => out.write_all(proceedings.markdown()?.as_bytes())?,
        "report.docx" => docx::write(&proceedings, out)?,
        "report.html" => page::write(&proceedings, &mut out)?,
        "event.xlsx" => xlsx::write(event, &proceedings, out)?,
        "event.zip" => write_zip(event, &proceedings, dialect, out)?,
        _ => return Ok(false),
    }
    Ok(true)
}

/// Writes `event.zip` to `out` (see the module's documentation), entry by entry: what it
/// holds in memory is the entry being made, not the archive.
///
/// # Errors
/// See [`ExportError`].
fn write_zip(
    event: &EventTallies,
    proceedings: &Proceedings<'_>,
    dialect: Dialect,
    out: impl Write + Send,
) -> Result<(), ExportError> {
    let mut archive = zip::ZipWriter::new_stream(out);
    // Dated in the first workshop's time zone (every workshop of an event shares one).
    let time_zone = event
        .workshops
        .first()
        .map_or(chrono_tz::Europe::Paris, |w| w.workshop.time_zone);
    let options = zip_options(time_zone);
    archive.start_file("report.md", options)?;
    archive.write_all(proceedings.markdown()?.as_bytes())?;
    archive.start_file("report.docx", options)?;
    docx::write(proceedings, &mut archive)?;
    archive.start_file("report.html", options)?;
    page::write(proceedings, &mut archive)?;
    archive.start_file("event.xlsx", options)?;
    xlsx::write(event, proceedings, &mut archive)?;
    for (chapter, tallies) in proceedings.chapters.iter().zip(&event.workshops) {
        let folder = format!("{}/", folder(&chapter.join_code, &chapter.title));
        add_to_zip(&mut archive, tallies, dialect, &folder, options)?;
    }
    archive.finish()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workshop_folder_is_its_code_and_a_slug_of_its_title() {
        assert_eq!(
            folder("SOLIDA", "Solidarités sociales"),
            "solida-solidarites-sociales"
        );
        assert_eq!(
            folder("AB12CD", "Œuvres & cœurs !"),
            "ab12cd-oeuvres-coeurs"
        );
        assert_eq!(folder("AB12CD", "« »"), "ab12cd");
    }
}
