//! Projector benchmark (issue #3): 500 projector streams open while 200 submissions per
//! second arrive for 30 s, against the release binary. Prints the time from a submission's
//! `303` to a viewer receiving a state that includes it (p50/p99/max), the events
//! received, and the server's memory.
//!
//! Run: `cargo bench --bench projector` (options: `-- --streams N --rate N --seconds N
//! --keywords N`, the last preloading a large workshop: N keywords and N/10 findings).
//!
//! Method: every submission is a ballot from a new phone. Its `303` is sent after its
//! commit and carries `X-Atelier-Version`, the workshop's live version then; its latency is
//! the time until a probe viewer (one in 100) first receives an event whose id is at least
//! that version (0 if one came earlier). Submissions are sent at a fixed rate (open loop),
//! so a slow server shows up as latency, not as fewer requests.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use support::{Server, arg, free_port, memory_kib, percentile};
use tokio::sync::Mutex;

/// What a probe viewer received: arrival time and id (live version) of each event.
type Seen = Vec<(Instant, u64)>;

/// The id of an SSE event (the workshop's live version it shows).
fn event_id(event: &str) -> Option<u64> {
    event
        .lines()
        .find_map(|l| l.strip_prefix("id: "))
        .and_then(|id| id.trim().parse().ok())
}

/// Fills the imported workshop of `db` with `keywords` keywords (10 a phone, among 2,000
/// words) and a tenth as many findings, straight in SQL, before the server starts: a
/// large workshop whose live frames must not cost more for it (issue #15).
fn preload(db: &std::path::Path, keywords: u64) {
    if keywords == 0 {
        return;
    }
    let mut conn = rusqlite::Connection::open(db).expect("database");
    let tx = conn.transaction().expect("transaction");
    let category: i64 = tx
        .query_row("SELECT MIN(id) FROM finding_categories", [], |r| r.get(0))
        .expect("a category");
    for phone in 0..keywords.div_ceil(10) {
        tx.execute(
            "INSERT INTO participants (workshop_id, token_hash, seq, joined_at)
             VALUES (1, ?1, ?2, '2026-12-02T08:00:00Z')",
            rusqlite::params![
                format!("preloaded-{phone}"),
                i64::try_from(phone + 1).unwrap_or(i64::MAX)
            ],
        )
        .expect("participant");
        let participant = tx.last_insert_rowid();
        for k in 0..10 {
            tx.execute(
                "INSERT INTO keywords (participant_id, text, submitted_at)
                 VALUES (?1, ?2, '2026-12-02T08:01:00Z')",
                rusqlite::params![participant, format!("mot{}", (phone * 10 + k) % 2000)],
            )
            .expect("keyword");
        }
        tx.execute(
            "INSERT INTO findings (participant_id, category_id, text, submitted_at)
             VALUES (?1, ?2, ?3, '2026-12-02T08:02:00Z')",
            rusqlite::params![
                participant,
                category,
                format!("Constat numéro {phone} de la salle")
            ],
        )
        .expect("finding");
    }
    tx.commit().expect("commit");
}

fn main() {
    let streams = arg("--streams", 500);
    let rate = arg("--rate", 200);
    let seconds = arg("--seconds", 30);
    let keywords = arg("--keywords", 0);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run(streams, rate, seconds, keywords));
}

