//! The projector (issue #3): `GET /w/{code}/screen`, public and read-only, and its live
//! stream `GET /w/{code}/screen/events` (Server-Sent Events).
//!
//! One broadcaster task per workshop waits for the workshop's live version to move,
//! coalesces bursts (at most [`MAX_UPDATES_PER_SECOND`]), renders each panel's fragment once
//! per version (the `panel` block of `participant/screen.html`), encodes it once as an SSE
//! event, and hands the same bytes to every viewer through a `watch` channel: a viewer
//! always gets the newest frame and never an older one after a newer.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use bytes::Bytes;
use futures_util::stream;
use tokio::sync::watch;

use super::errors::{AppError, OrInternal};
use super::{AppState, html, request};
use crate::domain::join_code::JoinCode;
use crate::i18n::{Lang, Tr};
use crate::tallies::{Tallies, TalliesCache};

/// Most frames sent per second; changes in between are coalesced into the next frame.
pub const MAX_UPDATES_PER_SECOND: u64 = 4;
/// A comment is sent on an idle stream this often, so proxies keep it open and dead
/// viewers are noticed.
pub const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// Findings shown per category on the projector.
const FINDINGS_PER_CATEGORY: usize = 4;
/// Characters of a finding shown on the projector (the report has them whole).
const FINDING_CHARS_SHOWN: usize = 160;
/// Characters of findings a column of the projector holds at 1280×720 (about 14 lines of
/// 24 characters at 26 px).
const FINDING_CHARS_PER_COLUMN: usize = 330;
/// Keyword groups shown in the projector's cloud; the others are counted below it.
const CLOUD_WORDS_SHOWN: usize = 40;
/// Width of the cloud at 1280×720, in CSS pixels, and the width of a character as a
/// share of the font size: a word is never sized wider than the screen.
const CLOUD_WIDTH_PX: f64 = 1000.0;
const CHAR_WIDTH_EM: f64 = 0.62;
/// Smallest text on the projector, in CSS pixels (DESIGN.md: 24 px at 1280×720).
const MIN_TEXT_PX: f64 = 24.0;

/// A panel of the projector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Panel {
    Keywords,
    Findings,
    Votes,
    Join,
}

impl Panel {
    /// Every panel, in the dashboard's order.
    pub const ALL: [Self; 4] = [Self::Join, Self::Keywords, Self::Findings, Self::Votes];

    /// The panel named `keywords`, `findings`, `votes` or `join`.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.name() == name)
    }

    /// Its name in URLs and in the database.
    pub fn name(self) -> &'static str {
        match self {
            Self::Keywords => "keywords",
            Self::Findings => "findings",
            Self::Votes => "votes",
            Self::Join => "join",
        }
    }
}

/// A word of the keyword cloud.
pub struct CloudWord {
    pub text: String,
    pub count: usize,
    /// Weight from 0 to 100: log scale of the count, the most frequent at 100 (phones map it
    /// to a font size).
    pub weight: u32,
    /// Font size on the projector, in CSS pixels: by weight, between 28 px and a maximum
    /// that shrinks with the number of words, and never wider than the screen for a long
    /// word (at least 24 px; longer words then wrap).
    pub size_px: u32,
    /// One of six colours with AA contrast on white (`.c0` … `.c5`).
    pub colour: usize,
}

/// A finding on the projector.
pub struct ScreenFinding {
    pub text: String,
    /// Its "+1, moi aussi".
    pub supports: i64,
}

/// A category of findings on the projector.
pub struct FindingColumn {
    pub label: String,
    /// Most supported first, then newest first.
    pub items: Vec<ScreenFinding>,
    /// Findings not shown for lack of room.
    pub more: usize,
}

/// A recommendation's bar.
pub struct Bar {
    pub rank: String,
    pub text: String,
    pub dots: i64,
    pub voters: i64,
    /// "11 gommettes · 9 votants".
    pub figures: String,
    /// Bar length in percent of the longest.
    pub width: u32,
}

/// What one panel shows: the data of the `panel` block.
pub struct PanelView {
    pub panel: Panel,
    pub version: u64,
    pub title: String,
    /// "12 téléphones · 58 réponses".
    pub counter: String,
    pub results_hidden: bool,
    pub cloud: Vec<CloudWord>,
    /// Keyword groups beyond the [`CLOUD_WORDS_SHOWN`] most frequent (counted, not shown).
    pub cloud_more: usize,
    pub findings: Vec<FindingColumn>,
    pub bars: Vec<Bar>,
    pub join_code: String,
    /// `{base}/w/{code}`.
    pub join_url: String,
    /// The same without its scheme, as people type it.
    pub join_host: String,
    /// Its site part (`192.168.1.20:8080`), so that the address breaks only before `/w/`.
    pub join_site: String,
    /// The QR code of `join_url`, as SVG (made only for the join panel and the page).
    pub qr_svg: String,
}

