//! Scale-out benchmark (issue #14, "beyond one machine"): three atelier processes
//! (`--shard 1/3`, `2/3`, `3/3`, each with its own SQLite file and port) behind nginx from
//! Debian on 127.0.0.1, with the configuration `atelier nginx` prints; the *event* load
//! scenario (20 workshops × 100 phones, 20 projector streams each: `support::event`)
//! replayed through nginx.
//!
//! Run: `cargo bench --bench scale_out` (builds the release binary). Needs `nginx` on the
//! PATH or in `/usr/sbin` (Debian's `nginx-light` is enough); without it, it says so and
//! stops. nginx runs as the current user from a temporary prefix (`-p`, its own pid file,
//! logs and temporary folders; no system configuration is read or touched). Traffic goes
//! only to 127.0.0.1. Everything is stopped at the end, or after 5 minutes whatever happens.
//!
//! Prints the figures (sent / acknowledged / errors, latency p50 / p99, submit→projector
//! p50 / p99), each process's peak and current RSS, and the requests each process got
//! (from nginx's access log, by upstream); BENCHMARKS.md keeps the latest.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use support::workshop::Links;
use support::{Server, free_port, memory_kib, percentile};

/// Processes behind the proxy.
const SHARDS: usize = 3;
/// Workshops of the event, dealt to the shards in turn.
const WORKSHOPS: usize = 20;
/// The whole run stops after this, whatever happens.
const DEADLINE: Duration = Duration::from_secs(300);

/// nginx's binary: on the PATH, else Debian's `/usr/sbin/nginx`.
fn nginx_binary() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("nginx"))
            .find(|p| p.is_file())
    });
    on_path.or_else(|| {
        let debian = PathBuf::from("/usr/sbin/nginx");
        debian.is_file().then_some(debian)
    })
}

/// The current user's name, for nginx's `user` directive (only read when run as root;
/// then the workers stay this user and can write the temporary prefix).
fn user_name() -> String {
    Command::new("id")
        .arg("-un")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "nobody".into())
}

