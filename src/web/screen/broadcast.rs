//! One broadcaster task per workshop: it waits for the workshop's live version to move,
//! coalesces bursts (at most [`MAX_UPDATES_PER_SECOND`]), renders each panel's fragment
//! once per version, encodes it once as an SSE event, and hands the same bytes to every
//! viewer through a `watch` channel: a viewer always gets the newest frame and never an
//! older one after a newer.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use askama::Template;
use bytes::Bytes;
use tokio::sync::watch;

use super::view::{PanelFragment, PanelView, sse_event};
use crate::domain::activity::Panel;
use crate::domain::ids::WorkshopId;
use crate::i18n::Tr;
use crate::tallies::{Tallies, TalliesCache};

/// Most frames sent per second; changes in between are coalesced into the next frame.
/// The first change after a quiet spell goes out at once (issue #15: at 4 a second, a room
/// voting at 20 ballots/s waited 126 ms at the median).
pub const MAX_UPDATES_PER_SECOND: u64 = 10;

/// Bytes per second the frames may send to one viewer (a phone on the venue's Wi-Fi that
/// opened the projector link, or a phone's live results): a bigger frame (a cloud of long
/// words, many findings) comes less often; never slower than one a second.
pub const VIEWER_BYTES_PER_SECOND: u64 = 64_000;

/// The pause before the frame after one of `frame_bytes`: at least
/// `1 / MAX_UPDATES_PER_SECOND`, at most 1 s, long enough to keep each viewer within
/// [`VIEWER_BYTES_PER_SECOND`].
pub fn pause_after(frame_bytes: usize) -> Duration {
    let floor = 1000 / MAX_UPDATES_PER_SECOND;
    let bytes = u64::try_from(frame_bytes).unwrap_or(u64::MAX);
    let needed = bytes.saturating_mul(1000) / VIEWER_BYTES_PER_SECOND;
    Duration::from_millis(needed.clamp(floor, 1000))
}

/// One version of a workshop's projector, encoded once for every viewer.
pub struct Frame {
    pub version: u64,
    /// The panel the facilitator chose.
    pub followed: Panel,
    /// The SSE event of each panel.
    pub events: HashMap<Panel, Bytes>,
    /// The fragment of each panel, as HTML (for the phones' page).
    pub html: HashMap<Panel, Arc<str>>,
    /// Whether the facilitator hides the results.
    pub results_hidden: bool,
}

impl Frame {
    /// The size of its largest panel event, in bytes.
    pub fn largest_event(&self) -> usize {
        self.events.values().map(Bytes::len).max().unwrap_or(0)
    }

    /// The event for a viewer pinned to `pinned`, or following the facilitator.
    pub fn event(&self, pinned: Option<Panel>) -> Bytes {
        let panel = pinned.unwrap_or(self.followed);
        self.events.get(&panel).cloned().unwrap_or_default()
    }
}

fn render_frame(tallies: &Tallies, version: u64, base: &str) -> Frame {
    let tr = Tr::new(tallies.workshop.language);
    let followed = tallies.workshop.screen_panel;
    let mut events = HashMap::new();
    let mut html = HashMap::new();
    for panel in Panel::ALL {
        let view = PanelView::new(panel, tallies, version, base, tr);
        let fragment = PanelFragment { tr, view: &view }
            .render()
            .unwrap_or_default();
        events.insert(panel, sse_event(version, &fragment));
        html.insert(panel, Arc::from(fragment));
    }
    Frame {
        version,
        followed,
        events,
        html,
        results_hidden: tallies.workshop.results_hidden,
    }
}

/// How many projector streams the server keeps open at once (issue #11, item 3: each one
/// holds a descriptor and a task; past the caps a new stream gets 503 with `Retry-After`
/// and the page keeps showing what it had).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreamLimits {
    /// Streams of one workshop: a plenary's projector, the facilitator's laptop and the
    /// odd reloaded tab are a handful; 500 leaves room for every phone of a room that
    /// opened the projector link.
    pub per_workshop: usize,
    /// Streams of the whole server: 20 workshops' screens with plenty of margin, well
    /// under the descriptors that the raised open-file limit gives.
    pub total: usize,
}

impl StreamLimits {
    /// 500 per workshop, 5,000 in all.
    pub const DEFAULT: Self = Self {
        per_workshop: 500,
        total: 5_000,
    };
}

