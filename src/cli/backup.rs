//! `atelier backup --out FILE`: a consistent copy of the database, even while a server
//! runs on it (see [`crate::store::backup`]).

use std::process::ExitCode;

use super::args::BackupArgs;
use super::{database_exists, terminal_tr};

/// Copies `args.db` to `args.out` and prints what the copy holds. A missing database or a
/// failed copy (e.g. `--out` exists) is printed on stderr and gives [`ExitCode::FAILURE`].
///
/// # Errors
/// None today: every failure is reported through the exit code.
pub(super) fn run(args: &BackupArgs) -> anyhow::Result<ExitCode> {
    let tr = terminal_tr();
    if !database_exists(tr, &args.db) {
        return Ok(ExitCode::FAILURE);
    }
    match crate::store::backup::backup(&args.db.db, &args.out) {
        Ok(summary) => {
            println!(
                "{}",
                tr.args(
                    "cli-backup-done",
                    &[
                        ("file", args.out.display().to_string().into()),
                        ("workshops", summary.workshops.into()),
                        ("entries", summary.entries.into()),
                    ],
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("{}", tr.s("cli-backup-failed", "message", &e.to_string()));
            Ok(ExitCode::FAILURE)
        }
    }
}
