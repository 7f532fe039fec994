//! `atelier backup`: a consistent copy of the database while the server runs, through
//! SQLite's online backup API. The copy is taken in one step, inside one read transaction
//! (in WAL mode, readers do not block the writer), so it holds exactly the entries
//! committed before it started.

use std::path::Path;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::StoreError;
use super::schema::BUSY_TIMEOUT;

/// What a backup copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackupSummary {
    /// Workshops in the copy.
    pub workshops: i64,
    /// Keywords, findings and ballot lines in the copy.
    pub entries: i64,
}

/// Copies the database at `db` to a new file `out`, checks the copy
/// (`PRAGMA integrity_check`) and counts what it holds.
///
/// # Errors
/// [`StoreError::Io`] when `out` already exists (a backup never overwrites), or the copy
/// fails its integrity check; [`StoreError::Open`] when `db` cannot be opened; SQLite
/// errors.
pub fn backup(db: &Path, out: &Path) -> Result<BackupSummary, StoreError> {
    if out.exists() {
        return Err(StoreError::Io(format!("{} already exists", out.display())));
    }
    let source =
        Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|e| {
            StoreError::Open {
                path: db.display().to_string(),
                reason: e.to_string(),
            }
        })?;
    source.busy_timeout(BUSY_TIMEOUT)?;
    let mut copy = Connection::open(out)?;
    {
        let backup = Backup::new(&source, &mut copy)?;
        // -1: every page in one step, so the copy is one consistent snapshot.
        match backup.step(-1)? {
            StepResult::Done => {}
            other => return Err(StoreError::Io(format!("backup did not finish: {other:?}"))),
        }
    }
    let check: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(StoreError::Io(format!(
            "the copy fails its integrity check: {check}"
        )));
    }
    Ok(copy.query_row(
        "SELECT (SELECT COUNT(*) FROM workshops),
                (SELECT COUNT(*) FROM keywords) + (SELECT COUNT(*) FROM findings)
                  + (SELECT COUNT(*) FROM ballots)",
        [],
        |r| {
            Ok(BackupSummary {
                workshops: r.get(0)?,
                entries: r.get(1)?,
            })
        },
    )?)
}
