//! A workshop's raw rows as the files that list them read them (issue #15): walked row by
//! row inside one read transaction, each row handed to the file being written and then
//! dropped, so that a download never holds every keyword and finding of a workshop at
//! once (at 100,000 keywords that copy cost some 25 MiB a download).
//!
//! The rows are those the live model had counted when the download started: keywords,
//! findings and "+1"s up to its [`LiveMarks`] (row ids), ballot lines and proposals of
//! the participants up to its participant mark. The files and the counts they are made
//! with then agree, whatever arrives while the file is written.
//!
//! Every walk goes in an order an index gives (no sort of the rows by SQLite, whose
//! sorter would hold them in memory, or in a temporary file it maps), except where that
//! order is not the one the file needs: see [`RawRows::entries`].

use std::cmp::Ordering;

use rusqlite::{Connection, Row, params};

use super::keywords::KeywordRow;
use super::live::LiveMarks;
use super::{Store, StoreError};
use crate::domain::ids::WorkshopId;
use crate::domain::summary::Finding;

/// One raw entry of any kind, for `entries.csv` and the workbook's entries sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawEntry {
    /// UTC, RFC 3339 (empty for a recommendation of the workshop file, never proposed).
    pub submitted_at: String,
    /// The `n` of `P{n}`.
    pub participant_seq: i64,
    /// `keyword`, `finding`, `dots`, `support` or `proposal`.
    pub kind: &'static str,
    /// The finding's category label (findings and "+1"s).
    pub category: String,
    /// The recommendation's text (ballot lines and proposals).
    pub recommendation: String,
    /// The keyword's or the finding's text.
    pub text: String,
    pub value: EntryValue,
    /// The entry, or its participant, hidden by the facilitator.
    pub hidden: bool,
    /// A ballot line of a participant who redeemed a vote code (`false` for other kinds).
    pub with_code: bool,
}

impl RawEntry {
    /// `P{n}`.
    pub fn participant(&self) -> String {
        format!("P{}", self.participant_seq)
    }
}

/// The `value` column of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryValue {
    /// Keywords, findings and supports have none.
    None,
    /// The dots of a ballot line.
    Dots(i64),
    /// The status of a proposal (`proposed`, `accepted`, `declined`).
    Status(String),
}

/// The raw rows of one workshop in one read transaction, up to the live model's marks.
pub struct RawRows<'c> {
    conn: &'c Connection,
    workshop: WorkshopId,
    marks: LiveMarks,
}

/// Runs `sql` with `params` and hands each row, mapped by `map`, to `each`, one at a time.
fn walk<T, E: From<StoreError>>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    map: impl Fn(&Row<'_>) -> rusqlite::Result<T>,
    mut each: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    let mut statement = conn.prepare_cached(sql).map_err(StoreError::from)?;
    let mut rows = statement.query(params).map_err(StoreError::from)?;
    while let Some(row) = rows.next().map_err(StoreError::from)? {
        each(map(row).map_err(StoreError::from)?)?;
    }
    Ok(())
}

/// A workshop's findings of one category, by arrival, with their "+1"s up to `?3` from
/// participants not hidden (through `findings_by_category`: no sort).
const FINDINGS_OF_CATEGORY: &str =
    "SELECT f.id, c.slug, c.label, f.text, f.submitted_at, p.seq, f.hidden,
        (SELECT COUNT(*) FROM finding_supports s JOIN participants sp ON sp.id = s.participant_id
          WHERE s.finding_id = f.id AND sp.hidden = 0 AND s.id <= ?3),
        p.hidden
   FROM findings f
   JOIN finding_categories c ON c.id = f.category_id
   JOIN participants p ON p.id = f.participant_id
  WHERE f.category_id = ?1 AND +f.id <= ?2
  ORDER BY f.id";