/// nginx in the foreground (`daemon off`); when dropped, stopped with `nginx -s stop`, and
/// killed if still running 5 s later.
struct Nginx {
    child: Child,
    binary: PathBuf,
    prefix: PathBuf,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = Command::new(&self.binary)
            .arg("-p")
            .arg(&self.prefix)
            .arg("-c")
            .arg(self.prefix.join("nginx.conf"))
            .arg("-e")
            .arg(self.prefix.join("error.log"))
            .args(["-s", "stop"])
            .stderr(Stdio::null())
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Writes nginx's main configuration under `prefix` around the `http` text of `atelier
/// nginx`, with an access log naming the upstream of each request, and starts it.
fn start_nginx(binary: &Path, prefix: &Path, routes: &str) -> Nginx {
    for dir in [
        "tmp/body",
        "tmp/proxy",
        "tmp/fastcgi",
        "tmp/uwsgi",
        "tmp/scgi",
    ] {
        std::fs::create_dir_all(prefix.join(dir)).expect("nginx folders");
    }
    std::fs::write(prefix.join("atelier.conf"), routes).expect("routes");
    let p = prefix.display();
    let main = format!(
        "user {user};
worker_processes 2;
worker_rlimit_nofile 65536;
daemon off;
pid {p}/nginx.pid;
error_log {p}/error.log warn;
events {{ worker_connections 16384; }}
http {{
    log_format shard '$upstream_addr $status $request_time';
    access_log {p}/access.log shard buffer=64k;
    client_body_temp_path {p}/tmp/body;
    proxy_temp_path {p}/tmp/proxy;
    fastcgi_temp_path {p}/tmp/fastcgi;
    uwsgi_temp_path {p}/tmp/uwsgi;
    scgi_temp_path {p}/tmp/scgi;
    include {p}/atelier.conf;
}}
",
        user = user_name()
    );
    std::fs::write(prefix.join("nginx.conf"), main).expect("nginx.conf");
    let child = Command::new(binary)
        .arg("-p")
        .arg(prefix)
        .arg("-c")
        .arg(prefix.join("nginx.conf"))
        .arg("-e")
        .arg(prefix.join("error.log"))
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("nginx starts");
    Nginx {
        child,
        binary: binary.to_path_buf(),
        prefix: prefix.to_path_buf(),
    }
}

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

/// Requests per upstream address and the statuses nginx answered, from its access log.
fn requests_by_upstream(log: &Path) -> (BTreeMap<String, u64>, BTreeMap<String, u64>) {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let (mut upstreams, mut statuses) = (BTreeMap::new(), BTreeMap::new());
    for line in text.lines() {
        let mut fields = line.split(' ');
        let (Some(upstream), Some(status)) = (fields.next(), fields.next()) else {
            continue;
        };
        *upstreams.entry(upstream.to_string()).or_default() += 1;
        *statuses.entry(status.to_string()).or_default() += 1;
    }
    (upstreams, statuses)
}

/// Kills every process of the run and exits if it is still going at [`DEADLINE`].
fn watchdog(pids: Vec<u32>) {
    std::thread::spawn(move || {
        std::thread::sleep(DEADLINE);
        eprintln!("scale_out: still running after {DEADLINE:?}; stopping everything");
        for pid in pids {
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

async fn run(nginx_binary: &Path) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let proxy_port = free_port();
    let base = format!("http://127.0.0.1:{proxy_port}");
    let file = dir.path().join("workshop.toml");
    std::fs::write(&file, workshop_file()).expect("workshop file");

    let mut workshops = Vec::new();
    let mut servers = Vec::new();
    let mut upstreams = Vec::new();
    for index in 1..=SHARDS {
        let db = dir.path().join(format!("shard{index}.db"));
        let count = (WORKSHOPS + SHARDS - index) / SHARDS;
        workshops.extend(import(&db, &file, index, count, &base));
        let port = free_port();
        upstreams.push(format!("127.0.0.1:{port}"));
        let child = Command::new(env!("CARGO_BIN_EXE_atelier"))
            .args(["serve", "--shard", &format!("{index}/{SHARDS}")])
            .args(["--bind", &format!("127.0.0.1:{port}"), "--base-url", &base])
            .arg("--db")
            .arg(&db)
            .env("RUST_LOG", "error")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("server");
        servers.push(Server(child));
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
    let mut pids: Vec<u32> = servers.iter().map(|s| s.0.id()).collect();
    pids.push(nginx.child.id());
    watchdog(pids);

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
    let codes: Vec<&str> = workshops
        .iter()
        .filter_map(|l| l.participant.rsplit('/').next())
        .collect();
    let routing = check_routing(&base, &workshops, &codes).await;
    let started = chrono::Utc::now();
    let replay = support::event::replay(&workshops).await;
    let peaks: Vec<(u64, u64)> = servers
        .iter()
        .map(|s| {
            (
                memory_kib(s.0.id(), "VmHWM:") / 1024,
                memory_kib(s.0.id(), "VmRSS:") / 1024,
            )
        })
        .collect();
    let nginx_pid = nginx.child.id();
    let nginx_rss: u64 = std::iter::once(nginx_pid)
        .chain(
            std::fs::read_to_string(format!("/proc/{nginx_pid}/task/{nginx_pid}/children"))
                .unwrap_or_default()
                .split_whitespace()
                .filter_map(|p| p.parse().ok()),
        )
        .map(|pid| memory_kib(pid, "VmHWM:"))
        .sum::<u64>()
        / 1024;
    drop(nginx);
    drop(servers);
    let (by_upstream, statuses) = requests_by_upstream(&prefix.join("access.log"));

    let ms = |v: &[f64], p: f64| {
        if v.is_empty() {
            "—".to_string()
        } else {
            format!("{:.0}", percentile(v, p))
        }
    };
    println!(
        "atelier scale-out benchmark — {} — {} cores, load client, nginx and 3 processes on the same machine",
        started.format("%Y-%m-%d %H:%M UTC"),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!("command: cargo bench --bench scale_out");
    println!("nginx: {}", nginx_version(nginx_binary));
    println!("join codes: {}", codes.join(" "));
    println!("routing through nginx: {routing}");
    println!();
    println!(
        "| scenario | sent / acknowledged / errors | submissions/s | latency p50 / p99 / max (ms) | submit→projector p50 / p99 (ms) |"
    );
    println!("| --- | --- | --- | --- | --- |");
    println!(
        "| event through nginx: 20 workshops × 100 phones, 400 projector streams, 3 shards | {} / {} / {} | {:.0} | {} / {} / {} | {} / {} |",
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
    println!();
    println!("| process | workshops | requests through nginx | peak RSS | RSS at the end |");
    println!("| --- | --- | --- | --- | --- |");
    for (index, (upstream, (peak, now))) in upstreams.iter().zip(&peaks).enumerate() {
        let shard = index + 1;
        let owned = codes
            .iter()
            .filter(|c| {
                let shard_of: atelier::domain::shard::Shard =
                    format!("{shard}/{SHARDS}").parse().expect("shard");
                atelier::domain::join_code::JoinCode::parse(c)
                    .is_ok_and(|code| shard_of.owns_code(&code))
            })
            .count();
        println!(
            "| atelier --shard {shard}/{SHARDS} ({upstream}) | {owned} | {} | {peak} MiB | {now} MiB |",
            by_upstream.get(upstream).copied().unwrap_or(0)
        );
    }
    println!(
        "| nginx (master and 2 workers) | — | {} in all | {nginx_rss} MiB | — |",
        by_upstream.values().sum::<u64>()
    );
    let statuses: Vec<String> = statuses.iter().map(|(s, n)| format!("{s}: {n}")).collect();
    println!();
    println!("nginx's answers by status: {}", statuses.join(", "));
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

/// `nginx -v`'s line.
fn nginx_version(binary: &Path) -> String {
    Command::new(binary)
        .arg("-v")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stderr).trim().to_string())
        .unwrap_or_default()
}
