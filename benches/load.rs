//! Load benchmark (issue #6): scenarios against a freshly started release server each,
//! and two yardsticks measured in the same run, so that the figures read as ratios on a
//! shared, noisy machine.
//!
//! Run: `cargo bench --bench load` runs every scenario; `cargo bench --bench load --
//! --scenario NAME` only one (`bare`, `naive`, `event`, `go`, `sustained` or `large`, such
//! as `-- --scenario large`). Other options: `--seconds N` for the sustained runs (default
//! 30), `--large-seconds N` for the ballots of each size of *large* (default 20). It prints
//! a Markdown table of the scenarios and one of the large workshop's sizes; BENCHMARKS.md
//! keeps the latest.
//!
//! - *event*: 20 workshops × 100 participants; each joins (opens the page), sends 3
//!   keywords, 1 finding and 1 ballot with short think times; 20 projector streams per
//!   workshop.
//! - *go!*: 2,000 participants of one workshop send their ballot within 5 s, at a fixed
//!   rate (400/s); latency counts from the scheduled send time, so a slow server cannot
//!   hide behind fewer requests (no coordinated omission).
//! - *sustained*: a closed loop of 64 connections sending ballots as fast as the server
//!   takes them, with 500 projector streams open; the ballots come from 2,000 phones that
//!   vote again and again (each new ballot replaces the phone's earlier one), so the
//!   database stays the size of a real event.
//! - *large* (issue #15, `load/large.rs`): one workshop preloaded with 1,000, 10,000 and
//!   100,000 keywords (and a tenth as many findings), a row each: 100 projector streams and
//!   20 ballots/s (submit→projector p50 / p99), the frame cost (rebuilding the live tallies
//!   after one new keyword, timed in-process with the atelier library), `keywords.csv`'s
//!   time and `atelier.zip`'s time, size and server RSS growth. About 3 minutes on 2 cores.
//! - yardsticks, closed loop of 64 connections too: a bare actix-web handler answering
//!   `204` (the HTTP ceiling here), and a naive handler doing one autocommit `INSERT` per
//!   request with `synchronous=FULL` (what a straightforward implementation gets).
//!
//! Submit-to-projector: the `303` carries `X-Atelier-Version`, the workshop's version once
//! the submission is committed; the latency is the time from the `303` until a probe
//! viewer receives the event with that id or a later one.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

#[path = "load/large.rs"]
mod large;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use support::live::{
    Viewers, fixed_rate, phone_cookies, post, projector_latencies, recommendation_fields,
};
use support::workshop::{Atelier, Setup};
use support::{arg, free_port, memory_kib, percentile, text_arg};
use tokio::sync::Mutex;

/// What one scenario measured.
#[derive(Default)]
struct Figures {
    sent: u64,
    acked: u64,
    errors: u64,
    seconds: f64,
    latencies_ms: Vec<f64>,
    projector_ms: Vec<f64>,
    peak_rss_mib: u64,
}