/// The five kinds of [`RawEntry`], in the order entries sent at the same time are listed.
/// Each has its rows in row-id order (`by_id`, read as the index gives them), the keys of
/// that order that must not go down for it to be the file's order too (`check`: time,
/// then the position of a finding's category or the supporter's `P{n}`), and the rows in
/// the file's order (`by_time`, sorted by SQLite). The order of equal times within a kind
/// is the one the exports have always had: keywords by arrival, findings by category
/// then arrival, ballot lines by participant then recommendation, "+1"s by supporter
/// then arrival, proposals by arrival.
struct Kind {
    check: Option<&'static str>,
    by_id: &'static str,
    by_time: &'static str,
    map: fn(&Row<'_>) -> rusqlite::Result<RawEntry>,
}

fn entry(kind: &'static str) -> RawEntry {
    RawEntry {
        submitted_at: String::new(),
        participant_seq: 0,
        kind,
        category: String::new(),
        recommendation: String::new(),
        text: String::new(),
        value: EntryValue::None,
        hidden: false,
        with_code: false,
    }
}

const KINDS: [Kind; 5] = [
    Kind {
        check: Some(
            "SELECT k.submitted_at, 0 FROM keywords k CROSS JOIN participants p ON p.id = k.participant_id
              WHERE p.workshop_id = ?1 AND k.id <= ?2 ORDER BY k.id",
        ),
        by_id: "SELECT k.submitted_at, p.seq, k.text, k.hidden OR p.hidden
                  FROM keywords k CROSS JOIN participants p ON p.id = k.participant_id
                 WHERE p.workshop_id = ?1 AND k.id <= ?2 ORDER BY k.id",
        by_time: "SELECT k.submitted_at, p.seq, k.text, k.hidden OR p.hidden
                    FROM keywords k JOIN participants p ON p.id = k.participant_id
                   WHERE p.workshop_id = ?1 AND k.id <= ?2 ORDER BY k.submitted_at, k.id",
        map: |r| {
            Ok(RawEntry {
                submitted_at: r.get(0)?,
                participant_seq: r.get(1)?,
                text: r.get(2)?,
                hidden: r.get(3)?,
                ..entry("keyword")
            })
        },
    },
    Kind {
        check: Some(
            "SELECT f.submitted_at, c.position FROM findings f
               CROSS JOIN finding_categories c ON c.id = f.category_id
              WHERE c.workshop_id = ?1 AND f.id <= ?2 ORDER BY f.id",
        ),
        by_id: "SELECT f.submitted_at, p.seq, c.label, f.text, f.hidden OR p.hidden
                  FROM findings f CROSS JOIN finding_categories c ON c.id = f.category_id
                  JOIN participants p ON p.id = f.participant_id
                 WHERE c.workshop_id = ?1 AND f.id <= ?2 ORDER BY f.id",
        by_time: "SELECT f.submitted_at, p.seq, c.label, f.text, f.hidden OR p.hidden
                    FROM findings f JOIN finding_categories c ON c.id = f.category_id
                    JOIN participants p ON p.id = f.participant_id
                   WHERE c.workshop_id = ?1 AND f.id <= ?2
                   ORDER BY f.submitted_at, c.position, f.id",
        map: |r| {
            Ok(RawEntry {
                submitted_at: r.get(0)?,
                participant_seq: r.get(1)?,
                category: r.get(2)?,
                text: r.get(3)?,
                hidden: r.get(4)?,
                ..entry("finding")
            })
        },
    },
    Kind {
        // Ballot lines are bounded by phones × recommendations: sorted, not checked.
        check: None,
        by_id: "",
        by_time: "SELECT b.submitted_at, p.seq, r.text, b.dots,
                         EXISTS (SELECT 1 FROM vote_codes c WHERE c.redeemed_by = p.id), p.hidden
                    FROM ballots b
                    JOIN participants p ON p.id = b.participant_id
                    JOIN recommendations r ON r.id = b.recommendation_id
                   WHERE p.workshop_id = ?1 AND p.id <= ?2
                   ORDER BY b.submitted_at, p.seq, r.position",
        map: |r| {
            Ok(RawEntry {
                submitted_at: r.get(0)?,
                participant_seq: r.get(1)?,
                recommendation: r.get(2)?,
                value: EntryValue::Dots(r.get(3)?),
                with_code: r.get(4)?,
                hidden: r.get(5)?,
                ..entry("dots")
            })
        },
    },
    Kind {
        check: Some(
            "SELECT s.supported_at, p.seq FROM finding_supports s
               CROSS JOIN participants p ON p.id = s.participant_id
              WHERE p.workshop_id = ?1 AND s.id <= ?2 ORDER BY s.id",
        ),
        by_id: "SELECT s.supported_at, p.seq, c.label, f.text, p.hidden
                  FROM finding_supports s CROSS JOIN participants p ON p.id = s.participant_id
                  JOIN findings f ON f.id = s.finding_id
                  JOIN finding_categories c ON c.id = f.category_id
                 WHERE p.workshop_id = ?1 AND s.id <= ?2 ORDER BY s.id",
        by_time: "SELECT s.supported_at, p.seq, c.label, f.text, p.hidden
                    FROM finding_supports s JOIN participants p ON p.id = s.participant_id
                    JOIN findings f ON f.id = s.finding_id
                    JOIN finding_categories c ON c.id = f.category_id
                   WHERE p.workshop_id = ?1 AND s.id <= ?2
                   ORDER BY s.supported_at, p.seq, s.id",
        map: |r| {
            Ok(RawEntry {
                submitted_at: r.get(0)?,
                participant_seq: r.get(1)?,
                category: r.get(2)?,
                text: r.get(3)?,
                hidden: r.get(4)?,
                ..entry("support")
            })
        },
    },
    Kind {
        // At most three a participant: sorted, not checked.
        check: None,
        by_id: "",
        by_time: "SELECT COALESCE(r.proposed_at, ''), p.seq, r.text, r.status, p.hidden
                    FROM recommendations r
                    JOIN participants p ON p.id = r.proposed_by
                   WHERE r.workshop_id = ?1 AND p.id <= ?2
                   ORDER BY COALESCE(r.proposed_at, ''), r.id",
        map: |r| {
            Ok(RawEntry {
                submitted_at: r.get(0)?,
                participant_seq: r.get(1)?,
                recommendation: r.get(2)?,
                value: EntryValue::Status(r.get(3)?),
                hidden: r.get(4)?,
                ..entry("proposal")
            })
        },
    },
];

/// Whether the keys of `check` (time, then a number), in row-id order, never go down:
/// then row-id order is the order of time (the writer stamps rows as it commits them, so
/// it is, unless the clock went back or rows were written some other way).
fn in_order(conn: &Connection, check: &str, bounds: (WorkshopId, i64)) -> Result<bool, StoreError> {
    let mut statement = conn.prepare_cached(check)?;
    let mut rows = statement.query(params![bounds.0, bounds.1])?;
    let mut last: Option<(String, i64)> = None;
    while let Some(row) = rows.next()? {
        let key: (String, i64) = (row.get(0)?, row.get(1)?);
        if last.as_ref().is_some_and(|last| *last > key) {
            return Ok(false);
        }
        last = Some(key);
    }
    Ok(true)
}

impl RawRows<'_> {
    /// The mark each kind of [`KINDS`] is read up to.
    fn bound(&self, kind: usize) -> i64 {
        match kind {
            0 => self.marks.keyword,
            1 => self.marks.finding,
            3 => self.marks.support,
            _ => self.marks.participant,
        }
    }

