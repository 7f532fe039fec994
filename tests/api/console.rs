//! The facilitator console (issue #12, item 3): its live counts stream, the moderation
//! lists that reach every entry (most supported first, search), confirmations that say
//! what was done, a merge form that picks no target, a 404 that is a page.

use std::time::{Duration, Instant};

use crate::common::{TestApp, location, phone, post, replay, text};

/// The events of a console stream, read block by block: `(id, data)`.
struct Stream {
    response: reqwest::Response,
    buffer: String,
}

impl Stream {
    async fn open(url: &str) -> Self {
        let response = reqwest::get(url).await.expect("stream opens");
        assert_eq!(response.status(), 200, "{url}");
        assert_eq!(response.headers()["content-type"], "text/event-stream");
        Self {
            response,
            buffer: String::new(),
        }
    }

    /// The next `counts` event within `wait`.
    async fn next(&mut self, wait: Duration) -> Option<(u64, String)> {
        let deadline = Instant::now() + wait;
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                if !block.contains("event: counts") {
                    continue;
                }
                let id = block
                    .lines()
                    .find_map(|l| l.strip_prefix("id: "))
                    .and_then(|v| v.parse().ok())?;
                let data: Vec<&str> = block
                    .lines()
                    .filter_map(|l| l.strip_prefix("data: "))
                    .collect();
                return Some((id, data.join("\n")));
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            match tokio::time::timeout(left, self.response.chunk()).await {
                Ok(Ok(Some(chunk))) => self.buffer.push_str(&String::from_utf8_lossy(&chunk)),
                _ => return None,
            }
        }
    }

    /// The first `counts` event whose data holds `text`, within `wait`.
    async fn until(&mut self, text: &str, wait: Duration) -> Option<(u64, String)> {
        let deadline = Instant::now() + wait;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            let event = self.next(left).await?;
            if event.1.contains(text) {
                return Some(event);
            }
        }
    }
}

