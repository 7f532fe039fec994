//! The message catalogue (Project Fluent, through `fluent-templates`): every string a
//! person reads comes from `templates/i18n/{fr,en}/main.ftl`. French is complete and the
//! default; English is chosen by a `?lang=en` link (remembered in a cookie) or by the
//! browser's `Accept-Language`.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};

use crate::domain::language::Language;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./templates/i18n",
        fallback_language: "fr",
        // No Unicode isolation marks around arguments: they would end up in CSV files.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static FRENCH: LanguageIdentifier = langid!("fr");
static ENGLISH: LanguageIdentifier = langid!("en");

/// Name of the cookie that remembers the language chosen by a link.
pub const LANG_COOKIE: &str = "atelier_lang";

fn catalogue_id(lang: Language) -> &'static LanguageIdentifier {
    match lang {
        Language::French => &FRENCH,
        Language::English => &ENGLISH,
    }
}

/// The catalogue in one language, handed to templates as `tr`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tr {
    /// The language of this page.
    pub lang: Language,
}

impl Tr {
    /// The catalogue in `lang`.
    pub fn new(lang: Language) -> Self {
        Self { lang }
    }

    /// The message `id`, without arguments.
    pub fn t(&self, id: impl AsRef<str>) -> String {
        LOCALES.lookup(catalogue_id(self.lang), id.as_ref())
    }

    /// The message `id` with one numeric argument `name` (plural forms pick on it).
    pub fn n(&self, id: &str, name: &str, value: impl std::borrow::Borrow<i64>) -> String {
        self.args(id, &[(name, FluentValue::from(*value.borrow()))])
    }

    /// The message `id` with one text argument `name`.
    pub fn s(&self, id: &str, name: &str, value: &str) -> String {
        self.args(id, &[(name, FluentValue::from(value.to_string()))])
    }

