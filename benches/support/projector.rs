//! The projector measurement (issues #3 and #15): projector streams open on workshop
//! `WS01` while ballots from new phones arrive at a fixed rate; the time from a ballot's
//! `303` to a probe viewer receiving a state that includes it, and the server's memory.
//! `cargo bench --bench projector` prints one run; `cargo bench --bench load -- --scenario
//! large` one a workshop size.

use std::time::Duration;

use super::live::{Viewers, fixed_rate, phone_cookies, projector_latencies, recommendation_fields};
use super::memory_kib;
use super::workshop::Atelier;

/// How hard to push.
#[derive(Debug, Clone, Copy)]
pub struct Push {
    /// Projector streams open.
    pub streams: usize,
    /// Ballots a second.
    pub rate: u64,
    /// For how long, in s.
    pub seconds: u64,
}

/// What one run measured.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    /// Ballots sent.
    pub sent: u64,
    /// Ballots answered by a `303`.
    pub acked: u64,
    /// From the first scheduled ballot to the last answer.
    pub sending: Duration,
    /// Events received by all viewers.
    pub events: u64,
    /// `303` → viewer latencies in ms, sorted.
    pub latencies_ms: Vec<f64>,
    /// The server's RSS before the streams opened, in KiB.
    pub rss_idle_kib: u64,
    /// Its RSS with the streams open, before the ballots, in KiB.
    pub rss_streams_kib: u64,
    /// Its peak RSS by the end of the run, in KiB.
    pub rss_peak_kib: u64,
}

impl Figures {
    /// Ballots sent but not answered by a `303`.
    pub fn errors(&self) -> u64 {
        self.sent - self.acked
    }
}

/// Runs `push` against `WS01` of `atelier`: opens the streams, waits 2 s, has one new
/// phone a ballot open the participants' page for its cookie, sends the ballots (one dot
/// on the first recommendation each) at the fixed rate, waits 2 s for the last frames and
/// closes the streams.
pub async fn measure(atelier: &Atelier, push: Push) -> Figures {
    let links = &atelier.workshops[0];
    let pid = atelier.pid();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let field = recommendation_fields(&links.participant)
        .await
        .into_iter()
        .next()
        .expect("a recommendation");
    let rss_idle_kib = memory_kib(pid, "VmRSS:");
    let viewers = Viewers::open(&links.projector, push.streams).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let rss_streams_kib = memory_kib(pid, "VmRSS:");
    let total = push.rate * push.seconds;
    let cookies = phone_cookies(&client, &links.participant, total as usize).await;
    let forms = cookies
        .into_iter()
        .map(|cookie| (cookie, format!("{field}=1")))
        .collect();
    let interval = Duration::from_nanos(1_000_000_000 / push.rate.max(1));
    let url = format!("{}/votes", links.participant);
    let (outcomes, sending) = fixed_rate(&client, &url, forms, interval).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let rss_peak_kib = memory_kib(pid, "VmHWM:");
    let (probes, events) = viewers.close().await;
    let acks: Vec<_> = outcomes.iter().filter_map(|s| s.ack).collect();
    Figures {
        sent: total,
        acked: acks.len() as u64,
        sending,
        events,
        latencies_ms: projector_latencies(&acks, &probes),
        rss_idle_kib,
        rss_streams_kib,
        rss_peak_kib,
    }
}
