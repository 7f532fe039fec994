//! A phone joins by the projector's QR link; its keyword reaches the projector live; the
//! facilitator switches panel and the projector follows.

use std::time::{Duration, Instant};

use fantoccini::Locator;

use crate::common::TestApp;
use crate::support::{browser, save_screenshot, start_chromedriver, viewport, wait_until};

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
    // The page itself at 1280×720 (the window is larger by Chromium's own bars).
    viewport(&projector, 1280, 720).await;
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
