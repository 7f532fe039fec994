//! `atelier export`: writes a workshop's report (Markdown, Word, HTML), workbook, CSV
//! files or everything in one ZIP, or an event's proceedings, workbook or `event.zip`
//! (`--event`), from the database, without a server. Each file is written to a temporary
//! file beside it and renamed on success, so a failed export never leaves half a file
//! where the last good one was.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use tempfile::NamedTempFile;

use super::args::{DialectArg, ExportArgs, ExportFormat};
use super::{database_exists, terminal_tr};
use crate::domain::event::EventCode;
use crate::domain::join_code::JoinCode;
use crate::report::csv::Dialect;
use crate::report::files::{self, ExportError};
use crate::report::proceedings;
use crate::store::Store;
use crate::tallies::TalliesCache;

/// Writes what `args.format` names to `args.out` (a folder for CSV) and prints each
/// written path on its own line. A missing database, an unknown join code or event code,
/// or `--format csv` with `--event` is printed on stderr and gives [`ExitCode::FAILURE`].
///
/// # Errors
/// The database cannot be read, a file cannot be rendered or written.
pub(super) fn run(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let tr = terminal_tr();
    if !database_exists(tr, &args.db) {
        return Ok(ExitCode::FAILURE);
    }
    let store = Store::open(&args.db.db)
        .with_context(|| format!("opening the database {}", args.db.db.display()))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the export")?;
    let dialect = match args.dialect {
        DialectArg::Standard => Dialect::Standard,
        DialectArg::ExcelFr => Dialect::ExcelFr { french: false },
    };
    if let Some(event) = &args.event {
        return run_event(args, store, &runtime, event, dialect);
    }
    let workshop = args.workshop.clone().unwrap_or_default();
    let code = JoinCode::parse(&workshop).ok();
    let tallies = runtime.block_on(async {
        let id = match &code {
            Some(code) => store.workshop_id_by_code(code).await?,
            None => None,
        };
        match id {
            // The same path as the server's downloads: the live model, then the rows.
            Some(id) => TalliesCache::new(store.clone()).export(id).await,
            None => Ok(None),
        }
    })?;
    let Some(tallies) = tallies else {
        eprintln!("{}", tr.s("error-unknown-workshop-body", "code", &workshop));
        return Ok(ExitCode::FAILURE);
    };
    let written: Vec<PathBuf> = match args.format {
        ExportFormat::Csv => {
            std::fs::create_dir_all(&args.out)
                .with_context(|| format!("creating {}", args.out.display()))?;
            let mut written = Vec::new();
            for name in files::FILES.iter().filter(|n| n.ends_with(".csv")) {
                let path = args.out.join(name);
                write_file(&path, |out| {
                    files::write(&tallies, name, dialect, out).map(drop)
                })?;
                written.push(path);
            }
            written
        }
        format => {
            write_file(&args.out, |out| {
                let name = match format {
                    ExportFormat::Md => "report.md",
                    ExportFormat::Docx => "report.docx",
                    ExportFormat::Xlsx => "workshop.xlsx",
                    ExportFormat::Html => {
                        let report = crate::report::document::Report::new(&tallies);
                        return Ok(crate::report::page::write(&report, out)?);
                    }
                    _ => return files::write_zip(&tallies, dialect, out).map(drop),
                };
                files::write(&tallies, name, dialect, out).map(drop)
            })?;
            vec![args.out.clone()]
        }
    };
    for path in written {
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// `atelier export --event CODE`: the event's proceedings (`md`, `docx`, `html`), its
/// workbook (`xlsx`) or `event.zip` (`zip`) to `args.out`.
fn run_event(
    args: &ExportArgs,
    store: Store,
    runtime: &tokio::runtime::Runtime,
    code: &str,
    dialect: Dialect,
) -> anyhow::Result<ExitCode> {
    let tr = terminal_tr();
    let name = match args.format {
        ExportFormat::Md => "report.md",
        ExportFormat::Docx => "report.docx",
        ExportFormat::Html => "report.html",
        ExportFormat::Xlsx => "event.xlsx",
        ExportFormat::Zip => "event.zip",
        ExportFormat::Csv => {
            eprintln!("{}", tr.t("error-event-csv"));
            return Ok(ExitCode::FAILURE);
        }
    };
    let cache = Arc::new(TalliesCache::new(store.clone()));
    let event = runtime.block_on(async {
        let Ok(code) = EventCode::parse(code) else {
            return Ok(None);
        };
        match store.event_by_code(&code).await? {
            Some(event) => cache.event_full(event).await.map(Some),
            None => Ok(None),
        }
    })?;
    let Some(event) = event else {
        eprintln!("{}", tr.s("error-unknown-event", "code", code));
        return Ok(ExitCode::FAILURE);
    };
    write_file(&args.out, |out| {
        proceedings::files::write(&event, name, dialect, out).map(drop)
    })?;
    println!("{}", args.out.display());
    Ok(ExitCode::SUCCESS)
}

/// Writes the file `path` with `fill`, as it is made, into a temporary file beside it
/// (same folder, so same file system), renamed to `path` only once it is whole and on
/// disk: a failed export (disk full, a file size limit, an unreadable database) leaves
/// `path` as it was, and removes the temporary file.
///
/// # Errors
/// The temporary file cannot be created, made, written or renamed.
fn write_file(
    path: &Path,
    fill: impl FnOnce(&mut BufWriter<NamedTempFile>) -> Result<(), ExportError>,
) -> anyhow::Result<()> {
    let writing = || format!("writing {}", path.display());
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".atelier-export-");
    // Read and write for all, as `File::create` gives, less the umask (not 0600).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let temporary = builder.tempfile_in(folder).with_context(writing)?;
    let mut out = BufWriter::new(temporary);
    fill(&mut out).with_context(writing)?;
    out.flush().with_context(writing)?;
    let temporary = out
        .into_inner()
        .map_err(std::io::IntoInnerError::into_error)
        .with_context(writing)?;
    temporary.as_file().sync_all().with_context(writing)?;
    temporary.persist(path).with_context(writing)?;
    Ok(())
}
