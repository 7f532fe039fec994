//! The proceedings of an event (issue #14, item 4; "actes" in French): a title page (the
//! event's title, date and place), a table of contents, one chapter per workshop in the
//! workshop report's shape ([`Report`], statements and syntheses included), then the
//! event summary: participation per workshop and the event-wide keywords, each with the
//! chapters it came from. Built once, rendered as Markdown ([`markdown`]), Word
//! ([`docx`]) and an HTML page ([`page`]); the event's workbook ([`xlsx`]) and ZIP
//! ([`files`]) sit beside.
//!
//! Each chapter keeps its own annex (keyword counts, raw findings, vote table,
//! participation) at its end rather than one annex gathered after the last chapter: a
//! chapter of published proceedings is read, cited and sent on by itself (the seed's
//! report is one such chapter), and its figures belong with its text; the event summary
//! then gives what only the whole event shows.

pub mod docx;
pub mod files;
mod markdown;
pub mod page;
pub mod xlsx;

use chrono::{Datelike, NaiveDate};

use super::document::{Report, date};
use crate::domain::language::Language;
use crate::domain::summary::Participation;
use crate::i18n::Tr;
use crate::tallies::event::EventTallies;

/// One workshop's chapter.
#[derive(Debug, Clone)]
pub struct Chapter<'a> {
    /// 1 for the first workshop.
    pub number: usize,
    /// The chapter's anchor in the Markdown and HTML: `atelier-1`.
    pub anchor: String,
    /// The workshop's title as given (the report's title is "Atelier 1 — …").
    pub title: String,
    /// The workshop's join code.
    pub join_code: String,
    /// The workshop's report, titled with the chapter's number, without the event's
    /// title (the title page has it); borrows the workshop's findings from its export.
    pub report: Report<'a>,
}

/// An event-wide keyword group as the summary lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeywordLine {
    pub label: String,
    /// Distinct phones over every workshop.
    pub count: usize,
    /// The numbers of the chapters it came from, in order.
    pub chapters: Vec<usize>,
}

/// The proceedings of an event, in the language of its first workshop (French when it
/// has none).
#[derive(Debug, Clone)]
pub struct Proceedings<'a> {
    pub tr: Tr,
    pub title: String,
    /// "21 novembre 2026", when the event file gave a date.
    pub date: Option<String>,
    /// Where it took place (may be empty).
    pub place: String,
    pub chapters: Vec<Chapter<'a>>,
    /// Every event-wide keyword group, most frequent first.
    pub keywords: Vec<KeywordLine>,
}

/// The anchor of the event summary in the Markdown and HTML.
pub const SUMMARY_ANCHOR: &str = "rencontre";

impl<'a> Proceedings<'a> {
    /// The proceedings of `event`.
    pub fn new(event: &'a EventTallies) -> Self {
        let language = event
            .workshops
            .first()
            .map_or(Language::French, |t| t.workshop.language);
        let tr = Tr::new(language);
        let chapters = (1usize..)
            .zip(&event.workshops)
            .map(|(number, tallies)| {
                let mut report = Report::new(tallies);
                let title = report.title.clone();
                report.title = tr.args(
                    "proceedings-chapter",
                    &[
                        ("number", i64::try_from(number).unwrap_or(0).into()),
                        ("title", title.clone().into()),
                    ],
                );
                report.event = None;
                Chapter {
                    number,
                    anchor: format!("atelier-{number}"),
                    title,
                    join_code: tallies.workshop.join_code.to_string(),
                    report,
                }
            })
            .collect();
        let date = event
            .event
            .date
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map(|d| date(tr, d.day(), d.month(), d.year()));
        Self {
            tr,
            title: event.event.title.clone(),
            date,
            place: event.event.place.clone(),
            chapters,
            keywords: event
                .keywords
                .iter()
                .map(|k| KeywordLine {
                    label: k.label.clone(),
                    count: k.count,
                    chapters: k.workshops.iter().map(|i| i + 1).collect(),
                })
                .collect(),
        }
    }

    /// "21 novembre 2026 — Dijon", "Dijon", or nothing.
    pub fn date_and_place(&self) -> Option<String> {
        match (&self.date, self.place.is_empty()) {
            (Some(date), true) => Some(date.clone()),
            (Some(date), false) => Some(format!("{date} — {}", self.place)),
            (None, false) => Some(self.place.clone()),
            (None, true) => None,
        }
    }

    /// Each chapter's participation, and the event's (its sum) last.
    pub fn participation(&self) -> (Vec<(&Chapter<'a>, Participation)>, Participation) {
        let rows: Vec<_> = self
            .chapters
            .iter()
            .map(|c| (c, c.report.participation))
            .collect();
        let total = rows
            .iter()
            .fold(Participation::default(), |sum, (_, p)| Participation {
                participants: sum.participants + p.participants,
                keywords: sum.keywords + p.keywords,
                findings: sum.findings + p.findings,
                voters: sum.voters + p.voters,
                phones: sum.phones + p.phones,
            });
        (rows, total)
    }

    /// A count as the proceedings' language writes it: "2\u{202f}000" in French (a narrow
    /// no-break space between groups of three digits, as the Imprimerie nationale's
    /// rules have it), "2,000" in English.
    pub fn number(&self, n: impl std::borrow::Borrow<i64>) -> String {
        let n = *n.borrow();
        let separator = match self.tr.lang {
            Language::French => '\u{202f}',
            Language::English => ',',
        };
        let digits = n.unsigned_abs().to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
        if n < 0 {
            out.push('-');
        }
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(separator);
            }
            out.push(digit);
        }
        out
    }

    /// [`Proceedings::number`] of a count of things (a keyword's phones).
    pub fn count(&self, n: impl std::borrow::Borrow<usize>) -> String {
        self.number(i64::try_from(*n.borrow()).unwrap_or(i64::MAX))
    }

    /// "ateliers 1, 3" / "atelier 2": where a keyword came from.
    pub fn chapters_line(&self, chapters: &[usize]) -> String {
        let list = chapters
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        self.tr.args(
            "proceedings-keyword-workshops",
            &[
                ("count", i64::try_from(chapters.len()).unwrap_or(0).into()),
                ("list", list.into()),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tallies::event::EventTallies;

    #[test]
    fn counts_are_grouped_by_thousands_as_each_language_writes_them() {
        let event = EventTallies {
            event: crate::domain::event::Event {
                id: crate::domain::ids::EventId(1),
                code: "VINGT20".into(),
                title: "Vingt ateliers".into(),
                date: None,
                place: String::new(),
                time_zone: chrono_tz::Europe::Paris,
                plenary: None,
            },
            workshops: Vec::new(),
            keywords: Vec::new(),
        };
        let mut p = Proceedings::new(&event);
        assert_eq!(p.number(0), "0");
        assert_eq!(p.number(999), "999");
        assert_eq!(p.number(2_000), "2\u{202f}000");
        assert_eq!(p.count(1_234_567), "1\u{202f}234\u{202f}567");
        p.tr = Tr::new(Language::English);
        assert_eq!(p.number(2_000), "2,000");
        assert_eq!(p.number(-12_345), "-12,345");
    }
}
