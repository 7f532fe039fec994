//! atelier: a live workshop feedback collector. See DESIGN.md for the architecture.
#![warn(clippy::unwrap_used)]

pub mod domain;
