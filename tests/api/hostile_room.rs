//! Issue #11, "a room cannot sink the server", at a small scale: forged hosts and
//! origins, headers, stalled bodies, projector streams that end with their viewer and are
//! capped, `/new` closed to strangers and slow to guess. The big figures are in
//! BENCHMARKS.md.

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use atelier::domain::workshop_file;
use atelier::startup::Config;
use atelier::web::screen::StreamLimits;
use atelier::workshops::{self, Links};

use crate::common::{FIXTURE, TestApp, phone, post, text};

/// The `href` of the projector's QR code.
fn qr_link(page: &str) -> String {
    let start = page.find("class=\"qr\" href=\"").expect("a QR link") + 17;
    page[start..]
        .split('"')
        .next()
        .expect("href")
        .replace("&#x2F;", "/")
}

#[actix_web::test]
async fn a_forged_host_is_refused_and_never_reaches_the_qr_code() {
    let app = TestApp::with_fixture().await;
    let client = reqwest::Client::new();
    // The first request of the workshop's projector names another host (before the fix,
    // it started the broadcaster and fixed the QR code's host for everyone).
    for (name, value) in [
        ("host", "evil.example:8443"),
        ("host", "127.0.0.1:1"),
        ("x-forwarded-host", "evil.example:8443"),
    ] {
        let forged = client
            .get(&app.links.projector_url)
            .header(name, value)
            .send()
            .await
            .expect("answer");
        if name == "host" {
            assert_eq!(forged.status(), 421, "{value}");
            let body = forged.text().await.expect("body");
            assert!(body.contains("lang=\"fr\""), "{body}");
            assert!(!body.contains("evil.example"), "{body}");
        } else {
            assert_eq!(forged.status(), 200);
            assert!(!forged.text().await.expect("body").contains("evil.example"));
        }
    }
    let page = text(&client, &app.links.projector_url).await;
    assert_eq!(qr_link(&page), app.links.participant_url);
    assert!(!page.contains("evil.example"));
}

#[actix_web::test]
async fn an_origin_with_another_scheme_or_port_is_refused() {
    let app = TestApp::with_fixture().await;
    let phone = phone();
    let ours = app.base.clone();
    let other_scheme = ours.replacen("http://", "https://", 1);
    let other_port = format!("{}1", ours);
    for origin in [other_scheme.as_str(), other_port.as_str(), "null"] {
        crate::common::join(&phone, &app.links.participant_url).await;
        let refused = phone
            .post(app.participant("keywords"))
            .header("origin", origin)
            .header("content-type", "application/x-www-form-urlencoded")
            .body("keyword=Intrus")
            .send()
            .await
            .expect("answer");
        assert_eq!(refused.status(), 403, "{origin}");
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM keywords").await,
        0,
        "nothing stored"
    );
}

#[actix_web::test]
async fn every_page_carries_the_security_headers_and_only_the_projector_may_be_framed() {
    let app = TestApp::with_fixture().await;
    let client = reqwest::Client::new();
    for (url, framed) in [
        (app.links.participant_url.clone(), false),
        (app.links.facilitator_url.clone(), false),
        (app.url("/w/NOPE99"), false),
        (app.url("/new"), false),
        (app.links.projector_url.clone(), true),
    ] {
        let response = client.get(&url).send().await.expect("answer");
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        let csp = header("content-security-policy");
        assert!(csp.contains("default-src 'self'"), "{url}: {csp}");
        assert!(csp.contains("script-src 'self'"), "{url}: {csp}");
        let scripts = csp
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .unwrap_or("");
        assert!(
            !scripts.contains("unsafe-inline"),
            "no inline script: {csp}"
        );
        assert_eq!(header("x-content-type-options"), "nosniff", "{url}");
        assert_eq!(header("referrer-policy"), "same-origin", "{url}");
        if framed {
            assert!(csp.contains("frame-ancestors *"), "{url}: {csp}");
            assert_eq!(header("x-frame-options"), "", "{url}");
        } else {
            assert!(csp.contains("frame-ancestors 'none'"), "{url}: {csp}");
            assert_eq!(header("x-frame-options"), "DENY", "{url}");
        }
    }
}

