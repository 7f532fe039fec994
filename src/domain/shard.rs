//! Shards (issue #14, "beyond one machine"): several atelier processes, each with its own
//! SQLite file, behind a reverse proxy that sends each path to the process owning it by
//! the path's first character, from a static configuration (README, "Beyond one machine").
//!
//! A process started with `--shard I/N` makes every join code and every secret key it
//! generates start with a character of shard `I`, and refuses a join code chosen in an
//! import file or the `/new` form that starts with another shard's character:
//!
//! - a join code (`/w/{code}…`, later `/e/{code}`) by its first letter or digit: the 36 of
//!   `0-9A-Z` in that order are cut into `N` runs, `floor(position × N / 36)` (for 3
//!   shards: `0-9AB`, `C-N`, `O-Z`); codes are read upper case, so `/w/solida` and
//!   `/w/SOLIDA` go to the same shard;
//! - a key (`/f/{key}…`, later `/o/{key}`, `/r/{key}`) by its first hexadecimal digit, the
//!   16 cut the same way, `floor(value × N / 16)` (for 3 shards: `0-5`, `6-a`, `b-f`). A
//!   shard's key is that digit followed by the usual 128 random bits (33 characters), so no
//!   entropy is lost to the prefix.
//!
//! Without `--shard` (or with `1/1`) a process is whole: codes and keys are made as they
//! always were (a 32-character key) and every code is its own.

use std::fmt;
use std::str::FromStr;

use super::join_code::{GENERATED_ALPHABET, JoinCode};
use super::secret;

/// The characters a join code may start with, in the order they are cut into shards.
pub const CODE_ORDER: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
/// The digits a key may start with, in the order they are cut into shards.
pub const KEY_ORDER: &str = "0123456789abcdef";
/// The most shards: one hexadecimal digit of a key each.
pub const MAX_SHARDS: u8 = 16;

/// Which part of the codes and keys this process owns: shard `index` of `count`, both
/// counted from 1 (`2/3`). [`Shard::WHOLE`] (1/1) owns everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Shard {
    index: u8,
    count: u8,
}

/// Why a `--shard` value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShardError {
    /// Not of the form `I/N` with two whole numbers.
    #[error("expected I/N, such as 2/3 (shard 2 of 3)")]
    Shape,
    /// `N` is 0 or more than [`MAX_SHARDS`], or `I` is not between 1 and `N`.
    #[error("expected I/N with 1 ≤ I ≤ N ≤ 16")]
    Range,
}

impl Shard {
    /// One process owning every code and key: today's behaviour.
    pub const WHOLE: Self = Self { index: 1, count: 1 };

    /// Shard `index` of `count` (from 1).
    ///
    /// # Errors
    /// [`ShardError::Range`] unless `1 ≤ index ≤ count ≤ 16`.
    pub fn new(index: u8, count: u8) -> Result<Self, ShardError> {
        if count == 0 || count > MAX_SHARDS || index == 0 || index > count {
            return Err(ShardError::Range);
        }
        Ok(Self { index, count })
    }

    /// Every shard of a deployment of `count` processes, `1/count` first.
    ///
    /// # Errors
    /// [`ShardError::Range`] when `count` is 0 or over 16.
    pub fn all(count: u8) -> Result<Vec<Self>, ShardError> {
        (1..=count.max(1)).map(|i| Self::new(i, count)).collect()
    }

    /// This shard's number, from 1.
    pub fn index(self) -> u8 {
        self.index
    }

    /// How many shards the deployment has.
    pub fn count(self) -> u8 {
        self.count
    }

    /// Whether this process owns everything (no `--shard`, or `1/1`).
    pub fn is_whole(self) -> bool {
        self.count == 1
    }

    /// The shard number (from 1) that position `position` of `len` ordered characters
    /// falls into among `count` shards: `floor(position × count / len) + 1`.
    fn cut(position: usize, len: usize, count: u8) -> u8 {
        let shard = position * usize::from(count) / len;
        u8::try_from(shard).map_or(count, |s| s + 1)
    }

