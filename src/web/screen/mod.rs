//! The projector (issue #3): `GET /w/{code}/screen`, public and read-only, and its live
//! stream `GET /w/{code}/screen/events` (Server-Sent Events). The view model is in
//! [`view`], the per-workshop broadcaster in [`broadcast`].

pub mod broadcast;
pub mod view;

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use bytes::Bytes;
use futures_util::stream;

pub use broadcast::{Broadcasts, Frame, MAX_UPDATES_PER_SECOND};
pub use view::{PanelView, qr_svg, sse_event};

use super::errors::AppError;
use super::{AppState, html, request};
use crate::domain::activity::Panel;
use crate::domain::ids::WorkshopId;
use crate::domain::join_code::JoinCode;
use crate::i18n::Tr;
use broadcast::{StreamGuard, StreamState};
use view::ScreenPage;

/// A comment is sent on an idle stream this often, so proxies keep it open and dead
/// viewers are noticed.
pub const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The workshop of `code`, or the 404 page naming the code.
async fn workshop_id(state: &AppState, code: &str) -> Result<WorkshopId, AppError> {
    let unknown = || AppError::UnknownWorkshop {
        code: crate::domain::text::shorten(code, 30).into_owned(),
    };
    let join_code = JoinCode::parse(code).map_err(|_| unknown())?;
    state
        .tallies
        .workshop_id(&join_code)
        .await?
        .ok_or_else(unknown)
}

fn pinned(req: &HttpRequest) -> Option<Panel> {
    request::query_param(req, "panel").and_then(|p| Panel::parse(&p))
}

/// `GET /w/{code}/screen[?panel=…]`: the projector page. Without JavaScript it reloads
/// itself every 5 seconds; with it, `static/screen.js` swaps in each streamed fragment.
pub async fn page(
    req: HttpRequest,
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = workshop_id(&state, &code).await?;
    let tallies = state.tallies.get(id).await?.ok_or(AppError::NotFound)?;
    let tr = Tr::new(tallies.workshop.language);
    let pinned = pinned(&req);
    let panel = pinned.unwrap_or(tallies.workshop.screen_panel);
    let mut view = PanelView::new(
        panel,
        &tallies,
        state.store.hub.version(id.get()),
        &state.base(),
        tr,
    );
    if view.qr_svg.is_empty() {
        view.qr_svg = qr_svg(&view.join_url);
    }
    let events_url = match pinned {
        Some(p) => format!(
            "/w/{}/screen/events?panel={}",
            tallies.workshop.join_code,
            p.name()
        ),
        None => format!("/w/{}/screen/events", tallies.workshop.join_code),
    };
    let body = ScreenPage {
        tr,
        view: &view,
        events_url,
    }
    .render()?;
    Ok(html(StatusCode::OK, body))
}

/// `GET /w/{code}/screen/events[?panel=…]`: the projector's Server-Sent Events. The current
/// panel is sent at once (on connect and on reconnect with `Last-Event-ID`), then each new
/// version as it comes, the version as the event id; a comment every 15 s when idle.
pub async fn events(
    req: HttpRequest,
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = workshop_id(&state, &code).await?;
    let frames = state.broadcasts.subscribe(id, &state.base()).await?;
    let pinned = pinned(&req);
    state.broadcasts.live.fetch_add(1, Ordering::SeqCst);
    let guard = StreamGuard(Arc::clone(&state.broadcasts.live));
    let start = Bytes::from_static(b"retry: 2000\n\n");
    let state = StreamState {
        frames,
        closing: state.broadcasts.closing.subscribe(),
        _guard: guard,
        sent: None,
        start: Some(start),
    };
    let body = stream::unfold(state, move |mut state| async move {
        if let Some(start) = state.start.take() {
            return Some((Ok::<_, std::convert::Infallible>(start), state));
        }
        if *state.closing.borrow() {
            return None;
        }
        if state.sent.is_some() {
            tokio::select! {
                changed = state.frames.changed() => if changed.is_err() { return None; },
                _ = state.closing.changed() => return None,
                () = tokio::time::sleep(KEEP_ALIVE) => {
                    return Some((Ok(Bytes::from_static(b": keep-alive\n\n")), state));
                }
            }
        }
        let frame = Arc::clone(&state.frames.borrow_and_update());
        state.sent = Some(frame.version);
        Some((Ok(frame.event(pinned)), state))
    });
    Ok(HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .insert_header(("X-Accel-Buffering", "no"))
        .streaming(body))
}
