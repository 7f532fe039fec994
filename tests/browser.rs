//! The projector and a phone in headless Chromium (Debian's `chromium` and
//! `chromium-driver`), driven through WebDriver. Ignored by plain `cargo test`; `.ci/run`
//! installs Chromium and runs `cargo test --test browser -- --ignored`.
//! Screenshots go to `target/screenshots/`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::TestApp;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn start_chromedriver() -> (Driver, String) {
    let port = free_port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver is installed (apt-get install chromium chromium-driver)");
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    (Driver(child), format!("http://127.0.0.1:{port}"))
}

async fn browser(
    driver: &str,
    width: u32,
    height: u32,
    profile: &std::path::Path,
    mobile: bool,
) -> Client {
    let mut args = vec![
        "--headless=new".to_string(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-dev-shm-usage".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--no-first-run".into(),
        format!("--user-data-dir={}", profile.display()),
        format!("--window-size={width},{height}"),
        "--lang=fr-FR".into(),
    ];
    if mobile {
        args.push("--user-agent=Mozilla/5.0 (Linux; Android 14) Mobile".into());
    }
    let mut options = json!({
        "binary": "/usr/bin/chromium",
        "args": args,
        "prefs": {"intl.accept_languages": "fr-FR,fr"},
    });
    if mobile {
        options["mobileEmulation"] =
            json!({"deviceMetrics": {"width": width, "height": height, "pixelRatio": 2.0}});
    }
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("goog:chromeOptions".into(), options);
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(driver)
        .await
        .expect("a browser session")
}

fn screenshots() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("screenshots");
    std::fs::create_dir_all(&dir).expect("screenshots folder");
    dir
}

async fn save_screenshot(client: &Client, name: &str) {
    let png = client.screenshot().await.expect("screenshot");
    std::fs::write(screenshots().join(name), png).expect("write screenshot");
}

/// Waits up to `limit` for `script` (a JavaScript expression) to be true.
async fn wait_until(client: &Client, script: &str, limit: Duration) -> Duration {
    let started = Instant::now();
    loop {
        let value = client
            .execute(&format!("return !!({script});"), vec![])
            .await
            .expect("script runs");
        if value.as_bool() == Some(true) {
            return started.elapsed();
        }
        assert!(started.elapsed() < limit, "not within {limit:?}: {script}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[actix_web::test]
#[ignore = "needs Debian's chromium and chromium-driver; run by .ci/run"]
async fn a_phone_joins_by_the_qr_link_and_its_keyword_reaches_the_projector() {
    let app = TestApp::with_fixture().await;
    assert_eq!(
        app.post_facilitator("screen", &[("panel", "keywords")])
            .await
            .status(),
        303
    );
    let (_driver, driver_url) = start_chromedriver();
    let profiles = tempfile::tempdir().expect("profiles");

    let projector = browser(
        &driver_url,
        1280,
        720,
        &profiles.path().join("projector"),
        false,
    )
    .await;
    projector
        .goto(&app.links.projector_url)
        .await
        .expect("projector page");
    projector
        .execute("window.__notReloaded = true; return true;", vec![])
        .await
        .expect("marker");
    let size = projector
        .execute("return [window.innerWidth, window.innerHeight];", vec![])
        .await
        .expect("size");
    assert!(size[0].as_i64().unwrap_or(0) >= 1200, "{size}");

    // The phone opens the link the QR code carries.
    let qr_link = projector
        .find(Locator::Css("a.qr"))
        .await
        .expect("the QR code")
        .attr("href")
        .await
        .expect("href")
        .expect("a link");
    assert_eq!(qr_link, app.links.participant_url);
    let phone = browser(&driver_url, 390, 844, &profiles.path().join("phone"), true).await;
    phone.goto(&qr_link).await.expect("phone page");
    phone
        .find(Locator::Css("#keyword-1"))
        .await
        .expect("first keyword box")
        .send_keys("Entraide")
        .await
        .expect("type");
    phone
        .find(Locator::Css("#keywords form button[type=submit]"))
        .await
        .expect("send button")
        .click()
        .await
        .expect("send");
    let sent = Instant::now();
    wait_until(&phone, "document.querySelector('.flash') && document.querySelector('.flash').textContent.includes('1 mot-clé reçu')", Duration::from_secs(5)).await;
    save_screenshot(&phone, "phone.png").await;

    let waited = wait_until(
        &projector,
        "[...document.querySelectorAll('.cloud li')].some(li => li.textContent === 'Entraide')",
        Duration::from_secs(2),
    )
    .await;
    assert!(sent.elapsed() < Duration::from_secs(3), "{waited:?}");
    let kept = projector
        .execute("return window.__notReloaded === true;", vec![])
        .await
        .expect("marker");
    assert_eq!(
        kept.as_bool(),
        Some(true),
        "the projector updated without a reload"
    );

    // Text the back row can read: nothing smaller than 24 px, no word off the screen.
    let smallest = projector
        .execute(
            "let min = 1e9; for (const el of document.querySelectorAll('main *')) {
               const visible = el.offsetParent !== null && [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
               if (visible) { min = Math.min(min, parseFloat(getComputedStyle(el).fontSize)); }
             } return min;",
            vec![],
        )
        .await
        .expect("font sizes");
    assert!(
        smallest.as_f64().unwrap_or(0.0) >= 24.0,
        "smallest text {smallest} px"
    );
    let inside = projector
        .execute("return [...document.querySelectorAll('.cloud li')].every(li => li.getBoundingClientRect().right <= window.innerWidth);", vec![])
        .await
        .expect("cloud bounds");
    assert_eq!(inside.as_bool(), Some(true));
    save_screenshot(&projector, "projector-keywords.png").await;

    // The facilitator switches panel; the projector follows within a second.
    assert_eq!(
        app.post_facilitator("screen", &[("panel", "votes")])
            .await
            .status(),
        303
    );
    let waited = wait_until(
        &projector,
        "document.querySelector('[data-panel=votes]')",
        Duration::from_secs(2),
    )
    .await;
    assert!(waited < Duration::from_secs(1), "{waited:?}");
    save_screenshot(&projector, "projector-votes.png").await;
    assert_eq!(
        app.post_facilitator("screen", &[("panel", "join")])
            .await
            .status(),
        303
    );
    wait_until(
        &projector,
        "document.querySelector('[data-panel=join]')",
        Duration::from_secs(2),
    )
    .await;
    save_screenshot(&projector, "projector-join.png").await;

    phone.close().await.expect("close phone");
    projector.close().await.expect("close projector");
}
