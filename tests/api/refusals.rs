//! Every refusal of issue #2: its status, its French message beside the field, what was
//! typed still in the form, and the database left as it was.

use crate::common::{self, TestApp, location, phone, post};

/// Posts `fields` to `/w/SOLIDA/{form}` from a phone that opened the page first, and
/// checks status, message and that nothing was stored.
async fn refused(
    app: &TestApp,
    form: &str,
    fields: &[(&str, &str)],
    status: u16,
    message: &str,
) -> String {
    let phone = phone();
    phone
        .get(&app.links.participant_url)
        .send()
        .await
        .expect("page");
    let before = app.snapshot().await;
    let response = post(&phone, &app.participant(form), fields).await;
    assert_eq!(response.status(), status, "{form} {fields:?}");
    let page = response.text().await.expect("page");
    assert!(page.contains(message), "expected «{message}» in:\n{page}");
    assert_eq!(
        app.snapshot().await,
        before,
        "a refused request stored nothing"
    );
    page
}

#[actix_web::test]
async fn a_blank_keyword_is_refused() {
    let app = TestApp::with_fixture().await;
    refused(
        &app,
        "keywords",
        &[("keyword", " \u{200B} "), ("keyword", "")],
        422,
        "Écrivez au moins un mot-clé.",
    )
    .await;
}

#[actix_web::test]
async fn a_keyword_over_60_characters_is_refused_and_stays_in_its_box() {
    let app = TestApp::with_fixture().await;
    let long = "é".repeat(61);
    let page = refused(
        &app,
        "keywords",
        &[("keyword", "utile"), ("keyword", &long)],
        422,
        "Un mot-clé tient en 60 caractères au plus.",
    )
    .await;
    assert!(
        page.contains(&format!("value=\"{long}\"")),
        "the typed keyword is kept"
    );
    assert!(page.contains("value=\"utile\""));
    // Only the box at fault is marked invalid.
    assert_eq!(page.matches("aria-invalid=\"true\"").count(), 1, "{page}");
}

#[actix_web::test]
async fn too_many_keywords_are_refused() {
    let app = TestApp::with_fixture().await;
    let phone = phone();
    assert_eq!(
        app.post_keywords(&phone, &["un", "deux"]).await.status(),
        303
    );
    let before = app.snapshot().await;
    let response = app.post_keywords(&phone, &["trois", "quatre"]).await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.expect("page");
    assert!(
        page.contains("Vous pouvez envoyer 3 mots-clés au plus, et vous en avez déjà envoyé 2."),
        "{page}"
    );
    assert!(page.contains("value=\"quatre\""));
    assert_eq!(app.snapshot().await, before);
    // Four boxes at once is also too many.
    refused(
        &app,
        "keywords",
        &[
            ("keyword", "a1"),
            ("keyword", "a2"),
            ("keyword", "a3"),
            ("keyword", "a4"),
        ],
        422,
        "Vous pouvez envoyer 3 mots-clés au plus.",
    )
    .await;
}

#[actix_web::test]
async fn a_keyword_sent_twice_by_the_same_phone_is_refused() {
    let app = TestApp::with_fixture().await;
    let phone = phone();
    let url = app.participant("keywords");
    assert_eq!(app.post_keywords(&phone, &["Utile"]).await.status(), 303);
    // The same spelling, one that folds alike, or the same keyword twice in one form.
    let cases: [(&[(&str, &str)], &str); 3] = [
        (&[("keyword", "utile ")], "Vous avez déjà envoyé « Utile »."),
        (&[("keyword", "Utiles")], "Vous avez déjà envoyé « Utile »."),
        (
            &[("keyword", "deux"), ("keyword", "Deux")],
            "« deux » est deux fois dans votre envoi.",
        ),
    ];
    for (fields, message) in cases {
        let response = post(&phone, &url, fields).await;
        assert_eq!(response.status(), 422, "{fields:?}");
        let page = response.text().await.expect("page");
        assert!(page.contains(message), "{page}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM keywords").await, 1);
}

