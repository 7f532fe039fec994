//! A phone's identity without an account (issue #10, "One phone, one voice"): the
//! participant cookie that `GET /w/{code}` hands out is a random token signed with the
//! server's key, so a POST whose cookie the server did not issue (none, unknown or forged)
//! creates nothing. Each form's one-time token is signed for the phone it was issued to.
//! HMAC-SHA-256 (RFC 2104, the `hmac` crate); the key is 32 random bytes kept in the
//! database, so cookies survive a restart.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use super::secret;
use super::vote_code::VoteCode;

/// Bytes of the server's key.
pub const KEY_BYTES: usize = 32;
/// Bytes of a signature as written in a cookie or a form (128 bits, hexadecimal).
const TAG_BYTES: usize = 16;

/// The server's key for phone cookies and form tokens.
#[derive(Clone)]
pub struct PhoneKey([u8; KEY_BYTES]);

impl std::fmt::Debug for PhoneKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PhoneKey(…)")
    }
}

impl PhoneKey {
    /// A new random key.
    pub fn generate() -> Self {
        let mut bytes = [0u8; KEY_BYTES];
        rand::fill(&mut bytes[..]);
        Self(bytes)
    }

    /// The key stored as `bytes`; `None` unless it is [`KEY_BYTES`] long.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        bytes.try_into().ok().map(Self)
    }

    /// The key's bytes, to store.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    fn tag(&self, parts: &[&str]) -> String {
        // HMAC takes a key of any length: this cannot fail.
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.0) else {
            return String::new();
        };
        for part in parts {
            mac.update(part.as_bytes());
            mac.update(b"\x1f");
        }
        hex::encode(&mac.finalize().into_bytes()[..TAG_BYTES])
    }

    fn verify(&self, parts: &[&str], tag: &str) -> bool {
        secret::constant_time_eq(&self.tag(parts), tag)
    }

    /// A new phone: its token, and its participant cookie `{token}.{tag}` (32 + 1 + 32
    /// characters).
    pub fn issue_cookie(&self) -> (String, String) {
        let token = secret::new_token();
        let tag = self.tag(&["phone", &token]);
        let cookie = format!("{token}.{tag}");
        (token, cookie)
    }

    /// The phone token of a cookie this server issued; `None` for any other value.
    pub fn phone_token<'a>(&self, cookie: &'a str) -> Option<&'a str> {
        let (token, tag) = cookie.split_once('.')?;
        (secret::is_token(token) && self.verify(&["phone", token], tag)).then_some(token)
    }

    /// A new one-time form token for the phone whose token is `phone_token`:
    /// `{nonce}.{tag}`.
    pub fn form_token(&self, phone_token: &str) -> String {
        let nonce = secret::new_token();
        let tag = self.tag(&["form", phone_token, &nonce]);
        format!("{nonce}.{tag}")
    }

    /// Whether `form_token` was issued by [`PhoneKey::form_token`] to the phone whose
    /// token is `phone_token`.
    pub fn form_token_is_for(&self, form_token: &str, phone_token: &str) -> bool {
        form_token.split_once('.').is_some_and(|(nonce, tag)| {
            secret::is_token(nonce) && self.verify(&["form", phone_token, nonce], tag)
        })
    }

    /// What the database keeps of vote code `code` of workshop `workshop_id`: its
    /// HMAC-SHA-256 with the server's key, bound to the workshop (64 hexadecimal
    /// characters). Without the key, the stored hashes do not give the codes back.
    pub fn vote_code_hash(&self, workshop_id: i64, code: &VoteCode) -> String {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.0) else {
            return String::new();
        };
        for part in ["vote-code", &workshop_id.to_string(), code.as_str()] {
            mac.update(part.as_bytes());
            mac.update(b"\x1f");
        }
        hex::encode(mac.finalize().into_bytes())
    }
}

/// A short hash of what a form carried, so that a form token already received counts
/// once for the same content and never swallows new content: 64 hexadecimal characters.
pub fn content_hash(parts: &[&str]) -> String {
    secret::hash_token(&parts.join("\u{1f}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_cookies_this_server_issued_name_a_phone() {
        let key = PhoneKey::generate();
        let (issued, cookie) = key.issue_cookie();
        let token = key.phone_token(&cookie).expect("ours");
        assert_eq!(token, issued);
        assert!(secret::is_token(token));
        assert_eq!(key.phone_token(&secret::new_token()), None, "unsigned");
        let forged = format!("{}.{}", secret::new_token(), "0".repeat(32));
        assert_eq!(key.phone_token(&forged), None, "forged");
        assert_eq!(
            PhoneKey::generate().phone_token(&cookie),
            None,
            "another server's"
        );
    }

    #[test]
    fn a_form_token_is_bound_to_its_phone() {
        let key = PhoneKey::generate();
        let (mine, other) = (secret::new_token(), secret::new_token());
        let token = key.form_token(&mine);
        assert!(key.form_token_is_for(&token, &mine));
        assert!(!key.form_token_is_for(&token, &other));
        assert!(!key.form_token_is_for("0123456789abcdef0123456789abcdef", &mine));
    }

    #[test]
    fn a_vote_code_hash_needs_the_key_and_is_bound_to_its_workshop() {
        let key = PhoneKey::generate();
        let code = VoteCode::parse("k7qm 3xtp").expect("code");
        let hash = key.vote_code_hash(1, &code);
        assert_eq!(hash.len(), 64);
        assert_eq!(
            hash,
            key.vote_code_hash(1, &VoteCode::parse("K7QM-3XTP").expect("code"))
        );
        assert_ne!(hash, key.vote_code_hash(2, &code), "another workshop");
        assert_ne!(
            hash,
            PhoneKey::generate().vote_code_hash(1, &code),
            "another key"
        );
        assert_ne!(
            hash,
            secret::hash_token(code.as_str()),
            "not a plain SHA-256"
        );
    }

    #[test]
    fn the_same_content_hashes_the_same() {
        assert_eq!(content_hash(&["a", "b"]), content_hash(&["a", "b"]));
        assert_ne!(content_hash(&["a", "b"]), content_hash(&["ab"]));
    }
}
