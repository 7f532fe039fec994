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
    /// The participant already sent [`write::MAX_FINDINGS_PER_PARTICIPANT`] findings.
    TooManyFindings { limit: i64 },
    /// A finding that is not (or no longer) visible in the participant's workshop.
    UnknownFinding,
    /// A participant cannot support their own finding.
    OwnFinding,
    /// The participant already proposed [`write::MAX_PROPOSALS_PER_PARTICIPANT`]
    /// recommendations.
    TooManyProposals { limit: i64 },
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
