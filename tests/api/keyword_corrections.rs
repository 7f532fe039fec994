//! The facilitator's corrections of the keyword tally: merge, split, rename, hide, undo.
//! They are stored, survive a restart and apply to keywords that arrive later.

use std::collections::BTreeMap;

use crate::common::{self, TestApp, csv_rows, location, phone, post};
use atelier::domain::folding::{Language, folding_key};
use atelier::startup::{Application, Config};

fn key(text: &str) -> String {
    folding_key(text, Language::French)
}

async fn send(url: &str, keyword: &str) {
    let response = post(
        &phone(),
        &format!("{url}/keywords"),
        &[("keyword", keyword)],
    )
    .await;
    assert_eq!(response.status(), 303, "{keyword}");
}

async fn tally(facilitator_url: &str) -> BTreeMap<String, i64> {
    let text = phone()
        .get(format!("{facilitator_url}/export/keywords.csv"))
        .send()
        .await
        .expect("export")
        .text()
        .await
        .expect("csv");
    csv_rows(&text)
        .into_iter()
        .map(|row| (row["keyword"].clone(), row["count"].parse().expect("count")))
        .collect()
}

async fn correct(
    facilitator_url: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    post(
        &phone(),
        &format!("{facilitator_url}/keywords/{action}"),
        fields,
    )
    .await
}

fn counts(list: &[(&str, i64)]) -> BTreeMap<String, i64> {
    list.iter().map(|(k, n)| ((*k).to_string(), *n)).collect()
}

#[actix_web::test]
async fn corrections_survive_a_restart_and_apply_to_later_keywords() {
    let app = TestApp::with_fixture().await;
    let (url, facilitator) = (
        app.links.participant_url.clone(),
        app.links.facilitator_url.clone(),
    );
    for keyword in ["mobilité", "transport", "Mobilités", "côte", "côté", "vélo"] {
        send(&url, keyword).await;
    }
    assert_eq!(
        tally(&facilitator).await,
        counts(&[("mobilité", 2), ("côte", 2), ("transport", 1), ("vélo", 1)])
    );

    let merged = correct(
        &facilitator,
        "merge",
        &[
            ("from", &key("transport")),
            ("into", &key("mobilité")),
            ("label", "Mobilité et transport"),
        ],
    )
    .await;
    assert_eq!(merged.status(), 303);
    let dashboard = common::text(&phone(), app.url(&location(&merged))).await;
    assert!(dashboard.contains("✓ Groupes fusionnés."), "{dashboard}");
    assert!(dashboard.contains("« transport » fusionné dans « Mobilité et transport »"));

    assert_eq!(
        correct(&facilitator, "split", &[("spelling", "côté")])
            .await
            .status(),
        303
    );
    assert_eq!(
        correct(
            &facilitator,
            "rename",
            &[("group", &key("vélo")), ("label", "Vélo")]
        )
        .await
        .status(),
        303
    );
    assert_eq!(
        tally(&facilitator).await,
        counts(&[
            ("Mobilité et transport", 3),
            ("côte", 1),
            ("côté", 1),
            ("Vélo", 1)
        ])
    );
    assert_eq!(
        correct(&facilitator, "hide", &[("group", &key("vélo"))])
            .await
            .status(),
        303
    );
    assert!(
        !tally(&facilitator).await.contains_key("Vélo"),
        "a hidden group leaves the tally"
    );
    let summary = common::text(&phone(), format!("{facilitator}/summary")).await;
    assert!(!summary.contains("Vélo"));

    // Restart: a new server on the same database file.
    let config = Config::local(app.dir.path().join("atelier.db"));
    let restarted = Application::build(&config).expect("restart");
    let base = restarted.base_url().to_string();
    actix_web::rt::spawn(restarted.run_until_stopped());
    let (url, facilitator) = (
        format!("{base}/w/SOLIDA"),
        facilitator.replace(&app.base, &base),
    );
    send(&url, "Transports").await;
    send(&url, "Côté").await;
    send(&url, "vélos").await;
    assert_eq!(
        tally(&facilitator).await,
        counts(&[("Mobilité et transport", 4), ("côté", 2), ("côte", 1)]),
        "later keywords land in the corrected groups"
    );

    // Every correction can be undone; showing brings a hidden group back.
    assert_eq!(
        correct(&facilitator, "show", &[("group", &key("vélo"))])
            .await
            .status(),
        303
    );
    let dashboard = common::text(&phone(), &facilitator).await;
    let merge_id = dashboard
        .split("fusionné dans")
        .nth(1)
        .and_then(|rest| rest.split("name=\"correction\" value=\"").nth(1))
        .and_then(|rest| rest.split('"').next())
        .expect("the merge's undo button")
        .to_string();
    assert_eq!(
        correct(&facilitator, "undo", &[("correction", &merge_id)])
            .await
            .status(),
        303
    );
    assert_eq!(
        tally(&facilitator).await,
        counts(&[
            ("Mobilité et transport", 2),
            ("transport", 2),
            ("côté", 2),
            ("côte", 1),
            ("Vélo", 2)
        ])
    );
}