#[actix_web::test]
async fn a_finding_over_1000_characters_is_refused_and_kept_in_the_form() {
    let app = TestApp::with_fixture().await;
    let long = "a".repeat(1001);
    let page = refused(
        &app,
        "findings",
        &[("category", "constat"), ("text", &long)],
        422,
        "Un constat tient en 1000 caractères au plus.",
    )
    .await;
    assert!(page.contains(&format!(">{long}</textarea>")));
    assert!(
        page.contains("value=\"constat\" checked"),
        "the chosen category stays chosen"
    );
}

#[actix_web::test]
async fn a_finding_in_an_unknown_category_is_refused() {
    let app = TestApp::with_fixture().await;
    let page = refused(
        &app,
        "findings",
        &[("category", "opinion"), ("text", "Un vrai constat")],
        422,
        "Choisissez une catégorie.",
    )
    .await;
    assert!(page.contains(">Un vrai constat</textarea>"));
    refused(
        &app,
        "findings",
        &[("text", "Sans catégorie")],
        422,
        "Choisissez une catégorie.",
    )
    .await;
}

#[actix_web::test]
async fn a_ballot_over_budget_is_refused_with_the_dots_kept() {
    let app = TestApp::with_fixture().await;
    let ids = recommendation_ids(&app).await;
    let (a, b) = (format!("rec-{}", ids[0]), format!("rec-{}", ids[1]));
    let page = refused(
        &app,
        "votes",
        &[(&a, "2"), (&b, "2")],
        422,
        "Vous avez placé 4 gommettes, pour 3 disponibles.",
    )
    .await;
    assert!(
        page.contains(&format!("name=\"{a}\" value=\"2\" checked")),
        "{page}"
    );
    refused(
        &app,
        "votes",
        &[(&a, "3")],
        422,
        "2 gommettes au plus sur une même recommandation.",
    )
    .await;
}

#[actix_web::test]
async fn negative_or_non_numeric_dots_are_refused() {
    let app = TestApp::with_fixture().await;
    let ids = recommendation_ids(&app).await;
    let a = format!("rec-{}", ids[0]);
    refused(
        &app,
        "votes",
        &[(&a, "-1")],
        422,
        "Le nombre de gommettes ne peut pas être négatif.",
    )
    .await;
    refused(
        &app,
        "votes",
        &[(&a, "deux")],
        422,
        "Indiquez un nombre entier de gommettes.",
    )
    .await;
    refused(
        &app,
        "votes",
        &[(&a, "0")],
        422,
        "Placez au moins une gommette.",
    )
    .await;
}

#[actix_web::test]
async fn a_ballot_naming_an_unknown_recommendation_is_malformed() {
    let app = TestApp::with_fixture().await;
    refused(
        &app,
        "votes",
        &[("rec-999999", "1")],
        400,
        "Formulaire illisible",
    )
    .await;
}

#[actix_web::test]
async fn the_same_ballot_sent_twice_counts_once() {
    let app = TestApp::with_fixture().await;
    let ids = recommendation_ids(&app).await;
    let phone = phone();
    let fields = [
        (format!("rec-{}", ids[0]), "2"),
        (format!("rec-{}", ids[1]), "1"),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (n.as_str(), *v)).collect();
    assert_eq!(app.post_votes(&phone, &fields).await.status(), 303);
    assert_eq!(app.post_votes(&phone, &fields).await.status(), 303);
    assert_eq!(
        app.count("SELECT COUNT(DISTINCT participant_id) FROM ballots")
            .await,
        1
    );
    assert_eq!(app.count("SELECT SUM(dots) FROM ballots").await, 3);
    // A new ballot replaces the earlier one.
    assert_eq!(
        app.post_votes(&phone, &[(fields[1].0, "1")]).await.status(),
        303
    );
    assert_eq!(app.count("SELECT SUM(dots) FROM ballots").await, 1);
}

