use super::*;

/// A hand-made set of findings as a French room writes them: four themes a rapporteur
/// would gather, and findings that share a word with a theme without being about it.
const ROOM: &[(i64, &str)] = &[
    (1, "Le manque de temps d'animation freine les projets"),
    (2, "Il faut du temps d'animation pour monter les projets"),
    (3, "Les projets demandent beaucoup de temps d’animation"),
    (
        4,
        "Les bénévoles s'épuisent et le renouvellement des bénévoles est difficile",
    ),
    (
        5,
        "Difficile de renouveler les bénévoles dans les associations",
    ),
    (6, "La mobilité des jeunes reste un frein en zone rurale"),
    (
        7,
        "Les jeunes sans permis n'ont aucune solution de mobilité en zone rurale",
    ),
    (8, "La volonté politique des élus est décisive"),
    (9, "Sans volonté politique des élus, rien n'avance"),
    (10, "Le numérique isole les personnes âgées"),
    (11, "Les financements européens arrivent tard"),
    (12, "La coopération entre GAL enrichit les pratiques"),
    (13, "Les projets européens sont complexes à monter"),
    (14, "Les jeunes s'engagent dans les associations"),
    (15, "Les élus ne connaissent pas le programme"),
];

fn groups(found: &[Suggestion]) -> Vec<Vec<i64>> {
    found.iter().map(|s| s.findings.clone()).collect()
}

fn together(found: &[Suggestion], a: i64, b: i64) -> bool {
    found
        .iter()
        .any(|s| s.findings.contains(&a) && s.findings.contains(&b))
}

#[test]
fn findings_about_the_same_thing_are_grouped() {
    let found = suggest(ROOM, Language::French);
    for (a, b) in [(1, 2), (1, 3), (2, 3), (4, 5), (6, 7), (8, 9)] {
        assert!(
            together(&found, a, b),
            "{a} and {b} in {:?}",
            groups(&found)
        );
    }
}

#[test]
fn findings_that_only_share_a_word_stay_apart() {
    let found = suggest(ROOM, Language::French);
    for (a, b) in [
        (13, 1),
        (13, 2),
        (14, 6),
        (14, 5),
        (15, 8),
        (11, 13),
        (10, 12),
    ] {
        assert!(
            !together(&found, a, b),
            "{a} and {b} in {:?}",
            groups(&found)
        );
    }
    for single in [10, 11, 12] {
        assert!(
            !found.iter().any(|s| s.findings.contains(&single)),
            "{single} alone is no group"
        );
    }
    assert!(found.iter().all(|s| s.findings.len() >= 2), "no singleton");
}

#[test]
fn each_group_names_the_words_its_findings_share() {
    let found = suggest(ROOM, Language::French);
    let group = |id: i64| {
        found
            .iter()
            .find(|s| s.findings.contains(&id))
            .unwrap_or_else(|| panic!("a group with {id}"))
    };
    assert!(
        group(1).words.contains(&"temps".to_string()),
        "{:?}",
        group(1)
    );
    assert!(
        group(1).words.contains(&"animation".to_string()),
        "{:?}",
        group(1)
    );
    assert!(
        group(4).words.contains(&"bénévoles".to_string()),
        "{:?}",
        group(4)
    );
    assert!(
        group(8).words.contains(&"volonté".to_string()),
        "{:?}",
        group(8)
    );
    assert!(!group(1).words.iter().any(|w| w == "les" || w == "de"));
}

#[test]
fn the_same_findings_in_another_order_give_the_same_groups() {
    let found = suggest(ROOM, Language::French);
    let mut reversed = ROOM.to_vec();
    reversed.reverse();
    assert_eq!(suggest(&reversed, Language::French), found);
    assert_eq!(
        found.first().map(|s| s.findings.clone()),
        Some(vec![1, 2, 3]),
        "largest first"
    );
}

#[test]
fn a_word_in_most_findings_does_not_group_them() {
    let room: Vec<(i64, String)> = (1..=12)
        .map(|i| {
            (
                i,
                format!(
                    "Le territoire {} compte",
                    [
                        "agricole",
                        "forestier",
                        "littoral",
                        "montagnard",
                        "urbain",
                        "périurbain",
                        "insulaire",
                        "frontalier",
                        "industriel",
                        "touristique",
                        "thermal",
                        "viticole"
                    ][(i - 1) as usize]
                ),
            )
        })
        .collect();
    let borrowed: Vec<(i64, &str)> = room.iter().map(|(i, t)| (*i, t.as_str())).collect();
    assert_eq!(suggest(&borrowed, Language::French), vec![]);
}

#[test]
fn nothing_to_compare_gives_no_group() {
    assert_eq!(suggest(&[], Language::French), vec![]);
    assert_eq!(suggest(&[(1, "le la les")], Language::French), vec![]);
    assert_eq!(
        suggest(&[(1, "Mobilité"), (2, "mobilités")], Language::French).len(),
        1
    );
}
