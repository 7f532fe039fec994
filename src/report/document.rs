//! The workshop report (issues #5 and #13), in the structure of the real report the
//! fixture comes from: the event, then the workshop's title and the session's date and
//! hours; the workshop, its speakers, facilitator and rapporteur; "Les mots clefs qui ont
//! caractérisé les expériences présentées" on one line; what came out of the room — the
//! rapporteur's statements by category, each with the raw findings and "+1"s behind it,
//! or the raw findings when there is no statement yet; "Enjeux et recommandations" that
//! received dots; then an annex ("Annexe") with the keyword counts, the raw findings
//! (when statements stand in their place), the full vote table and participation, which
//! counts each category in its own name. Empty categories are left out, and so are hidden
//! entries. Built once, rendered as HTML (template), Markdown ([`Report::write_markdown`], a line at a
//! time) and Word ([`super::docx`]). Made from an [`Export`] (the live model's counts,
//! the findings' texts borrowed from it, the statements with what stands behind them).

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;

use crate::domain::statement::Backing;
use crate::domain::summary::Participation;
use crate::i18n::Tr;
use crate::tallies::Export;

pub use super::markdown::escape;

/// A recommendation's line in the report.
#[derive(Debug, Clone, PartialEq)]
pub struct RecommendationLine {
    /// `1`, or `3=` when shared.
    pub rank: String,
    pub text: String,
    pub dots: i64,
    pub voters: i64,
    /// Share of the participants who voted that gave it at least one dot, in percent.
    pub share: f64,
}

/// A category and its raw findings (text, supports), most supported first, borrowed from
/// the export (the report copies no finding).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategorySection<'a> {
    pub label: String,
    pub findings: &'a [(String, i64)],
}

/// A category and the rapporteur's statements in it, in the rapporteur's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementSection {
    pub label: String,
    /// `(text, what stands behind it)`.
    pub statements: Vec<(String, Backing)>,
}

/// The report of one workshop, in the workshop's language.
#[derive(Debug, Clone)]
pub struct Report<'a> {
    pub tr: Tr,
    pub title: String,
    pub event: Option<String>,
    /// "21 novembre 2019, 14:00–16:30" from the session's date and hours; without them,
    /// "30 novembre 2026, de 09:00 à 11:45" from the first to the last entry.
    pub when: Option<String>,
    pub description: String,
    pub question: String,
    /// `(name, topic)`.
    pub speakers: Vec<(String, String)>,
    pub facilitator: String,
    pub rapporteur: String,
    /// Folded keyword groups with their counts, most frequent first.
    pub keywords: Vec<(String, usize)>,
    /// "Ce qui ressort : constats / difficultés / leviers".
    pub findings_heading: String,
    /// The rapporteur's statements by category, in the workshop's category order;
    /// categories without a statement are left out.
    pub statements: Vec<StatementSection>,
    /// The raw findings by category; empty categories are left out.
    pub categories: Vec<CategorySection<'a>>,
    /// Every recommendation, best first.
    pub recommendations: Vec<RecommendationLine>,
    pub participation: Participation,
    /// `(label, visible findings)` of each category, in the workshop's order.
    pub category_counts: Vec<(String, usize)>,
    /// Synthesis paragraphs: general, keywords, findings, recommendations.
    pub syntheses: Vec<(String, String)>,
}

/// "12 téléphones, 36 mots-clés, 10 constats, 12 votants.": the participation line of
/// the summary page (every finding counted as one kind).
pub fn participation_line(tr: Tr, p: &Participation) -> String {
    tr.args(
        "summary-participation",
        &[
            ("participants", p.participants.into()),
            ("keywords", p.keywords.into()),
            ("findings", p.findings.into()),
            ("voters", p.voters.into()),
        ],
    )
}

/// The plural of a category label: its first word takes an `s` unless it ends in s, x
/// or z (a consonant and `y` become `ies`, for English labels), and it starts lower case
/// ("Difficulté" → "difficultés", "Idée à creuser" → "idées à creuser", "Difficulty" →
/// "difficulties").
pub fn plural_label(label: &str) -> String {
    let (first, rest) = split_first_word(label);
    let plural = if first.ends_with(['s', 'x', 'z']) || first.is_empty() {
        first
    } else if let Some(stem) = first.strip_suffix('y')
        && !stem.ends_with(['a', 'e', 'i', 'o', 'u'])
    {
        format!("{stem}ies")
    } else {
        format!("{first}s")
    };
    match rest {
        Some(rest) => format!("{plural} {rest}"),
        None => plural,
    }
}

