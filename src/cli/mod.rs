//! The command line (clap): `atelier serve` (the default), `atelier import`, `atelier
//! export`, `atelier backup`, `atelier codes` and `atelier nginx`, one file per command; their options are in [`args`],
//! where the machine's settings can also come from `ATELIER_*` environment variables.

mod args;
mod backup;
mod codes;
mod export;
mod import;
pub mod nginx;
mod serve;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::domain::language::Language;
use crate::i18n::Tr;

pub use crate::i18n::describe_file_error;
pub use args::{
    BackupArgs, CodesArgs, DbArgs, DialectArg, ExportArgs, ExportFormat, ImportArgs, NginxArgs,
    ServeArgs, ShardArgs,
};

/// atelier: live workshop feedback (keywords, findings, dot votes) and its report.
#[derive(Debug, Parser)]
#[command(
    name = "atelier",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// `serve`'s options, for `atelier` without a command.
    #[command(flatten)]
    pub serve: ServeArgs,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the participants', projector and facilitator pages (the default).
    Serve(ServeArgs),
    /// Create a workshop, or an event with its workshops, from a TOML file and print their
    /// links as one JSON object.
    Import(ImportArgs),
    /// Write a workshop's report, workbook or CSV files, or an event's proceedings,
    /// workbook or ZIP (--event).
    Export(ExportArgs),
    /// Copy the database consistently, even while a server runs on it.
    Backup(BackupArgs),
    /// Make one-time vote codes for a workshop and print them, one a line.
    Codes(CodesArgs),
    /// Print the nginx configuration that routes to several processes (--shard I/N).
    Nginx(NginxArgs),
}

/// Runs the command line.
///
/// # Errors
/// Start-up errors (database, address in use); refusals of `import` are printed and give
/// exit code 1 instead.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        None => serve::run(cli.serve),
        Some(Command::Serve(args)) => serve::run(args),
        Some(Command::Import(args)) => import::run(&args),
        Some(Command::Export(args)) => export::run(&args),
        Some(Command::Backup(args)) => backup::run(&args),
        Some(Command::Codes(args)) => codes::run(&args),
        Some(Command::Nginx(args)) => nginx::run(&args),
    }
}

/// Whether the database `db` names exists; when not, says so on stderr (a command that
/// only reads must not create an empty database).
fn database_exists(tr: Tr, db: &args::DbArgs) -> bool {
    let exists = db.db.exists();
    if !exists {
        eprintln!(
            "{}",
            tr.s("cli-no-database", "file", &db.db.display().to_string())
        );
    }
    exists
}

/// The language of messages on the terminal: English when `LANG` starts with `en`.
fn terminal_tr() -> Tr {
    let lang = std::env::var("LANG")
        .ok()
        .and_then(|l| Language::from_code(&l))
        .unwrap_or_default();
    Tr::new(lang)
}
