//! The console's live figures (issue #12, item 3): `GET /f/{key}/events`, a Server-Sent
//! Events stream of the counts the dashboard's bar shows (phones and capacity,
//! participants, keywords, findings, voters, projector screens open). Each version of a
//! workshop's counts is rendered once (the `_counts.html` partial the dashboard includes)
//! and the same bytes go to every console of that workshop; `static/console.js` swaps them
//! in, and reloads the moderation lists in the background when the room's version moved.
//! Without JavaScript the page is the same, without the live part.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use askama::Template;
use bytes::Bytes;
use futures_util::stream;
use tokio::sync::watch;

use super::FacilitatorWorkshop;
use crate::domain::ids::WorkshopId;
use crate::domain::summary::Participation;
use crate::i18n::Tr;
use crate::web::errors::AppError;
use crate::web::screen::KEEP_ALIVE;
use crate::web::{AppState, get, resource};

/// Console streams one workshop may hold open: a facilitator's laptop, a rapporteur's,
/// a reloaded tab or two. Past it a new stream gets 503 with `Retry-After`
/// ([`RETRY_AFTER_SECS`]) and the page keeps its figures.
pub const STREAMS_PER_WORKSHOP: usize = 20;

/// The `Retry-After` of a console stream refused past [`STREAMS_PER_WORKSHOP`], in
/// seconds.
pub const RETRY_AFTER_SECS: u64 = 30;

/// Least time between two frames to one console: a room sending 20 entries a second
/// moves the figures twice a second, which the eye follows.
pub const FRAME_PAUSE: Duration = Duration::from_millis(500);

/// What the console's bar counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsoleCounts {
    /// Participants, entries and voters, hidden ones left out; `phones` counts every
    /// place taken.
    pub participation: Participation,
    /// The workshop's capacity (most phones).
    pub capacity: i64,
    /// Projector streams of the workshop open now.
    pub screens: usize,
}

/// The `_counts.html` partial alone: the stream's frame, and what the dashboard includes.
#[derive(Template)]
#[template(path = "facilitator/_counts.html")]
pub struct CountsFragment {
    pub tr: Tr,
    pub counts: ConsoleCounts,
}

/// The SSE event of `counts` at live `version` (`event: counts`, the version as its id).
fn counts_event(version: u64, html: &str) -> Bytes {
    let mut out = format!("id: {version}\nevent: counts\n");
    for line in html.lines() {
        out.push_str("data: ");
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    Bytes::from(out)
}

/// The frame a console was last sent: the live version and the counts it showed.
type FrameKey = (u64, ConsoleCounts);

/// The consoles open per workshop, and each workshop's last frame (rendered once for all
/// its consoles; dropped with its last console).
#[derive(Default)]
pub struct Consoles {
    open: Mutex<HashMap<WorkshopId, usize>>,
    frames: Mutex<HashMap<WorkshopId, (FrameKey, Bytes)>>,
}

impl Consoles {
    fn lock_open(&self) -> std::sync::MutexGuard<'_, HashMap<WorkshopId, usize>> {
        self.open
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn lock_frames(&self) -> std::sync::MutexGuard<'_, HashMap<WorkshopId, (FrameKey, Bytes)>> {
        self.frames
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A place for one more console of `workshop_id`, or `None` past
    /// [`STREAMS_PER_WORKSHOP`].
    fn open_stream(self: &Arc<Self>, workshop_id: WorkshopId) -> Option<ConsoleGuard> {
        let mut open = self.lock_open();
        let n = open.entry(workshop_id).or_insert(0);
        if *n >= STREAMS_PER_WORKSHOP {
            return None;
        }
        *n += 1;
        Some(ConsoleGuard {
            consoles: Arc::clone(self),
            workshop_id,
        })
    }

    /// Consoles of `workshop_id` open now.
    pub fn open_of(&self, workshop_id: WorkshopId) -> usize {
        self.lock_open().get(&workshop_id).copied().unwrap_or(0)
    }

    /// The frame of `workshop_id` now: the cached one when neither the live version nor
    /// the counts moved, else rendered once and cached.
    async fn frame(
        &self,
        state: &AppState,
        workshop_id: WorkshopId,
    ) -> Result<(FrameKey, Bytes), AppError> {
        let version = state.store.hub.version(workshop_id.get());
        let screens = state.broadcasts.live_streams_of(workshop_id);
        if let Some((key, bytes)) = self.lock_frames().get(&workshop_id)
            && key.0 == version
            && key.1.screens == screens
        {
            return Ok((*key, bytes.clone()));
        }
        let tallies = state
            .tallies
            .get(workshop_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let counts = ConsoleCounts {
            participation: tallies.summary.participation,
            capacity: tallies.workshop.max_participants,
            screens,
        };
        let html = CountsFragment {
            tr: Tr::new(tallies.workshop.language),
            counts,
        }
        .render()?;
        let key = (version, counts);
        let bytes = counts_event(version, &html);
        self.lock_frames().insert(workshop_id, (key, bytes.clone()));
        Ok((key, bytes))
    }
}

/// A console's place, given back when its stream ends.
struct ConsoleGuard {
    consoles: Arc<Consoles>,
    workshop_id: WorkshopId,
}

impl Drop for ConsoleGuard {
    fn drop(&mut self) {
        let mut open = self.consoles.lock_open();
        if let Some(n) = open.get_mut(&self.workshop_id) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                open.remove(&self.workshop_id);
                drop(open);
                self.consoles.lock_frames().remove(&self.workshop_id);
            }
        }
    }
}

