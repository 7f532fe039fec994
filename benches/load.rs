//! Load benchmark (issue #6): scenarios against a freshly started release server each,
//! and two yardsticks measured in the same run, so that the figures read as ratios on a
//! shared, noisy machine.
//!
//! Run: `cargo bench --bench load` (options: `-- --seconds N` for the sustained runs,
//! default 30). It prints one Markdown table; BENCHMARKS.md keeps the latest.
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
//! - yardsticks, closed loop of 64 connections too: a bare actix-web handler answering
//!   `204` (the HTTP ceiling here), and a naive handler doing one autocommit `INSERT` per
//!   request with `synchronous=FULL` (what a straightforward implementation gets).
//!
//! Submit-to-projector: the `303` carries `X-Atelier-Version`, the workshop's version once
//! the submission is committed; the latency is the time from the `303` until a probe
//! viewer receives the event with that id or a later one.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::HashMap;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use support::{Server, arg, free_port, memory_kib, percentile};
use tokio::sync::Mutex;

/// A participant cookie (`name=value`) as the server hands it out with the page of
/// workshop `code`: a phone is known only through a cookie the server signed.
async fn phone_cookie(client: &reqwest::Client, base: &str, code: &str) -> String {
    let response = client.get(format!("{base}/w/{code}")).send().await;
    response
        .ok()
        .and_then(|r| {
            r.headers()
                .get("set-cookie")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(';').next())
                .map(str::to_string)
        })
        .unwrap_or_default()
}

/// `n` phones' cookies, fetched before a scenario starts.
async fn phone_cookies(client: &reqwest::Client, base: &str, code: &str, n: usize) -> Vec<String> {
    let mut cookies = Vec::with_capacity(n);
    for _ in 0..n {
        cookies.push(phone_cookie(client, base, code).await);
    }
    cookies
}

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

