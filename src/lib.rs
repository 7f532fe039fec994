//! atelier: a live workshop feedback collector. `DESIGN.md` gives the architecture:
//! `domain` (pure rules), `store` (SQLite: one writer, read-only pool), `live` (versions
//! per workshop), `web` (one module per audience), `report` (tallies to files).

pub mod cli;
pub mod domain;
pub mod i18n;
pub mod live;
pub mod report;
pub mod startup;
pub mod store;
pub mod tallies;
pub mod web;
pub mod workshops;