/// The label as one counts a single one: lower case first ("Difficulté" → "difficulté").
pub fn singular_label(label: &str) -> String {
    match split_first_word(label) {
        (first, Some(rest)) => format!("{first} {rest}"),
        (first, None) => first,
    }
}

/// The label's first word, lower case first, and the rest.
fn split_first_word(label: &str) -> (String, Option<&str>) {
    let mut words = label.splitn(2, ' ');
    let first = words.next().unwrap_or("");
    let mut chars = first.chars();
    let lowered: String = chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default();
    (lowered, words.next())
}

/// What stands behind a statement, in `tr`'s language: "3 constats, 5 +1" (the report's
/// and the synthesis workbench's words).
pub fn backing_line(tr: Tr, backing: &Backing) -> String {
    tr.args(
        "report-backing",
        &[
            ("findings", backing.findings.into()),
            ("supports", backing.supports.into()),
        ],
    )
}

/// "30 novembre 2026" in the report's language.
pub(super) fn date(tr: Tr, day: u32, month: u32, year: i32) -> String {
    tr.args(
        "report-date",
        &[
            ("day", i64::from(day).into()),
            ("month", tr.t(format!("month-{month}")).into()),
            ("year", i64::from(year).into()),
        ],
    )
}

/// "30 novembre 2026, de 09:00 à 11:45" (or across days) in `time_zone`.
pub fn when(span: &(String, String), tz: Tz, tr: Tr) -> Option<String> {
    let first = span.0.parse::<DateTime<Utc>>().ok()?.with_timezone(&tz);
    let last = span.1.parse::<DateTime<Utc>>().ok()?.with_timezone(&tz);
    let date = |d: &DateTime<Tz>| date(tr, d.day(), d.month(), d.year());
    let time = |d: &DateTime<Tz>| d.format("%H:%M").to_string();
    Some(if first.date_naive() == last.date_naive() {
        tr.args(
            "report-when-one-day",
            &[
                ("date", date(&first).into()),
                ("from", time(&first).into()),
                ("to", time(&last).into()),
            ],
        )
    } else {
        tr.args(
            "report-when-days",
            &[
                ("from-date", date(&first).into()),
                ("from", time(&first).into()),
                ("to-date", date(&last).into()),
                ("to", time(&last).into()),
            ],
        )
    })
}

impl<'a> Report<'a> {
    /// The report of `tallies`, in the workshop's language.
    pub fn new(tallies: &'a Export) -> Self {
        let w = &tallies.workshop;
        let tr = Tr::new(w.language);
        let summary = &tallies.summary;
        let voters = summary.participation.voters.max(1) as f64;
        let list = w
            .categories
            .iter()
            .map(|c| plural_label(&c.label))
            .collect::<Vec<_>>()
            .join(" / ");
        let when = match &w.session {
            Some(session) => Some(session.display(w.language, |m| tr.t(format!("month-{m}")))),
            None => tallies
                .span
                .as_ref()
                .and_then(|span| when(span, w.time_zone, tr)),
        };
        let statements = w
            .categories
            .iter()
            .map(|c| StatementSection {
                label: c.label.clone(),
                statements: tallies
                    .statements
                    .iter()
                    .filter(|(s, _)| s.category_slug == c.slug)
                    .map(|(s, backing)| (s.text.clone(), *backing))
                    .collect(),
            })
            .filter(|section| !section.statements.is_empty())
            .collect();
        Self {
            tr,
            title: w.title.clone(),
            event: w.event_title.clone(),
            when,
            description: w.description.clone(),
            question: w.question.clone(),
            speakers: w
                .speakers
                .iter()
                .map(|s| (s.name.clone(), s.topic.clone()))
                .collect(),
            facilitator: w.facilitator.clone(),
            rapporteur: w.rapporteur.clone(),
            keywords: summary
                .keywords
                .iter()
                .map(|k| (k.label.clone(), k.count))
                .collect(),
            findings_heading: tr.s("report-findings", "list", &list),
            statements,
            categories: w
                .categories
                .iter()
                .zip(&tallies.findings)
                .filter(|(_, findings)| !findings.is_empty())
                .map(|(c, findings)| CategorySection {
                    label: c.label.clone(),
                    findings,
                })
                .collect(),
            recommendations: summary
                .ranking
                .iter()
                .map(|r| RecommendationLine {
                    rank: r.label(),
                    text: r.totals.text.clone(),
                    dots: r.totals.dots,
                    voters: r.totals.voters,
                    share: (r.totals.voters as f64) * 100.0 / voters,
                })
                .collect(),
            participation: summary.participation,
            category_counts: summary
                .findings
                .iter()
                .map(|g| (g.label.clone(), g.total))
                .collect(),
            syntheses: tallies.syntheses.clone(),
        }
    }

