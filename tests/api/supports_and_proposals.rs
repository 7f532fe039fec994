//! "+1, moi aussi" on findings, and recommendations proposed by participants.

use crate::common::{TestApp, csv_rows, phone, post, recommendation_ids, text as page};

/// The id of the finding whose text is `text`, from a phone's page.
fn finding_id(page: &str, text: &str) -> String {
    let after = page.split(text).nth(1).expect("the finding is listed");
    after
        .split("/findings/")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .expect("its support button")
        .to_string()
}

#[actix_web::test]
async fn a_phone_supports_a_finding_once_and_the_summary_orders_by_support() {
    let app = TestApp::with_fixture().await;
    let url = app.links.participant_url.clone();
    let (author, other, third) = (phone(), phone(), phone());
    app.post_finding(&author, "levier", "Premier levier").await;
    app.post_finding(&author, "levier", "Second levier").await;

    let seen = page(&other, &url).await;
    assert!(seen.contains("Les constats de la salle"));
    let second = finding_id(&seen, "Second levier");
    let support = format!("{url}/findings/{second}/support");
    assert_eq!(post(&other, &support, &[]).await.status(), 303);
    assert_eq!(
        post(&other, &support, &[]).await.status(),
        303,
        "a second +1 is accepted"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM finding_supports").await,
        1,
        "and counted once"
    );
    assert!(page(&other, &url).await.contains("vous l&#39;avez soutenu"));

    // The author cannot support their own finding.
    let before = app.snapshot().await;
    let response = post(&author, &support, &[]).await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .expect("page")
            .contains("C&#39;est votre propre constat")
    );
    assert_eq!(app.snapshot().await, before);
    assert_eq!(
        post(&third, &format!("{url}/findings/999999/support"), &[])
            .await
            .status(),
        404
    );
    assert_eq!(
        post(&third, &format!("{url}/findings/abc/support"), &[])
            .await
            .status(),
        404
    );

    // The summary lists the supported finding first in its category.
    let summary = page(&phone(), &app.facilitator("summary")).await;
    let (first, second) = (
        summary.find("Second levier").expect("second"),
        summary.find("Premier levier").expect("first"),
    );
    assert!(first < second, "most supported first");
    let findings = csv_rows(&app.export("findings.csv").await);
    let row = findings
        .iter()
        .find(|r| r["text"] == "Second levier")
        .expect("row");
    assert_eq!(row["supports"], "1");
}

#[actix_web::test]
async fn a_proposed_recommendation_reaches_the_ballot_once_accepted() {
    let app = TestApp::with_fixture().await;
    let url = app.links.participant_url.clone();
    let facilitator = app.links.facilitator_url.clone();
    let proposer = phone();

    // Closed by default.
    let response = post(
        &proposer,
        &format!("{url}/recommendations"),
        &[("text", "Mutualiser les postes")],
    )
    .await;
    assert_eq!(response.status(), 409);
    let page_text = response.text().await.expect("page");
    assert!(
        page_text.contains("Les propositions sont fermées"),
        "{page_text}"
    );
    assert!(!page_text.contains("Proposer une recommandation"));

    assert_eq!(
        app.post_facilitator("proposals", &[("open", "1")])
            .await
            .status(),
        303
    );
    assert!(
        page(&proposer, &url)
            .await
            .contains("Proposer une recommandation")
    );
    let response = post(
        &proposer,
        &format!("{url}/recommendations"),
        &[("text", "  ")],
    )
    .await;
    assert_eq!(response.status(), 422);
    let response = post(
        &proposer,
        &format!("{url}/recommendations"),
        &[("text", "Mutualiser les postes")],
    )
    .await;
    assert_eq!(response.status(), 303);
    let mine = page(&proposer, &url).await;
    assert!(
        mine.contains("Mutualiser les postes — <em>en attente</em>"),
        "{mine}"
    );
    assert_eq!(
        recommendation_ids(&mine).len(),
        5,
        "not on the ballot before it is accepted"
    );

    let dashboard = page(&phone(), &facilitator).await;
    let id = dashboard
        .split("/proposals/")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .expect("accept button")
        .to_string();
    assert_eq!(
        app.post_facilitator(&format!("proposals/{id}/accept"), &[])
            .await
            .status(),
        303,
        "{id}"
    );
    let ballot = page(&phone(), &url).await;
    let ids = recommendation_ids(&ballot);
    assert_eq!(ids.len(), 6);
    assert_eq!(
        ids[5].to_string(),
        id,
        "accepted proposals join the ballot last"
    );
    assert_eq!(
        app.post_votes(&phone(), &[(format!("rec-{id}").as_str(), "2")])
            .await
            .status(),
        303
    );
    let votes = csv_rows(&app.export("votes.csv").await);
    assert_eq!(votes[0]["recommendation"], "Mutualiser les postes");
    assert_eq!(
        app.post_facilitator("proposals/99999/accept", &[])
            .await
            .status(),
        404
    );
}
