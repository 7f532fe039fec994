//! The rapporteur's synthesis statements (issue #13, item 1): written, edited, moved,
//! deleted, and linked to the raw findings they gather. Every write goes through the
//! writer as a settings change, so the report's cached tallies are read anew.

use rusqlite::{Connection, OptionalExtension, params};

use super::sql::collect;
use super::{Store, StoreError, now_utc};
use crate::domain::ids::{FindingId, StatementId, WorkshopId};
use crate::domain::refusal::Refusal;
use crate::domain::statement::{Move, Statement, StatementText};

/// Every statement of `workshop`, in report order, with the findings each gathers.
pub(super) fn statements(
    conn: &Connection,
    workshop: WorkshopId,
) -> Result<Vec<Statement>, StoreError> {
    let mut found = collect(
        conn,
        "SELECT s.id, c.slug, s.text, s.position
           FROM statements s JOIN finding_categories c ON c.id = s.category_id
          WHERE s.workshop_id = ?1
          ORDER BY s.position, s.id",
        [workshop],
        |r| {
            Ok(Statement {
                id: r.get(0)?,
                category_slug: r.get(1)?,
                text: r.get(2)?,
                position: r.get(3)?,
                findings: Vec::new(),
            })
        },
    )?;
    let links: Vec<(StatementId, FindingId)> = collect(
        conn,
        "SELECT l.statement_id, l.finding_id
           FROM statement_findings l JOIN statements s ON s.id = l.statement_id
          WHERE s.workshop_id = ?1
          ORDER BY l.statement_id, l.finding_id",
        [workshop],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut by_statement: std::collections::HashMap<StatementId, Vec<FindingId>> =
        std::collections::HashMap::new();
    for (statement, finding) in links {
        by_statement.entry(statement).or_default().push(finding);
    }
    for statement in &mut found {
        statement.findings = by_statement.remove(&statement.id).unwrap_or_default();
    }
    Ok(found)
}

/// The category of statement `id` of `workshop`, or [`Refusal::UnknownStatement`].
fn category_of(
    conn: &Connection,
    workshop: WorkshopId,
    id: StatementId,
) -> Result<i64, StoreError> {
    conn.prepare_cached("SELECT category_id FROM statements WHERE id = ?1 AND workshop_id = ?2")?
        .query_row(params![id, workshop], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Refusal::UnknownStatement.into())
}

/// Links `findings` to statement `id`; a finding of another workshop (or none) is
/// [`Refusal::UnknownFinding`] and nothing is linked.
fn link(
    conn: &Connection,
    workshop: WorkshopId,
    id: StatementId,
    findings: &[FindingId],
) -> Result<usize, StoreError> {
    let mut linked = 0;
    for finding in findings {
        let ours = conn
            .prepare_cached(
                "SELECT 1 FROM findings f JOIN participants p ON p.id = f.participant_id
                  WHERE f.id = ?1 AND p.workshop_id = ?2",
            )?
            .query_row(params![finding, workshop], |_| Ok(()))
            .optional()?
            .is_some();
        if !ours {
            return Err(Refusal::UnknownFinding.into());
        }
        linked += conn
            .prepare_cached(
                "INSERT OR IGNORE INTO statement_findings (statement_id, finding_id)
                 VALUES (?1, ?2)",
            )?
            .execute(params![id, finding])?;
    }
    Ok(linked)
}

impl Store {
    /// The statements of `workshop`, in report order.
    ///
    /// # Errors
    /// Store errors.
    pub async fn statements(&self, workshop: WorkshopId) -> Result<Vec<Statement>, StoreError> {
        self.readers
            .read(move |conn| statements(conn, workshop))
            .await
    }

    /// Writes a new statement in category `category_id` (one of the workshop's, checked
    /// by the caller against [`crate::domain::workshop::Workshop::category`]), last of
    /// the report, gathering `findings` (ids of the workshop's findings, any number).
    ///
    /// # Errors
    /// [`Refusal::UnknownFinding`] for a finding that is not the workshop's,
    /// [`Refusal::CategoryUnknown`] for a category that is not (nothing is stored); store
    /// errors.
    pub async fn add_statement(
        &self,
        workshop: WorkshopId,
        category_id: i64,
        text: StatementText,
        findings: Vec<FindingId>,
    ) -> Result<StatementId, StoreError> {
        self.writer
            .write_settings(workshop.get(), move |conn| {
                let now = now_utc();
                conn.prepare_cached(
                    "INSERT INTO statements (workshop_id, category_id, text, position,
                         created_at, updated_at)
                     SELECT ?1, c.id, ?3,
                            COALESCE((SELECT MAX(position) FROM statements
                                       WHERE workshop_id = ?1), 0) + 1, ?4, ?4
                       FROM finding_categories c WHERE c.id = ?2 AND c.workshop_id = ?1",
                )?
                .execute(params![workshop, category_id, text.as_str(), now])
                .map_err(StoreError::from)
                .and_then(|added| {
                    if added == 1 {
                        Ok(())
                    } else {
                        Err(Refusal::CategoryUnknown.into())
                    }
                })?;
                let id = StatementId(conn.last_insert_rowid());
                link(conn, workshop, id, &findings)?;
                Ok(id)
            })
            .await
    }

    /// Rewrites the text of statement `id`.
    ///
    /// # Errors
    /// [`Refusal::UnknownStatement`]; store errors.
    pub async fn edit_statement(
        &self,
        workshop: WorkshopId,
        id: StatementId,
        text: StatementText,
    ) -> Result<(), StoreError> {
        self.writer
            .write_settings(workshop.get(), move |conn| {
                category_of(conn, workshop, id)?;
                conn.prepare_cached(
                    "UPDATE statements SET text = ?2, updated_at = ?3 WHERE id = ?1",
                )?
                .execute(params![id, text.as_str(), now_utc()])?;
                Ok(())
            })
            .await
    }

    /// Moves statement `id` one place up or down among its category's statements (the
    /// first one up, or the last one down, stays where it is).
    ///
    /// # Errors
    /// [`Refusal::UnknownStatement`]; store errors.
    pub async fn move_statement(
        &self,
        workshop: WorkshopId,
        id: StatementId,
        step: Move,
    ) -> Result<(), StoreError> {
        self.writer
            .write_settings(workshop.get(), move |conn| {
                let category = category_of(conn, workshop, id)?;
                let sql = match step {
                    Move::Up => {
                        "SELECT o.id FROM statements o, statements s
                          WHERE s.id = ?1 AND o.category_id = ?2 AND o.workshop_id = s.workshop_id
                            AND (o.position, o.id) < (s.position, s.id)
                          ORDER BY o.position DESC, o.id DESC LIMIT 1"
                    }
                    Move::Down => {
                        "SELECT o.id FROM statements o, statements s
                          WHERE s.id = ?1 AND o.category_id = ?2 AND o.workshop_id = s.workshop_id
                            AND (o.position, o.id) > (s.position, s.id)
                          ORDER BY o.position, o.id LIMIT 1"
                    }
                };
                let neighbour: Option<StatementId> = conn
                    .prepare_cached(sql)?
                    .query_row(params![id, category], |r| r.get(0))
                    .optional()?;
                if let Some(other) = neighbour {
                    // Positions are unique per workshop (each new one is the last + 1), so
                    // swapping them swaps the two places. Both are read before either is
                    // written.
                    let position = |id: StatementId| -> Result<i64, StoreError> {
                        Ok(conn
                            .prepare_cached("SELECT position FROM statements WHERE id = ?1")?
                            .query_row([id], |r| r.get(0))?)
                    };
                    let (mine, theirs) = (position(id)?, position(other)?);
                    let mut update =
                        conn.prepare_cached("UPDATE statements SET position = ?2 WHERE id = ?1")?;
                    update.execute(params![id, theirs])?;
                    update.execute(params![other, mine])?;
                }
                Ok(())
            })
            .await
    }

    /// Deletes statement `id` (the raw findings stay as they are).
    ///
    /// # Errors
    /// [`Refusal::UnknownStatement`]; store errors.
    pub async fn delete_statement(
        &self,
        workshop: WorkshopId,
        id: StatementId,
    ) -> Result<(), StoreError> {
        self.writer
            .write_settings(workshop.get(), move |conn| {
                category_of(conn, workshop, id)?;
                conn.prepare_cached("DELETE FROM statement_findings WHERE statement_id = ?1")?
                    .execute([id])?;
                conn.prepare_cached("DELETE FROM statements WHERE id = ?1")?
                    .execute([id])?;
                Ok(())
            })
            .await
    }

    /// Adds `findings` to those statement `id` gathers (those already in stay once).
    /// Returns how many were added.
    ///
    /// # Errors
    /// [`Refusal::UnknownStatement`], [`Refusal::UnknownFinding`] (nothing is linked);
    /// store errors.
    pub async fn link_findings(
        &self,
        workshop: WorkshopId,
        id: StatementId,
        findings: Vec<FindingId>,
    ) -> Result<usize, StoreError> {
        self.writer
            .write_settings(workshop.get(), move |conn| {
                category_of(conn, workshop, id)?;
                link(conn, workshop, id, &findings)
            })
            .await
    }

    /// Takes `finding` out of statement `id` (nothing happens when it was not in it).
    ///
    /// # Errors
    /// [`Refusal::UnknownStatement`]; store errors.
    pub async fn unlink_finding(
        &self,
        workshop: WorkshopId,
        id: StatementId,
        finding: FindingId,
    ) -> Result<(), StoreError> {
        self.writer
            .write_settings(workshop.get(), move |conn| {
                category_of(conn, workshop, id)?;
                conn.prepare_cached(
                    "DELETE FROM statement_findings WHERE statement_id = ?1 AND finding_id = ?2",
                )?
                .execute(params![id, finding])?;
                Ok(())
            })
            .await
    }
}
