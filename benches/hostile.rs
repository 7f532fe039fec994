//! Hostile-room benchmark (issue #11), against the release binary:
//!
//! - *dashboard*: the facilitator's dashboard size and time with 100, 1,000 and 10,000
//!   keyword groups (phones of 20 different keywords each);
//! - *exports*: a phone's page latency while 4 clients download `atelier.zip` over and
//!   over from a workshop of 20,000 entries, next to the same page with no export running;
//! - *streams*: open file descriptors and memory of the server while and after 20,000
//!   projector streams are opened and closed as fast as 50 clients can (a reload loop),
//!   then 2,000 at about 100 a second (a room's phones opening and closing the link).
//!
//! Run: `cargo bench --bench hostile` (options: `-- --cycles N --entries N`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use support::workshop::{Atelier, Setup};
use support::{arg, memory_kib, percentile};

fn main() {
    let cycles = arg("--cycles", 20_000);
    let entries = arg("--entries", 20_000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        println!("## dashboard");
        println!("| keyword groups | dashboard bytes | GET /f/{{key}} p50 / max (ms) |");
        println!("| --- | --- | --- |");
        for groups in [100, 1_000, 10_000] {
            dashboard(groups).await;
        }
        println!();
        exports(entries).await;
        println!();
        streams(cycles, Duration::ZERO).await;
        println!();
        streams(cycles / 10, Duration::from_millis(500)).await;
    });
}

/// A release server on a fresh database with the fixture workshop, keywords per
/// participant at 20; its links.
struct Running {
    server: Atelier,
    client: reqwest::Client,
    participant: String,
    projector: String,
    facilitator: String,
}

async fn start() -> Running {
    let server = Atelier::start(Setup {
        workshops: 1,
        keywords_per_participant: Some(20),
        ..Setup::default()
    })
    .await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(64)
        .build()
        .expect("client");
    let links = server.workshops[0].clone();
    Running {
        server,
        client,
        participant: links.participant,
        projector: links.projector,
        facilitator: links.facilitator,
    }
}