#[actix_web::test]
async fn a_correction_about_an_unknown_group_is_refused_on_the_dashboard() {
    let app = TestApp::with_fixture().await;
    send(&app.links.participant_url, "utile").await;
    let before = app.count("SELECT COUNT(*) FROM keyword_corrections").await;
    let facilitator = &app.links.facilitator_url;
    for (action, fields) in [
        ("merge", vec![("from", "inconnu"), ("into", "util")]),
        ("merge", vec![("from", "util"), ("into", "util")]),
        ("rename", vec![("group", "util"), ("label", "  ")]),
        ("split", vec![("spelling", "absent")]),
        ("undo", vec![("correction", "999")]),
    ] {
        let response = correct(facilitator, action, &fields).await;
        assert_eq!(response.status(), 422, "{action} {fields:?}");
        let page = response.text().await.expect("page");
        assert!(page.contains("class=\"error banner\""), "{page}");
    }
    assert_eq!(correct(facilitator, "explode", &[]).await.status(), 404);
    let wrong_key = app.url("/f/00000000000000000000000000000000");
    assert_eq!(
        correct(&wrong_key, "hide", &[("group", "util")])
            .await
            .status(),
        404
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM keyword_corrections").await,
        before
    );
}

#[actix_web::test]
async fn two_opposite_merges_at_once_leave_one_merge_and_a_clear_message() {
    let app = TestApp::with_fixture().await;
    for keyword in ["alpha", "beta"] {
        send(&app.links.participant_url, keyword).await;
    }
    let facilitator = app.links.facilitator_url.clone();
    let (a, b) = (key("alpha"), key("beta"));
    let (first, second) = (
        [("from", a.as_str()), ("into", b.as_str())],
        [("from", b.as_str()), ("into", a.as_str())],
    );
    let (one, two) = tokio::join!(
        correct(&facilitator, "merge", &first),
        correct(&facilitator, "merge", &second)
    );
    let mut statuses = [one.status().as_u16(), two.status().as_u16()];
    statuses.sort_unstable();
    assert!(
        statuses == [303, 409] || statuses == [303, 422],
        "{statuses:?}"
    );
    let tally = tally(&facilitator).await;
    assert_eq!(tally.len(), 1, "one group: {tally:?}");
    assert_eq!(tally.values().sum::<i64>(), 2);
}

#[actix_web::test]
async fn repeated_or_pointless_corrections_are_not_piled_up() {
    let app = TestApp::with_fixture().await;
    for keyword in ["ESS", "Habitat", "Mobilité"] {
        send(&app.links.participant_url, keyword).await;
    }
    let facilitator = app.links.facilitator_url.clone();
    for _ in 0..2 {
        assert_eq!(
            correct(&facilitator, "hide", &[("group", &key("ESS"))])
                .await
                .status(),
            303
        );
        assert_eq!(
            correct(
                &facilitator,
                "rename",
                &[("group", &key("Habitat")), ("label", "Logement")]
            )
            .await
            .status(),
            303
        );
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM keyword_corrections").await,
        2
    );
    let dashboard = common::text(&phone(), &facilitator).await;
    assert!(
        dashboard.contains("« Habitat » renommé « Logement »"),
        "the list says what it was before"
    );
    let taken = correct(
        &facilitator,
        "rename",
        &[("group", &key("Habitat")), ("label", "mobilité")],
    )
    .await;
    assert_eq!(taken.status(), 422);
    assert!(
        taken
            .text()
            .await
            .expect("page")
            .contains("Un autre groupe s&#39;appelle déjà « mobilité »")
    );
    let single = correct(&facilitator, "split", &[("spelling", "Mobilité")]).await;
    assert_eq!(single.status(), 422);
    assert!(
        single
            .text()
            .await
            .expect("page")
            .contains("Ce groupe n&#39;a qu&#39;une orthographe")
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM keyword_corrections").await,
        2
    );
}