    /// Whether this shard owns the code, by its first character (upper case).
    pub fn owns_code(self, code: &JoinCode) -> bool {
        self.is_whole()
            || code
                .as_str()
                .chars()
                .next()
                .and_then(|c| CODE_ORDER.find(c))
                .is_some_and(|p| Self::cut(p, CODE_ORDER.len(), self.count) == self.index)
    }

    /// Whether this shard owns the key, by its first hexadecimal digit (either case).
    /// Says nothing about whether the key is well formed ([`is_key`]).
    pub fn owns_key(self, key: &str) -> bool {
        self.is_whole()
            || key
                .chars()
                .next()
                .and_then(|c| KEY_ORDER.find(c.to_ascii_lowercase()))
                .is_some_and(|p| Self::cut(p, KEY_ORDER.len(), self.count) == self.index)
    }

    /// The characters a code of this shard starts with, in [`CODE_ORDER`], such as
    /// `CDEFGHIJKLMN` for 2/3 (what a refused import names, and the proxy's patterns).
    pub fn code_characters(self) -> String {
        CODE_ORDER
            .chars()
            .enumerate()
            .filter(|(p, _)| Self::cut(*p, CODE_ORDER.len(), self.count) == self.index)
            .map(|(_, c)| c)
            .collect()
    }

    /// The digits a key of this shard starts with, in [`KEY_ORDER`], such as `6789a` for 2/3.
    pub fn key_characters(self) -> String {
        KEY_ORDER
            .chars()
            .enumerate()
            .filter(|(p, _)| Self::cut(*p, KEY_ORDER.len(), self.count) == self.index)
            .map(|(_, c)| c)
            .collect()
    }

    /// A new random join code of this shard: its first character among this shard's
    /// characters without look-alikes, the others as [`JoinCode::generate`] makes them.
    pub fn generate_code(self) -> JoinCode {
        if self.is_whole() {
            return JoinCode::generate();
        }
        let owned = self.code_characters();
        let first: Vec<u8> = GENERATED_ALPHABET
            .iter()
            .copied()
            .filter(|b| owned.contains(char::from(*b)))
            .collect();
        JoinCode::generate_starting_with(&first)
    }

    /// A new secret key (facilitator today; organiser and share links later): whole, the
    /// 32 hexadecimal characters of [`secret::new_token`]; in a shard, one of this shard's
    /// digits followed by those 32 (33 characters, 128 random bits after the prefix).
    pub fn generate_key(self) -> String {
        let token = secret::new_token();
        if self.is_whole() {
            return token;
        }
        let digits = self.key_characters().into_bytes();
        let first = digits
            .get(rand::random_range(0..digits.len().max(1)))
            .copied()
            .unwrap_or(b'0');
        format!("{}{token}", char::from(first))
    }
}

/// Whether `key` has the shape of a key from [`Shard::generate_key`] of any shard: 32
/// hexadecimal characters (a whole process's, or one made before sharding), or 33 (a
/// shard's digit, then 32).
pub fn is_key(key: &str) -> bool {
    let sharded = key.len() == secret::TOKEN_BYTES * 2 + 1;
    (secret::is_token(key) || sharded) && key.bytes().all(|b| b.is_ascii_hexdigit())
}

impl Default for Shard {
    fn default() -> Self {
        Self::WHOLE
    }
}

impl fmt::Display for Shard {
    /// `I/N`, such as `2/3`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl FromStr for Shard {
    type Err = ShardError;

    /// Reads `I/N` (`2/3`, spaces allowed around the numbers).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (index, count) = text.split_once('/').ok_or(ShardError::Shape)?;
        let number = |s: &str| s.trim().parse::<u8>().map_err(|_| ShardError::Shape);
        Self::new(number(index)?, number(count)?)
    }
}

#[cfg(test)]
mod tests;