impl Figures {
    fn rate(&self) -> f64 {
        self.acked as f64 / self.seconds.max(1e-9)
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(256)
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client")
}

async fn event() -> Figures {
    let atelier = Atelier::start(Setup {
        workshops: 20,
        ..Setup::default()
    })
    .await;
    let pid = atelier.pid();
    let replay = support::event::replay(&atelier.workshops).await;
    Figures {
        sent: replay.sent,
        acked: replay.acked,
        errors: replay.errors,
        seconds: replay.seconds,
        latencies_ms: replay.latencies_ms,
        projector_ms: replay.projector_ms,
        peak_rss_mib: memory_kib(pid, "VmHWM:") / 1024,
    }
}

async fn go() -> Figures {
    let atelier = Atelier::start(Setup {
        workshops: 1,
        ..Setup::default()
    })
    .await;
    let (pid, links) = (atelier.pid(), &atelier.workshops[0]);
    let client = client();
    let viewers = Viewers::open(&links.projector, 20).await;
    let recs = recommendation_fields(&links.participant).await;
    // Warm the connection pool as phones on the venue's Wi-Fi already are.
    let warm: Vec<_> = (0..64)
        .map(|_| {
            let (c, b) = (client.clone(), atelier.base.clone());
            tokio::spawn(async move {
                let _ = c.get(format!("{b}/")).send().await;
            })
        })
        .collect();
    for w in warm {
        let _ = w.await;
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let total = 2000;
    let cookies = phone_cookies(&client, &links.participant, total).await;
    let forms = cookies
        .into_iter()
        .enumerate()
        .map(|(i, cookie)| (cookie, format!("{}=1", recs[i % 5])))
        .collect();
    let interval = Duration::from_micros(5_000_000 / total as u64);
    let url = format!("{}/votes", links.participant);
    let (outcomes, elapsed) = fixed_rate(&client, &url, forms, interval).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let (probes, _) = viewers.close().await;
    let acks: Vec<(Instant, u64)> = outcomes.iter().filter_map(|s| s.ack).collect();
    let mut latencies_ms: Vec<f64> = outcomes.iter().map(|s| s.late_ms).collect();
    latencies_ms.sort_by(f64::total_cmp);
    let acked = acks.len() as u64;
    Figures {
        sent: total as u64,
        acked,
        errors: total as u64 - acked,
        seconds: elapsed.as_secs_f64(),
        latencies_ms,
        projector_ms: projector_latencies(&acks, &probes),
        peak_rss_mib: memory_kib(pid, "VmHWM:") / 1024,
    }
}

/// A closed loop of 64 connections posting `body_of(n)` to `url` for `seconds`.
async fn closed_loop(
    url: &str,
    seconds: u64,
    body_of: impl Fn(u64) -> (String, String) + Send + Sync + 'static,
) -> (Figures, Vec<(Instant, u64)>) {
    let client = client();
    let body_of = Arc::new(body_of);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let acks: Arc<Mutex<Vec<(Instant, u64)>>> = Arc::new(Mutex::new(Vec::new()));
    let latencies = Arc::new(Mutex::new(Vec::new()));
    let (sent, errors) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    let workers: Vec<_> = (0..64)
        .map(|_| {
            let (client, url, body_of, acks, latencies, sent, errors) = (
                client.clone(),
                url.to_string(),
                body_of.clone(),
                acks.clone(),
                latencies.clone(),
                sent.clone(),
                errors.clone(),
            );
            tokio::spawn(async move {
                let mut mine = Vec::new();
                let mut times = Vec::new();
                while Instant::now() < deadline {
                    let n = sent.fetch_add(1, Ordering::Relaxed);
                    let (cookie, body) = body_of(n);
                    let at = Instant::now();
                    let version = post(&client, &url, &cookie, body).await;
                    let now = Instant::now();
                    if let Some(version) = version {
                        mine.push((now, version));
                        times.push((now - at).as_secs_f64() * 1000.0);
                    } else {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
                acks.lock().await.extend(mine);
                latencies.lock().await.extend(times);
            })
        })
        .collect();
    for w in workers {
        let _ = w.await;
    }
    let seconds = started.elapsed().as_secs_f64();
    let mut acks = acks.lock().await.clone();
    acks.sort();
    let mut latencies_ms = latencies.lock().await.clone();
    latencies_ms.sort_by(f64::total_cmp);
    let figures = Figures {
        sent: sent.load(Ordering::Relaxed),
        acked: acks.len() as u64,
        errors: errors.load(Ordering::Relaxed),
        seconds,
        latencies_ms,
        ..Figures::default()
    };
    (figures, acks)
}

async fn sustained(seconds: u64) -> Figures {
    let atelier = Atelier::start(Setup {
        workshops: 1,
        ..Setup::default()
    })
    .await;
    let (pid, links) = (atelier.pid(), &atelier.workshops[0]);
    let viewers = Viewers::open(&links.projector, 500).await;
    let recs = recommendation_fields(&links.participant).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    // 2,000 phones (a whole event) voting again and again: each ballot replaces the phone's
    // earlier one, so the database stays the size of a real event.
    let phones = phone_cookies(&reqwest::Client::new(), &links.participant, 2000).await;
    let url = format!("{}/votes", links.participant);
    let (mut figures, acks) = closed_loop(&url, seconds, move |n| {
        (
            phones[(n % 2000) as usize].clone(),
            format!("{}=1", recs[(n % 5) as usize]),
        )
    })
    .await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let (probes, _) = viewers.close().await;
    figures.projector_ms = projector_latencies(&acks, &probes);
    figures.peak_rss_mib = memory_kib(pid, "VmHWM:") / 1024;
    figures
}

/// The yardsticks: a bare handler answering 204, and a naive autocommit INSERT per request.
fn yardstick(naive: bool) -> (String, std::thread::JoinHandle<()>, tempfile::TempDir) {
    use actix_web::{App, HttpResponse, HttpServer, web};
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("naive.db");
    let port = free_port();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let thread = std::thread::spawn(move || {
        let system = actix_web::rt::System::new();
        system.block_on(async move {
            let conn = rusqlite::Connection::open(&db).expect("naive db");
            conn.execute_batch(
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
                 CREATE TABLE ballots (id INTEGER PRIMARY KEY, participant TEXT, body TEXT, at TEXT)",
            )
            .expect("naive schema");
            drop(conn);
            let db = web::Data::new(db);
            let server = HttpServer::new(move || {
                let db = db.clone();
                App::new().app_data(db).route(
                    "/",
                    web::post().to(move |db: web::Data<std::path::PathBuf>, body: web::Bytes| async move {
                        if !naive {
                            return HttpResponse::NoContent().finish();
                        }
                        let stored = web::block(move || {
                            thread_local! {
                                static CONN: std::cell::RefCell<Option<rusqlite::Connection>> = const { std::cell::RefCell::new(None) };
                            }
                            CONN.with(|cell| {
                                let mut cell = cell.borrow_mut();
                                if cell.is_none() {
                                    let conn = rusqlite::Connection::open(db.as_ref()).expect("open");
                                    conn.busy_timeout(Duration::from_secs(10)).expect("busy");
                                    conn.execute_batch("PRAGMA synchronous=FULL").expect("full");
                                    *cell = Some(conn);
                                }
                                let conn = cell.as_ref().expect("conn");
                                conn.execute(
                                    "INSERT INTO ballots (participant, body, at) VALUES (?1, ?2, datetime('now'))",
                                    rusqlite::params!["p", String::from_utf8_lossy(&body).to_string()],
                                )
                            })
                        })
                        .await;
                        match stored {
                            Ok(Ok(_)) => HttpResponse::SeeOther().insert_header(("location", "/")).finish(),
                            _ => HttpResponse::InternalServerError().finish(),
                        }
                    }),
                )
            })
            .workers(2)
            .bind(("127.0.0.1", port))
            .expect("bind")
            .run();
            let _ = ready_tx.send(server.handle());
            let _ = server.await;
        });
    });
    let handle = ready_rx.recv().expect("yardstick started");
    std::mem::forget(handle);
    (format!("http://127.0.0.1:{port}/"), thread, dir)
}

fn row(name: &str, f: &Figures, targets: &str) {
    let ms = |v: &[f64], p: f64| {
        if v.is_empty() {
            "—".to_string()
        } else {
            format!("{:.0}", percentile(v, p))
        }
    };
    println!(
        "| {name} | {} / {} / {} | {:.0} | {} / {} / {} | {} / {} | {} | {targets} |",
        f.sent,
        f.acked,
        f.errors,
        f.rate(),
        ms(&f.latencies_ms, 50.0),
        ms(&f.latencies_ms, 99.0),
        f.latencies_ms
            .last()
            .map_or("—".into(), |m| format!("{m:.0}")),
        ms(&f.projector_ms, 50.0),
        ms(&f.projector_ms, 99.0),
        if f.peak_rss_mib > 0 {
            format!("{} MiB", f.peak_rss_mib)
        } else {
            "—".into()
        },
    );
}

/// The scenarios `--scenario` picks from; `all`, the default, runs them all.
const SCENARIOS: [&str; 6] = ["bare", "naive", "event", "go", "sustained", "large"];

/// A yardstick's closed loop of `seconds`.
async fn yardstick_run(naive: bool, seconds: u64) -> Figures {
    let (url, _thread, _dir) = yardstick(naive);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let body = move |n| {
        let form = if naive {
            format!("rec-1=1&n={n}")
        } else {
            "x=1".into()
        };
        (String::new(), form)
    };
    closed_loop(&url, seconds, body).await.0
}

fn met(yes: bool) -> &'static str {
    if yes { "met" } else { "missed" }
}

fn main() {
    let seconds = arg("--seconds", 30);
    let large_seconds = arg("--large-seconds", 20);
    let scenario = text_arg("--scenario", "all");
    assert!(
        scenario == "all" || SCENARIOS.contains(&scenario.as_str()),
        "--scenario takes all or one of {}",
        SCENARIOS.join(", ")
    );
    let runs = |name: &str| scenario == "all" || scenario == name;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let bare = if runs("bare") { Some(yardstick_run(false, seconds).await) } else { None };
        let naive = if runs("naive") { Some(yardstick_run(true, seconds).await) } else { None };
        let event = if runs("event") { Some(event().await) } else { None };
        let go = if runs("go") { Some(go().await) } else { None };
        let sustained = if runs("sustained") { Some(sustained(seconds).await) } else { None };
        let large = if runs("large") { Some(large::run(large_seconds).await) } else { None };

        println!("atelier load benchmark — {} — {} cores, load client on the same machine", chrono::Utc::now().format("%Y-%m-%d %H:%M UTC"), std::thread::available_parallelism().map_or(0, |n| n.get()));
        println!("command: cargo bench --bench load -- --scenario {scenario} --seconds {seconds} --large-seconds {large_seconds}");
        if [&bare, &naive, &event, &go, &sustained].iter().any(|f| f.is_some()) {
            println!();
            println!("| scenario | sent / acknowledged / errors | submissions/s | latency p50 / p99 / max (ms) | submit→projector p50 / p99 (ms) | server peak RSS | targets |");
            println!("| --- | --- | --- | --- | --- | --- | --- |");
        }
        if let Some(bare) = &bare {
            row("bare actix-web 204 (yardstick)", bare, "HTTP ceiling");
        }
        if let Some(naive) = &naive {
            row("naive autocommit INSERT, synchronous=FULL (yardstick)", naive, "—");
        }
        let projector_met = |f: &Figures| met(percentile(&f.projector_ms, 99.0) < 500.0);
        if let Some(event) = &event {
            row("event: 20 workshops × 100 phones, 400 projector streams", event, &format!(
                "RSS < 150 MiB: {}; projector p99 < 500 ms: {}",
                met(event.peak_rss_mib < 150),
                projector_met(event)
            ));
        }
        if let Some(go) = &go {
            let go_ok = go.acked == 2000 && percentile(&go.latencies_ms, 99.0) < 100.0;
            row("go!: 2,000 ballots in 5 s (fixed rate)", go, &format!(
                "2000/2000 and p99 < 100 ms: {}; projector p99 < 500 ms: {}",
                met(go_ok),
                projector_met(go)
            ));
        }
        if let Some(sustained) = &sustained {
            row("sustained: closed loop, 64 connections, 500 projector streams", sustained, &format!(
                "projector p99 < 500 ms: {}",
                projector_met(sustained)
            ));
            println!();
            if let Some(naive) = &naive {
                let vs_naive = sustained.rate() / naive.rate().max(1e-9);
                println!("sustained / naive = {vs_naive:.2}× (target ≥ 5×: {})", met(vs_naive >= 5.0));
            }
            if let Some(bare) = &bare {
                let vs_bare = sustained.rate() / bare.rate().max(1e-9);
                println!("sustained / bare = {vs_bare:.2}× (target ≥ 0.25×: {})", met(vs_bare >= 0.25));
            }
        }
        if let Some(large) = &large {
            println!();
            println!("large workshop: one workshop preloaded with N keywords and N/10 findings, {} projector streams, {} ballots/s from new phones for {large_seconds} s; frame cost = TalliesCache::get after one new keyword, in-process", large::STREAMS, large::RATE);
            println!();
            large::print(large);
        }
    });
}
