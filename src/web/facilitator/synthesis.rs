//! The rapporteur's workbench, `GET /f/{key}/synthesis` (issue #13): each category's raw
//! findings, most supported first and paged, with boxes to tick and gather them into a
//! statement; the statements with the findings and "+1"s behind them, to edit, move or
//! delete; the suggested groups, each a form that makes a statement of it; the session's
//! date and hours; the report's share link. Every action is a plain form (no JavaScript
//! needed); the forms are handled in [`super::statements`] and [`crate::web::share`].

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::FacilitatorWorkshop;
use crate::domain::statement::STATEMENT_MAX_CHARS;
use crate::domain::suggestions::{self, Suggestion};
use crate::i18n::Tr;
use crate::report::document::backing_line;
use crate::tallies::Tallies;
use crate::web::errors::AppError;
use crate::web::{AppState, html, request};

/// Raw findings shown per category and page.
pub const FINDINGS_PER_PAGE: usize = 50;
/// Suggested groups shown (the others are counted).
pub const SUGGESTIONS_SHOWN: usize = 30;

/// A raw finding on the page.
pub struct FindingRow {
    pub id: i64,
    pub text: String,
    pub supports: i64,
    /// How many statements already gather it.
    pub used: usize,
    /// Ticked (a form sent back with what was ticked).
    pub checked: bool,
}

/// A statement on the page.
pub struct StatementRow {
    pub id: i64,
    pub text: String,
    /// "3 constats, 5 +1".
    pub backing: String,
    /// `(id, text)` of the findings it gathers.
    pub findings: Vec<(i64, String)>,
    pub first: bool,
    pub last: bool,
}

/// A category's block: its statements and a page of its raw findings.
pub struct CategoryBlock {
    pub slug: String,
    pub label: String,
    pub statements: Vec<StatementRow>,
    pub findings: Vec<FindingRow>,
    /// Visible findings in the category.
    pub total: usize,
    /// Index of the first finding shown, and of the next and previous pages.
    pub from: usize,
    pub next: Option<usize>,
    pub previous: Option<usize>,
    /// "51–100 sur 120".
    pub range: String,
    /// What was typed in its "new statement" box (kept after a refusal).
    pub typed: String,
    /// A refusal about this block's forms.
    pub error: Option<String>,
}

/// A suggested group on the page.
pub struct SuggestionRow {
    /// `(id, text)`.
    pub findings: Vec<(i64, String)>,
    pub words: String,
    /// The category most of its findings are in (the form's choice).
    pub category: String,
}

/// What a refused form sent, to show it again.
#[derive(Default)]
pub struct Typed {
    /// The category whose form it was (empty: the session form).
    pub category: String,
    pub text: String,
    pub checked: Vec<i64>,
    pub message: Option<String>,
    /// `(date, starts, ends)` typed in the session form, with its message.
    pub session: Option<((String, String, String), String)>,
}

#[derive(Template)]
#[template(path = "facilitator/synthesis.html")]
struct SynthesisPage {
    tr: Tr,
    base: String,
    title: String,
    flash: Option<String>,
    max_chars: usize,
    categories: Vec<(String, String)>,
    blocks: Vec<CategoryBlock>,
    suggestions: Vec<SuggestionRow>,
    more_suggestions: usize,
    session: (String, String, String),
    session_error: Option<String>,
    /// When the share link in force was made, local time.
    shared_since: Option<String>,
    /// A share link just made (shown once: only its hash is stored).
    new_link: Option<String>,
}

/// Most findings the suggested groups are computed over: the most supported ones, then
/// the earliest. A dense room of 3,000 findings takes seconds (BENCHMARKS.md, "Suggested
/// groups"), and the trial of issue #13 measured 0.5–2.3 s at 1,000 on a busy machine,
/// computed again at each view of the workbench; 500 keep it a few tens of milliseconds.
pub const SUGGEST_MAX_FINDINGS: usize = 500;