/// Area of the projector the cloud may fill, in square CSS pixels at 1280×720 (about
/// 1000 × 500, of which words cover about 60 % once wrapped in lines).
const CLOUD_AREA_PX2: f64 = 360_000.0;

/// The cloud of `keywords` (most frequent first, `max` the largest count): sizes by weight
/// from 28 px up to 110 px, each word no wider than the screen, then all scaled down
/// together until the words fit the projector (never below 24 px).
fn cloud(keywords: &[crate::domain::keyword::KeywordCount], max: usize) -> Vec<CloudWord> {
    let words: Vec<(f64, f64)> = keywords
        .iter()
        .map(|k| {
            let scale = ((k.count + 1) as f64).ln() / ((max + 1) as f64).ln();
            let chars = k.label.chars().count().max(1) as f64;
            let by_weight = 28.0 + (110.0 - 28.0) * scale;
            let fits = CLOUD_WIDTH_PX / (CHAR_WIDTH_EM * chars);
            (scale, by_weight.min(fits))
        })
        .collect();
    let area = |factor: f64| -> f64 {
        keywords
            .iter()
            .zip(&words)
            .map(|(k, (_, px))| {
                let px = (px * factor).max(MIN_TEXT_PX);
                let width = (CHAR_WIDTH_EM * k.label.chars().count() as f64 * px + 28.0)
                    .min(CLOUD_WIDTH_PX);
                width * px * 1.25
            })
            .sum()
    };
    let mut factor = 1.0;
    while factor > 0.2 && area(factor) > CLOUD_AREA_PX2 {
        factor *= 0.93;
    }
    keywords
        .iter()
        .zip(words)
        .enumerate()
        .map(|(i, (k, (scale, px)))| CloudWord {
            text: k.label.clone(),
            count: k.count,
            weight: (scale * 100.0).round().clamp(0.0, 100.0) as u32,
            size_px: (px * factor).max(MIN_TEXT_PX).round() as u32,
            colour: i % 6,
        })
        .collect()
}

/// `text` cut to `max` characters, with "…" when it was longer.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

/// The QR code of `url` as an SVG image (black on white, quiet zone included).
pub fn qr_svg(url: &str) -> String {
    match qrcode::QrCode::new(url.as_bytes()) {
        Ok(code) => code
            .render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(240, 240)
            .dark_color(qrcode::render::svg::Color("#000000"))
            .light_color(qrcode::render::svg::Color("#ffffff"))
            .build(),
        Err(_) => String::new(),
    }
}

impl PanelView {
    /// The view of `panel` from `tallies` at `version`; links start with `base`.
    pub fn new(panel: Panel, tallies: &Tallies, version: u64, base: &str, tr: Tr) -> Self {
        let w = &tallies.workshop;
        let summary = &tallies.summary;
        let p = &summary.participation;
        let ballots: i64 = p.voters;
        let counter = tr.args(
            "screen-counter",
            &[
                ("phones", p.participants.into()),
                ("entries", (p.keywords + p.findings + ballots).into()),
            ],
        );
        let max = summary.keywords.first().map_or(1, |k| k.count.max(1));
        let cloud = cloud(
            &summary.keywords[..summary.keywords.len().min(CLOUD_WORDS_SHOWN)],
            max,
        );
        let findings = summary
            .findings
            .iter()
            .map(|group| {
                let mut items: Vec<_> = group.items.iter().collect();
                items.sort_by(|a, b| b.supports.cmp(&a.supports).then(b.id.cmp(&a.id)));
                // As many as fit a column of the projector: at most FINDINGS_PER_CATEGORY,
                // and about FINDING_CHARS_PER_COLUMN characters (always at least one).
                let mut shown = Vec::new();
                let mut used = 0;
                for f in items.iter().take(FINDINGS_PER_CATEGORY) {
                    let text = shorten(&f.text, FINDING_CHARS_SHOWN);
                    let chars = text.chars().count() + 20;
                    if !shown.is_empty() && used + chars > FINDING_CHARS_PER_COLUMN {
                        break;
                    }
                    used += chars;
                    shown.push(ScreenFinding {
                        text,
                        supports: f.supports,
                    });
                }
                FindingColumn {
                    label: group.label.clone(),
                    more: items.len() - shown.len(),
                    items: shown,
                }
            })
            .collect();
        let top = summary
            .ranking
            .iter()
            .map(|r| r.totals.dots)
            .max()
            .unwrap_or(0)
            .max(1);
        let bars = summary
            .ranking
            .iter()
            .map(|r| Bar {
                rank: r.label(),
                text: r.totals.text.clone(),
                dots: r.totals.dots,
                voters: r.totals.voters,
                figures: tr.args(
                    "screen-dots-voters",
                    &[
                        ("dots", r.totals.dots.into()),
                        ("voters", r.totals.voters.into()),
                    ],
                ),
                width: u32::try_from(r.totals.dots * 100 / top).unwrap_or(0),
            })
            .collect();
        let join_url = format!("{}/w/{}", base.trim_end_matches('/'), w.join_code);
        let join_host = join_url
            .split_once("://")
            .map_or(join_url.as_str(), |(_, h)| h)
            .to_string();
        let join_site = join_host
            .split_once("/w/")
            .map_or(join_host.as_str(), |(site, _)| site)
            .to_string();
        Self {
            panel,
            version,
            title: w.title.clone(),
            counter,
            results_hidden: w.results_hidden,
            cloud_more: summary.keywords.len().saturating_sub(CLOUD_WORDS_SHOWN),
            cloud,
            findings,
            bars,
            join_code: w.join_code.clone(),
            qr_svg: if panel == Panel::Join {
                qr_svg(&join_url)
            } else {
                String::new()
            },
            join_url,
            join_host,
            join_site,
        }
    }
}

