//! The options of each command (clap `Args`). The settings of a machine (`--db`,
//! `--bind`, `--base-url`, `--demo`, `--admin-password`, `--shard`) can also be set by their
//! `ATELIER_*` environment variable; the choices of one run (`--workshop`, `--format`,
//! `--dialect`, `--out`, the import file) are given on the command line.

use std::path::PathBuf;

use clap::Args;

use crate::domain::shard::Shard;

/// Options of `atelier backup`.
#[derive(Debug, Clone, Args)]
pub struct BackupArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The copy to write (must not exist).
    #[arg(long)]
    pub out: PathBuf,
}

/// What `atelier export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// report.md (with --event: the proceedings)
    Md,
    /// report.docx (with --event: the proceedings)
    Docx,
    /// workshop.xlsx (with --event: event.xlsx, a workshop column on every sheet)
    Xlsx,
    /// every CSV file, into the folder --out
    Csv,
    /// everything in one ZIP (the report also as HTML; with --event: event.zip, a folder
    /// per workshop and the proceedings)
    Zip,
    /// report.html (the report or the proceedings as a page)
    Html,
}

/// The CSV dialect of `atelier export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DialectArg {
    /// RFC 4180: UTF-8, comma
    Standard,
    /// French Excel: UTF-8 with BOM, semicolon, decimal comma
    ExcelFr,
}

/// Options of `atelier export`: a workshop's files (`--workshop`) or an event's
/// (`--event`: the proceedings as `md` or `docx`, the event workbook as `xlsx`, `event.zip`
/// as `zip`).
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// The workshop's join code.
    #[arg(long, required_unless_present = "event", conflicts_with = "event")]
    pub workshop: Option<String>,
    /// The event's code (its proceedings and files instead of one workshop's).
    #[arg(long)]
    pub event: Option<String>,
    /// What to write.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// CSV dialect.
    #[arg(long, value_enum, default_value = "standard")]
    pub dialect: DialectArg,
    /// The file to write (a folder for --format csv).
    #[arg(long)]
    pub out: PathBuf,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Options of `atelier codes`.
#[derive(Debug, Clone, Args)]
pub struct CodesArgs {
    /// The workshop's join code.
    #[arg(long)]
    pub workshop: String,
    /// How many new vote codes to make (1 to 2000).
    #[arg(long)]
    pub count: i64,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Options of `atelier nginx`.
#[derive(Debug, Clone, Args)]
pub struct NginxArgs {
    /// What nginx listens on (its `listen` directive), such as 127.0.0.1:8080 or 443 ssl.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// The address of one atelier process (host:port), once per shard, shard 1 first:
    /// the process at the I-th address runs with --shard I/N.
    #[arg(long, required = true, value_name = "HOST:PORT")]
    pub upstream: Vec<String>,
}

/// Which shard this process is (README, "Beyond one machine").
#[derive(Debug, Clone, Args)]
pub struct ShardArgs {
    /// Shard I of N (such as 2/3, N at most 16): the join codes and facilitator keys made
    /// here start with this shard's characters, so that a reverse proxy routes them by
    /// their first character; a chosen join code of another shard is refused. Without it
    /// this process is the only one.
    #[arg(long = "shard", env = "ATELIER_SHARD", value_name = "I/N", default_value_t = Shard::WHOLE)]
    pub shard: Shard,
}

/// Where the database is.
#[derive(Debug, Clone, Args)]
pub struct DbArgs {
    /// SQLite database file, created if missing.
    #[arg(long, env = "ATELIER_DB", default_value = "atelier.db")]
    pub db: PathBuf,
}

/// Options of `atelier serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "ATELIER_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,
    #[command(flatten)]
    pub db: DbArgs,
    /// Public address used in links and on the projector, e.g. http://192.168.1.20:8080
    /// (default: the address it listens on).
    #[arg(long, env = "ATELIER_BASE_URL")]
    pub base_url: Option<String>,
    /// Import the demo workshop (code SOLIDA) if absent and print its links.
    #[arg(long, env = "ATELIER_DEMO")]
    pub demo: bool,
    /// Password asked by /new before creating a workshop (no password: /new is open).
    #[arg(long, env = "ATELIER_ADMIN_PASSWORD", hide_env_values = true)]
    pub admin_password: Option<String>,
    #[command(flatten)]
    pub shard: ShardArgs,
}

/// Options of `atelier import`.
#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// The workshop file or event file (TOML; see the README, "Import file format" and
    /// "Event file format").
    pub file: PathBuf,
    #[command(flatten)]
    pub db: DbArgs,
    /// Public address the printed links start with.
    #[arg(
        long,
        env = "ATELIER_BASE_URL",
        default_value = "http://127.0.0.1:8080"
    )]
    pub base_url: String,
    #[command(flatten)]
    pub shard: ShardArgs,
}
