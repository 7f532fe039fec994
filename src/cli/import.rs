//! `atelier import FILE`: creates a workshop, or an event and its workshops, from a TOML
//! file and prints their links as one JSON object; a file's problems are printed one per line, in the terminal's language.

use std::process::ExitCode;

use anyhow::Context;

use super::args::ImportArgs;
use super::terminal_tr;
use crate::domain::event_file::{self, ImportFile};
use crate::domain::refusal::Refusal;
use crate::i18n::describe_file_error;
use crate::store::{Store, StoreError};
use crate::workshops::{self, EventLinks, Links};

/// Imports `args.file` into `args.db`. An unreadable or invalid file, a join code in
/// use or one of another shard (`--shard`), is printed on stderr and gives [`ExitCode::FAILURE`]; nothing is stored then.
///
/// # Errors
/// The database cannot be opened or written.
pub(super) fn run(args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let tr = terminal_tr();
    let file = args.file.display().to_string();
    let source = match std::fs::read_to_string(&args.file) {
        Ok(source) => source,
        Err(e) => {
            let message = if e.kind() == std::io::ErrorKind::InvalidData {
                tr.t("cli-not-utf8")
            } else {
                e.to_string()
            };
            eprintln!(
                "{}",
                tr.args(
                    "cli-read-error",
                    &[("file", file.clone().into()), ("message", message.into())]
                )
            );
            return Ok(ExitCode::FAILURE);
        }
    };
    let file_read = match event_file::parse_import(&source) {
        Ok(read) => read,
        Err(errors) => {
            for error in &errors {
                eprintln!("{}", describe_file_error(tr, &file, error));
            }
            return Ok(ExitCode::FAILURE);
        }
    };
    let store = Store::open(&args.db.db)
        .with_context(|| format!("opening the database {}", args.db.db.display()))?
        .with_shard(args.shard.shard);
    let printed = match file_read.clone() {
        ImportFile::Workshop(workshop) => workshops::create_blocking(&store, *workshop).map(|c| {
            serde_json::to_string(
                &Links::new(&args.base_url, &c.join_code, &c.facilitator_key).with_room(c.room),
            )
        }),
        ImportFile::Event(event) => store
            .create_event_blocking(event)
            .map(|c| serde_json::to_string(&EventLinks::new(&args.base_url, &c))),
    };
    match printed {
        Ok(json) => {
            println!("{}", json?);
            Ok(ExitCode::SUCCESS)
        }
        Err(StoreError::Refused(
            refusal @ (Refusal::JoinCodeTaken(_)
            | Refusal::JoinCodeOtherShard { .. }
            | Refusal::EventCodeTaken(_)),
        )) => {
            let error = file_read.refusal_error(&source, refusal);
            eprintln!("{}", describe_file_error(tr, &file, &error));
            Ok(ExitCode::FAILURE)
        }
        Err(e) => Err(e).context("creating the workshops"),
    }
}
