//! The rapporteur's synthesis statements (issue #13, item 1): a sentence, in one of the
//! workshop's categories, that gathers any number of the room's raw findings (one finding
//! may feed several statements). The report gives the statements, each with how many raw
//! findings and "+1"s stand behind it, in place of the raw lists, which go to its annex.

use super::ids::{FindingId, StatementId};
use super::refusal::Refusal;
use super::summary::Finding;
use super::text::{self, Lines, TextError};

/// Longest statement, in characters: a bullet of the report, a few lines at most.
pub const STATEMENT_MAX_CHARS: usize = 600;

/// The text of a statement: cleaned as every text ([`text::clean`]: NFC, invisible
/// characters removed, trimmed), one line, 1 to [`STATEMENT_MAX_CHARS`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementText(String);

impl StatementText {
    /// Checks a typed statement.
    ///
    /// # Errors
    /// [`Refusal::StatementBlank`] when nothing visible was typed,
    /// [`Refusal::StatementTooLong`] past [`STATEMENT_MAX_CHARS`], and
    /// [`Refusal::ControlCharacter`] for a control character or a line break (a
    /// statement is one bullet).
    pub fn parse(typed: &str) -> Result<Self, Refusal> {
        match text::clean(typed, Lines::One, STATEMENT_MAX_CHARS) {
            Ok(text) => Ok(Self(text)),
            Err(TextError::Blank) => Err(Refusal::StatementBlank),
            Err(TextError::TooLong { max }) => Err(Refusal::StatementTooLong {
                max: i64::try_from(max).unwrap_or(i64::MAX),
            }),
            Err(TextError::ControlCharacter) => Err(Refusal::ControlCharacter),
        }
    }

    /// The cleaned text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The cleaned text, owned.
    pub fn into_string(self) -> String {
        self.0
    }
}

/// A statement as stored, with the raw findings it gathers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub id: StatementId,
    /// The slug of its category (`finding_categories.slug`).
    pub category_slug: String,
    pub text: String,
    /// Its place in the report among the workshop's statements, from 1 (its category's
    /// statements are shown in this order).
    pub position: i64,
    /// The raw findings it gathers, by id, ascending.
    pub findings: Vec<FindingId>,
}

/// What stands behind a statement in the report: "N constats, M +1".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Backing {
    /// Raw findings it gathers that still count (neither hidden nor from a hidden
    /// participant).
    pub findings: i64,
    /// The "+1"s those findings received.
    pub supports: i64,
}

impl Statement {
    /// The findings and "+1"s behind the statement, among `all` (the workshop's
    /// findings; hidden ones and those of hidden participants count for nothing).
    pub fn backing(&self, all: &[Finding]) -> Backing {
        let mut backing = Backing::default();
        for finding in all {
            if finding.counts() && self.findings.binary_search(&FindingId(finding.id)).is_ok() {
                backing.findings += 1;
                backing.supports += finding.supports;
            }
        }
        backing
    }
}

/// Whether `step` moves a statement up (towards the top of its category) or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_statement_is_cleaned_and_bounded() {
        let text = StatementText::parse("  Le temps\u{200B} manque  ").expect("ok");
        assert_eq!(text.as_str(), "Le temps manque");
        assert_eq!(
            StatementText::parse(" \u{200B} "),
            Err(Refusal::StatementBlank)
        );
        assert_eq!(
            StatementText::parse(&"é".repeat(STATEMENT_MAX_CHARS + 1)),
            Err(Refusal::StatementTooLong { max: 600 })
        );
        assert!(StatementText::parse(&"é".repeat(STATEMENT_MAX_CHARS)).is_ok());
        assert_eq!(
            StatementText::parse("une\nautre"),
            Err(Refusal::ControlCharacter)
        );
    }

    #[test]
    fn a_statement_is_backed_by_its_visible_findings_and_their_supports() {
        let finding = |id: i64, supports: i64, hidden: bool| Finding {
            id,
            category_slug: "constat".into(),
            category_label: "Constat".into(),
            text: format!("f{id}"),
            submitted_at: String::new(),
            participant_seq: 1,
            hidden,
            participant_hidden: false,
            supports,
        };
        let all = [
            finding(1, 2, false),
            finding(2, 1, false),
            finding(3, 5, true),
            finding(4, 7, false),
        ];
        let statement = Statement {
            id: StatementId(1),
            category_slug: "constat".into(),
            text: "s".into(),
            position: 1,
            findings: vec![FindingId(1), FindingId(2), FindingId(3)],
        };
        assert_eq!(
            statement.backing(&all),
            Backing {
                findings: 2,
                supports: 3
            }
        );
    }
}
