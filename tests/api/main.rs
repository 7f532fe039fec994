//! The integration tests that start the real server in this process, gathered in one test
//! binary so that they link once (issue #9): one module per concern. The browser test
//! (`tests/browser/`) and the crash test (`tests/durability.rs`) stay binaries of their
//! own. Run one module with `cargo test --test api refusals::`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;

mod architecture;
mod command_line;
mod console;
mod downloads;
mod event;
mod facilitator_rules;
mod fixture_replay;
mod hostile_room;
mod hostile_text;
mod keyword_corrections;
mod live_tallies;
mod moderation;
mod new_workshop;
mod one_phone;
mod participants;
mod plenary;
mod printables;
mod proceedings;
mod projector;
mod refusals;
mod replication;
mod report;
mod report_files;
mod screens;
mod shards;
mod supports_and_proposals;
mod synthesis;
mod vote_codes;
