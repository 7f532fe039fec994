//! The read-only connection pool (r2d2), used from a blocking thread.

use std::path::Path;

use r2d2::Pool;
use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::Connection;

use super::StoreError;
use super::schema;

/// Connections in the pool: enough for two cores and a few slow exports.
pub const POOL_SIZE: u32 = 8;

/// The page cache, in KiB, of a connection walking a download's raw rows
/// ([`Readers::walk_blocking`]), instead of SQLite's 2,000 KiB: a walk reads each page
/// about once, in index order, and the operating system keeps the file's pages anyway, so
/// a bigger cache is memory a download makes the server hold for nothing (issue #15: the
/// ZIP without the server's memory growing by more than the file's size).
pub const WALK_CACHE_KIB: i64 = 256;

/// A pool of read-only connections (`query_only`).
#[derive(Clone)]
pub struct Readers {
    pool: Pool<SqliteConnectionManager>,
}

impl Readers {
    /// Opens the pool on an existing database file (the writer creates it first).
    ///
    /// # Errors
    /// [`StoreError::Pool`] when no connection can be opened.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let manager = SqliteConnectionManager::file(path)
            .with_flags(schema::reader_flags())
            .with_init(schema::configure_reader);
        let pool = Pool::builder()
            .max_size(POOL_SIZE)
            .build(manager)
            .map_err(|e| StoreError::Pool(e.to_string()))?;
        Ok(Self { pool })
    }

    /// Runs `query` on a pooled connection, on a blocking thread.
    ///
    /// # Errors
    /// The query's error, [`StoreError::Pool`] when no connection is free in time, or
    /// [`StoreError::Io`] when the blocking thread fails.
    pub async fn read<T, F>(&self, query: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let conn = pool.get().map_err(|e| StoreError::Pool(e.to_string()))?;
            query(&conn)
        })
        .await
        .map_err(|e| StoreError::Io(e.to_string()))?
    }

    /// Runs `query` on a pooled connection, on the calling thread (command line, tests).
    ///
    /// # Errors
    /// As [`Readers::read`].
    pub fn read_blocking<T>(
        &self,
        query: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let conn = self
            .pool
            .get()
            .map_err(|e| StoreError::Pool(e.to_string()))?;
        query(&conn)
    }

    /// [`Readers::read`] for a query that walks many rows once (see
    /// [`Readers::walk_blocking`]): the report's time span, read from every entry.
    ///
    /// # Errors
    /// As [`Readers::read`].
    pub async fn walk<T, F>(&self, query: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let readers = self.clone();
        tokio::task::spawn_blocking(move || readers.walk_blocking(query))
            .await
            .map_err(|e| StoreError::Io(e.to_string()))?
    }

    /// [`Readers::read_blocking`] for a query that walks many rows once (a download's raw
    /// rows): the connection's page cache is held to [`WALK_CACHE_KIB`] while it runs, and
    /// given back its size after.
    ///
    /// # Errors
    /// As [`Readers::read_blocking`]; setting the cache's size back is one.
    pub fn walk_blocking<T>(
        &self,
        query: impl FnOnce(&Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.read_blocking(|conn| {
            let kept: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
            conn.pragma_update(None, "cache_size", -WALK_CACHE_KIB)?;
            let walked = query(conn);
            conn.pragma_update(None, "cache_size", kept)?;
            walked
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_walk_holds_the_page_cache_small_and_gives_its_size_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.db");
        let _writer = schema::open_writer(&path).expect("the database");
        let readers = Readers::open(&path).expect("the readers");
        let size = |conn: &Connection| -> Result<i64, StoreError> {
            Ok(conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?)
        };
        let before = readers.read_blocking(size).expect("a read");
        assert_eq!(before, -2000, "SQLite's default");
        assert_eq!(
            readers.walk_blocking(size).expect("a walk"),
            -WALK_CACHE_KIB
        );
        // The pool hands back the connection it was given last: the walk's.
        assert_eq!(readers.read_blocking(size).expect("a read"), before);
    }
}
