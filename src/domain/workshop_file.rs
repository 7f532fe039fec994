//! The workshop file (`atelier import FILE.toml`): TOML in the shape of
//! `tests/fixtures/solidarites-sociales.toml`, read into a checked [`NewWorkshop`].
//! Every problem names the line and the key at fault.

use toml::de::{DeTable, DeValue};

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
}

/// Reads a workshop file.
///
/// # Errors
/// Every problem found: a syntax or shape error stops at the first one; rule checks
/// report all fields at fault.
pub fn parse(source: &str) -> Result<NewWorkshop, Vec<FileError>> {
    let draft: WorkshopDraft = toml::from_str(source).map_err(|e| {
        let span = e.span();
        vec![FileError {
            line: span.as_ref().map(|s| line_of(source, s.start)),
            key: span.and_then(|s| key_at(source, s.start)),
            kind: FileErrorKind::Syntax(e.message().trim().to_string()),
        }]
    })?;
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
