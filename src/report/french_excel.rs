//! The CSV dialects ([`Dialect`]), and French Excel speaking French (issue #13, item 8):
//! for a French workshop, the CSV files of the French Excel dialect name their columns in
//! French and write booleans as `oui`/`non`; the standard dialect keeps its English names and `true`/`false`, which
//! scripts rely on. The names are ASCII snake case (no accent, no space), so that a
//! formula, a pivot table or Power Query refers to them as easily as to the English ones;
//! the README's routes table lists both. Files of that dialect are named with
//! `-excel-fr` wherever they are, in a download or in the ZIP.

use crate::domain::language::Language;

/// The CSV dialect of a download (`?dialect=excel-fr`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dialect {
    /// RFC 4180, comma, no BOM.
    #[default]
    Standard,
    /// UTF-8 BOM, semicolon, decimal comma: French Excel. `french`: column names and
    /// booleans in French (a French workshop's files, see [`Dialect::for_language`]).
    ExcelFr { french: bool },
}

impl Dialect {
    /// `excel-fr` or `standard`; `None` for anything else.
    pub fn parse(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "excel-fr" => Some(Self::ExcelFr { french: false }),
            "standard" => Some(Self::Standard),
            _ => None,
        }
    }

    /// This dialect for the files of a workshop in `language`: the French Excel dialect
    /// speaks French for a French workshop; the standard dialect never changes.
    pub fn for_language(self, language: Language) -> Self {
        match self {
            Self::Standard => Self::Standard,
            Self::ExcelFr { .. } => Self::ExcelFr {
                french: language == Language::French,
            },
        }
    }

    /// A decimal number with one decimal in this dialect ("41.7" or "41,7").
    pub fn decimal(self, value: f64) -> String {
        let text = format!("{value:.1}");
        match self {
            Self::Standard => text,
            Self::ExcelFr { .. } => text.replace('.', ","),
        }
    }

    /// Column names and booleans in French.
    pub(super) fn french(self) -> bool {
        self == Self::ExcelFr { french: true }
    }
}

/// Every column of the CSV files, `(standard name, French Excel name)`.
pub const COLUMNS: [(&str, &str); 21] = [
    ("submitted_at", "date_envoi"),
    ("participant", "participant"),
    ("kind", "type"),
    ("category", "categorie"),
    ("category_label", "libelle_categorie"),
    ("recommendation", "recommandation"),
    ("text", "texte"),
    ("value", "valeur"),
    ("hidden", "masque"),
    ("vote_code", "code_de_vote"),
    ("keyword", "mot_cle"),
    ("count", "nombre"),
    ("variants", "variantes"),
    ("id", "id"),
    ("supports", "plus_un"),
    ("rank", "rang"),
    ("dots", "gommettes"),
    ("voters", "votants"),
    ("tied", "ex_aequo"),
    ("position", "position"),
    ("share_of_voters", "part_des_votants"),
];

/// The French name of the column `name` (see [`COLUMNS`]); `name` itself if it has none.
pub fn column(name: &str) -> &str {
    COLUMNS
        .iter()
        .find(|(standard, _)| *standard == name)
        .map_or(name, |(_, french)| french)
}

/// A boolean in French: `oui` or `non`.
pub fn boolean(value: bool) -> &'static str {
    if value { "oui" } else { "non" }
}

/// The name of `file` in `dialect`: `votes.csv` is `votes-excel-fr.csv` and
/// `atelier.zip` is `atelier-excel-fr.zip` in the French Excel dialect, so that both
/// dialects' files can sit side by side; other files and the standard dialect keep
/// their names.
pub fn file_name(file: &str, dialect: Dialect) -> String {
    if dialect == Dialect::Standard {
        return file.to_string();
    }
    match file.rsplit_once('.') {
        Some((stem, extension @ ("csv" | "zip"))) => format!("{stem}-excel-fr.{extension}"),
        _ => file.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_has_its_own_french_name() {
        let mut french: Vec<&str> = COLUMNS.iter().map(|(_, f)| *f).collect();
        french.sort_unstable();
        french.dedup();
        assert_eq!(french.len(), COLUMNS.len());
        assert!(
            french
                .iter()
                .all(|f| f.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        );
        assert_eq!(column("submitted_at"), "date_envoi");
        assert_eq!(column("unknown"), "unknown");
    }

    #[test]
    fn files_of_the_french_excel_dialect_keep_their_suffix() {
        let fr = Dialect::ExcelFr { french: true };
        assert_eq!(file_name("votes.csv", fr), "votes-excel-fr.csv");
        assert_eq!(
            file_name("keyword-entries.csv", Dialect::ExcelFr { french: false }),
            "keyword-entries-excel-fr.csv"
        );
        assert_eq!(file_name("atelier.zip", fr), "atelier-excel-fr.zip");
        assert_eq!(file_name("report.docx", fr), "report.docx");
        assert_eq!(file_name("votes.csv", Dialect::Standard), "votes.csv");
    }
}
