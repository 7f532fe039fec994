//! What the benchmarks share: the server process, options, percentiles, memory figures;
//! in [`workshop`] a release server over imported (and preloaded) workshops, in [`live`]
//! phones and projector streams talking to it, in [`projector`] the projector measurement
//! that `projector` and `load --scenario large` both print; for `scale_out`, [`nginx`] in
//! front of several processes and [`litestream`] replicating each.
#![allow(dead_code)]

pub mod event;
pub mod litestream;
pub mod live;
pub mod nginx;
pub mod projector;
pub mod workshop;

use std::process::Child;

/// A server process, killed when dropped.
pub struct Server(pub Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The number after the command-line option `name`, or `default`.
pub fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The word after the command-line option `name`, or `default`.
pub fn text_arg(name: &str, default: &str) -> String {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map_or_else(|| default.to_string(), String::clone)
}

/// The `p`-th percentile of `sorted` (nearest rank); NaN when empty.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

/// A memory figure of process `pid` in KiB, from `/proc/{pid}/status` (`VmRSS:` now,
/// `VmHWM:` the peak); 0 when it cannot be read.
pub fn memory_kib(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

/// Starts measuring the peak memory of process `pid` afresh: its `VmHWM:` becomes its
/// `VmRSS:` now (`5` written to `/proc/{pid}/clear_refs`, Linux's `proc(5)`). Says whether
/// it could.
pub fn reset_peak_memory(pid: u32) -> bool {
    std::fs::write(format!("/proc/{pid}/clear_refs"), "5").is_ok()
}

/// A free TCP port on 127.0.0.1.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}