#[actix_web::test]
async fn the_console_counts_follow_a_phone_and_every_console_gets_the_same_bytes() {
    let app = TestApp::with_fixture().await;
    let url = app.facilitator("events");
    let mut first = Stream::open(&url).await;
    let (_, data) = first
        .next(Duration::from_secs(2))
        .await
        .expect("the counts at once");
    assert!(data.contains(r#"data-count="keywords">0<"#), "{data}");

    let phone = phone();
    let sent = Instant::now();
    let response = app.post_keywords(&phone, &["Entraide", "Mobilité"]).await;
    assert_eq!(response.status(), 303);
    let (id, data) = first
        .until(r#"data-count="keywords">2<"#, Duration::from_secs(2))
        .await
        .expect("the new count within 2 s");
    assert!(sent.elapsed() < Duration::from_secs(2));
    assert!(data.contains(r#"data-count="participants">1<"#), "{data}");

    // A projector opened: the screens count moves without any new entry (the console
    // looks at it on each 2-s tick).
    let projector = reqwest::get(format!("{}/events", app.links.projector_url))
        .await
        .expect("projector stream");
    assert_eq!(projector.status(), 200);
    let (id_with_screen, _) = first
        .until("1 écran de projection ouvert", Duration::from_secs(5))
        .await
        .expect("the screen counted within 5 s");
    assert_eq!(id_with_screen, id, "same room version, new frame");
    drop(projector);
    let (id, data) = first
        .until("Aucun écran de projection ouvert", Duration::from_secs(8))
        .await
        .expect("the closed projector uncounted");

    // A second console opened now starts from the very same frame.
    let mut second = Stream::open(&url).await;
    let (second_id, second_data) = second
        .next(Duration::from_secs(2))
        .await
        .expect("the counts at once");
    assert_eq!((second_id, second_data), (id, data));
}

#[actix_web::test]
async fn consoles_are_bounded_per_workshop_and_are_not_counted_as_screens() {
    let app = TestApp::with_fixture().await;
    let url = app.facilitator("events");
    let mut open = Vec::new();
    for _ in 0..atelier::web::facilitator::console::STREAMS_PER_WORKSHOP {
        open.push(Stream::open(&url).await);
    }
    let refused = reqwest::get(&url).await.expect("answer");
    assert_eq!(refused.status(), 503);
    assert!(refused.headers().contains_key("retry-after"));
    let dashboard = text(&phone(), &app.links.facilitator_url).await;
    assert!(
        dashboard.contains("Aucun écran de projection ouvert"),
        "consoles are not projector screens"
    );
    drop(open);

    let wrong = reqwest::get(app.url("/f/00000000000000000000000000000000/events"))
        .await
        .expect("answer");
    assert_eq!(wrong.status(), 404);
}

/// The finding ids in the order the dashboard's moderation list shows them.
fn listed_findings(page: &str) -> Vec<i64> {
    page.split("/entries/finding/")
        .skip(1)
        .filter_map(|rest| rest.split('/').next()?.parse().ok())
        .collect()
}

#[actix_web::test]
async fn the_most_supported_finding_leads_the_moderation_list_and_search_reaches_any_entry() {
    let app = TestApp::with_fixture().await;
    replay(&app).await;
    let oldest = app.count("SELECT MIN(id) FROM findings").await;
    let newest = app.count("SELECT MAX(id) FROM findings").await;
    for _ in 0..2 {
        let supporter = phone();
        let url = app.participant(&format!("findings/{oldest}/support"));
        assert_eq!(post(&supporter, &url, &[]).await.status(), 303);
    }
    let client = phone();
    let page = text(&client, &app.links.facilitator_url).await;
    let listed = listed_findings(&page);
    assert_eq!(listed.first(), Some(&oldest), "most supported first");
    assert!(page.contains("+2"), "its support is shown");

    let page = text(
        &client,
        format!("{}?findings_order=newest", app.links.facilitator_url),
    )
    .await;
    assert_eq!(
        listed_findings(&page).first(),
        Some(&newest),
        "newest first"
    );

    let finding: String = app
        .store
        .readers
        .read(move |conn| {
            Ok::<_, atelier::store::StoreError>(conn.query_row(
                "SELECT text FROM findings WHERE id = ?1",
                [newest],
                |r| r.get(0),
            )?)
        })
        .await
        .expect("text");
    let word: String = finding
        .split_whitespace()
        .max_by_key(|w| w.chars().count())
        .expect("a word")
        .to_uppercase();
    let page = text(
        &client,
        format!(
            "{}?findings_q={}",
            app.links.facilitator_url,
            urlencode(&word)
        ),
    )
    .await;
    let found = listed_findings(&page);
    assert!(found.contains(&newest), "{word}: {found:?}");
    assert!(found.len() < listed.len(), "only the matching ones");
    assert!(
        page.contains(&format!(r#"value="{word}""#)),
        "the search kept"
    );

    let page = text(
        &client,
        format!("{}?entries_q=zzzz-nothing", app.links.facilitator_url),
    )
    .await;
    assert!(!page.contains("/entries/keyword/"), "no keyword matches");
    assert!(page.contains("Aucune réponse ne contient ce texte"));
}

fn urlencode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

#[actix_web::test]
async fn the_switches_say_what_they_did() {
    let app = TestApp::with_fixture().await;
    let client = phone();
    let response = app.post_facilitator("screen", &[("panel", "votes")]).await;
    assert_eq!(response.status(), 303);
    let to = location(&response);
    assert!(to.ends_with("?done=panel&what=votes#screen"), "{to}");
    let page = text(&client, app.url(&to)).await;
    assert!(
        page.contains("montre maintenant « Recommandations »"),
        "the panel is named"
    );

    let response = app
        .post_facilitator("activities", &[("activity", "findings"), ("open", "0")])
        .await;
    let to = location(&response);
    let page = text(&client, app.url(&to)).await;
    assert!(page.contains("Activité « Constats » fermée"), "{to}");

    // Pressed from further down the page, a switch leads back there; only to the
    // dashboard's own sections.
    let response = app
        .post_facilitator(
            "results",
            &[("hidden", "1"), ("back", "moderation-findings")],
        )
        .await;
    assert!(location(&response).ends_with("?done=results-hidden#moderation-findings"));
    let response = app
        .post_facilitator("screen", &[("panel", "join"), ("back", "\"><script>")])
        .await;
    assert!(location(&response).ends_with("?done=panel&what=join#screen"));

    // A `what` that names nothing falls back to the plain confirmation, never echoed.
    let page = text(
        &client,
        format!(
            "{}?done=panel&what=%3Cb%3Ex%3C%2Fb%3E",
            app.links.facilitator_url
        ),
    )
    .await;
    assert!(page.contains("change de panneau"));
    assert!(!page.contains("&lt;b&gt;x") && !page.contains("<b>x"));
}

#[actix_web::test]
async fn the_merge_form_never_picks_a_target() {
    let app = TestApp::with_fixture().await;
    replay(&app).await;
    let client = phone();
    for url in [
        app.links.facilitator_url.clone(),
        format!("{}?merge_from=mobilit%C3%A9", app.links.facilitator_url),
    ] {
        let page = text(&client, &url).await;
        assert!(
            page.contains(r#"id="merge-into" name="into" list="group-choices" value="""#),
            "{url}"
        );
    }
}

#[actix_web::test]
async fn an_unknown_address_is_a_page_in_the_visitors_language() {
    let app = TestApp::with_fixture().await;
    let response = phone()
        .get(app.url("/nowhere"))
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 404);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap_or("")
            .starts_with("text/html")
    );
    let body = response.text().await.expect("body");
    assert!(body.contains("<main"), "{body}");
    assert!(body.contains("Page introuvable"), "{body}");
    assert!(body.contains(r#"<html lang="fr">"#), "{body}");
}
