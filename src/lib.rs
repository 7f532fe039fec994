//! atelier: a live workshop feedback collector. `ARCHITECTURE.md` gives the layers, from
//! the bottom: `domain` (pure rules and validated types), `store` (SQLite by intent: one
//! writer, read-only pool), `live` (versions per workshop), `tallies` (read models),
//! `report` (tallies to files) and `web` (one module per audience), `startup`, `cli`.

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