    /// Hands every keyword entry, hidden ones too, to `each` in order of arrival.
    ///
    /// # Errors
    /// Store errors, and those of `each`, which stop the walk.
    pub fn keywords<E: From<StoreError>>(
        &self,
        each: impl FnMut(KeywordRow) -> Result<(), E>,
    ) -> Result<(), E> {
        walk(
            self.conn,
            "SELECT k.id, k.participant_id, k.text, k.submitted_at, p.seq, k.hidden, p.hidden
               FROM keywords k CROSS JOIN participants p ON p.id = k.participant_id
              WHERE p.workshop_id = ?1 AND k.id <= ?2 ORDER BY k.id",
            params![self.workshop, self.marks.keyword],
            |r| {
                Ok(KeywordRow {
                    id: r.get(0)?,
                    participant_id: r.get(1)?,
                    text: r.get(2)?,
                    submitted_at: r.get(3)?,
                    participant_seq: r.get(4)?,
                    hidden: r.get(5)?,
                    participant_hidden: r.get(6)?,
                })
            },
            each,
        )
    }

    /// Hands every finding, hidden ones too, to `each`, by category order then arrival;
    /// their supports leave out hidden participants' "+1".
    ///
    /// # Errors
    /// Store errors, and those of `each`, which stop the walk.
    pub fn findings<E: From<StoreError>>(
        &self,
        mut each: impl FnMut(Finding) -> Result<(), E>,
    ) -> Result<(), E> {
        let categories: Vec<i64> = super::sql::collect(
            self.conn,
            "SELECT id FROM finding_categories WHERE workshop_id = ?1 ORDER BY position, id",
            [self.workshop],
            |r| r.get(0),
        )?;
        for category in categories {
            walk(
                self.conn,
                FINDINGS_OF_CATEGORY,
                params![category, self.marks.finding, self.marks.support],
                |r| {
                    Ok(Finding {
                        id: r.get(0)?,
                        category_slug: r.get(1)?,
                        category_label: r.get(2)?,
                        text: r.get(3)?,
                        submitted_at: r.get(4)?,
                        participant_seq: r.get(5)?,
                        hidden: r.get(6)?,
                        supports: r.get(7)?,
                        participant_hidden: r.get(8)?,
                    })
                },
                &mut each,
            )?;
        }
        Ok(())
    }

