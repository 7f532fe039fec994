//! The dashboard (`GET /f/{key}`): counts, links, the projector's and activities'
//! switches, the keyword groups with their corrections, moderation lists, proposals,
//! syntheses and exports; and the summary page (`GET /f/{key}/summary`).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::groups::GroupsView;
use super::{Done, FacilitatorWorkshop};
use crate::domain::activity::{Activity, Panel, SynthesisSection};
use crate::domain::keyword::{Correction, KeywordCount};
use crate::domain::language::Language;
use crate::domain::summary::{Participation, Summary};
use crate::domain::workshop::Workshop;
use crate::i18n::Tr;
use crate::report;
use crate::store::{CorrectionRow, Proposal};
use crate::tallies::Tallies;
use crate::web::errors::AppError;
use crate::web::request::FormFields;
use crate::web::{AppState, html, request};
use crate::workshops::Links;

#[derive(Template)]
#[template(path = "facilitator/dashboard.html")]
struct DashboardPage {
    tr: Tr,
    w: Workshop,
    participation: Participation,
    links: Links,
    /// `/f/{key}`, for relative links.
    base: String,
    flash: Option<String>,
    error: Option<String>,
    /// A page of the keyword groups, the search and the merge form's choices.
    groups: GroupsView,
    /// "Groups 1 to 50 of 1,000" or "12 groups match …".
    groups_status: String,
    /// What the merge form holds: picked from a row, or typed before a refusal.
    typed: Typed,
    /// `(id, description)` of the newest keyword corrections in force, newest first (at
    /// most [`LIST_SHOWN`]).
    corrections: Vec<(crate::domain::ids::CorrectionId, String)>,
    /// Corrections in force not listed.
    more_corrections: usize,
    /// Proposals waiting first, then the others, oldest first (at most [`LIST_SHOWN`]).
    proposals: Vec<Proposal>,
    /// Proposals not listed.
    more_proposals: usize,
    /// A page of keyword entries, newest first, for moderation.
    keyword_entries: EntryPage,
    /// A page of findings, newest first, for moderation.
    finding_entries: EntryPage,
    /// `(name, label, followed now)` of each projector panel.
    panels: Vec<(&'static str, String, bool)>,
    /// `(name, label, open)` of each activity.
    activities: Vec<(&'static str, String, bool)>,
    /// Projector streams open now.
    live_screens: usize,
    /// `(dialect parameter, column label)`: the French Excel one first for a French workshop.
    dialects: Vec<(&'static str, String)>,
    /// `(file name, description)` of each CSV file.
    csv_files: Vec<(&'static str, String)>,
    /// `(section, label, text)` of each synthesis paragraph.
    syntheses: Vec<(&'static str, String, String)>,
    /// When the workshop was closed, in its time zone.
    closed_at: Option<String>,
}

/// Entries listed per page of the dashboard's moderation lists.
const MODERATION_SHOWN: usize = 60;

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
}

impl Typed {
    /// The merge form's fields of `form`.
    pub fn merge(form: &FormFields) -> Self {
        let get = |name| form.get(name).unwrap_or("").chars().take(200).collect();
        Self {
            from: get("from"),
            into: get("into"),
            label: get("label"),
            codes_count: String::new(),
        }
    }
}

/// One page of a moderation list, newest first.
struct EntryPage {
    lines: Vec<EntryLine>,
    /// Entries in the whole list.
    total: usize,
    /// The offset of the next (older) page, when there is one.
    older: Option<usize>,
    /// The offset of the previous (newer) page, when this is not the first.
    newer: Option<usize>,
}

/// The page of `total` entries starting at the `from` of the query parameter `name`.
fn entry_page(
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
fn offset(req: &HttpRequest, name: &str) -> Option<usize> {
    request::query_param(req, name).and_then(|v| v.trim().parse().ok())
}

/// An entry in the dashboard's moderation lists.
struct EntryLine {
    id: i64,
    text: String,
    /// Who and when (and the category of a finding).
    context: String,
    hidden: bool,
}

/// Describes a correction for the dashboard's list.
fn describe(tr: Tr, row: &CorrectionRow, groups: &[KeywordCount]) -> String {
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

/// Renders the dashboard from `tallies`, with a confirmation or an error at the top.
/// The query string picks the page of each list: `kw` (a search of the keyword groups),
/// `kw_from`, `merge_from` (a group for the merge form), `entries_from`,
/// `findings_from`.
pub fn render_dashboard(
    req: &HttpRequest,
    state: &AppState,
    key: &str,
    tallies: Tallies,
    flash: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let typed = Typed {
        from: request::query_param(req, "merge_from").unwrap_or_default(),
        ..Typed::default()
    };
    render_dashboard_typed(req, state, key, tallies, flash, error, status, typed)
}

/// [`render_dashboard`] with the merge form holding `typed`.
#[allow(clippy::too_many_arguments)]
pub fn render_dashboard_typed(
    req: &HttpRequest,
    state: &AppState,
    key: &str,
    tallies: Tallies,
    flash: Option<String>,
    error: Option<String>,
    status: StatusCode,
    typed: Typed,
) -> Result<HttpResponse, AppError> {
    let tr = request::tr(req);
    let Tallies {
        workshop: w,
        summary,
        corrections,
        proposals,
        keyword_rows,
        findings,
        syntheses,
        ..
    } = tallies;
    let keyword_entries = entry_page(req, "entries_from", keyword_rows.len(), |from| {
        keyword_rows
            .iter()
            .rev()
            .skip(from)
            .take(MODERATION_SHOWN)
            .map(|k| EntryLine {
                id: k.id.get(),
                text: k.text.clone(),
                context: format!(
                    "P{} · {}",
                    k.participant_seq,
                    report::local_time(&k.submitted_at, w.time_zone)
                ),
                hidden: k.hidden,
            })
            .collect()
    });
    let mut newest_findings: Vec<_> = findings.iter().collect();
    newest_findings.sort_by_key(|f| std::cmp::Reverse(f.id));
    let finding_entries = entry_page(req, "findings_from", findings.len(), |from| {
        newest_findings
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
                    report::local_time(&f.submitted_at, w.time_zone)
                ),
                hidden: f.hidden,
            })
            .collect()
    });
    let excel = ("excel-fr", tr.t("dialect-excel-fr"));
    let standard = ("", tr.t("dialect-standard"));
    let dialects = if w.language == Language::French {
        vec![excel, standard]
    } else {
        vec![standard, excel]
    };
    let closed_at = w
        .closed_at
        .as_deref()
        .map(|t| report::local_time(t, w.time_zone));
    let current = w.screen_panel;
    let panels = Panel::ALL
        .into_iter()
        .map(|p| (p.name(), tr.t(format!("panel-{}", p.name())), p == current))
        .collect();
    let activities = Activity::ALL
        .into_iter()
        .map(|a| {
            (
                a.name(),
                tr.t(format!("activity-{}", a.name())),
                w.is_open(a),
            )
        })
        .collect();
    let groups: Vec<KeywordCount> = summary
        .keywords
        .into_iter()
        .chain(summary.hidden_keywords)
        .collect();
    let more_corrections = corrections.len().saturating_sub(LIST_SHOWN);
    let corrections = corrections
        .iter()
        .rev()
        .take(LIST_SHOWN)
        .map(|row| (row.id, describe(tr, row, &groups)))
        .collect();
    let more_proposals = proposals.len().saturating_sub(LIST_SHOWN);
    let mut proposals = proposals;
    // Stable: the waiting ones first, in their order of arrival, then the decided ones.
    proposals.sort_by_key(|p| p.status != "proposed");
    proposals.truncate(LIST_SHOWN);
    let groups = GroupsView::new(
        &groups,
        &request::query_param(req, "kw").unwrap_or_default(),
        offset(req, "kw_from").unwrap_or(0),
    );
    let groups_status = if groups.query.is_empty() {
        let n = |v: usize| i64::try_from(v).unwrap_or(i64::MAX).into();
        tr.args(
            "groups-shown",
            &[
                ("first", n(groups.from + 1)),
                ("last", n(groups.from + groups.lines.len())),
                ("total", n(groups.total)),
            ],
        )
    } else {
        tr.args(
            "groups-found",
            &[
                (
                    "count",
                    i64::try_from(groups.matching).unwrap_or(i64::MAX).into(),
                ),
                ("query", groups.query.clone().into()),
            ],
        )
    };
    let links = Links::new(&state.base(), &w.join_code, key);
    let live_screens = state.broadcasts.live_streams_of(w.id);
    let page = DashboardPage {
        tr,
        w,
        participation: summary.participation,
        links,
        base: format!("/f/{key}"),
        flash,
        error,
        groups,
        groups_status,
        typed,
        corrections,
        more_corrections,
        proposals,
        more_proposals,
        keyword_entries,
        finding_entries,
        panels,
        activities,
        live_screens,
        dialects,
        csv_files: [
            ("entries.csv", "export-entries"),
            ("keywords.csv", "export-keywords"),
            ("keyword-entries.csv", "export-keyword-entries"),
            ("findings.csv", "export-findings"),
            ("votes.csv", "export-votes"),
        ]
        .into_iter()
        .map(|(file, id)| (file, tr.t(id)))
        .collect(),
        syntheses: SynthesisSection::ALL
            .into_iter()
            .map(|section| {
                let name = section.name();
                let text = syntheses
                    .iter()
                    .find(|(s, _)| s == name)
                    .map(|(_, t)| t.clone())
                    .unwrap_or_default();
                (name, tr.t(format!("synthesis-{name}")), text)
            })
            .collect(),
        closed_at,
    };
    Ok(html(status, page.render()?))
}

/// `GET /f/{key}`: counts, links, the keyword groups and their corrections.
pub async fn dashboard(
    req: HttpRequest,
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
) -> Result<HttpResponse, AppError> {
    let tr = request::tr(&req);
    let tallies = Tallies::load(&state.store, facilitator.workshop).await?;
    let flash = request::query_param(&req, "done")
        .and_then(|done| Done::parse(&done))
        .map(|done| tr.t(format!("done-{}", done.name())));
    render_dashboard(
        &req,
        &state,
        &facilitator.key,
        tallies,
        flash,
        None,
        StatusCode::OK,
    )
}

#[derive(Template)]
#[template(path = "facilitator/summary.html")]
struct SummaryPage {
    tr: Tr,
    w: Workshop,
    summary: Summary,
    participation_text: String,
    base: String,
}

/// `GET /f/{key}/summary`: keywords with counts, findings by category, recommendations
/// ranked with dots and voters.
pub async fn summary(
    req: HttpRequest,
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
) -> Result<HttpResponse, AppError> {
    let tr = request::tr(&req);
    // The live tallies, from the cache when nothing changed since the last view.
    let tallies = state
        .tallies
        .get(facilitator.workshop.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (w, summary) = (tallies.workshop.clone(), tallies.summary.clone());
    let participation_text = report::document::participation_line(tr, &summary.participation);
    let page = SummaryPage {
        tr,
        w,
        summary,
        participation_text,
        base: format!("/f/{}", facilitator.key),
    };
    Ok(html(StatusCode::OK, page.render()?))
}
