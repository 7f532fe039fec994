//! The workshop file (`atelier import FILE.toml`): TOML in the shape of
//! `tests/fixtures/solidarites-sociales.toml`, read into a checked [`NewWorkshop`].
//! Every problem names the line and the key at fault.

use toml::de::{DeTable, DeValue};

use super::refusal::Refusal;
use super::workshop_draft::{FieldError, NewWorkshop, Problem, WorkshopDraft};

/// One problem in a workshop file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// Line number, from 1, when it could be found.
    pub line: Option<usize>,
    /// The key at fault, such as `workshop.join_code` or `recommendations[2].text`.
    pub key: Option<String>,
    /// What is wrong.
    pub kind: FileErrorKind,
}

/// What is wrong in a workshop file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileErrorKind {
    /// Not TOML, or not the file's shape (a missing, unknown or mistyped key); the text
    /// is the TOML reader's own message, in English.
    Syntax(String),
    /// A value that breaks a rule of the workshop (see [`Problem`]).
    Field(Problem),
    /// A value the database refuses when the file is stored: a join code or event code
    /// already in use, or a join code of another shard ([`refused_at`]).
    Refused(Refusal),
}

/// Reads a workshop file.
///
/// # Errors
/// Every problem found: a syntax or shape error stops at the first one; rule checks
/// report all fields at fault.
pub fn parse(source: &str) -> Result<NewWorkshop, Vec<FileError>> {
    let draft: WorkshopDraft =
        toml::from_str(source).map_err(|e| vec![syntax_error(source, &e)])?;
    draft.validate().map_err(|errors| {
        errors
            .into_iter()
            .map(|FieldError { path, problem }| FileError {
                line: line_of_key(source, &path),
                key: Some(path),
                kind: FileErrorKind::Field(problem),
            })
            .collect()
    })
}

/// `refusal` (the database's answer when the file was stored) at the key `key`
/// (`workshop.join_code`, `event.code`, `workshops[2].join_code`) of `source`, with its
/// line, so that a code in use is named like any other problem of the file.
pub fn refused_at(source: &str, key: &str, refusal: Refusal) -> FileError {
    FileError {
        line: line_of_key(source, key),
        key: Some(key.to_string()),
        kind: FileErrorKind::Refused(refusal),
    }
}

/// The TOML reader's `error` as a [`FileError`]: the line and key its span points at.
/// Nesting past the reader's limit (arrays or inline tables within each other, or a
/// dotted key of many parts: the reader stops at 80 levels, so that no file can exhaust
/// the stack) comes without a key, and sometimes without a span: its line is then the
/// most deeply nested one, and its key the one written on that line.
pub(super) fn syntax_error(source: &str, error: &toml::de::Error) -> FileError {
    let message = error.message().trim().to_string();
    let offset = error.span().map(|s| s.start).or_else(|| {
        message
            .contains("recursion")
            .then(|| deepest_line(source))
            .flatten()
    });
    let line = offset.map(|o| line_of(source, o));
    FileError {
        line,
        key: offset
            .and_then(|o| key_at(source, o))
            .or_else(|| line.and_then(|l| key_on_line(source, l))),
        kind: FileErrorKind::Syntax(message),
    }
}

/// The longest key [`key_on_line`] gives, in characters.
const KEY_SHOWN: usize = 60;

/// The key written on line `line` (from 1) of `source`, read as text (for a file the
/// TOML reader cannot read): the last table header above it (`[workshop]`, the third
/// `[[workshops]]` as `workshops[2]`) then what stands before `=`; a header line names
/// its table. At most [`KEY_SHOWN`] characters, "…" after.
fn key_on_line(source: &str, line: usize) -> Option<String> {
    // How many `[[path]]` headers were met so far, by path.
    let mut arrays: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut indexed = |header: &str| -> String {
        let is_array = header.starts_with("[[");
        let path = header.trim_matches(['[', ']', ' ']).to_string();
        if is_array {
            *arrays.entry(path.clone()).or_default() += 1;
            let nested = format!("{path}.");
            arrays.retain(|p, _| !p.starts_with(&nested));
        }
        let mut prefix = String::new();
        let mut shown = String::new();
        for part in path.split('.') {
            if !prefix.is_empty() {
                prefix.push('.');
                shown.push('.');
            }
            prefix.push_str(part.trim());
            shown.push_str(part.trim());
            if let Some(count) = arrays.get(&prefix) {
                shown.push_str(&format!("[{}]", count - 1));
            }
        }
        shown
    };
    let is_header = |text: &str| text.starts_with('[') && !text.contains('=');
    let mut table = String::new();
    for text in source.lines().take(line.saturating_sub(1)) {
        let text = text.trim();
        if is_header(text) {
            table = indexed(text);
        }
    }
    let text = source.lines().nth(line.checked_sub(1)?)?.trim();
    let key = if is_header(text) {
        indexed(text)
    } else {
        let key = text.split_once('=')?.0.trim();
        if table.is_empty() {
            key.to_string()
        } else {
            format!("{table}.{key}")
        }
    };
    let mut shown: String = key.chars().take(KEY_SHOWN).collect();
    if shown.len() < key.len() {
        shown.push('…');
    }
    (!shown.is_empty()).then_some(shown)
}

