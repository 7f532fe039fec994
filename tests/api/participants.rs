//! What a room of phones notices: many at once, HTML shown as text, the confirmation and
//! their own entries, the language.

use crate::common::{self, TestApp, location, phone, post, recommendation_ids};
use tokio::task::JoinSet;

#[actix_web::test]
async fn forty_phones_posting_at_the_same_moment_are_all_stored() {
    let app = TestApp::with_fixture().await;
    let page = common::text(&phone(), &app.links.participant_url).await;
    let first = format!("rec-{}", recommendation_ids(&page)[0]);
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(40));
    let mut phones = JoinSet::new();
    for n in 0..40 {
        let (url, first, barrier) = (
            app.links.participant_url.clone(),
            first.clone(),
            barrier.clone(),
        );
        phones.spawn(async move {
            let phone = phone();
            barrier.wait().await;
            let keyword = format!("mot{n}");
            let a = post(&phone, &format!("{url}/keywords"), &[("keyword", &keyword)])
                .await
                .status();
            let b = post(&phone, &format!("{url}/votes"), &[(&first, "1")])
                .await
                .status();
            let c = post(
                &phone,
                &format!("{url}/findings"),
                &[("category", "levier"), ("text", "ensemble")],
            )
            .await
            .status();
            [a.as_u16(), b.as_u16(), c.as_u16()]
        });
    }
    let mut statuses = Vec::new();
    while let Some(result) = phones.join_next().await {
        statuses.push(result.expect("phone task"));
    }
    assert!(
        statuses.iter().all(|s| *s == [303, 303, 303]),
        "{statuses:?}"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM participants").await, 40);
    assert_eq!(app.count("SELECT COUNT(*) FROM keywords").await, 40);
    assert_eq!(app.count("SELECT COUNT(*) FROM findings").await, 40);
    assert_eq!(app.count("SELECT COUNT(*) FROM ballots").await, 40);
    // Pseudonyms P1…P40 are given once each, in order of arrival.
    assert_eq!(
        app.count("SELECT COUNT(DISTINCT seq) FROM participants WHERE seq BETWEEN 1 AND 40")
            .await,
        40
    );
}

#[actix_web::test]
async fn participant_html_is_shown_as_text_on_every_page() {
    let app = TestApp::with_fixture().await;
    let phone = phone();
    let url = &app.links.participant_url;
    assert_eq!(
        app.post_keywords(&phone, &["<b>gras</b>"]).await.status(),
        303
    );
    let finding = "<script>alert('x')</script>\n<img src=x onerror=alert(1)>";
    assert_eq!(
        app.post_finding(&phone, "constat", finding).await.status(),
        303
    );
    let pages = [
        url.clone(),
        format!("{url}/screen?panel=keywords"),
        format!("{url}/screen?panel=findings"),
        app.links.facilitator_url.clone(),
        format!("{}/summary", app.links.facilitator_url),
    ];
    for page in pages {
        let html = common::text(&phone, &page).await;
        assert!(!html.contains("<script>alert"), "{page}");
        assert!(!html.contains("<img src=x"), "{page}");
        assert!(!html.contains("<b>gras</b>"), "{page}");
        let shown = if page.ends_with("findings") {
            "&#60;img src=x"
        } else {
            "&#60;b&#62;gras&#60;/b&#62;"
        };
        assert!(
            html.contains(shown),
            "{page} shows the participant's text as text"
        );
    }
}

