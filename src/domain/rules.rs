//! The rules a submission must pass, as pure functions. The store's writer reads the rows
//! a rule needs inside its transaction and calls the rule there, so two phones racing
//! cannot both slip under a limit; a refusal rolls the job back (ARCHITECTURE.md,
//! "The write path").

use super::entry::Keywords;
use super::folding::folding_key;
use super::ids::ParticipantId;
use super::language::Language;
use super::refusal::Refusal;

/// Most findings one participant may send to one workshop (a guard against a stuck button
/// or a prank; a real participant sends a handful).
pub const MAX_FINDINGS_PER_PARTICIPANT: i64 = 20;

/// Most recommendations one participant may propose.
pub const MAX_PROPOSALS_PER_PARTICIPANT: i64 = 3;

/// Most "+1, moi aussi" one participant may give in one workshop (issue #10: a flood's
/// cost is bounded; a real participant supports a handful of the room's findings).
pub const MAX_SUPPORTS_PER_PARTICIPANT: i64 = 40;

/// The capacities a facilitator may give a workshop (`max_participants`), the same as the
/// import file's and `/new`'s.
pub const CAPACITY_RANGE: std::ops::RangeInclusive<i64> =
    1..=super::workshop_draft::MAX_PARTICIPANTS_LIMIT;

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Checks a keyword form against what the participant sent before (`earlier`, their
/// stored keywords): at most `limit` in all (`keywords_per_participant`), and no keyword
/// that folds ([`folding_key`] in `language`) like an earlier one or like another of the
/// same form. The refusal names the earlier spelling.
///
/// # Errors
/// [`Refusal::TooManyKeywords`], [`Refusal::KeywordAlreadySent`],
/// [`Refusal::KeywordTwiceInForm`].
pub fn check_keywords<S: AsRef<str>>(
    earlier: &[S],
    sending: &Keywords,
    limit: i64,
    language: Language,
) -> Result<(), Refusal> {
    let already = count(earlier.len());
    if already.saturating_add(count(sending.len())) > limit {
        return Err(Refusal::TooManyKeywords { limit, already });
    }
    let mut seen: std::collections::HashMap<String, (String, bool)> = earlier
        .iter()
        .map(|t| {
            (
                folding_key(t.as_ref(), language),
                (t.as_ref().to_string(), true),
            )
        })
        .collect();
    for keyword in sending.iter() {
        let key = folding_key(keyword.as_str(), language);
        if let Some((spelling, before)) = seen.get(&key) {
            return Err(if *before {
                Refusal::KeywordAlreadySent(spelling.clone())
            } else {
                Refusal::KeywordTwiceInForm(spelling.clone())
            });
        }
        seen.insert(key, (keyword.as_str().to_string(), false));
    }
    Ok(())
}

/// Checks that a workshop holding `present` participants has room for one more under its
/// `capacity` (`max_participants`).
///
/// # Errors
/// [`Refusal::WorkshopFull`].
pub fn check_capacity(present: i64, capacity: i64) -> Result<(), Refusal> {
    if present >= capacity {
        return Err(Refusal::WorkshopFull { capacity });
    }
    Ok(())
}

/// The capacity typed in the dashboard's form: a whole number in [`CAPACITY_RANGE`];
/// spaces between digit groups ("2 000", with a normal, non-breaking or narrow space)
/// are allowed. Lowering it below the phones present is allowed: new phones are refused,
/// those present go on.
///
/// # Errors
/// [`Refusal::CapacityOutOfRange`] for anything else.
pub fn parse_capacity(typed: &str) -> Result<i64, Refusal> {
    let digits: String = typed
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let refused = Refusal::CapacityOutOfRange {
        min: *CAPACITY_RANGE.start(),
        max: *CAPACITY_RANGE.end(),
    };
    if digits.is_empty() || digits.len() > 9 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(refused);
    }
    match digits.parse::<i64>() {
        Ok(n) if CAPACITY_RANGE.contains(&n) => Ok(n),
        _ => Err(refused),
    }
}

/// Checks that a participant who gave `already` "+1" may give one more.
///
/// # Errors
/// [`Refusal::TooManySupports`] at [`MAX_SUPPORTS_PER_PARTICIPANT`].
pub fn check_support_quota(already: i64) -> Result<(), Refusal> {
    if already >= MAX_SUPPORTS_PER_PARTICIPANT {
        return Err(Refusal::TooManySupports {
            limit: MAX_SUPPORTS_PER_PARTICIPANT,
        });
    }
    Ok(())
}

/// Checks that a participant who sent `already` findings may send one more.
///
/// # Errors
/// [`Refusal::TooManyFindings`] at [`MAX_FINDINGS_PER_PARTICIPANT`].
pub fn check_finding_quota(already: i64) -> Result<(), Refusal> {
    if already >= MAX_FINDINGS_PER_PARTICIPANT {
        return Err(Refusal::TooManyFindings {
            limit: MAX_FINDINGS_PER_PARTICIPANT,
        });
    }
    Ok(())
}

/// Checks that a participant who proposed `already` recommendations may propose another.
///
/// # Errors
/// [`Refusal::TooManyProposals`] at [`MAX_PROPOSALS_PER_PARTICIPANT`].
pub fn check_proposal_quota(already: i64) -> Result<(), Refusal> {
    if already >= MAX_PROPOSALS_PER_PARTICIPANT {
        return Err(Refusal::TooManyProposals {
            limit: MAX_PROPOSALS_PER_PARTICIPANT,
        });
    }
    Ok(())
}

