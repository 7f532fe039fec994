//! Ranking recommendations after a dot vote: by dots, then by voters; equal dots and
//! equal voters share a rank (issue #2, "shown as `3=`"). Competition ranking: after two
//! recommendations at rank 1 comes rank 3.

use super::ids::RecommendationId;

/// One recommendation's totals, the input of [`rank`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    /// Database id of the recommendation.
    pub recommendation_id: RecommendationId,
    /// Its place in the workshop file, from 1: the order of the ballot, and the last
    /// tie-breaker of the display order (not of the rank).
    pub position: i64,
    /// Its text.
    pub text: String,
    /// Sum of the dots it received.
    pub dots: i64,
    /// Number of distinct participants who gave it at least one dot.
    pub voters: i64,
}

/// One line of the ranking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    /// The recommendation and its totals.
    pub totals: Totals,
    /// 1 for the first; equal dots and voters share a rank.
    pub rank: usize,
    /// Whether another recommendation shares this rank.
    pub tied: bool,
}

impl Ranked {
    /// The rank as shown to people: `3` or, when shared, `3=`.
    pub fn label(&self) -> String {
        if self.tied {
            format!("{}=", self.rank)
        } else {
            self.rank.to_string()
        }
    }
}

/// Ranks `totals`: most dots first, then most voters, then the file's order.
pub fn rank(mut totals: Vec<Totals>) -> Vec<Ranked> {
    totals.sort_by(|a, b| {
        b.dots
            .cmp(&a.dots)
            .then(b.voters.cmp(&a.voters))
            .then(a.position.cmp(&b.position))
    });
    let keys: Vec<(i64, i64)> = totals.iter().map(|t| (t.dots, t.voters)).collect();
    totals
        .into_iter()
        .enumerate()
        .map(|(index, totals)| {
            let key = (totals.dots, totals.voters);
            let rank = 1 + keys.iter().take_while(|k| **k != key).count();
            let tied = keys.iter().filter(|k| **k == key).count() > 1;
            debug_assert!(rank <= index + 1);
            Ranked { totals, rank, tied }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn totals(position: i64, dots: i64, voters: i64) -> Totals {
        Totals {
            recommendation_id: RecommendationId(position * 10),
            position,
            text: format!("R{position}"),
            dots,
            voters,
        }
    }

    #[test]
    fn the_fixture_ranking_has_three_recommendations_sharing_third_place() {
        let ranked = rank(vec![
            totals(1, 10, 8),
            totals(2, 11, 9),
            totals(3, 5, 4),
            totals(4, 5, 4),
            totals(5, 5, 4),
        ]);
        let shown: Vec<(i64, String)> = ranked
            .iter()
            .map(|r| (r.totals.position, r.label()))
            .collect();
        assert_eq!(
            shown,
            vec![
                (2, "1".into()),
                (1, "2".into()),
                (3, "3=".into()),
                (4, "3=".into()),
                (5, "3=".into())
            ]
        );
    }

    #[test]
    fn voters_break_a_tie_on_dots() {
        let ranked = rank(vec![totals(1, 4, 2), totals(2, 4, 4)]);
        assert_eq!(ranked[0].totals.position, 2);
        assert_eq!((ranked[1].rank, ranked[1].tied), (2, false));
    }

    #[test]
    fn after_a_shared_first_place_comes_third() {
        let ranked = rank(vec![totals(1, 3, 3), totals(2, 3, 3), totals(3, 1, 1)]);
        let labels: Vec<String> = ranked.iter().map(Ranked::label).collect();
        assert_eq!(labels, ["1=", "1=", "3"]);
    }
}
