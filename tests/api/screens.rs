//! The phone and the projector as a room uses them (issue #12), on the server's side: the
//! open activities first, the room's findings folded and never the phone's own, a refused
//! form coming back at its own message, the live results for the phone's script, the
//! workshop's language on its content, one `h1` and no XML declaration in a page.

use crate::common::{self, TestApp, location, phone, post};

/// Opens (`true`) or closes each activity, as the facilitator does.
async fn set_open(app: &TestApp, keywords: bool, findings: bool, votes: bool) {
    for (activity, open) in [
        ("keywords", keywords),
        ("findings", findings),
        ("votes", votes),
    ] {
        let open = if open { "1" } else { "0" };
        let response = app
            .post_facilitator("activities", &[("activity", activity), ("open", open)])
            .await;
        assert_eq!(response.status(), 303, "{activity}");
    }
}

/// Where `needle` first appears in `page`, or a panic naming it.
fn at(page: &str, needle: &str) -> usize {
    page.find(needle)
        .unwrap_or_else(|| panic!("{needle} is not in the page"))
}

#[actix_web::test]
async fn the_open_activities_come_first_with_links_to_each_card() {
    let app = TestApp::with_fixture().await;
    set_open(&app, false, true, true).await;
    let page = common::text(&phone(), &app.links.participant_url).await;
    // Cards: findings and vote (open) before keywords (closed); links in the same order.
    assert!(at(&page, "id=\"findings\"") < at(&page, "id=\"vote\""));
    assert!(at(&page, "id=\"vote\"") < at(&page, "id=\"keywords\""));
    let nav = &page[at(&page, "<nav class=\"jump\"")..at(&page, "</nav>")];
    assert!(at(nav, "href=\"#findings\"") < at(nav, "href=\"#vote\""));
    assert!(at(nav, "href=\"#vote\"") < at(nav, "href=\"#keywords\""));
    assert!(nav.contains("fermé"), "the closed card says so: {nav}");

    set_open(&app, true, false, false).await;
    let page = common::text(&phone(), &app.links.participant_url).await;
    assert!(at(&page, "id=\"keywords\"") < at(&page, "id=\"findings\""));
}

#[actix_web::test]
async fn each_form_comes_back_at_its_own_message_with_what_was_typed() {
    let app = TestApp::with_fixture().await;
    set_open(&app, true, true, true).await;
    let me = phone();
    let page = common::text(&me, &app.links.participant_url).await;
    for action in [
        "/w/SOLIDA/keywords#keywords-error",
        "/w/SOLIDA/findings#findings-error",
        "/w/SOLIDA/votes#vote-error",
    ] {
        assert!(page.contains(&format!("action=\"{action}\"")), "{action}");
    }

    // Four dots out of three: the page again, the message where the action points, with
    // the focus asked for, the dots kept.
    let ids = common::recommendation_ids(&page);
    let (a, b) = (format!("rec-{}", ids[0]), format!("rec-{}", ids[1]));
    let refused = app.post_votes(&me, &[(&a, "2"), (&b, "2")]).await;
    assert_eq!(refused.status(), 422);
    let body = refused.text().await.expect("page");
    let message = &body[at(&body, "id=\"vote-error\"")..];
    assert!(
        message.starts_with("id=\"vote-error\" role=\"alert\" tabindex=\"-1\" autofocus>"),
        "{}",
        &message[..120]
    );
    assert!(message.contains("4 gommettes"), "{}", &message[..200]);
    assert_eq!(body.matches("value=\"2\" checked").count(), 2);
    assert_eq!(body.matches("autofocus").count(), 1, "one focus asked for");

    // A finding without text: its message, anchored, and the category kept.
    let refused = app.post_finding(&me, "levier", "   ").await;
    assert_eq!(refused.status(), 422);
    let body = refused.text().await.expect("page");
    assert!(body.contains("id=\"findings-error\" role=\"alert\" tabindex=\"-1\" autofocus>"));
    assert!(body.contains("value=\"levier\" checked"));

    // Keywords: an 81-character keyword is refused at the keywords card.
    let long = "k".repeat(81);
    let refused = app.post_keywords(&me, &["mobilité", &long]).await;
    assert_eq!(refused.status(), 422);
    let body = refused.text().await.expect("page");
    assert!(body.contains("id=\"keywords-error\" role=\"alert\" tabindex=\"-1\" autofocus>"));
    assert!(body.contains("value=\"mobilité\""));
    assert_eq!(app.count("SELECT COUNT(*) FROM keywords").await, 0);
}

