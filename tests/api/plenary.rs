//! The plenary's stream (issue #14, part 3): one render per version for every viewer, as
//! a workshop's projectors have it. Two viewers of the public plenary link receive the
//! same frame, byte for byte and as one shared render, after the organiser's step and
//! after a phone's keyword; the page shows the frame the stream sends; a viewer that
//! goes frees its place.

use std::sync::Arc;
use std::time::{Duration, Instant};

use atelier::domain::event_file;
use atelier::store::CreatedEvent;
use atelier::tallies::TalliesCache;
use atelier::web::event::plenary::Plenaries;

use crate::common::{TestApp, phone, post, text};

/// The event fixture: three workshops of the national meeting.
const EVENT: &str = include_str!("../fixtures/rencontres-leader.toml");

async fn with_event() -> (TestApp, CreatedEvent) {
    let app = TestApp::with_fixture().await;
    let file = event_file::parse(&EVENT.replace("\"SOLIDA\"", "\"SOCIAL\"")).expect("valid");
    let created = app.store.create_event(file).await.expect("imported");
    (app, created)
}

/// A viewer of the plenary's stream, with what it has read and not yet used.
struct Viewer {
    response: reqwest::Response,
    buffer: String,
}

impl Viewer {
    async fn open(app: &TestApp) -> Self {
        let response = reqwest::get(app.url("/e/LEADER2019/plenary/events"))
            .await
            .expect("stream");
        assert_eq!(response.status(), 200);
        Self {
            response,
            buffer: String::new(),
        }
    }

    /// The next frame (an SSE event with an id), whole; `None` after 10 s.
    async fn next_frame(&mut self) -> Option<String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                if block.starts_with("id: ") {
                    return Some(block);
                }
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            match tokio::time::timeout(left, self.response.chunk()).await {
                Ok(Ok(Some(chunk))) => self.buffer.push_str(&String::from_utf8_lossy(&chunk)),
                _ => return None,
            }
        }
    }

    /// The first frame from now that holds `text`.
    async fn frame_with(&mut self, text: &str) -> String {
        loop {
            let frame = self
                .next_frame()
                .await
                .unwrap_or_else(|| panic!("no frame with {text}"));
            if frame.contains(text) {
                return frame;
            }
        }
    }
}

#[actix_web::test]
async fn two_viewers_receive_the_same_frame_after_a_step_and_after_a_keyword() {
    let (app, event) = with_event().await;
    let mut first = Viewer::open(&app).await;
    let mut second = Viewer::open(&app).await;
    let a = first.frame_with("Les mots-clés de la rencontre").await;
    let b = second.frame_with("Les mots-clés de la rencontre").await;
    assert_eq!(
        a, b,
        "the whole event, as the second viewer got it on arrival"
    );

    let ecolo = event.workshops[1].id.to_string();
    let step = post(
        &phone(),
        &app.url(&format!("/o/{}/plenary", event.organiser_key)),
        &[("show", &ecolo)],
    )
    .await;
    assert_eq!(step.status(), 303);
    let a = first
        .frame_with("Atelier thématique transition écologique")
        .await;
    let b = second
        .frame_with("Atelier thématique transition écologique")
        .await;
    assert_eq!(a, b, "after the organiser's step");
    assert!(a.contains("Former les élus aux circuits courts"), "{a}");

    let sent = post(
        &phone(),
        &app.url("/w/ECOLO/keywords"),
        &[("keyword", "Sobriété foncière")],
    )
    .await;
    assert_eq!(sent.status(), 303);
    let a = first.frame_with("Sobriété foncière").await;
    let b = second.frame_with("Sobriété foncière").await;
    assert_eq!(a, b, "after a phone's keyword");

    // The page is made of the same frame: its panel is the stream's data, line for line.
    let page = text(&phone(), app.url("/e/LEADER2019/plenary")).await;
    for line in a.lines().filter_map(|l| l.strip_prefix("data: ")) {
        assert!(page.contains(line), "{line} not in the page");
    }
    assert!(page.contains("class=\"connection-lost\" hidden"), "{page}");
}

#[actix_web::test]
async fn every_subscriber_shares_one_render_of_each_version() {
    let (app, _) = with_event().await;
    let (_stop, closing) = tokio::sync::watch::channel(false);
    let tallies = Arc::new(TalliesCache::new(app.store.clone()));
    let plenaries = Arc::new(Plenaries::new(app.store.clone(), tallies, closing));
    let events = app
        .store
        .event_by_code(&atelier::domain::event::EventCode::parse("LEADER2019").expect("code"))
        .await
        .expect("read")
        .expect("the event");
    let mut viewers = Vec::new();
    for _ in 0..50 {
        viewers.push(plenaries.subscribe(&events).await.expect("frames"));
    }
    assert_eq!(plenaries.running(), 1, "one broadcaster for the event");
    let sent = post(
        &phone(),
        &app.url("/w/SOCIAL/keywords"),
        &[("keyword", "entraide")],
    )
    .await;
    assert_eq!(sent.status(), 303);
    for viewer in &mut viewers {
        tokio::time::timeout(
            Duration::from_secs(5),
            viewer.wait_for(|f| f.html.contains("entraide")),
        )
        .await
        .expect("the new frame within 5 s")
        .expect("the broadcaster runs");
    }
    let shared = Arc::clone(&viewers[0].borrow());
    assert!(
        viewers.iter().all(|v| Arc::ptr_eq(&v.borrow(), &shared)),
        "every viewer holds the one frame rendered for this version"
    );
}
