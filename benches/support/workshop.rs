//! A release server over a fresh database: the fixture workshop imported as many times as
//! asked (join codes `WS01`, `WS02`…), the first one optionally preloaded in SQL with a
//! large workshop's keywords and findings before the server starts (issue #15).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{Server, free_port};

/// What to serve.
#[derive(Debug, Clone, Copy, Default)]
pub struct Setup {
    /// Workshops to import, codes `WS01`…
    pub workshops: usize,
    /// Their `max_participants`, when not the import file's default.
    pub capacity: Option<u64>,
    /// Their `keywords_per_participant`, when not the fixture's 3.
    pub keywords_per_participant: Option<u64>,
    /// Keywords preloaded into `WS01` (see [`preload`]); 0 for none.
    pub keywords: u64,
}

impl Setup {
    /// One workshop with room for 100,000 phones (every ballot of the projector
    /// measurement comes from a new one), preloaded with `keywords` keywords.
    pub fn large(keywords: u64) -> Self {
        Self {
            workshops: 1,
            capacity: Some(100_000),
            keywords,
            ..Self::default()
        }
    }
}

/// A workshop's links, as `atelier import` prints them.
#[derive(Debug, Clone)]
pub struct Links {
    /// The participants' page, `{base}/w/{code}`.
    pub participant: String,
    /// The projector page, `{base}/w/{code}/screen`.
    pub projector: String,
    /// The facilitator's dashboard, `{base}/f/{key}`.
    pub facilitator: String,
}

/// A running release server and its database; the server is killed when dropped, then
/// the database removed.
pub struct Atelier {
    pub server: Server,
    /// `http://127.0.0.1:{port}`.
    pub base: String,
    /// The links of each workshop, `WS01` first.
    pub workshops: Vec<Links>,
    db: PathBuf,
    dir: tempfile::TempDir,
}

impl Atelier {
    /// Imports the workshops of `setup` into a fresh database, preloads the first, starts
    /// `atelier serve` on a free port of 127.0.0.1 and waits (up to 15 s) until it answers.
    pub async fn start(setup: Setup) -> Self {
        let dir = tempfile::tempdir().expect("temporary directory");
        let db = dir.path().join("bench.db");
        let binary = env!("CARGO_BIN_EXE_atelier");
        let port = free_port();
        let base = format!("http://127.0.0.1:{port}");
        let mut settings = format!(
            "keywords_per_participant = {}",
            setup.keywords_per_participant.unwrap_or(3)
        );
        if let Some(capacity) = setup.capacity {
            settings.push_str(&format!("\nmax_participants = {capacity}"));
        }
        let fixture = include_str!("../../tests/fixtures/solidarites-sociales.toml")
            .replace("keywords_per_participant = 3", &settings);
        let workshops = (1..=setup.workshops)
            .map(|n| {
                let file = dir.path().join(format!("w{n}.toml"));
                let code = format!("join_code = \"WS{n:02}\"");
                std::fs::write(&file, fixture.replace("join_code = \"SOLIDA\"", &code))
                    .expect("workshop file");
                let out = Command::new(binary)
                    .args(["import", "--base-url", &base, "--db"])
                    .arg(&db)
                    .arg(&file)
                    .output()
                    .expect("import");
                if !out.status.success() {
                    panic!("import: {}", String::from_utf8_lossy(&out.stderr));
                }
                let links: serde_json::Value = serde_json::from_slice(&out.stdout).expect("links");
                let link = |name: &str| links[name].as_str().expect(name).to_string();
                Links {
                    participant: link("participant_url"),
                    projector: link("projector_url"),
                    facilitator: link("facilitator_url"),
                }
            })
            .collect();
        preload(&db, "WS01", setup.keywords);
        let child = Command::new(binary)
            .args(["serve", "--bind", &format!("127.0.0.1:{port}"), "--db"])
            .arg(&db)
            .env("RUST_LOG", "error")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("server");
        let server = Server(child);
        let deadline = Instant::now() + Duration::from_secs(15);
        while reqwest::get(format!("{base}/")).await.is_err() {
            assert!(Instant::now() < deadline, "server did not start");
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        Self {
            server,
            base,
            workshops,
            db,
            dir,
        }
    }

    /// The server's process id (for its memory figures).
    pub fn pid(&self) -> u32 {
        self.server.0.id()
    }

    /// Stops the server and keeps its database, for reading it in-process: the database's
    /// path and the directory holding it (removed when dropped).
    pub fn stop(self) -> (PathBuf, tempfile::TempDir) {
        drop(self.server);
        (self.db, self.dir)
    }
}

/// Fills workshop `code` of `db` with `keywords` keywords (10 a phone, among 2,000 words)
/// and a tenth as many findings, straight in SQL in one transaction, before the server
/// starts: a large workshop whose live frames must not cost more for it (issue #15).
pub fn preload(db: &Path, code: &str, keywords: u64) {
    if keywords == 0 {
        return;
    }
    let mut conn = rusqlite::Connection::open(db).expect("database");
    let tx = conn.transaction().expect("transaction");
    let (workshop, category): (i64, i64) = tx
        .query_row(
            "SELECT w.id, (SELECT MIN(c.id) FROM finding_categories c WHERE c.workshop_id = w.id)
               FROM workshops w WHERE w.join_code = ?1",
            [code],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the workshop and a category");
    {
        let prepare = |sql: &str| tx.prepare(sql).expect("an insert");
        let mut participant = prepare(
            "INSERT INTO participants (workshop_id, token_hash, seq, joined_at)
             VALUES (?1, ?2, ?3, '2026-12-02T08:00:00Z')",
        );
        let mut keyword = prepare(
            "INSERT INTO keywords (participant_id, text, submitted_at)
             VALUES (?1, ?2, '2026-12-02T08:01:00Z')",
        );
        let mut finding = prepare(
            "INSERT INTO findings (participant_id, category_id, text, submitted_at)
             VALUES (?1, ?2, ?3, '2026-12-02T08:02:00Z')",
        );
        for phone in 0..keywords.div_ceil(10) {
            let seq = i64::try_from(phone + 1).unwrap_or(i64::MAX);
            participant
                .execute(rusqlite::params![
                    workshop,
                    format!("preloaded-{phone}"),
                    seq
                ])
                .expect("participant");
            let id = tx.last_insert_rowid();
            for k in 0..10 {
                let text = format!("mot{}", (phone * 10 + k) % 2000);
                keyword
                    .execute(rusqlite::params![id, text])
                    .expect("keyword");
            }
            let text = format!("Constat numéro {phone} de la salle");
            finding
                .execute(rusqlite::params![id, category, text])
                .expect("finding");
        }
    }
    tx.commit().expect("commit");
}
