//! Opening connections with atelier's PRAGMAs, and bringing the schema up to date
//! through `PRAGMA user_version` (rusqlite_migration).

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{M, Migrations};

use super::StoreError;

/// How long a connection waits for another writer (the CLI's `import` while a server
/// runs, say) before giving up with "database is locked".
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The migrations, oldest first; version 1 is `schema.sql` (ARCHITECTURE.md, "Schema
/// changes").
fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("../../schema.sql")),
        M::up(include_str!("migrations/0002_one_phone_one_voice.sql")),
        M::up(include_str!("migrations/0003_participant_moderation.sql")),
        M::up(include_str!("migrations/0004_supports_in_order.sql")),
        M::up(include_str!("migrations/0005_synthesis_statements.sql")),
        M::up(include_str!("migrations/0006_events.sql")),
        M::up(include_str!("migrations/0007_workshop_room.sql")),
    ])
}

/// The schema version a database is at once opened.
pub const SCHEMA_VERSION: i64 = 7;

/// PRAGMAs every connection gets at open (ARCHITECTURE.md, "Rules that hold everywhere": WAL, foreign keys, FULL sync).
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         PRAGMA synchronous = FULL;
         PRAGMA journal_size_limit = 67108864;",
    )
}

/// Opens the write connection to the database at `path`, creating the file if missing,
/// switching it to WAL and applying the migrations.
///
/// # Errors
/// [`StoreError::Open`] when the file cannot be opened or migrated.
pub fn open_writer(path: &Path) -> Result<Connection, StoreError> {
    let context = |e: &dyn std::fmt::Display| StoreError::Open {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    let mut conn = Connection::open(path).map_err(|e| context(&e))?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| context(&e))?;
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(|e| context(&e))?;
    configure(&conn).map_err(|e| context(&e))?;
    migrations().to_latest(&mut conn).map_err(|e| context(&e))?;
    // Every statement of the write path stays prepared.
    conn.set_prepared_statement_cache_capacity(128);
    Ok(conn)
}

/// Flags of a reader connection: read-only, never creating the file.
pub fn reader_flags() -> OpenFlags {
    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI
}

/// PRAGMAs of a reader connection: those of every connection, and `query_only`.
pub fn configure_reader(conn: &mut Connection) -> rusqlite::Result<()> {
    configure(conn)?;
    conn.execute_batch("PRAGMA query_only = ON;")
}

#[cfg(test)]
mod tests;
