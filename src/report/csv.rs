//! CSV exports, in two dialects (issue #5):
//!
//! - [`Dialect::Standard`]: RFC 4180, UTF-8 without BOM, `,`, CRLF, fields quoted when
//!   needed, `.` as decimal separator;
//! - [`Dialect::ExcelFr`]: what French Excel opens right with a double click: UTF-8 with a
//!   BOM, `;`, decimal comma, CRLF; for a French workshop, column names and booleans in
//!   French ([`super::french_excel`]).
//!
//! In both, every text cell (typed text, slugs such as `-1-1`, labels, pseudonyms) that a
//! spreadsheet would run as a formula is neutralised (ARCHITECTURE.md, "Rules that hold
//! everywhere"; OWASP ASVS 1.2.10): a leading `'` goes before `=`, `+`, `-`, `@`, tab or CR.
//! Numbers stay numbers; a line break stays inside one quoted cell; no text is shortened.

use std::io::Write;

use chrono_tz::Tz;

pub use super::french_excel::Dialect;
use super::{french_excel, local_time};
use crate::domain::keyword::KeywordCount;
use crate::domain::ranking::Ranked;
use crate::domain::summary::Finding;
use crate::store::{EntryValue, KeywordRow, RawEntry};

/// Prefixes `text` with `'` when a spreadsheet would read it as a formula.
pub fn neutralise(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// Writes rows in a dialect to `W`, a row at a time; every text cell goes through
/// [`neutralise`].
struct Sheet<W: Write> {
    writer: csv::Writer<W>,
    dialect: Dialect,
}

impl<W: Write> Sheet<W> {
    fn new(mut out: W, dialect: Dialect, header: &[&str]) -> Result<Self, csv::Error> {
        let excel = dialect != Dialect::Standard;
        if excel {
            out.write_all("\u{FEFF}".as_bytes())?;
        }
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .delimiter(if excel { b';' } else { b',' })
            .from_writer(out);
        if dialect.french() {
            writer.write_record(header.iter().map(|name| french_excel::column(name)))?;
        } else {
            writer.write_record(header)?;
        }
        Ok(Self { writer, dialect })
    }

    fn row(&mut self, cells: &[Cell]) -> Result<(), csv::Error> {
        let dialect = self.dialect;
        self.writer
            .write_record(cells.iter().map(|cell| match cell {
                Cell::Text(text) => neutralise(text),
                Cell::Int(n) => n.to_string(),
                Cell::Decimal(x) => dialect.decimal(*x),
                Cell::Bool(b) if dialect.french() => french_excel::boolean(*b).to_string(),
                Cell::Bool(b) => b.to_string(),
            }))
    }

    /// Writes out the last rows.
    fn finish(mut self) -> Result<(), csv::Error> {
        Ok(self.writer.flush()?)
    }
}

/// A cell: a text (neutralised, whoever wrote it), a number or a boolean (`true`/`false`,
/// `oui`/`non` in French).
enum Cell {
    Text(String),
    Int(i64),
    Decimal(f64),
    Bool(bool),
}

fn count(n: usize) -> Cell {
    Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

/// `keywords.csv`: `keyword,count,variants`, most frequent first. `count` is the number of
/// distinct participants; `variants` lists every spelling with its entries, such as
/// `intergénérationnel (2) | intergenerationnel (1)`.
///
/// # Errors
/// When `out` fails.
pub fn keywords(
    out: impl Write,
    groups: &[KeywordCount],
    dialect: Dialect,
) -> Result<(), csv::Error> {
    let mut sheet = Sheet::new(out, dialect, &["keyword", "count", "variants"])?;
    for k in groups {
        let variants = k
            .variants
            .iter()
            .map(|(spelling, n)| format!("{spelling} ({n})"))
            .collect::<Vec<_>>()
            .join(" | ");
        sheet.row(&[
            Cell::Text(k.label.clone()),
            count(k.count),
            Cell::Text(variants),
        ])?;
    }
    sheet.finish()
}

/// `keyword-entries.csv`: `submitted_at,participant,text,keyword,hidden`, every keyword
/// entry in order of arrival, with the label of the group it counts in (to audit a
/// merge); `hidden` when the facilitator hid the entry or its participant. Written a row
/// at a time, as the rows are read ([`KeywordEntries::row`]).
pub struct KeywordEntries<W: Write> {
    sheet: Sheet<W>,
    time_zone: Tz,
}

impl<W: Write> KeywordEntries<W> {
    /// Starts the file in `out` with its header; times will be shown in `time_zone`.
    ///
    /// # Errors
    /// When `out` fails.
    pub fn new(out: W, time_zone: Tz, dialect: Dialect) -> Result<Self, csv::Error> {
        let header = ["submitted_at", "participant", "text", "keyword", "hidden"];
        Ok(Self {
            sheet: Sheet::new(out, dialect, &header)?,
            time_zone,
        })
    }

    /// Writes `row`, which counts in the group labelled `group_label`.
    ///
    /// # Errors
    /// When `out` fails.
    pub fn row(&mut self, row: &KeywordRow, group_label: String) -> Result<(), csv::Error> {
        self.sheet.row(&[
            Cell::Text(local_time(&row.submitted_at, self.time_zone)),
            Cell::Text(format!("P{}", row.participant_seq)),
            Cell::Text(row.text.clone()),
            Cell::Text(group_label),
            Cell::Bool(!row.counts()),
        ])
    }

    /// Writes out the last rows.
    ///
    /// # Errors
    /// When `out` fails.
    pub fn finish(self) -> Result<(), csv::Error> {
        self.sheet.finish()
    }
}

/// `findings.csv`: `id,category,text,submitted_at,participant,category_label,hidden,supports`,
/// in category order then arrival; `supports` counts the "+1, moi aussi"; `submitted_at`
/// in the workshop's time zone; `participant` is `P{n}`; `hidden` for a hidden finding or
/// participant. Written a row at a time ([`Findings::row`]).
pub struct Findings<W: Write> {
    sheet: Sheet<W>,
    time_zone: Tz,
}

impl<W: Write> Findings<W> {
    /// Starts the file in `out` with its header; times will be shown in `time_zone`.
    ///
    /// # Errors
    /// When `out` fails.
    pub fn new(out: W, time_zone: Tz, dialect: Dialect) -> Result<Self, csv::Error> {
        let header = [
            "id",
            "category",
            "text",
            "submitted_at",
            "participant",
            "category_label",
            "hidden",
            "supports",
        ];
        Ok(Self {
            sheet: Sheet::new(out, dialect, &header)?,
            time_zone,
        })
    }

    /// Writes the finding `f`.
    ///
    /// # Errors
    /// When `out` fails.
    pub fn row(&mut self, f: &Finding) -> Result<(), csv::Error> {
        self.sheet.row(&[
            Cell::Int(f.id),
            Cell::Text(f.category_slug.clone()),
            Cell::Text(f.text.clone()),
            Cell::Text(local_time(&f.submitted_at, self.time_zone)),
            Cell::Text(format!("P{}", f.participant_seq)),
            Cell::Text(f.category_label.clone()),
            Cell::Bool(!f.counts()),
            Cell::Int(f.supports),
        ])
    }

    /// Writes out the last rows.
    ///
    /// # Errors
    /// When `out` fails.
    pub fn finish(self) -> Result<(), csv::Error> {
        self.sheet.finish()
    }
}

/// `votes.csv`: `rank,recommendation,dots,voters,tied,position,share_of_voters`, best
/// first. `rank` is a number shared by equal dots and voters (`tied` = `true`);
/// `position` is the recommendation's place in the workshop file; `share_of_voters` is
/// the percentage of voting participants who gave it a dot, one decimal.
///
/// # Errors
/// When `out` fails.
pub fn votes(
    out: impl Write,
    ranking: &[Ranked],
    voters: i64,
    dialect: Dialect,
) -> Result<(), csv::Error> {
    let mut sheet = Sheet::new(
        out,
        dialect,
        &[
            "rank",
            "recommendation",
            "dots",
            "voters",
            "tied",
            "position",
            "share_of_voters",
        ],
    )?;
    for r in ranking {
        sheet.row(&[
            count(r.rank),
            Cell::Text(r.totals.text.clone()),
            Cell::Int(r.totals.dots),
            Cell::Int(r.totals.voters),
            Cell::Bool(r.tied),
            Cell::Int(r.totals.position),
            Cell::Decimal(share(r.totals.voters, voters)),
        ])?;
    }
    sheet.finish()
}

/// `part` of `whole` in percent (0 when `whole` is 0).
pub fn share(part: i64, whole: i64) -> f64 {
    if whole <= 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// `entries.csv`: `submitted_at,participant,kind,category,recommendation,text,value,hidden,
/// vote_code`, every raw entry of every kind in the order of
/// [`crate::store::RawRows::entries`], times in the workshop's time zone; `vote_code` is
/// `true` on the ballot lines of a participant who redeemed a vote code. Written a row at
/// a time ([`Entries::row`]).
pub struct Entries<W: Write> {
    sheet: Sheet<W>,
    time_zone: Tz,
}

impl<W: Write> Entries<W> {
    /// Starts the file in `out` with its header; times will be shown in `time_zone`.
    ///
    /// # Errors
    /// When `out` fails.
    pub fn new(out: W, time_zone: Tz, dialect: Dialect) -> Result<Self, csv::Error> {
        let header = [
            "submitted_at",
            "participant",
            "kind",
            "category",
            "recommendation",
            "text",
            "value",
            "hidden",
            "vote_code",
        ];
        Ok(Self {
            sheet: Sheet::new(out, dialect, &header)?,
            time_zone,
        })
    }

    /// Writes the entry `e`.
    ///
    /// # Errors
    /// When `out` fails.
    pub fn row(&mut self, e: &RawEntry) -> Result<(), csv::Error> {
        let value = match &e.value {
            EntryValue::None => Cell::Text(String::new()),
            EntryValue::Dots(n) => Cell::Int(*n),
            EntryValue::Status(status) => Cell::Text(status.clone()),
        };
        self.sheet.row(&[
            Cell::Text(local_time(&e.submitted_at, self.time_zone)),
            Cell::Text(e.participant()),
            Cell::Text(e.kind.to_string()),
            Cell::Text(e.category.clone()),
            Cell::Text(e.recommendation.clone()),
            Cell::Text(e.text.clone()),
            value,
            Cell::Bool(e.hidden),
            Cell::Bool(e.with_code),
        ])
    }

    /// Writes out the last rows.
    ///
    /// # Errors
    /// When `out` fails.
    pub fn finish(self) -> Result<(), csv::Error> {
        self.sheet.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(text: &str) -> Finding {
        Finding {
            id: 1,
            category_slug: "constat".into(),
            category_label: "Constat".into(),
            text: text.into(),
            submitted_at: "2026-11-30T08:00:00.000Z".into(),
            participant_seq: 4,
            hidden: false,
            participant_hidden: false,
            supports: 2,
        }
    }

    /// `findings.csv` of the one finding `f`, times in Paris.
    fn findings(f: Finding, dialect: Dialect) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut file = Findings::new(&mut bytes, chrono_tz::Europe::Paris, dialect).expect("csv");
        file.row(&f).expect("row");
        file.finish().expect("csv");
        bytes
    }

    #[test]
    fn formula_like_text_is_neutralised_and_plain_text_is_not() {
        assert_eq!(
            neutralise("=HYPERLINK(\"http://x\",\"y\")"),
            "'=HYPERLINK(\"http://x\",\"y\")"
        );
        assert_eq!(neutralise("\tcaché"), "'\tcaché");
        assert_eq!(neutralise("-5 %"), "'-5 %");
        assert_eq!(neutralise("@moi"), "'@moi");
        assert_eq!(neutralise("Inspirant"), "Inspirant");
    }

    #[test]
    fn a_finding_with_a_newline_and_commas_stays_one_cell() {
        let bytes = findings(finding("un, \"deux\"\ntrois"), Dialect::Standard);
        let text = String::from_utf8(bytes).expect("utf-8");
        assert!(text.starts_with(
            "id,category,text,submitted_at,participant,category_label,hidden,supports\r\n"
        ));
        assert!(
            text.contains(
                "1,constat,\"un, \"\"deux\"\"\ntrois\",2026-11-30 09:00:00,P4,Constat,false,2\r\n"
            ),
            "{text}"
        );
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> =
            reader.records().collect::<Result<_, _>>().expect("rows");
        assert_eq!(rows.len(), 1);
        assert_eq!(&rows[0][2], "un, \"deux\"\ntrois");
    }

    #[test]
    fn excel_fr_has_a_bom_semicolons_and_decimal_commas() {
        let bytes = findings(finding("a; \"b\"\nc"), Dialect::ExcelFr { french: false });
        assert_eq!(&bytes[..3], [0xEF, 0xBB, 0xBF]);
        let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
        assert!(text.starts_with("id;category;text;"));
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> =
            reader.records().collect::<Result<_, _>>().expect("rows");
        assert_eq!(&rows[0][2], "a; \"b\"\nc");
        assert_eq!(Dialect::ExcelFr { french: false }.decimal(41.666), "41,7");
        assert_eq!(Dialect::Standard.decimal(41.666), "41.7");
    }
}
