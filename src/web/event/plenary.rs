//! The plenary screen (issue #14), public like a projector: `GET /e/{code}/plenary` and
//! its stream `GET /e/{code}/plenary/events`. It shows one workshop at a time (its
//! keyword cloud, its statements or else its most supported findings, its top
//! recommendations) or the whole event (one keyword cloud folded across every workshop:
//! [`crate::tallies::TalliesCache::event_keywords`], counts summed, no recount). The
//! organiser steps it from the console (`POST /o/{key}/plenary`). It reuses the
//! projector's look: `static/screen.js` swaps each streamed `panel`, the cloud and the
//! bars are the projector's partials, sized by the same rules (24 px at least at
//! 1280×720).

use std::time::Duration;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use askama::Template;
use bytes::Bytes;
use futures_util::stream;

use super::OrganiserEvent;
use super::rows::{PER_PAGE, WorkshopRow};
use crate::domain::event::{Event, EventCode};
use crate::domain::ids::WorkshopId;
use crate::domain::refusal::Refusal;
use crate::i18n::Tr;
use crate::store::StoreError;
use crate::web::errors::AppError;
use crate::web::request::FormFields;
use crate::web::screen::cloud::{CloudWord, cloud_within};
use crate::web::screen::view::{Bar, ScreenFinding};
use crate::web::screen::{KEEP_ALIVE, PanelView, STREAM_RETRY_AFTER_SECS, sse_event};
use crate::web::{AppState, html};

/// Keyword groups in the whole event's cloud (as on the projector).
const EVENT_WORDS: usize = 40;
/// Keyword groups in a workshop's cloud, above its findings and ballot.
const WORKSHOP_WORDS: usize = 20;
/// The area a workshop's cloud may fill at 1280×720 (1000 × about 230 px).
const WORKSHOP_CLOUD_AREA_PX2: f64 = 140_000.0;
/// The area the whole event's cloud fills (the projector's).
const EVENT_CLOUD_AREA_PX2: f64 = 360_000.0;
/// Statements, findings and recommendations shown for a workshop.
const TOP: usize = 3;
/// Characters of a statement or finding shown (the proceedings have them whole).
const TEXT_CHARS: usize = 90;
/// How often a plenary stream looks at the versions (each look reads only counters in
/// memory; a frame is rendered only when one moved).
const LOOK_EVERY: Duration = Duration::from_millis(500);

/// What the plenary shows now: the data of the `panel` block of `plenary/plenary.html`.
pub struct PlenaryView {
    /// The sum of the versions it was made from: the SSE event id.
    pub version: u64,
    pub event_title: String,
    /// "Atelier 2 sur 3" or "Toute la rencontre".
    pub step: String,
    pub title: String,
    /// "312 téléphones · 1 204 réponses".
    pub counter: String,
    /// The whole event (one cloud) rather than one workshop.
    pub whole: bool,
    pub cloud: Vec<CloudWord>,
    pub cloud_more: usize,
    /// "Énoncés de synthèse" or "Constats les plus soutenus".
    pub texts_heading: String,
    pub texts: Vec<ScreenFinding>,
    pub bars: Vec<Bar>,
    /// Recommendations ranked below those shown.
    pub bars_more: usize,
}

/// A plenary stream's state between two writes.
struct PlenaryStream {
    state: web::Data<AppState>,
    event: Event,
    /// Its place among the open streams, given back when the viewer goes.
    _guard: crate::web::screen::broadcast::StreamGuard,
    closing: tokio::sync::watch::Receiver<bool>,
    /// The event's workshops, as read at the event's version `ids_at`.
    ids: Vec<WorkshopId>,
    ids_at: Option<u64>,
    /// The signature of the last frame sent.
    sent: Option<u64>,
    /// Whether the `retry:` line went out.
    started: bool,
    last_write: std::time::Instant,
}

/// The whole page.
#[derive(Template)]
#[template(path = "plenary/plenary.html")]
pub struct PlenaryPage<'a> {
    pub tr: Tr,
    pub view: &'a PlenaryView,
    pub events_url: String,
}

/// The `panel` block alone: what the stream sends.
#[derive(Template)]
#[template(path = "plenary/plenary.html", block = "panel")]
pub struct PlenaryFragment<'a> {
    pub tr: Tr,
    pub view: &'a PlenaryView,
}

/// The steps before and after `shown` among `rows` (`"event"` or a workshop's id): the
/// whole event comes first, then each workshop; the last goes back to the whole event.
pub fn neighbours(rows: &[WorkshopRow], shown: Option<WorkshopId>) -> (String, String) {
    let steps: Vec<String> = std::iter::once("event".to_string())
        .chain(rows.iter().map(|r| r.id.to_string()))
        .collect();
    let here = shown
        .and_then(|id| rows.iter().position(|r| r.id == id).map(|i| i + 1))
        .unwrap_or(0);
    let n = steps.len();
    (
        steps[(here + n - 1) % n].clone(),
        steps[(here + 1) % n].clone(),
    )
}

