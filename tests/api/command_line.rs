//! The `atelier` binary as a facilitator runs it: `import`, `serve --demo` and `export`.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use crate::common::{FIXTURE, TestApp, phone};

fn atelier() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_atelier"));
    command
        .env_remove("ATELIER_DB")
        .env_remove("ATELIER_BASE_URL")
        .env("LANG", "fr_FR.UTF-8");
    command
}

fn import(db: &std::path::Path, file: &std::path::Path) -> std::process::Output {
    atelier()
        .arg("import")
        .arg(file)
        .arg("--db")
        .arg(db)
        .arg("--base-url")
        .arg("http://192.168.1.20:8080")
        .output()
        .expect("atelier runs")
}

fn workshops_in(db: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("db");
    conn.query_row("SELECT COUNT(*) FROM workshops", [], |r| r.get(0))
        .expect("count")
}

#[test]
fn import_prints_the_links_as_one_json_object_and_refuses_a_join_code_in_use() {
    let dir = tempfile::tempdir().expect("dir");
    let (db, file) = (dir.path().join("a.db"), dir.path().join("atelier.toml"));
    std::fs::write(&file, FIXTURE).expect("write");
    let output = import(&db, &file);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let links: serde_json::Value = serde_json::from_slice(&output.stdout).expect("one JSON object");
    assert_eq!(links["join_code"], "SOLIDA");
    assert_eq!(
        links["participant_url"],
        "http://192.168.1.20:8080/w/SOLIDA"
    );
    assert_eq!(
        links["projector_url"],
        "http://192.168.1.20:8080/w/SOLIDA/screen"
    );
    let facilitator = links["facilitator_url"].as_str().expect("facilitator_url");
    let key = facilitator
        .strip_prefix("http://192.168.1.20:8080/f/")
        .expect("facilitator link");
    assert_eq!(key.len(), 32);

    let again = import(&db, &file);
    assert!(!again.status.success());
    let message = String::from_utf8_lossy(&again.stderr);
    assert!(
        message.contains("Le code « SOLIDA » est déjà pris"),
        "{message}"
    );
    assert!(again.stdout.is_empty());
    assert_eq!(workshops_in(&db), 1);
}

#[test]
fn a_malformed_file_is_refused_with_its_line_and_key_and_nothing_is_stored() {
    let dir = tempfile::tempdir().expect("dir");
    let (db, file) = (dir.path().join("a.db"), dir.path().join("bad.toml"));
    let line_of = |text: &str| {
        1 + FIXTURE
            .lines()
            .position(|l| l.starts_with(text))
            .expect("the fixture's line")
    };
    let bad = FIXTURE.replace(
        "dots_per_participant = 3 ",
        "dots_per_participant = \"trois\" ",
    );
    assert_ne!(bad, FIXTURE);
    std::fs::write(&file, bad).expect("write");
    let output = import(&db, &file);
    assert!(!output.status.success());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains(&format!(
            "ligne {}, clé workshop.dots_per_participant : valeur de mauvais type : un nombre entier est attendu, sans guillemets",
            line_of("dots_per_participant")
        )),
        "{message}"
    );

    let bad = FIXTURE.replace(
        "max_dots_per_recommendation = 2",
        "max_dots_per_recommendation = 9",
    );
    std::fs::write(&file, bad).expect("write");
    let output = import(&db, &file);
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains(&format!(
            "ligne {}, clé workshop.max_dots_per_recommendation : Un nombre entier de 1 à 3.",
            line_of("max_dots_per_recommendation")
        )),
        "{message}"
    );
    assert!(
        !db.exists() || workshops_in(&db) == 0,
        "nothing half-imported"
    );

    let output = import(&db, &dir.path().join("absent.toml"));
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("Impossible de lire"));
}

#[actix_web::test]
async fn import_works_while_a_server_runs_on_the_same_database() {
    let app = TestApp::with_fixture().await;
    let db = app.dir.path().join("atelier.db");
    let file = app.dir.path().join("autre.toml");
    std::fs::write(
        &file,
        FIXTURE.replace("join_code = \"SOLIDA\"", "join_code = \"AUTRE7\""),
    )
    .expect("write");
    // Phones keep writing while the import runs.
    let phone = phone();
    let importing = std::thread::spawn(move || import(&db, &file));
    let sent = app.post_keywords(&phone, &["pendant"]).await.status();
    let output = importing.join().expect("import thread");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(sent, 303);
    let page = reqwest::get(app.url("/w/AUTRE7")).await.expect("page");
    assert_eq!(page.status(), 200);
    assert!(
        page.text()
            .await
            .expect("text")
            .contains("Atelier thématique solidarités sociales")
    );
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `atelier serve --demo` and returns it with the links it printed.
fn serve_demo(db: &std::path::Path) -> (Server, Vec<String>) {
    let mut child = atelier()
        .args(["serve", "--demo", "--bind", "127.0.0.1:0", "--db"])
        .arg(db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("atelier serve");
    let stdout = child.stdout.take().expect("stdout");
    let server = Server(child);
    let mut links = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("line");
        if let Some(at) = line.find("http://") {
            links.push(line[at..].trim().to_string());
        }
        if line.contains("Animation") {
            break;
        }
    }
    (server, links)
}

#[actix_web::test]
async fn serve_demo_prints_three_links_that_work() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("demo.db");
    let (server, links) = serve_demo(&db);
    assert_eq!(
        links.len(),
        4,
        "the address, then participant, projector, facilitator: {links:?}"
    );
    assert!(links[1].ends_with("/w/SOLIDA"));
    assert!(links[2].ends_with("/w/SOLIDA/screen"));
    for link in &links[1..] {
        let page = reqwest::get(link).await.expect("page");
        assert_eq!(page.status(), 200, "{link}");
        assert!(
            page.text()
                .await
                .expect("text")
                .contains("Atelier thématique solidarités sociales")
        );
    }
    drop(server);

    // A second run on the same file keeps the workshop and hands out a new facilitator link.
    let (_server, again) = serve_demo(&db);
    assert_eq!(workshops_in(&db), 1);
    assert_ne!(again[3], links[3]);
    assert_eq!(reqwest::get(&again[3]).await.expect("page").status(), 200);
    let old = again[3]
        .rsplit_once("/f/")
        .map(|(base, _)| base)
        .expect("base")
        .to_string()
        + "/f/"
        + links[3].rsplit('/').next().expect("key");
    assert_eq!(
        reqwest::get(&old).await.expect("page").status(),
        404,
        "the old link stops working"
    );
}