/// The byte offset of the line of `source` that nests deepest: brackets and braces open
/// (outside quoted strings and comments, carried over lines) and the dots of its key.
fn deepest_line(source: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut best: Option<(usize, usize)> = None;
    let mut offset = 0;
    for text in source.split_inclusive('\n') {
        let mut deepest = depth;
        let mut quote = None;
        let mut dots = 0;
        for c in text.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') => break,
                (None, '[' | '{') => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                (None, '.') if depth == 0 => dots += 1,
                _ => {}
            }
        }
        let nesting = deepest + dots;
        if best.is_none_or(|(most, _)| nesting > most) {
            best = Some((nesting, offset));
        }
        offset += text.len();
    }
    best.map(|(_, offset)| offset)
}

/// Line (from 1) of the byte `offset` in `source`.
pub(super) fn line_of(source: &str, offset: usize) -> usize {
    1 + source
        .as_bytes()
        .iter()
        .take(offset)
        .filter(|b| **b == b'\n')
        .count()
}

/// Splits `recommendations[2].text` into `["recommendations", "2", "text"]`.
fn segments(path: &str) -> Vec<String> {
    path.replace('[', ".")
        .replace(']', "")
        .split('.')
        .map(str::to_string)
        .collect()
}

/// The line where the key `path` stands, or the nearest enclosing table's.
pub(super) fn line_of_key(source: &str, path: &str) -> Option<usize> {
    let root = DeTable::parse(source).ok()?;
    let mut best = None;
    let mut table: Option<&DeTable<'_>> = Some(root.get_ref());
    let mut array: Option<&[toml::Spanned<DeValue<'_>>]> = None;
    for segment in segments(path) {
        let value = if let Some(items) = array.take() {
            segment.parse::<usize>().ok().and_then(|i| items.get(i))
        } else if let Some(t) = table.take() {
            t.iter()
                .find(|(k, _)| k.get_ref().as_ref() == segment)
                .map(|(k, v)| {
                    best = Some(k.span().start);
                    v
                })
        } else {
            None
        };
        let Some(value) = value else { break };
        if best.is_none() || !matches!(value.get_ref(), DeValue::Table(_)) {
            best = Some(value.span().start);
        }
        match value.get_ref() {
            DeValue::Table(t) => table = Some(t),
            DeValue::Array(a) => array = Some(a),
            _ => {}
        }
    }
    best.map(|offset| line_of(source, offset))
}

/// The key path whose value holds the byte `offset`, deepest first.
pub(super) fn key_at(source: &str, offset: usize) -> Option<String> {
    fn walk(table: &DeTable<'_>, offset: usize, prefix: &str) -> Option<String> {
        for (key, value) in table.iter() {
            let name = if prefix.is_empty() {
                key.get_ref().to_string()
            } else {
                format!("{prefix}.{}", key.get_ref())
            };
            if let Some(found) = walk_value(value, offset, &name) {
                return Some(found);
            }
            if key.span().contains(&offset) || value.span().contains(&offset) {
                return Some(name);
            }
        }
        None
    }
    fn walk_value(value: &toml::Spanned<DeValue<'_>>, offset: usize, name: &str) -> Option<String> {
        match value.get_ref() {
            DeValue::Table(t) => walk(t, offset, name),
            DeValue::Array(items) => items.iter().enumerate().find_map(|(i, item)| {
                let name = format!("{name}[{i}]");
                walk_value(item, offset, &name)
                    .or_else(|| item.span().contains(&offset).then_some(name))
            }),
            _ => None,
        }
    }
    let root = DeTable::parse(source).ok()?;
    walk(root.get_ref(), offset, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = include_str!("../../tests/fixtures/solidarites-sociales.toml");

    #[test]
    fn the_fixture_workshop_is_read_in_full() {
        let w = parse(FIXTURE).expect("the fixture is valid");
        assert_eq!(w.title, "Atelier thématique solidarités sociales");
        assert_eq!(
            w.event_title.as_deref(),
            Some("2èmes rencontres nationales de la coopération LEADER")
        );
        assert!(w.description.starts_with("Des solidarités sociales"));
        assert_eq!(w.join_code.as_ref().map(|c| c.as_str()), Some("SOLIDA"));
        assert_eq!(w.speakers.len(), 3);
        assert_eq!(
            w.speakers[1].1,
            "La revitalisation des centres-bourgs avec le projet de coopération « Fenêtres sur Bourg »"
        );
        let slugs: Vec<&str> = w.categories.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(slugs, ["constat", "difficulte", "levier"]);
        assert_eq!(w.recommendations.len(), 5);
        assert_eq!(
            (
                w.keywords_per_participant,
                w.dots_per_participant,
                w.max_dots_per_recommendation
            ),
            (3, 3, 2)
        );
        let session = w.session.expect("the session's date and hours");
        assert_eq!(
            session.stored(),
            (
                "2019-11-21".into(),
                Some("14:00".into()),
                Some("16:30".into())
            )
        );
    }

    #[test]
    fn a_session_date_and_hours_that_do_not_read_name_their_line_and_key() {
        use crate::domain::session::SessionError;
        let source =
            "[workshop]\ntitle = \"A\"\ndate = 2019-11-21\nstarts = \"16:30\"\nends = \"14:00\"\n";
        let errors = parse(source).expect_err("refused");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].key.as_deref(), Some("workshop.ends"));
        assert_eq!(errors[0].line, Some(5));
        assert_eq!(
            errors[0].kind,
            FileErrorKind::Field(Problem::Session(SessionError::EndsBeforeStarts))
        );
        let source = "[workshop]\ntitle = \"A\"\n\ndate = 2019-11-21T14:00:00\nstarts = \"25h\"\n";
        let errors = parse(source).expect_err("refused");
        assert_eq!(errors[0].key.as_deref(), Some("workshop.date"));
        assert_eq!(errors[0].line, Some(4));
        let source = "[workshop]\ntitle = \"A\"\nstarts = \"9h\"\n";
        let errors = parse(source).expect_err("refused");
        assert_eq!(
            errors[0].kind,
            FileErrorKind::Field(Problem::Session(SessionError::TimeWithoutDate))
        );
        let source = "[workshop]\ntitle = \"A\"\ndate = \"21 novembre\"\n";
        let errors = parse(source).expect_err("a date is a TOML date");
        assert_eq!(errors[0].line, Some(3));
        assert_eq!(errors[0].key.as_deref(), Some("workshop.date"));
    }

    #[test]
    fn a_mistyped_value_names_its_line_and_key() {
        let source = "[workshop]\ntitle = \"A\"\nkeywords_per_participant = \"trois\"\n";
        let errors = parse(source).expect_err("refused");
        assert_eq!(errors[0].line, Some(3));
        assert_eq!(
            errors[0].key.as_deref(),
            Some("workshop.keywords_per_participant")
        );
    }

    #[test]
    fn an_unknown_key_is_refused_with_its_line() {
        let source = "[workshop]\ntitle = \"A\"\n\nkeyword_per_participant = 3\n";
        let errors = parse(source).expect_err("refused");
        assert_eq!(errors[0].line, Some(4));
        let FileErrorKind::Syntax(message) = &errors[0].kind else {
            panic!("expected a syntax error, got {:?}", errors[0]);
        };
        assert!(message.contains("keyword_per_participant"), "{message}");
    }

    #[test]
    fn a_rule_broken_in_an_array_of_tables_points_at_the_entry() {
        let source = "[workshop]\ntitle = \"A\"\n\n[[recommendations]]\ntext = \"Un\"\n\n[[recommendations]]\ntext = \"  \"\n";
        let errors = parse(source).expect_err("refused");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].key.as_deref(), Some("recommendations[1].text"));
        assert_eq!(errors[0].line, Some(8));
    }

    #[test]
    fn broken_toml_is_refused_with_its_line() {
        let errors = parse("[workshop]\ntitle = \"A\n").expect_err("refused");
        assert_eq!(errors[0].line, Some(2));
    }
}
