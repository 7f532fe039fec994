//! `--shard I/N` (issue #14, "beyond one machine"): a process of a shard makes join codes
//! and facilitator keys that the reverse proxy sends back to it, and refuses a chosen code
//! that the proxy would send elsewhere.

use std::process::Command;

use crate::common::{FIXTURE, TestApp, location, phone, post};
use atelier::domain::shard::Shard;
use atelier::startup::Config;

/// The fixture without its chosen join code, so that the server draws one.
fn fixture_without_code() -> String {
    FIXTURE
        .lines()
        .filter(|l| !l.starts_with("join_code"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn shard_2_of_3() -> Shard {
    "2/3".parse().expect("shard")
}

/// The form of `/new` with a title, a question and `join_code` (empty: drawn).
fn form(join_code: &str) -> Vec<(&'static str, String)> {
    vec![
        ("title", "Atelier mobilités rurales".into()),
        ("question", "Que retenez-vous ?".into()),
        ("categories", "Constat\nDifficulté".into()),
        (
            "recommendations",
            "Former les élus\nOuvrir les données".into(),
        ),
        ("join_code", join_code.into()),
    ]
}

async fn post_new(app: &TestApp, join_code: &str) -> reqwest::Response {
    let fields = form(join_code);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    post(&phone(), &app.url("/new"), &fields).await
}

#[actix_web::test]
async fn a_process_of_shard_2_of_3_makes_codes_and_keys_that_route_back_to_it() {
    let dir = tempfile::tempdir().expect("dir");
    let config = Config {
        shard: shard_2_of_3(),
        ..Config::local(dir.path().join("a.db"))
    };
    let app = TestApp::start(config, dir, &fixture_without_code()).await;
    let code = app.links.join_code.clone();
    assert!(
        "CDEFGHJKLMN".contains(&code[..1]),
        "the imported workshop's code {code} starts with a letter of shard 2/3"
    );
    let key = app.links.facilitator_url.rsplit('/').next().expect("key");
    assert_eq!(key.len(), 33, "a digit of the shard, then 128 random bits");
    assert!("6789a".contains(&key[..1]), "{key}");
    let dashboard = reqwest::get(&app.links.facilitator_url)
        .await
        .expect("dashboard");
    assert_eq!(
        dashboard.status(),
        200,
        "the longer key opens the dashboard"
    );

    for _ in 0..5 {
        let response = post_new(&app, "").await;
        assert_eq!(response.status(), 303);
        let dashboard = location(&response);
        let key = dashboard
            .strip_prefix("/f/")
            .and_then(|rest| rest.strip_suffix("?done=created"))
            .expect("the new dashboard's address");
        assert!(shard_2_of_3().owns_key(key) && key.len() == 33, "{key}");
        let page = reqwest::get(app.url(&dashboard))
            .await
            .expect("dashboard")
            .text()
            .await
            .expect("text");
        let code = page
            .split("/w/")
            .nth(1)
            .map(|rest| {
                rest.chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect::<String>()
            })
            .expect("the dashboard names the join code");
        assert!("CDEFGHJKLMN".contains(&code[..1]), "{code}");
        let phone_page = reqwest::get(app.url(&format!("/w/{}", code.to_lowercase())))
            .await
            .expect("phone page");
        assert_eq!(phone_page.status(), 200, "{code}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM workshops").await, 6);
}

#[actix_web::test]
async fn a_chosen_code_of_another_shard_is_refused_on_the_form_with_what_was_typed() {
    let dir = tempfile::tempdir().expect("dir");
    let config = Config {
        shard: shard_2_of_3(),
        ..Config::local(dir.path().join("a.db"))
    };
    let app = TestApp::start(config, dir, &fixture_without_code()).await;
    let response = post_new(&app, "solida").await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.expect("page");
    assert!(
        page.contains("Le code « SOLIDA » ne peut pas servir ici : ce serveur est la partition 2/3, ses codes commencent par l’un de ces caractères : CDEFGHIJKLMN."),
        "{page}"
    );
    assert!(page.contains("value=\"Atelier mobilités rurales\""));
    assert!(page.contains("value=\"solida\""), "the typed code stays");
    assert_eq!(app.count("SELECT COUNT(*) FROM workshops").await, 1);

    assert_eq!(
        post_new(&app, "gal-nord").await.status(),
        303,
        "G is shard 2's"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM workshops").await, 2);
}

#[actix_web::test]
async fn without_a_shard_codes_and_keys_are_made_as_before() {
    let app = TestApp::with_workshop(&fixture_without_code()).await;
    let key = app.links.facilitator_url.rsplit('/').next().expect("key");
    assert_eq!(key.len(), 32);
    assert_eq!(app.links.join_code.len(), 6);
    assert_eq!(post_new(&app, "solida").await.status(), 303);
}

fn atelier() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_atelier"));
    command
        .env_remove("ATELIER_DB")
        .env_remove("ATELIER_BASE_URL")
        .env_remove("ATELIER_SHARD")
        .env("LANG", "fr_FR.UTF-8");
    command
}

#[test]
fn import_into_a_shard_refuses_a_foreign_code_and_draws_codes_of_its_own() {
    let dir = tempfile::tempdir().expect("dir");
    let (db, file) = (dir.path().join("s1.db"), dir.path().join("solida.toml"));
    std::fs::write(&file, FIXTURE).expect("write");
    let output = atelier()
        .args(["import", "--shard", "1/3", "--db"])
        .arg(&db)
        .arg(&file)
        .output()
        .expect("atelier runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("Le code « SOLIDA » ne peut pas servir ici : ce serveur est la partition 1/3, ses codes commencent par l’un de ces caractères : 0123456789AB."),
        "{stderr}"
    );
    assert!(output.stdout.is_empty(), "no links printed");
    let workshops = |db: &std::path::Path| -> i64 {
        rusqlite::Connection::open(db)
            .expect("db")
            .query_row("SELECT COUNT(*) FROM workshops", [], |r| r.get(0))
            .expect("count")
    };
    assert_eq!(workshops(&db), 0, "nothing stored");

    let third = dir.path().join("s3.db");
    let output = atelier()
        .env("ATELIER_SHARD", "3/3")
        .args(["import", "--db"])
        .arg(&third)
        .arg(&file)
        .output()
        .expect("atelier runs");
    assert!(output.status.success(), "S is shard 3's");
    let links: serde_json::Value = serde_json::from_slice(&output.stdout).expect("links");
    assert_eq!(links["join_code"], "SOLIDA");
    let key = links["facilitator_url"]
        .as_str()
        .expect("link")
        .rsplit('/')
        .next()
        .expect("key");
    assert!("bcdef".contains(&key[..1]) && key.len() == 33, "{key}");

    let drawn = dir.path().join("drawn.toml");
    std::fs::write(&drawn, fixture_without_code()).expect("write");
    for _ in 0..3 {
        let output = atelier()
            .args(["import", "--shard", "1/3", "--db"])
            .arg(&db)
            .arg(&drawn)
            .output()
            .expect("atelier runs");
        assert!(output.status.success());
        let links: serde_json::Value = serde_json::from_slice(&output.stdout).expect("links");
        let code = links["join_code"].as_str().expect("code");
        assert!("23456789AB".contains(&code[..1]), "{code}");
        let key = links["facilitator_url"]
            .as_str()
            .expect("link")
            .rsplit('/')
            .next()
            .expect("key");
        assert!("012345".contains(&key[..1]) && key.len() == 33, "{key}");
    }
    assert_eq!(workshops(&db), 3);
}

#[test]
fn an_event_imported_into_a_shard_is_of_that_shard_whole() {
    const EVENT: &str = include_str!("../fixtures/rencontres-leader.toml");
    let dir = tempfile::tempdir().expect("dir");
    let (db, file) = (dir.path().join("s1.db"), dir.path().join("leader.toml"));
    // LEADER2019 starts with L: shard 2/3's, not 1/3's; nothing is stored.
    std::fs::write(&file, EVENT).expect("write");
    let output = atelier()
        .args(["import", "--shard", "1/3", "--db"])
        .arg(&db)
        .arg(&file)
        .output()
        .expect("atelier runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("LEADER2019"), "{stderr}");
    assert!(stderr.contains("0123456789AB"), "{stderr}");

    // Without chosen codes, every code and key drawn is of shard 2/3.
    let drawn: String = EVENT
        .lines()
        .filter(|l| !l.starts_with("code") && !l.starts_with("join_code"))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&file, drawn).expect("write");
    let output = atelier()
        .args(["import", "--shard", "2/3", "--db"])
        .arg(dir.path().join("s2.db"))
        .arg(&file)
        .output()
        .expect("atelier runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let links: serde_json::Value = serde_json::from_slice(&output.stdout).expect("links");
    let code = links["event_code"].as_str().expect("code");
    assert!("CDEFGHIJKLMN".contains(&code[..1]), "{code}");
    let last = |url: &serde_json::Value| {
        url.as_str()
            .expect("link")
            .rsplit('/')
            .next()
            .expect("key")
            .to_string()
    };
    let organiser = last(&links["event_url"]);
    assert!(
        "6789a".contains(&organiser[..1]) && organiser.len() == 33,
        "{organiser}"
    );
    let workshops = links["workshops"].as_array().expect("workshops");
    assert_eq!(workshops.len(), 3);
    for w in workshops {
        let code = w["join_code"].as_str().expect("code");
        assert!("CDEFGHIJKLMN".contains(&code[..1]), "{code}");
        let key = last(&w["facilitator_url"]);
        assert!("6789a".contains(&key[..1]) && key.len() == 33, "{key}");
    }
}

#[test]
fn a_shard_outside_its_count_stops_the_command_with_a_message() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("solida.toml");
    std::fs::write(&file, FIXTURE).expect("write");
    for bad in ["4/3", "0/3", "1/17", "deux"] {
        let output = atelier()
            .args(["import", "--shard", bad, "--db"])
            .arg(dir.path().join("x.db"))
            .arg(&file)
            .output()
            .expect("atelier runs");
        assert!(!output.status.success(), "{bad}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("--shard") && stderr.contains("I/N"),
            "{bad}: {stderr}"
        );
        assert!(!dir.path().join("x.db").exists(), "{bad}: no database made");
    }
}

/// nginx's binary: on the PATH, else Debian's `/usr/sbin/nginx`.
fn nginx_binary() -> Option<std::path::PathBuf> {
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("nginx"))
            .find(|p| p.is_file())
    });
    on_path.or_else(|| {
        let debian = std::path::PathBuf::from("/usr/sbin/nginx");
        debian.is_file().then_some(debian)
    })
}

