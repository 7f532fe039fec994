//! CSV exports (RFC 4180: UTF-8, comma, CRLF, fields quoted when needed). Every free-text
//! cell that a spreadsheet would run as a formula is neutralised (DESIGN.md; OWASP ASVS
//! 1.2.10): a leading `'` goes before `=`, `+`, `-`, `@`, tab or CR. Counts are untouched.

use super::{Summary, local_time};
use crate::domain::ranking::Ranked;
use crate::store::read::{Finding, KeywordRow};

/// Prefixes `text` with `'` when a spreadsheet would read it as a formula.
pub fn neutralise(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new())
}

fn finish(writer: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, csv::Error> {
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// `keywords.csv`: `keyword,count,variants`, most frequent first. `count` is the number of
/// distinct participants; `variants` lists every spelling with its entries, such as
/// `Inspirant (2) | inspirant (2) | INSPIRANT (1)`.
///
/// # Errors
/// Only if writing to memory fails.
pub fn keywords(summary: &Summary) -> Result<Vec<u8>, csv::Error> {
    let mut w = writer();
    w.write_record(["keyword", "count", "variants"])?;
    for k in &summary.keywords {
        let variants = k
            .variants
            .iter()
            .map(|(spelling, n)| format!("{spelling} ({n})"))
            .collect::<Vec<_>>()
            .join(" | ");
        w.write_record([
            neutralise(&k.label),
            k.count.to_string(),
            neutralise(&variants),
        ])?;
    }
    finish(w)
}

/// `keyword-entries.csv`: `submitted_at,participant,text,keyword,hidden`, every raw
/// keyword entry in order of arrival, with the label of the group it counts in
/// (`group_label` of its text), so the rapporteur can audit a merge.
///
/// # Errors
/// Only if writing to memory fails.
pub fn keyword_entries(
    rows: &[KeywordRow],
    group_label: impl Fn(&str) -> String,
    time_zone: &str,
) -> Result<Vec<u8>, csv::Error> {
    let mut w = writer();
    w.write_record(["submitted_at", "participant", "text", "keyword", "hidden"])?;
    for row in rows {
        w.write_record([
            local_time(&row.submitted_at, time_zone),
            format!("P{}", row.participant_seq),
            neutralise(&row.text),
            neutralise(&group_label(&row.text)),
            row.hidden.to_string(),
        ])?;
    }
    finish(w)
}

/// `findings.csv`: `id,category,text,submitted_at,participant,category_label,hidden,supports`,
/// in category order then arrival; `supports` counts the "+1, moi aussi". `submitted_at` is in `time_zone`; `participant` is the
/// pseudonym `P{n}`; hidden findings are listed with `hidden` = `true`.
///
/// # Errors
/// Only if writing to memory fails.
pub fn findings(findings: &[Finding], time_zone: &str) -> Result<Vec<u8>, csv::Error> {
    let mut w = writer();
    w.write_record([
        "id",
        "category",
        "text",
        "submitted_at",
        "participant",
        "category_label",
        "hidden",
        "supports",
    ])?;
    for f in findings {
        w.write_record([
            f.id.to_string(),
            f.category_slug.clone(),
            neutralise(&f.text),
            local_time(&f.submitted_at, time_zone),
            format!("P{}", f.participant_seq),
            neutralise(&f.category_label),
            f.hidden.to_string(),
            f.supports.to_string(),
        ])?;
    }
    finish(w)
}

/// `votes.csv`: `rank,recommendation,dots,voters,tied,position`, best first. `rank` is a
/// number shared by equal dots and voters (`tied` = `true`); `position` is the
/// recommendation's place in the workshop file.
///
/// # Errors
/// Only if writing to memory fails.
pub fn votes(ranking: &[Ranked]) -> Result<Vec<u8>, csv::Error> {
    let mut w = writer();
    w.write_record([
        "rank",
        "recommendation",
        "dots",
        "voters",
        "tied",
        "position",
    ])?;
    for r in ranking {
        w.write_record([
            r.rank.to_string(),
            neutralise(&r.totals.text),
            r.totals.dots.to_string(),
            r.totals.voters.to_string(),
            r.tied.to_string(),
            r.totals.position.to_string(),
        ])?;
    }
    finish(w)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let finding = Finding {
            id: 1,
            category_slug: "constat".into(),
            category_label: "Constat".into(),
            text: "un, \"deux\"\ntrois".into(),
            submitted_at: "2026-11-30T08:00:00.000Z".into(),
            participant_seq: 4,
            hidden: false,
            supports: 2,
        };
        let bytes = findings(&[finding], "Europe/Paris").expect("csv");
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
}