/// One console's stream.
struct Viewer {
    state: web::Data<AppState>,
    workshop_id: WorkshopId,
    /// The facilitator key the stream was opened with, looked at again when the workshop's
    /// settings move (a re-issued link ends the streams opened with the old one).
    key: String,
    /// The settings version the key was last found valid at.
    settings_seen: u64,
    versions: watch::Receiver<u64>,
    closing: watch::Receiver<bool>,
    _guard: ConsoleGuard,
    /// The `retry:` line, sent first.
    start: Option<Bytes>,
    /// The frame last sent.
    sent: Option<FrameKey>,
    /// When it was sent.
    sent_at: tokio::time::Instant,
}

impl Viewer {
    /// Whether the stream's key still opens its workshop: read again only when the
    /// workshop's settings version moved since the last look (re-issuing a facilitator
    /// link bumps it).
    async fn key_still_valid(&mut self) -> bool {
        let settings = self
            .state
            .store
            .hub
            .settings_version(self.workshop_id.get());
        if settings == self.settings_seen {
            return true;
        }
        match self
            .state
            .store
            .workshop_by_facilitator_key(&self.key)
            .await
        {
            Ok(Some(workshop)) if workshop.id == self.workshop_id => {
                self.settings_seen = settings;
                true
            }
            Ok(_) => false,
            // A busy store is no reason to cut a console: looked at again next time.
            Err(_) => true,
        }
    }

    /// The frame now, if it differs from the one last sent.
    async fn new_frame(&mut self) -> Option<Bytes> {
        let (key, bytes) = self
            .state
            .consoles
            .frame(&self.state, self.workshop_id)
            .await
            .ok()?;
        if self.sent == Some(key) {
            return None;
        }
        self.sent = Some(key);
        self.sent_at = tokio::time::Instant::now();
        Some(bytes)
    }
}

/// The console's routes (README, "Routes"): `GET /static/console.js` and
/// `GET /f/{key}/events`.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/static/console.js", vec![get().to(script)]))
        .service(resource("/f/{key}/events", vec![get().to(events)]));
}

/// `GET /static/console.js`: the console's script (ours, compiled into the binary).
pub async fn script() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(include_str!("../../../static/console.js"))
}

/// `GET /f/{key}/events`: the console's counts as Server-Sent Events (`event: counts`,
/// the live version as its id, the `_counts.html` fragment as data): at once on connect,
/// then when the room's version or the screens open change, at most one frame every
/// [`FRAME_PAUSE`]; a comment every [`KEEP_ALIVE`] when idle, so a closed tab is freed.
///
/// # Errors
/// A wrong key is a 404 (the extractor); [`AppError::Busy`] (503, `Retry-After`) past
/// [`STREAMS_PER_WORKSHOP`].
pub async fn events(
    state: web::Data<AppState>,
    facilitator: FacilitatorWorkshop,
) -> Result<HttpResponse, AppError> {
    let workshop_id = facilitator.workshop.id;
    let guard = state
        .consoles
        .open_stream(workshop_id)
        .ok_or(AppError::Busy {
            retry_after_secs: RETRY_AFTER_SECS,
        })?;
    let mut versions = state.store.hub.subscribe(workshop_id.get());
    versions.borrow_and_update();
    let viewer = Viewer {
        closing: state.broadcasts.closing_signal(),
        state,
        workshop_id,
        key: facilitator.key,
        // Looked at once more when the stream starts: a re-issue may have come in between.
        settings_seen: u64::MAX,
        versions,
        _guard: guard,
        start: Some(Bytes::from_static(b"retry: 2000\n\n")),
        sent: None,
        sent_at: tokio::time::Instant::now(),
    };
    let body = stream::unfold(viewer, |mut viewer| async move {
        if let Some(start) = viewer.start.take() {
            return Some((Ok::<_, std::convert::Infallible>(start), viewer));
        }
        loop {
            if *viewer.closing.borrow() || !viewer.key_still_valid().await {
                return None;
            }
            if viewer.sent.is_none()
                && let Some(frame) = viewer.new_frame().await
            {
                return Some((Ok(frame), viewer));
            }
            tokio::select! {
                changed = viewer.versions.changed() => {
                    if changed.is_err() {
                        return None;
                    }
                    viewer.versions.borrow_and_update();
                    tokio::time::sleep_until(viewer.sent_at + FRAME_PAUSE).await;
                    if !viewer.key_still_valid().await {
                        return None;
                    }
                    if let Some(frame) = viewer.new_frame().await {
                        return Some((Ok(frame), viewer));
                    }
                }
                _ = viewer.closing.changed() => return None,
                () = tokio::time::sleep(KEEP_ALIVE) => {
                    // The screens open move without a new version: looked at on each tick.
                    if !viewer.key_still_valid().await {
                        return None;
                    }
                    let frame = viewer.new_frame().await;
                    let bytes = frame.unwrap_or_else(|| Bytes::from_static(b": keep-alive\n\n"));
                    return Some((Ok(bytes), viewer));
                }
            }
        }
    });
    Ok(HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .insert_header(("X-Accel-Buffering", "no"))
        .streaming(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_is_one_counts_event_with_the_version_as_its_id() {
        let event = counts_event(7, "<dl>\n<dt>a</dt>\n</dl>");
        assert_eq!(
            &event[..],
            b"id: 7\nevent: counts\ndata: <dl>\ndata: <dt>a</dt>\ndata: </dl>\n\n"
        );
    }
}
