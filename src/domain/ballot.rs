//! Dot voting: one phone's ballot, read from the vote form and checked against the
//! workshop's dot budget and per-recommendation cap.
//!
//! The form has one field per recommendation, named `rec-{id}`, holding its dots; a
//! recommendation left out, or left blank, gets 0 (issue #2).

use super::ids::RecommendationId;
use super::refusal::Refusal;

/// The dot rules of a workshop (`dots_per_participant`, `max_dots_per_recommendation`
/// in the workshop file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DotRules {
    /// Dots each participant may spread, in total.
    pub budget: i64,
    /// Dots one participant may put on one recommendation.
    pub cap: i64,
}

/// A checked ballot: `(recommendation id, dots)` for every recommendation given at
/// least one dot, in the order of the workshop file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ballot {
    /// Recommendations with their dots (always at least 1).
    pub dots: Vec<(RecommendationId, i64)>,
}

/// Why a ballot was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BallotError {
    /// A `rec-…` field names no recommendation of this workshop, or appears twice: the
    /// form was not ours (HTTP 400).
    Malformed,
    /// The value for this recommendation is not a whole number.
    NotANumber { recommendation_id: RecommendationId },
    /// The value for this recommendation is below zero.
    Negative { recommendation_id: RecommendationId },
    /// More dots on one recommendation than the cap.
    OverCap {
        recommendation_id: RecommendationId,
        cap: i64,
    },
    /// More dots in total than the budget.
    OverBudget { total: i64, budget: i64 },
    /// No dot at all.
    Empty,
}

impl BallotError {
    /// The recommendation the error is about, to show the message beside it.
    pub fn recommendation_id(&self) -> Option<RecommendationId> {
        match self {
            Self::NotANumber { recommendation_id }
            | Self::Negative { recommendation_id }
            | Self::OverCap {
                recommendation_id, ..
            } => Some(*recommendation_id),
            _ => None,
        }
    }

    /// The refusal a person reads; `None` for a form that is not ours
    /// ([`BallotError::Malformed`], a 400).
    pub fn refusal(&self) -> Option<Refusal> {
        Some(match self {
            Self::Malformed => return None,
            Self::NotANumber { .. } => Refusal::DotsNotANumber,
            Self::Negative { .. } => Refusal::DotsNegative,
            Self::OverCap { cap, .. } => Refusal::DotsOverCap { cap: *cap },
            Self::OverBudget { total, budget } => Refusal::DotsOverBudget {
                total: *total,
                budget: *budget,
            },
            Self::Empty => Refusal::BallotEmpty,
        })
    }
}

/// Name of the form field that carries a recommendation's dots.
pub fn field_name(recommendation_id: RecommendationId) -> String {
    format!("rec-{recommendation_id}")
}

/// Reads a ballot from the vote form's `fields` (name, value), for a workshop whose
/// recommendations have the ids `recommendations`, in file order. Fields not named
/// `rec-…` are ignored.
///
/// # Errors
/// See [`BallotError`]; the first problem found, in the ballot's order.
pub fn parse(
    fields: &[(String, String)],
    recommendations: &[RecommendationId],
    rules: DotRules,
) -> Result<Ballot, BallotError> {
    let mut values: Vec<Option<&str>> = vec![None; recommendations.len()];
    for (name, value) in fields {
        let Some(id) = name.strip_prefix("rec-") else {
            continue;
        };
        let id = RecommendationId::parse(id).ok_or(BallotError::Malformed)?;
        let index = recommendations
            .iter()
            .position(|r| *r == id)
            .ok_or(BallotError::Malformed)?;
        if values[index].replace(value.as_str()).is_some() {
            return Err(BallotError::Malformed);
        }
    }
    let mut dots = Vec::new();
    let mut total = 0i64;
    for (id, value) in recommendations.iter().zip(values) {
        let value = value.unwrap_or("").trim();
        if value.is_empty() {
            continue;
        }
        let n: i64 = value.parse().map_err(|_| BallotError::NotANumber {
            recommendation_id: *id,
        })?;
        if n < 0 {
            return Err(BallotError::Negative {
                recommendation_id: *id,
            });
        }
        if n > rules.cap {
            return Err(BallotError::OverCap {
                recommendation_id: *id,
                cap: rules.cap,
            });
        }
        if n > 0 {
            total += n;
            dots.push((*id, n));
        }
    }
    if total > rules.budget {
        return Err(BallotError::OverBudget {
            total,
            budget: rules.budget,
        });
    }
    if dots.is_empty() {
        return Err(BallotError::Empty);
    }
    Ok(Ballot { dots })
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: DotRules = DotRules { budget: 3, cap: 2 };
    const RECS: [RecommendationId; 3] = [
        RecommendationId(7),
        RecommendationId(8),
        RecommendationId(9),
    ];

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| ((*n).to_string(), (*v).to_string()))
            .collect()
    }

    #[test]
    fn left_out_and_blank_recommendations_count_zero() {
        let ballot = parse(
            &form(&[
                ("rec-9", "1"),
                ("rec-7", "2"),
                ("rec-8", " "),
                ("form_token", "x"),
            ]),
            &RECS,
            RULES,
        );
        assert_eq!(
            ballot,
            Ok(Ballot {
                dots: vec![(RecommendationId(7), 2), (RecommendationId(9), 1)]
            })
        );
    }

    #[test]
    fn the_budget_and_the_cap_are_enforced() {
        assert_eq!(
            parse(&form(&[("rec-7", "2"), ("rec-8", "2")]), &RECS, RULES),
            Err(BallotError::OverBudget {
                total: 4,
                budget: 3
            })
        );
        assert_eq!(
            parse(&form(&[("rec-8", "3")]), &RECS, RULES),
            Err(BallotError::OverCap {
                recommendation_id: RecommendationId(8),
                cap: 2
            })
        );
    }

    #[test]
    fn negative_and_non_numeric_dots_are_refused() {
        assert_eq!(
            parse(&form(&[("rec-7", "-1")]), &RECS, RULES),
            Err(BallotError::Negative {
                recommendation_id: RecommendationId(7)
            })
        );
        assert_eq!(
            parse(&form(&[("rec-7", "deux")]), &RECS, RULES),
            Err(BallotError::NotANumber {
                recommendation_id: RecommendationId(7)
            })
        );
        assert_eq!(
            parse(&form(&[("rec-7", "1.5")]), &RECS, RULES),
            Err(BallotError::NotANumber {
                recommendation_id: RecommendationId(7)
            })
        );
    }

    #[test]
    fn unknown_or_repeated_recommendations_are_malformed() {
        assert_eq!(
            parse(&form(&[("rec-99", "1")]), &RECS, RULES),
            Err(BallotError::Malformed)
        );
        assert_eq!(
            parse(&form(&[("rec-x", "1")]), &RECS, RULES),
            Err(BallotError::Malformed)
        );
        assert_eq!(
            parse(&form(&[("rec-7", "1"), ("rec-7", "1")]), &RECS, RULES),
            Err(BallotError::Malformed)
        );
    }

    #[test]
    fn a_ballot_without_dots_is_refused() {
        assert_eq!(
            parse(&form(&[("rec-7", "0")]), &RECS, RULES),
            Err(BallotError::Empty)
        );
    }
}