#[actix_web::test]
async fn serve_demo_leaves_a_users_workshop_with_the_demo_code_alone() {
    let dir = tempfile::tempdir().expect("dir");
    let (db, file) = (dir.path().join("a.db"), dir.path().join("mine.toml"));
    std::fs::write(
        &file,
        "[workshop]\ntitle = \"Mon vrai atelier\"\njoin_code = \"SOLIDA\"\n",
    )
    .expect("write");
    let output = import(&db, &file);
    assert!(output.status.success());
    let mine: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let key = mine["facilitator_url"]
        .as_str()
        .and_then(|u| u.rsplit('/').next())
        .expect("key")
        .to_string();

    let (_server, links) = serve_demo(&db);
    assert!(
        !links[1].ends_with("/w/SOLIDA"),
        "the demo takes another code: {links:?}"
    );
    let base = links[1]
        .rsplit_once("/w/")
        .map(|(b, _)| b.to_string())
        .expect("base");
    let page = reqwest::get(format!("{base}/f/{key}")).await.expect("page");
    assert_eq!(
        page.status(),
        200,
        "the user's facilitator link still works"
    );
    assert!(
        page.text()
            .await
            .expect("text")
            .contains("Mon vrai atelier")
    );
    let demo = reqwest::get(&links[3])
        .await
        .expect("page")
        .text()
        .await
        .expect("text");
    assert!(demo.contains("Atelier thématique solidarités sociales"));
}

/// `atelier export --format csv` of the fixture workshop into the folder `out`, run by
/// `sh` with `limits` first (such as `ulimit -f 64`).
fn export_under(db: &std::path::Path, out: &std::path::Path, limits: &str) -> std::process::Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("{limits}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_atelier"))
        .args(["export", "--workshop", "SOLIDA", "--format", "csv", "--db"])
        .arg(db)
        .arg("--out")
        .arg(out)
        .env_remove("ATELIER_DB")
        .env("LANG", "fr_FR.UTF-8")
        .output()
        .expect("sh runs")
}

#[test]
fn an_export_that_cannot_be_written_whole_leaves_the_file_before_it_and_no_part() {
    let dir = tempfile::tempdir().expect("dir");
    let (db, file) = (dir.path().join("atelier.db"), dir.path().join("ws.toml"));
    std::fs::write(&file, FIXTURE).expect("file");
    assert!(import(&db, &file).status.success());
    // 3,000 keywords, so that entries.csv is larger than the limit below; every page in
    // the database file, so that opening it writes nothing there.
    let conn = rusqlite::Connection::open(&db).expect("db");
    conn.execute(
        "INSERT INTO participants (workshop_id, token_hash, seq, joined_at)
         VALUES (1, 'p', 1, '2026-12-06T08:00:00.000Z')",
        [],
    )
    .expect("a participant");
    for n in 0..3_000 {
        conn.execute(
            "INSERT INTO keywords (participant_id, text, submitted_at)
             VALUES (1, ?1, '2026-12-06T08:01:00.000Z')",
            [format!("mot clef numéro {n}")],
        )
        .expect("a keyword");
    }
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .expect("checkpoint");
    drop(conn);
    let out = dir.path().join("csv");
    std::fs::create_dir(&out).expect("the folder");
    let entries = out.join("entries.csv");
    std::fs::write(&entries, b"the export of yesterday").expect("an earlier export");
    // No file may grow past 64 blocks of 512 bytes (EFBIG; the signal ignored): enough
    // for the database's shared-memory file (32 KB), not for entries.csv (some 150 KB),
    // whose writing fails part way.
    let failed = export_under(&db, &out, "trap '' XFSZ; ulimit -f 64");
    assert!(!failed.status.success(), "{failed:?}");
    let said = String::from_utf8_lossy(&failed.stderr);
    assert!(said.contains("entries.csv"), "{said}");
    let kept = std::fs::read(&entries).expect("the earlier export");
    assert!(
        kept == b"the export of yesterday",
        "entries.csv was replaced by {} bytes of a failed export",
        kept.len()
    );
    let left: Vec<String> = std::fs::read_dir(&out)
        .expect("the folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name != "entries.csv")
        .collect();
    assert!(left.is_empty(), "{left:?} left behind");
    // Without the limit, the same command replaces it with the whole file.
    let done = export_under(&db, &out, "true");
    assert!(done.status.success(), "{done:?}");
    let written = std::fs::read_to_string(&entries).expect("the export");
    assert!(written.starts_with("submitted_at,participant,kind,"));
    assert_eq!(
        written.lines().filter(|l| l.contains(",keyword,")).count(),
        3_000
    );
}
