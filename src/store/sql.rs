//! Small helpers every store file shares: reading many rows, and the domain's id types
//! as SQLite values.

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{Connection, Row};

use super::StoreError;
use crate::domain::ids::{
    CorrectionId, EventId, FindingId, KeywordId, ParticipantId, RecommendationId, StatementId,
    WorkshopId,
};

/// Runs `sql` (a cached statement) and maps every row.
///
/// # Errors
/// SQLite errors.
pub(super) fn collect<T>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>, StoreError> {
    let mut statement = conn.prepare_cached(sql)?;
    let rows = statement.query_map(params, map)?;
    Ok(rows.collect::<Result<Vec<T>, _>>()?)
}

macro_rules! sql_id {
    ($($name:ident),*) => {$(
        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.0))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map($name)
            }
        }
    )*};
}

sql_id!(
    EventId,
    WorkshopId,
    ParticipantId,
    FindingId,
    KeywordId,
    RecommendationId,
    CorrectionId,
    StatementId
);
