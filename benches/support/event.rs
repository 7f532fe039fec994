//! The *event* scenario (issue #6), shared by `load --scenario event` (one process) and
//! `scale_out` (three processes behind nginx): 100 phones per workshop join (open the
//! page) within 8 s, then each sends 3 keywords, 1 finding and 1 ballot with 0.5–2.5 s
//! think times; 20 projector streams per workshop. Submit→projector as in [`super::live`].

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tokio::sync::Mutex;

use super::live::{Viewers, phone_cookie, post, projector_latencies, recommendation_fields};
use super::workshop::Links;

/// Per workshop (index in the list replayed): `(ack time, version committed)`.
type AcksByWorkshop = HashMap<usize, Vec<(Instant, u64)>>;

/// What one replay measured; latencies in ms, sorted.
#[derive(Debug, Default)]
pub struct Replay {
    /// Submissions sent, acknowledged (`303` with the version) and failed.
    pub sent: u64,
    pub acked: u64,
    pub errors: u64,
    /// From the first phone's start to the last one's end.
    pub seconds: f64,
    /// Each submission's time from sending to its answer.
    pub latencies_ms: Vec<f64>,
    /// Each probe viewer's time from a `303` to the frame showing it.
    pub projector_ms: Vec<f64>,
}

/// The client the phones share: no redirects followed, a large pool, 30 s a request.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(256)
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client")
}

/// Replays the event scenario on `workshops` (100 phones and 20 projector streams each),
/// wherever their links point (a server, or a proxy in front of several).
pub async fn replay(workshops: &[Links]) -> Replay {
    let client = client();
    let mut streams = Vec::new();
    let mut fields = Vec::new();
    for links in workshops {
        streams.push(Viewers::open(&links.projector, 20).await);
        fields.push(recommendation_fields(&links.participant).await);
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let acks: Arc<Mutex<AcksByWorkshop>> = Arc::new(Mutex::new(HashMap::new()));
    let latencies = Arc::new(Mutex::new(Vec::new()));
    let (sent, acked, errors) = (
        Arc::new(AtomicU64::new(0)),
        Arc::new(AtomicU64::new(0)),
        Arc::new(AtomicU64::new(0)),
    );
    let started = Instant::now();
    let mut participants = Vec::new();
    for (w, links) in workshops.iter().enumerate() {
        for p in 0..100 {
            let recs = fields[w].clone();
            let (client, page) = (client.clone(), links.participant.clone());
            let (acks, latencies) = (acks.clone(), latencies.clone());
            let (sent, acked, errors) = (sent.clone(), acked.clone(), errors.clone());
            participants.push(tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(rand::random_range(0..8000))).await;
                let cookie = phone_cookie(&client, &page).await;
                let steps: [(String, String); 3] = [
                    (
                        "keywords".into(),
                        format!("keyword=mot{p}a&keyword=mot{p}b&keyword=commun"),
                    ),
                    (
                        "findings".into(),
                        format!("category=levier&text=constat+{p}"),
                    ),
                    (
                        "votes".into(),
                        format!("{}=2&{}=1", recs[p % 5], recs[(p + 2) % 5]),
                    ),
                ];
                for (form, body) in steps {
                    tokio::time::sleep(Duration::from_millis(rand::random_range(500..2500))).await;
                    sent.fetch_add(1, Ordering::Relaxed);
                    let at = Instant::now();
                    if let Some(version) =
                        post(&client, &format!("{page}/{form}"), &cookie, body).await
                    {
                        let now = Instant::now();
                        acked.fetch_add(1, Ordering::Relaxed);
                        latencies
                            .lock()
                            .await
                            .push((now - at).as_secs_f64() * 1000.0);
                        acks.lock().await.entry(w).or_default().push((now, version));
                    } else {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }));
        }
    }
    for p in participants {
        let _ = p.await;
    }
    let seconds = started.elapsed().as_secs_f64();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let mut projector_ms = Vec::new();
    let acks = acks.lock().await;
    for (w, viewers) in streams.into_iter().enumerate() {
        let (probes, _) = viewers.close().await;
        let acks = acks.get(&w).map_or(&[][..], Vec::as_slice);
        projector_ms.extend(projector_latencies(acks, &probes));
    }
    let mut latencies_ms = latencies.lock().await.clone();
    latencies_ms.sort_by(f64::total_cmp);
    projector_ms.sort_by(f64::total_cmp);
    Replay {
        sent: sent.load(Ordering::Relaxed),
        acked: acked.load(Ordering::Relaxed),
        errors: errors.load(Ordering::Relaxed),
        seconds,
        latencies_ms,
        projector_ms,
    }
}
