//! The workshop report (issue #5), in the structure of the real report the fixture comes
//! from: the workshop, its speakers, facilitator and rapporteur; "Les mots clefs qui ont
//! caractérisé les expériences présentées"; the findings under each category; "Enjeux et
//! recommandations"; participation. Hidden entries and groups are left out. Built once,
//! rendered as HTML (template), Markdown ([`Report::write_markdown`]) and Word
//! ([`super::docx`]).

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;

use crate::domain::summary::Participation;
use crate::i18n::Tr;
use crate::tallies::Export;

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

/// A category and its findings (text, supports), most supported first, borrowed from the
/// export (the report copies no finding).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategorySection<'a> {
    pub label: String,
    pub findings: &'a [(String, i64)],
}

/// The report of one workshop, in the workshop's language.
#[derive(Debug, Clone)]
pub struct Report<'a> {
    pub tr: Tr,
    pub title: String,
    pub event: Option<String>,
    /// "30 novembre 2026, de 09:00 à 11:45", from the first to the last entry.
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
    pub categories: Vec<CategorySection<'a>>,
    pub recommendations: Vec<RecommendationLine>,
    pub participation: Participation,
    /// Synthesis paragraphs: general, keywords, findings, recommendations.
    pub syntheses: Vec<(String, String)>,
}

/// "12 téléphones, 36 mots-clés, 10 constats, 12 votants.": the participation line of
/// the report and the summary page.
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

/// The plural of a category label for the findings heading: its first word takes an `s`
/// unless it ends in s, x or z, and it starts lower case ("Difficulté" → "difficultés",
/// "Idée à creuser" → "idées à creuser").
pub fn plural_label(label: &str) -> String {
    let mut words = label.splitn(2, ' ');
    let first = words.next().unwrap_or("");
    let rest = words.next();
    let mut chars = first.chars();
    let lowered: String = chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default();
    let plural = if lowered.ends_with(['s', 'x', 'z']) || lowered.is_empty() {
        lowered
    } else {
        format!("{lowered}s")
    };
    match rest {
        Some(rest) => format!("{plural} {rest}"),
        None => plural,
    }
}

