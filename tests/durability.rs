//! Nothing acknowledged is ever lost (issue #6): the server killed with SIGKILL at random
//! moments and restarted, a graceful stop on SIGTERM, and a backup taken while phones
//! write. These tests drive the real binary.
//!
//! The number of kills is `ATELIER_CRASH_KILLS` (default 5; BENCHMARKS.md reports 20).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use atelier::domain::secret;
use tokio::sync::Mutex;

const FIXTURE: &str = include_str!("fixtures/solidarites-sociales.toml");

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_atelier")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("port")
}

/// A database with the fixture workshop imported.
fn database(dir: &Path) -> PathBuf {
    let db = dir.join("atelier.db");
    let file = dir.join("workshop.toml");
    // Every three keywords come from a new phone: room for all of them.
    let fixture = FIXTURE.replacen("[workshop]\n", "[workshop]\nmax_participants = 100000\n", 1);
    assert_ne!(fixture, FIXTURE, "the fixture has a [workshop] table");
    std::fs::write(&file, fixture).expect("fixture");
    let output = Command::new(binary())
        .arg("import")
        .arg(&file)
        .arg("--db")
        .arg(&db)
        .output()
        .expect("import");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    db
}

async fn start(db: &Path) -> Server {
    let port = free_port();
    let child = Command::new(binary())
        .args(["serve", "--bind", &format!("127.0.0.1:{port}"), "--db"])
        .arg(db)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("server");
    let server = Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    let deadline = Instant::now() + Duration::from_secs(15);
    while reqwest::get(format!("{}/", server.base)).await.is_err() {
        assert!(Instant::now() < deadline, "the server did not start");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    server
}

/// What the phones were told was stored.
#[derive(Default)]
struct Acknowledged {
    /// Keyword texts (each unique).
    keywords: Vec<String>,
    /// Participant tokens whose ballot (2 + 1 dots) was acknowledged.
    ballots: Vec<String>,
}

async fn recommendations(base: &str) -> Vec<String> {
    let page = reqwest::get(format!("{base}/w/SOLIDA"))
        .await
        .expect("page")
        .text()
        .await
        .expect("text");
    page.split("name=\"rec-")
        .skip(1)
        .filter_map(|r| r.split('"').next())
        .map(|id| format!("rec-{id}"))
        .fold(Vec::new(), |mut ids, id| {
            if !ids.contains(&id) {
                ids.push(id);
            }
            ids
        })
}

/// Opens the workshop page as a new phone: its participant cookie (`name=value`), the
/// phone's token inside it, and the keyword form's one-time token; `None` when the server
/// is gone.
async fn open_page(client: &reqwest::Client, base: &str) -> Option<(String, String, String)> {
    let response = client.get(format!("{base}/w/SOLIDA")).send().await.ok()?;
    let cookie = response
        .headers()
        .get("set-cookie")?
        .to_str()
        .ok()?
        .split(';')
        .next()?
        .to_string();
    let token = cookie.split_once('=')?.1.split('.').next()?.to_string();
    let page = response.text().await.ok()?;
    let form_token = page
        .split("name=\"form_token\" value=\"")
        .nth(1)?
        .split('"')
        .next()?
        .to_string();
    Some((cookie, token, form_token))
}

/// Phones sending keywords and ballots as fast as they can until the server goes away.
fn phones(
    base: &str,
    round: usize,
    recs: &[String],
    acked: &Arc<Mutex<Acknowledged>>,
) -> Vec<tokio::task::JoinHandle<()>> {
    (0..16)
        .map(|phone| {
            let (base, recs, acked) = (base.to_string(), recs.to_vec(), Arc::clone(acked));
            tokio::spawn(async move {
                let client = reqwest::Client::builder()
                    .redirect(reqwest::redirect::Policy::none())
                    .timeout(Duration::from_secs(5))
                    .build()
                    .expect("client");
                let mut person = None;
                for n in 0.. {
                    // A person sends three keywords, all from the page they opened first
                    // (a stale page: its one-time token is sent again with new text).
                    if n % 3 == 0 {
                        match open_page(&client, &base).await {
                            Some(opened) => person = Some(opened),
                            None => return,
                        }
                    }
                    let Some((cookie, token, form_token)) = person.clone() else {
                        return;
                    };
                    let text = format!("r{round}p{phone}n{n}");
                    let sent = client
                        .post(format!("{base}/w/SOLIDA/keywords"))
                        .header("cookie", &cookie)
                        .header("content-type", "application/x-www-form-urlencoded")
                        .body(format!("keyword={text}&form_token={form_token}"))
                        .send()
                        .await;
                    match sent {
                        Ok(r) if r.status() == 303 => acked.lock().await.keywords.push(text),
                        Ok(r) => panic!("keyword refused: {}", r.status()),
                        Err(_) => return,
                    }
                    let ballot = format!("{}=2&{}=1", recs[n % 5], recs[(n + 1) % 5]);
                    let sent = client
                        .post(format!("{base}/w/SOLIDA/votes"))
                        .header("cookie", &cookie)
                        .header("content-type", "application/x-www-form-urlencoded")
                        .body(ballot)
                        .send()
                        .await;
                    match sent {
                        Ok(r) if r.status() == 303 => acked.lock().await.ballots.push(token),
                        Ok(r) => panic!("ballot refused: {}", r.status()),
                        Err(_) => return,
                    }
                }
            })
        })
        .collect()
}

/// Every acknowledged submission is in the database exactly once; no ballot is over budget.
fn check(db: &Path, acked: &Acknowledged) {
    let conn = rusqlite::Connection::open(db).expect("db");
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity");
    assert_eq!(integrity, "ok");
    let doubled: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM (SELECT text FROM keywords GROUP BY text HAVING COUNT(*) > 1)",
            [],
            |r| r.get(0),
        )
        .expect("doubles");
    assert_eq!(doubled, 0, "no keyword stored twice");
    let mut statement = conn
        .prepare("SELECT COUNT(*) FROM keywords WHERE text = ?1")
        .expect("statement");
    for text in &acked.keywords {
        let n: i64 = statement.query_row([text], |r| r.get(0)).expect("count");
        assert_eq!(n, 1, "acknowledged keyword {text}");
    }
    let mut statement = conn
        .prepare("SELECT COUNT(*), COALESCE(SUM(b.dots), 0) FROM ballots b JOIN participants p ON p.id = b.participant_id WHERE p.token_hash = ?1")
        .expect("statement");
    for token in &acked.ballots {
        let (rows, dots): (i64, i64) = statement
            .query_row([secret::hash_token(token)], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("ballot");
        assert_eq!((rows, dots), (2, 3), "acknowledged ballot of {token}");
    }
    let over: i64 = conn
        .query_row("SELECT COUNT(*) FROM (SELECT participant_id FROM ballots GROUP BY participant_id HAVING SUM(dots) > 3)", [], |r| r.get(0))
        .expect("budgets");
    assert_eq!(over, 0, "no ballot over the budget");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_at_random_moments_loses_or_doubles_nothing_acknowledged() {
    let kills: usize = std::env::var("ATELIER_CRASH_KILLS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(5);
    let dir = tempfile::tempdir().expect("dir");
    let db = database(dir.path());
    let acked = Arc::new(Mutex::new(Acknowledged::default()));
    for round in 0..kills {
        let mut server = start(&db).await;
        let recs = recommendations(&server.base).await;
        let writers = phones(&server.base, round, &recs, &acked);
        let pause = Duration::from_millis(150 + rand::random_range(0..700));
        tokio::time::sleep(pause).await;
        server.child.kill().expect("SIGKILL");
        let _ = server.child.wait();
        for writer in writers {
            writer.await.expect("phone");
        }
    }
    let acked = acked.lock().await;
    assert!(
        acked.keywords.len() > kills * 10,
        "the load really ran: {} keywords",
        acked.keywords.len()
    );
    check(&db, &acked);
    println!(
        "crash test: {kills} SIGKILLs, {} keywords and {} ballots acknowledged, 0 lost, 0 doubled, integrity ok",
        acked.keywords.len(),
        acked.ballots.len()
    );
    // The database still serves after the last kill.
    let server = start(&db).await;
    assert_eq!(
        reqwest::get(format!("{}/w/SOLIDA", server.base))
            .await
            .expect("page")
            .status(),
        200
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_drains_writes_and_closes_projector_streams_within_two_seconds() {
    let dir = tempfile::tempdir().expect("dir");
    let db = database(dir.path());
    let server = start(&db).await;
    let recs = recommendations(&server.base).await;
    let mut streams = Vec::new();
    for _ in 0..3 {
        let mut response = reqwest::get(format!("{}/w/SOLIDA/screen/events", server.base))
            .await
            .expect("stream");
        response.chunk().await.expect("first bytes");
        streams.push(response);
    }
    let acked = Arc::new(Mutex::new(Acknowledged::default()));
    let writers = phones(&server.base, 0, &recs, &acked);
    tokio::time::sleep(Duration::from_millis(400)).await;
    let signalled = Instant::now();
    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let mut server = server;
    let stopped = tokio::task::spawn_blocking(move || {
        let code = server.child.wait().expect("wait");
        (code, server)
    });
    for mut stream in streams {
        let ended = tokio::time::timeout(Duration::from_secs(2), async {
            while let Ok(Some(_)) = stream.chunk().await {}
        })
        .await;
        assert!(
            ended.is_ok(),
            "a projector stream still open 2 s after SIGTERM"
        );
    }
    let (code, _server) = stopped.await.expect("stopped");
    let took = signalled.elapsed();
    assert!(took < Duration::from_secs(2), "stopped in {took:?}");
    assert!(code.success(), "a clean exit: {code:?}");
    for writer in writers {
        writer.await.expect("phone");
    }
    check(&db, &*acked.lock().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_phones_write_holds_everything_acknowledged_before_it() {
    let dir = tempfile::tempdir().expect("dir");
    let db = database(dir.path());
    let server = start(&db).await;
    let recs = recommendations(&server.base).await;
    let acked = Arc::new(Mutex::new(Acknowledged::default()));
    let writers = phones(&server.base, 0, &recs, &acked);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let before = {
        let acked = acked.lock().await;
        Acknowledged {
            keywords: acked.keywords.clone(),
            ballots: acked.ballots.clone(),
        }
    };
    let copy = dir.path().join("copy.db");
    let output = Command::new(binary())
        .args(["backup", "--db"])
        .arg(&db)
        .arg("--out")
        .arg(&copy)
        .env("LANG", "fr_FR.UTF-8")
        .output()
        .expect("backup");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("Copie cohérente écrite"));
    drop(server);
    for writer in writers {
        writer.await.expect("phone");
    }
    assert!(!before.keywords.is_empty());
    check(&copy, &before);
    let again = Command::new(binary())
        .args(["backup", "--db"])
        .arg(&db)
        .arg("--out")
        .arg(&copy)
        .output()
        .expect("backup");
    assert!(!again.status.success(), "a backup never overwrites a file");
}
