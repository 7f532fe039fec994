//! The facilitator's forms refuse what the dashboard never sends, and their effects hold
//! together: decisions on proposals are final, hidden entries leave the counts, a closed
//! workshop reopens with its activities, refused syntheses keep what was typed.

use crate::common::{self, TestApp, csv_rows, phone, post, recommendation_ids};

#[actix_web::test]
async fn switches_take_one_or_zero_and_dialects_must_be_known() {
    let app = TestApp::with_fixture().await;
    let base = &app.links.facilitator_url;
    let before = app
        .count("SELECT keywords_open + results_hidden + proposals_open FROM workshops")
        .await;
    for (path, fields) in [
        ("activities", vec![("activity", "keywords"), ("open", "2")]),
        ("activities", vec![("activity", "keywords")]),
        ("results", vec![("hidden", "oui")]),
        ("results", vec![]),
        ("proposals", vec![("open", "x")]),
        ("screen", vec![("panel", "")]),
    ] {
        let response = post(&phone(), &format!("{base}/{path}"), &fields).await;
        assert_eq!(response.status(), 400, "{path} {fields:?}");
    }
    assert_eq!(
        app.count("SELECT keywords_open + results_hidden + proposals_open FROM workshops")
            .await,
        before
    );
    let response = phone()
        .get(format!("{base}/export/votes.csv?dialect=foo"))
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 400);
    let response = phone()
        .get(format!("{base}/export/votes.csv?dialect=excel-fr"))
        .send()
        .await
        .expect("answer");
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .expect("header")
        .to_string();
    assert!(
        disposition.contains("solida-votes-excel-fr.csv"),
        "{disposition}"
    );
}

#[actix_web::test]
async fn a_decision_on_a_proposal_is_final_and_positions_follow_the_ballot() {
    let app = TestApp::with_fixture().await;
    let (base, url) = (&app.links.facilitator_url, &app.links.participant_url);
    app.post_facilitator("proposals", &[("open", "1")]).await;
    for text in ["Première idée", "Seconde idée"] {
        assert_eq!(
            post(
                &phone(),
                &format!("{url}/recommendations"),
                &[("text", text)]
            )
            .await
            .status(),
            303
        );
    }
    let dashboard = common::text(&phone(), base.as_str()).await;
    let ids: Vec<String> = dashboard
        .split("/proposals/")
        .skip(1)
        .filter_map(|r| r.split('/').next())
        .map(str::to_string)
        .fold(Vec::new(), |mut ids, id| {
            if !ids.contains(&id) {
                ids.push(id);
            }
            ids
        });
    assert_eq!(ids.len(), 2);
    assert_eq!(
        post(
            &phone(),
            &format!("{base}/proposals/{}/decline", ids[0]),
            &[]
        )
        .await
        .status(),
        303
    );
    assert_eq!(
        post(
            &phone(),
            &format!("{base}/proposals/{}/accept", ids[1]),
            &[]
        )
        .await
        .status(),
        303
    );
    let page = common::text(&phone(), url.as_str()).await;
    let recs = recommendation_ids(&page);
    assert_eq!(recs.len(), 6);
    assert_eq!(
        app.post_votes(&phone(), &[(format!("rec-{}", recs[5]).as_str(), "2")])
            .await
            .status(),
        303
    );
    // Declining an accepted recommendation (which holds dots), or accepting a declined one.
    assert_eq!(
        post(
            &phone(),
            &format!("{base}/proposals/{}/decline", ids[1]),
            &[]
        )
        .await
        .status(),
        404
    );
    assert_eq!(
        post(
            &phone(),
            &format!("{base}/proposals/{}/accept", ids[0]),
            &[]
        )
        .await
        .status(),
        404
    );
    let votes = csv_rows(&app.export("votes.csv").await);
    let accepted = votes
        .iter()
        .find(|r| r["recommendation"] == "Seconde idée")
        .expect("on the ballot");
    assert_eq!(
        (accepted["dots"].as_str(), accepted["position"].as_str()),
        ("2", "6"),
        "6th on the ballot"
    );
}

#[actix_web::test]
async fn hidden_entries_leave_the_counts_and_hidden_results_hide_supports_on_phones() {
    let app = TestApp::with_fixture().await;
    let (base, url) = (&app.links.facilitator_url, &app.links.participant_url);
    let author = phone();
    app.post_finding(&author, "constat", "Hors sujet").await;
    app.post_finding(&author, "levier", "Bon levier").await;
    let other = phone();
    let page = common::text(&other, url.as_str()).await;
    let good = page
        .split("Bon levier")
        .nth(1)
        .and_then(|r| r.split("/findings/").nth(1))
        .and_then(|r| r.split('/').next())
        .expect("support")
        .to_string();
    post(&other, &format!("{url}/findings/{good}/support"), &[]).await;
    assert!(common::text(&other, url.as_str()).await.contains(">+1<"));

    let dashboard = common::text(&phone(), base.as_str()).await;
    let hide = dashboard
        .split("Hors sujet")
        .nth(1)
        .and_then(|r| r.split("/entries/finding/").nth(1))
        .and_then(|r| r.split('"').next())
        .expect("hide")
        .to_string();
    app.post_facilitator(&format!("entries/finding/{hide}"), &[])
        .await;
    let summary = common::text(&phone(), format!("{base}/summary")).await;
    assert!(
        summary.contains("1 constat,"),
        "hidden findings leave the counts: {summary}"
    );

    app.post_facilitator("results", &[("hidden", "1")]).await;
    let page = common::text(&other, url.as_str()).await;
    assert!(
        page.contains("Bon levier"),
        "phones can still support findings"
    );
    assert!(
        !page.contains(">+1<"),
        "but see no support counts while results are hidden"
    );
}

#[actix_web::test]
async fn a_closed_workshop_reopens_with_an_activity_and_syntheses_keep_what_was_typed() {
    let app = TestApp::with_fixture().await;
    let base = &app.links.facilitator_url;
    app.post_facilitator("close", &[]).await;
    assert!(
        common::text(&phone(), base.as_str())
            .await
            .contains("Atelier clos le")
    );
    app.post_facilitator("activities", &[("activity", "votes"), ("open", "1")])
        .await;
    assert!(
        !common::text(&phone(), base.as_str())
            .await
            .contains("Atelier clos le")
    );

    let typed = format!("Début {}", "x".repeat(2000));
    let response = app
        .post_facilitator(
            "report/synthesis",
            &[("section", "findings"), ("text", &typed)],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(
        response.text().await.expect("page").contains(&typed),
        "the typed text comes back"
    );
    let response = app
        .post_facilitator("report/synthesis", &[("section", "findings")])
        .await;
    assert_eq!(
        response.status(),
        400,
        "a form without its text is not ours"
    );
}

#[actix_web::test]
async fn a_workshop_holds_at_most_forty_recommendations() {
    let app = TestApp::with_fixture().await;
    let many = (1..=41)
        .map(|n| format!("Recommandation {n}"))
        .collect::<Vec<_>>()
        .join("\n");
    let response = post(
        &phone(),
        &app.url("/new"),
        &[("title", "Trop"), ("recommendations", &many)],
    )
    .await;
    assert_eq!(response.status(), 422);
    assert!(response.text().await.expect("page").contains("40 au plus"));
}
