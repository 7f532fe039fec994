//! The real workshop end to end: import the fixture, replay the 12 participants' answers
//! over HTTP (one cookie jar per phone) and check the CSV exports against
//! `tests/fixtures/solidarites-sociales-expected.toml`: the folded keyword tally
//! (`keywords_folded`) in keywords.csv, the basic one (`keywords_basic`) rebuilt from the raw
//! entries of keyword-entries.csv, the ranking in votes.csv, the findings in findings.csv.

use std::collections::BTreeMap;

use crate::common::{self, EXPECTED, TestApp, csv_rows, phone, replay};
use atelier::domain::keyword::basic_key;

fn table_of_counts(expected: &toml::Table, name: &str) -> BTreeMap<String, i64> {
    expected[name]
        .as_table()
        .expect("a table of counts")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_integer().expect("count")))
        .collect()
}

fn expected() -> toml::Table {
    EXPECTED.parse().expect("expected tallies")
}

#[actix_web::test]
async fn the_fixture_workshop_gives_the_expected_tallies_in_the_csv_exports() {
    let app = TestApp::with_fixture().await;
    replay(&app).await;
    let expected = expected();

    // keywords.csv: the French-aware folded tally, 13 keywords under the labels of the
    // real workshop report.
    let keywords: BTreeMap<String, i64> = csv_rows(&app.export("keywords.csv").await)
        .into_iter()
        .map(|row| (row["keyword"].clone(), row["count"].parse().expect("count")))
        .collect();
    assert_eq!(keywords, table_of_counts(&expected, "keywords_folded"));

    // keyword-entries.csv: every raw entry, so the basic tally (case and repeated spaces
    // ignored, one count per participant) can be rebuilt: 18 keywords.
    let entries = csv_rows(&app.export("keyword-entries.csv").await);
    assert_eq!(entries.len(), 36);
    let mut basic: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in &entries {
        let voters = basic.entry(basic_key(&row["text"])).or_default();
        if !voters.contains(&row["participant"]) {
            voters.push(row["participant"].clone());
        }
    }
    let basic: BTreeMap<String, i64> = basic
        .into_iter()
        .map(|(k, v)| (k, i64::try_from(v.len()).expect("count")))
        .collect();
    assert_eq!(basic, table_of_counts(&expected, "keywords_basic"));
    let turnover: Vec<&str> = entries
        .iter()
        .filter(|r| r["keyword"] == "turn over")
        .map(|r| r["text"].as_str())
        .collect();
    assert_eq!(
        turnover,
        ["turn over", "turn-over", "turnover"],
        "each raw entry names the group it counts in"
    );

    // votes.csv: ranks, dots and voters, ties sharing a rank.
    let votes = csv_rows(&app.export("votes.csv").await);
    let texts: Vec<String> = atelier::domain::workshop_file::parse(common::FIXTURE)
        .expect("fixture")
        .recommendations;
    let got: Vec<(i64, usize, i64, i64)> = votes
        .iter()
        .map(|row| {
            let position = 1 + texts
                .iter()
                .position(|t| *t == row["recommendation"])
                .expect("known text");
            (
                row["rank"].parse().expect("rank"),
                position,
                row["dots"].parse().expect("dots"),
                row["voters"].parse().expect("voters"),
            )
        })
        .collect();
    let want: Vec<(i64, usize, i64, i64)> = expected["ranking"]
        .as_array()
        .expect("ranking")
        .iter()
        .map(|r| {
            let n = |k: &str| r[k].as_integer().expect("number");
            (
                n("rank"),
                usize::try_from(n("recommendation")).expect("position"),
                n("dots"),
                n("voters"),
            )
        })
        .collect();
    assert_eq!(got, want);
    assert_eq!(votes[2]["tied"], "true");
    assert_eq!(votes[0]["tied"], "false");

    // findings.csv: 10 findings in their categories, pseudonymous, with local times.
    let findings = csv_rows(&app.export("findings.csv").await);
    let mut per_category: BTreeMap<String, i64> = BTreeMap::new();
    for row in &findings {
        *per_category.entry(row["category"].clone()).or_default() += 1;
        assert!(row["participant"].starts_with('P'), "{row:?}");
        assert_eq!(
            row["submitted_at"].len(),
            "2026-11-30 09:00:00".len(),
            "{row:?}"
        );
    }
    assert_eq!(per_category, table_of_counts(&expected, "findings"));
    assert!(findings.iter().any(|r| r["text"]
        == "La reconnaissance de l'expérimentation, de l'erreur ou de l'échec possible"));

    assert_eq!(
        app.count("SELECT COUNT(*) FROM participants").await,
        expected["participants"].as_integer().expect("participants")
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM keywords").await,
        expected["keyword_entries"].as_integer().expect("entries")
    );
}

#[actix_web::test]
async fn the_summary_page_shows_the_ranking_with_shared_ranks() {
    let app = TestApp::with_fixture().await;
    replay(&app).await;
    let page = phone()
        .get(format!("{}/summary", app.links.facilitator_url))
        .send()
        .await
        .expect("summary");
    assert_eq!(page.status(), 200);
    let page = page.text().await.expect("text");
    assert_eq!(
        page.matches("<td>3=</td>").count(),
        3,
        "three recommendations share rank 3"
    );
    assert!(page.contains("<td lang=\"fr\">Des moyens, de l&#39;animation et du temps</td><td class=\"num\">11</td><td class=\"num\">9</td>"), "{page}");
    for label in ["Constat", "Difficulté", "Levier"] {
        assert!(
            page.contains(&format!("<h3><span lang=\"fr\">{label}</span> <small>")),
            "{label}"
        );
    }
    assert!(page.contains("12 téléphones, 36 mots-clés, 10 constats, 12 votants."));
}
