//! The projector (issue #3): `GET /w/{code}/screen`, public and read-only, and its live
//! stream `GET /w/{code}/screen/events` (Server-Sent Events). The view model is in
//! [`view`], the per-workshop broadcaster in [`broadcast`].

pub mod broadcast;
pub mod cloud;
pub mod view;

use std::sync::Arc;
use std::time::Duration;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use bytes::Bytes;
use futures_util::stream;

pub use broadcast::{Broadcasts, Frame, MAX_UPDATES_PER_SECOND, StreamLimits};
pub use view::{PanelView, qr_svg, sse_event};

use super::errors::AppError;
use super::{AppState, html, request};
use crate::domain::activity::Panel;
use crate::domain::ids::WorkshopId;
use crate::domain::join_code::JoinCode;
use crate::i18n::Tr;
use broadcast::StreamState;
use view::ScreenPage;

/// A comment is sent on an idle stream this often, so proxies keep it open and a closed
/// tab is noticed: the first write after the close still lands in the socket's buffer,
/// the next one fails, so a closed projector is freed within two of these (issue #11: at
/// 15 s, tabs opened and closed in a loop held 20,000 descriptors). 16 bytes per stream
/// every 2 s is nothing next to a frame.
pub const KEEP_ALIVE: Duration = Duration::from_secs(2);

/// The `Retry-After` of a stream refused past [`StreamLimits`], in seconds.
pub const STREAM_RETRY_AFTER_SECS: u64 = 30;

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

/// `GET /w/{code}/qr.svg`: the QR code of the workshop's participant link (from the
/// configured address), as an SVG image that browsers cache: the printed cards of vote
/// codes show it once per card without repeating it in the page.
///
/// # Errors
/// The 404 page for an unknown code.
pub async fn qr_image(
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = workshop_id(&state, &code).await?;
    let workshop = state
        .tallies
        .workshop(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let url = format!(
        "{}/w/{}",
        state.base().trim_end_matches('/'),
        workshop.join_code
    );
    Ok(HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(qr_svg(&url)))
}

/// `GET /w/{code}/screen/events[?panel=…]`: the projector's Server-Sent Events. The current
/// panel is sent at once (on connect and on reconnect with `Last-Event-ID`), then each new
/// version as it comes, the version as the event id; a comment every [`KEEP_ALIVE`] when
/// idle.
///
/// # Errors
/// [`AppError::Busy`] (503, `Retry-After` [`STREAM_RETRY_AFTER_SECS`]) past the
/// [`StreamLimits`]; the projector's script tries again later.
pub async fn events(
    req: HttpRequest,
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = workshop_id(&state, &code).await?;
    let guard = state.broadcasts.open_stream(id).ok_or(AppError::Busy {
        retry_after_secs: STREAM_RETRY_AFTER_SECS,
    })?;
    let frames = state.broadcasts.subscribe(id, &state.base()).await?;
    let pinned = pinned(&req);
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
