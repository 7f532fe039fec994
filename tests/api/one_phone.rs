//! One phone, one voice (issue #10): identity only from the page's cookie, form tokens
//! that never swallow new text, a workshop's capacity.

use crate::common::{self, TestApp, phone, post};

/// A body posted with no cookie at all, as a script would.
async fn post_without_cookie(url: &str, body: &str) -> reqwest::Response {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
        .post(url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.to_string())
        .send()
        .await
        .expect("answer")
}

#[actix_web::test]
async fn ballots_and_keywords_without_the_pages_cookie_count_nothing() {
    let app = TestApp::with_fixture().await;
    let page = common::text(&phone(), &app.links.participant_url).await;
    let recs = common::recommendation_ids(&page);
    let before = app.snapshot().await;
    let ballot = format!("rec-{}=2&rec-{}=1", recs[0], recs[1]);
    for _ in 0..3 {
        let response = post_without_cookie(&app.participant("votes"), &ballot).await;
        assert_eq!(response.status(), 403);
        let text = response.text().await.expect("page");
        assert!(text.contains("Rechargez la page pour participer"), "{text}");
    }
    let forged = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
        .post(app.participant("keywords"))
        .header(
            "cookie",
            "atelier_participant=0123456789abcdef0123456789abcdef.00",
        )
        .header("content-type", "application/x-www-form-urlencoded")
        .body("keyword=pirate")
        .send()
        .await
        .expect("answer");
    assert_eq!(forged.status(), 403);
    assert_eq!(
        app.snapshot().await,
        before,
        "nothing stored, no participant"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM participants").await, 0);
}

#[actix_web::test]
async fn a_form_token_of_another_phone_is_refused() {
    let app = TestApp::with_fixture().await;
    let (mine, other) = (phone(), phone());
    let page = common::text(&mine, &app.links.participant_url).await;
    let token = form_token(&page);
    common::join(&other, &app.participant("keywords")).await;
    let response = post(
        &other,
        &app.participant("keywords"),
        &[("form_token", &token), ("keyword", "emprunt")],
    )
    .await;
    assert_eq!(response.status(), 403);
    assert_eq!(app.count("SELECT COUNT(*) FROM keywords").await, 0);
}

fn form_token(page: &str) -> String {
    page.split("name=\"form_token\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a form token")
        .to_string()
}

#[actix_web::test]
async fn a_stale_form_sent_again_with_new_text_stores_it() {
    let app = TestApp::with_fixture().await;
    let phone = phone();
    let page = common::text(&phone, &app.links.participant_url).await;
    // The findings form is the second form with a token.
    let token = page
        .split("name=\"form_token\" value=\"")
        .nth(2)
        .and_then(|rest| rest.split('"').next())
        .expect("the finding form's token")
        .to_string();
    let url = app.participant("findings");
    let a = [
        ("form_token", token.as_str()),
        ("category", "levier"),
        ("text", "Finding A"),
    ];
    assert_eq!(post(&phone, &url, &a).await.status(), 303);
    // The same form again (double tap): counted once.
    let again = post(&phone, &url, &a).await;
    assert!(common::location(&again).contains("sent=repeated"));
    // Back button, new text, same token: stored, never dropped.
    let b = [
        ("form_token", token.as_str()),
        ("category", "levier"),
        ("text", "Finding B"),
    ];
    let response = post(&phone, &url, &b).await;
    assert_eq!(response.status(), 303);
    assert!(!common::location(&response).contains("repeated"));
    assert_eq!(app.count("SELECT COUNT(*) FROM findings").await, 2);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM findings WHERE text = 'Finding B'")
            .await,
        1
    );
}

#[actix_web::test]
async fn the_twenty_first_phone_of_a_twenty_place_workshop_is_refused() {
    let toml = common::FIXTURE.replacen("[workshop]\n", "[workshop]\nmax_participants = 20\n", 1);
    let app = TestApp::with_workshop(&toml).await;
    let phones: Vec<_> = (0..20).map(|_| phone()).collect();
    for (n, phone) in phones.iter().enumerate() {
        let keyword = format!("mot{n}");
        let response = app.post_keywords(phone, &[keyword.as_str()]).await;
        assert_eq!(response.status(), 303, "phone {n}");
    }
    // The 21st phone reads that the workshop is full, and can send nothing.
    let late = phone();
    let response = late
        .get(&app.links.participant_url)
        .send()
        .await
        .expect("page");
    assert_eq!(response.status(), 403);
    let text = response.text().await.expect("page");
    assert!(text.contains("complet"), "{text}");
    assert_eq!(app.post_keywords(&late, &["tard"]).await.status(), 403);
    assert_eq!(app.count("SELECT COUNT(*) FROM participants").await, 20);
    // The 20 others keep working.
    for phone in &phones {
        assert_eq!(app.post_keywords(phone, &["encore"]).await.status(), 303);
    }
}
