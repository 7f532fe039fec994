//! The projector's live stream and the facilitator's hand on it (issue #3).

use std::time::{Duration, Instant};

use crate::common::{self, TestApp, csv_rows, location, phone, recommendation_ids};

/// An open Server-Sent Events stream, read event by event.
struct Stream {
    response: reqwest::Response,
    buffer: String,
}

/// One event: its id and its data lines joined.
struct Event {
    id: u64,
    data: String,
}

impl Stream {
    async fn open(url: &str) -> (Self, reqwest::header::HeaderMap) {
        let response = reqwest::get(url).await.expect("stream opens");
        assert_eq!(response.status(), 200);
        let headers = response.headers().clone();
        (
            Self {
                response,
                buffer: String::new(),
            },
            headers,
        )
    }

    /// The first event whose data contains `text`, or `None` when none comes within
    /// `wait` (the stream's first frame may predate a write that a phone's page view
    /// started the broadcaster before).
    async fn until(&mut self, text: &str, wait: Duration) -> Option<Event> {
        let deadline = Instant::now() + wait;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            let event = self.next(left).await?;
            if event.data.contains(text) {
                return Some(event);
            }
        }
    }

    /// The next event, or `None` when none comes within `wait`.
    async fn next(&mut self, wait: Duration) -> Option<Event> {
        let deadline = Instant::now() + wait;
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut id = None;
                let mut data = Vec::new();
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("id: ") {
                        id = v.parse().ok();
                    } else if let Some(v) = line.strip_prefix("data: ") {
                        data.push(v);
                    }
                }
                if let Some(id) = id {
                    return Some(Event {
                        id,
                        data: data.join("\n"),
                    });
                }
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            match tokio::time::timeout(left, self.response.chunk()).await {
                Ok(Ok(Some(chunk))) => self.buffer.push_str(&String::from_utf8_lossy(&chunk)),
                _ => return None,
            }
        }
    }
}

#[actix_web::test]
async fn a_keyword_reaches_the_projector_stream_within_a_second() {
    let app = TestApp::with_fixture().await;
    let (mut stream, headers) = Stream::open(&format!(
        "{}/events?panel=keywords",
        app.links.projector_url
    ))
    .await;
    assert_eq!(headers["content-type"], "text/event-stream");
    assert_eq!(headers["cache-control"], "no-cache");
    assert_eq!(headers["x-accel-buffering"], "no");
    assert!(headers.get("content-encoding").is_none());
    let first = stream
        .next(Duration::from_secs(2))
        .await
        .expect("the current state at once");
    assert!(first.data.contains("data-panel=\"keywords\""));

    let sent = Instant::now();
    let response = app.post_keywords(&phone(), &["Coopération"]).await;
    assert_eq!(response.status(), 303);
    let mut seen = None;
    while let Some(event) = stream.next(Duration::from_secs(1)).await {
        if event.data.contains("Coopération") {
            seen = Some(sent.elapsed());
            break;
        }
    }
    let elapsed = seen.expect("the keyword arrives on the stream");
    assert!(elapsed < Duration::from_secs(1), "{elapsed:?}");
}

#[actix_web::test]
async fn thirty_ballots_in_a_second_end_in_the_database_tallies_with_increasing_ids() {
    let app = TestApp::with_fixture().await;
    let page = reqwest::get(&app.links.participant_url)
        .await
        .expect("page")
        .text()
        .await
        .expect("text");
    let ids = recommendation_ids(&page);
    let (mut stream, _) =
        Stream::open(&format!("{}/events?panel=votes", app.links.projector_url)).await;
    let mut last = stream
        .next(Duration::from_secs(2))
        .await
        .expect("first event");
    let started = Instant::now();
    for n in 0..30 {
        let field = format!("rec-{}", ids[n % 5]);
        let dots = if n % 3 == 0 { "2" } else { "1" };
        assert_eq!(
            app.post_votes(&phone(), &[(&field, dots)]).await.status(),
            303
        );
    }
    assert!(started.elapsed() < Duration::from_secs(5));
    while let Some(event) = stream.next(Duration::from_millis(1500)).await {
        assert!(
            event.id > last.id,
            "event ids only increase: {} after {}",
            event.id,
            last.id
        );
        last = event;
    }
    let votes = csv_rows(&app.export("votes.csv").await);
    for row in &votes {
        let figures = format!("{} gommettes · {} votants", row["dots"], row["voters"]);
        let shown = last
            .data
            .split(&row["recommendation"].replace('\'', "&#39;"))
            .nth(1)
            .expect("each recommendation is shown");
        let shown = shown
            .split("bar-figures\">")
            .nth(1)
            .and_then(|f| f.split('<').next())
            .expect("its figures");
        assert_eq!(shown, figures, "{}", row["recommendation"]);
    }
    assert_eq!(app.count("SELECT SUM(dots) FROM ballots").await, 40);
}