#[actix_web::test]
async fn the_rooms_findings_are_folded_most_supported_first_and_never_the_phones_own() {
    let app = TestApp::with_fixture().await;
    set_open(&app, true, true, true).await;
    let mut phones = Vec::new();
    for i in 0..30 {
        let p = phone();
        let text = format!("Constat de la salle numéro {i}");
        assert_eq!(app.post_finding(&p, "constat", &text).await.status(), 303);
        phones.push(p);
    }
    // Finding 7 gets three "+1", finding 12 one.
    let id =
        |n: i64| format!("SELECT id FROM findings WHERE text = 'Constat de la salle numéro {n}'");
    let (seven, twelve) = (app.count(id(7)).await, app.count(id(12)).await);
    for p in &phones[0..3] {
        let url = app.participant(&format!("findings/{seven}/support"));
        assert_eq!(post(p, &url, &[]).await.status(), 303);
    }
    let url = app.participant(&format!("findings/{twelve}/support"));
    assert_eq!(post(&phones[0], &url, &[]).await.status(), 303);

    let me = phone();
    let response = app
        .post_finding(&me, "levier", "Mon propre constat, une seule fois")
        .await;
    let page = common::text(&me, app.url(&location(&response))).await;
    assert_eq!(
        page.matches("Mon propre constat, une seule fois").count(),
        1,
        "listed under the phone's own entries only"
    );
    let room = &page[at(&page, "id=\"room\"")..];
    let top = &room[..at(room, "id=\"room-all\"")];
    assert_eq!(top.matches("<li>").count(), 3, "three on top");
    assert!(
        at(top, "numéro 7<") < at(top, "numéro 12<"),
        "most supported first"
    );
    assert!(top.contains("+3"));
    assert!(room.contains("Voir tous les constats de la salle (30)"));
    assert!(room.contains("Constats 4 à 23 sur 30"));
    assert!(!room.contains("id=\"room-all\" open"), "folded");
    // Each "+1" names the finding it supports, for a screen reader.
    assert!(room.contains(&format!(
        "<span class=\"multiline\" id=\"room-f{twelve}\">Constat de la salle numéro 12</span>"
    )));
    assert!(room.contains(&format!("aria-describedby=\"room-f{twelve}\"")));

    // The second page, unfolded, without JavaScript.
    let page = common::text(&me, format!("{}?room=2", app.links.participant_url)).await;
    let room = &page[at(&page, "id=\"room-all\"")..];
    assert!(room.starts_with("id=\"room-all\" open>"));
    assert!(room.contains("Constats 24 à 30 sur 30"));
    assert!(room.contains("rel=\"prev\""));
    assert!(!room.contains("rel=\"next\""));
    let listed = &room[..at(room, "</details>")];
    assert_eq!(listed.matches("<li>").count(), 7);
}

#[actix_web::test]
async fn the_results_card_follows_the_projector_for_the_phones_script() {
    let app = TestApp::with_fixture().await;
    let results = app.participant("results");
    let status = |url: String| async move {
        let response = reqwest::get(url).await.expect("answer");
        let status = response.status().as_u16();
        (status, response.text().await.unwrap_or_default())
    };
    // The join panel is for the room, not the phones.
    app.post_facilitator("screen", &[("panel", "join")]).await;
    assert_eq!(status(results.clone()).await.0, 204);
    app.post_facilitator("screen", &[("panel", "votes")]).await;
    // The broadcaster renders the new panel within a quarter of a second.
    let mut answer = status(results.clone()).await;
    for _ in 0..40 {
        if answer.0 == 200 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        answer = status(results.clone()).await;
    }
    let (code, body) = answer;
    assert_eq!(code, 200);
    assert!(body.contains("data-panel=\"votes\""), "{body}");
    assert!(!body.contains("<h1"), "the phone's page keeps its one h1");
    app.post_facilitator("results", &[("hidden", "1")]).await;
    assert_eq!(status(results).await.0, 204);
    let script = reqwest::get(app.url("/static/phone.js"))
        .await
        .expect("script");
    assert_eq!(script.status(), 200);
    assert!(
        script.headers()["content-type"]
            .to_str()
            .unwrap_or("")
            .starts_with("text/javascript")
    );
}

#[actix_web::test]
async fn pages_have_one_h1_no_xml_declaration_and_the_workshops_language_on_its_content() {
    let app = TestApp::with_fixture().await;
    app.post_facilitator("screen", &[("panel", "join")]).await;
    let screen = common::text(&phone(), &app.links.projector_url).await;
    assert!(
        !screen.contains("<?xml"),
        "inline SVG without a declaration"
    );
    assert!(screen.contains("<svg"));
    assert_eq!(screen.matches("<h1").count(), 1);
    assert!(screen.contains("class=\"connection-lost\" hidden"));

    app.post_facilitator("screen", &[("panel", "votes")]).await;
    let me = phone();
    // The interface in English; the workshop's own words stay marked French.
    let page = common::text(&me, format!("{}?lang=en", app.links.participant_url)).await;
    assert!(page.contains("<html lang=\"en\">"));
    assert_eq!(page.matches("<h1").count(), 1, "{page}");
    assert!(page.contains("<header class=\"workshop-head\" lang=\"fr\">"));
    assert!(page.contains(
        "<legend lang=\"fr\">Un besoin de volonté politique pour soutenir la coopération</legend>"
    ));
    assert!(page.contains("<div class=\"results-body\" lang=\"fr\">"));
    assert!(page.contains("Live results"));
}

#[actix_web::test]
async fn before_the_first_dot_the_votes_panel_ranks_nothing_and_draws_no_bar() {
    let app = TestApp::with_fixture().await;
    app.post_facilitator("screen", &[("panel", "votes")]).await;
    let empty = common::text(&phone(), &app.links.projector_url).await;
    assert!(empty.contains("data-panel=\"votes\""), "{empty}");
    // Stop 20's trial: every recommendation read "1=" with a sliver of a bar at 0 dots.
    assert!(!empty.contains("1="), "{empty}");
    assert!(!empty.contains("class=\"bar\""), "{empty}");

    let voter = phone();
    let page = common::text(&voter, &app.links.participant_url).await;
    let first = format!("rec-{}", common::recommendation_ids(&page)[0]);
    let voted = app.post_votes(&voter, &[(first.as_str(), "2")]).await;
    assert_eq!(voted.status(), 303);
    let after = common::text(&phone(), &app.links.projector_url).await;
    assert_eq!(after.matches("class=\"bar\"").count(), 1, "{after}");
    assert!(after.contains("<span class=\"rank\">1</span>"), "{after}");
}
