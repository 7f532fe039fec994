//! Scale-out benchmark (issue #14, "beyond one machine"): three atelier processes
//! (`--shard 1/3`, `2/3`, `3/3`, each with its own SQLite file and port) behind nginx from
//! Debian on 127.0.0.1, with the configuration `atelier nginx` prints; the *event* load
//! scenario (20 workshops × 100 phones, 20 projector streams each: `support::event`)
//! replayed through nginx. Two rounds, each on new files: the processes alone, then each
//! run by Litestream (`litestream replicate -exec "atelier serve …" DB file://REPLICA`),
//! after which every replica is restored and its entries counted against the process's
//! own file.
//!
//! Run: `cargo bench --bench scale_out` (builds the release binary). Needs `nginx` on the
//! PATH or in `/usr/sbin` (Debian's `nginx-light` is enough); without it, it says so and
//! stops. nginx runs as the current user from a temporary prefix (`support::nginx`).
//! Litestream is `.ci/run`'s copy in `target/litestream/bin`, else the PATH's; without it
//! the second round is skipped and says so. Traffic goes only to 127.0.0.1. Everything is
//! stopped at the end, or after 10 minutes whatever happens.
//!
//! Prints the figures of both rounds side by side (sent / acknowledged / errors,
//! submissions/s, latency p50 / p99, submit→projector p50 / p99), each process's peak RSS,
//! the requests each process got (from nginx's access log, by upstream), and for the
//! replicated round each shard's entries in its file and in its restored replica;
//! BENCHMARKS.md keeps the latest.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use support::litestream::{Replicated, WalWatch};
use support::nginx::{Nginx, nginx_binary, nginx_version, requests_by_upstream, start_nginx};
use support::workshop::Links;
use support::{Server, free_port, memory_kib, percentile};

/// Processes behind the proxy.
const SHARDS: usize = 3;
/// Workshops of the event, dealt to the shards in turn.
const WORKSHOPS: usize = 20;
/// The whole run stops after this, whatever happens.
const DEADLINE: Duration = Duration::from_secs(600);

