//! `atelier import FILE`: creates a workshop from a TOML file and prints its links as one
//! JSON object; a file's problems are printed one per line, in the terminal's language.

use std::process::ExitCode;

use anyhow::Context;

use super::args::ImportArgs;
use super::terminal_tr;
use crate::domain::refusal::Refusal;
use crate::domain::workshop_file::{self, FileError, FileErrorKind};
use crate::i18n::{Tr, problem_message, refusal_message};
use crate::store::{Store, StoreError};
use crate::workshops::{self, Links};

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
    let workshop = match workshop_file::parse(&source) {
        Ok(workshop) => workshop,
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
    match workshops::create_blocking(&store, workshop) {
        Ok(created) => {
            let links = Links::new(&args.base_url, &created.join_code, &created.facilitator_key);
            println!("{}", serde_json::to_string(&links)?);
            Ok(ExitCode::SUCCESS)
        }
        Err(StoreError::Refused(
            refusal @ (Refusal::JoinCodeTaken(_) | Refusal::JoinCodeOtherShard { .. }),
        )) => {
            let message = refusal_message(tr, &refusal);
            eprintln!(
                "{}",
                tr.args(
                    "cli-file-error-no-line",
                    &[("file", file.into()), ("message", message.into())]
                )
            );
            Ok(ExitCode::FAILURE)
        }
        Err(e) => Err(e).context("creating the workshop"),
    }
}

/// One line per problem: `FILE, ligne N, clé K : message`.
pub fn describe_file_error(tr: Tr, file: &str, error: &FileError) -> String {
    let message = match &error.kind {
        FileErrorKind::Syntax(text) => translate_toml_message(tr, text),
        FileErrorKind::Field(problem) => problem_message(tr, problem),
    };
    match (error.line, &error.key) {
        (Some(line), key) => tr.args(
            "cli-file-error",
            &[
                ("file", file.to_string().into()),
                ("line", i64::try_from(line).unwrap_or(0).into()),
                ("key", key.clone().unwrap_or_else(|| "?".into()).into()),
                ("message", message.into()),
            ],
        ),
        (None, _) => tr.args(
            "cli-file-error-no-line",
            &[
                ("file", file.to_string().into()),
                ("message", message.into()),
            ],
        ),
    }
}

/// The TOML reader's most common messages in the user's language; others as they are.
fn translate_toml_message(tr: Tr, text: &str) -> String {
    let quoted = |s: &str| s.split('`').nth(1).unwrap_or("").to_string();
    if text.starts_with("missing field") {
        tr.s("toml-missing-field", "key", &quoted(text))
    } else if text.starts_with("unknown field") {
        tr.s("toml-unknown-field", "key", &quoted(text))
    } else if text.starts_with("invalid type") {
        let expected = if text.contains("expected i64") || text.contains("expected an integer") {
            tr.t("toml-expected-integer")
        } else if text.contains("expected a string") || text.contains("expected a borrowed string")
        {
            tr.t("toml-expected-text")
        } else {
            text.to_string()
        };
        tr.s("toml-invalid-type", "expected", &expected)
    } else if text.starts_with("duplicate key") {
        tr.t("toml-duplicate-key")
    } else {
        text.to_string()
    }
}
