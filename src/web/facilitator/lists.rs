//! The dashboard's bounded lists (issue #11, item 1): moderation pages, the capped lists
//! of corrections and proposals, what its forms hold after a refusal.

use actix_web::HttpRequest;

use crate::domain::keyword::{Correction, KeywordCount};
use crate::i18n::Tr;
use crate::store::CorrectionRow;
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

/// One page of a moderation list, newest first.
pub(super) struct EntryPage {
    pub(super) lines: Vec<EntryLine>,
    /// Entries in the whole list.
    pub(super) total: usize,
    /// The offset of the next (older) page, when there is one.
    pub(super) older: Option<usize>,
    /// The offset of the previous (newer) page, when this is not the first.
    pub(super) newer: Option<usize>,
}

/// The page of `total` entries starting at the `from` of the query parameter `name`.
pub(super) fn entry_page(
    req: &HttpRequest,
    name: &str,
    total: usize,
    lines: impl FnOnce(usize) -> Vec<EntryLine>,
) -> EntryPage {
    let from = offset(req, name).filter(|f| *f < total).unwrap_or(0);
    EntryPage {
        lines: lines(from),
        total,
        older: (from + MODERATION_SHOWN < total).then_some(from + MODERATION_SHOWN),
        newer: (from > 0).then(|| from.saturating_sub(MODERATION_SHOWN)),
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