#[actix_web::test]
async fn the_same_keyword_form_sent_twice_is_stored_once() {
    let app = TestApp::with_fixture().await;
    let phone = phone();
    let url = app.participant("keywords");
    let page = common::text(&phone, &app.links.participant_url).await;
    let token = page
        .split("name=\"form_token\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the keyword form's token")
        .to_string();
    let fields = [("form_token", token.as_str()), ("keyword", "réseau")];
    assert_eq!(post(&phone, &url, &fields).await.status(), 303);
    let again = post(&phone, &url, &fields).await;
    assert_eq!(again.status(), 303);
    let location = location(&again);
    assert!(location.contains("sent=repeated"), "{location}");
    assert_eq!(app.count("SELECT COUNT(*) FROM keywords").await, 1);
    let page = common::text(&phone, app.url(&location)).await;
    assert!(
        page.contains("Déjà reçu : rien n&#39;a été compté deux fois."),
        "{page}"
    );
}

#[actix_web::test]
async fn a_cross_site_post_is_forbidden() {
    let app = TestApp::with_fixture().await;
    let before = app.snapshot().await;
    let phone = phone();
    common::join(&phone, &app.participant("keywords")).await;
    let response = phone
        .post(app.participant("keywords"))
        .header("origin", "http://evil.example")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("keyword=pirate")
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 403);
    assert!(
        response
            .text()
            .await
            .expect("page")
            .contains("Envoi refusé")
    );
    assert_eq!(app.snapshot().await, before);
    // The same POST from our own origin goes through.
    let ours = phone
        .post(app.participant("keywords"))
        .header("origin", app.base.clone())
        .header("content-type", "application/x-www-form-urlencoded")
        .body("keyword=ami")
        .send()
        .await
        .expect("answer");
    assert_eq!(ours.status(), 303);
}

#[actix_web::test]
async fn an_unknown_join_code_gets_a_french_404_page() {
    let app = TestApp::with_fixture().await;
    let before = app.snapshot().await;
    for path in ["/w/NOPE42", "/w/x", "/w/%3Cscript%3E"] {
        let response = phone().get(app.url(path)).send().await.expect("answer");
        assert_eq!(response.status(), 404, "{path}");
        let page = response.text().await.expect("page");
        assert!(page.contains("Atelier introuvable"), "{page}");
        assert!(!page.contains("<script>"));
    }
    let response = post(
        &phone(),
        &app.url("/w/NOPE42/keywords"),
        &[("keyword", "x")],
    )
    .await;
    assert_eq!(response.status(), 404);
    let response = phone()
        .get(app.url("/join?code=nope42"))
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 404);
    assert!(
        response
            .text()
            .await
            .expect("page")
            .contains("value=\"nope42\""),
        "the typed code stays in the box"
    );
    assert_eq!(app.snapshot().await, before);
}

#[actix_web::test]
async fn a_wrong_facilitator_key_is_a_plain_404() {
    let app = TestApp::with_fixture().await;
    for key in [
        "00000000000000000000000000000000",
        "short",
        "../../etc/passwd",
    ] {
        for suffix in ["", "/summary", "/export/votes.csv"] {
            let response = phone()
                .get(app.url(&format!("/f/{key}{suffix}")))
                .send()
                .await
                .expect("answer");
            assert_eq!(response.status(), 404, "{key}{suffix}");
            assert!(
                !response
                    .text()
                    .await
                    .expect("body")
                    .contains("Un besoin de volonté politique")
            );
        }
    }
}

#[actix_web::test]
async fn the_join_box_leads_to_the_workshop_whatever_the_case() {
    let app = TestApp::with_fixture().await;
    let response = phone()
        .get(app.url("/join?code=+sol-ida+"))
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/w/SOLIDA");
    let response = phone()
        .get(app.url("/w/solida"))
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 200);
}

