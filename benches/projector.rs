//! Projector benchmark (issue #3): 500 projector streams open while 200 submissions per
//! second arrive for 30 s, against the release binary. Prints the time from a submission's
//! `303` to a viewer receiving a state that includes it (p50/p99/max), the events
//! received, and the server's memory.
//!
//! Run: `cargo bench --bench projector` (options: `-- --streams N --rate N --seconds N
//! --keywords N`, the last preloading a large workshop: N keywords and N/10 findings).
//!
//! Method (`support::projector::measure`, shared with `cargo bench --bench load --
//! --scenario large`): every submission is a ballot from a new phone. Its `303` is sent
//! after its commit and carries `X-Atelier-Version`, the workshop's live version then; its
//! latency is the time until a probe viewer (one in 100) first receives an event whose id
//! is at least that version (0 if one came earlier). Submissions are sent at a fixed rate
//! (open loop), so a slow server shows up as latency, not as fewer requests.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use support::projector::{Figures, Push, measure};
use support::workshop::{Atelier, Setup};
use support::{arg, percentile};

fn main() {
    let push = Push {
        streams: arg("--streams", 500) as usize,
        rate: arg("--rate", 200),
        seconds: arg("--seconds", 30),
    };
    let keywords = arg("--keywords", 0);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let figures = runtime.block_on(async {
        let atelier = Atelier::start(Setup::large(keywords)).await;
        measure(&atelier, push).await
    });
    print(push, keywords, &figures);
}

fn print(push: Push, keywords: u64, f: &Figures) {
    let Push {
        streams,
        rate,
        seconds,
    } = push;
    println!(
        "atelier projector benchmark — {} ({} cores)",
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC"),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!(
        "command: cargo bench --bench projector -- --streams {streams} --rate {rate} --seconds {seconds} --keywords {keywords}"
    );
    println!(
        "| workshop preloaded with | {keywords} keywords, {} findings |",
        keywords / 10
    );
    println!("| figure | value |");
    println!("| --- | --- |");
    println!("| projector streams open | {streams} |");
    println!(
        "| submissions sent / acknowledged (303) / errors | {} / {} / {} |",
        f.sent,
        f.acked,
        f.errors()
    );
    println!(
        "| achieved rate | {:.0} submissions/s over {:.1} s |",
        f.acked as f64 / f.sending.as_secs_f64(),
        f.sending.as_secs_f64()
    );
    println!("| events received by all viewers | {} |", f.events);
    println!(
        "| 303 → viewer, p50 | {:.0} ms |",
        percentile(&f.latencies_ms, 50.0)
    );
    println!(
        "| 303 → viewer, p99 | {:.0} ms |",
        percentile(&f.latencies_ms, 99.0)
    );
    println!(
        "| 303 → viewer, max | {:.0} ms |",
        f.latencies_ms.last().copied().unwrap_or(f64::NAN)
    );
    println!(
        "| server RSS idle / with streams / peak | {} / {} / {} MiB |",
        f.rss_idle_kib / 1024,
        f.rss_streams_kib / 1024,
        f.rss_peak_kib / 1024
    );
}
