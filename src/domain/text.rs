//! Participant and facilitator text: the rules of ARCHITECTURE.md, "Rules that hold everywhere".
//!
//! Every piece of text that reaches the database goes through [`clean`]: Unicode NFC,
//! invisible characters removed, white space trimmed at both ends, length bounded, control
//! characters refused (line breaks are kept where the field allows them).

use unicode_normalization::UnicodeNormalization;

/// Maximum length of a keyword, in characters (Unicode scalar values), from issue #2.
pub const KEYWORD_MAX_CHARS: usize = 60;
/// Maximum length of a finding, in characters.
pub const FINDING_MAX_CHARS: usize = 1000;
/// Maximum length of a title, name, label or recommendation entered by a facilitator.
pub const LABEL_MAX_CHARS: usize = 300;
/// Maximum length of a workshop description or question.
pub const LONG_TEXT_MAX_CHARS: usize = 5000;

/// Why a piece of text was refused. The web layer turns each into a message in the
/// user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextError {
    /// Nothing left once white space and invisible characters are removed.
    Blank,
    /// Longer than the field allows; `max` is in characters.
    TooLong { max: usize },
    /// Holds a control character (or a line break where the field takes one line).
    ControlCharacter,
}

/// Whether a field takes one line or several.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// Titles, keywords, labels: a line break is refused.
    One,
    /// Findings and descriptions: `\n` is kept (`\r\n` and `\r` become `\n`).
    Many,
}

/// Characters that are removed wherever they stand: zero-width space, zero-width
/// non-joiner and joiner, word joiner, byte order mark, soft hyphen, and the
/// bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which
/// could turn text around on the projector.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'
            | '\u{200C}'
            | '\u{200D}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{00AD}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// Cleans `input` for a field of at most `max_chars` characters.
///
/// Returns the NFC text, trimmed (tabs and non-breaking spaces too), with invisible
/// characters removed and line endings made `\n`. Inner spaces, including French
/// non-breaking spaces before `:` or inside « », are kept as typed.
///
/// # Errors
/// [`TextError::Blank`] when nothing visible is left, [`TextError::ControlCharacter`]
/// for a control character (a line break counts as one when `lines` is [`Lines::One`]),
/// [`TextError::TooLong`] past `max_chars`.
pub fn clean(input: &str, lines: Lines, max_chars: usize) -> Result<String, TextError> {
    let unified = input.replace("\r\n", "\n").replace('\r', "\n");
    let mut kept = String::with_capacity(unified.len());
    for c in unified.nfc() {
        if is_invisible(c) {
            continue;
        }
        if c == '\n' {
            if lines == Lines::One {
                return Err(TextError::ControlCharacter);
            }
        } else if c == '\t' {
            // A tab is white space: kept inside, trimmed at the ends.
        } else if c.is_control() {
            return Err(TextError::ControlCharacter);
        }
        kept.push(c);
    }
    let trimmed = kept.trim();
    if trimmed.is_empty() {
        return Err(TextError::Blank);
    }
    if trimmed.chars().count() > max_chars {
        return Err(TextError::TooLong { max: max_chars });
    }
    Ok(trimmed.to_string())
}

/// Like [`clean`], but an empty or blank input is `Ok(None)`: for optional fields.
///
/// # Errors
/// As [`clean`], except that blank is not an error.
pub fn clean_optional(
    input: &str,
    lines: Lines,
    max_chars: usize,
) -> Result<Option<String>, TextError> {
    match clean(input, lines, max_chars) {
        Ok(text) => Ok(Some(text)),
        Err(TextError::Blank) => Ok(None),
        Err(other) => Err(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_of_tabs_and_non_breaking_spaces() {
        assert_eq!(
            clean("\u{00A0}\t utile \u{202F}", Lines::One, 60),
            Ok("utile".into())
        );
    }

    #[test]
    fn decomposed_accents_become_nfc() {
        let decomposed = "inte\u{301}gration";
        assert_eq!(
            clean(decomposed, Lines::One, 60),
            Ok("intégration".to_string())
        );
    }

    #[test]
    fn invisible_characters_are_removed_and_alone_count_as_blank() {
        assert_eq!(
            clean("\u{FEFF}ser\u{200B}vices", Lines::One, 60),
            Ok("services".into())
        );
        assert_eq!(
            clean("\u{200B}\u{200D} \u{FEFF}", Lines::One, 60),
            Err(TextError::Blank)
        );
    }

    #[test]
    fn direction_overrides_are_removed() {
        assert_eq!(
            clean("\u{202E}elbisivni", Lines::One, 60),
            Ok("elbisivni".into())
        );
    }

    #[test]
    fn french_typography_is_kept() {
        let text = "« l’enjeu » : cœur\u{00A0}!";
        assert_eq!(clean(text, Lines::One, 60), Ok(text.to_string()));
    }

    #[test]
    fn findings_keep_line_breaks_and_keywords_refuse_them() {
        assert_eq!(clean("un\r\ndeux", Lines::Many, 100), Ok("un\ndeux".into()));
        assert_eq!(
            clean("un\ndeux", Lines::One, 100),
            Err(TextError::ControlCharacter)
        );
    }

    #[test]
    fn other_control_characters_are_refused() {
        assert_eq!(
            clean("bip\u{0007}", Lines::Many, 100),
            Err(TextError::ControlCharacter)
        );
        assert_eq!(
            clean("a\u{0000}b", Lines::One, 100),
            Err(TextError::ControlCharacter)
        );
    }

    #[test]
    fn length_is_counted_in_characters_not_bytes() {
        let sixty = "é".repeat(60);
        assert_eq!(clean(&sixty, Lines::One, 60), Ok(sixty.clone()));
        assert_eq!(
            clean(&format!("{sixty}é"), Lines::One, 60),
            Err(TextError::TooLong { max: 60 })
        );
    }

    #[test]
    fn optional_fields_accept_blank() {
        assert_eq!(clean_optional("  ", Lines::One, 10), Ok(None));
    }
}