/// The sum of the event's own version and its workshops' live versions.
fn signature(state: &AppState, event: &Event, ids: &[WorkshopId]) -> u64 {
    let hub = &state.store.hub;
    ids.iter()
        .fold(hub.event_version(event.id.get()), |sum, id| {
            sum.wrapping_add(hub.version(id.get()))
        })
}

/// The plenary's language: like a projector's, its workshops' (the first one's), not the
/// browser's; French when the event has none yet.
async fn language_of(state: &AppState, event: &Event) -> Result<Tr, AppError> {
    let (ids, _) = state.store.event_workshop_ids(event.id, 0, 1).await?;
    let language = match ids.first() {
        Some(id) => state.tallies.workshop(*id).await?.map(|w| w.language),
        None => None,
    };
    Ok(Tr::new(language.unwrap_or_default()))
}

async fn event_of(state: &AppState, code: &str) -> Result<Event, AppError> {
    let code = EventCode::parse(code).map_err(|_| AppError::NotFound)?;
    state
        .store
        .event_by_code(&code)
        .await?
        .ok_or(AppError::NotFound)
}

/// The view of what `event` shows now.
async fn view(state: &AppState, event: &Event, tr: Tr) -> Result<PlenaryView, AppError> {
    let (ids, total) = state
        .store
        .event_workshop_ids(event.id, 0, PER_PAGE)
        .await?;
    let version = signature(state, event, &ids);
    let mut phones = 0;
    let mut entries = 0;
    for id in &ids {
        if let Some(t) = state.tallies.get(*id).await? {
            let p = &t.summary.participation;
            phones += p.phones;
            entries += p.keywords + p.findings + p.voters;
        }
    }
    let counter = tr.args(
        "screen-counter",
        &[("phones", phones.into()), ("entries", entries.into())],
    );
    let shown = event.plenary.and_then(|id| {
        ids.iter()
            .position(|i| *i == id)
            .map(|position| (id, position))
    });
    let Some((id, position)) = shown else {
        let (keywords, groups) = state.tallies.event_keywords(&ids, EVENT_WORDS).await?;
        let max = keywords.first().map_or(1, |k| k.count.max(1));
        return Ok(PlenaryView {
            version,
            event_title: event.title.clone(),
            step: tr.t("plenary-whole-event"),
            title: tr.t("plenary-event-keywords"),
            counter,
            whole: true,
            cloud: cloud_within(&keywords, max, EVENT_CLOUD_AREA_PX2),
            cloud_more: groups.saturating_sub(keywords.len()),
            texts_heading: String::new(),
            texts: Vec::new(),
            bars: Vec::new(),
            bars_more: 0,
        });
    };
    let tallies = state.tallies.get(id).await?.ok_or(AppError::NotFound)?;
    let summary = &tallies.summary;
    let words = &summary.keywords[..summary.keywords.len().min(WORKSHOP_WORDS)];
    let max = words.first().map_or(1, |k| k.count.max(1));
    let panel = PanelView::new(
        crate::domain::activity::Panel::Votes,
        &tallies,
        version,
        &state.base(),
        tr,
    );
    let shorten = |t: &str| crate::domain::text::shorten(t, TEXT_CHARS).into_owned();
    // The live tallies carry no statements: they are read apart (a few rows).
    let statements = state.store.statements(id).await?;
    let (texts_heading, texts) = if statements.is_empty() {
        let mut findings: Vec<_> = summary.findings.iter().flat_map(|g| &g.items).collect();
        findings.sort_by(|a, b| b.supports.cmp(&a.supports).then(a.id.cmp(&b.id)));
        (
            tr.t("plenary-top-findings"),
            findings
                .into_iter()
                .take(TOP)
                .map(|f| ScreenFinding {
                    text: shorten(&f.text),
                    supports: f.supports,
                })
                .collect(),
        )
    } else {
        (
            tr.t("plenary-statements"),
            statements
                .iter()
                .take(TOP)
                .map(|s| ScreenFinding {
                    text: shorten(&s.text),
                    supports: 0,
                })
                .collect(),
        )
    };
    let total = i64::try_from(total).unwrap_or(i64::MAX);
    let number = i64::try_from(position + 1).unwrap_or(i64::MAX);
    Ok(PlenaryView {
        version,
        event_title: event.title.clone(),
        step: tr.args(
            "plenary-step",
            &[("number", number.into()), ("total", total.into())],
        ),
        title: tallies.workshop.title.clone(),
        counter: panel.counter.clone(),
        whole: false,
        cloud: cloud_within(words, max, WORKSHOP_CLOUD_AREA_PX2),
        cloud_more: summary.keyword_groups.saturating_sub(words.len()),
        texts_heading,
        texts,
        bars_more: summary.ranking.len().saturating_sub(TOP),
        bars: panel.bars.into_iter().take(TOP).collect(),
    })
}