/// Checks a "+1" by `supporter` on a finding whose author is `author` (`None`: the
/// finding is not visible in the supporter's workshop).
///
/// # Errors
/// [`Refusal::UnknownFinding`], [`Refusal::OwnFinding`].
pub fn check_support(
    author: Option<ParticipantId>,
    supporter: ParticipantId,
) -> Result<(), Refusal> {
    match author {
        None => Err(Refusal::UnknownFinding),
        Some(author) if author == supporter => Err(Refusal::OwnFinding),
        Some(_) => Ok(()),
    }
}

/// A recommendation's status as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposalStatus {
    /// Proposed by a participant, waiting for the facilitator.
    Proposed,
    /// On the ballot (every recommendation of the workshop file starts here).
    Accepted,
    /// Declined by the facilitator; listed on the dashboard, marked.
    Declined,
}

impl ProposalStatus {
    /// `proposed`, `accepted` or `declined`, as stored.
    pub fn name(self) -> &'static str {
        match self {
            Self::Proposed => "proposed",
            Self::Accepted => "accepted",
            Self::Declined => "declined",
        }
    }

    /// The status stored as `name`.
    pub fn parse(name: &str) -> Option<Self> {
        [Self::Proposed, Self::Accepted, Self::Declined]
            .into_iter()
            .find(|s| s.name() == name)
    }
}

/// The facilitator's decision on a proposal whose status is `current` (`None`: no such
/// proposal in the workshop). A decision is final: an accepted recommendation may already
/// hold dots.
///
/// # Errors
/// [`Refusal::ProposalNotWaiting`].
pub fn decide_proposal(
    current: Option<ProposalStatus>,
    accept: bool,
) -> Result<ProposalStatus, Refusal> {
    match current {
        Some(ProposalStatus::Proposed) => Ok(if accept {
            ProposalStatus::Accepted
        } else {
            ProposalStatus::Declined
        }),
        _ => Err(Refusal::ProposalNotWaiting),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keywords(list: &[&str]) -> Keywords {
        Keywords::parse(list).expect("keywords")
    }

    #[test]
    fn the_keyword_quota_counts_what_was_sent_before() {
        assert_eq!(
            check_keywords(&["a", "b"], &keywords(&["c", "d"]), 3, Language::French),
            Err(Refusal::TooManyKeywords {
                limit: 3,
                already: 2
            })
        );
        assert_eq!(
            check_keywords(&["a", "b"], &keywords(&["c"]), 3, Language::French),
            Ok(())
        );
    }

    #[test]
    fn a_keyword_that_folds_like_an_earlier_one_names_the_earlier_spelling() {
        assert_eq!(
            check_keywords(
                &["Mobilité"],
                &keywords(&["mobilites"]),
                5,
                Language::French
            ),
            Err(Refusal::KeywordAlreadySent("Mobilité".into()))
        );
        assert_eq!(
            check_keywords::<&str>(&[], &keywords(&["Vélos", "vélo"]), 5, Language::French),
            Err(Refusal::KeywordTwiceInForm("Vélos".into()))
        );
    }

    #[test]
    fn the_twenty_first_phone_of_a_twenty_place_workshop_is_refused() {
        assert_eq!(check_capacity(19, 20), Ok(()));
        assert_eq!(
            check_capacity(20, 20),
            Err(Refusal::WorkshopFull { capacity: 20 })
        );
    }

    #[test]
    fn quotas_stop_at_their_limit() {
        assert_eq!(check_finding_quota(19), Ok(()));
        assert_eq!(
            check_finding_quota(20),
            Err(Refusal::TooManyFindings { limit: 20 })
        );
        assert_eq!(check_proposal_quota(2), Ok(()));
        assert_eq!(
            check_proposal_quota(3),
            Err(Refusal::TooManyProposals { limit: 3 })
        );
    }

    #[test]
    fn the_support_quota_stops_at_forty() {
        assert_eq!(check_support_quota(39), Ok(()));
        assert_eq!(
            check_support_quota(40),
            Err(Refusal::TooManySupports { limit: 40 })
        );
    }

    #[test]
    fn a_capacity_is_a_whole_number_from_one_to_a_hundred_thousand() {
        assert_eq!(parse_capacity("20"), Ok(20));
        assert_eq!(parse_capacity(" 2 000 "), Ok(2000));
        assert_eq!(parse_capacity("100\u{202f}000"), Ok(100_000));
        let refused = Err(Refusal::CapacityOutOfRange {
            min: 1,
            max: 100_000,
        });
        for typed in [
            "",
            "0",
            "-5",
            "100001",
            "12.5",
            "vingt",
            "99999999999999999999",
        ] {
            assert_eq!(parse_capacity(typed), refused, "{typed:?}");
        }
    }

    #[test]
    fn nobody_supports_their_own_finding_or_one_from_elsewhere() {
        let (me, other) = (ParticipantId(1), ParticipantId(2));
        assert_eq!(check_support(Some(other), me), Ok(()));
        assert_eq!(check_support(Some(me), me), Err(Refusal::OwnFinding));
        assert_eq!(check_support(None, me), Err(Refusal::UnknownFinding));
    }

    #[test]
    fn a_decision_on_a_proposal_is_final() {
        assert_eq!(
            decide_proposal(Some(ProposalStatus::Proposed), true),
            Ok(ProposalStatus::Accepted)
        );
        assert_eq!(
            decide_proposal(Some(ProposalStatus::Accepted), false),
            Err(Refusal::ProposalNotWaiting)
        );
        assert_eq!(
            decide_proposal(None, true),
            Err(Refusal::ProposalNotWaiting)
        );
    }
}