/// The `panel` block alone: what the stream sends.
#[derive(Template)]
#[template(path = "participant/screen.html", block = "panel")]
pub struct PanelFragment<'a> {
    pub tr: Tr,
    pub view: &'a PanelView,
}

#[derive(Template)]
#[template(path = "participant/screen.html")]
struct ScreenPage<'a> {
    tr: Tr,
    view: &'a PanelView,
    /// `/w/{code}/screen/events`, with `?panel=` when pinned.
    events_url: String,
}

/// One SSE event: `id`, `event: panel`, the fragment's lines as `data:`.
pub fn sse_event(id: u64, data: &str) -> Bytes {
    let mut out = format!("id: {id}\nevent: panel\n");
    for line in data.lines() {
        out.push_str("data: ");
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    Bytes::from(out)
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
    /// The event for a viewer pinned to `pinned`, or following the facilitator.
    pub fn event(&self, pinned: Option<Panel>) -> Bytes {
        let panel = pinned.unwrap_or(self.followed);
        self.events.get(&panel).cloned().unwrap_or_default()
    }
}

fn render_frame(tallies: &Tallies, version: u64, base: &str) -> Frame {
    let tr = Tr::new(Lang::from_code(&tallies.workshop.language).unwrap_or_default());
    let followed = Panel::parse(&tallies.workshop.screen_panel).unwrap_or(Panel::Join);
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

/// The broadcasters of every workshop, and the count of open streams.
pub struct Broadcasts {
    cache: Arc<TalliesCache>,
    hub: Arc<crate::live::Hub>,
    frames: Mutex<HashMap<i64, watch::Receiver<Arc<Frame>>>>,
    live: Arc<AtomicUsize>,
    /// Becomes `true` when the server stops: every stream ends.
    closing: watch::Sender<bool>,
}

/// One viewer's stream.
struct StreamState {
    frames: watch::Receiver<Arc<Frame>>,
    closing: watch::Receiver<bool>,
    _guard: StreamGuard,
    /// The version last sent.
    sent: Option<u64>,
    /// The `retry:` line, sent first.
    start: Option<Bytes>,
}

/// Decrements the count of open streams when a stream is dropped (its viewer went away).
struct StreamGuard(Arc<AtomicUsize>);

impl Drop for StreamGuard {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Broadcasts {
    /// No broadcaster yet; they start with their first viewer.
    pub fn new(cache: Arc<TalliesCache>, hub: Arc<crate::live::Hub>) -> Self {
        Self {
            cache,
            hub,
            frames: Mutex::new(HashMap::new()),
            live: Arc::new(AtomicUsize::new(0)),
            closing: watch::Sender::new(false),
        }
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
        workshop_id: i64,
        base: &str,
        fresh: bool,
    ) -> Result<Option<Arc<str>>, crate::store::StoreError> {
        let wanted = self.hub.version(workshop_id);
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

    /// Projector streams open now.
    pub fn live_streams(&self) -> usize {
        self.live.load(Ordering::SeqCst)
    }

    /// The frames of workshop `workshop_id`, starting its broadcaster on first use.
    async fn subscribe(
        &self,
        workshop_id: i64,
        base: &str,
    ) -> Result<watch::Receiver<Arc<Frame>>, crate::store::StoreError> {
        if let Some(rx) = self.lock().get(&workshop_id) {
            return Ok(rx.clone());
        }
        let mut versions = self.hub.subscribe(workshop_id);
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
            let pause = Duration::from_millis(1000 / MAX_UPDATES_PER_SECOND);
            while versions.changed().await.is_ok() {
                // Frames start at most every `pause`: the time spent loading and rendering
                // counts in the pause, so a slow render does not add up with it.
                let next = tokio::time::Instant::now() + pause;
                let version = *versions.borrow_and_update();
                if let Ok(Some(tallies)) = cache.get(workshop_id).await {
                    let frame = render_frame(&tallies, version, &base);
                    if tx.send(Arc::new(frame)).is_err() {
                        break;
                    }
                }
                tokio::time::sleep_until(next).await;
            }
        });
        Ok(rx)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, watch::Receiver<Arc<Frame>>>> {
        self.frames
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

async fn workshop_id(state: &AppState, code: &str, tr: Tr) -> Result<i64, AppError> {
    let unknown = || AppError::UnknownWorkshop {
        code: code.chars().take(30).collect(),
        tr,
    };
    let join_code = JoinCode::parse(code).map_err(|_| unknown())?;
    state
        .tallies
        .workshop_id(join_code.as_str())
        .await
        .or_500(tr)?
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
    let tr = request::tr(&req);
    let id = workshop_id(&state, &code, tr).await?;
    let tallies = state
        .tallies
        .get(id)
        .await
        .or_500(tr)?
        .ok_or(AppError::NotFound)?;
    let tr = Tr::new(Lang::from_code(&tallies.workshop.language).unwrap_or_default());
    let pinned = pinned(&req);
    let panel = pinned
        .unwrap_or_else(|| Panel::parse(&tallies.workshop.screen_panel).unwrap_or(Panel::Join));
    let mut view = PanelView::new(
        panel,
        &tallies,
        state.store.hub.version(id),
        &state.base(&req),
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
    .render()
    .or_500(tr)?;
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
    let tr = request::tr(&req);
    let id = workshop_id(&state, &code, tr).await?;
    let frames = state
        .broadcasts
        .subscribe(id, &state.base(&req))
        .await
        .or_500(tr)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::keyword::KeywordCount;

    fn words(list: &[(&str, usize)]) -> Vec<KeywordCount> {
        list.iter()
            .map(|(label, count)| KeywordCount {
                key: (*label).to_string(),
                label: (*label).to_string(),
                count: *count,
                variants: vec![((*label).to_string(), *count)],
                hidden: false,
            })
            .collect()
    }

    #[test]
    fn the_most_frequent_keyword_is_the_largest_and_none_is_under_24_px() {
        let cloud = cloud(
            &words(&[("inspirant", 5), ("utile", 2), ("essaimage", 1)]),
            5,
        );
        assert!(cloud[0].size_px > cloud[1].size_px && cloud[1].size_px > cloud[2].size_px);
        assert!(cloud.iter().all(|w| w.size_px >= 24));
    }

    #[test]
    fn forty_words_shrink_together_to_fit_the_projector() {
        let labels: Vec<String> = (0..40).map(|i| format!("motclefnumero{i:02}")).collect();
        let list: Vec<(&str, usize)> = labels.iter().map(|l| (l.as_str(), 3)).collect();
        let cloud = cloud(&words(&list), 3);
        let area: f64 = cloud
            .iter()
            .map(|w| {
                let px = f64::from(w.size_px);
                (CHAR_WIDTH_EM * w.text.chars().count() as f64 * px + 28.0) * px * 1.25
            })
            .sum();
        assert!(area <= CLOUD_AREA_PX2 * 1.05, "{area}");
        assert!(cloud.iter().all(|w| w.size_px >= 24));
    }

    #[test]
    fn a_long_keyword_is_never_wider_than_the_screen() {
        let long = "expérimentationcollectiveetterritorialeàgrandeéchelle";
        let cloud = cloud(&words(&[(long, 9), ("court", 1)]), 9);
        let width = CHAR_WIDTH_EM * long.chars().count() as f64 * f64::from(cloud[0].size_px);
        assert!(width <= CLOUD_WIDTH_PX + 1.0, "{width}");
    }

    #[test]
    fn long_findings_are_shortened_on_the_projector() {
        assert_eq!(shorten("court", 160), "court");
        let long = "a".repeat(200);
        assert_eq!(shorten(&long, 160).chars().count(), 161);
        assert!(shorten(&long, 160).ends_with('…'));
    }
}