async fn recommendation_ids(app: &TestApp) -> Vec<i64> {
    let page = common::text(&phone(), &app.links.participant_url).await;
    common::recommendation_ids(&page)
}

#[actix_web::test]
async fn a_form_that_is_not_utf8_is_malformed_and_stores_nothing() {
    let app = TestApp::with_fixture().await;
    let phone = phone();
    let before = app.snapshot().await;
    for body in [
        &b"keyword=ab%FFcd"[..],
        &b"keyword=caf\xe9"[..],
        &b"category=constat&text=%C3"[..],
    ] {
        let path = if body.starts_with(b"keyword") {
            "keywords"
        } else {
            "findings"
        };
        let response = phone
            .post(app.participant(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.to_vec())
            .send()
            .await
            .expect("answer");
        assert_eq!(response.status(), 400, "{body:?}");
        assert!(
            response
                .text()
                .await
                .expect("page")
                .contains("Formulaire illisible")
        );
    }
    assert_eq!(app.snapshot().await, before);
}

#[actix_web::test]
async fn a_body_over_64_kilobytes_gets_a_french_413_page() {
    let app = TestApp::with_fixture().await;
    let before = app.snapshot().await;
    let text = "a".repeat(70_000);
    let response = app.post_finding(&phone(), "constat", &text).await;
    assert_eq!(response.status(), 413);
    assert!(
        response
            .text()
            .await
            .expect("page")
            .contains("Envoi trop long")
    );
    assert_eq!(app.snapshot().await, before);
}

#[actix_web::test]
async fn head_wrong_methods_trailing_slashes_and_reopened_form_addresses_behave() {
    let app = TestApp::with_fixture().await;
    let client = phone();
    for path in ["/", "/w/SOLIDA", "/w/SOLIDA/screen", "/static/style.css"] {
        let response = client.head(app.url(path)).send().await.expect("answer");
        assert_eq!(response.status(), 200, "HEAD {path}");
    }
    let response = client
        .head(&app.links.facilitator_url)
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 200);
    let response = client
        .put(app.participant("keywords"))
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 405);
    assert!(
        response
            .text()
            .await
            .expect("page")
            .contains("Action impossible")
    );
    let response = client
        .get(app.url("/w/SOLIDA/"))
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 200, "a trailing slash is forgiven");
    // The address left in the bar after a refused form leads back to the workshop.
    let response = client
        .get(app.participant("keywords"))
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/w/SOLIDA");
}

#[actix_web::test]
async fn each_form_of_a_page_has_its_own_token() {
    let app = TestApp::with_fixture().await;
    let phone = phone();
    let page = common::text(&phone, &app.links.participant_url).await;
    let tokens: Vec<&str> = page
        .split("name=\"form_token\" value=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert!(tokens.len() >= 3, "{tokens:?}");
    let (keywords, finding) = (tokens[0], tokens[1]);
    assert_ne!(keywords, finding);
    assert_eq!(
        post(
            &phone,
            &app.participant("keywords"),
            &[("form_token", keywords), ("keyword", "premier")]
        )
        .await
        .status(),
        303
    );
    // The finding form of the same page is not taken for a repeat of the keyword form.
    let response = post(
        &phone,
        &app.participant("findings"),
        &[
            ("form_token", finding),
            ("category", "constat"),
            ("text", "pas perdu"),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    assert!(!location(&response).contains("repeated"));
    assert_eq!(app.count("SELECT COUNT(*) FROM findings").await, 1);
}

#[actix_web::test]
async fn a_keyword_past_the_quota_says_why() {
    let app = TestApp::with_fixture().await;
    let phone = phone();
    let sent = app.post_keywords(&phone, &["un", "deux", "trois"]).await;
    assert_eq!(sent.status(), 303);
    let response = app.post_keywords(&phone, &["quatre"]).await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.expect("page");
    assert!(
        page.contains("Vous pouvez envoyer 3 mots-clés au plus, et vous en avez déjà envoyé 3."),
        "{page}"
    );
}