/// The fixture without its join code: each shard draws codes of its own.
fn workshop_file() -> String {
    include_str!("../tests/fixtures/solidarites-sociales.toml")
        .lines()
        .filter(|l| !l.starts_with("join_code"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Imports `count` workshops into shard `index` of [`SHARDS`] (database `db`), links
/// under `base` (the proxy).
fn import(db: &Path, file: &Path, index: usize, count: usize, base: &str) -> Vec<Links> {
    (0..count)
        .map(|_| {
            let out = Command::new(env!("CARGO_BIN_EXE_atelier"))
                .args(["import", "--shard", &format!("{index}/{SHARDS}")])
                .args(["--base-url", base, "--db"])
                .arg(db)
                .arg(file)
                .output()
                .expect("import");
            assert!(
                out.status.success(),
                "import: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let links: serde_json::Value = serde_json::from_slice(&out.stdout).expect("links");
            let link = |name: &str| links[name].as_str().expect(name).to_string();
            Links {
                participant: link("participant_url"),
                projector: link("projector_url"),
                facilitator: link("facilitator_url"),
            }
        })
        .collect()
}

/// Kills every process registered in `pids` and exits if the run is still going at
/// [`DEADLINE`].
fn watchdog(pids: Arc<Mutex<Vec<u32>>>) {
    std::thread::spawn(move || {
        std::thread::sleep(DEADLINE);
        eprintln!("scale_out: still running after {DEADLINE:?}; stopping everything");
        for pid in pids.lock().map(|p| p.clone()).unwrap_or_default() {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        }
        std::process::exit(2);
    });
}

fn main() {
    let Some(nginx) = nginx_binary() else {
        println!(
            "scale_out: skipped: nginx is not installed (Debian: apt-get install nginx-light)"
        );
        return;
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run(&nginx));
}

/// An atelier process of a round: alone, or run by Litestream.
enum Process {
    Alone(Server),
    Replicated(Replicated),
}

impl Process {
    /// atelier's own process id.
    fn atelier_pid(&self) -> Option<u32> {
        match self {
            Self::Alone(server) => Some(server.0.id()),
            Self::Replicated(r) => r.atelier_pid(),
        }
    }
}

/// What one shard's replica held once restored.
struct Restored {
    /// Entries in the process's file and in the restored copy: phones, keywords,
    /// findings, ballot lines, dots.
    original: [i64; 5],
    restored: Result<[i64; 5], String>,
    restore_time: Duration,
    /// Litestream stopped by itself after SIGTERM, and how long it took.
    stopped: (bool, Duration),
    troubles: Vec<String>,
    /// Litestream's own peak RSS, in MiB.
    litestream_peak: u64,
}

/// The figures of one round.
struct Round {
    codes: Vec<String>,
    routing: String,
    replay: support::event::Replay,
    upstreams: Vec<String>,
    /// atelier's peak and current RSS per process, in MiB.
    peaks: Vec<(u64, u64)>,
    nginx_rss: u64,
    by_upstream: BTreeMap<String, u64>,
    statuses: BTreeMap<String, u64>,
    /// For a replicated round, each shard's replica.
    restored: Vec<Restored>,
    /// Largest WAL size of each process's file during the load, in bytes.
    wal_max: Vec<u64>,
}

async fn run(nginx_binary: &Path) {
    let pids = Arc::new(Mutex::new(Vec::new()));
    watchdog(pids.clone());
    let litestream = support::litestream::binary();
    let uptime = || {
        Command::new("uptime")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default()
    };
    let started = chrono::Utc::now();
    let before = uptime();
    // Rounds alone and replicated in turn, so that both meet the machine's moods.
    let pairs = support::arg("--pairs", 2).max(1);
    let (mut alone, mut replicated) = (Vec::new(), Vec::new());
    for _ in 0..pairs {
        alone.push(round(nginx_binary, None, &pids).await);
        if let Some(binary) = &litestream {
            replicated.push(round(nginx_binary, Some(binary), &pids).await);
        }
    }
    let after = uptime();

    println!(
        "atelier scale-out benchmark — {} — {} cores, load client, nginx and 3 processes on the same machine",
        started.format("%Y-%m-%d %H:%M UTC"),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!("command: cargo bench --bench scale_out (-- --pairs {pairs})");
    println!("nginx: {}", nginx_version(nginx_binary));
    match &litestream {
        Some(binary) => println!(
            "litestream: {} ({})",
            support::litestream::version(binary),
            binary.display()
        ),
        None => println!(
            "litestream: not installed (.ci/run puts it in target/litestream/bin): the replicated round was skipped"
        ),
    }
    println!("uptime before: {before}");
    println!("uptime after:  {after}");
    let rounds: Vec<(String, &Round)> = (0..alone.len())
        .flat_map(|i| {
            std::iter::once((format!("alone, run {}", i + 1), &alone[i])).chain(
                replicated
                    .get(i)
                    .map(|r| (format!("Litestream, run {}", i + 1), r)),
            )
        })
        .collect();
    for (name, r) in &rounds {
        let statuses: Vec<String> = r
            .statuses
            .iter()
            .map(|(s, n)| format!("{s}: {n}"))
            .collect();
        println!(
            "{name}: join codes {}; routing through nginx: {}; nginx's answers by status: {}",
            r.codes.join(" "),
            r.routing,
            statuses.join(", ")
        );
    }
    println!();
    print_load(&rounds);
    print_processes(&alone[0], replicated.first());
    for (run, r) in replicated.iter().enumerate() {
        print_restored(run + 1, r);
    }
}

/// One round on new files: import, start the processes (by Litestream when `litestream`
/// is given) and nginx, check the routing, replay the event, stop everything; for a
/// replicated round, restore each replica and count its entries.
async fn round(nginx_binary: &Path, litestream: Option<&Path>, pids: &Mutex<Vec<u32>>) -> Round {
    let dir = tempfile::tempdir().expect("temporary directory");
    let proxy_port = free_port();
    let base = format!("http://127.0.0.1:{proxy_port}");
    let file = dir.path().join("workshop.toml");
    std::fs::write(&file, workshop_file()).expect("workshop file");

    let mut workshops = Vec::new();
    let mut processes = Vec::new();
    let mut upstreams = Vec::new();
    let mut dbs = Vec::new();
    for index in 1..=SHARDS {
        let db = dir.path().join(format!("shard{index}.db"));
        let count = (WORKSHOPS + SHARDS - index) / SHARDS;
        workshops.extend(import(&db, &file, index, count, &base));
        let port = free_port();
        upstreams.push(format!("127.0.0.1:{port}"));
        let serve: Vec<String> = [
            "serve".into(),
            "--shard".into(),
            format!("{index}/{SHARDS}"),
            "--bind".into(),
            format!("127.0.0.1:{port}"),
            "--base-url".into(),
            base.clone(),
            "--db".into(),
            db.display().to_string(),
        ]
        .into();
        let process = match litestream {
            None => Process::Alone(Server(
                Command::new(env!("CARGO_BIN_EXE_atelier"))
                    .args(&serve)
                    .env("RUST_LOG", "error")
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .expect("server"),
            )),
            Some(binary) => Process::Replicated(Replicated::start(
                binary,
                &serve,
                &db,
                &dir.path().join(format!("replica{index}")),
                dir.path().join(format!("litestream{index}.log")),
            )),
        };
        if let Process::Replicated(r) = &process {
            pids.lock().expect("pids").push(r.child.id());
        }
        processes.push(process);
        dbs.push(db);
    }
    // Each process answers by itself before nginx starts (Litestream starts atelier once
    // it watches the file), so that nginx's log holds only the run's requests.
    let deadline = Instant::now() + Duration::from_secs(20);
    for upstream in &upstreams {
        while !matches!(reqwest::get(format!("http://{upstream}/")).await, Ok(r) if r.status() == 200)
        {
            assert!(Instant::now() < deadline, "{upstream} did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    let mut command = Command::new(env!("CARGO_BIN_EXE_atelier"));
    command.args(["nginx", "--listen", &format!("127.0.0.1:{proxy_port}")]);
    for upstream in &upstreams {
        command.args(["--upstream", upstream]);
    }
    let routes = command.output().expect("atelier nginx");
    assert!(routes.status.success(), "atelier nginx");
    let prefix = dir.path().join("nginx");
    let nginx = start_nginx(
        nginx_binary,
        &prefix,
        &String::from_utf8_lossy(&routes.stdout),
    );
    {
        let mut pids = pids.lock().expect("pids");
        pids.push(nginx.child.id());
        pids.extend(processes.iter().filter_map(Process::atelier_pid));
    }

    // Every workshop's page through the proxy, before the phones come.
    let deadline = Instant::now() + Duration::from_secs(20);
    for links in &workshops {
        loop {
            match reqwest::get(&links.participant).await {
                Ok(r) if r.status() == 200 => break,
                Ok(r) if Instant::now() > deadline => {
                    panic!("{}: {} through nginx", links.participant, r.status())
                }
                Err(e) if Instant::now() > deadline => panic!("{}: {e}", links.participant),
                _ => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }
    let codes: Vec<String> = workshops
        .iter()
        .filter_map(|l| l.participant.rsplit('/').next())
        .map(str::to_string)
        .collect();
    let code_refs: Vec<&str> = codes.iter().map(String::as_str).collect();
    let routing = check_routing(&base, &workshops, &code_refs).await;
    let wal_watch = WalWatch::start(dbs.clone());
    let replay = support::event::replay(&workshops).await;
    let wal_max = wal_watch.stop();
    let peaks: Vec<(u64, u64)> = processes
        .iter()
        .map(|p| {
            let pid = p.atelier_pid().unwrap_or(0);
            (
                memory_kib(pid, "VmHWM:") / 1024,
                memory_kib(pid, "VmRSS:") / 1024,
            )
        })
        .collect();
    let nginx_rss = nginx_peak(&nginx);
    drop(nginx);
    let mut restored = Vec::new();
    for (index, (process, db)) in processes.into_iter().zip(&dbs).enumerate() {
        match process {
            Process::Alone(server) => drop(server),
            Process::Replicated(mut replicated) => {
                let litestream_peak = memory_kib(replicated.child.id(), "VmHWM:") / 1024;
                let stopped = replicated.stop();
                let binary = litestream.expect("a replicated round has Litestream");
                let copy = dir.path().join(format!("restored{}.db", index + 1));
                let replica = dir.path().join(format!("replica{}", index + 1));
                let (restored_census, restore_time) =
                    match support::litestream::restore(binary, &replica, &copy) {
                        Ok(took) => (Ok(support::litestream::census(&copy)), took),
                        Err(e) => (Err(e), Duration::ZERO),
                    };
                restored.push(Restored {
                    original: support::litestream::census(db),
                    restored: restored_census,
                    restore_time,
                    stopped,
                    troubles: replicated.troubles(),
                    litestream_peak,
                });
            }
        }
    }
    let (by_upstream, statuses) = requests_by_upstream(&prefix.join("access.log"));
    Round {
        codes,
        routing,
        replay,
        upstreams,
        peaks,
        nginx_rss,
        by_upstream,
        statuses,
        restored,
        wal_max,
    }
}

/// nginx's master and workers' peak RSS together, in MiB.
fn nginx_peak(nginx: &Nginx) -> u64 {
    let nginx_pid = nginx.child.id();
    std::iter::once(nginx_pid)
        .chain(
            std::fs::read_to_string(format!("/proc/{nginx_pid}/task/{nginx_pid}/children"))
                .unwrap_or_default()
                .split_whitespace()
                .filter_map(|p| p.parse().ok()),
        )
        .map(|pid| memory_kib(pid, "VmHWM:"))
        .sum::<u64>()
        / 1024
}

/// The load's figures, one row a round: "alone" is each process by itself, "Litestream"
/// each run by Litestream and replicated to a `file://` replica.
fn print_load(rounds: &[(String, &Round)]) {
    let ms = |v: &[f64], p: f64| {
        if v.is_empty() {
            "—".to_string()
        } else {
            format!("{:.0}", percentile(v, p))
        }
    };
    println!(
        "| event through nginx: 20 workshops × 100 phones, 400 projector streams, 3 shards | sent / acknowledged / errors | submissions/s | latency p50 / p99 / max (ms) | submit→projector p50 / p99 (ms) |"
    );
    println!("| --- | --- | --- | --- | --- |");
    for (name, round) in rounds {
        let replay = &round.replay;
        println!(
            "| {name} | {} / {} / {} | {:.0} | {} / {} / {} | {} / {} |",
            replay.sent,
            replay.acked,
            replay.errors,
            replay.acked as f64 / replay.seconds.max(1e-9),
            ms(&replay.latencies_ms, 50.0),
            ms(&replay.latencies_ms, 99.0),
            replay
                .latencies_ms
                .last()
                .map_or("—".into(), |m| format!("{m:.0}")),
            ms(&replay.projector_ms, 50.0),
            ms(&replay.projector_ms, 99.0),
        );
    }
    println!();
}

/// Each process's workshops, requests, memory and WAL, the first round alone and the
/// first replicated side by side.
fn print_processes(alone: &Round, replicated: Option<&Round>) {
    println!(
        "| process | workshops | requests through nginx (alone / replicated) | atelier peak RSS (alone / replicated) | Litestream peak RSS | largest WAL (alone / replicated) |"
    );
    println!("| --- | --- | --- | --- | --- | --- |");
    for index in 0..SHARDS {
        let shard = index + 1;
        let shard_of: atelier::domain::shard::Shard =
            format!("{shard}/{SHARDS}").parse().expect("shard");
        let owned = alone
            .codes
            .iter()
            .filter(|c| {
                atelier::domain::join_code::JoinCode::parse(c)
                    .is_ok_and(|code| shard_of.owns_code(&code))
            })
            .count();
        let requests = |r: &Round| r.by_upstream.get(&r.upstreams[index]).copied().unwrap_or(0);
        let mib = |bytes: u64| format!("{:.1} MiB", bytes as f64 / 1_048_576.0);
        let (r_requests, r_peak, l_peak, r_wal) = replicated.map_or(
            ("—".into(), "—".into(), "—".into(), "—".into()),
            |r| {
                (
                    requests(r).to_string(),
                    format!("{} MiB", r.peaks[index].0),
                    r.restored
                        .get(index)
                        .map_or("—".into(), |x| format!("{} MiB", x.litestream_peak)),
                    mib(r.wal_max[index]),
                )
            },
        );
        println!(
            "| atelier --shard {shard}/{SHARDS} | {owned} | {} / {r_requests} | {} MiB / {r_peak} | {l_peak} | {} / {r_wal} |",
            requests(alone),
            alone.peaks[index].0,
            mib(alone.wal_max[index]),
        );
    }
    println!(
        "| nginx (master and 2 workers) | — | {} / {} in all | {} MiB / {} | — | — |",
        alone.by_upstream.values().sum::<u64>(),
        replicated.map_or("—".into(), |r| r
            .by_upstream
            .values()
            .sum::<u64>()
            .to_string()),
        alone.nginx_rss,
        replicated.map_or("—".into(), |r| format!("{} MiB", r.nginx_rss)),
    );
}

/// Each shard's entries in its own file and in its restored replica, for replicated run
/// `run`.
fn print_restored(run: usize, replicated: &Round) {
    println!();
    println!(
        "| Litestream, run {run}: shard | in the process's file: phones / keywords / findings / ballot lines / dots | restored from the replica | equal | Litestream stopped after SIGTERM | restore |"
    );
    println!("| --- | --- | --- | --- | --- | --- |");
    let join = |c: &[i64; 5]| c.map(|n| n.to_string()).join(" / ");
    for (index, r) in replicated.restored.iter().enumerate() {
        let (restored, equal) = match &r.restored {
            Ok(c) => (join(c), if *c == r.original { "yes" } else { "NO" }),
            Err(e) => (format!("failed: {}", e.trim()), "NO"),
        };
        println!(
            "| {}/{SHARDS} | {} | {restored} | {equal} | {} in {} ms | {} ms |",
            index + 1,
            join(&r.original),
            if r.stopped.0 {
                "cleanly"
            } else {
                "NOT cleanly"
            },
            r.stopped.1.as_millis(),
            r.restore_time.as_millis(),
        );
    }
    for (index, r) in replicated.restored.iter().enumerate() {
        println!(
            "Litestream of shard {}/{SHARDS}: {} warning, error or re-snapshot lines{}",
            index + 1,
            r.troubles.len(),
            r.troubles
                .iter()
                .take(3)
                .map(|l| format!("\n    {l}"))
                .collect::<String>()
        );
    }
}

/// Through the proxy, before the load: each workshop's `/join?code=` (typed in lower case
/// with a space first) answered by the process owning the code with its redirection, and
/// each facilitator's dashboard opened by its key; one line saying how many passed.
async fn check_routing(base: &str, workshops: &[Links], codes: &[&str]) -> String {
    let client = support::event::client();
    let (mut joins, mut dashboards) = (0, 0);
    for (links, code) in workshops.iter().zip(codes) {
        let url = format!("{base}/join?code=+{}", code.to_lowercase());
        if let Ok(r) = client.get(&url).send().await
            && r.status() == 303
            && r.headers().get("location").and_then(|l| l.to_str().ok())
                == Some(&format!("/w/{code}"))
        {
            joins += 1;
        }
        if let Ok(r) = client.get(&links.facilitator).send().await
            && r.status() == 200
        {
            dashboards += 1;
        }
    }
    let n = workshops.len();
    format!("/join?code= redirected {joins}/{n}; facilitator dashboards opened {dashboards}/{n}")
}
