//! The plenary screen (issue #14), public like a projector: `GET /e/{code}/plenary` and
//! its stream `GET /e/{code}/plenary/events`. It shows one workshop at a time (its
//! keyword cloud, its statements or else its most supported findings, its top
//! recommendations) or the whole event (one keyword cloud folded across every workshop:
//! [`crate::tallies::TalliesCache::event_keywords`], counts summed, no recount). The
//! organiser steps it from the console (`POST /o/{key}/plenary`). It has the projector's
//! look and rules ([`layout`]: laid out for 1280×720 and scaled, nothing cut, 24 px at
//! least), and its frames are rendered once per version for every viewer ([`broadcast`]):
//! the page and its stream only copy them; `static/screen.js` swaps each streamed panel
//! in and shows "Connexion perdue" while the stream is down.

pub mod broadcast;
pub mod layout;
pub mod view;

use std::sync::Arc;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use askama::Template;
use bytes::Bytes;
use futures_util::stream;
use tokio::sync::watch;

use super::OrganiserEvent;
use super::rows::WorkshopRow;
use crate::domain::event::{Event, EventCode};
use crate::domain::ids::WorkshopId;
use crate::domain::refusal::Refusal;
use crate::i18n::Tr;
use crate::store::StoreError;
use crate::web::errors::AppError;
use crate::web::request::FormFields;
use crate::web::screen::{KEEP_ALIVE, STREAM_RETRY_AFTER_SECS};
use crate::web::{AppState, html};

pub use broadcast::{Plenaries, PlenaryFrame};
pub use view::PlenaryView;

/// Plenary streams one event may hold open: every phone of a national meeting's hall
/// (DESIGN.md, "Scale": up to about 2,000) with some margin; streams of the whole server
/// stay within [`crate::web::screen::StreamLimits`]'s total. A viewer costs a copy of
/// each frame, never a render.
pub const STREAMS_PER_PLENARY: usize = 2_500;

/// The whole page: the layout around the current frame's panel.
#[derive(Template)]
#[template(path = "plenary/plenary.html")]
pub struct PlenaryPage<'a> {
    /// The plenary's language (its first workshop's).
    pub tr: Tr,
    /// The event's title.
    pub title: &'a str,
    /// The panel, as the broadcaster rendered it.
    pub panel: &'a str,
    /// `/e/{code}/plenary/events`.
    pub events_url: String,
}

/// The panel alone: what the stream sends and the page includes.
#[derive(Template)]
#[template(path = "plenary/_panel.html")]
pub struct PlenaryFragment<'a> {
    /// The plenary's language.
    pub tr: Tr,
    /// What it shows.
    pub view: &'a PlenaryView,
}

/// The panel of `view`, as HTML.
///
/// # Errors
/// Template errors.
pub fn render_panel(tr: Tr, view: &PlenaryView) -> askama::Result<String> {
    PlenaryFragment { tr, view }.render()
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

async fn event_of(state: &AppState, code: &str) -> Result<Event, AppError> {
    let code = EventCode::parse(code).map_err(|_| AppError::NotFound)?;
    state
        .store
        .event_by_code(&code)
        .await?
        .ok_or(AppError::NotFound)
}

/// `GET /e/{code}/plenary`: the plenary screen, made of the broadcaster's current frame
/// (the one that includes the latest change, waited for briefly). Without JavaScript it
/// reloads itself every 5 seconds; with it, `static/screen.js` swaps in each streamed
/// fragment.
///
/// # Errors
/// 404 for an unknown code; store and template errors.
pub async fn page(
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let event = event_of(&state, &code).await?;
    let frame = state.plenaries.current(&event).await?;
    let page = PlenaryPage {
        tr: frame.tr,
        title: &frame.title,
        panel: &frame.html,
        events_url: format!("/e/{}/plenary/events", event.code),
    };
    Ok(html(StatusCode::OK, page.render()?))
}

/// One plenary viewer's stream.
struct Viewer {
    frames: watch::Receiver<Arc<PlenaryFrame>>,
    closing: watch::Receiver<bool>,
    /// Its place among the open streams, given back when the viewer goes.
    _guard: crate::web::screen::broadcast::StreamGuard,
    /// The `retry:` line, sent first.
    start: Option<Bytes>,
    /// Whether a frame went out.
    sent: bool,
}

/// `GET /e/{code}/plenary/events`: the plenary's Server-Sent Events: the current frame at
/// once, then each new one as its broadcaster makes it (the same bytes for every
/// viewer); a comment every [`KEEP_ALIVE`] when idle.
///
/// # Errors
/// 404 for an unknown code; [`AppError::Busy`] past [`STREAMS_PER_PLENARY`] or the
/// server's total of streams.
pub async fn events(
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let event = event_of(&state, &code).await?;
    // Negative keys never meet a workshop's id: the event's streams are counted apart.
    let guard = state
        .broadcasts
        .open_stream_within(WorkshopId(-event.id.get()), STREAMS_PER_PLENARY)
        .ok_or(AppError::Busy {
            retry_after_secs: STREAM_RETRY_AFTER_SECS,
        })?;
    let viewer = Viewer {
        frames: state.plenaries.subscribe(&event).await?,
        closing: state.broadcasts.closing_signal(),
        _guard: guard,
        start: Some(Bytes::from_static(b"retry: 2000\n\n")),
        sent: false,
    };
    let body = stream::unfold(viewer, |mut v| async move {
        if let Some(start) = v.start.take() {
            return Some((Ok::<_, std::convert::Infallible>(start), v));
        }
        if *v.closing.borrow() {
            return None;
        }
        if v.sent {
            tokio::select! {
                changed = v.frames.changed() => if changed.is_err() { return None; },
                _ = v.closing.changed() => return None,
                () = tokio::time::sleep(KEEP_ALIVE) => {
                    return Some((Ok(Bytes::from_static(b": keep-alive\n\n")), v));
                }
            }
        }
        let frame = Arc::clone(&v.frames.borrow_and_update());
        v.sent = true;
        Some((Ok(frame.event.clone()), v))
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