#[actix_web::test]
async fn after_sending_the_page_confirms_and_lists_what_the_phone_sent() {
    let app = TestApp::with_fixture().await;
    let phone = phone();
    let response = app
        .post_keywords(&phone, &["Essaimage", "co\u{00A0}conception", ""])
        .await;
    assert_eq!(response.status(), 303);
    let page = common::text(&phone, app.url(&location(&response))).await;
    assert!(page.contains("✓ 2 mots-clés reçus"), "{page}");
    assert!(page.contains("<li>Essaimage</li>"));
    assert!(
        page.contains("Encore 1 mot-clé possible"),
        "one box left for the third keyword"
    );

    let response = app
        .post_finding(&phone, "difficulte", "Ligne un\r\nLigne deux")
        .await;
    let page = common::text(&phone, app.url(&location(&response))).await;
    assert!(page.contains("✓ Constat reçu"));
    assert!(page.contains("<span class=\"tag\">Difficulté</span> <span class=\"multiline\">Ligne un\nLigne deux</span>"), "{page}");

    let ids = recommendation_ids(&page);
    let (a, b) = (format!("rec-{}", ids[3]), format!("rec-{}", ids[4]));
    let response = app.post_votes(&phone, &[(&a, "2"), (&b, "1")]).await;
    let page = common::text(&phone, app.url(&location(&response))).await;
    assert!(page.contains("✓ Vote reçu : 3 gommettes placées"), "{page}");
    assert!(
        page.contains(&format!("name=\"{a}\" value=\"2\" checked")),
        "the ballot shows the phone's dots"
    );
    assert!(page.contains("Remplacer mon vote"));
}

#[actix_web::test]
async fn the_participant_cookie_is_random_http_only_and_lax() {
    let app = TestApp::with_fixture().await;
    let response = reqwest::get(&app.links.participant_url)
        .await
        .expect("page");
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .expect("cookie")
        .to_string();
    let value = cookie
        .split(';')
        .next()
        .and_then(|c| c.split_once('='))
        .map(|(_, v)| v.to_string())
        .expect("value");
    // 128 random bits and the server's signature of them, in hexadecimal.
    let (token, tag) = value.split_once('.').expect("token.signature");
    assert_eq!((token.len(), tag.len()), (32, 32), "{cookie}");
    assert!(
        value.bytes().all(|b| b.is_ascii_hexdigit() || b == b'.'),
        "{cookie}"
    );
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    let other = reqwest::get(&app.links.participant_url)
        .await
        .expect("page");
    assert_ne!(
        other.headers()["set-cookie"].to_str().expect("cookie"),
        cookie
    );
    // Opening the page counts no one: a phone becomes a participant when it sends.
    assert_eq!(app.count("SELECT COUNT(*) FROM participants").await, 0);
    let phone = reqwest::Client::new();
    let sent = phone
        .post(format!("{}/keywords", app.links.participant_url))
        .header("cookie", cookie.split(';').next().expect("pair"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("keyword=premier")
        .send()
        .await
        .expect("sent");
    assert!(sent.status().is_success() || sent.status().is_redirection());
    // The database keeps only the cookie's hash.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM participants WHERE length(token_hash) = 64")
            .await,
        1
    );
    assert_eq!(
        app.count(format!(
            "SELECT COUNT(*) FROM participants WHERE token_hash = '{value}'"
        ))
        .await,
        0
    );
}

#[actix_web::test]
async fn english_is_chosen_by_accept_language_or_by_the_link() {
    let app = TestApp::with_fixture().await;
    let page = common::text(&phone(), &app.links.participant_url).await;
    assert!(page.contains("Envoyer mes mots-clés") && page.contains("<html lang=\"fr\">"));
    let page = phone()
        .get(&app.links.participant_url)
        .header("accept-language", "en-GB,en;q=0.9,fr;q=0.5")
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("text");
    assert!(
        page.contains("Send my keywords") && page.contains("<html lang=\"en\">"),
        "{page}"
    );
    let phone = phone();
    let response = phone
        .get(format!("{}?lang=en", app.links.participant_url))
        .send()
        .await
        .expect("page");
    assert!(
        response
            .headers()
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().is_ok_and(|c| c.starts_with("atelier_lang=en")))
    );
    let page = common::text(&phone, &app.links.participant_url).await;
    assert!(
        page.contains("Send my keywords"),
        "the choice is remembered"
    );
    let response = app.post_keywords(&phone, &[""]).await;
    assert!(
        response
            .text()
            .await
            .expect("page")
            .contains("Write at least one keyword.")
    );
}
