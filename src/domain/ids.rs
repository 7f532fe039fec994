//! Database ids as types of their own, so that a finding's id cannot be passed where a
//! workshop's is expected. Each wraps the SQLite rowid (`i64`); `Display` prints the bare
//! number, as URLs, forms and exports show it.

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(pub i64);

        impl $name {
            /// The rowid.
            pub fn get(self) -> i64 {
                self.0
            }

            /// The id written in a URL segment or a form field (digits only); `None` for
            /// anything else.
            pub fn parse(text: &str) -> Option<Self> {
                if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                text.parse().ok().map(Self)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// A workshop (`workshops.id`).
    WorkshopId
);
id_type!(
    /// An event, a meeting of several workshops (`events.id`, issue #14).
    EventId
);
id_type!(
    /// A participant, one phone in one workshop (`participants.id`).
    ParticipantId
);
id_type!(
    /// A finding (`findings.id`, the `id` column of `findings.csv`).
    FindingId
);
id_type!(
    /// A keyword entry (`keywords.id`).
    KeywordId
);
id_type!(
    /// A recommendation on the ballot or proposed (`recommendations.id`).
    RecommendationId
);
id_type!(
    /// A facilitator's keyword correction (`keyword_corrections.id`).
    CorrectionId
);
id_type!(
    /// A rapporteur's synthesis statement (`statements.id`).
    StatementId
);

/// The number of a participant's pseudonym as a URL writes it: `P12`, `p12` or `12` give
/// 12 (`participants.seq`); `None` for anything else (no digits, a sign, past `i64`).
pub fn parse_pseudonym(text: &str) -> Option<i64> {
    let digits = text.strip_prefix(['P', 'p']).unwrap_or(text);
    if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|n| *n >= 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_in_a_url_is_digits_only() {
        assert_eq!(FindingId::parse("42"), Some(FindingId(42)));
        assert_eq!(FindingId::parse("+42"), None);
        assert_eq!(FindingId::parse("4 2"), None);
        assert_eq!(FindingId::parse(""), None);
        assert_eq!(FindingId::parse("99999999999999999999"), None);
        assert_eq!(FindingId(7).to_string(), "7");
    }

    #[test]
    fn a_pseudonym_in_a_url_is_p_and_digits_or_digits() {
        assert_eq!(parse_pseudonym("P12"), Some(12));
        assert_eq!(parse_pseudonym("p3"), Some(3));
        assert_eq!(parse_pseudonym("7"), Some(7));
        for bad in [
            "",
            "P",
            "P0",
            "P-1",
            "PP2",
            "P 2",
            "Q2",
            "P99999999999999999999",
        ] {
            assert_eq!(parse_pseudonym(bad), None, "{bad:?}");
        }
    }
}
