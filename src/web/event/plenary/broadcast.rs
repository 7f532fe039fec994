//! One broadcaster task per event's plenary, as [`crate::web::screen::broadcast`] is for a
//! workshop's projectors: it waits for what the plenary shows to change (the event's own
//! version: a step, a workshop added; and the live version of the workshop shown, or of
//! every workshop for the whole event's cloud), coalesces bursts (at most
//! [`MAX_UPDATES_PER_SECOND`] frames, fewer when a frame is big: [`pause_after`]),
//! renders the panel once per version, encodes it once as an SSE event and hands the same
//! bytes to every viewer through a `watch` channel. The public plenary link may be open
//! on every phone of a hall (2,000): a viewer costs a copy of the bytes, never a render.
//! The task ends when its last viewer has gone.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use tokio::sync::watch;

use super::view::{Sources, language_of, view};
use crate::domain::event::{Event, EventCode};
use crate::domain::ids::WorkshopId;
use crate::i18n::Tr;
use crate::store::{Store, StoreError};
use crate::tallies::TalliesCache;
use crate::web::event::rows::PER_PAGE;
use crate::web::screen::broadcast::pause_after;
use crate::web::screen::sse_event;

pub use crate::web::screen::MAX_UPDATES_PER_SECOND;

/// How long a plenary page waits for the frame that includes the latest change before it
/// shows the one it has.
const FRESH_WAIT: Duration = Duration::from_millis(1_000);

/// How long a broadcaster keeps running once its last viewer has gone.
const LINGER: Duration = Duration::from_secs(30);

/// One version of an event's plenary, rendered and encoded once for every viewer.
pub struct PlenaryFrame {
    /// The sum of the versions it was made from: the SSE event's id.
    pub version: u64,
    /// The versions it was made from: the event's own, then each watched workshop's.
    seen: Vec<(Option<WorkshopId>, u64)>,
    /// The `panel` fragment as an SSE event.
    pub event: Bytes,
    /// The same fragment, as HTML (the page includes it).
    pub html: Arc<str>,
    /// The plenary's language (its first workshop's).
    pub tr: Tr,
    /// The event's title (the page's `<title>`).
    pub title: String,
}

type Frames = watch::Sender<Arc<PlenaryFrame>>;

/// The plenaries being watched, one broadcaster each.
pub struct Plenaries {
    store: Store,
    tallies: Arc<TalliesCache>,
    frames: Mutex<HashMap<i64, Arc<Frames>>>,
    /// Becomes `true` when the server stops: every broadcaster ends.
    closing: watch::Receiver<bool>,
}

/// What a broadcaster watches now: the event as last read, its workshops, and the
/// versions whose move makes a new frame.
struct Watched {
    event: Event,
    ids: Vec<WorkshopId>,
    tr: Tr,
    event_version: watch::Receiver<u64>,
    /// The event's version the last frame was made from.
    event_seen: u64,
    workshops: Vec<(WorkshopId, watch::Receiver<u64>)>,
}

