//! Unguessable tokens: the facilitator key in the facilitator link, and the participant
//! cookie. Both are 128 random bits; only their SHA-256 is stored (ARCHITECTURE.md,
//! "Rules that hold everywhere").

use sha2::{Digest, Sha256};

/// Number of random bytes in a token (128 bits).
pub const TOKEN_BYTES: usize = 16;

/// A fresh random token, as 32 lower-case hexadecimal characters.
pub fn new_token() -> String {
    let mut bytes = [0u8; TOKEN_BYTES];
    rand::fill(&mut bytes[..]);
    hex::encode(bytes)
}

/// Whether `token` has the shape of a token made by [`new_token`].
pub fn is_token(token: &str) -> bool {
    token.len() == TOKEN_BYTES * 2 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The SHA-256 of a token, as 64 hexadecimal characters: what the database keeps.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Compares two strings in time that depends only on their lengths (for passwords).
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_128_bits_and_differ() {
        let (a, b) = (new_token(), new_token());
        assert!(is_token(&a) && is_token(&b));
        assert_ne!(a, b);
        assert_eq!(hash_token(&a).len(), 64);
        assert_ne!(hash_token(&a), a);
    }

    #[test]
    fn passwords_compare_exactly() {
        assert!(constant_time_eq("gal-2026", "gal-2026"));
        assert!(!constant_time_eq("gal-2026", "gal-2027"));
        assert!(!constant_time_eq("gal", "gal-2026"));
    }
}
