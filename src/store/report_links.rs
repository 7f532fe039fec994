//! The report's read-only share links (issue #13, item 4): `/r/{key}`, a random key of
//! its own stored hashed like the facilitator's (SHA-256 of 128 random bits), made and
//! revoked from the synthesis page. One link at a time: a new one revokes the old.

use rusqlite::{OptionalExtension, params};

use super::workshops::read_workshop;
use super::{Store, StoreError, now_utc};
use crate::domain::ids::WorkshopId;
use crate::domain::secret;
use crate::domain::shard;
use crate::domain::workshop::Workshop;

impl Store {
    /// Makes a new share link for `workshop`'s report, revoking any earlier one, and
    /// returns its key (32 hexadecimal characters; only its hash is stored, so it is
    /// shown once).
    ///
    /// # Errors
    /// Store errors.
    pub async fn create_report_link(&self, workshop: WorkshopId) -> Result<String, StoreError> {
        let shard = self.shard();
        self.writer
            .write(None, move |conn| {
                let now = now_utc();
                conn.prepare_cached(
                    "UPDATE report_links SET revoked_at = ?2
                      WHERE workshop_id = ?1 AND revoked_at IS NULL",
                )?
                .execute(params![workshop, now])?;
                let key = shard.generate_key();
                conn.prepare_cached(
                    "INSERT INTO report_links (workshop_id, key_hash, created_at)
                     VALUES (?1, ?2, ?3)",
                )?
                .execute(params![workshop, secret::hash_token(&key), now])?;
                Ok(key)
            })
            .await
    }

    /// Revokes `workshop`'s share link: `/r/{key}` answers 404 from now on. Returns
    /// whether there was one.
    ///
    /// # Errors
    /// Store errors.
    pub async fn revoke_report_link(&self, workshop: WorkshopId) -> Result<bool, StoreError> {
        self.writer
            .write(None, move |conn| {
                Ok(conn
                    .prepare_cached(
                        "UPDATE report_links SET revoked_at = ?2
                          WHERE workshop_id = ?1 AND revoked_at IS NULL",
                    )?
                    .execute(params![workshop, now_utc()])?
                    > 0)
            })
            .await
    }

    /// When `workshop`'s share link in force was made (UTC), if there is one.
    ///
    /// # Errors
    /// Store errors.
    pub async fn report_link_made_at(
        &self,
        workshop: WorkshopId,
    ) -> Result<Option<String>, StoreError> {
        self.readers
            .read(move |conn| {
                Ok(conn
                    .prepare_cached(
                        "SELECT created_at FROM report_links
                          WHERE workshop_id = ?1 AND revoked_at IS NULL
                          ORDER BY id DESC LIMIT 1",
                    )?
                    .query_row([workshop], |r| r.get(0))
                    .optional()?)
            })
            .await
    }

    /// The workshop whose share link in force has key `key` (checked to be a token,
    /// compared by its hash); `None` for a revoked or unknown key.
    ///
    /// # Errors
    /// Store errors.
    pub async fn workshop_by_report_key(&self, key: &str) -> Result<Option<Workshop>, StoreError> {
        if !shard::is_key(key) {
            return Ok(None);
        }
        let hash = secret::hash_token(key);
        self.readers
            .read(move |conn| {
                let id: Option<WorkshopId> = conn
                    .prepare_cached(
                        "SELECT workshop_id FROM report_links
                          WHERE key_hash = ?1 AND revoked_at IS NULL",
                    )?
                    .query_row([hash], |r| r.get(0))
                    .optional()?;
                match id {
                    Some(id) => read_workshop(conn, id),
                    None => Ok(None),
                }
            })
            .await
    }
}
