//! The *large workshop* scenario (issue #15, item 5): one workshop preloaded with N
//! keywords and N/10 findings ([`crate::support::workshop::preload`]), for N = 1,000,
//! 10,000 and 100,000, a row each so that the growth shows. Per size:
//!
//! - *live*: 100 projector streams while 20 ballots a second from new phones arrive
//!   ([`crate::support::projector::measure`], as `cargo bench --bench projector`):
//!   submit→projector p50 / p99.
//! - *exports*, once the ballots are in: `GET /f/{key}/export/keywords.csv` 10 times (the
//!   first loads the full tallies, the others find them cached), then one keyword from a
//!   new phone, so that `GET /f/{key}/export/atelier.zip` loads them again: its time, its
//!   size, and the server's RSS growth during it (peak RSS while it was built and sent,
//!   measured afresh from just before, minus the RSS then), with that growth split
//!   between anonymous memory and mapped files' pages (sampled, see `peaks`); then the
//!   same after one more keyword, for what a later ZIP costs.
//! - *frame cost*, with the server stopped: the same database opened in-process with the
//!   atelier library; 200 times, one keyword from a new phone through
//!   [`Store::submit_keywords`], then [`TalliesCache::get`] timed: what the server spends
//!   rebuilding the live tallies when one new entry arrived.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use atelier::domain::entry::Keywords;
use atelier::domain::join_code::JoinCode;
use atelier::domain::secret;
use atelier::store::{Phone, Store};
use atelier::tallies::TalliesCache;

use crate::support::live::{phone_cookie, post};
use crate::support::projector::{self, Push};
use crate::support::workshop::{Atelier, Setup};
use crate::support::{memory_kib, percentile, reset_peak_memory};

/// The keywords preloaded, a row each.
const SIZES: [u64; 3] = [1_000, 10_000, 100_000];
/// Projector streams open and ballots a second during the live part.
pub const STREAMS: usize = 100;
pub const RATE: u64 = 20;
/// `GET`s of `keywords.csv` a size.
const CSV_GETS: usize = 10;
/// New keywords whose frame is timed, a size.
const FRAMES: usize = 200;

/// What one size measured.
pub struct Row {
    keywords: u64,
    live: projector::Figures,
    /// `keywords.csv` download times in ms, in order of sending.
    csv_ms: Vec<f64>,
    zip: Download,
    /// The same download once more, after another keyword: what a later ZIP costs once
    /// the first has run the code that makes one.
    zip_again: Download,
    /// [`TalliesCache::get`] after one new keyword, in ms, sorted.
    frame_ms: Vec<f64>,
}

/// One download of `atelier.zip`.
struct Download {
    ms: f64,
    bytes: usize,
    /// Peak RSS during it minus RSS before, in KiB; `None` when the peak could not be
    /// measured afresh.
    rss_growth_kib: Option<u64>,
    /// Of which anonymous memory and mapped files' pages, sampled (see [`peaks`]), KiB.
    anon_growth_kib: u64,
    file_growth_kib: u64,
}

/// Runs every size, `seconds` of ballots each.
pub async fn run(seconds: u64) -> Vec<Row> {
    let mut rows = Vec::with_capacity(SIZES.len());
    for keywords in SIZES {
        rows.push(size(keywords, seconds).await);
    }
    rows
}

async fn size(keywords: u64, seconds: u64) -> Row {
    let atelier = Atelier::start(Setup::large(keywords)).await;
    let push = Push {
        streams: STREAMS,
        rate: RATE,
        seconds,
    };
    let live = projector::measure(&atelier, push).await;
    let (csv_ms, zip, zip_again) = exports(&atelier).await;
    let (db, _dir) = atelier.stop();
    let frame_ms = frame_cost(&db).await;
    Row {
        keywords,
        live,
        csv_ms,
        zip,
        zip_again,
        frame_ms,
    }
}

/// The `keywords.csv` times, then the `atelier.zip` download, of `WS01`.
async fn exports(atelier: &Atelier) -> (Vec<f64>, Download, Download) {
    let links = &atelier.workshops[0];
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(300))
        .build()
        .expect("client");
    let get = |file: &str| {
        let request = client.get(format!("{}/export/{file}", links.facilitator));
        async move {
            let response = request.send().await.expect("an export");
            assert!(response.status().is_success(), "{}", response.status());
            response.bytes().await.expect("the file")
        }
    };
    let mut csv_ms = Vec::with_capacity(CSV_GETS);
    for _ in 0..CSV_GETS {
        let at = Instant::now();
        get("keywords.csv").await;
        csv_ms.push(at.elapsed().as_secs_f64() * 1000.0);
    }
    let cookie = phone_cookie(&client, &links.participant).await;
    let mut zips = Vec::with_capacity(2);
    for n in 0..2 {
        let keyword = format!("keyword=rapport{n}");
        post(
            &client,
            &format!("{}/keywords", links.participant),
            &cookie,
            keyword,
        )
        .await
        .expect("a keyword before the zip");
        let pid = atelier.pid();
        let before = memory_kib(pid, "VmRSS:");
        let (anon_before, file_before) = (memory_kib(pid, "RssAnon:"), memory_kib(pid, "RssFile:"));
        let fresh = reset_peak_memory(pid);
        let sampling = Arc::new(AtomicBool::new(true));
        let sampler = tokio::spawn(peaks(pid, Arc::clone(&sampling)));
        let at = Instant::now();
        let zip = get("atelier.zip").await;
        let ms = at.elapsed().as_secs_f64() * 1000.0;
        let peak = memory_kib(pid, "VmHWM:");
        sampling.store(false, Ordering::Relaxed);
        let (anon_peak, file_peak) = sampler.await.expect("the sampler");
        zips.push(Download {
            ms,
            bytes: zip.len(),
            rss_growth_kib: fresh.then(|| peak.saturating_sub(before)),
            anon_growth_kib: anon_peak.saturating_sub(anon_before),
            file_growth_kib: file_peak.saturating_sub(file_before),
        });
    }
    let again = zips.pop().expect("the second zip");
    let zip = zips.pop().expect("the first zip");
    (csv_ms, zip, again)
}