impl StreamLimits {
    /// [`StreamLimits::DEFAULT`], with streams in all held to half of `open_files` (the
    /// process's open-file limit) so that phones' requests always find a descriptor; at
    /// least 64.
    pub fn within_open_files(open_files: u64) -> Self {
        let half = usize::try_from(open_files / 2).unwrap_or(usize::MAX);
        let total = Self::DEFAULT.total.min(half).max(64);
        Self {
            per_workshop: Self::DEFAULT.per_workshop.min(total),
            total,
        }
    }
}

impl Default for StreamLimits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// The open streams, in all and per workshop.
#[derive(Debug)]
struct StreamCounts {
    limits: StreamLimits,
    open: Mutex<(usize, HashMap<WorkshopId, usize>)>,
}

impl StreamCounts {
    fn lock(&self) -> std::sync::MutexGuard<'_, (usize, HashMap<WorkshopId, usize>)> {
        self.open
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The broadcasters of every workshop, and the count of open streams.
pub struct Broadcasts {
    cache: Arc<TalliesCache>,
    hub: Arc<crate::live::Hub>,
    frames: Mutex<HashMap<WorkshopId, watch::Receiver<Arc<Frame>>>>,
    streams: Arc<StreamCounts>,
    /// Becomes `true` when the server stops: every stream ends.
    pub(crate) closing: watch::Sender<bool>,
}

/// One viewer's stream.
pub(super) struct StreamState {
    pub(super) frames: watch::Receiver<Arc<Frame>>,
    pub(super) closing: watch::Receiver<bool>,
    pub(super) _guard: StreamGuard,
    /// The version last sent.
    pub(super) sent: Option<u64>,
    /// The `retry:` line, sent first.
    pub(super) start: Option<Bytes>,
}

/// A place among the open streams, given back when the stream is dropped (its viewer
/// went away, or the server stops).
pub(crate) struct StreamGuard {
    counts: Arc<StreamCounts>,
    workshop_id: WorkshopId,
}

impl Drop for StreamGuard {
    fn drop(&mut self) {
        let mut open = self.counts.lock();
        open.0 = open.0.saturating_sub(1);
        if let Some(n) = open.1.get_mut(&self.workshop_id) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                open.1.remove(&self.workshop_id);
            }
        }
    }
}

impl Broadcasts {
    /// No broadcaster yet; they start with their first viewer. At most `limits` streams.
    pub fn new(cache: Arc<TalliesCache>, hub: Arc<crate::live::Hub>, limits: StreamLimits) -> Self {
        Self {
            cache,
            hub,
            frames: Mutex::new(HashMap::new()),
            streams: Arc::new(StreamCounts {
                limits,
                open: Mutex::new((0, HashMap::new())),
            }),
            closing: watch::Sender::new(false),
        }
    }

    /// A place for one more stream of `workshop_id`, or `None` when the workshop or the
    /// server holds its cap of [`StreamLimits`] already.
    pub(crate) fn open_stream(&self, workshop_id: WorkshopId) -> Option<StreamGuard> {
        self.open_stream_within(workshop_id, self.streams.limits.per_workshop)
    }

    /// As [`Broadcasts::open_stream`], with `per_key` streams at most for `key` instead
    /// of [`StreamLimits::per_workshop`] (the plenary's, under the same total).
    pub(crate) fn open_stream_within(
        &self,
        key: WorkshopId,
        per_key: usize,
    ) -> Option<StreamGuard> {
        let workshop_id = key;
        let limits = self.streams.limits;
        let mut open = self.streams.lock();
        let of_workshop = open.1.get(&workshop_id).copied().unwrap_or(0);
        if open.0 >= limits.total || of_workshop >= per_key {
            return None;
        }
        open.0 += 1;
        open.1.insert(workshop_id, of_workshop + 1);
        drop(open);
        Some(StreamGuard {
            counts: Arc::clone(&self.streams),
            workshop_id,
        })
    }

