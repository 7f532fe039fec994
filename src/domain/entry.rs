//! What a participant or facilitator typed, checked once at the edge: a handler turns form
//! fields into these types (or a [`Refusal`]), and the store takes nothing else. The text
//! rules are [`super::text::clean`]'s (ARCHITECTURE.md, "Rules that hold everywhere").

use super::folding::{Language, folding_key};
use super::refusal::Refusal;
use super::text::{self, FINDING_MAX_CHARS, KEYWORD_MAX_CHARS, LABEL_MAX_CHARS, Lines, TextError};

fn as_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The refusal for a text error, with the field's own blank and too-long refusals.
fn refusal(error: TextError, blank: Refusal, too_long: fn(i64) -> Refusal) -> Refusal {
    match error {
        TextError::Blank => blank,
        TextError::TooLong { max } => too_long(as_i64(max)),
        TextError::ControlCharacter => Refusal::ControlCharacter,
    }
}

/// One keyword: one line, at most [`KEYWORD_MAX_CHARS`] characters, cleaned, with a
/// folding key that is not empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyword(String);

impl Keyword {
    /// Checks one keyword box.
    ///
    /// # Errors
    /// [`Refusal::KeywordBlank`], [`Refusal::KeywordTooLong`], [`Refusal::ControlCharacter`],
    /// and [`Refusal::KeywordNoLetters`] for dashes, underscores or joiners alone ("—",
    /// "-", "_"): their folding key is empty, so they would all make one group of nothing.
    /// The key is empty or not whatever the workshop's language (stemming never empties a
    /// word), so French folding decides.
    pub fn parse(typed: &str) -> Result<Self, Refusal> {
        let cleaned = text::clean(typed, Lines::One, KEYWORD_MAX_CHARS).map_err(|e| {
            refusal(e, Refusal::KeywordBlank, |max| Refusal::KeywordTooLong {
                max,
            })
        })?;
        if folding_key(&cleaned, Language::French).is_empty() {
            return Err(Refusal::KeywordNoLetters);
        }
        Ok(Self(cleaned))
    }

    /// The cleaned text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The keywords of one form: at least one, blank boxes skipped, in the order typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keywords(Vec<Keyword>);

impl Keywords {
    /// Checks the boxes of a keyword form.
    ///
    /// # Errors
    /// `(Some(box), refusal)` for the first box at fault (from 0), or
    /// `(None, Refusal::KeywordBlank)` when every box is blank.
    pub fn parse<S: AsRef<str>>(boxes: &[S]) -> Result<Self, (Option<usize>, Refusal)> {
        let mut keywords = Vec::new();
        for (index, typed) in boxes.iter().enumerate() {
            match Keyword::parse(typed.as_ref()) {
                Ok(keyword) => keywords.push(keyword),
                Err(Refusal::KeywordBlank) => {}
                Err(refusal) => return Err((Some(index), refusal)),
            }
        }
        if keywords.is_empty() {
            return Err((None, Refusal::KeywordBlank));
        }
        Ok(Self(keywords))
    }

    /// The keywords, in the order typed.
    pub fn iter(&self) -> impl Iterator<Item = &Keyword> {
        self.0.iter()
    }

    /// How many (at least 1).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always `false`: a form without a keyword is refused by [`Keywords::parse`].
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A finding's text: line breaks kept, at most [`FINDING_MAX_CHARS`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingText(String);

impl FindingText {
    /// Checks a finding.
    ///
    /// # Errors
    /// [`Refusal::FindingBlank`], [`Refusal::FindingTooLong`], [`Refusal::ControlCharacter`].
    pub fn parse(typed: &str) -> Result<Self, Refusal> {
        text::clean(typed, Lines::Many, FINDING_MAX_CHARS)
            .map(Self)
            .map_err(|e| {
                refusal(e, Refusal::FindingBlank, |max| Refusal::FindingTooLong {
                    max,
                })
            })
    }

