//! The dashboard (`GET /f/{key}`): counts, links, the projector's and activities'
//! switches, the keyword groups with their corrections, moderation lists, proposals,
//! syntheses and exports.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::console::ConsoleCounts;
use super::groups::GroupsView;
pub use super::lists::Typed;
use super::lists::{EntryPage, LIST_SHOWN, describe, finding_entries, keyword_entries, offset};
use super::{Done, FacilitatorWorkshop, confirmation};
use crate::domain::activity::{Activity, Panel, SynthesisSection};
use crate::domain::keyword::KeywordCount;
use crate::domain::language::Language;
use crate::domain::workshop::Workshop;
use crate::i18n::Tr;
use crate::report;
use crate::store::{ParticipantOrder, ParticipantSummary, Proposal};
use crate::tallies::Tallies;
use crate::web::errors::AppError;
use crate::web::{AppState, html, request};
use crate::workshops::Links;

#[derive(Template)]
#[template(path = "facilitator/dashboard.html")]
struct DashboardPage {
    tr: Tr,
    w: Workshop,
    /// The figures of the console's bar (live where JavaScript runs).
    counts: ConsoleCounts,
    /// The room's live version the page was made at (the console's script reloads the
    /// lists when it moves).
    version: u64,
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
    /// `(dialect parameter, column label)`: the French Excel one first for a French workshop.
    dialects: Vec<(&'static str, String)>,
    /// `(file name, description)` of each CSV file.
    csv_files: Vec<(&'static str, String)>,
    /// `(section, label, text)` of each synthesis paragraph.
    syntheses: Vec<(&'static str, String, String)>,
    /// When the workshop was closed, in its time zone.
    closed_at: Option<String>,
    /// "N téléphones / capacité M".
    phones_capacity: String,
    /// The capacity form's value: what was typed when refused, else the capacity.
    capacity_typed: String,
    /// The most active participants (at most [`PARTICIPANTS_SHOWN`]).
    participants: Vec<ParticipantLine>,
    /// Participants not listed here ("N de plus", on the participants page).
    participants_more: i64,
    /// Where the participant forms lead back: the dashboard.
    back: Option<(&'static str, i64)>,
}

/// Participants listed on the dashboard, most entries first; every one is on
/// `/f/{key}/participants`.
pub const PARTICIPANTS_SHOWN: i64 = 10;

/// What the dashboard shows besides the tallies: a confirmation or an error at the top,
/// its status, and the capacity as typed when the form was refused.
pub struct Shown {
    pub flash: Option<String>,
    pub error: Option<String>,
    pub status: StatusCode,
    /// What the dashboard's forms hold.
    pub typed: Typed,
}

impl Shown {
    /// The dashboard again after a refused form: `error` at the top, `status`, the form's
    /// fields as typed.
    pub fn refused(error: String, status: StatusCode, typed: Typed) -> Self {
        Self {
            flash: None,
            error: Some(error),
            status,
            typed,
        }
    }
}

/// One participant as the lists show it.
pub struct ParticipantLine {
    /// The pseudonym's number (`P{seq}`).
    pub seq: i64,
    /// When it first sent something, in the workshop's time zone.
    pub first_seen: String,
    pub keywords: i64,
    pub findings: i64,
    /// "+1" given.
    pub supports: i64,
    /// "oui (n gommettes)" or "non".
    pub ballot: String,
    pub proposals: i64,
    pub hidden: bool,
}

impl ParticipantLine {
    /// The line of `p`, times in `w`'s time zone.
    pub fn new(tr: Tr, w: &Workshop, p: &ParticipantSummary) -> Self {
        Self {
            seq: p.seq,
            first_seen: report::local_time(&p.joined_at, w.time_zone),
            keywords: p.keywords,
            findings: p.findings,
            supports: p.supports,
            ballot: if p.dots > 0 {
                tr.n("ballot-yes", "dots", p.dots)
            } else {
                tr.t("ballot-no")
            },
            proposals: p.proposals,
            hidden: p.hidden,
        }
    }
}

/// Renders the dashboard from `tallies`, with a confirmation or an error at the top.
/// The query string picks the page of each list: `kw` (a search of the keyword groups),
/// `kw_from`, `merge_from` (a group for the merge form), `entries_from`,
/// `findings_from`.
///
/// # Errors
/// Store and template errors.
pub async fn render_dashboard(
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
    let shown = Shown {
        flash,
        error,
        status,
        typed,
    };
    render_page(req, state, key, tallies, shown).await
}

/// Renders the dashboard from `tallies` and the most active participants, with `shown`.
///
/// # Errors
/// Store and template errors.
pub async fn render_page(
    req: &HttpRequest,
    state: &AppState,
    key: &str,
    tallies: Tallies,
    shown: Shown,
) -> Result<HttpResponse, AppError> {
    let tr = request::tr(req);
    let Shown {
        flash,
        error,
        status,
        typed,
    } = shown;
    let (mut lists, participants_total) = state
        .store
        .participants(
            tallies.workshop.id,
            vec![ParticipantOrder::MostEntries],
            PARTICIPANTS_SHOWN,
            0,
        )
        .await?;
    let participants: Vec<ParticipantLine> = lists
        .pop()
        .unwrap_or_default()
        .iter()
        .map(|p| ParticipantLine::new(tr, &tallies.workshop, p))
        .collect();
    let participants_more =
        participants_total - i64::try_from(participants.len()).unwrap_or(i64::MAX);
    let version = state.store.hub.version(tallies.workshop.id.get());
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
    let keyword_entries = keyword_entries(req, &keyword_rows, w.time_zone);
    let finding_entries = finding_entries(req, &findings, w.time_zone);
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
    let phones_capacity = tr.args(
        "phones-capacity",
        &[
            ("phones", summary.participation.phones.into()),
            ("capacity", w.max_participants.into()),
        ],
    );
    let counts = ConsoleCounts {
        participation: summary.participation,
        capacity: w.max_participants,
        screens: state.broadcasts.live_streams_of(w.id),
    };
    let capacity_typed = if typed.capacity.is_empty() {
        w.max_participants.to_string()
    } else {
        typed.capacity.clone()
    };
    let page = DashboardPage {
        tr,
        w,
        counts,
        version,
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
        phones_capacity,
        capacity_typed,
        participants,
        participants_more,
        back: None,
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
    let what = request::query_param(&req, "what");
    let flash = request::query_param(&req, "done")
        .and_then(|done| Done::parse(&done))
        .map(|done| confirmation(tr, done, what.as_deref()));
    render_dashboard(
        &req,
        &state,
        &facilitator.key,
        tallies,
        flash,
        None,
        StatusCode::OK,
    )
    .await
}