/// The highest `RssAnon:` and `RssFile:` of process `pid` (KiB), read every 2 ms while
/// `sampling` holds: the growth of a download split between memory the server allocated
/// (anonymous: heap, stacks) and pages of files it maps (its binary's code and data the
/// download ran for the first time, read from the executable and given back by the
/// kernel when it needs them). Sampled, so a peak shorter than 2 ms can be missed;
/// `VmHWM:` gives the exact peak of their sum.
async fn peaks(pid: u32, sampling: Arc<AtomicBool>) -> (u64, u64) {
    let (mut anon, mut file) = (0, 0);
    loop {
        anon = anon.max(memory_kib(pid, "RssAnon:"));
        file = file.max(memory_kib(pid, "RssFile:"));
        if !sampling.load(Ordering::Relaxed) {
            return (anon, file);
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}

/// [`TalliesCache::get`] times in ms, sorted, over the database at `db` (no server on it):
/// each after one new keyword, from a new phone, has moved the live version.
async fn frame_cost(db: &Path) -> Vec<f64> {
    let store = Store::open(db).expect("the bench's database");
    let code = JoinCode::parse("WS01").expect("a join code");
    let id = store
        .workshop_id_by_code(&code)
        .await
        .expect("a lookup")
        .expect("WS01");
    let workshop = store.workshop(id).await.expect("a read").expect("WS01");
    let cache = TalliesCache::new(store.clone());
    let mut shown = cache.get(id).await.expect("tallies").expect("WS01");
    let mut ms = Vec::with_capacity(FRAMES);
    for i in 0..FRAMES {
        let phone = Phone {
            workshop_id: id,
            token_hash: secret::hash_token(&secret::new_token()),
            may_join: true,
        };
        // Words the room already sent: the common case of a large workshop.
        let keywords = Keywords::parse(&[format!("mot{}", i * 7 % 2000)]).expect("a keyword");
        store
            .submit_keywords(&workshop, phone, None, keywords)
            .await
            .expect("the keyword stored");
        let at = Instant::now();
        let tallies = cache.get(id).await.expect("tallies").expect("WS01");
        ms.push(at.elapsed().as_secs_f64() * 1000.0);
        assert!(
            !Arc::ptr_eq(&tallies, &shown),
            "the keyword gave new tallies"
        );
        shown = tallies;
    }
    ms.sort_by(f64::total_cmp);
    ms
}

/// Prints the rows as one Markdown table.
pub fn print(rows: &[Row]) {
    println!(
        "| keywords / findings | ballots sent / acknowledged / errors | submit→projector p50 / p99 (ms) | frame cost median / p99 (ms) | keywords.csv first / median of {CSV_GETS} (ms) | atelier.zip time (ms) / size (KiB) / server RSS growth (MiB) | of which anonymous / mapped files (MiB, sampled) | a second atelier.zip: RSS growth (anonymous / mapped files) (MiB) | server RSS idle / peak (MiB) |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for row in rows {
        let live = &row.live;
        let mut csv = row.csv_ms.clone();
        csv.sort_by(f64::total_cmp);
        let mib = |d: &Download| {
            d.rss_growth_kib.map_or("—".to_string(), |kib| {
                format!("{:.1}", kib as f64 / 1024.0)
            })
        };
        let (growth, again) = (mib(&row.zip), mib(&row.zip_again));
        println!(
            "| {} / {} | {} / {} / {} | {:.0} / {:.0} | {:.1} / {:.1} | {:.1} / {:.1} | {:.0} / {} / {growth} | {:.1} / {:.1} | {again} ({:.1} / {:.1}) | {} / {} |",
            thousands(row.keywords),
            thousands(row.keywords / 10),
            live.sent,
            live.acked,
            live.errors(),
            percentile(&live.latencies_ms, 50.0),
            percentile(&live.latencies_ms, 99.0),
            percentile(&row.frame_ms, 50.0),
            percentile(&row.frame_ms, 99.0),
            row.csv_ms.first().copied().unwrap_or(f64::NAN),
            percentile(&csv, 50.0),
            row.zip.ms,
            row.zip.bytes / 1024,
            row.zip.anon_growth_kib as f64 / 1024.0,
            row.zip.file_growth_kib as f64 / 1024.0,
            row.zip_again.anon_growth_kib as f64 / 1024.0,
            row.zip_again.file_growth_kib as f64 / 1024.0,
            live.rss_idle_kib / 1024,
            live.rss_peak_kib / 1024,
        );
    }
}

/// `100000` as `100,000`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
