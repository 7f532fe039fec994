//! Every rule's "no", in one table: what was refused, the HTTP status it answers with and
//! the id of its message in the catalogues (`templates/i18n/*/main.ftl`). The web layer
//! localises a refusal once ([`crate::i18n::Tr::refusal`]); no handler maps refusals to
//! statuses by hand. ARCHITECTURE.md, "Refusals", lists where each rule lives.

/// The HTTP statuses a refusal answers with (plain numbers: the domain knows no HTTP
/// library).
pub mod status {
    /// Forbidden: a phone the server does not know, a full workshop.
    pub const FORBIDDEN: u16 = 403;
    /// Not found: an entry or a group that is not (or no longer) there.
    pub const NOT_FOUND: u16 = 404;
    /// Conflict: the activity is closed, or another facilitator changed the groups.
    pub const CONFLICT: u16 = 409;
    /// Unprocessable: the form is ours but what was typed breaks a rule.
    pub const UNPROCESSABLE: u16 = 422;
}

/// A value a refusal's message shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// A number, such as a limit (`{ $limit }`).
    Number(i64),
    /// A text, such as the keyword sent before (`{ $keyword }`).
    Text(String),
}

/// What a workshop's rules refuse. Nothing of a refused submission is stored: a refusal
/// found inside the writer's transaction rolls the job back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The activity (keywords, findings or vote) is closed by the facilitator.
    ActivityClosed,
    /// Proposals of recommendations are closed.
    ProposalsClosed,
    /// A keyword form with no keyword in it.
    KeywordBlank,
    /// A keyword past [`crate::domain::text::KEYWORD_MAX_CHARS`] characters.
    KeywordTooLong { max: i64 },
    /// A keyword of dashes, underscores or joiners alone ("—", "-", "_"): nothing is left
    /// of it once folded (`domain::folding`).
    KeywordNoLetters,
    /// A control character (or a line break in a one-line field) in what was typed.
    ControlCharacter,
    /// The participant would pass `keywords_per_participant`; `already` were sent before.
    TooManyKeywords { limit: i64, already: i64 },
    /// The participant already sent this keyword (as it folds); the earlier spelling.
    KeywordAlreadySent(String),
    /// The same keyword (as it folds) is twice in one form; its first spelling.
    KeywordTwiceInForm(String),
    /// A blank finding.
    FindingBlank,
    /// A finding past [`crate::domain::text::FINDING_MAX_CHARS`] characters.
    FindingTooLong { max: i64 },
    /// A finding category that is not one of the workshop's.
    CategoryUnknown,
    /// The participant already sent `limit` findings.
    TooManyFindings { limit: i64 },
    /// A finding that is not (or no longer) visible in the participant's workshop.
    UnknownFinding,
    /// A participant cannot support their own finding.
    OwnFinding,
    /// A blank proposal of recommendation.
    ProposalBlank,
    /// A proposal past [`crate::domain::text::LABEL_MAX_CHARS`] characters.
    ProposalTooLong { max: i64 },
    /// The participant already proposed `limit` recommendations.
    TooManyProposals { limit: i64 },
    /// A ballot value that is not a whole number.
    DotsNotANumber,
    /// A ballot value below zero.
    DotsNegative,
    /// More dots on one recommendation than `cap`.
    DotsOverCap { cap: i64 },
    /// More dots in all (`total`) than the `budget`.
    DotsOverBudget { total: i64, budget: i64 },
    /// A ballot with no dot.
    BallotEmpty,
    /// A keyword correction about a group that is not in the tally.
    GroupUnknown,
    /// A merge form naming (by the text typed) no group, or more than one.
    GroupNotNamed(String),
    /// A merge of a group into itself.
    MergeSame,
    /// A split of the only spelling of a group.
    SplitSingle,
    /// A rename to nothing.
    LabelBlank,
    /// A label past [`crate::domain::text::KEYWORD_MAX_CHARS`] characters.
    LabelTooLong { max: i64 },
    /// A rename to the label of another group.
    LabelTaken(String),
    /// An undo of a correction that is not in force.
    CorrectionUnknown,
    /// A merge that no longer fits the groups: the group was merged meanwhile, or the merge
    /// would close a loop (two facilitators merging at the same moment).
    CorrectionConflict,
    /// A synthesis paragraph past `max` characters.
    SynthesisTooLong { max: i64 },
    /// A proposal that is not waiting for a decision (decisions are final).
    ProposalNotWaiting,
    /// An entry that is not in the workshop.
    UnknownEntry,
    /// The join code of an imported or created workshop is already in use.
    JoinCodeTaken(String),
    /// The code of an imported event is already another event's (issue #14).
    EventCodeTaken(String),
    /// A workshop added to an event that holds `max` already (issue #14).
    TooManyWorkshops { max: i64 },
    /// The join code chosen for an imported or created workshop starts with a character
    /// of another shard (`domain::shard`): the reverse proxy would send its phones to
    /// another process. `shard` is this process's `I/N`, `characters` the ones its codes
    /// may start with.
    JoinCodeOtherShard {
        code: String,
        shard: String,
        characters: String,
    },
    /// A submission from a phone the server did not hand a cookie to (none, unknown or
    /// forged), or with another phone's form: nothing is stored, the page asks to reload.
    UnknownPhone,
    /// A new phone in a workshop that holds its `capacity` already.
    WorkshopFull { capacity: i64 },
    /// A ballot in a workshop whose vote needs a one-time code, from a phone that has not
    /// redeemed one ([`crate::domain::vote_code`]).
    VoteCodeNeeded,
    /// A typed vote code that is not one of the workshop's (or not a code at all).
    VoteCodeUnknown,
    /// A vote code already redeemed by another phone.
    VoteCodeUsed,
    /// A phone that already redeemed a vote code sends another one (the second is kept).
    VoteCodeAlreadyRedeemed,
    /// A request for a number of vote codes outside 1 to `max`.
    VoteCodeCount { max: i64 },
    /// The participant already gave `limit` "+1".
    TooManySupports { limit: i64 },
    /// A capacity that is not a whole number from `min` to `max`.
    CapacityOutOfRange { min: i64, max: i64 },
    /// A participant (`P{n}`) the workshop does not have.
    UnknownParticipant,
    /// A blank synthesis statement.
    StatementBlank,
    /// A synthesis statement past `max` characters
    /// ([`crate::domain::statement::STATEMENT_MAX_CHARS`]).
    StatementTooLong { max: i64 },
    /// A synthesis statement that is not (or no longer) in the workshop.
    UnknownStatement,
}