#[actix_web::test]
async fn a_body_that_never_finishes_is_dropped_after_the_deadline() {
    let dir = tempfile::tempdir().expect("dir");
    let config = Config {
        body_timeout: Duration::from_secs(1),
        ..Config::local(dir.path().join("atelier.db"))
    };
    let app = TestApp::start(config, dir, FIXTURE).await;
    let address = app.base.trim_start_matches("http://").to_string();
    let stalled = std::thread::spawn(move || {
        let mut socket = std::net::TcpStream::connect(&address).expect("connect");
        socket
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        let head = format!(
            "POST /w/SOLIDA/keywords HTTP/1.1\r\nHost: {address}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nkeyword=len"
        );
        socket.write_all(head.as_bytes()).expect("write");
        let started = Instant::now();
        let mut answer = Vec::new();
        // Read until the server closes the connection.
        let _ = socket.read_to_end(&mut answer);
        (
            started.elapsed(),
            String::from_utf8_lossy(&answer).to_string(),
        )
    });
    let (waited, answer) = actix_web::rt::task::spawn_blocking(move || stalled.join())
        .await
        .expect("join")
        .expect("thread");
    assert!(
        waited < Duration::from_secs(5),
        "closed after {waited:?}: {answer}"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM keywords").await, 0);
}

/// Opens the projector stream at `url`, reads its first bytes, and gives the response.
async fn open_stream(url: &str) -> reqwest::Response {
    let mut response = reqwest::get(url).await.expect("stream answers");
    if response.status() == 200 {
        let first = tokio::time::timeout(Duration::from_secs(3), response.chunk())
            .await
            .expect("first bytes in time")
            .expect("first bytes");
        assert!(first.is_some());
    }
    response
}

async fn wait_for(what: impl Fn() -> bool, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    while !what() {
        if Instant::now() > deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    true
}

#[actix_web::test]
async fn a_closed_projector_tab_is_freed_within_seconds_without_any_change() {
    let app = TestApp::with_fixture().await;
    let url = format!("{}/events", app.links.projector_url);
    let kept = open_stream(&url).await;
    for _ in 0..20 {
        drop(open_stream(&url).await);
    }
    assert!(app.broadcasts.live_streams() > 1);
    // No one posts anything: only the keep-alive writes notice the closed tabs.
    let started = Instant::now();
    assert!(
        wait_for(
            || app.broadcasts.live_streams() == 1,
            Duration::from_secs(7)
        )
        .await,
        "still {} streams after {:?}",
        app.broadcasts.live_streams(),
        started.elapsed()
    );
    drop(kept);
}

#[actix_web::test]
async fn streams_past_the_caps_get_503_with_retry_after_and_the_dashboard_counts_its_own() {
    let dir = tempfile::tempdir().expect("dir");
    let config = Config {
        streams: StreamLimits {
            per_workshop: 3,
            total: 4,
        },
        ..Config::local(dir.path().join("atelier.db"))
    };
    let app = TestApp::start(config, dir, FIXTURE).await;
    let other = workshops::create(
        &app.store,
        workshop_file::parse(&FIXTURE.replace("\"SOLIDA\"", "\"AUTRES\"")).expect("file"),
    )
    .await
    .expect("second workshop");
    let other = Links::new(&app.base, &other.join_code, &other.facilitator_key);
    let url = format!("{}/events", app.links.projector_url);
    let other_url = format!("{}/events", other.projector_url);

    let mut open = Vec::new();
    for _ in 0..3 {
        open.push(open_stream(&url).await);
    }
    let refused = open_stream(&url).await;
    assert_eq!(refused.status(), 503);
    assert!(
        refused
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok())
            .is_some_and(|s| s > 0)
    );
    assert!(
        refused
            .text()
            .await
            .expect("page")
            .contains("Trop d&#39;écrans ouverts")
    );
    // The other workshop gets the last place of the server's total, then is refused too.
    let other_stream = open_stream(&other_url).await;
    assert_eq!(other_stream.status(), 200);
    assert_eq!(open_stream(&other_url).await.status(), 503);

    let dashboard = text(&reqwest::Client::new(), &app.links.facilitator_url).await;
    assert!(
        dashboard.contains("3 écrans de projection ouverts"),
        "counts its own"
    );
    let other_dashboard = text(&reqwest::Client::new(), &other.facilitator_url).await;
    assert!(other_dashboard.contains("1 écran de projection ouvert"));

    // A closed tab gives its place back.
    open.pop();
    assert!(
        wait_for(
            || app.broadcasts.live_streams() == 3,
            Duration::from_secs(7)
        )
        .await
    );
    assert_eq!(open_stream(&url).await.status(), 200);
    drop(other_stream);
}

#[actix_web::test]
async fn new_without_a_password_answers_only_the_organisers_machine() {
    let app = TestApp::with_fixture().await;
    let client = reqwest::Client::new();
    // The test's requests come from 127.0.0.1: the organiser's machine.
    assert_eq!(
        client
            .get(app.url("/new"))
            .send()
            .await
            .expect("form")
            .status(),
        200
    );
    // Through a reverse proxy every request comes from 127.0.0.1 too; it names the real
    // client in a forwarding header, and is not the organiser for that.
    let before = app.count("SELECT COUNT(*) FROM workshops").await;
    for method in ["GET", "POST"] {
        let request = client
            .request(method.parse().expect("method"), app.url("/new"))
            .header("x-forwarded-for", "203.0.113.7")
            .header("content-type", "application/x-www-form-urlencoded")
            .body("title=Intrus&event_title=E&question=Q");
        let refused = request.send().await.expect("answer");
        assert_eq!(refused.status(), 403, "{method}");
        let body = refused.text().await.expect("page");
        assert!(
            body.contains("Création réservée à l&#39;organisateur"),
            "{body}"
        );
        assert!(body.contains("ATELIER_ADMIN_PASSWORD"));
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM workshops").await, before);
}

#[actix_web::test]
async fn wrong_admin_passwords_are_slowed_and_the_form_keeps_what_was_typed() {
    let dir = tempfile::tempdir().expect("dir");
    let config = Config {
        admin_password: Some("lune-orge-rivière-établi-42".into()),
        ..Config::local(dir.path().join("atelier.db"))
    };
    let app = TestApp::start(config, dir, FIXTURE).await;
    let organiser = phone();
    let form = |password: &'static str| {
        vec![
            ("password", password),
            ("event_title", "Rencontres"),
            ("title", "Atelier mobilités"),
            ("question", "Comment bouger ?"),
            ("categories", "Constat"),
            ("recommendations", "Covoiturage"),
        ]
    };
    for _ in 0..5 {
        let wrong = post(&organiser, &app.url("/new"), &form("1234")).await;
        assert_eq!(wrong.status(), 403);
        assert!(
            wrong
                .text()
                .await
                .expect("page")
                .contains("Mot de passe incorrect.")
        );
    }
    for password in ["1234", "lune-orge-rivière-établi-42"] {
        let slowed = post(&organiser, &app.url("/new"), &form(password)).await;
        assert_eq!(slowed.status(), 429, "{password}");
        let retry: u64 = slowed
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok())
            .expect("Retry-After");
        assert!((1..=60).contains(&retry), "{retry}");
        let page = slowed.text().await.expect("page");
        assert!(page.contains("Trop de mots de passe erronés"), "{page}");
        assert!(
            page.contains("Atelier mobilités"),
            "the form keeps the title"
        );
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM workshops WHERE title = 'Atelier mobilités'")
            .await,
        0
    );
}