/// "30 novembre 2026, de 09:00 à 11:45" (or across days) in `time_zone`.
pub fn when(span: &(String, String), tz: Tz, tr: Tr) -> Option<String> {
    let first = span.0.parse::<DateTime<Utc>>().ok()?.with_timezone(&tz);
    let last = span.1.parse::<DateTime<Utc>>().ok()?.with_timezone(&tz);
    let date = |d: &DateTime<Tz>| {
        tr.args(
            "report-date",
            &[
                ("day", i64::from(d.day()).into()),
                ("month", tr.t(format!("month-{}", d.month())).into()),
                ("year", i64::from(d.year()).into()),
            ],
        )
    };
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
        Self {
            tr,
            title: w.title.clone(),
            event: w.event_title.clone(),
            when: tallies
                .span
                .as_ref()
                .and_then(|span| when(span, w.time_zone, tr)),
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
            categories: w
                .categories
                .iter()
                .zip(&tallies.findings)
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

    /// The participation line.
    pub fn participation_line(&self) -> String {
        participation_line(self.tr, &self.participation)
    }

    /// Writes the report to `out` as Markdown (CommonMark with a pipe table), participant
    /// text escaped, a line at a time, as it is made.
    ///
    /// # Errors
    /// Those of `out`.
    pub fn write_markdown(&self, mut out: impl std::io::Write) -> std::io::Result<()> {
        let tr = self.tr;
        let mut failed = None;
        let mut line = |text: &str| {
            if failed.is_none()
                && let Err(e) = out
                    .write_all(text.as_bytes())
                    .and_then(|()| out.write_all(b"\n"))
            {
                failed = Some(e);
            }
        };
        line(&format!("# {}", escape(&self.title)));
        line("");
        let subtitle: Vec<String> = self
            .event
            .iter()
            .cloned()
            .chain(self.when.clone())
            .map(|s| escape(&s))
            .collect();
        if !subtitle.is_empty() {
            line(&subtitle.join(" — "));
            line("");
        }
        if let Some(text) = self.synthesis("general") {
            line(&paragraph(text));
            line("");
        }
        line(&format!("## {}", tr.t("report-workshop")));
        line("");
        if !self.description.is_empty() {
            line(&paragraph(&self.description));
            line("");
        }
        if !self.question.is_empty() {
            line(&format!(
                "**{}** {}",
                tr.t("report-question"),
                escape(&self.question)
            ));
            line("");
        }
        if !self.speakers.is_empty() {
            line(&format!("**{}**", tr.t("report-speakers")));
            line("");
            for (name, topic) in &self.speakers {
                if topic.is_empty() {
                    line(&format!("- {}", escape(name)));
                } else {
                    line(&format!("- {} : {}", escape(name), escape(topic)));
                }
            }
            line("");
        }
        if !self.facilitator.is_empty() {
            line(&format!(
                "**{}** {}  ",
                tr.t("report-facilitator"),
                escape(&self.facilitator)
            ));
        }
        if !self.rapporteur.is_empty() {
            line(&format!(
                "**{}** {}",
                tr.t("report-rapporteur"),
                escape(&self.rapporteur)
            ));
        }
        line("");
        line(&format!("## {}", tr.t("report-keywords")));
        line("");
        if let Some(text) = self.synthesis("keywords") {
            line(&paragraph(text));
            line("");
        }
        if self.keywords.is_empty() {
            line(&format!("*{}*", tr.t("nothing-yet")));
        }
        for (label, count) in &self.keywords {
            line(&format!("- {} ({count})", escape(label)));
        }
        line("");
        line(&format!("## {}", escape(&self.findings_heading)));
        line("");
        if let Some(text) = self.synthesis("findings") {
            line(&paragraph(text));
            line("");
        }
        for category in &self.categories {
            line(&format!("### {}", escape(&category.label)));
            line("");
            if category.findings.is_empty() {
                line(&format!("*{}*", tr.t("nothing-yet")));
            }
            for (text, supports) in category.findings {
                let text = escape(text).replace('\n', "  \n  ");
                if *supports > 0 {
                    line(&format!("- {text} (+{supports})"));
                } else {
                    line(&format!("- {text}"));
                }
            }
            line("");
        }
        line(&format!("## {}", tr.t("report-recommendations")));
        line("");
        if let Some(text) = self.synthesis("recommendations") {
            line(&paragraph(text));
            line("");
        }
        line(&format!(
            "| {} | {} | {} | {} | {} |",
            tr.t("col-rank"),
            tr.t("col-recommendation"),
            tr.t("col-dots"),
            tr.t("col-voters"),
            tr.t("col-share")
        ));
        line("| ---: | --- | ---: | ---: | ---: |");
        for r in &self.recommendations {
            line(&format!(
                "| {} | {} | {} | {} | {} |",
                r.rank,
                escape(&r.text.replace('\n', " ")),
                r.dots,
                r.voters,
                self.percent(r.share)
            ));
        }
        line("");
        line(&format!("## {}", tr.t("report-participation")));
        line("");
        line(&self.participation_line());
        failed.map_or(Ok(()), Err)
    }
}

/// A multi-line paragraph as Markdown: escaped, line breaks kept.
fn paragraph(text: &str) -> String {
    escape(text).replace('\n', "  \n")
}

/// Escapes `text` so that it reads as text in Markdown (CommonMark and GitHub's tables):
/// inline markup (`\ ` * _ [ ] < > | ~ &`) is escaped once wherever it stands, a line
/// never starts a heading, list, quote, rule, fence or setext underline (`#`, `-`, `+`,
/// `=`, `1.`, `1)` are escaped there), and the spaces or tabs that start a line become
/// no-break spaces, so an indented line is never a code block.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let body = line.trim_start_matches([' ', '\t']);
        let indent = line.len() - body.len();
        out.extend(std::iter::repeat_n('\u{00A0}', indent));
        let digits = body.bytes().take_while(u8::is_ascii_digit).count();
        for (at, c) in body.char_indices() {
            let inline = matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&'
            );
            let block = (at == 0 && matches!(c, '#' | '-' | '+' | '='))
                || (digits > 0 && at == digits && matches!(c, '.' | ')'));
            if inline || block {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
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
