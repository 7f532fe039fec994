//! `atelier export`: writes a workshop's report (Markdown, Word), workbook, CSV files or
//! everything in one ZIP, from the database, without a server.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;

use super::args::{DialectArg, ExportArgs, ExportFormat};
use super::{database_exists, terminal_tr};
use crate::domain::join_code::JoinCode;
use crate::report::csv::Dialect;
use crate::report::files::{self, ExportError};
use crate::store::Store;
use crate::tallies::TalliesCache;

/// Writes what `args.format` names to `args.out` (a folder for CSV) and prints each
/// written path on its own line. A missing database or an unknown join code is printed on
/// stderr and gives [`ExitCode::FAILURE`].
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
            // The same path as the server's downloads: the live model, then the rows.
            Some(id) => TalliesCache::new(store.clone()).export(id).await,
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

/// Creates the file `path` and writes it with `fill`, as it is made.
///
/// # Errors
/// The file cannot be created, made or written.
fn write_file(
    path: &Path,
    fill: impl FnOnce(&mut BufWriter<File>) -> Result<(), ExportError>,
) -> anyhow::Result<()> {
    let writing = || format!("writing {}", path.display());
    let mut out = BufWriter::new(File::create(path).with_context(writing)?);
    fill(&mut out).with_context(writing)?;
    out.flush().with_context(writing)?;
    Ok(())
}