/// `GET /e/{code}/plenary`: the plenary screen. Without JavaScript it reloads itself
/// every 5 seconds; with it, `static/screen.js` swaps in each streamed fragment.
///
/// # Errors
/// 404 for an unknown code; store and template errors.
pub async fn page(
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let event = event_of(&state, &code).await?;
    let tr = language_of(&state, &event).await?;
    let view = view(&state, &event, tr).await?;
    let page = PlenaryPage {
        tr,
        view: &view,
        events_url: format!("/e/{}/plenary/events", event.code),
    };
    Ok(html(StatusCode::OK, page.render()?))
}

/// `GET /e/{code}/plenary/events`: the plenary's Server-Sent Events: what it shows, at
/// once and then whenever the organiser steps it or a shown workshop's version moves
/// (looked at every half second, in memory); a comment every [`KEEP_ALIVE`] when idle.
/// Its streams count among the projectors' ([`crate::web::screen::StreamLimits`]), under
/// the event's own count.
///
/// # Errors
/// 404 for an unknown code; [`AppError::Busy`] past the stream limits.
pub async fn events(
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let event = event_of(&state, &code).await?;
    let tr = language_of(&state, &event).await?;
    // Negative keys never meet a workshop's id: the event's streams are counted apart.
    let guard = state
        .broadcasts
        .open_stream(WorkshopId(-event.id.get()))
        .ok_or(AppError::Busy {
            retry_after_secs: STREAM_RETRY_AFTER_SECS,
        })?;
    let start = PlenaryStream {
        closing: state.broadcasts.closing.subscribe(),
        state,
        event,
        _guard: guard,
        ids: Vec::new(),
        ids_at: None,
        sent: None,
        started: false,
        last_write: std::time::Instant::now(),
    };
    let body = stream::unfold(start, move |mut s| async move {
        if !s.started {
            s.started = true;
            let retry = Bytes::from_static(b"retry: 2000\n\n");
            return Some((Ok::<_, std::convert::Infallible>(retry), s));
        }
        loop {
            if *s.closing.borrow() {
                return None;
            }
            // The event's workshops are read again only when its own version moved (a
            // workshop added, a step): each look is otherwise counters in memory.
            let event_version = s.state.store.hub.event_version(s.event.id.get());
            if s.ids_at != Some(event_version) {
                s.ids = s
                    .state
                    .store
                    .event_workshop_ids(s.event.id, 0, PER_PAGE)
                    .await
                    .ok()?
                    .0;
                let code = EventCode::parse(&s.event.code).ok()?;
                s.event = s.state.store.event_by_code(&code).await.ok()??;
                s.ids_at = Some(event_version);
            }
            let now = signature(&s.state, &s.event, &s.ids);
            if s.sent != Some(now) {
                let view = view(&s.state, &s.event, tr).await.ok()?;
                let body = PlenaryFragment { tr, view: &view }.render().ok()?;
                s.sent = Some(now);
                s.last_write = std::time::Instant::now();
                return Some((Ok(sse_event(view.version, &body)), s));
            }
            if s.last_write.elapsed() >= KEEP_ALIVE {
                s.last_write = std::time::Instant::now();
                return Some((Ok(Bytes::from_static(b": keep-alive\n\n")), s));
            }
            tokio::select! {
                () = tokio::time::sleep(LOOK_EVERY) => {}
                _ = s.closing.changed() => return None,
            }
        }
    });
    Ok(HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .insert_header(("X-Accel-Buffering", "no"))
        .streaming(body))
}

/// `POST /o/{key}/plenary`, field `show`: `event` (the whole event) or a workshop's id:
/// what the plenary shows now; back to the console.
///
/// # Errors
/// [`AppError::Malformed`] for another value; 404 for a workshop not the event's.
pub async fn step(
    state: web::Data<AppState>,
    organiser: OrganiserEvent,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let form = FormFields::parse(&body).map_err(|_| AppError::Malformed)?;
    let show = match form.get("show") {
        Some("event") => None,
        Some(id) => Some(WorkshopId::parse(id).ok_or(AppError::Malformed)?),
        None => return Err(AppError::Malformed),
    };
    match state.store.show_in_plenary(organiser.event.id, show).await {
        Ok(()) => {}
        Err(StoreError::Refused(Refusal::UnknownEntry)) => return Err(AppError::NotFound),
        Err(e) => return Err(e.into()),
    }
    Ok(HttpResponse::SeeOther()
        .insert_header((
            header::LOCATION,
            format!("/o/{}?done=plenary#plenary", organiser.key),
        ))
        .finish())
}