impl Plenaries {
    /// No broadcaster yet: each starts with its event's first viewer. `closing` is the
    /// projectors' stop signal ([`crate::web::screen::Broadcasts::closing_signal`]).
    pub fn new(store: Store, tallies: Arc<TalliesCache>, closing: watch::Receiver<bool>) -> Self {
        Self {
            store,
            tallies,
            frames: Mutex::new(HashMap::new()),
            closing,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, Arc<Frames>>> {
        self.frames
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn sources(&self) -> Sources<'_> {
        Sources {
            store: &self.store,
            tallies: &self.tallies,
        }
    }

    /// Plenary broadcasters running now (one per event with a viewer).
    pub fn running(&self) -> usize {
        self.lock().len()
    }

    /// The frames of `event`'s plenary, starting its broadcaster on first use (the first
    /// frame is rendered here).
    ///
    /// # Errors
    /// Store errors while the first frame is made.
    pub async fn subscribe(
        self: &Arc<Self>,
        event: &Event,
    ) -> Result<watch::Receiver<Arc<PlenaryFrame>>, StoreError> {
        let key = event.id.get();
        if let Some(frames) = self.lock().get(&key) {
            return Ok(frames.subscribe());
        }
        let mut watched = self.watch(event.clone()).await?;
        let first = self.render(&mut watched).await?;
        let mut map = self.lock();
        if let Some(frames) = map.get(&key) {
            return Ok(frames.subscribe());
        }
        let frames = Arc::new(watch::Sender::new(Arc::new(first)));
        let rx = frames.subscribe();
        map.insert(key, Arc::clone(&frames));
        drop(map);
        let this = Arc::clone(self);
        actix_web::rt::spawn(async move { this.run(key, frames, watched).await });
        Ok(rx)
    }

    /// The frame `event`'s plenary shows now, waiting up to [`FRESH_WAIT`] for the one
    /// that includes the latest change (a page loaded just after a step shows that step).
    ///
    /// # Errors
    /// Store errors while the first frame is made.
    pub async fn current(self: &Arc<Self>, event: &Event) -> Result<Arc<PlenaryFrame>, StoreError> {
        let mut frames = self.subscribe(event).await?;
        let hub = Arc::clone(&self.store.hub);
        let event_id = event.id.get();
        let fresh = move |frame: &Arc<PlenaryFrame>| {
            frame.seen.iter().all(|(id, seen)| {
                let now = match id {
                    None => hub.event_version(event_id),
                    Some(id) => hub.version(id.get()),
                };
                now <= *seen
            })
        };
        if !fresh(&frames.borrow()) {
            let _ = tokio::time::timeout(FRESH_WAIT, frames.wait_for(&fresh)).await;
        }
        let frame = Arc::clone(&frames.borrow());
        Ok(frame)
    }

    /// Reads what `event`'s plenary depends on and subscribes to its versions.
    async fn watch(&self, event: Event) -> Result<Watched, StoreError> {
        let hub = &self.store.hub;
        // Subscribed before reading, so that a change during the read makes a new frame.
        let mut event_version = hub.subscribe_event(event.id.get());
        let event_seen = *event_version.borrow_and_update();
        let code =
            EventCode::parse(&event.code).map_err(|_| StoreError::Io("event code".into()))?;
        let event = self.store.event_by_code(&code).await?.unwrap_or(event);
        let (ids, _) = self.store.event_workshop_ids(event.id, 0, PER_PAGE).await?;
        let tr = language_of(&self.sources(), &ids).await?;
        // A workshop's step changes with that workshop alone; the whole event's cloud
        // and counts with every workshop.
        let shown: Vec<WorkshopId> = match event.plenary.filter(|id| ids.contains(id)) {
            Some(id) => vec![id],
            None => ids.clone(),
        };
        let workshops = shown
            .into_iter()
            .map(|id| (id, hub.subscribe(id.get())))
            .collect();
        Ok(Watched {
            event,
            ids,
            tr,
            event_version,
            event_seen,
            workshops,
        })
    }

    /// The frame of what `watched` shows now; its versions are marked seen first.
    async fn render(&self, watched: &mut Watched) -> Result<PlenaryFrame, StoreError> {
        let mut seen = vec![(None, watched.event_seen)];
        for (id, versions) in &mut watched.workshops {
            seen.push((Some(*id), *versions.borrow_and_update()));
        }
        let version = seen.iter().fold(0u64, |sum, (_, v)| sum.wrapping_add(*v));
        let tr = watched.tr;
        let view = view(&self.sources(), &watched.event, &watched.ids, tr).await?;
        let html = super::render_panel(tr, &view)
            .map_err(|e| StoreError::Io(format!("rendering the plenary: {e}")))?;
        Ok(PlenaryFrame {
            version,
            seen,
            event: sse_event(version, &html),
            html: Arc::from(html),
            tr,
            title: watched.event.title.clone(),
        })
    }

    /// The broadcaster of event `key`: a frame after each change, at most
    /// [`MAX_UPDATES_PER_SECOND`], until it has had no viewer for [`LINGER`] (pages
    /// reloaded every 5 s without JavaScript find it running) or the server stops.
    async fn run(self: Arc<Self>, key: i64, frames: Arc<Frames>, mut watched: Watched) {
        let mut closing = self.closing.clone();
        let mut idle_since: Option<tokio::time::Instant> = None;
        loop {
            if frames.receiver_count() > 0 {
                idle_since = None;
            }
            let idle = idle_since.map(|since| since + LINGER);
            tokio::select! {
                () = changed(&mut watched) => {}
                () = frames.closed(), if idle.is_none() => {
                    idle_since = Some(tokio::time::Instant::now());
                    continue;
                }
                () = sleep_until(idle) => {
                    let mut map = self.lock();
                    if frames.receiver_count() == 0 {
                        map.remove(&key);
                        return;
                    }
                    continue;
                }
                _ = closing.changed() => {
                    self.lock().remove(&key);
                    return;
                }
            }
            // Frames start at most every `pause`: the time spent reading and rendering
            // counts in the pause.
            let started = tokio::time::Instant::now();
            // `changed` marked the versions seen: the event's is compared with the frame's.
            if *watched.event_version.borrow() != watched.event_seen {
                match self.watch(watched.event.clone()).await {
                    Ok(again) => watched = again,
                    Err(e) => tracing::warn!("plenary {key}: reading the event: {e}"),
                }
            }
            let mut pause = pause_after(0);
            match self.render(&mut watched).await {
                Ok(frame) => {
                    pause = pause_after(frame.event.len());
                    frames.send_replace(Arc::new(frame));
                }
                Err(e) => tracing::warn!("plenary {key}: a frame failed: {e}"),
            }
            tokio::time::sleep_until(started + pause).await;
        }
    }
}

/// Sleeps until `deadline`, or forever without one.
async fn sleep_until(deadline: Option<tokio::time::Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}

/// Waits until one of the versions `watched` follows has moved (never, when none can).
async fn changed(watched: &mut Watched) {
    type Change<'a> =
        Pin<Box<dyn Future<Output = Result<(), watch::error::RecvError>> + Send + 'a>>;
    let mut waits: Vec<Change<'_>> = vec![Box::pin(watched.event_version.changed())];
    for (_, versions) in &mut watched.workshops {
        waits.push(Box::pin(versions.changed()));
    }
    let (result, _, _) = futures_util::future::select_all(waits).await;
    if result.is_err() {
        // The hub keeps its senders for the process's life; should one go, do not spin.
        std::future::pending::<()>().await;
    }
}
