//! What every browser test shares: chromedriver, a Chromium window of a given size,
//! screenshots under `target/screenshots/`, waiting for a condition in the page.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use serde_json::json;

/// A running chromedriver, killed when dropped.
pub struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

pub fn start_chromedriver() -> (Driver, String) {
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

pub async fn browser(
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

pub fn screenshots() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("screenshots");
    std::fs::create_dir_all(&dir).expect("screenshots folder");
    dir
}

pub async fn save_screenshot(client: &Client, name: &str) {
    let png = client.screenshot().await.expect("screenshot");
    std::fs::write(screenshots().join(name), png).expect("write screenshot");
}

/// Waits up to `limit` for `script` (a JavaScript expression) to be true.
pub async fn wait_until(client: &Client, script: &str, limit: Duration) -> Duration {
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

/// Once `ready` (a JavaScript expression) holds on the page and its "Connexion perdue"
/// badge is hidden, stops the server behind `stop` and waits up to 15 s for the badge to
/// show (the projector's and the plenary's `static/screen.js`); how long it took.
pub async fn badge_after_stop(
    client: &Client,
    ready: &str,
    stop: &actix_web::dev::ServerHandle,
) -> Duration {
    let badge = "document.querySelector('.connection-lost')";
    wait_until(
        client,
        &format!("{ready} && {badge}.hidden"),
        Duration::from_secs(5),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    stop.stop(false).await;
    wait_until(client, &format!("!{badge}.hidden"), Duration::from_secs(15)).await
}

/// Sizes the window so that the page itself (the viewport) is `width`×`height`: the
/// window size given to Chromium includes its own bars, even headless.
pub async fn viewport(client: &Client, width: u32, height: u32) {
    let inner = |client: &Client| {
        let client = client.clone();
        async move {
            let size = client
                .execute("return [window.innerWidth, window.innerHeight];", vec![])
                .await
                .expect("size");
            (
                size[0].as_u64().unwrap_or(0) as u32,
                size[1].as_u64().unwrap_or(0) as u32,
            )
        }
    };
    let (w, h) = inner(client).await;
    let (outer_w, outer_h) = client.get_window_size().await.expect("window size");
    let (outer_w, outer_h) = (outer_w as u32, outer_h as u32);
    client
        .set_window_size(outer_w + width - w, outer_h + height - h)
        .await
        .expect("resize");
    assert_eq!(inner(client).await, (width, height), "viewport");
}

/// Runs headless Chromium on `url` with `action` (`--print-to-pdf=…`, `--screenshot=…`),
/// in a profile of its own (no cached style sheet), its window 1280×2000.
pub async fn chromium(url: String, action: String) {
    let profile = tempfile::tempdir().expect("profile");
    let profile_dir = profile.path().to_path_buf();
    let printed = tokio::task::spawn_blocking(move || {
        Command::new("chromium")
            .args([
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ])
            .arg(format!("--user-data-dir={}", profile_dir.display()))
            .arg("--window-size=1280,2000")
            .arg(action)
            .arg(url)
            .output()
            .expect("chromium runs (apt-get install chromium)")
    });
    let output = tokio::time::timeout(Duration::from_secs(120), printed)
        .await
        .expect("chromium ends within two minutes")
        .expect("the chromium thread");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