    /// Hands every raw entry of every kind to `each`, in order of time; entries sent at
    /// the same time come keywords first, then findings, ballot lines, supports and
    /// proposals (each kind in the order of [`KINDS`]). The kinds are read
    /// side by side and merged: keywords, findings and "+1"s in row-id order, which is
    /// the order of time whenever the clock never went back (checked first, by one walk
    /// of their times); otherwise, and for ballot lines and proposals (a few per phone),
    /// sorted by SQLite.
    ///
    /// # Errors
    /// Store errors, and those of `each`, which stop the walk.
    pub fn entries<E: From<StoreError>>(
        &self,
        mut each: impl FnMut(RawEntry) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut statements = Vec::with_capacity(KINDS.len());
        for (index, kind) in KINDS.iter().enumerate() {
            let bounds = (self.workshop, self.bound(index));
            let by_id = match kind.check {
                Some(check) => in_order(self.conn, check, bounds)?,
                None => false,
            };
            let sql = if by_id { kind.by_id } else { kind.by_time };
            statements.push(self.conn.prepare_cached(sql).map_err(StoreError::from)?);
        }
        let mut sources = Vec::with_capacity(KINDS.len());
        for (index, statement) in statements.iter_mut().enumerate() {
            let bound = self.bound(index);
            let rows = statement
                .query(params![self.workshop, bound])
                .map_err(StoreError::from)?;
            sources.push((rows, None::<RawEntry>));
        }
        // The next row of each kind, read when the one before it was handed on.
        for (index, (rows, head)) in sources.iter_mut().enumerate() {
            *head = next(rows, KINDS[index].map)?;
        }
        loop {
            let first = sources
                .iter()
                .enumerate()
                .filter_map(|(index, (_, head))| head.as_ref().map(|h| (index, h)))
                .min_by(earlier);
            let Some((index, _)) = first else {
                return Ok(());
            };
            let Some((rows, head)) = sources.get_mut(index) else {
                return Ok(());
            };
            let next_row = next(rows, KINDS[index].map)?;
            if let Some(entry) = std::mem::replace(head, next_row) {
                each(entry)?;
            }
        }
    }
}

/// The order of two kinds' next entries: time, then the kind's place in [`KINDS`].
fn earlier(a: &(usize, &RawEntry), b: &(usize, &RawEntry)) -> Ordering {
    a.1.submitted_at.cmp(&b.1.submitted_at).then(a.0.cmp(&b.0))
}

fn next(
    rows: &mut rusqlite::Rows<'_>,
    map: fn(&Row<'_>) -> rusqlite::Result<RawEntry>,
) -> Result<Option<RawEntry>, StoreError> {
    match rows.next()? {
        Some(row) => Ok(Some(map(row)?)),
        None => Ok(None),
    }
}

impl Store {
    /// Runs `read` on the raw rows of workshop `workshop` up to `marks` (the live model's),
    /// in one read transaction on a read-only connection, on the calling thread: a
    /// download's blocking thread, or the command line's (a walk: see
    /// [`Readers::walk_blocking`](super::readers::Readers::walk_blocking)). What `read`
    /// keeps of each row is up to it.
    ///
    /// # Errors
    /// Store errors, and those of `read`.
    pub fn read_raw_rows<T, E: From<StoreError>>(
        &self,
        workshop: WorkshopId,
        marks: LiveMarks,
        read: impl FnOnce(&RawRows<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        self.readers.walk_blocking(|conn| {
            let snapshot = conn.unchecked_transaction()?;
            let read = read(&RawRows {
                conn: &snapshot,
                workshop,
                marks,
            });
            snapshot.finish()?;
            Ok(read)
        })?
    }
}
