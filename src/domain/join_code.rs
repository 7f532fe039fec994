//! Join codes: the short code a participant types, or reads from the projector, to join.

use std::fmt;

/// Letters and digits used for generated codes: no look-alikes (no I, O, 0, 1).
pub const GENERATED_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
/// Length of a generated join code, in characters.
pub const GENERATED_LEN: usize = 6;
/// Shortest and longest join code a workshop file may choose.
pub const MIN_LEN: usize = 4;
/// See [`MIN_LEN`].
pub const MAX_LEN: usize = 12;

/// A workshop's join code: 4 to 12 ASCII letters or digits, kept upper case, so that
/// `/w/solida` and `/w/SOLIDA` reach the same workshop.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct JoinCode(String);

/// Why a join code was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JoinCodeError {
    /// Not 4 to 12 characters long once spaces and dashes are removed.
    Length,
    /// Holds something other than ASCII letters and digits.
    Characters,
}

impl JoinCode {
    /// Reads a code as a person types it: case is ignored, and spaces and dashes
    /// ("SOL IDA", "sol-ida") are dropped.
    ///
    /// # Errors
    /// [`JoinCodeError::Length`] or [`JoinCodeError::Characters`].
    pub fn parse(input: &str) -> Result<Self, JoinCodeError> {
        let code: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if !code.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(JoinCodeError::Characters);
        }
        if !(MIN_LEN..=MAX_LEN).contains(&code.len()) {
            return Err(JoinCodeError::Length);
        }
        Ok(Self(code))
    }

    /// A new random code of [`GENERATED_LEN`] characters without look-alikes.
    pub fn generate() -> Self {
        Self::generate_starting_with(GENERATED_ALPHABET)
    }

    /// As [`JoinCode::generate`], its first character drawn from `first` instead (a
    /// shard's characters, `domain::shard`); `first` holds ASCII letters and digits of
    /// [`GENERATED_ALPHABET`]. An empty `first` gives [`JoinCode::generate`]'s codes.
    pub fn generate_starting_with(first: &[u8]) -> Self {
        let first = if first.is_empty() {
            GENERATED_ALPHABET
        } else {
            first
        };
        let mut bytes = [0u8; GENERATED_LEN];
        rand::fill(&mut bytes[..]);
        // 256 is a multiple of the alphabet's 32: no character is likelier than another.
        let mut code: String = bytes[1..]
            .iter()
            .map(|b| GENERATED_ALPHABET[usize::from(*b) % GENERATED_ALPHABET.len()] as char)
            .collect();
        code.insert(0, first[rand::random_range(0..first.len())] as char);
        Self(code)
    }

    /// The code, upper case.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for JoinCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_whatever_the_case_and_separators() {
        assert_eq!(
            JoinCode::parse(" sol-ida ").map(|c| c.0),
            Ok("SOLIDA".into())
        );
    }

    #[test]
    fn bad_codes_are_refused() {
        assert_eq!(JoinCode::parse("abc"), Err(JoinCodeError::Length));
        assert_eq!(JoinCode::parse("ABCDÉF"), Err(JoinCodeError::Characters));
        assert_eq!(JoinCode::parse("../etc"), Err(JoinCodeError::Characters));
    }

    #[test]
    fn generated_codes_have_no_look_alikes() {
        for _ in 0..200 {
            let code = JoinCode::generate();
            assert_eq!(code.as_str().len(), GENERATED_LEN);
            assert!(!code.as_str().contains(['I', 'O', '0', '1']));
            assert_eq!(JoinCode::parse(code.as_str()), Ok(code));
        }
    }
}
