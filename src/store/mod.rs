//! The only module that speaks SQL (DESIGN.md, "store"). Writes go through the single
//! [`Writer`] thread; reads use a small pool of read-only connections ([`Readers`]) on a
//! blocking thread, never on an async worker.

pub mod backup;
pub mod read;
mod readers;
pub mod schema;
pub mod write;
mod writer;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use readers::Readers;
pub use writer::Writer;

use crate::live::Hub;

/// A submission the workshop's rules refuse, found inside the write transaction (so two
/// phones racing cannot both slip under a limit). Its writes are rolled back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The participant would pass `keywords_per_participant`; `already` were sent before.
    TooManyKeywords { limit: i64, already: i64 },
    /// The participant already sent this keyword (same spelling, case and spaces aside).
    KeywordAlreadySent(String),
    /// The same keyword (as it folds) is twice in one form.
    KeywordTwiceInForm(String),
    /// The participant already sent [`write::MAX_FINDINGS_PER_PARTICIPANT`] findings.
    TooManyFindings { limit: i64 },
    /// A finding that is not (or no longer) visible in the participant's workshop.
    UnknownFinding,
    /// A participant cannot support their own finding.
    OwnFinding,
    /// The participant already proposed [`write::MAX_PROPOSALS_PER_PARTICIPANT`]
    /// recommendations.
    TooManyProposals { limit: i64 },
    /// A keyword merge that no longer fits the groups: the group was merged meanwhile, or
    /// the merge would close a loop (two facilitators merging at the same moment).
    CorrectionConflict,
    /// The join code of an imported or created workshop is already in use.
    JoinCodeTaken(String),
}

/// What went wrong in the store.
#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    /// The database file could not be opened, created or migrated.
    #[error("opening the database at {path}: {reason}")]
    Open { path: String, reason: String },
    /// An SQLite error (the message of `rusqlite::Error`).
    #[error("database error: {0}")]
    Sqlite(String),
    /// The writer thread has stopped (the server is shutting down).
    #[error("the database writer has stopped")]
    WriterGone,
    /// The reader pool could not give a connection.
    #[error("database reader pool: {0}")]
    Pool(String),
    /// A thread could not be started or joined.
    #[error("{0}")]
    Io(String),
    /// A rule refused the submission; nothing was stored.
    #[error("refused: {0:?}")]
    Refused(Refusal),
    /// A write job panicked (a bug); its writes were rolled back and the writer went on.
    /// Carries the panic's message.
    #[error("a write job panicked: {0}")]
    JobPanicked(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Sqlite(e.to_string())
    }
}

/// The database: its writer, its readers and the live versions the writer bumps.
#[derive(Clone)]
pub struct Store {
    /// The single writer.
    pub writer: Writer,
    /// The read-only pool.
    pub readers: Readers,
    /// Per-workshop versions, bumped after each commit.
    pub hub: Arc<Hub>,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if missing) the database at `path`, migrates it, starts the writer
    /// thread and the reader pool.
    ///
    /// # Errors
    /// [`StoreError::Open`] or [`StoreError::Pool`].
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let hub = Arc::new(Hub::new());
        let conn = schema::open_writer(path)?;
        let writer = Writer::start(conn, Arc::clone(&hub))?;
        let readers = Readers::open(path)?;
        Ok(Self {
            writer,
            readers,
            hub,
            path: path.to_path_buf(),
        })
    }

    /// The database file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// The current time in UTC as stored: RFC 3339 with milliseconds, `Z` suffix.
pub fn now_utc() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The WAL stays bounded while readers read all day: the writer's automatic
    /// checkpoints run between reads and `journal_size_limit` truncates the file.
    #[test]
    fn the_wal_file_stays_bounded_under_writes_and_reads() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("wal.db");
        let store = Store::open(&path).expect("store");
        store
            .writer
            .write_blocking(None, |conn| {
                conn.execute_batch("CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT)")?;
                Ok(())
            })
            .expect("table");
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let reader = {
            let (readers, stop) = (store.readers.clone(), stop.clone());
            std::thread::spawn(move || {
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let _ = readers.read_blocking(|conn| {
                        Ok(conn
                            .query_row("SELECT COUNT(*) FROM filler", [], |r| r.get::<_, i64>(0))?)
                    });
                }
            })
        };
        let text = "x".repeat(2000);
        let mut largest = 0;
        for _ in 0..150 {
            let text = text.clone();
            store
                .writer
                .write_blocking(None, move |conn| {
                    for _ in 0..100 {
                        conn.execute("INSERT INTO filler (text) VALUES (?1)", [&text])?;
                    }
                    Ok(())
                })
                .expect("write");
            let wal = std::fs::metadata(dir.path().join("wal.db-wal"))
                .map(|m| m.len())
                .unwrap_or(0);
            largest = largest.max(wal);
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        reader.join().expect("reader");
        // 30 MB were written while a reader never stopped reading; the WAL stayed near the
        // 16 MB restart threshold (checked every 16 commits of 200 KB here).
        assert!(largest < 24 * 1024 * 1024, "WAL reached {largest} bytes");
    }
}
