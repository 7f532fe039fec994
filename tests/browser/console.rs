//! The facilitator console (issue #12, item 3) at a laptop's, a projector's and a phone's
//! size: the session's controls stay in view down at the moderation lists, the exports
//! are on the first screen, a count moves when a phone sends without a reload, and the
//! most supported finding (the one leading the projector) is hidden from the top of its
//! list in one click.

use std::time::Duration;

use fantoccini::{Client, Locator};

use crate::common::{TestApp, phone, post, replay};
use crate::support::{browser, save_screenshot, start_chromedriver, wait_until};

/// A room that makes the dashboard long: the fixture's 12 phones, then 4 more phones
/// sending 15 findings each; the fixture's first finding gets 3 "+1"s. Returns its id.
async fn long_room(app: &TestApp) -> i64 {
    replay(app).await;
    for p in 0..4 {
        let phone = phone();
        for n in 0..15 {
            let text = format!(
                "Constat {n} du téléphone supplémentaire {p} : la mobilité en zone rurale reste difficile sans voiture"
            );
            let sent = app.post_finding(&phone, "difficulte", &text).await;
            assert_eq!(sent.status(), 303);
        }
    }
    let first = app.count("SELECT MIN(id) FROM findings").await;
    for _ in 0..3 {
        let supporter = phone();
        let url = app.participant(&format!("findings/{first}/support"));
        assert_eq!(post(&supporter, &url, &[]).await.status(), 303);
    }
    first
}

/// Whether the element of `css` lies wholly inside the window.
async fn in_view(client: &Client, css: &str) -> bool {
    client
        .execute(
            "const e = document.querySelector(arguments[0]); if (!e) { return false; }
             const r = e.getBoundingClientRect();
             return r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;",
            vec![css.into()],
        )
        .await
        .expect("bounds")
        .as_bool()
        == Some(true)
}

async fn number(client: &Client, script: &str) -> f64 {
    client
        .execute(&format!("return {script};"), vec![])
        .await
        .expect("script")
        .as_f64()
        .unwrap_or(f64::NAN)
}

#[actix_web::test]
#[ignore = "needs Debian's chromium and chromium-driver; run by .ci/run"]
async fn the_console_keeps_its_controls_in_view_at_every_size() {
    let app = TestApp::with_fixture().await;
    long_room(&app).await;
    let (_driver, driver_url) = start_chromedriver();
    let profiles = tempfile::tempdir().expect("profiles");
    for (width, height, mobile) in [
        (1366, 768, false),
        (1280, 720, false),
        (1920, 1080, false),
        (390, 844, true),
    ] {
        let client = browser(
            &driver_url,
            width,
            height,
            &profiles.path().join(format!("{width}")),
            mobile,
        )
        .await;
        client
            .goto(&app.links.facilitator_url)
            .await
            .expect("dashboard");
        // Nothing wider than the window.
        let overflow = number(
            &client,
            "document.documentElement.scrollWidth - window.innerWidth",
        )
        .await;
        assert!(overflow <= 0.0, "{width}×{height}: {overflow} px too wide");
        // The report, the exports and the projector switch on the first screen.
        for css in [
            ".console-links a[href$='/report']",
            ".console-links a[href='#exports']",
            ".console-links a[href*='atelier.zip']",
            "#screen button[value=votes]",
        ] {
            assert!(
                in_view(&client, css).await,
                "{width}×{height}: {css} on the first screen"
            );
        }
        save_screenshot(&client, &format!("console-{width}x{height}.png")).await;
        let page_height = number(&client, "document.documentElement.scrollHeight").await;
        // Down at the findings to moderate, the session's controls are still there
        // (on a laptop; a phone scrolls back up to them).
        client
            .execute(
                "document.getElementById('moderation-findings').scrollIntoView(); return true;",
                vec![],
            )
            .await
            .expect("scroll");
        let scrolled = number(&client, "window.scrollY").await;
        assert!(scrolled > 0.0, "{width}×{height}: the page scrolled");
        if !mobile {
            for css in [
                "#screen button[value=keywords]",
                "#results-toggle",
                "#activities form:last-of-type button",
                ".console-links a[href$='/report']",
            ] {
                assert!(
                    in_view(&client, css).await,
                    "{width}×{height}: {css} in view at the findings"
                );
            }
            let bar = number(
                &client,
                "document.querySelector('.console-bar').getBoundingClientRect().height",
            )
            .await;
            assert!(
                bar <= f64::from(height) * 0.3,
                "{width}×{height}: the bar takes {bar} px"
            );
        }
        save_screenshot(&client, &format!("console-{width}x{height}-findings.png")).await;
        println!("console {width}×{height}: page {page_height} px, findings at {scrolled} px");
        client.close().await.expect("close");
    }
}

