//! The command line (clap): `atelier serve` (the default) and `atelier import`. Every flag
//! can also be set by an `ATELIER_*` environment variable.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};

use crate::domain::join_code::JoinCode;
use crate::domain::language::Language;
use crate::domain::refusal::Refusal;
use crate::domain::workshop_file::{self, FileError, FileErrorKind};
use crate::i18n::{Tr, problem_message};
use crate::report::csv::Dialect;
use crate::report::files;
use crate::startup::{Application, Config};
use crate::store::{Store, StoreError};
use crate::tallies::Tallies;
use crate::workshops::{self, Links};

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
    /// Create a workshop from a TOML file and print its links as one JSON object.
    Import(ImportArgs),
    /// Write a workshop's report, workbook or CSV files.
    Export(ExportArgs),
    /// Copy the database consistently, even while a server runs on it.
    Backup(BackupArgs),
}

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
    /// report.md
    Md,
    /// report.docx
    Docx,
    /// workshop.xlsx
    Xlsx,
    /// every CSV file, into the folder --out
    Csv,
    /// everything in one ZIP (the report also as HTML)
    Zip,
}

/// The CSV dialect of `atelier export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DialectArg {
    /// RFC 4180: UTF-8, comma
    Standard,
    /// French Excel: UTF-8 with BOM, semicolon, decimal comma
    ExcelFr,
}

/// Options of `atelier export`.
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// The workshop's join code.
    #[arg(long)]
    pub workshop: String,
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
}

/// Options of `atelier import`.
#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// The workshop file (TOML; see the README, "Import file format").
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
}

/// The language of messages on the terminal: English when `LANG` starts with `en`.
fn terminal_tr() -> Tr {
    let lang = std::env::var("LANG")
        .ok()
        .and_then(|l| Language::from_code(&l))
        .unwrap_or_default();
    Tr::new(lang)
}

/// Runs the command line.
///
/// # Errors
/// Start-up errors (database, address in use); refusals of `import` are printed and give
/// exit code 1 instead.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        None => serve(cli.serve),
        Some(Command::Serve(args)) => serve(args),
        Some(Command::Import(args)) => import(&args),
        Some(Command::Export(args)) => export(&args),
        Some(Command::Backup(args)) => backup(&args),
    }
}

fn serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .try_init();
    let tr = terminal_tr();
    let config = Config {
        bind: args.bind,
        db: args.db.db,
        base_url: args.base_url,
        admin_password: args.admin_password,
    };
    actix_web::rt::System::new().block_on(async move {
        let app = Application::build(&config)?;
        let mut out = std::io::stdout().lock();
        writeln!(out, "{}", tr.s("cli-serving", "url", app.base_url()))?;
        if args.demo {
            let store = app.store().clone();
            let base = app.base_url().to_string();
            let (title, links) =
                actix_web::rt::task::spawn_blocking(move || workshops::ensure_demo(&store, &base))
                    .await
                    .context("importing the demo workshop")??;
            writeln!(out, "{}", tr.s("cli-demo", "title", &title))?;
            print_links(&mut out, tr, &links)?;
        }
        drop(out);
        app.run_until_stopped().await.context("serving")?;
        Ok(ExitCode::SUCCESS)
    })
}

fn print_links(out: &mut impl Write, tr: Tr, links: &Links) -> std::io::Result<()> {
    writeln!(
        out,
        "  {:<16} {}",
        tr.t("cli-participant"),
        links.participant_url
    )?;
    writeln!(
        out,
        "  {:<16} {}",
        tr.t("cli-projector"),
        links.projector_url
    )?;
    writeln!(
        out,
        "  {:<16} {}",
        tr.t("cli-facilitator"),
        links.facilitator_url
    )?;
    out.flush()
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

fn import(args: &ImportArgs) -> anyhow::Result<ExitCode> {
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
        .with_context(|| format!("opening the database {}", args.db.db.display()))?;
    match workshops::create_blocking(&store, workshop) {
        Ok(created) => {
            let links = Links::new(&args.base_url, &created.join_code, &created.facilitator_key);
            println!("{}", serde_json::to_string(&links)?);
            Ok(ExitCode::SUCCESS)
        }
        Err(StoreError::Refused(Refusal::JoinCodeTaken(code))) => {
            let message = tr.s("error-join-code-taken", "code", &code);
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

fn export(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let tr = terminal_tr();
    if !args.db.db.exists() {
        eprintln!(
            "{}",
            tr.s("cli-no-database", "file", &args.db.db.display().to_string())
        );
        return Ok(ExitCode::FAILURE);
    }
    let store = Store::open(&args.db.db)
        .with_context(|| format!("opening the database {}", args.db.db.display()))?;
    let code = JoinCode::parse(&args.workshop).ok();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the export")?;
    let tallies = runtime.block_on(async {
        let id = match &code {
            Some(code) => store.workshop_id_by_code(code).await?,
            None => None,
        };
        match id {
            Some(id) => Tallies::load_by_id(&store, id).await,
            None => Ok(None),
        }
    })?;
    let Some(tallies) = tallies else {
        eprintln!(
            "{}",
            tr.s("error-unknown-workshop-body", "code", &args.workshop)
        );
        return Ok(ExitCode::FAILURE);
    };
    let dialect = match args.dialect {
        DialectArg::Standard => Dialect::Standard,
        DialectArg::ExcelFr => Dialect::ExcelFr,
    };
    let written: Vec<PathBuf> = match args.format {
        ExportFormat::Csv => {
            std::fs::create_dir_all(&args.out)
                .with_context(|| format!("creating {}", args.out.display()))?;
            let mut written = Vec::new();
            for name in files::FILES.iter().filter(|n| n.ends_with(".csv")) {
                let path = args.out.join(name);
                let bytes = files::render(&tallies, name, dialect)?.unwrap_or_default();
                std::fs::write(&path, bytes)
                    .with_context(|| format!("writing {}", path.display()))?;
                written.push(path);
            }
            written
        }
        format => {
            let bytes = match format {
                ExportFormat::Md => files::render(&tallies, "report.md", dialect)?,
                ExportFormat::Docx => files::render(&tallies, "report.docx", dialect)?,
                ExportFormat::Xlsx => files::render(&tallies, "workshop.xlsx", dialect)?,
                _ => Some(files::zip_all(&tallies, dialect)?),
            };
            std::fs::write(&args.out, bytes.unwrap_or_default())
                .with_context(|| format!("writing {}", args.out.display()))?;
            vec![args.out.clone()]
        }
    };
    for path in written {
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn backup(args: &BackupArgs) -> anyhow::Result<ExitCode> {
    let tr = terminal_tr();
    if !args.db.db.exists() {
        eprintln!(
            "{}",
            tr.s("cli-no-database", "file", &args.db.db.display().to_string())
        );
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
