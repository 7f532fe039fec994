//! Litestream beside the scale-out benchmark's processes: each atelier process run by
//! `litestream replicate -exec "atelier serve …" DB file://REPLICA`, stopped by SIGTERM
//! (Litestream passes it on, waits for atelier, ships the last changes), then its replica
//! restored with `litestream restore` and the entries counted in both files. Litestream is
//! `.ci/run`'s copy in `target/litestream/bin`, else the PATH's.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Litestream's binary: `target/litestream/bin/litestream`, else `litestream` on the PATH.
pub fn binary() -> Option<PathBuf> {
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

/// `litestream version`'s line.
pub fn version(binary: &Path) -> String {
    Command::new(binary)
        .arg("version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

/// An atelier process run by Litestream, which replicates its database; stopped by
/// SIGTERM when dropped, both killed if Litestream still runs 30 s later.
pub struct Replicated {
    pub child: Child,
    /// Litestream's and atelier's output.
    pub log: PathBuf,
}

impl Replicated {
    /// `litestream replicate -exec "atelier {serve}" {db} file://{replica}`, output to
    /// `log`. The arguments must hold no white space (Litestream splits `-exec` as a shell
    /// would).
    pub fn start(binary: &Path, serve: &[String], db: &Path, replica: &Path, log: PathBuf) -> Self {
        assert!(serve.iter().all(|a| !a.contains(char::is_whitespace)));
        let exec = std::iter::once(env!("CARGO_BIN_EXE_atelier").to_string())
            .chain(serve.iter().cloned())
            .collect::<Vec<_>>()
            .join(" ");
        let output = std::fs::File::create(&log).expect("log file");
        let child = Command::new(binary)
            .args(["replicate", "-exec", &exec])
            .arg(db)
            .arg(format!("file://{}", replica.display()))
            .env("RUST_LOG", "error")
            .stdout(output.try_clone().expect("log file"))
            .stderr(output)
            .stdin(Stdio::null())
            .spawn()
            .expect("litestream starts");
        Self { child, log }
    }

    /// The atelier process Litestream started (a child of one of its threads).
    pub fn atelier_pid(&self) -> Option<u32> {
        let pid = self.child.id();
        std::fs::read_dir(format!("/proc/{pid}/task"))
            .ok()?
            .filter_map(Result::ok)
            .filter_map(|task| std::fs::read_to_string(task.path().join("children")).ok())
            .flat_map(|c| {
                c.split_whitespace()
                    .filter_map(|p| p.parse().ok())
                    .collect::<Vec<u32>>()
            })
            .next()
    }

    /// Sends SIGTERM and waits for Litestream to exit: whether it exited by itself with
    /// success, and how long it took (30 s at most, then it is killed).
    pub fn stop(&mut self) -> (bool, Duration) {
        let atelier = self.atelier_pid();
        let started = Instant::now();
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        while started.elapsed() < Duration::from_secs(30) {
            if let Ok(Some(status)) = self.child.try_wait() {
                return (status.success(), started.elapsed());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(pid) = atelier {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        }
        (false, started.elapsed())
    }

    /// Lines of Litestream's log that say it had to take a full snapshot again after the
    /// start (the WAL restarted or truncated behind its back), or that warn or fail.
    pub fn troubles(&self) -> Vec<String> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .filter(|l| {
                l.contains("level=WARN")
                    || l.contains("level=ERROR")
                    || l.contains("another process")
                    || l.contains("checkpoint detected")
            })
            .map(str::to_string)
            .collect()
    }
}

impl Drop for Replicated {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.stop();
        }
    }
}

/// `litestream restore -o {out} file://{replica}`: how long it took, or its output.
pub fn restore(binary: &Path, replica: &Path, out: &Path) -> Result<Duration, String> {
    let started = Instant::now();
    let output = Command::new(binary)
        .arg("restore")
        .arg("-o")
        .arg(out)
        .arg(format!("file://{}", replica.display()))
        .output()
        .map_err(|e| e.to_string())?;
    if output.status.success() {
        Ok(started.elapsed())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).to_string())
    }
}

/// The entries of the database at `db`: phones, keywords, findings, ballot lines, and the
/// dots of all ballots (a tally), read by SQLite.
pub fn census(db: &Path) -> [i64; 5] {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("the database opens");
    [
        "SELECT COUNT(*) FROM participants",
        "SELECT COUNT(*) FROM keywords",
        "SELECT COUNT(*) FROM findings",
        "SELECT COUNT(*) FROM ballots",
        "SELECT COALESCE(SUM(dots), 0) FROM ballots",
    ]
    .map(|sql| conn.query_row(sql, [], |r| r.get(0)).expect(sql))
}

/// The largest size each database's WAL file reached, sampled every 100 ms on a thread
/// of its own until [`WalWatch::stop`].
pub struct WalWatch {
    stop: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<Vec<u64>>,
}

impl WalWatch {
    pub fn start(dbs: Vec<PathBuf>) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            let wals: Vec<PathBuf> = dbs
                .iter()
                .map(|db| PathBuf::from(format!("{}-wal", db.display())))
                .collect();
            let mut largest = vec![0; wals.len()];
            while !flag.load(Ordering::Relaxed) {
                for (wal, max) in wals.iter().zip(largest.iter_mut()) {
                    let size = std::fs::metadata(wal).map_or(0, |m| m.len());
                    *max = (*max).max(size);
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            largest
        });
        Self { stop, thread }
    }

    /// The largest WAL size of each database, in bytes.
    pub fn stop(self) -> Vec<u64> {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.join().unwrap_or_default()
    }
}