    /// The cleaned text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A recommendation proposed by a participant: one line, at most [`LABEL_MAX_CHARS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalText(String);

impl ProposalText {
    /// Checks a proposal.
    ///
    /// # Errors
    /// [`Refusal::ProposalBlank`], [`Refusal::ProposalTooLong`], [`Refusal::ControlCharacter`].
    pub fn parse(typed: &str) -> Result<Self, Refusal> {
        text::clean(typed, Lines::One, LABEL_MAX_CHARS)
            .map(Self)
            .map_err(|e| {
                refusal(e, Refusal::ProposalBlank, |max| Refusal::ProposalTooLong {
                    max,
                })
            })
    }

    /// The cleaned text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A keyword group's label chosen by the facilitator: one line, at most
/// [`KEYWORD_MAX_CHARS`] characters; blank is "none".
///
/// # Errors
/// [`Refusal::LabelTooLong`] (a control character counts as too long: the dashboard's
/// box takes one line).
pub fn optional_label(typed: &str) -> Result<Option<String>, Refusal> {
    text::clean_optional(typed, Lines::One, KEYWORD_MAX_CHARS).map_err(|_| Refusal::LabelTooLong {
        max: as_i64(KEYWORD_MAX_CHARS),
    })
}

/// Longest synthesis paragraph, in characters.
pub const SYNTHESIS_MAX_CHARS: usize = 2000;

/// A synthesis paragraph of the report: line breaks kept, at most
/// [`SYNTHESIS_MAX_CHARS`]; blank is "remove it" (an empty text).
///
/// # Errors
/// [`Refusal::SynthesisTooLong`] (or a control character, reported the same way).
pub fn synthesis_text(typed: &str) -> Result<String, Refusal> {
    text::clean_optional(typed, Lines::Many, SYNTHESIS_MAX_CHARS)
        .map(Option::unwrap_or_default)
        .map_err(|_| Refusal::SynthesisTooLong {
            max: as_i64(SYNTHESIS_MAX_CHARS),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_keyword_boxes_are_skipped_and_a_bad_box_is_named() {
        let keywords = Keywords::parse(&["", " mobilité ", "  "]).expect("one keyword");
        assert_eq!(keywords.len(), 1);
        assert_eq!(
            keywords.iter().next().map(Keyword::as_str),
            Some("mobilité")
        );
        assert_eq!(
            Keywords::parse(&["", ""]),
            Err((None, Refusal::KeywordBlank))
        );
        let long = "x".repeat(61);
        assert_eq!(
            Keywords::parse(&["ok", long.as_str()]),
            Err((Some(1), Refusal::KeywordTooLong { max: 60 }))
        );
    }

    #[test]
    fn a_keyword_of_dashes_alone_is_refused_and_an_emoji_is_not() {
        for typed in ["—", "-", "_", " - — _ "] {
            assert_eq!(
                Keyword::parse(typed),
                Err(Refusal::KeywordNoLetters),
                "{typed}"
            );
        }
        assert_eq!(
            Keywords::parse(&["mobilité", "—"]),
            Err((Some(1), Refusal::KeywordNoLetters))
        );
        let family = "👨\u{200D}👩\u{200D}👧\u{200D}👦";
        assert_eq!(
            Keyword::parse(family).map(|k| k.as_str().to_string()),
            Ok(family.to_string())
        );
    }

    #[test]
    fn a_finding_keeps_its_line_breaks_and_a_proposal_does_not_take_one() {
        assert_eq!(
            FindingText::parse("un\r\ndeux").map(|f| f.as_str().to_string()),
            Ok("un\ndeux".to_string())
        );
        assert_eq!(
            ProposalText::parse("un\ndeux"),
            Err(Refusal::ControlCharacter)
        );
        assert_eq!(ProposalText::parse("  "), Err(Refusal::ProposalBlank));
    }
}