/// A release server with `workshops` workshops (codes W01…), fresh database.
async fn atelier(workshops: usize) -> (Server, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("load.db");
    let fixture = include_str!("../tests/fixtures/solidarites-sociales.toml");
    let binary = env!("CARGO_BIN_EXE_atelier");
    for n in 1..=workshops {
        let file = dir.path().join(format!("w{n}.toml"));
        std::fs::write(
            &file,
            fixture.replace(
                "join_code = \"SOLIDA\"",
                &format!("join_code = \"WS{n:02}\""),
            ),
        )
        .expect("file");
        let out = Command::new(binary)
            .arg("import")
            .arg(&file)
            .arg("--db")
            .arg(&db)
            .output()
            .expect("import");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let port = free_port();
    let child = Command::new(binary)
        .args(["serve", "--bind", &format!("127.0.0.1:{port}"), "--db"])
        .arg(&db)
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("server");
    let base = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(15);
    while reqwest::get(format!("{base}/")).await.is_err() {
        assert!(Instant::now() < deadline, "server did not start");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    (Server(child), base, dir)
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(256)
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client")
}

async fn recommendation_fields(base: &str, code: &str) -> Vec<String> {
    let page = reqwest::get(format!("{base}/w/{code}"))
        .await
        .expect("page")
        .text()
        .await
        .expect("text");
    let mut ids: Vec<String> = Vec::new();
    for id in page
        .split("name=\"rec-")
        .skip(1)
        .filter_map(|r| r.split('"').next())
    {
        let field = format!("rec-{id}");
        if !ids.contains(&field) {
            ids.push(field);
        }
    }
    ids
}

/// Posts a form; on a `303`, the workshop's version once the submission was committed
/// (`X-Atelier-Version`; 0 from the yardsticks, which have none).
async fn post(client: &reqwest::Client, url: &str, cookie: &str, body: String) -> Option<u64> {
    let response = client
        .post(url)
        .header("cookie", cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .ok()?;
    if !(response.status() == 303 || response.status().is_success()) {
        return None;
    }
    Some(
        response
            .headers()
            .get("x-atelier-version")
            .and_then(|v| v.to_str().ok()?.parse().ok())
            .unwrap_or(0),
    )
}

/// The id of a projector event (the workshop's version it shows).
fn event_id(event: &str) -> Option<u64> {
    event
        .lines()
        .find_map(|l| l.strip_prefix("id: ")?.trim().parse().ok())
}

type Probe = Arc<Mutex<Vec<(Instant, u64)>>>;

/// Per workshop: `(ack time, answers acknowledged so far)`.
type AcksByWorkshop = HashMap<String, Vec<(Instant, u64)>>;

/// A fixed-rate submission: latency from its scheduled time (ms), and its ack time and
/// committed version.
type Outcome = (f64, Option<(Instant, u64)>);

/// Opens `count` projector streams on `code`; the first records what it receives.
fn viewers(
    base: &str,
    code: &str,
    count: usize,
    stop: &Arc<tokio::sync::Notify>,
) -> (Probe, Vec<tokio::task::JoinHandle<()>>) {
    let probe: Probe = Arc::new(Mutex::new(Vec::new()));
    let handles = (0..count)
        .map(|n| {
            let (url, probe, stop) = (
                format!("{base}/w/{code}/screen/events?panel=votes"),
                probe.clone(),
                stop.clone(),
            );
            tokio::spawn(async move {
                let Ok(mut response) = reqwest::Client::new().get(&url).send().await else {
                    return;
                };
                let mut buffer = String::new();
                loop {
                    tokio::select! {
                        chunk = response.chunk() => match chunk {
                            Ok(Some(bytes)) => {
                                if n != 0 {
                                    continue;
                                }
                                buffer.push_str(&String::from_utf8_lossy(&bytes));
                                while let Some(end) = buffer.find("\n\n") {
                                    let event: String = buffer.drain(..end + 2).collect();
                                    if let Some(id) = event_id(&event) {
                                        probe.lock().await.push((Instant::now(), id));
                                    }
                                }
                            }
                            _ => break,
                        },
                        () = stop.notified() => break,
                    }
                }
            })
        })
        .collect();
    (probe, handles)
}

/// Submit-to-projector latencies: for each `(ack time, version committed)`, the first probe
/// event with that id or a later one.
fn projector_latencies(acks: &[(Instant, u64)], probe: &[(Instant, u64)]) -> Vec<f64> {
    acks.iter()
        .filter_map(|(ack, wanted)| {
            probe
                .iter()
                .find(|(_, id)| id >= wanted)
                .map(|(arrival, _)| arrival.saturating_duration_since(*ack).as_secs_f64() * 1000.0)
        })
        .collect()
}

async fn event() -> Figures {
    let (server, base, _dir) = atelier(20).await;
    let pid = server.0.id();
    let client = client();
    let stop = Arc::new(tokio::sync::Notify::new());
    let mut probes = HashMap::new();
    let mut streams = Vec::new();
    let mut fields = HashMap::new();
    for n in 1..=20 {
        let code = format!("WS{n:02}");
        let (probe, handles) = viewers(&base, &code, 20, &stop);
        streams.extend(handles);
        probes.insert(code.clone(), probe);
        fields.insert(code.clone(), recommendation_fields(&base, &code).await);
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let acks: Arc<Mutex<AcksByWorkshop>> = Arc::new(Mutex::new(HashMap::new()));
    let latencies = Arc::new(Mutex::new(Vec::new()));
    let (sent, acked, errors) = (
        Arc::new(AtomicU64::new(0)),
        Arc::new(AtomicU64::new(0)),
        Arc::new(AtomicU64::new(0)),
    );
    let started = Instant::now();
    let mut participants = Vec::new();
    for w in 1..=20 {
        for p in 0..100 {
            let code = format!("WS{w:02}");
            let recs = fields[&code].clone();
            let (client, base) = (client.clone(), base.clone());
            let (acks, latencies) = (acks.clone(), latencies.clone());
            let (sent, acked, errors) = (sent.clone(), acked.clone(), errors.clone());
            participants.push(tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(rand::random_range(0..8000))).await;
                let cookie = phone_cookie(&client, &base, &code).await;
                let steps: [(String, String); 3] = [
                    (
                        "keywords".into(),
                        format!("keyword=mot{p}a&keyword=mot{p}b&keyword=commun"),
                    ),
                    (
                        "findings".into(),
                        format!("category=levier&text=constat+{p}"),
                    ),
                    (
                        "votes".into(),
                        format!("{}=2&{}=1", recs[p % 5], recs[(p + 2) % 5]),
                    ),
                ];
                for (form, body) in steps {
                    tokio::time::sleep(Duration::from_millis(rand::random_range(500..2500))).await;
                    sent.fetch_add(1, Ordering::Relaxed);
                    let at = Instant::now();
                    if let Some(version) =
                        post(&client, &format!("{base}/w/{code}/{form}"), &cookie, body).await
                    {
                        let now = Instant::now();
                        acked.fetch_add(1, Ordering::Relaxed);
                        latencies
                            .lock()
                            .await
                            .push((now - at).as_secs_f64() * 1000.0);
                        acks.lock()
                            .await
                            .entry(code.clone())
                            .or_default()
                            .push((now, version));
                    } else {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }));
        }
    }
    for p in participants {
        let _ = p.await;
    }
    let seconds = started.elapsed().as_secs_f64();
    tokio::time::sleep(Duration::from_secs(1)).await;
    stop.notify_waiters();
    for s in streams {
        let _ = s.await;
    }
    let mut projector_ms = Vec::new();
    for (code, acks) in acks.lock().await.iter() {
        projector_ms.extend(projector_latencies(acks, &probes[code].lock().await));
    }
    let mut latencies_ms = latencies.lock().await.clone();
    latencies_ms.sort_by(f64::total_cmp);
    projector_ms.sort_by(f64::total_cmp);
    Figures {
        sent: sent.load(Ordering::Relaxed),
        acked: acked.load(Ordering::Relaxed),
        errors: errors.load(Ordering::Relaxed),
        seconds,
        latencies_ms,
        projector_ms,
        peak_rss_mib: memory_kib(pid, "VmHWM:") / 1024,
    }
}

async fn go() -> Figures {
    let (server, base, _dir) = atelier(1).await;
    let pid = server.0.id();
    let client = client();
    let stop = Arc::new(tokio::sync::Notify::new());
    let (probe, streams) = viewers(&base, "WS01", 20, &stop);
    let recs = recommendation_fields(&base, "WS01").await;
    // Warm the connection pool as phones on the venue's Wi-Fi already are.
    let warm: Vec<_> = (0..64)
        .map(|_| {
            let (c, b) = (client.clone(), base.clone());
            tokio::spawn(async move {
                let _ = c.get(format!("{b}/")).send().await;
            })
        })
        .collect();
    for w in warm {
        let _ = w.await;
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let total = 2000u64;
    let cookies = Arc::new(phone_cookies(&client, &base, "WS01", 2000).await);
    let interval = Duration::from_micros(5_000_000 / total);
    let started = Instant::now();
    let results: Arc<Mutex<Vec<Outcome>>> = Arc::new(Mutex::new(Vec::new()));
    let mut tasks = Vec::new();
    for i in 0..total {
        let scheduled = started + interval * u32::try_from(i).unwrap_or(u32::MAX);
        tokio::time::sleep_until(tokio::time::Instant::from_std(scheduled)).await;
        let cookie = cookies[usize::try_from(i).unwrap_or(0) % cookies.len()].clone();
        let (client, url, body, results) = (
            client.clone(),
            format!("{base}/w/WS01/votes"),
            format!("{}=1", recs[(i % 5) as usize]),
            results.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let version = post(&client, &url, &cookie, body).await;
            let done = Instant::now();
            results.lock().await.push((
                (done - scheduled).as_secs_f64() * 1000.0,
                version.map(|v| (done, v)),
            ));
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    let seconds = started.elapsed().as_secs_f64();
    tokio::time::sleep(Duration::from_secs(1)).await;
    stop.notify_waiters();
    for s in streams {
        let _ = s.await;
    }
    let results = results.lock().await;
    let acks: Vec<(Instant, u64)> = results.iter().filter_map(|(_, t)| *t).collect();
    let mut projector_ms = projector_latencies(&acks, &probe.lock().await);
    projector_ms.sort_by(f64::total_cmp);
    let mut latencies_ms: Vec<f64> = results.iter().map(|(ms, _)| *ms).collect();
    latencies_ms.sort_by(f64::total_cmp);
    let acked = acks.len() as u64;
    Figures {
        sent: total,
        acked,
        errors: total - acked,
        seconds,
        latencies_ms,
        projector_ms,
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
    let (server, base, _dir) = atelier(1).await;
    let pid = server.0.id();
    let stop = Arc::new(tokio::sync::Notify::new());
    let (probe, streams) = viewers(&base, "WS01", 500, &stop);
    let recs = recommendation_fields(&base, "WS01").await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    // 2,000 phones (a whole event) voting again and again: each ballot replaces the phone's
    // earlier one, so the database stays the size of a real event.
    let phones: Vec<String> = phone_cookies(&reqwest::Client::new(), &base, "WS01", 2000).await;
    let (mut figures, acks) = closed_loop(&format!("{base}/w/WS01/votes"), seconds, move |n| {
        (
            phones[(n % 2000) as usize].clone(),
            format!("{}=1", recs[(n % 5) as usize]),
        )
    })
    .await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    stop.notify_waiters();
    for s in streams {
        let _ = s.await;
    }
    figures.projector_ms = projector_latencies(&acks, &probe.lock().await);
    figures.projector_ms.sort_by(f64::total_cmp);
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

fn main() {
    let seconds = arg("--seconds", 30);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async move {
        let (bare_url, _bare, _d1) = yardstick(false);
        let (naive_url, _naive, _d2) = yardstick(true);
        tokio::time::sleep(Duration::from_millis(300)).await;
        let (bare, _) = closed_loop(&bare_url, seconds, |_| (String::new(), "x=1".into())).await;
        let (naive, _) = closed_loop(&naive_url, seconds, |n| (String::new(), format!("rec-1=1&n={n}"))).await;
        let event = event().await;
        let go = go().await;
        let sustained = sustained(seconds).await;

        println!("atelier load benchmark — {} — {} cores, load client on the same machine", chrono::Utc::now().format("%Y-%m-%d %H:%M UTC"), std::thread::available_parallelism().map_or(0, |n| n.get()));
        println!("command: cargo bench --bench load -- --seconds {seconds}");
        println!();
        println!("| scenario | sent / acknowledged / errors | submissions/s | latency p50 / p99 / max (ms) | submit→projector p50 / p99 (ms) | server peak RSS | targets |");
        println!("| --- | --- | --- | --- | --- | --- | --- |");
        row("bare actix-web 204 (yardstick)", &bare, "HTTP ceiling");
        row("naive autocommit INSERT, synchronous=FULL (yardstick)", &naive, "—");
        let go_ok = go.acked == 2000 && percentile(&go.latencies_ms, 99.0) < 100.0;
        row("event: 20 workshops × 100 phones, 400 projector streams", &event, &format!(
            "RSS < 150 MiB: {}; projector p99 < 500 ms: {}",
            if event.peak_rss_mib < 150 { "met" } else { "missed" },
            if percentile(&event.projector_ms, 99.0) < 500.0 { "met" } else { "missed" }
        ));
        row("go!: 2,000 ballots in 5 s (fixed rate)", &go, &format!(
            "2000/2000 and p99 < 100 ms: {}; projector p99 < 500 ms: {}",
            if go_ok { "met" } else { "missed" },
            if percentile(&go.projector_ms, 99.0) < 500.0 { "met" } else { "missed" }
        ));
        row("sustained: closed loop, 64 connections, 500 projector streams", &sustained, &format!(
            "projector p99 < 500 ms: {}",
            if percentile(&sustained.projector_ms, 99.0) < 500.0 { "met" } else { "missed" }
        ));
        println!();
        let vs_naive = sustained.rate() / naive.rate().max(1e-9);
        let vs_bare = sustained.rate() / bare.rate().max(1e-9);
        println!("sustained / naive = {vs_naive:.2}× (target ≥ 5×: {})", if vs_naive >= 5.0 { "met" } else { "missed" });
        println!("sustained / bare = {vs_bare:.2}× (target ≥ 0.25×: {})", if vs_bare >= 0.25 { "met" } else { "missed" });
    });
}
