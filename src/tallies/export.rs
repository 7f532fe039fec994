//! What a workshop's files are made from (issue #15): the whole-workshop counts from its
//! live model (keyword groups, findings ranked, recommendations, participation), and its
//! raw rows read from the database as each file writes them ([`Export::read_rows`]), up
//! to the live model's marks, so the files and the counts agree. No download holds every
//! keyword entry of a workshop: a ZIP of 100,000 keywords once cost some 25 MiB for a
//! copy of them all. The report's statements and the session's date come with it: the
//! statements from a small read beside the model, the session with the workshop.

use crate::domain::keyword::Corrections;
use crate::domain::statement::{Backing, Statement};
use crate::domain::summary::Summary;
use crate::domain::workshop::Workshop;
use crate::store::{LiveMarks, RawRows, Store, StoreError};

/// One workshop's export, as of the live version it was made at.
#[derive(Clone)]
pub struct Export {
    pub workshop: Workshop,
    /// The whole summary: every keyword group (hidden ones in `hidden_keywords`), the
    /// ranking and the counts; its findings are counted, not listed (`items` empty).
    pub summary: Summary,
    /// The text and "+1"s of every finding that counts, one list per category in the
    /// workshop's order, most supported first, then by arrival (the report's lists).
    pub findings: Vec<Vec<(String, i64)>>,
    /// The keyword corrections in force, to name the group of each raw keyword entry.
    pub corrections: Corrections,
    /// Earliest and latest time anything was sent, UTC.
    pub span: Option<(String, String)>,
    /// Synthesis paragraphs by report section name.
    pub syntheses: Vec<(String, String)>,
    /// The rapporteur's statements, in report order, each with the findings and "+1"s
    /// behind it as the live model counts them (issue #13).
    pub statements: Vec<(Statement, Backing)>,
    /// Where the live model had read up to: the raw rows are read up to there.
    pub(super) marks: LiveMarks,
    pub(super) store: Store,
}

impl Export {
    /// Runs `read` on the workshop's raw rows, in one read transaction on the calling
    /// thread (a download's blocking thread, never an async worker): see
    /// [`Store::read_raw_rows`].
    ///
    /// # Errors
    /// Store errors, and those of `read`.
    pub fn read_rows<T, E: From<StoreError>>(
        &self,
        read: impl FnOnce(&RawRows<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        self.store.read_raw_rows(self.workshop.id, self.marks, read)
    }
}
