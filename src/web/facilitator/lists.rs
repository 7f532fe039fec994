//! The dashboard's bounded lists (issue #11, item 1; issue #12, item 3): moderation pages
//! with a search (the findings most supported first), the capped lists of corrections and
//! proposals, what its forms hold after a refusal.

use actix_web::HttpRequest;

use chrono_tz::Tz;

use crate::domain::keyword::{Correction, KeywordCount, sort_key};
use crate::domain::summary::Finding;
use crate::i18n::Tr;
use crate::report;
use crate::store::{CorrectionRow, KeywordRow};
use crate::web::request::{self, FormFields};

/// Entries listed per page of the dashboard's moderation lists.
pub(super) const MODERATION_SHOWN: usize = 60;

/// Corrections and proposals listed on the dashboard.
pub const LIST_SHOWN: usize = 50;

/// What the dashboard's forms show typed: the group a row's "Fusionner…" picked, or the
/// fields of a refused form (kept, as every refused form keeps what was typed).
#[derive(Debug, Clone, Default)]
pub struct Typed {
    /// The merge form's groups and label.
    pub from: String,
    pub into: String,
    pub label: String,
    /// The number of vote codes asked, when refused.
    pub codes_count: String,
    /// The room size typed, when refused.
    pub capacity: String,
}

impl Typed {
    /// The merge form's fields of `form`.
    pub fn merge(form: &FormFields) -> Self {
        let get = |name| form.get(name).unwrap_or("").chars().take(200).collect();
        Self {
            from: get("from"),
            into: get("into"),
            label: get("label"),
            ..Self::default()
        }
    }
}

/// Longest moderation search kept (characters).
const SEARCH_MAX: usize = 60;

/// One page of a moderation list: the entries that match its search, in its order.
pub(super) struct EntryPage {
    pub(super) lines: Vec<EntryLine>,
    /// Entries that match the search (every entry without one).
    pub(super) total: usize,
    /// Entries in the whole list.
    pub(super) all: usize,
    /// The search, as typed (trimmed, at most 60 characters).
    pub(super) query: String,
    /// The findings' order in the URL (`support` or `newest`; empty for keywords).
    pub(super) order: &'static str,
    /// The offset of the next page, when there is one.
    pub(super) older: Option<usize>,
    /// The offset of the previous page, when this is not the first.
    pub(super) newer: Option<usize>,
}

/// The page of `total` entries starting at the `from` of the query parameter `name`.
fn entry_page(
    req: &HttpRequest,
    name: &str,
    total: usize,
    lines: impl FnOnce(usize) -> Vec<EntryLine>,
) -> (Vec<EntryLine>, Option<usize>, Option<usize>) {
    let from = offset(req, name).filter(|f| *f < total).unwrap_or(0);
    (
        lines(from),
        (from + MODERATION_SHOWN < total).then_some(from + MODERATION_SHOWN),
        (from > 0).then(|| from.saturating_sub(MODERATION_SHOWN)),
    )
}

/// The search of the query parameter `name`: as typed (bounded), and its key (case and
/// accents ignored).
fn search(req: &HttpRequest, name: &str) -> (String, String) {
    let typed: String = request::query_param(req, name)
        .unwrap_or_default()
        .trim()
        .chars()
        .take(SEARCH_MAX)
        .collect();
    let key = sort_key(&typed);
    (typed, key)
}

/// The keyword entries' page: newest first, those whose text holds the search `kw_q`
/// (case and accents ignored), from `entries_from`.
pub(super) fn keyword_entries(req: &HttpRequest, rows: &[KeywordRow], zone: Tz) -> EntryPage {
    let (query, key) = search(req, "entries_q");
    let matching: Vec<&KeywordRow> = rows
        .iter()
        .rev()
        .filter(|k| key.is_empty() || sort_key(&k.text).contains(&key))
        .collect();
    let (lines, older, newer) = entry_page(req, "entries_from", matching.len(), |from| {
        matching
            .iter()
            .skip(from)
            .take(MODERATION_SHOWN)
            .map(|k| EntryLine {
                id: k.id.get(),
                text: k.text.clone(),
                context: format!(
                    "P{} · {}",
                    k.participant_seq,
                    report::local_time(&k.submitted_at, zone)
                ),
                supports: 0,
                hidden: k.hidden,
            })
            .collect()
    });
    EntryPage {
        lines,
        total: matching.len(),
        all: rows.len(),
        query,
        order: "",
        older,
        newer,
    }
}

/// The findings' page: most supported first (ties newest first), or newest first with
/// `findings_order=newest`; those whose text holds the search `findings_q`; from
/// `findings_from`. The most supported lead the projector, so they come first by default:
/// hiding one is one click from the top of the list.
pub(super) fn finding_entries(req: &HttpRequest, findings: &[Finding], zone: Tz) -> EntryPage {
    let (query, key) = search(req, "findings_q");
    let newest = request::query_param(req, "findings_order").as_deref() == Some("newest");
    let mut matching: Vec<&Finding> = findings
        .iter()
        .filter(|f| key.is_empty() || sort_key(&f.text).contains(&key))
        .collect();
    if newest {
        matching.sort_by_key(|f| std::cmp::Reverse(f.id));
    } else {
        matching.sort_by_key(|f| (std::cmp::Reverse(f.supports), std::cmp::Reverse(f.id)));
    }
    let (lines, older, newer) = entry_page(req, "findings_from", matching.len(), |from| {
        matching
            .iter()
            .skip(from)
            .take(MODERATION_SHOWN)
            .map(|f| EntryLine {
                id: f.id,
                text: f.text.clone(),
                context: format!(
                    "{} · P{} · {}",
                    f.category_label,
                    f.participant_seq,
                    report::local_time(&f.submitted_at, zone)
                ),
                supports: f.supports,
                hidden: f.hidden,
            })
            .collect()
    });
    EntryPage {
        lines,
        total: matching.len(),
        all: findings.len(),
        query,
        order: if newest { "newest" } else { "support" },
        older,
        newer,
    }
}

/// A list offset from the query string (`None` when absent or not a number).
pub(super) fn offset(req: &HttpRequest, name: &str) -> Option<usize> {
    request::query_param(req, name).and_then(|v| v.trim().parse().ok())
}

/// An entry in the dashboard's moderation lists.
pub(super) struct EntryLine {
    pub(super) id: i64,
    pub(super) text: String,
    /// Who and when (and the category of a finding).
    pub(super) context: String,
    /// "+1"s of a finding (0 for a keyword).
    pub(super) supports: i64,
    pub(super) hidden: bool,
}

/// Describes a correction for the dashboard's list.
pub(super) fn describe(tr: Tr, row: &CorrectionRow, groups: &[KeywordCount]) -> String {
    let label_of = |key: &str| {
        groups
            .iter()
            .find(|g| g.key == key)
            .map_or_else(|| key.to_string(), |g| g.label.clone())
    };
    match &row.correction {
        Correction::Merge { into, .. } => tr.args(
            "correction-merge",
            &[
                ("from", row.label.clone().into()),
                ("into", label_of(into).into()),
            ],
        ),
        Correction::Split { .. } => tr.s("correction-split", "spelling", &row.label),
        Correction::Label { label, .. } => tr.args(
            "correction-label",
            &[
                ("group", row.label.clone().into()),
                ("label", label.clone().into()),
            ],
        ),
        Correction::Hide { .. } => tr.s("correction-hide", "group", &row.label),
    }
}
