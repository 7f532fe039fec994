//! The projector (issue #12) at 1280×720, 1366×768, 1920×1080 and 3840×2160, with a room
//! whose cloud holds long words, an emoji sequence and more groups than it shows, and
//! more findings than fit: no text cut or outside the screen or under the join corner,
//! "+ N autres" in view, text filling the screen, the smallest text 24 px at 1280×720
//! (scaled with the screen), a more frequent keyword never drawn smaller; and the
//! "connexion perdue" badge while the server is down, gone once it is back.

use std::time::Duration;

use atelier::domain::workshop_file;
use atelier::startup::{Application, Config};
use atelier::workshops::{self, Links};
use fantoccini::Client;
use futures_util::future::join_all;
use serde_json::Value;

use crate::common::{self, TestApp};
use crate::support::{
    badge_after_stop, browser, save_screenshot, start_chromedriver, viewport, wait_until,
};

/// A 60-character word, sent by 12 phones: the issue's cloud drew it at 27 px.
const LONG_WORD: &str = "coconstructionterritorialedesservicesdeproximitesolidaireabc";

/// The fixture's room, plus 90 phones: 12 send "Anticonstitutionnellement" and the
/// 60-character word, 4 "mobilité", 3 a family emoji, each its own word too (so the
/// cloud holds more groups than it shows), and 60 of them a finding, one in four long
/// and supported by three more phones.
async fn fill(app: &TestApp) {
    common::replay(app).await;
    let sent = (0..90).map(|i| async move {
        let phone = common::phone();
        let own = format!("thème{i}");
        let mut words = vec![own.as_str()];
        if i < 12 {
            words.extend(["Anticonstitutionnellement", LONG_WORD]);
        } else if i < 16 {
            words.push("mobilité");
        } else if i < 19 {
            words.push("👨‍👩‍👧‍👦");
        }
        let response = app.post_keywords(&phone, &words).await;
        assert_eq!(response.status(), 303, "keywords of phone {i}");
        if i < 60 {
            let category = ["constat", "difficulte", "levier"][i % 3];
            let text = if i % 4 == 0 {
                format!(
                    "Finding {i}: les petites communes manquent d'ingénierie pour monter des \
                     projets de coopération et répondre aux appels à projets européens."
                )
            } else {
                format!("Constat court {i} sur l'entraide")
            };
            let response = app.post_finding(&phone, category, &text).await;
            assert_eq!(response.status(), 303, "finding of phone {i}");
        }
    });
    join_all(sent).await;
    // Three phones give a "+1" to each long finding: they lead their columns, so the
    // projector must fit long texts (the second one shortened to the lines left).
    for supporter in 0..3 {
        let phone = common::phone();
        for i in (0..60).step_by(4) {
            let id = app
                .count(format!(
                    "SELECT id FROM findings WHERE text LIKE 'Finding {i}:%'"
                ))
                .await;
            let url = app.participant(&format!("findings/{id}/support"));
            let response = common::post(&phone, &url, &[]).await;
            assert_eq!(response.status(), 303, "support {supporter} of {i}");
        }
    }
}

/// What is wrong on the projector now, by the rules above, and figures to print.
async fn check(client: &Client, panel: &str) -> Value {
    client
        .execute(
            r#"
const W = innerWidth, H = innerHeight, scale = Math.min(W / 1280, H / 720);
const corner = document.querySelector('.join-corner');
const c = corner && getComputedStyle(corner).display !== 'none' ? corner.getBoundingClientRect() : null;
const problems = [];
let minFont = 1e9, bottom = 0;
for (const el of document.querySelectorAll('main *')) {
  if (el.closest('[hidden], .visually-hidden')) continue;
  const texts = [...el.childNodes].filter(n => n.nodeType === 3 && n.textContent.trim());
  if (!texts.length) continue;
  minFont = Math.min(minFont, parseFloat(getComputedStyle(el).fontSize));
  for (const t of texts) {
    const range = document.createRange();
    range.selectNodeContents(t);
    for (const r of range.getClientRects()) {
      if (r.width === 0 || r.height === 0) continue;
      const where = t.textContent.trim().slice(0, 40) + ' ' + [r.left, r.top, r.right, r.bottom].map(Math.round);
      if (r.left < -1 || r.top < -1 || r.right > W + 1 || r.bottom > H + 1) problems.push('outside the screen: ' + where);
      if (c && !corner.contains(el) && r.left < c.right && r.right > c.left && r.top < c.bottom && r.bottom > c.top)
        problems.push('under the join corner: ' + where);
      if (!corner || !corner.contains(el)) bottom = Math.max(bottom, r.bottom);
    }
  }
}
for (const el of document.querySelectorAll('main, main *')) {
  const s = getComputedStyle(el);
  if (el.closest('.visually-hidden')) continue;
  if ((s.overflowX !== 'visible' || s.overflowY !== 'visible') && !(el instanceof SVGElement)
      && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1))
    problems.push('cut by its box: ' + el.tagName + '.' + el.className);
}
const words = [...document.querySelectorAll('.cloud li')].map(li =>
  [parseInt(li.title, 10), parseFloat(getComputedStyle(li).fontSize), li.textContent]);
for (const a of words) for (const b of words)
  if (a[0] > b[0] && a[1] < b[1] - 0.5) problems.push(`"${a[2]}" ×${a[0]} at ${a[1]} px is smaller than "${b[2]}" ×${b[0]} at ${b[1]} px`);
if (minFont < 24 * scale - 0.5) problems.push('text at ' + minFont + ' px, under ' + (24 * scale));
const more = [...document.querySelectorAll('.more')].map(m => m.textContent.trim());
return { problems, size: [W, H], minFont, fill: bottom / H, more,
         words: words.length, biggest: words.length ? Math.max(...words.map(w => w[1])) : 0 };
"#,
            vec![],
        )
        .await
        .unwrap_or_else(|e| panic!("checks of {panel}: {e}"))
}

