//! Participant and facilitator text: the rules of ARCHITECTURE.md, "Rules that hold everywhere".
//!
//! Every piece of text that reaches the database goes through [`clean`]: Unicode NFC,
//! invisible characters and noncharacters removed, white space trimmed at both ends,
//! length bounded, control characters refused (line breaks are kept where the field
//! allows them). Joiners (ZWJ, ZWNJ) and variation selectors are kept: emoji sequences
//! (👨‍👩‍👧‍👦, 🏳️‍🌈) and Persian or Indic words need them; only folding keys ignore them
//! ([`super::folding`]).
//!
//! Text is shortened at grapheme clusters ([`shorten`], [`shorten_utf16`]), never inside
//! one, so a flag or a skin-tone emoji is never cut in half; [`xml_safe`] keeps what an
//! XML document may hold.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

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

/// Characters that are removed wherever they stand: zero-width space, word joiner, byte
/// order mark, soft hyphen, the bidirectional embeddings, overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069), which could turn text around on the projector, and the
/// noncharacters (see [`is_noncharacter`]). The zero-width joiner and non-joiner
/// (U+200D, U+200C) are not among them: they hold emoji sequences and words together.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{00AD}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
    ) || is_noncharacter(c)
}

/// Whether `c` is a Unicode noncharacter: U+FDD0–U+FDEF and the last two code points of
/// every plane (U+FFFE, U+FFFF, U+1FFFE…). U+FFFE and U+FFFF are not allowed in XML, so
/// one of them would make `report.docx` unreadable.
pub fn is_noncharacter(c: char) -> bool {
    matches!(c, '\u{FDD0}'..='\u{FDEF}') || (u32::from(c) & 0xFFFE) == 0xFFFE
}

/// Whether XML 1.0 allows `c` in a document (its `Char` production: tab, line feed,
/// carriage return, U+0020–U+D7FF, U+E000–U+FFFD, U+10000 and above), noncharacters
/// excepted.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        && !is_noncharacter(c)
}

/// `text` without the characters XML 1.0 does not allow (C0 controls other than tab and
/// line breaks, U+FFFE, U+FFFF) nor noncharacters: what the Word and Excel writers are
/// given. Text cleaned by [`clean`] has none of them; this guards older rows and
/// imported files.
pub fn xml_safe(text: &str) -> Cow<'_, str> {
    if text.chars().all(is_xml_char) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|c| is_xml_char(*c)).collect())
    }
}

/// `text` shortened to at most `max` grapheme clusters (what a reader counts as
/// characters: 🇫🇷 or 👍🏽 is one), cut between two clusters, trailing white space dropped
/// and `…` added when something was cut.
pub fn shorten(text: &str, max: usize) -> Cow<'_, str> {
    match text.grapheme_indices(true).nth(max) {
        None => Cow::Borrowed(text),
        Some((end, _)) => Cow::Owned(format!("{}…", text[..end].trim_end())),
    }
}

/// `text` shortened so that it holds at most `max_units` UTF-16 code units, `…` included
/// (Excel counts a cell's 32,767 characters so), cut between two grapheme clusters.
/// Shorter text is returned whole.
pub fn shorten_utf16(text: &str, max_units: usize) -> Cow<'_, str> {
    if text.encode_utf16().count() <= max_units {
        return Cow::Borrowed(text);
    }
    let budget = max_units.saturating_sub(1);
    let mut units = 0;
    let mut end = 0;
    for (start, cluster) in text.grapheme_indices(true) {
        units += cluster.encode_utf16().count();
        if units > budget {
            break;
        }
        end = start + cluster.len();
    }
    Cow::Owned(format!("{}…", text[..end].trim_end()))
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
            clean("\u{200B}\u{2060} \u{FEFF}", Lines::One, 60),
            Err(TextError::Blank)
        );
    }

    #[test]
    fn joiners_and_variation_selectors_are_kept() {
        let family = "👨\u{200D}👩\u{200D}👧\u{200D}👦";
        assert_eq!(clean(family, Lines::One, 60), Ok(family.to_string()));
        let rainbow = "🏳\u{FE0F}\u{200D}🌈";
        assert_eq!(clean(rainbow, Lines::One, 60), Ok(rainbow.to_string()));
        // Persian "mikhāham" needs its zero-width non-joiner.
        let persian = "می\u{200C}خواهم";
        assert_eq!(clean(persian, Lines::One, 60), Ok(persian.to_string()));
    }

    #[test]
    fn noncharacters_are_removed() {
        assert_eq!(
            clean("a\u{FFFE}b\u{FFFF}c\u{FDD0}d\u{1FFFE}", Lines::Many, 100),
            Ok("abcd".into())
        );
        assert_eq!(clean("\u{FFFE}", Lines::One, 10), Err(TextError::Blank));
    }

    #[test]
    fn xml_safe_drops_what_xml_cannot_hold() {
        assert_eq!(xml_safe("ok\tla\nligne"), "ok\tla\nligne");
        assert_eq!(xml_safe("a\u{0007}b\u{FFFE}c\u{FFFF}\u{0000}"), "abc");
        assert!(matches!(xml_safe("intact 🇫🇷"), Cow::Borrowed(_)));
    }

    #[test]
    fn shorten_never_splits_a_flag_or_a_skin_tone() {
        let flags = "🇫🇷🇩🇪🇮🇹";
        assert_eq!(shorten(flags, 3), flags);
        assert_eq!(shorten(flags, 1), "🇫🇷…");
        assert_eq!(shorten(flags, 2), "🇫🇷🇩🇪…");
        let thumbs = "👍🏽👍🏿";
        assert_eq!(shorten(thumbs, 1), "👍🏽…");
        let family = "👨\u{200D}👩\u{200D}👧\u{200D}👦 et moi";
        assert_eq!(shorten(family, 1), "👨\u{200D}👩\u{200D}👧\u{200D}👦…");
        assert_eq!(shorten("un deux", 3), "un…");
    }

    #[test]
    fn shorten_utf16_fits_the_budget_at_a_cluster() {
        // Each flag is 4 UTF-16 units; 10 units hold two flags and the "…".
        let flags = "🇫🇷🇩🇪🇮🇹";
        assert_eq!(shorten_utf16(flags, 12), flags);
        assert_eq!(shorten_utf16(flags, 11), "🇫🇷🇩🇪…");
        assert_eq!(shorten_utf16(flags, 8), "🇫🇷…");
        let long = "é".repeat(40_000);
        let cut = shorten_utf16(&long, 32_767);
        assert_eq!(cut.encode_utf16().count(), 32_767);
        assert!(cut.ends_with('…'));
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