#[actix_web::test]
async fn the_projector_follows_the_facilitator_and_a_pinned_one_does_not() {
    let app = TestApp::with_fixture().await;
    let (mut follower, _) = Stream::open(&format!("{}/events", app.links.projector_url)).await;
    let (mut pinned, _) = Stream::open(&format!(
        "{}/events?panel=findings",
        app.links.projector_url
    ))
    .await;
    assert!(
        follower
            .next(Duration::from_secs(2))
            .await
            .expect("first")
            .data
            .contains("data-panel=\"join\"")
    );
    assert!(
        pinned
            .next(Duration::from_secs(2))
            .await
            .expect("first")
            .data
            .contains("data-panel=\"findings\"")
    );
    let switched = Instant::now();
    let response = app.post_facilitator("screen", &[("panel", "votes")]).await;
    assert_eq!(response.status(), 303);
    let event = follower
        .next(Duration::from_secs(1))
        .await
        .expect("the switch arrives");
    assert!(event.data.contains("data-panel=\"votes\""));
    assert!(switched.elapsed() < Duration::from_secs(1));
    let event = pinned
        .next(Duration::from_secs(1))
        .await
        .expect("a new version");
    assert!(
        event.data.contains("data-panel=\"findings\""),
        "a pinned projector keeps its panel"
    );
    let page = reqwest::get(&app.links.projector_url)
        .await
        .expect("page")
        .text()
        .await
        .expect("text");
    assert!(
        page.contains("data-panel=\"votes\""),
        "a reload shows the facilitator's panel"
    );
    assert!(page.contains("<svg"), "the QR code is always there");
    assert!(page.contains("<noscript><meta http-equiv=\"refresh\" content=\"5\"></noscript>"));
    assert_eq!(
        app.post_facilitator("screen", &[("panel", "nope")])
            .await
            .status(),
        400
    );
}

#[actix_web::test]
async fn streams_of_closed_pages_are_dropped() {
    let app = TestApp::with_fixture().await;
    let url = format!("{}/events", app.links.projector_url);
    let (mut kept, _) = Stream::open(&url).await;
    kept.next(Duration::from_secs(2)).await.expect("first");
    for _ in 0..200 {
        let (mut reload, _) = Stream::open(&url).await;
        reload.next(Duration::from_secs(2)).await.expect("first");
        drop(reload);
    }
    // A closed stream is noticed when the server writes to it (on a change, or on the
    // keep-alive every 2 s): the first write after the close still lands in the socket's
    // buffer, the next one fails. Two changes, more than a coalescing pause apart:
    for keyword in ["fin", "suite"] {
        app.post_keywords(&phone(), &[keyword]).await;
        tokio::time::sleep(Duration::from_millis(400)).await;
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    while app.broadcasts.live_streams() != 1 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        app.broadcasts.live_streams(),
        1,
        "only the open page keeps a stream"
    );
}

#[actix_web::test]
async fn a_closed_activity_refuses_posts_with_409_and_says_ferme() {
    let app = TestApp::with_fixture().await;
    let closed = app
        .post_facilitator("activities", &[("activity", "keywords"), ("open", "0")])
        .await;
    assert_eq!(closed.status(), 303);
    let page = reqwest::get(&app.links.participant_url)
        .await
        .expect("page")
        .text()
        .await
        .expect("text");
    assert!(page.contains("Fermé : cette activité n&#39;accepte plus de réponses"));
    let before = app.snapshot().await;
    let response = app.post_keywords(&phone(), &["tard"]).await;
    assert_eq!(response.status(), 409);
    assert!(
        response
            .text()
            .await
            .expect("page")
            .contains("Cette activité est fermée : votre envoi n&#39;a pas été enregistré.")
    );
    assert_eq!(app.snapshot().await, before);
    app.post_facilitator("activities", &[("activity", "keywords"), ("open", "1")])
        .await;
    let response = app.post_keywords(&phone(), &["tard"]).await;
    assert_eq!(response.status(), 303);
}