    /// What the projector shows now, as HTML, unless the results are hidden or it shows
    /// the join or findings panel: for the phones' page. Rendered by the broadcaster once per version;
    /// with `fresh` (the page after the phone's own submission), waits up to 400 ms for the
    /// frame that includes what was just committed.
    ///
    /// # Errors
    /// Store errors when the broadcaster starts.
    pub async fn revealed(
        &self,
        workshop_id: WorkshopId,
        base: &str,
        fresh: bool,
    ) -> Result<Option<Arc<str>>, crate::store::StoreError> {
        let wanted = self.hub.version(workshop_id.get());
        let mut frames = self.subscribe(workshop_id, base).await?;
        // A phone that just sent something should see it: wait (briefly) for the frame
        // of the version it committed, which the broadcaster renders within 250 ms.
        if fresh && frames.borrow().version < wanted {
            let _ = tokio::time::timeout(
                Duration::from_millis(400),
                frames.wait_for(|f| f.version >= wanted),
            )
            .await;
        }
        let frame = Arc::clone(&frames.borrow());
        // The join panel is for the room; the findings panel repeats the room's findings
        // that the phone's page lists already.
        if frame.results_hidden || matches!(frame.followed, Panel::Join | Panel::Findings) {
            return Ok(None);
        }
        Ok(frame.html.get(&frame.followed).cloned())
    }

    /// Ends every projector stream (the server is stopping).
    pub fn close_all(&self) {
        self.closing.send_replace(true);
    }

    /// Becomes `true` when the server stops: the facilitator consoles' streams end with
    /// the projectors'.
    pub fn closing_signal(&self) -> watch::Receiver<bool> {
        self.closing.subscribe()
    }

    /// Projector streams open now, every workshop's.
    pub fn live_streams(&self) -> usize {
        self.streams.lock().0
    }

    /// Projector streams of `workshop_id` open now (the dashboard's "screens open").
    pub fn live_streams_of(&self, workshop_id: WorkshopId) -> usize {
        self.streams
            .lock()
            .1
            .get(&workshop_id)
            .copied()
            .unwrap_or(0)
    }

    /// The frames of workshop `workshop_id`, starting its broadcaster on first use.
    pub(super) async fn subscribe(
        &self,
        workshop_id: WorkshopId,
        base: &str,
    ) -> Result<watch::Receiver<Arc<Frame>>, crate::store::StoreError> {
        if let Some(rx) = self.lock().get(&workshop_id) {
            return Ok(rx.clone());
        }
        let mut versions = self.hub.subscribe(workshop_id.get());
        let version = *versions.borrow_and_update();
        let tallies = self
            .cache
            .get(workshop_id)
            .await?
            .ok_or(crate::store::StoreError::Io("workshop vanished".into()))?;
        let first = Arc::new(render_frame(&tallies, version, base));
        let mut frames = self.lock();
        if let Some(rx) = frames.get(&workshop_id) {
            return Ok(rx.clone());
        }
        let (tx, rx) = watch::channel(first);
        frames.insert(workshop_id, rx.clone());
        drop(frames);
        let (cache, base) = (Arc::clone(&self.cache), base.to_string());
        actix_web::rt::spawn(async move {
            let mut pause = pause_after(0);
            while versions.changed().await.is_ok() {
                // Frames start at most every `pause`: the time spent loading and rendering
                // counts in the pause, so a slow render does not add up with it.
                let started = tokio::time::Instant::now();
                let version = *versions.borrow_and_update();
                if let Ok(Some(tallies)) = cache.get(workshop_id).await {
                    let frame = render_frame(&tallies, version, &base);
                    pause = pause_after(frame.largest_event());
                    if tx.send(Arc::new(frame)).is_err() {
                        break;
                    }
                }
                tokio::time::sleep_until(started + pause).await;
            }
        });
        Ok(rx)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<WorkshopId, watch::Receiver<Arc<Frame>>>> {
        self.frames
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_come_ten_a_second_unless_a_viewer_would_take_more_than_its_budget() {
        assert_eq!(pause_after(0), Duration::from_millis(100));
        assert_eq!(pause_after(6_400), Duration::from_millis(100));
        assert_eq!(pause_after(32_000), Duration::from_millis(500));
        assert_eq!(pause_after(usize::MAX), Duration::from_secs(1));
    }

    #[test]
    fn a_low_open_file_limit_lowers_the_total_of_streams() {
        assert_eq!(
            StreamLimits::within_open_files(1_048_576),
            StreamLimits::DEFAULT
        );
        assert_eq!(
            StreamLimits::within_open_files(1_024),
            StreamLimits {
                per_workshop: 500,
                total: 512
            }
        );
        assert_eq!(
            StreamLimits::within_open_files(100),
            StreamLimits {
                per_workshop: 64,
                total: 64
            }
        );
    }
}