#[actix_web::test]
async fn the_dashboard_stays_small_with_many_keyword_groups_and_reaches_each_one() {
    let app = TestApp::with_workshop(&FIXTURE.replace(
        "keywords_per_participant = 3",
        "keywords_per_participant = 20",
    ))
    .await;
    // 15 phones × 20 different keywords: 300 groups (the old dashboard, a merge menu of
    // every other group in each row, was 6.3 MB at 300 groups).
    for p in 0..15 {
        let words: Vec<String> = (0..20).map(|k| format!("k{}", 1000 + p * 20 + k)).collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        assert_eq!(app.post_keywords(&phone(), &words).await.status(), 303);
    }
    let facilitator = phone();
    let page = text(&facilitator, &app.links.facilitator_url).await;
    assert!(page.len() < 150_000, "{} bytes", page.len());
    assert!(page.contains("Groupes 1 à 50 sur 300"), "page status");
    let table = &page[page.find("<table class=\"groups\">").expect("groups")..];
    let table = &table[..table.find("</table>").expect("end")];
    assert_eq!(table.matches("<tr").count(), 51, "a header and 50 groups");
    assert!(page.contains("Groupes suivants (250 de plus)"));
    // The last group is reached by the pages and by a search.
    let last_page = text(
        &facilitator,
        format!("{}?kw_from=250", app.links.facilitator_url),
    )
    .await;
    assert!(last_page.contains("Groupes 251 à 300 sur 300"));
    let found = text(
        &facilitator,
        format!("{}?kw=K1299", app.links.facilitator_url),
    )
    .await;
    assert!(found.contains("1 groupe contient « K1299 »"), "search");
    assert!(found.contains(">k1299</strong>"));

    // One merge form names both groups by label, as picked from its list or typed.
    let merged = post(
        &facilitator,
        &format!("{}/keywords/merge", app.links.facilitator_url),
        &[("from", "k1299"), ("into", " K1000 "), ("label", "")],
    )
    .await;
    assert_eq!(merged.status(), 303);
    let keywords = crate::common::csv_rows(&app.export("keywords.csv").await);
    assert_eq!(keywords.len(), 299);
    // A name that is no group's is refused, and the form keeps what was typed.
    let refused = post(
        &facilitator,
        &format!("{}/keywords/merge", app.links.facilitator_url),
        &[
            ("from", "k1001"),
            ("into", "Mobilitée"),
            ("label", "Nouveau nom"),
        ],
    )
    .await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.expect("page");
    assert!(
        page.contains("Aucun groupe de mots-clés ne s&#39;appelle exactement « Mobilitée »"),
        "message"
    );
    assert!(page.contains("value=\"Mobilitée\"") && page.contains("value=\"Nouveau nom\""));
    assert_eq!(
        crate::common::csv_rows(&app.export("keywords.csv").await).len(),
        299,
        "nothing stored"
    );
}

#[actix_web::test]
async fn a_header_name_over_64_kb_drops_only_its_own_connection() {
    let app = TestApp::with_fixture().await;
    let address = app.base.trim_start_matches("http://").to_string();
    let sent = std::thread::spawn(move || {
        let mut socket = std::net::TcpStream::connect(&address).expect("connect");
        socket
            .set_read_timeout(Some(Duration::from_secs(5)))
            .expect("timeout");
        let head = format!(
            "GET /w/SOLIDA HTTP/1.1\r\nHost: {address}\r\n{}: x\r\n\r\n",
            "X".repeat(70_000)
        );
        let _ = socket.write_all(head.as_bytes());
        let mut answer = Vec::new();
        let _ = socket.read_to_end(&mut answer);
        String::from_utf8_lossy(&answer).to_string()
    });
    let answer = actix_web::rt::task::spawn_blocking(move || sent.join())
        .await
        .expect("join")
        .expect("thread");
    assert!(!answer.starts_with("HTTP/1.1 200"), "{answer:.80}");
    // Every other phone is still served, on the same workers.
    for _ in 0..4 {
        let page = reqwest::get(&app.links.participant_url)
            .await
            .expect("page");
        assert_eq!(page.status(), 200);
    }
}