    /// The message `id` with any arguments.
    pub fn args(&self, id: &str, args: &[(&str, FluentValue<'static>)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'static>> = args
            .iter()
            .map(|(k, v)| (Cow::Owned((*k).to_string()), v.clone()))
            .collect();
        LOCALES.lookup_with_args(catalogue_id(self.lang), id, &map)
    }
}

/// The message of `refusal` (see [`crate::domain::refusal::Refusal::message_id`]).
pub fn refusal_message(tr: Tr, refusal: &crate::domain::refusal::Refusal) -> String {
    use crate::domain::refusal::Arg;
    let args: Vec<(&str, FluentValue<'static>)> = refusal
        .args()
        .into_iter()
        .map(|(name, value)| {
            let value = match value {
                Arg::Number(n) => FluentValue::from(n),
                Arg::Text(t) => FluentValue::from(t),
            };
            (name, value)
        })
        .collect();
    tr.args(refusal.message_id(), &args)
}

/// The message for a problem in a workshop's definition (import file or `/new` form).
pub fn problem_message(tr: Tr, problem: &crate::domain::workshop_draft::Problem) -> String {
    use crate::domain::text::TextError;
    use crate::domain::workshop_draft::Problem;
    let as_i64 = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    match problem {
        Problem::Text(TextError::Blank) => tr.t("error-required"),
        Problem::Text(TextError::TooLong { max }) => tr.n("error-too-long", "max", as_i64(*max)),
        Problem::Text(TextError::ControlCharacter) => tr.t("error-control-character"),
        Problem::OutOfRange { min, max } => tr.args(
            "error-out-of-range",
            &[("min", (*min).into()), ("max", (*max).into())],
        ),
        Problem::UnknownLanguage => tr.t("error-language"),
        Problem::UnknownTimeZone => tr.t("error-time-zone"),
        Problem::JoinCode(_) => tr.t("error-join-code"),
        Problem::BadSlug => tr.t("error-slug"),
        Problem::DuplicateSlug => tr.t("error-slug-duplicate"),
        Problem::TooMany { max } => tr.n("error-too-many-items", "max", as_i64(*max)),
        Problem::Session(e) => session_message(tr, *e),
        Problem::DuplicateJoinCode => tr.t("error-join-code-duplicate"),
    }
}

/// The message for a session date or hour that does not read (import file, synthesis
/// page).
pub fn session_message(tr: Tr, error: crate::domain::session::SessionError) -> String {
    use crate::domain::session::SessionError;
    tr.t(match error {
        SessionError::BadDate => "error-session-date",
        SessionError::BadTime => "error-session-time",
        SessionError::TimeWithoutDate => "error-session-time-without-date",
        SessionError::EndsBeforeStarts => "error-session-ends-before",
    })
}

/// One line per problem of a workshop or event file: `FILE, ligne N, clé K : message`
/// (the command line's `import`, the organiser's console).
pub fn describe_file_error(
    tr: Tr,
    file: &str,
    error: &crate::domain::workshop_file::FileError,
) -> String {
    let message = match &error.kind {
        crate::domain::workshop_file::FileErrorKind::Syntax(text) => {
            translate_toml_message(tr, text)
        }
        crate::domain::workshop_file::FileErrorKind::Field(problem) => problem_message(tr, problem),
        crate::domain::workshop_file::FileErrorKind::Refused(refusal) => {
            refusal_message(tr, refusal)
        }
    };
    match (error.line, &error.key) {
        (Some(line), key) => tr.args(
            "cli-file-error",
            &[
                ("file", file.to_string().into()),
                ("line", i64::try_from(line).unwrap_or(0).into()),
                ("key", key.clone().unwrap_or_else(|| "?".into()).into()),
                ("message", message.into()),
            ],
        ),
        (None, _) => tr.args(
            "cli-file-error-no-line",
            &[
                ("file", file.to_string().into()),
                ("message", message.into()),
            ],
        ),
    }
}

/// The TOML reader's messages in the user's language: the shape errors (missing,
/// unknown, mistyped or repeated key), too deep a nesting, the common syntax slips
/// (an unquoted text, something not closed, a missing value); any other one framed in
/// the user's language with the reader's own words quoted.
fn translate_toml_message(tr: Tr, text: &str) -> String {
    let quoted = |s: &str| s.split('`').nth(1).unwrap_or("").to_string();
    if text.starts_with("missing field") {
        tr.s("toml-missing-field", "key", &quoted(text))
    } else if text.starts_with("unknown field") {
        tr.s("toml-unknown-field", "key", &quoted(text))
    } else if text.starts_with("invalid type") {
        let expected = if text.contains("expected i64") || text.contains("expected an integer") {
            tr.t("toml-expected-integer")
        } else if text.contains("expected a string") || text.contains("expected a borrowed string")
        {
            tr.t("toml-expected-text")
        } else {
            text.to_string()
        };
        tr.s("toml-invalid-type", "expected", &expected)
    } else if text.starts_with("duplicate key") {
        tr.t("toml-duplicate-key")
    } else if text.contains("recursion") {
        // "cannot recurse further; max recursion depth met", "recursion limit".
        tr.t("toml-too-deep")
    } else if text.starts_with("string values must be quoted") || text.contains("invalid string") {
        tr.t("toml-unquoted-text")
    } else if text.starts_with("unclosed") || text.contains("missing closing") {
        tr.t("toml-unclosed")
    } else if text.starts_with("missing value")
        || text.starts_with("key with no value")
        || text.starts_with("missing assignment")
    {
        tr.t("toml-missing-value")
    } else {
        tr.s("toml-syntax", "detail", text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_is_the_default_and_english_can_be_asked_for() {
        let fr = Language::French;
        assert_eq!(Language::negotiate(None, None, None, fr), Language::French);
        assert_eq!(
            Language::negotiate(None, None, Some("de-DE,de;q=0.9"), fr),
            Language::French
        );
        assert_eq!(
            Language::negotiate(None, None, Some("de-DE,de;q=0.9"), Language::English),
            Language::English,
            "a language we lack falls back to the workshop's"
        );
        assert_eq!(
            Language::negotiate(None, None, Some("de;q=1, en-GB;q=0.8, fr;q=0.5"), fr),
            Language::English
        );
        assert_eq!(
            Language::negotiate(None, Some("fr"), Some("en"), fr),
            Language::French
        );
        assert_eq!(
            Language::negotiate(Some("en"), Some("fr"), None, fr),
            Language::English
        );
    }

    #[test]
    fn plurals_follow_each_language() {
        let fr = Tr::new(Language::French);
        let en = Tr::new(Language::English);
        assert_eq!(fr.n("sent-keywords", "count", 3), "3 mots-clés reçus");
        assert_eq!(fr.n("sent-keywords", "count", 1), "1 mot-clé reçu");
        assert_eq!(en.n("sent-keywords", "count", 1), "1 keyword received");
    }

    /// Every message of the French catalogue exists in English, and the other way round.
    #[test]
    fn both_catalogues_have_the_same_messages() {
        let ids = |source: &str| -> Vec<String> {
            let mut ids: Vec<String> = source
                .lines()
                .filter(|l| !l.starts_with([' ', '#', '\t']) && l.contains(" ="))
                .filter_map(|l| l.split(" =").next().map(str::to_string))
                .collect();
            ids.sort();
            ids
        };
        let fr = ids(include_str!("../templates/i18n/fr/main.ftl"));
        let en = ids(include_str!("../templates/i18n/en/main.ftl"));
        assert!(fr.len() > 50, "{}", fr.len());
        assert_eq!(fr, en);
    }
}