    /// The synthesis paragraph of `section`, if one was written.
    pub fn synthesis(&self, section: &str) -> Option<&str> {
        self.syntheses
            .iter()
            .find(|(s, _)| s == section)
            .map(|(_, t)| t.as_str())
    }

    /// A share as people read it: "75 %" in French, "75%" in English.
    pub fn percent(&self, share: impl std::borrow::Borrow<f64>) -> String {
        let value = share.borrow().round() as i64;
        self.tr.args("report-percent", &[("value", value.into())])
    }

    /// The keywords on one line, most frequent first, as the real report gives them
    /// ("Inspirant, intergénérationnel, co-conception…"); the counts are in the annex.
    pub fn keywords_line(&self) -> String {
        self.keywords
            .iter()
            .map(|(label, _)| label.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// What stands behind a statement: "3 constats, 5 +1".
    pub fn backing(&self, backing: &Backing) -> String {
        backing_line(self.tr, backing)
    }

    /// The recommendations that received at least one dot, best first: the body's list
    /// (the annex has the full table).
    pub fn voted(&self) -> impl Iterator<Item = &RecommendationLine> {
        self.recommendations.iter().filter(|r| r.dots > 0)
    }

    /// "11 gommettes, 9 votants": a recommendation's line in the body.
    pub fn dots_line(&self, r: &RecommendationLine) -> String {
        self.tr.args(
            "report-dots-voters",
            &[("dots", r.dots.into()), ("voters", r.voters.into())],
        )
    }

    /// The participation line, each category counted in its own name: "12 téléphones,
    /// 36 mots-clés, 3 constats, 3 difficultés, 4 leviers, 12 votants." (categories
    /// without a finding left out).
    pub fn participation_line(&self) -> String {
        let tr = self.tr;
        let p = &self.participation;
        let mut parts = vec![
            tr.n("report-count-phones", "count", p.participants),
            tr.n("report-count-keywords", "count", p.keywords),
        ];
        for (label, count) in &self.category_counts {
            match count {
                0 => {}
                1 => parts.push(format!("1 {}", singular_label(label))),
                n => parts.push(format!("{n} {}", plural_label(label))),
            }
        }
        parts.push(tr.n("report-count-voters", "count", p.voters));
        format!("{}.", parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::language::Language;

    #[test]
    fn category_labels_take_a_plural_for_the_heading() {
        assert_eq!(plural_label("Constat"), "constats");
        assert_eq!(plural_label("Difficulté"), "difficultés");
        assert_eq!(plural_label("Idée à creuser"), "idées à creuser");
        assert_eq!(plural_label("Atouts"), "atouts");
    }

    #[test]
    fn markdown_markup_in_participant_text_is_escaped() {
        assert_eq!(escape("*gras* et _ital_"), "\\*gras\\* et \\_ital\\_");
        assert_eq!(escape("# titre"), "\\# titre");
        assert_eq!(escape("l'a-b"), "l'a-b");
        assert_eq!(escape("<script>"), "\\<script\\>");
    }

    #[test]
    fn participant_text_never_starts_a_block_and_a_pipe_is_escaped_once() {
        assert_eq!(escape("a\n    code"), "a\n\u{A0}\u{A0}\u{A0}\u{A0}code");
        assert_eq!(
            escape("x\n- item\n1. un\n12) deux"),
            "x\n\\- item\n1\\. un\n12\\) deux"
        );
        assert_eq!(escape("a | b"), "a \\| b");
        assert_eq!(escape("2026 est là. 3.5"), "2026 est là. 3.5");
        assert_eq!(escape("~~barré~~ &amp;"), "\\~\\~barré\\~\\~ \\&amp;");
    }

    #[test]
    fn the_session_span_reads_as_a_date_and_hours() {
        let tr = Tr::new(Language::French);
        let span = (
            "2026-11-30T08:00:00.000Z".to_string(),
            "2026-11-30T10:45:00.000Z".to_string(),
        );
        assert_eq!(
            when(&span, chrono_tz::Europe::Paris, tr).as_deref(),
            Some("30 novembre 2026, de 09:00 à 11:45")
        );
        let en = Tr::new(Language::English);
        assert_eq!(
            when(&span, chrono_tz::Europe::Paris, en).as_deref(),
            Some("30 November 2026, 09:00 to 11:45")
        );
    }
}