async fn run(streams: u64, rate: u64, seconds: u64, keywords: u64) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let db = dir.path().join("bench.db");
    let fixture = dir.path().join("workshop.toml");
    std::fs::write(
        &fixture,
        // Every ballot comes from a new phone: room for all of them.
        include_str!("../tests/fixtures/solidarites-sociales.toml").replace(
            "keywords_per_participant = 3",
            "keywords_per_participant = 3\nmax_participants = 100000",
        ),
    )
    .expect("fixture");
    let binary = env!("CARGO_BIN_EXE_atelier");
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let imported = Command::new(binary)
        .args(["import", "--base-url", &base, "--db"])
        .arg(&db)
        .arg(&fixture)
        .output()
        .expect("import");
    let links: serde_json::Value = serde_json::from_slice(&imported.stdout).expect("links");
    let participant = links["participant_url"]
        .as_str()
        .expect("participant_url")
        .to_string();
    let projector = links["projector_url"]
        .as_str()
        .expect("projector_url")
        .to_string();
    preload(&db, keywords);
    let child = Command::new(binary)
        .args(["serve", "--bind", &format!("127.0.0.1:{port}"), "--db"])
        .arg(&db)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("server");
    let server = Server(child);
    let pid = server.0.id();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let deadline = Instant::now() + Duration::from_secs(10);
    while client.get(&participant).send().await.is_err() {
        assert!(Instant::now() < deadline, "server did not start");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let page = client
        .get(&participant)
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("text");
    let first_rec = page
        .split("name=\"rec-")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a recommendation")
        .to_string();
    let rss_idle = memory_kib(pid, "VmRSS:");

    // Open the streams; probes record (arrival, answers) of every event.
    let events = Arc::new(AtomicU64::new(0));
    let probes: Arc<Mutex<Vec<Seen>>> = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(tokio::sync::Notify::new());
    let mut viewers = Vec::new();
    for n in 0..streams {
        let (url, events, probes, stop) = (
            format!("{projector}/events?panel=votes"),
            events.clone(),
            probes.clone(),
            stop.clone(),
        );
        let probe = n % 100 == 0;
        viewers.push(tokio::spawn(async move {
            let stream_client = reqwest::Client::new();
            let Ok(mut response) = stream_client.get(&url).send().await else {
                return;
            };
            let mut seen = Vec::new();
            let mut buffer = String::new();
            loop {
                tokio::select! {
                    chunk = response.chunk() => match chunk {
                        Ok(Some(bytes)) => {
                            buffer.push_str(&String::from_utf8_lossy(&bytes));
                            while let Some(end) = buffer.find("\n\n") {
                                let event: String = buffer.drain(..end + 2).collect();
                                if event.contains("id: ") {
                                    events.fetch_add(1, Ordering::Relaxed);
                                    if probe
                                        && let Some(id) = event_id(&event)
                                    {
                                        seen.push((Instant::now(), id));
                                    }
                                }
                            }
                        }
                        _ => break,
                    },
                    () = stop.notified() => break,
                }
            }
            if probe {
                probes.lock().await.push(seen);
            }
        }));
        if n % 50 == 49 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let rss_streams = memory_kib(pid, "VmRSS:");

    // Fixed-rate submissions: each a ballot from a new phone, which has opened the page
    // for its cookie beforehand (a phone exists only through the cookie the page gives).
    let total = rate * seconds;
    let mut cookies = Vec::with_capacity(total as usize);
    for _ in 0..total {
        let page = client.get(&participant).send().await.expect("page");
        cookies.push(
            page.headers()
                .get("set-cookie")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(';').next())
                .unwrap_or_default()
                .to_string(),
        );
    }
    let interval = Duration::from_nanos(1_000_000_000 / rate);
    let started = Instant::now();
    let acks: Arc<Mutex<Vec<(Instant, u64)>>> =
        Arc::new(Mutex::new(Vec::with_capacity(total as usize)));
    let errors = Arc::new(AtomicU64::new(0));
    let mut submitters = Vec::with_capacity(total as usize);
    for i in 0..total {
        let at = started + interval * u32::try_from(i).unwrap_or(u32::MAX);
        tokio::time::sleep_until(tokio::time::Instant::from_std(at)).await;
        let cookie = std::mem::take(&mut cookies[i as usize]);
        let (client, url, field, acks, errors) = (
            client.clone(),
            format!("{participant}/votes"),
            format!("rec-{first_rec}"),
            acks.clone(),
            errors.clone(),
        );
        submitters.push(tokio::spawn(async move {
            let response = client
                .post(&url)
                .header("cookie", cookie)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(format!("{field}=1"))
                .send()
                .await;
            match response {
                Ok(r) if r.status() == 303 => {
                    let version = r
                        .headers()
                        .get("x-atelier-version")
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(u64::MAX);
                    acks.lock().await.push((Instant::now(), version));
                }
                _ => {
                    errors.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    for s in submitters {
        let _ = s.await;
    }
    let sending = started.elapsed();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let rss_peak = memory_kib(pid, "VmHWM:");
    stop.notify_waiters();
    for v in viewers {
        let _ = v.await;
    }

    let acks = acks.lock().await.clone();
    let mut latencies = Vec::new();
    for seen in probes.lock().await.iter() {
        for (ack, version) in &acks {
            if let Some((arrival, _)) = seen.iter().find(|(_, id)| id >= version) {
                let ms = arrival.saturating_duration_since(*ack).as_secs_f64() * 1000.0;
                latencies.push(ms);
            }
        }
    }
    latencies.sort_by(f64::total_cmp);
    println!(
        "atelier projector benchmark — {} ({} cores)",
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC"),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!(
        "command: cargo bench --bench projector -- --streams {streams} --rate {rate} --seconds {seconds} --keywords {keywords}"
    );
    println!(
        "| workshop preloaded with | {keywords} keywords, {} findings |",
        keywords / 10
    );
    println!("| figure | value |");
    println!("| --- | --- |");
    println!("| projector streams open | {streams} |");
    println!(
        "| submissions sent / acknowledged (303) / errors | {total} / {} / {} |",
        acks.len(),
        errors.load(Ordering::Relaxed)
    );
    println!(
        "| achieved rate | {:.0} submissions/s over {:.1} s |",
        acks.len() as f64 / sending.as_secs_f64(),
        sending.as_secs_f64()
    );
    println!(
        "| events received by all viewers | {} |",
        events.load(Ordering::Relaxed)
    );
    println!(
        "| 303 → viewer, p50 | {:.0} ms |",
        percentile(&latencies, 50.0)
    );
    println!(
        "| 303 → viewer, p99 | {:.0} ms |",
        percentile(&latencies, 99.0)
    );
    println!(
        "| 303 → viewer, max | {:.0} ms |",
        latencies.last().copied().unwrap_or(f64::NAN)
    );
    println!(
        "| server RSS idle / with streams / peak | {} / {} / {} MiB |",
        rss_idle / 1024,
        rss_streams / 1024,
        rss_peak / 1024
    );
    drop(server);
}