/// `phones` phones, 16 at a time, each sending the 20 keywords `words(phone)`.
async fn send_keywords(
    running: &Running,
    phones: u64,
    words: impl Fn(u64) -> Vec<String> + Send + Sync + 'static,
) {
    let words = Arc::new(words);
    let next = Arc::new(AtomicU64::new(0));
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let (client, participant) = (running.client.clone(), running.participant.clone());
            let (words, next) = (Arc::clone(&words), Arc::clone(&next));
            tokio::spawn(async move {
                loop {
                    let phone = next.fetch_add(1, Ordering::SeqCst);
                    if phone >= phones {
                        break;
                    }
                    let page = client.get(&participant).send().await.expect("page");
                    let cookie = page
                        .headers()
                        .get("set-cookie")
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| v.split(';').next())
                        .unwrap_or_default()
                        .to_string();
                    let body = form_urlencoded::Serializer::new(String::new())
                        .extend_pairs(words(phone).iter().map(|w| ("keyword", w.as_str())))
                        .finish();
                    let sent = client
                        .post(format!("{participant}/keywords"))
                        .header("cookie", cookie)
                        .header("content-type", "application/x-www-form-urlencoded")
                        .body(body)
                        .send()
                        .await
                        .expect("post");
                    assert_eq!(sent.status(), 303, "keywords stored");
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("task");
    }
}

async fn dashboard(groups: u64) {
    let running = start().await;
    send_keywords(&running, groups / 20, |phone| {
        (0..20).map(|k| format!("k{}", phone * 20 + k)).collect()
    })
    .await;
    let mut times = Vec::new();
    let mut bytes = 0;
    for _ in 0..7 {
        let started = Instant::now();
        let page = running
            .client
            .get(&running.facilitator)
            .send()
            .await
            .expect("dashboard")
            .bytes()
            .await
            .expect("body");
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        bytes = page.len();
    }
    times.sort_by(f64::total_cmp);
    println!(
        "| {groups} | {bytes} | {:.0} / {:.0} |",
        percentile(&times, 50.0),
        times[times.len() - 1]
    );
}

/// Latencies (ms, sorted) of a phone's page fetched every 50 ms for `seconds`.
async fn page_latencies(running: &Running, seconds: u64) -> Vec<f64> {
    let mut times = Vec::new();
    let end = Instant::now() + Duration::from_secs(seconds);
    while Instant::now() < end {
        let started = Instant::now();
        let page = running
            .client
            .get(&running.participant)
            .send()
            .await
            .expect("page");
        let _ = page.bytes().await.expect("body");
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    times.sort_by(f64::total_cmp);
    times
}

async fn exports(entries: u64) {
    let running = start().await;
    // 20 keywords a phone among 500 words: `entries` keyword entries in 500 groups.
    send_keywords(&running, entries / 20, |phone| {
        (0..20)
            .map(|k| format!("mot{}", (phone * 7 + k * 13) % 500))
            .collect()
    })
    .await;
    let quiet = page_latencies(&running, 10).await;
    let stop = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicU64::new(0));
    let downloads: Vec<_> = (0..4)
        .map(|_| {
            let (client, url) = (
                running.client.clone(),
                format!(
                    "{}/export/atelier.zip?dialect=excel-fr",
                    running.facilitator
                ),
            );
            let (stop, done) = (Arc::clone(&stop), Arc::clone(&done));
            tokio::spawn(async move {
                while !stop.load(Ordering::SeqCst) {
                    let file = client.get(&url).send().await.expect("export");
                    assert_eq!(file.status(), 200);
                    let _ = file.bytes().await.expect("zip");
                    done.fetch_add(1, Ordering::SeqCst);
                }
            })
        })
        .collect();
    let busy = page_latencies(&running, 20).await;
    stop.store(true, Ordering::SeqCst);
    for d in downloads {
        d.await.expect("download");
    }
    println!("## exports ({entries} keyword entries)");
    println!("| phone page, GET /w/{{code}} | requests | p50 / p99 / max (ms) |");
    println!("| --- | --- | --- |");
    for (what, times) in [
        ("no export running", &quiet),
        ("4 clients downloading atelier.zip", &busy),
    ] {
        println!(
            "| {what} | {} | {:.0} / {:.0} / {:.0} |",
            times.len(),
            percentile(times, 50.0),
            percentile(times, 99.0),
            times[times.len() - 1]
        );
    }
    println!(
        "atelier.zip downloads completed during the 20 s: {}",
        done.load(Ordering::SeqCst)
    );
}

fn descriptors(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd")).map_or(0, Iterator::count)
}

async fn streams(cycles: u64, pause: Duration) {
    let running = start().await;
    let pid = running.server.pid();
    let url = format!("{}/events", running.projector);
    let (fds_before, rss_before) = (descriptors(pid), memory_kib(pid, "VmRSS:"));
    let next = Arc::new(AtomicU64::new(0));
    let refused = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let peak = Arc::new(AtomicU64::new(0));
    let sampling = Arc::new(AtomicBool::new(true));
    let sampler = {
        let (peak, sampling) = (Arc::clone(&peak), Arc::clone(&sampling));
        tokio::spawn(async move {
            while sampling.load(Ordering::SeqCst) {
                peak.fetch_max(descriptors(pid) as u64, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        })
    };
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            // A client per task without pooling: each cycle is a new connection, closed
            // when the stream is dropped, as a closed tab does.
            let client = reqwest::Client::builder()
                .pool_max_idle_per_host(0)
                .build()
                .expect("client");
            let (url, next, refused) = (url.clone(), Arc::clone(&next), Arc::clone(&refused));
            tokio::spawn(async move {
                while next.fetch_add(1, Ordering::SeqCst) < cycles {
                    let Ok(mut stream) = client.get(&url).send().await else {
                        refused.fetch_add(1, Ordering::SeqCst);
                        continue;
                    };
                    if stream.status() != 200 {
                        refused.fetch_add(1, Ordering::SeqCst);
                        continue;
                    }
                    let _ = tokio::time::timeout(Duration::from_secs(2), stream.chunk()).await;
                    drop(stream);
                    tokio::time::sleep(pause).await;
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("task");
    }
    let took = started.elapsed();
    sampling.store(false, Ordering::SeqCst);
    sampler.await.expect("sampler");
    let (fds_right_after, rss_right_after) = (descriptors(pid), memory_kib(pid, "VmRSS:"));
    tokio::time::sleep(Duration::from_secs(6)).await;
    let (fds_later, rss_later) = (descriptors(pid), memory_kib(pid, "VmRSS:"));
    let dashboard = running
        .client
        .get(&running.facilitator)
        .send()
        .await
        .expect("dashboard")
        .text()
        .await
        .expect("text");
    let screens = dashboard
        .find("de projection ouvert")
        .map(|end| {
            let start = dashboard[..end].rfind('>').map_or(0, |i| i + 1);
            dashboard[start..end + "de projection ouvert".len()].to_string()
        })
        .unwrap_or_default();
    println!(
        "## streams ({cycles} projector streams opened and closed by 50 clients, {} ms between a client's cycles, in {:.1} s: {:.0} a second; {} refused with 503)",
        pause.as_millis(),
        took.as_secs_f64(),
        cycles as f64 / took.as_secs_f64(),
        refused.load(Ordering::SeqCst)
    );
    println!("| moment | open descriptors | server RSS |");
    println!("| --- | --- | --- |");
    println!("| before | {fds_before} | {} MiB |", rss_before / 1024);
    println!(
        "| peak during the cycles | {} | — |",
        peak.load(Ordering::SeqCst)
    );
    println!(
        "| right after the last close | {fds_right_after} | {} MiB |",
        rss_right_after / 1024
    );
    println!("| 6 s later | {fds_later} | {} MiB |", rss_later / 1024);
    println!("dashboard then says: {screens}");
}
