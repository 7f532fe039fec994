//! The event's downloads by name, and `event.zip`: the proceedings at the top (Markdown,
//! Word, HTML) with the event workbook, then each workshop's files (the set of its
//! `atelier.zip`) in a folder named by its join code as printed and a slug of its title
//! (`SOLIDA-solidarites-sociales/`, see [`folder`]), written entry by entry as they are
//! made.

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

/// The longest slug of a title in a folder's name, in characters.
const SLUG_LEN: usize = 40;

/// Names Windows reserves for devices, whatever their case or extension ("COM1" is a
/// valid join code): a folder named so cannot be made there.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// The folder of a workshop in `event.zip`: its join code as printed on its poster and
/// its projector (upper case), a dash and a slug of its title in lower-case ASCII letters,
/// digits and dashes, at most 40 characters of whole words ("SOLIDA", "Solidarités sociales" →
/// `SOLIDA-solidarites-sociales`). Safe on Windows and macOS: no character either
/// forbids or folds (only `A-Z a-z 0-9 -`), no reserved device name (a title with no
/// letter leaves the code alone, and `COM1` becomes `COM1-atelier`), at most 53
/// characters; unique within an event, since join codes are (see [`unique_folders`] for
/// the guard).
pub fn folder(join_code: &str, title: &str) -> String {
    let slug_words: String = title
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(|c| match c {
            'œ' | 'Œ' => vec!['o', 'e'],
            'æ' | 'Æ' => vec!['a', 'e'],
            'ß' => vec!['s', 's'],
            c if c.is_ascii_alphanumeric() => vec![c.to_ascii_lowercase()],
            _ => vec!['-'],
        })
        .collect::<String>();
    // Whole words up to SLUG_LEN characters; a first word longer than that is cut.
    let mut slug = String::new();
    for word in slug_words.split('-').filter(|s| !s.is_empty()) {
        let longer = if slug.is_empty() { 0 } else { slug.len() + 1 } + word.len();
        if longer > SLUG_LEN {
            if slug.is_empty() {
                slug = word.chars().take(SLUG_LEN).collect();
            }
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    let slug = slug.as_str();
    let code: String = join_code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    match (code.is_empty(), slug.is_empty()) {
        (false, false) => format!("{code}-{slug}"),
        (false, true) if RESERVED.contains(&code.as_str()) => format!("{code}-atelier"),
        (false, true) => code,
        (true, true) => "atelier".to_string(),
        (true, false) => slug.to_string(),
    }
}

/// Each workshop's folder ([`folder`]) in the event's order; a name met before (in any
/// case: Windows and macOS do not tell `a` from `A`) gets the chapter's number after it
/// (`SOLIDA-solidarites-sociales-2`), so no two workshops share a folder.
pub fn unique_folders<'a>(workshops: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    (1usize..)
        .zip(workshops)
        .map(|(number, (code, title))| {
            let mut name = folder(code, title);
            if !seen.insert(name.to_lowercase()) {
                name = format!("{name}-{number}");
                seen.insert(name.to_lowercase());
            }
            name
        })
        .collect()
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
    let folders = unique_folders(
        proceedings
            .chapters
            .iter()
            .map(|c| (c.join_code.as_str(), c.title.as_str())),
    );
    for (folder, tallies) in folders.iter().zip(&event.workshops) {
        add_to_zip(
            &mut archive,
            tallies,
            dialect,
            &format!("{folder}/"),
            options,
        )?;
    }
    archive.finish()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workshop_folder_is_its_code_as_printed_and_a_slug_of_its_title() {
        assert_eq!(
            folder("SOLIDA", "Solidarités sociales"),
            "SOLIDA-solidarites-sociales"
        );
        assert_eq!(
            folder("AB12CD", "Œuvres & cœurs : « Straße » !"),
            "AB12CD-oeuvres-coeurs-strasse"
        );
        assert_eq!(folder("AB12CD", "« »"), "AB12CD");
        // Cut between words, not inside one (the trial's `…-se-deplacer-sa`).
        assert_eq!(
            folder(
                "MOBIL",
                "Atelier mobilités rurales : se déplacer sans voiture"
            ),
            "MOBIL-atelier-mobilites-rurales-se-deplacer"
        );
        assert_eq!(
            folder("LONG", &"anticonstitutionnellement".repeat(3)),
            format!("LONG-{}", &"anticonstitutionnellement".repeat(2)[..40])
        );
    }

    #[test]
    fn a_workshop_folder_is_safe_on_windows_and_macos() {
        let forbidden = ['<', '>', ':', '"', '/', '\\', '|', '?', '*', '.', ' '];
        for (code, title) in [
            ("COM1", "…"),
            ("LPT9", ""),
            (
                "CODE12345678",
                &"Ateliers « très » longs : l'été / l'hiver ? ".repeat(9),
            ),
            ("ABCD", "con"),
            ("ABCD", "NUL.txt\u{0}\u{202e}"),
        ] {
            let name = folder(code, title);
            assert!(name.len() <= 53, "{name}");
            assert!(!name.contains(forbidden), "{name}");
            assert!(!name.chars().any(|c| c.is_control()), "{name}");
            assert!(!name.ends_with('-') && !name.starts_with('-'), "{name}");
            assert!(!RESERVED.contains(&name.to_uppercase().as_str()), "{name}");
        }
        assert_eq!(folder("COM1", "…"), "COM1-atelier");
    }

    #[test]
    fn two_workshops_with_the_same_title_have_two_folders() {
        let folders = unique_folders(
            [
                ("ABCD", "Mobilité"),
                ("EFGH", "Mobilité"),
                ("abcd", "mobilité"),
            ]
            .into_iter(),
        );
        assert_eq!(
            folders,
            ["ABCD-mobilite", "EFGH-mobilite", "ABCD-mobilite-3"]
        );
    }
}