/// The suggested groups among `tallies`' visible findings (at most
/// [`SUGGEST_MAX_FINDINGS`] of them, the most supported).
pub fn suggestions_of(tallies: &Tallies) -> Vec<Suggestion> {
    let mut visible: Vec<_> = tallies.findings.iter().filter(|f| f.counts()).collect();
    if visible.len() > SUGGEST_MAX_FINDINGS {
        visible.sort_by_key(|f| (std::cmp::Reverse(f.supports), f.id));
        visible.truncate(SUGGEST_MAX_FINDINGS);
    }
    let findings: Vec<(i64, &str)> = visible.iter().map(|f| (f.id, f.text.as_str())).collect();
    suggestions::suggest(&findings, tallies.workshop.language)
}

/// `GET /f/{key}/synthesis`: the workbench; `?category=slug&from=N` pages one category's
/// findings, `?done=` confirms an action.
pub async fn page(
    req: HttpRequest,
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
) -> Result<HttpResponse, AppError> {
    render(
        &req,
        &state,
        &facilitator,
        Typed::default(),
        None,
        StatusCode::OK,
    )
    .await
}

/// The workbench, with what a refused form sent (`typed`) or a share link just made.
///
/// # Errors
/// Store and template errors.
pub async fn render(
    req: &HttpRequest,
    state: &AppState,
    facilitator: &FacilitatorWorkshop,
    typed: Typed,
    new_link: Option<String>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let tr = request::tr(req);
    // The workbench lists every finding by id: the facilitator's pages' full read
    // (with the statements), as the dashboard's.
    let tallies = Tallies::load(&state.store, facilitator.workshop.clone()).await?;
    let shared_since = state
        .store
        .report_link_made_at(facilitator.workshop.id)
        .await?
        .map(|t| crate::report::local_time(&t, facilitator.workshop.time_zone));
    let paged = (
        request::query_param(req, "category").unwrap_or_default(),
        request::query_param(req, "from")
            .and_then(|f| f.parse::<usize>().ok())
            .unwrap_or(0),
    );
    let flash = request::query_param(req, "done")
        .filter(|d| DONE.contains(&d.as_str()))
        .map(|d| tr.t(format!("synthesis-done-{d}")));
    let base = format!("/f/{}", facilitator.key);
    let body = web::block(move || -> Result<String, AppError> {
        let page = build(
            tr,
            base,
            &tallies,
            typed,
            paged,
            flash,
            shared_since,
            new_link,
        );
        Ok(page.render()?)
    })
    .await
    .map_err(|e| AppError::Internal(format!("synthesis page: {e}")))??;
    Ok(html(status, body))
}

/// The confirmations `?done=` may name (`synthesis-done-{name}` in the catalogues).
pub const DONE: [&str; 8] = [
    "added", "edited", "moved", "deleted", "linked", "unlinked", "session", "revoked",
];

