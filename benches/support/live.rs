//! Talking to a running server as phones and projectors do: a phone's cookie, a form post
//! giving the version it committed, submissions sent at a fixed rate, projector streams
//! with probe viewers, and the submit→projector latencies they give.
//!
//! Submit→projector: a submission's `303` carries `X-Atelier-Version`, the workshop's live
//! version once it is committed; its latency is the time from the `303` until a probe
//! viewer receives an event whose id is that version or a later one (0 when one came
//! before the `303`).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A participant cookie (`name=value`) as the server hands it out with the page at
/// `page`: a phone is known only through a cookie the server signed. Empty on failure.
pub async fn phone_cookie(client: &reqwest::Client, page: &str) -> String {
    let response = client.get(page).send().await;
    response
        .ok()
        .and_then(|r| {
            r.headers()
                .get("set-cookie")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(';').next())
                .map(str::to_string)
        })
        .unwrap_or_default()
}

/// `n` phones' cookies from the page at `page`, fetched one after the other.
pub async fn phone_cookies(client: &reqwest::Client, page: &str, n: usize) -> Vec<String> {
    let mut cookies = Vec::with_capacity(n);
    for _ in 0..n {
        cookies.push(phone_cookie(client, page).await);
    }
    cookies
}

/// The field names (`rec-{id}`) of the ballot on the participants' page at `page`, in the
/// page's order.
pub async fn recommendation_fields(page: &str) -> Vec<String> {
    let page = reqwest::get(page)
        .await
        .expect("page")
        .text()
        .await
        .expect("text");
    let mut fields: Vec<String> = Vec::new();
    for id in page
        .split("name=\"rec-")
        .skip(1)
        .filter_map(|r| r.split('"').next())
    {
        let field = format!("rec-{id}");
        if !fields.contains(&field) {
            fields.push(field);
        }
    }
    fields
}

/// Posts a form; on a `303` or a success, the workshop's version once the submission was
/// committed (`X-Atelier-Version`; 0 from the yardsticks, which have none).
pub async fn post(client: &reqwest::Client, url: &str, cookie: &str, body: String) -> Option<u64> {
    let response = client
        .post(url)
        .header("cookie", cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .ok()?;
    if !(response.status() == 303 || response.status().is_success()) {
        return None;
    }
    Some(
        response
            .headers()
            .get("x-atelier-version")
            .and_then(|v| v.to_str().ok()?.parse().ok())
            .unwrap_or(0),
    )
}

/// A submission sent at its scheduled time.
#[derive(Debug, Clone, Copy)]
pub struct Sent {
    /// From the scheduled time to the answer, in ms.
    pub late_ms: f64,
    /// For an acknowledged one: the answer's arrival and the version it committed.
    pub ack: Option<(Instant, u64)>,
}

/// Sends `forms` (`(cookie, body)`) to `url`, one every `interval` whatever the answers
/// (an open loop: a slow server shows as latency, not as fewer requests), each in a task of
/// its own; gives each one's outcome, in order of answering, and the time from the first
/// scheduled send to the last answer.
pub async fn fixed_rate(
    client: &reqwest::Client,
    url: &str,
    forms: Vec<(String, String)>,
    interval: Duration,
) -> (Vec<Sent>, Duration) {
    let started = Instant::now();
    let outcomes = Arc::new(Mutex::new(Vec::with_capacity(forms.len())));
    let mut tasks = Vec::with_capacity(forms.len());
    for (i, (cookie, body)) in forms.into_iter().enumerate() {
        let scheduled = started + interval * u32::try_from(i).unwrap_or(u32::MAX);
        tokio::time::sleep_until(tokio::time::Instant::from_std(scheduled)).await;
        let (client, url, outcomes) = (client.clone(), url.to_string(), outcomes.clone());
        tasks.push(tokio::spawn(async move {
            let version = post(&client, &url, &cookie, body).await;
            let done = Instant::now();
            let sent = Sent {
                late_ms: (done - scheduled).as_secs_f64() * 1000.0,
                ack: version.map(|v| (done, v)),
            };
            outcomes.lock().expect("outcomes").push(sent);
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    let elapsed = started.elapsed();
    let outcomes = outcomes.lock().expect("outcomes").clone();
    (outcomes, elapsed)
}

/// The id of a projector event (the workshop's version it shows).
pub fn event_id(event: &str) -> Option<u64> {
    event
        .lines()
        .find_map(|l| l.strip_prefix("id: ")?.trim().parse().ok())
}

/// What a probe viewer received: arrival time and id of each event.
pub type Seen = Vec<(Instant, u64)>;

/// Projector streams open on one workshop; one in 100 (the 1st, the 101st…) is a probe
/// that records every event it receives.
pub struct Viewers {
    probes: Vec<Arc<Mutex<Seen>>>,
    events: Arc<AtomicU64>,
    handles: Vec<tokio::task::JoinHandle<()>>,
}

impl Viewers {
    /// Opens `count` streams of the votes panel of the projector at `projector` (the
    /// projector page's URL), 50 at a time, 20 ms apart.
    pub async fn open(projector: &str, count: usize) -> Self {
        let url = format!("{projector}/events?panel=votes");
        let events = Arc::new(AtomicU64::new(0));
        let mut probes = Vec::new();
        let mut handles = Vec::with_capacity(count);
        for n in 0..count {
            let probe = (n % 100 == 0).then(|| Arc::new(Mutex::new(Seen::new())));
            probes.extend(probe.clone());
            handles.push(tokio::spawn(watch(url.clone(), events.clone(), probe)));
            if n % 50 == 49 {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
        Self {
            probes,
            events,
            handles,
        }
    }

    /// Closes the streams; gives what each probe received and the events all viewers
    /// received.
    pub async fn close(self) -> (Vec<Seen>, u64) {
        for h in &self.handles {
            h.abort();
        }
        for h in self.handles {
            let _ = h.await;
        }
        let seen = self
            .probes
            .iter()
            .map(|p| p.lock().expect("probe").clone())
            .collect();
        (seen, self.events.load(Ordering::Relaxed))
    }
}

/// One viewer: reads the stream at `url` until it ends or the task is aborted, counting
/// its events and, for a probe, recording them.
async fn watch(url: String, events: Arc<AtomicU64>, probe: Option<Arc<Mutex<Seen>>>) {
    let Ok(mut response) = reqwest::Client::new().get(&url).send().await else {
        return;
    };
    let mut buffer = String::new();
    while let Ok(Some(bytes)) = response.chunk().await {
        buffer.push_str(&String::from_utf8_lossy(&bytes));
        while let Some(end) = buffer.find("\n\n") {
            let event: String = buffer.drain(..end + 2).collect();
            let Some(id) = event_id(&event) else {
                continue;
            };
            events.fetch_add(1, Ordering::Relaxed);
            if let Some(probe) = &probe {
                probe.lock().expect("probe").push((Instant::now(), id));
            }
        }
    }
}

/// Submit→projector latencies in ms, sorted: for each probe and each `(ack time, version
/// committed)`, the first event the probe received with that id or a later one.
pub fn projector_latencies(acks: &[(Instant, u64)], probes: &[Seen]) -> Vec<f64> {
    let mut latencies: Vec<f64> = probes
        .iter()
        .flat_map(|seen| {
            acks.iter().filter_map(|(ack, wanted)| {
                seen.iter()
                    .find(|(_, id)| id >= wanted)
                    .map(|(arrival, _)| {
                        arrival.saturating_duration_since(*ack).as_secs_f64() * 1000.0
                    })
            })
        })
        .collect();
    latencies.sort_by(f64::total_cmp);
    latencies
}
