//! `atelier codes --workshop CODE --count N`: makes N one-time vote codes for a workshop
//! and prints them, one a line, as printed on cards (`XXXX-XXXX`). They are stored hashed:
//! this is the only time they are shown.

use std::process::ExitCode;

use anyhow::Context;

use super::args::CodesArgs;
use super::{database_exists, terminal_tr};
use crate::domain::join_code::JoinCode;
use crate::i18n::refusal_message;
use crate::store::{Store, StoreError};

/// Prints `args.count` new codes of workshop `args.workshop`. A missing database, an
/// unknown join code or a count outside 1 to
/// [`crate::domain::vote_code::MAX_CODES_PER_REQUEST`] is printed on stderr and gives
/// [`ExitCode::FAILURE`].
///
/// # Errors
/// The database cannot be opened or written.
pub(super) fn run(args: &CodesArgs) -> anyhow::Result<ExitCode> {
    let tr = terminal_tr();
    if !database_exists(tr, &args.db) {
        return Ok(ExitCode::FAILURE);
    }
    let store = Store::open(&args.db.db)
        .with_context(|| format!("opening the database {}", args.db.db.display()))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the command")?;
    let code = JoinCode::parse(&args.workshop).ok();
    let made = runtime.block_on(async {
        let id = match &code {
            Some(code) => store.workshop_id_by_code(code).await?,
            None => None,
        };
        match id {
            Some(id) => store.create_vote_codes(id, args.count).await.map(Some),
            None => Ok(None),
        }
    });
    match made {
        Ok(Some(codes)) => {
            let lines: Vec<String> = codes.iter().map(|c| c.display()).collect();
            println!("{}", lines.join("\n"));
            Ok(ExitCode::SUCCESS)
        }
        Ok(None) => {
            eprintln!(
                "{}",
                tr.s("error-unknown-workshop-body", "code", &args.workshop)
            );
            Ok(ExitCode::FAILURE)
        }
        Err(StoreError::Refused(refusal)) => {
            eprintln!("{}", refusal_message(tr, &refusal));
            Ok(ExitCode::FAILURE)
        }
        Err(e) => Err(e).context("making the vote codes"),
    }
}