#[allow(clippy::too_many_arguments)]
fn build(
    tr: Tr,
    base: String,
    tallies: &Tallies,
    typed: Typed,
    (paged_category, paged_from): (String, usize),
    flash: Option<String>,
    shared_since: Option<String>,
    new_link: Option<String>,
) -> SynthesisPage {
    let w = &tallies.workshop;
    let texts: HashMap<i64, &str> = tallies
        .findings
        .iter()
        .map(|f| (f.id, f.text.as_str()))
        .collect();
    let mut used: HashMap<i64, usize> = HashMap::new();
    for s in &tallies.statements {
        for f in &s.findings {
            *used.entry(f.get()).or_default() += 1;
        }
    }
    let blocks = w
        .categories
        .iter()
        .zip(&tallies.summary.findings)
        .map(|(category, group)| {
            let mine: Vec<_> = tallies
                .statements
                .iter()
                .filter(|s| s.category_slug == category.slug)
                .collect();
            let count = mine.len();
            let statements = mine
                .into_iter()
                .enumerate()
                .map(|(i, s)| StatementRow {
                    id: s.id.get(),
                    text: s.text.clone(),
                    backing: backing_line(Tr::new(w.language), &s.backing(&tallies.findings)),
                    findings: s
                        .findings
                        .iter()
                        .map(|f| {
                            (
                                f.get(),
                                texts.get(&f.get()).copied().unwrap_or("").to_string(),
                            )
                        })
                        .collect(),
                    first: i == 0,
                    last: i + 1 == count,
                })
                .collect();
            let from = if paged_category == category.slug && paged_from < group.items.len() {
                paged_from
            } else {
                0
            };
            let mine_typed = typed.category == category.slug;
            let findings = group
                .items
                .iter()
                .skip(from)
                .take(FINDINGS_PER_PAGE)
                .map(|f| FindingRow {
                    id: f.id,
                    text: f.text.clone(),
                    supports: f.supports,
                    used: used.get(&f.id).copied().unwrap_or(0),
                    checked: mine_typed && typed.checked.contains(&f.id),
                })
                .collect();
            let shown = group
                .items
                .len()
                .saturating_sub(from)
                .min(FINDINGS_PER_PAGE);
            let as_i64 = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
            CategoryBlock {
                range: tr.args(
                    "synthesis-page-range",
                    &[
                        ("from", as_i64(from + 1).into()),
                        ("to", as_i64(from + shown).into()),
                        ("total", as_i64(group.items.len()).into()),
                    ],
                ),
                slug: category.slug.clone(),
                label: category.label.clone(),
                statements,
                findings,
                total: group.items.len(),
                from,
                next: (from + FINDINGS_PER_PAGE < group.items.len())
                    .then_some(from + FINDINGS_PER_PAGE),
                previous: (from > 0).then(|| from.saturating_sub(FINDINGS_PER_PAGE)),
                typed: if mine_typed {
                    typed.text.clone()
                } else {
                    String::new()
                },
                error: if mine_typed {
                    typed.message.clone()
                } else {
                    None
                },
            }
        })
        .collect();
    let slug_of: HashMap<i64, &str> = tallies
        .findings
        .iter()
        .map(|f| (f.id, f.category_slug.as_str()))
        .collect();
    let found = suggestions_of(tallies);
    let more_suggestions = found.len().saturating_sub(SUGGESTIONS_SHOWN);
    let suggestions = found
        .into_iter()
        .take(SUGGESTIONS_SHOWN)
        .map(|s| {
            let mut votes: Vec<(&str, usize)> = Vec::new();
            for id in &s.findings {
                let slug = slug_of.get(id).copied().unwrap_or("");
                match votes.iter_mut().find(|(c, _)| *c == slug) {
                    Some((_, n)) => *n += 1,
                    None => votes.push((slug, 1)),
                }
            }
            // Most findings, ties to the first category met (the earliest finding's).
            let category = votes
                .iter()
                .fold(("", 0), |best, v| if v.1 > best.1 { *v } else { best })
                .0
                .to_string();
            SuggestionRow {
                findings: s
                    .findings
                    .iter()
                    .map(|id| (*id, texts.get(id).copied().unwrap_or("").to_string()))
                    .collect(),
                words: s.words.join(", "),
                category,
            }
        })
        .collect();
    let (session, session_error) = match typed.session {
        Some((fields, message)) => (fields, Some(message)),
        None => (
            w.session
                .map(|s| {
                    let (date, starts, ends) = s.stored();
                    (date, starts.unwrap_or_default(), ends.unwrap_or_default())
                })
                .unwrap_or_default(),
            None,
        ),
    };
    SynthesisPage {
        tr,
        base,
        title: w.title.clone(),
        flash,
        max_chars: STATEMENT_MAX_CHARS,
        categories: w
            .categories
            .iter()
            .map(|c| (c.slug.clone(), c.label.clone()))
            .collect(),
        blocks,
        suggestions,
        more_suggestions,
        session,
        session_error,
        shared_since,
        new_link,
    }
}
