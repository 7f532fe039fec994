//! The facilitator's and rapporteur's pages, under `/f/{key}` (a wrong key is a plain
//! 404), and the projector page.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::errors::{AppError, OrInternal};
use super::{AppState, html, request};
use crate::domain::join_code::JoinCode;
use crate::domain::keyword::{Correction, KeywordCount};
use crate::domain::secret;
use crate::i18n::Tr;
use crate::report::Summary;
use crate::store::read::{self, CorrectionRow, Participation, Proposal, Workshop};
use crate::tallies::Tallies;
use crate::workshops::Links;

/// The workshop whose facilitator key is `key`, or a plain 404.
pub async fn workshop_for_key(state: &AppState, key: &str, tr: Tr) -> Result<Workshop, AppError> {
    if !secret::is_token(key) {
        return Err(AppError::NotFound);
    }
    let hash = secret::hash_token(key);
    state
        .store
        .readers
        .read(
            move |conn| match read::workshop_id_by_key_hash(conn, &hash)? {
                Some(id) => read::workshop(conn, id),
                None => Ok(None),
            },
        )
        .await
        .or_500(tr)?
        .ok_or(AppError::NotFound)
}

fn participation_text(tr: Tr, p: &Participation) -> String {
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
    /// Visible keyword groups, then hidden ones.
    groups: Vec<KeywordCount>,
    /// `(id, description)` of each keyword correction in force.
    corrections: Vec<(i64, String)>,
    proposals: Vec<Proposal>,
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
        Correction::Label { group, label } => tr.args(
            "correction-label",
            &[
                ("group", label_of(group).into()),
                ("label", label.clone().into()),
            ],
        ),
        Correction::Hide { .. } => tr.s("correction-hide", "group", &row.label),
    }
}

/// Renders the dashboard from `tallies`, with a confirmation or an error at the top.
pub fn render_dashboard(
    req: &HttpRequest,
    state: &AppState,
    key: &str,
    tallies: Tallies,
    flash: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let tr = request::tr(req);
    let Tallies {
        workshop: w,
        summary,
        corrections,
        proposals,
        ..
    } = tallies;
    let groups: Vec<KeywordCount> = summary
        .keywords
        .into_iter()
        .chain(summary.hidden_keywords)
        .collect();
    let corrections = corrections
        .iter()
        .map(|row| (row.id, describe(tr, row, &groups)))
        .collect();
    let links = Links::new(&state.base(req), &w.join_code, key);
    let page = DashboardPage {
        tr,
        w,
        participation: summary.participation,
        links,
        base: format!("/f/{key}"),
        flash,
        error,
        groups,
        corrections,
        proposals,
    };
    Ok(html(status, page.render().or_500(tr)?))
}

/// `GET /f/{key}`: counts, links, the keyword groups and their corrections.
pub async fn dashboard(
    req: HttpRequest,
    state: web::Data<AppState>,
    key: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let tr = request::tr(&req);
    let w = workshop_for_key(&state, &key, tr).await?;
    let tallies = Tallies::load(&state.store, w).await.or_500(tr)?;
    let flash = request::query_param(&req, "done")
        .filter(|done| super::moderation::DONE.contains(&done.as_str()))
        .map(|done| tr.t(format!("done-{done}")));
    render_dashboard(&req, &state, &key, tallies, flash, None, StatusCode::OK)
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
    key: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let tr = request::tr(&req);
    let w = workshop_for_key(&state, &key, tr).await?;
    let Tallies {
        workshop: w,
        summary,
        ..
    } = Tallies::load(&state.store, w).await.or_500(tr)?;
    let participation_text = participation_text(tr, &summary.participation);
    let page = SummaryPage {
        tr,
        w,
        summary,
        participation_text,
        base: format!("/f/{key}"),
    };
    Ok(html(StatusCode::OK, page.render().or_500(tr)?))
}

#[derive(Template)]
#[template(path = "participant/screen.html")]
struct ScreenPage {
    tr: Tr,
    w: Workshop,
    summary: Summary,
    participation_text: String,
    /// The participant address without its scheme, such as `192.168.1.10:8080/w/SOLIDA`.
    join_host: String,
}

/// `GET /w/{code}/screen`: the projector, public and read-only; it reloads itself every
/// 5 seconds.
pub async fn screen(
    req: HttpRequest,
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let tr = request::tr(&req);
    let unknown = || AppError::UnknownWorkshop {
        code: code.chars().take(30).collect(),
        tr,
    };
    let join_code = JoinCode::parse(&code).map_err(|_| unknown())?;
    let found = state
        .store
        .readers
        .read(
            move |conn| match read::workshop_id_by_code(conn, join_code.as_str())? {
                Some(id) => read::workshop(conn, id),
                None => Ok(None),
            },
        )
        .await
        .or_500(tr)?
        .ok_or_else(unknown)?;
    let Tallies {
        workshop: w,
        summary,
        ..
    } = Tallies::load(&state.store, found).await.or_500(tr)?;
    let base = state.base(&req);
    let join_host = format!(
        "{}/w/{}",
        base.split_once("://").map_or(base.as_str(), |(_, h)| h),
        w.join_code
    );
    let participation_text = participation_text(tr, &summary.participation);
    let page = ScreenPage {
        tr,
        w,
        summary,
        participation_text,
        join_host,
    };
    Ok(html(StatusCode::OK, page.render().or_500(tr)?))
}