#[actix_web::test]
#[ignore = "needs Debian's chromium and chromium-driver; run by .ci/run"]
async fn the_console_follows_the_room_and_hides_the_most_supported_finding() {
    let app = TestApp::with_fixture().await;
    let most_supported = long_room(&app).await;
    let (_driver, driver_url) = start_chromedriver();
    let profiles = tempfile::tempdir().expect("profiles");
    let client = browser(&driver_url, 1366, 768, profiles.path(), false).await;
    client
        .goto(&app.links.facilitator_url)
        .await
        .expect("dashboard");
    client
        .execute("window.__notReloaded = true; return true;", vec![])
        .await
        .expect("marker");
    let before = number(
        &client,
        "Number(document.querySelector('[data-count=keywords]').textContent)",
    )
    .await;

    // The facilitator has typed a new label for a group, not sent yet, and looks away.
    client
        .execute(
            "const box = document.querySelector('#live-groups input[name=label]');
             box.value = 'Nom en cours'; box.blur(); return true;",
            vec![],
        )
        .await
        .expect("typing");

    // A phone sends two keywords: the count and the moderation list follow, no reload.
    let late = phone();
    let sent = app
        .post_keywords(&late, &["Covoiturage", "Tiers-lieu"])
        .await;
    assert_eq!(sent.status(), 303);
    let expected = before + 2.0;
    wait_until(
        &client,
        &format!(
            "Number(document.querySelector('[data-count=keywords]').textContent) === {expected}"
        ),
        Duration::from_secs(3),
    )
    .await;
    wait_until(
        &client,
        "document.getElementById('live-keyword-entries').textContent.includes('Tiers-lieu')",
        Duration::from_secs(8),
    )
    .await;
    let kept = client
        .execute("return window.__notReloaded === true;", vec![])
        .await
        .expect("marker");
    assert_eq!(kept.as_bool(), Some(true), "updated without a reload");
    let typed = client
        .execute(
            "return document.querySelector('#live-groups input[name=label]').value;",
            vec![],
        )
        .await
        .expect("typed label");
    assert_eq!(
        typed.as_str(),
        Some("Nom en cours"),
        "what was typed is kept"
    );

    // The most supported finding leads the findings list, with its "+3".
    let first = client
        .find(Locator::Css("#live-finding-entries li"))
        .await
        .expect("a finding");
    let text = first.text().await.expect("text");
    assert!(text.starts_with("+3"), "{text}");
    let action = first
        .find(Locator::Css("form"))
        .await
        .expect("its form")
        .attr("action")
        .await
        .expect("action")
        .unwrap_or_default();
    assert!(
        action.ends_with(&format!("/entries/finding/{most_supported}/hide")),
        "{action}"
    );
    first
        .find(Locator::Css("button"))
        .await
        .expect("hide button")
        .click()
        .await
        .expect("hide");
    wait_until(
        &client,
        "document.querySelector('.console-bar .flash') && document.querySelector('.console-bar .flash').textContent.includes('Réponse masquée')",
        Duration::from_secs(5),
    )
    .await;
    assert!(
        in_view(&client, ".console-bar .flash").await,
        "the confirmation is in view"
    );
    assert_eq!(
        app.count(format!(
            "SELECT hidden FROM findings WHERE id = {most_supported}"
        ))
        .await,
        1
    );
    let url = client.current_url().await.expect("url");
    assert_eq!(url.fragment(), Some("moderation-findings"), "{url}");
    save_screenshot(&client, "console-1366x768-hidden.png").await;

    // The projector switch, pressed down at the findings, says what it did and leaves
    // the facilitator at the findings.
    client
        .find(Locator::Css("#screen button[value=votes]"))
        .await
        .expect("votes panel")
        .click()
        .await
        .expect("switch");
    wait_until(
        &client,
        "document.querySelector('.console-bar .flash') && document.querySelector('.console-bar .flash').textContent.includes('Recommandations')",
        Duration::from_secs(5),
    )
    .await;
    let url = client.current_url().await.expect("url");
    assert_eq!(url.fragment(), Some("moderation-findings"), "{url}");
    assert!(
        number(&client, "window.scrollY").await > 1000.0,
        "still down the page"
    );
    client.close().await.expect("close");
}