impl Refusal {
    /// The HTTP status the refusal answers with (see [`status`]).
    pub fn status(&self) -> u16 {
        match self {
            Self::ActivityClosed
            | Self::ProposalsClosed
            | Self::CorrectionConflict
            | Self::JoinCodeTaken(_)
            | Self::EventCodeTaken(_) => status::CONFLICT,
            Self::UnknownFinding
            | Self::ProposalNotWaiting
            | Self::UnknownEntry
            | Self::UnknownParticipant
            | Self::UnknownStatement => status::NOT_FOUND,
            Self::UnknownPhone | Self::WorkshopFull { .. } | Self::VoteCodeNeeded => {
                status::FORBIDDEN
            }
            Self::VoteCodeUsed | Self::VoteCodeAlreadyRedeemed => status::CONFLICT,
            _ => status::UNPROCESSABLE,
        }
    }

    /// The message's id in the catalogues.
    pub fn message_id(&self) -> &'static str {
        match self {
            Self::ActivityClosed => "error-activity-closed",
            Self::ProposalsClosed => "error-proposals-closed",
            Self::KeywordBlank => "error-keyword-blank",
            Self::KeywordTooLong { .. } | Self::LabelTooLong { .. } => "error-keyword-too-long",
            Self::KeywordNoLetters => "error-keyword-no-letters",
            Self::ControlCharacter => "error-control-character",
            Self::TooManyKeywords { .. } => "error-too-many-keywords",
            Self::KeywordAlreadySent(_) => "error-keyword-already-sent",
            Self::KeywordTwiceInForm(_) => "error-keyword-twice",
            Self::FindingBlank => "error-finding-blank",
            Self::FindingTooLong { .. } => "error-finding-too-long",
            Self::CategoryUnknown => "error-category-unknown",
            Self::TooManyFindings { .. } => "error-too-many-findings",
            Self::UnknownFinding => "error-finding-unknown",
            Self::OwnFinding => "error-own-finding",
            Self::ProposalBlank => "error-proposal-blank",
            Self::ProposalTooLong { .. } => "error-proposal-too-long",
            Self::TooManyProposals { .. } => "error-too-many-proposals",
            Self::DotsNotANumber => "error-dots-not-number",
            Self::DotsNegative => "error-dots-negative",
            Self::DotsOverCap { .. } => "error-dots-over-cap",
            Self::DotsOverBudget { .. } => "error-dots-over-budget",
            Self::BallotEmpty => "error-ballot-empty",
            Self::GroupUnknown => "error-group-unknown",
            Self::GroupNotNamed(_) => "error-group-not-named",
            Self::MergeSame => "error-merge-same",
            Self::SplitSingle => "error-split-single",
            Self::LabelBlank => "error-label-blank",
            Self::LabelTaken(_) => "error-label-taken",
            Self::CorrectionUnknown => "error-correction-unknown",
            Self::CorrectionConflict => "error-correction-conflict",
            Self::SynthesisTooLong { .. } => "error-synthesis-too-long",
            Self::ProposalNotWaiting | Self::UnknownEntry => "error-not-found-body",
            Self::JoinCodeTaken(_) => "error-join-code-taken",
            Self::EventCodeTaken(_) => "error-event-code-taken",
            Self::TooManyWorkshops { .. } => "error-too-many-workshops",
            Self::JoinCodeOtherShard { .. } => "error-join-code-other-shard",
            Self::UnknownPhone => "error-unknown-phone",
            Self::WorkshopFull { .. } => "error-workshop-full",
            Self::VoteCodeNeeded => "error-vote-code-needed",
            Self::VoteCodeUnknown => "error-vote-code-unknown",
            Self::VoteCodeUsed => "error-vote-code-used",
            Self::VoteCodeAlreadyRedeemed => "error-vote-code-already",
            Self::VoteCodeCount { .. } => "error-vote-code-count",
            Self::TooManySupports { .. } => "error-too-many-supports",
            Self::CapacityOutOfRange { .. } => "error-capacity-range",
            Self::UnknownParticipant => "error-not-found-body",
            Self::StatementBlank => "error-statement-blank",
            Self::StatementTooLong { .. } => "error-statement-too-long",
            Self::UnknownStatement => "error-statement-unknown",
        }
    }

    /// The values the message shows, by their name in the catalogue.
    pub fn args(&self) -> Vec<(&'static str, Arg)> {
        match self {
            Self::GroupNotNamed(typed) => vec![("typed", Arg::Text(typed.clone()))],
            Self::KeywordTooLong { max }
            | Self::LabelTooLong { max }
            | Self::FindingTooLong { max }
            | Self::ProposalTooLong { max }
            | Self::SynthesisTooLong { max }
            | Self::StatementTooLong { max } => vec![("max", Arg::Number(*max))],
            Self::TooManyKeywords { limit, already } => vec![
                ("limit", Arg::Number(*limit)),
                ("already", Arg::Number(*already)),
            ],
            Self::KeywordAlreadySent(k) | Self::KeywordTwiceInForm(k) => {
                vec![("keyword", Arg::Text(k.clone()))]
            }
            Self::TooManyFindings { limit }
            | Self::TooManyProposals { limit }
            | Self::TooManySupports { limit } => vec![("limit", Arg::Number(*limit))],
            Self::CapacityOutOfRange { min, max } => {
                vec![("min", Arg::Number(*min)), ("max", Arg::Number(*max))]
            }
            Self::DotsOverCap { cap } => vec![("cap", Arg::Number(*cap))],
            Self::TooManyWorkshops { max } => vec![("max", Arg::Number(*max))],
            Self::DotsOverBudget { total, budget } => vec![
                ("total", Arg::Number(*total)),
                ("budget", Arg::Number(*budget)),
            ],
            Self::LabelTaken(label) => vec![("label", Arg::Text(label.clone()))],
            Self::JoinCodeTaken(code) | Self::EventCodeTaken(code) => {
                vec![("code", Arg::Text(code.clone()))]
            }
            Self::JoinCodeOtherShard {
                code,
                shard,
                characters,
            } => vec![
                ("code", Arg::Text(code.clone())),
                ("shard", Arg::Text(shard.clone())),
                ("characters", Arg::Text(characters.clone())),
            ],
            Self::WorkshopFull { capacity } => vec![("capacity", Arg::Number(*capacity))],
            Self::VoteCodeCount { max } => vec![("max", Arg::Number(*max))],
            _ => Vec::new(),
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "refused ({}): {self:?}", self.message_id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_activity_is_a_conflict_and_a_broken_rule_is_unprocessable() {
        assert_eq!(Refusal::ActivityClosed.status(), 409);
        assert_eq!(Refusal::TooManyFindings { limit: 20 }.status(), 422);
        assert_eq!(Refusal::UnknownFinding.status(), 404);
    }

    #[test]
    fn a_refusal_names_the_values_its_message_shows() {
        let refusal = Refusal::TooManyKeywords {
            limit: 3,
            already: 2,
        };
        assert_eq!(refusal.message_id(), "error-too-many-keywords");
        assert_eq!(
            refusal.args(),
            vec![("limit", Arg::Number(3)), ("already", Arg::Number(2))]
        );
    }
}
