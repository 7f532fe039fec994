//! Plenary benchmark (issue #14, part 3): the public plenary link open on every phone of a
//! hall. Against the release binary on 127.0.0.1, with the event fixture's three
//! workshops (300 phones' keywords): the organiser steps the plenary `--steps` times, first
//! with one viewer, then with `--viewers` streams open; then phones send keywords at
//! `--rate` a second for `--seconds` while the whole event's cloud is shown. Prints the
//! streams held and refused, the server's CPU time per step (one frame rendered, then sent
//! to every viewer), step→every viewer latencies, frames a viewer received while phones
//! wrote (coalesced to at most 10 a second), frame size and the server's memory.
//!
//! Run: `cargo bench --bench plenary` (options: `-- --viewers N --steps N --rate N
//! --seconds N`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use support::live::{phone_cookie, post};
use support::{Server, arg, free_port, memory_kib, percentile};

/// CPU time of process `pid` so far (user and system), in ms (`/proc/{pid}/stat`, clock
/// ticks of 10 ms).
fn cpu_ms(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(") ")
        .map_or(vec![], |(_, rest)| rest.split(' ').collect());
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) * 10.0
}

/// Viewers of the plenary's stream: frames each received, streams refused, bytes of the
/// last frame.
#[derive(Default)]
struct Hall {
    frames: Vec<Arc<AtomicU64>>,
    refused: Arc<AtomicU64>,
    frame_bytes: Arc<AtomicU64>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Hall {
    async fn open(&mut self, url: &str, count: usize) {
        for n in 0..count {
            let frames = Arc::new(AtomicU64::new(0));
            self.frames.push(frames.clone());
            let (url, refused, bytes) = (
                url.to_string(),
                self.refused.clone(),
                self.frame_bytes.clone(),
            );
            self.tasks.push(tokio::spawn(async move {
                let Ok(mut response) = reqwest::Client::new().get(&url).send().await else {
                    refused.fetch_add(1, Ordering::Relaxed);
                    return;
                };
                if response.status() != 200 {
                    refused.fetch_add(1, Ordering::Relaxed);
                    return;
                }
                let mut buffer = String::new();
                while let Ok(Some(chunk)) = response.chunk().await {
                    buffer.push_str(&String::from_utf8_lossy(&chunk));
                    while let Some(end) = buffer.find("\n\n") {
                        let event: String = buffer.drain(..end + 2).collect();
                        if event.starts_with("id: ") {
                            bytes.store(event.len() as u64, Ordering::Relaxed);
                            frames.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
            }));
            if n % 100 == 99 {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    }

    /// Viewers that received at least one frame.
    fn connected(&self) -> usize {
        self.frames
            .iter()
            .filter(|f| f.load(Ordering::Relaxed) > 0)
            .count()
    }

    fn counts(&self) -> Vec<u64> {
        self.frames
            .iter()
            .map(|f| f.load(Ordering::Relaxed))
            .collect()
    }
}

/// Steps the plenary `steps` times (through the whole event and each workshop), 250 ms
/// apart; gives the latencies in ms from each `303` to every connected viewer holding a
/// new frame, sorted, and the server's CPU ms per step.
async fn step_through(
    pid: u32,
    hall: &Hall,
    step_url: &str,
    shows: &[String],
    steps: usize,
) -> (Vec<f64>, f64) {
    let client = support::event::client();
    let mut latencies = Vec::new();
    let cpu = cpu_ms(pid);
    for n in 0..steps {
        let before = hall.counts();
        let body = format!("show={}", shows[(n + 1) % shows.len()]);
        post(&client, step_url, "", body).await.expect("step");
        let sent = Instant::now();
        let deadline = sent + Duration::from_secs(10);
        loop {
            let now = hall.counts();
            let all = now.iter().zip(&before).all(|(a, b)| *b == 0 || a > b);
            if all || Instant::now() > deadline {
                break;
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        latencies.push(sent.elapsed().as_secs_f64() * 1000.0);
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    latencies.sort_by(f64::total_cmp);
    (latencies, (cpu_ms(pid) - cpu) / steps as f64)
}

fn main() {
    let viewers = arg("--viewers", 2_000) as usize;
    let steps = arg("--steps", 40) as usize;
    let rate = arg("--rate", 50);
    let seconds = arg("--seconds", 10);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run(viewers, steps, rate, seconds));
}

async fn run(viewers: usize, steps: usize, rate: u64, seconds: u64) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let db = dir.path().join("bench.db");
    let binary = env!("CARGO_BIN_EXE_atelier");
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let file = dir.path().join("event.toml");
    let event = include_str!("../tests/fixtures/rencontres-leader.toml").replace(
        "[[workshops]]\n",
        "[[workshops]]\nmax_participants = 2000\n",
    );
    std::fs::write(&file, event).expect("event file");
    let out = Command::new(binary)
        .args(["import", "--base-url", &base, "--db"])
        .arg(&db)
        .arg(&file)
        .output()
        .expect("import");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let links: serde_json::Value = serde_json::from_slice(&out.stdout).expect("links");
    let child = Command::new(binary)
        .args(["serve", "--bind", &format!("127.0.0.1:{port}"), "--db"])
        .arg(&db)
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("server");
    let server = Server(child);
    let pid = server.0.id();
    let deadline = Instant::now() + Duration::from_secs(15);
    while reqwest::get(format!("{base}/")).await.is_err() {
        assert!(Instant::now() < deadline, "server did not start");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let console = links["event_url"].as_str().expect("console").to_string();
    let step_url = format!("{console}/plenary");
    let plenary = format!("{}/events", links["plenary_url"].as_str().expect("plenary"));
    let participants: Vec<String> = links["workshops"]
        .as_array()
        .expect("workshops")
        .iter()
        .map(|w| w["participant_url"].as_str().expect("url").to_string())
        .collect();
    // 100 phones a workshop, 3 keywords each among 150 words.
    let client = support::event::client();
    let mut sending = Vec::new();
    for (w, page) in participants.iter().enumerate() {
        for p in 0..100usize {
            let (client, page) = (client.clone(), page.clone());
            sending.push(tokio::spawn(async move {
                let cookie = phone_cookie(&client, &page).await;
                let body = format!(
                    "keyword=thème{}&keyword=mot{}&keyword=idée{}",
                    p % 40,
                    (p * 7 + w) % 60,
                    (p * 13) % 50
                );
                post(&client, &format!("{page}/keywords"), &cookie, body).await
            }));
        }
    }
    for s in sending {
        let _ = s.await;
    }
    let workshop_ids: Vec<String> = page_ids(&console).await;
    let mut shows = vec!["event".to_string()];
    shows.extend(workshop_ids);

    let mut hall = Hall::default();
    hall.open(&plenary, 1).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let (one, cpu_one) = step_through(pid, &hall, &step_url, &shows, steps).await;
    let rss_before = memory_kib(pid, "VmRSS:");
    let opening = Instant::now();
    hall.open(&plenary, viewers).await;
    let deadline = Instant::now() + Duration::from_secs(60);
    while hall.connected() + (hall.refused.load(Ordering::Relaxed) as usize) < viewers + 1
        && Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let opened_in = opening.elapsed();
    let rss_open = memory_kib(pid, "VmRSS:");
    let (many, cpu_many) = step_through(pid, &hall, &step_url, &shows, steps).await;

    // The whole event's cloud while phones write: frames coalesce.
    post(&client, &step_url, "", "show=event".into())
        .await
        .expect("step");
    tokio::time::sleep(Duration::from_millis(500)).await;
    let before = hall.counts()[0];
    let cpu = cpu_ms(pid);
    let started = Instant::now();
    let interval = Duration::from_millis(1000 / rate.max(1));
    let mut sending = Vec::new();
    for n in 0..(rate * seconds) as usize {
        tokio::time::sleep_until(tokio::time::Instant::from_std(
            started + interval * u32::try_from(n).unwrap_or(0),
        ))
        .await;
        let (client, page) = (client.clone(), participants[n % 3].clone());
        sending.push(tokio::spawn(async move {
            let cookie = phone_cookie(&client, &page).await;
            post(
                &client,
                &format!("{page}/keywords"),
                &cookie,
                format!("keyword=nouveau{}", n % 200),
            )
            .await
            .is_some()
        }));
    }
    let mut acked = 0;
    for s in sending {
        acked += u64::from(s.await.unwrap_or(false));
    }
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let writing = started.elapsed().as_secs_f64();
    let frames = hall.counts()[0] - before;
    let cpu_writing = cpu_ms(pid) - cpu;
    let rss_peak = memory_kib(pid, "VmHWM:");
    let frame_bytes = hall.frame_bytes.load(Ordering::Relaxed);

    println!(
        "atelier plenary benchmark — {} ({} cores)",
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC"),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!(
        "command: cargo bench --bench plenary -- --viewers {viewers} --steps {steps} --rate {rate} --seconds {seconds}"
    );
    println!("| figure | value |");
    println!("| --- | --- |");
    println!(
        "| plenary streams asked / held / refused (503) | {} / {} / {} |",
        viewers + 1,
        hall.connected(),
        hall.refused.load(Ordering::Relaxed)
    );
    println!("| time to open them | {:.1} s |", opened_in.as_secs_f64());
    println!("| a frame (SSE event, last seen) | {frame_bytes} bytes |");
    println!("| server CPU per step, 1 viewer (one frame rendered and sent) | {cpu_one:.1} ms |");
    println!(
        "| server CPU per step, {} viewers (one render, the same bytes to each) | {cpu_many:.1} ms |",
        hall.connected()
    );
    println!(
        "| step → the viewer, 1 viewer: p50 / p99 | {:.0} / {:.0} ms |",
        percentile(&one, 50.0),
        percentile(&one, 99.0)
    );
    println!(
        "| step → every viewer, {} viewers: p50 / p99 / max | {:.0} / {:.0} / {:.0} ms |",
        hall.connected(),
        percentile(&many, 50.0),
        percentile(&many, 99.0),
        many.last().copied().unwrap_or(f64::NAN)
    );
    println!(
        "| keywords sent / acknowledged while the event's cloud is shown | {} / {acked} in {writing:.1} s |",
        rate * seconds
    );
    println!(
        "| frames one viewer received meanwhile | {frames} ({:.1} a second) |",
        frames as f64 / writing
    );
    println!(
        "| server CPU meanwhile (keywords, frames, {} viewers) | {:.0} ms a second |",
        hall.connected(),
        cpu_writing / writing
    );
    println!(
        "| server RSS: before the viewers / with them / peak | {:.1} / {:.1} / {:.1} MiB |",
        rss_before as f64 / 1024.0,
        rss_open as f64 / 1024.0,
        rss_peak as f64 / 1024.0
    );
    for t in hall.tasks {
        t.abort();
    }
    drop(server);
}

/// The workshops' ids in the plenary's order, read from the organiser's console (its
/// step buttons name them).
async fn page_ids(console: &str) -> Vec<String> {
    let page = reqwest::get(console)
        .await
        .expect("console")
        .text()
        .await
        .expect("text");
    let mut ids: Vec<String> = Vec::new();
    for part in page.split("name=\"show\" value=\"").skip(1) {
        let id = part.split('"').next().unwrap_or("").to_string();
        if id != "event" && !id.is_empty() && !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}
