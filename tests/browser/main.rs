//! The screens in headless Chromium (Debian's `chromium` and `chromium-driver`), driven
//! through WebDriver. Ignored by plain `cargo test`; `.ci/run` installs Chromium and runs
//! `cargo test --test browser -- --ignored`. Screenshots go to `target/screenshots/`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;
mod phone;
mod plenary;
mod projector;
mod support;

mod accessibility;
mod console;
mod printables;
mod report_print;
mod room;
