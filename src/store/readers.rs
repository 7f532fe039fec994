//! The read-only connection pool (r2d2), used from a blocking thread.

use std::path::Path;

use r2d2::Pool;
use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::Connection;

use super::StoreError;
use super::schema;

/// Connections in the pool: enough for two cores and a few slow exports.
pub const POOL_SIZE: u32 = 8;

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
}