/// nginx in the foreground from its own prefix, stopped (then killed) when dropped.
struct Nginx {
    child: std::process::Child,
    command: Vec<std::ffi::OsString>,
}

impl Nginx {
    /// Starts nginx under `prefix` with the `http` text `routes`, as the current user.
    fn start(binary: &std::path::Path, prefix: &std::path::Path, routes: &str) -> Self {
        for dir in [
            "tmp/body",
            "tmp/proxy",
            "tmp/fastcgi",
            "tmp/uwsgi",
            "tmp/scgi",
        ] {
            std::fs::create_dir_all(prefix.join(dir)).expect("nginx folders");
        }
        let user = Command::new("id")
            .arg("-un")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .expect("id -un");
        let p = prefix.display();
        std::fs::write(prefix.join("atelier.conf"), routes).expect("routes");
        std::fs::write(
            prefix.join("nginx.conf"),
            format!(
                "user {user};\nworker_processes 1;\ndaemon off;\npid {p}/nginx.pid;\n\
                 error_log {p}/error.log warn;\nevents {{ worker_connections 256; }}\n\
                 http {{\n    access_log off;\n    client_body_temp_path {p}/tmp/body;\n\
                 proxy_temp_path {p}/tmp/proxy;\n    fastcgi_temp_path {p}/tmp/fastcgi;\n\
                 uwsgi_temp_path {p}/tmp/uwsgi;\n    scgi_temp_path {p}/tmp/scgi;\n\
                 include {p}/atelier.conf;\n}}\n"
            ),
        )
        .expect("nginx.conf");
        let command: Vec<std::ffi::OsString> = vec![
            binary.into(),
            "-p".into(),
            prefix.into(),
            "-c".into(),
            prefix.join("nginx.conf").into(),
            "-e".into(),
            prefix.join("error.log").into(),
        ];
        let child = Command::new(&command[0])
            .args(&command[1..])
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("nginx starts");
        Self { child, command }
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = Command::new(&self.command[0])
            .args(&self.command[1..])
            .args(["-s", "stop"])
            .status();
        for _ in 0..100 {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

#[actix_web::test]
async fn behind_nginx_each_workshop_and_dashboard_reaches_the_process_that_owns_it() {
    let Some(binary) = nginx_binary() else {
        println!("skipped: nginx is not installed (Debian: apt-get install nginx-light)");
        return;
    };
    let proxy = free_port();
    let base = format!("http://127.0.0.1:{proxy}");
    let mut apps = Vec::new();
    let mut upstreams = Vec::new();
    for index in 1..=3 {
        let dir = tempfile::tempdir().expect("dir");
        let port = free_port();
        upstreams.push(format!("127.0.0.1:{port}"));
        let config = Config {
            bind: format!("127.0.0.1:{port}"),
            base_url: Some(base.clone()),
            shard: Shard::new(index, 3).expect("shard"),
            ..Config::local(dir.path().join("a.db"))
        };
        apps.push(TestApp::start(config, dir, &fixture_without_code()).await);
    }
    let routes = atelier::cli::nginx::config(&format!("127.0.0.1:{proxy}"), &upstreams)
        .expect("a configuration");
    let prefix = tempfile::tempdir().expect("nginx prefix");
    let _nginx = Nginx::start(&binary, prefix.path(), &routes);
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while client.get(format!("{base}/")).send().await.is_err() {
        assert!(std::time::Instant::now() < deadline, "nginx did not start");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }

    for (index, app) in apps.iter().enumerate() {
        let code = &app.links.join_code;
        assert!(
            app.links.participant_url.starts_with(&base),
            "links name nginx"
        );
        // The phone's page, the home form's redirection and the dashboard, all through
        // nginx: each reaches the one process that knows the workshop.
        let page = client
            .get(format!("{base}/w/{}", code.to_lowercase()))
            .send()
            .await
            .expect("page");
        assert_eq!(page.status(), 200, "/w/{code} of shard {}", index + 1);
        let join = client
            .get(format!("{base}/join?code=+{}", code.to_lowercase()))
            .send()
            .await
            .expect("join");
        assert_eq!(join.status(), 303, "/join?code={code}");
        assert_eq!(location(&join), format!("/w/{code}"));
        let dashboard = client
            .get(&app.links.facilitator_url)
            .send()
            .await
            .expect("dashboard");
        assert_eq!(dashboard.status(), 200, "{}", app.links.facilitator_url);
        // The other processes do not know it: the routing, not luck, found it.
        for other in upstreams.iter().filter(|u| **u != upstreams[index]) {
            let direct = client
                .get(format!("http://{other}/w/{code}"))
                .send()
                .await
                .expect("direct");
            assert_eq!(direct.status(), 404, "{code} on {other}");
        }
    }

    // A projector stream comes through unbuffered: its first frame arrives at once.
    let mut stream = client
        .get(format!("{}/events", apps[1].links.projector_url))
        .send()
        .await
        .expect("stream");
    assert_eq!(stream.status(), 200);
    let first_frame = async {
        let mut received = String::new();
        while let Ok(Some(bytes)) = stream.chunk().await {
            received.push_str(&String::from_utf8_lossy(&bytes));
            if received.contains("id: ") {
                break;
            }
        }
        received
    };
    let received = tokio::time::timeout(std::time::Duration::from_secs(5), first_frame)
        .await
        .expect("a frame within 5 s through nginx");
    assert!(
        received.contains("id: "),
        "an event with its version: {received}"
    );

    // A Host other than nginx's public address is still refused behind it.
    let forged = client
        .get(format!("{base}/w/{}", apps[2].links.join_code))
        .header("host", "evil.example")
        .send()
        .await
        .expect("forged");
    assert_eq!(forged.status(), 421);
}