#[actix_web::test]
#[ignore = "needs Debian's chromium and chromium-driver; run by .ci/run"]
async fn the_projector_fills_every_screen_without_cutting_text_and_says_when_it_lost_the_server() {
    // The server is started here rather than by `TestApp::with_fixture`, to keep the
    // handle that stops it.
    let dir = tempfile::tempdir().expect("temporary directory");
    let config = Config::local(dir.path().join("atelier.db"));
    let server = Application::build(&config).expect("server starts");
    let base = server.base_url().to_string();
    let port = server.port();
    let store = server.store().clone();
    let stop = server.server_handle();
    let broadcasts = server.broadcasts();
    actix_web::rt::spawn(server.run_until_stopped());
    let workshop = workshop_file::parse(common::FIXTURE).expect("valid workshop");
    let created = workshops::create(&store, workshop).await.expect("imported");
    let links = Links::new(&base, &created.join_code, &created.facilitator_key);
    let app = TestApp {
        base,
        store,
        links,
        dir,
        broadcasts,
    };
    for activity in ["keywords", "findings", "votes"] {
        app.post_facilitator("activities", &[("activity", activity), ("open", "1")])
            .await;
    }
    fill(&app).await;

    let (_driver, driver_url) = start_chromedriver();
    let profiles = tempfile::tempdir().expect("profiles");
    let mut failures = Vec::new();
    for (width, height) in [(1280, 720), (1366, 768), (1920, 1080), (3840, 2160)] {
        let profile = profiles.path().join(format!("p{width}"));
        let projector = browser(&driver_url, width, height, &profile, false).await;
        projector
            .goto(&app.links.projector_url)
            .await
            .expect("projector page");
        viewport(&projector, width, height).await;
        for panel in ["keywords", "findings", "votes", "join", "hidden"] {
            if panel == "hidden" {
                app.post_facilitator("results", &[("hidden", "1")]).await;
            }
            let shown = if panel == "hidden" { "keywords" } else { panel };
            projector
                .goto(&format!("{}?panel={shown}", app.links.projector_url))
                .await
                .expect("projector page");
            wait_until(
                &projector,
                &format!("document.querySelector('[data-panel={shown}]')"),
                Duration::from_secs(5),
            )
            .await;
            let report = check(&projector, panel).await;
            println!("{width}×{height} {panel}: {report}");
            save_screenshot(
                &projector,
                &format!("projector-{panel}-{width}x{height}.png"),
            )
            .await;
            for problem in report["problems"].as_array().into_iter().flatten() {
                failures.push(format!("{width}×{height} {panel}: {problem}"));
            }
            let fill = report["fill"].as_f64().unwrap_or(0.0);
            if ["keywords", "findings", "votes"].contains(&panel) && fill < 0.5 {
                failures.push(format!(
                    "{width}×{height} {panel}: text ends at {fill:.2} of the screen"
                ));
            }
            let more = report["more"].as_array().map_or(0, Vec::len);
            if (panel == "keywords" && more != 1) || (panel == "findings" && more != 3) {
                failures.push(format!(
                    "{width}×{height} {panel}: \"+ N autres\" shown {more} times"
                ));
            }
            if panel == "hidden" {
                app.post_facilitator("results", &[("hidden", "0")]).await;
            }
        }
        projector.close().await.expect("close projector");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // The server stops: the projector says so; it comes back: the badge goes.
    let projector = browser(&driver_url, 1280, 720, &profiles.path().join("lost"), false).await;
    projector
        .goto(&app.links.projector_url)
        .await
        .expect("projector page");
    viewport(&projector, 1280, 720).await;
    let waited =
        badge_after_stop(&projector, "document.querySelector('[data-panel]')", &stop).await;
    println!("server stopped: the badge showed after {waited:?}");
    let inside = check(&projector, "lost").await;
    assert!(
        inside["problems"].as_array().is_none_or(Vec::is_empty),
        "{inside}"
    );
    save_screenshot(&projector, "projector-connection-lost-1280x720.png").await;

    let config = Config {
        bind: format!("127.0.0.1:{port}"),
        ..Config::local(app.dir.path().join("atelier.db"))
    };
    let again = Application::build(&config).expect("server starts again");
    actix_web::rt::spawn(again.run_until_stopped());
    let waited = wait_until(
        &projector,
        "document.querySelector('.connection-lost').hidden",
        Duration::from_secs(15),
    )
    .await;
    println!("server back: the badge went after {waited:?}");
    projector.close().await.expect("close projector");
}
