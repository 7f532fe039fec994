//! One-time vote codes (issue #10, "One-time codes for a vote that must be exact"): when a
//! workshop's `votes_need_code` is on, a ballot counts only from a phone that redeemed one
//! of the workshop's codes, and a code is redeemed by one phone, once.
//!
//! A code is 8 characters from [`ALPHABET`], shown as `XXXX-XXXX`. The alphabet leaves out
//! the characters that read alike on a printed card: `0`/`O`, `1`/`I`/`L`, and `U` (read
//! as `V`). What a participant types is normalised by [`VoteCode::parse`]: letters in any
//! case, spaces and dashes anywhere (or none). A look-alike that is typed (`O`, `0`, `I`,
//! `1`, `L`, `U`) is not mapped to another character: no card carries one, so the code is
//! simply unknown and the participant checks the card again. 30⁸ ≈ 6.6 × 10¹¹ codes.
//!
//! Only a keyed hash of a code is stored ([`crate::domain::identity::PhoneKey::vote_code_hash`],
//! HMAC-SHA-256 with the server's key, bound to the workshop): the database alone does
//! not give the codes, and the same code in two workshops has two hashes.

/// The characters of a code: digits 2–9 and the letters without `I`, `L`, `O`, `U`.
pub const ALPHABET: &[u8; 30] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters of a code, without its dash.
pub const CODE_CHARS: usize = 8;
/// The most codes one request (dashboard form or command line) may make.
pub const MAX_CODES_PER_REQUEST: i64 = 2000;

/// A vote code in its canonical form: 8 characters of [`ALPHABET`], no dash.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct VoteCode(String);

impl VoteCode {
    /// A fresh random code.
    pub fn generate() -> Self {
        let mut bytes = [0u8; CODE_CHARS];
        let mut code = String::with_capacity(CODE_CHARS);
        while code.len() < CODE_CHARS {
            rand::fill(&mut bytes[..]);
            // 240 = 8 × 30: bytes past it are dropped, so each character is uniform.
            for b in bytes.iter().filter(|b| **b < 240) {
                if code.len() < CODE_CHARS {
                    code.push(char::from(ALPHABET[usize::from(*b % 30)]));
                }
            }
        }
        Self(code)
    }

    /// The code a participant typed: case, spaces and dashes do not matter; `None` when
    /// what remains is not 8 characters of [`ALPHABET`] (at most 64 characters are read).
    pub fn parse(typed: &str) -> Option<Self> {
        if typed.len() > 64 {
            return None;
        }
        let code: String = typed
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '‐' | '‑' | '–' | '—'))
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let valid = code.len() == CODE_CHARS && code.bytes().all(|b| ALPHABET.contains(&b));
        valid.then_some(Self(code))
    }

    /// The canonical form (8 characters, no dash): what is hashed.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form printed on cards and by the command line: `XXXX-XXXX`.
    pub fn display(&self) -> String {
        let (a, b) = self.0.split_at(CODE_CHARS / 2);
        format!("{a}-{b}")
    }
}

/// Whether `n` codes may be made in one request (1 to [`MAX_CODES_PER_REQUEST`]).
pub fn count_allowed(n: i64) -> bool {
    (1..=MAX_CODES_PER_REQUEST).contains(&n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_use_only_the_alphabet_and_differ() {
        let codes: std::collections::HashSet<_> = (0..500).map(|_| VoteCode::generate()).collect();
        assert!(codes.len() > 495);
        for code in &codes {
            assert_eq!(code.as_str().len(), CODE_CHARS);
            assert!(code.as_str().bytes().all(|b| ALPHABET.contains(&b)));
            assert!(!code.as_str().contains(['0', 'O', '1', 'I', 'L', 'U']));
            assert_eq!(code.display().len(), 9);
            assert_eq!(VoteCode::parse(&code.display()).as_ref(), Some(code));
        }
    }

    #[test]
    fn typed_codes_ignore_case_spaces_and_dashes() {
        let code = VoteCode::parse("K7QM-3XTP").expect("printed");
        for typed in [
            "k7qm-3xtp",
            " K7QM 3XTP ",
            "k7qm3xtp",
            "K7-QM-3X-TP",
            "k7qm–3xtp",
        ] {
            assert_eq!(VoteCode::parse(typed).as_ref(), Some(&code), "{typed}");
        }
        assert_eq!(code.display(), "K7QM-3XTP");
    }

    #[test]
    fn look_alikes_and_wrong_lengths_are_not_codes() {
        for typed in [
            "K7QM-3XT0",
            "K7QM-3XTO",
            "K1QM-3XTP",
            "KLQM-3XTP",
            "KUQM-3XTP",
        ] {
            assert_eq!(VoteCode::parse(typed), None, "{typed}");
        }
        assert_eq!(VoteCode::parse("K7QM-3XT"), None);
        assert_eq!(VoteCode::parse("K7QM-3XTPP"), None);
        assert_eq!(VoteCode::parse(""), None);
        assert_eq!(VoteCode::parse("K7QM-3XTÉ"), None);
        assert_eq!(VoteCode::parse(&"-".repeat(10_000)), None);
    }

    #[test]
    fn requests_are_capped() {
        assert!(count_allowed(1) && count_allowed(2000));
        assert!(!count_allowed(0) && !count_allowed(2001) && !count_allowed(-3));
    }
}
