//! The only module that speaks SQL (ARCHITECTURE.md, "store"). It speaks in intents:
//! async methods of [`Store`] named after what a person does (`submit_keywords`,
//! `cast_ballot`, `merge_keyword_groups`, `hide_entry`…), taking validated domain types
//! and returning `Result<_, StoreError>`, where a rule's "no" is
//! [`StoreError::Refused`]. Writes go through the single [`Writer`] thread, which runs
//! the domain's rules on rows read in the same transaction; reads use a small pool of
//! read-only connections ([`Readers`]) on a blocking thread, never on an async worker.
//! One file per resource: workshops and their settings, participants and their page,
//! keywords, findings, ballots, proposals, tallies, synthesis statements, report links,
//! events.

pub mod backup;
mod ballots;
mod events;
mod findings;
mod keywords;
mod live;
mod participants;
mod phone_page;
mod proposals;
mod raw_rows;
mod readers;
mod report_links;
pub mod schema;
mod settings;
mod sql;
mod statements;
mod tallies;
mod vote_codes;
mod workshops;
mod writer;

pub use events::CreatedEvent;
pub use keywords::{CorrectionRow, KeywordRow};
pub use live::{LiveDelta, LiveKeyword, LiveMarks};
pub use participants::{OwnEntries, ParticipantOrder, ParticipantSummary, Phone};
pub use phone_page::{RoomFinding, RoomFindings, RoomSlice};
pub use proposals::Proposal;
pub use raw_rows::{EntryValue, RawEntry, RawRows};
pub use tallies::{ReportContext, TallyRows};
pub use workshops::Created;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use readers::Readers;
pub use writer::Writer;

use crate::domain::identity::PhoneKey;
use crate::domain::refusal::Refusal;
use crate::domain::shard::Shard;
use crate::live::Hub;

/// What a stored submission gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// This many entries were stored.
    New(usize),
    /// The same form (or the same "+1") had already arrived: nothing more is stored.
    Repeated,
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
    #[error("{0}")]
    Refused(Refusal),
    /// A write job panicked (a bug); its writes were rolled back and the writer went on.
    /// Carries the panic's message.
    #[error("a write job panicked: {0}")]
    JobPanicked(String),
}

impl From<Refusal> for StoreError {
    fn from(refusal: Refusal) -> Self {
        Self::Refused(refusal)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Sqlite(e.to_string())
    }
}

/// The database: its writer, its readers and the live versions the writer bumps.
#[derive(Clone)]
pub struct Store {
    /// The single writer (tests and the backup reach it; handlers call intents).
    pub(crate) writer: Writer,
    /// The read-only pool (tests read tables through it; handlers call intents).
    pub readers: Readers,
    /// Per-workshop versions, bumped after each commit.
    pub hub: Arc<Hub>,
    /// The key that signs participant cookies and form tokens (kept in the database).
    pub phone_key: PhoneKey,
    /// The part of the join codes and keys this process owns (`--shard`; whole by
    /// default): workshops created here get codes and keys of it, and a chosen code of
    /// another shard is refused.
    shard: Shard,
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
        let phone_key = participants::phone_key(&conn)?;
        let writer = Writer::start(conn, Arc::clone(&hub))?;
        let readers = Readers::open(path)?;
        Ok(Self {
            writer,
            readers,
            hub,
            phone_key,
            shard: Shard::WHOLE,
            path: path.to_path_buf(),
        })
    }

    /// The same store making and accepting only codes and keys of `shard`
    /// (`domain::shard`, README "Beyond one machine").
    #[must_use]
    pub fn with_shard(mut self, shard: Shard) -> Self {
        self.shard = shard;
        self
    }

    /// The shard whose codes and keys this store makes.
    pub fn shard(&self) -> Shard {
        self.shard
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
