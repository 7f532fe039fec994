//! From read models to what people take away: the summary (keywords, findings by
//! category, ranked recommendations) and its CSV files. Pure functions, no I/O.

pub mod csv;
pub mod document;
pub mod docx;
pub mod files;
pub mod xlsx;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::domain::folding::Language;
use crate::domain::keyword::{self, Corrections, KeywordCount, KeywordEntry};
use crate::domain::ranking::{self, Ranked, Totals};
use crate::store::read::{Finding, Participation, Workshop};

/// The findings of one category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingGroup {
    pub slug: String,
    pub label: String,
    /// Visible findings, most supported first, then in order of arrival.
    pub items: Vec<Finding>,
}

/// The workshop's tallies, in the structure of its report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Visible keyword groups, most frequent first.
    pub keywords: Vec<KeywordCount>,
    /// Keyword groups the facilitator hid.
    pub hidden_keywords: Vec<KeywordCount>,
    /// One group per category, in the workshop's order (empty ones too).
    pub findings: Vec<FindingGroup>,
    /// Recommendations, best first.
    pub ranking: Vec<Ranked>,
    /// Counts.
    pub participation: Participation,
}

/// Builds the summary: keywords folded in the workshop's language with the facilitator's
/// `corrections`; hidden entries and groups are left out of the tallies.
pub fn summarize(
    workshop: &Workshop,
    keywords: &[KeywordEntry],
    corrections: &Corrections,
    findings: &[Finding],
    totals: Vec<Totals>,
    participation: Participation,
) -> Summary {
    let findings = workshop
        .categories
        .iter()
        .map(|c| {
            let mut items: Vec<Finding> = findings
                .iter()
                .filter(|f| f.category_slug == c.slug && !f.hidden)
                .cloned()
                .collect();
            items.sort_by(|a, b| b.supports.cmp(&a.supports).then(a.id.cmp(&b.id)));
            FindingGroup {
                slug: c.slug.clone(),
                label: c.label.clone(),
                items,
            }
        })
        .collect();
    let (hidden_keywords, keywords) = keyword::tally(
        keywords,
        Language::from_code(&workshop.language),
        corrections,
    )
    .into_iter()
    .partition(|k| k.hidden);
    Summary {
        keywords,
        hidden_keywords,
        findings,
        ranking: ranking::rank(totals),
        participation,
    }
}

/// A stored UTC time (RFC 3339) in the time zone `time_zone`, as
/// `YYYY-MM-DD HH:MM:SS`, which Excel and LibreOffice read as a date. An unreadable time
/// is returned as stored; an unknown zone falls back to Europe/Paris.
pub fn local_time(utc: &str, time_zone: &str) -> String {
    let tz: Tz = time_zone.parse().unwrap_or(chrono_tz::Europe::Paris);
    match utc.parse::<DateTime<Utc>>() {
        Ok(t) => t.with_timezone(&tz).format("%Y-%m-%d %H:%M:%S").to_string(),
        Err(_) => utc.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_shown_in_the_workshop_time_zone() {
        assert_eq!(
            local_time("2026-07-01T08:00:00.000Z", "Europe/Paris"),
            "2026-07-01 10:00:00"
        );
        assert_eq!(
            local_time("2026-12-01T08:00:00.000Z", "Europe/Paris"),
            "2026-12-01 09:00:00"
        );
        // 00:30 in Paris on the night the clocks go back (25 October 2026, 03:00 -> 02:00).
        assert_eq!(
            local_time("2026-10-24T22:30:00.000Z", "Europe/Paris"),
            "2026-10-25 00:30:00"
        );
        assert_eq!(
            local_time("2026-12-01T08:00:00.000Z", "America/Cayenne"),
            "2026-12-01 05:00:00"
        );
    }
}