#[actix_web::test]
async fn a_hidden_entry_leaves_the_projector_and_stays_in_exports_marked_hidden() {
    let app = TestApp::with_fixture().await;
    app.post_finding(&phone(), "constat", "Hors sujet total")
        .await;
    let (mut stream, _) = Stream::open(&format!(
        "{}/events?panel=findings",
        app.links.projector_url
    ))
    .await;
    assert!(
        stream
            .until("Hors sujet total", Duration::from_secs(2))
            .await
            .is_some()
    );
    let dashboard = reqwest::get(&app.links.facilitator_url)
        .await
        .expect("page")
        .text()
        .await
        .expect("text");
    let hide = dashboard
        .split("/entries/finding/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a hide button")
        .to_string();
    assert!(hide.ends_with("/hide"));
    let hidden_at = Instant::now();
    let response = app
        .post_facilitator(&format!("entries/finding/{hide}"), &[])
        .await;
    assert_eq!(response.status(), 303);
    let event = stream
        .next(Duration::from_secs(1))
        .await
        .expect("an update");
    assert!(!event.data.contains("Hors sujet total"));
    assert!(hidden_at.elapsed() < Duration::from_secs(1));
    let findings = csv_rows(&app.export("findings.csv").await);
    assert_eq!(findings[0]["text"], "Hors sujet total");
    assert_eq!(findings[0]["hidden"], "true");
    let summary = reqwest::get(format!("{}/summary", app.links.facilitator_url))
        .await
        .expect("page")
        .text()
        .await
        .expect("text");
    assert!(!summary.contains("Hors sujet total"));
}

#[actix_web::test]
async fn phones_see_the_revealed_results_and_not_the_hidden_ones() {
    let app = TestApp::with_fixture().await;
    app.post_facilitator("screen", &[("panel", "keywords")])
        .await;
    let phone = phone();
    let response = app.post_keywords(&phone, &["Entraide"]).await;
    let page = common::text(&phone, app.url(&location(&response))).await;
    assert!(page.contains("Résultats en direct"));
    assert!(page.contains("title=\"1\">Entraide</li>"), "{page}");
    app.post_facilitator("results", &[("hidden", "1")]).await;
    let page = common::text(&phone, &app.links.participant_url).await;
    // The card stays in the page, hidden and empty, for the script to fill once revealed.
    assert!(
        page.contains("data-results=\"/w/SOLIDA/results\" hidden"),
        "{page}"
    );
    assert!(!page.contains("title=\"1\">Entraide</li>"));
    let screen = reqwest::get(&app.links.projector_url)
        .await
        .expect("page")
        .text()
        .await
        .expect("text");
    assert!(screen.contains("Résultats masqués pour l&#39;instant"));
    assert!(!screen.contains("Entraide"));
}

#[actix_web::test]
async fn a_keyword_merge_reaches_the_projector_within_a_second() {
    use atelier::domain::folding::{Language, folding_key};
    let app = TestApp::with_fixture().await;
    for keyword in ["mobilité", "transport"] {
        app.post_keywords(&phone(), &[keyword]).await;
    }
    let (mut stream, _) = Stream::open(&format!(
        "{}/events?panel=keywords",
        app.links.projector_url
    ))
    .await;
    assert!(
        stream
            .until(">transport</li>", Duration::from_secs(2))
            .await
            .is_some()
    );
    let merged_at = Instant::now();
    let response = app
        .post_facilitator(
            "keywords/merge",
            &[
                ("from", &folding_key("transport", Language::French)),
                ("into", &folding_key("mobilité", Language::French)),
                ("label", "Mobilité et transport"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let event = stream
        .next(Duration::from_secs(1))
        .await
        .expect("an update");
    assert!(
        event
            .data
            .contains("title=\"2\">Mobilité et transport</li>"),
        "{}",
        event.data
    );
    assert!(!event.data.contains(">transport</li>"));
    assert!(merged_at.elapsed() < Duration::from_secs(1));
}
