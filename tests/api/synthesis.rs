//! The rapporteur's synthesis (issue #13, items 1–4): statements gather findings and
//! stand in the report in place of the raw lists; refused forms keep what was typed and
//! store nothing; suggested groups on a small set of our own; the session's date and
//! hours; the read-only share link and its revocation.

use std::collections::HashMap;

use crate::common::{self, TestApp, csv_rows, location, phone, replay};

/// The fixture's findings by text: text → id (as `findings.csv` gives them).
async fn finding_ids(app: &TestApp) -> HashMap<String, String> {
    csv_rows(&app.export("findings.csv").await)
        .into_iter()
        .map(|row| (row["text"].clone(), row["id"].clone()))
        .collect()
}

async fn report_md(app: &TestApp) -> String {
    app.export("report.md").await
}

#[actix_web::test]
async fn statements_gather_findings_and_stand_in_the_report_in_place_of_the_raw_lists() {
    let app = TestApp::with_fixture().await;
    replay(&app).await;
    let ids = finding_ids(&app).await;
    let time = &ids["Le besoin de temps doit être pris en compte dans le montage de tout projet"];
    let continuity =
        &ids["Difficile de capitaliser et d'assurer la continuité quand les personnes changent"];
    let calage = &ids["L'innovation nécessite du temps de calage"];

    let added = app
        .post_facilitator(
            "synthesis/statements",
            &[
                ("category", "difficulte"),
                (
                    "text",
                    "  Le temps manque pour monter les projets et les faire durer ",
                ),
                ("finding", time),
                ("finding", continuity),
            ],
        )
        .await;
    assert_eq!(added.status(), 303);
    assert!(location(&added).contains("/synthesis?done=added#statement-"));
    // One finding may feed several statements.
    let second = app
        .post_facilitator(
            "synthesis/statements",
            &[
                ("category", "difficulte"),
                ("text", "Innover demande du temps"),
                ("finding", time),
                ("finding", calage),
            ],
        )
        .await;
    assert_eq!(second.status(), 303);

    let page = common::text(&phone(), app.facilitator("synthesis")).await;
    assert!(page.contains("value=\"Le temps manque pour monter les projets et les faire durer\""));
    assert!(page.contains("2 constats, 0 +1"), "{page}");
    assert!(
        page.contains("dans 2 énoncés"),
        "the shared finding says so"
    );

    let md = report_md(&app).await;
    assert!(
        md.contains(
            "### Difficulté\n\n- Le temps manque pour monter les projets et les faire durer *(2 constats, 0 +1)*\n- Innover demande du temps *(2 constats, 0 +1)*\n"
        ),
        "{md}"
    );
    // The raw findings moved to the annex; categories without statements are not in the
    // body.
    let annex = md.find("## Annexe").expect("an annex");
    let raw = md
        .find("- Le besoin de temps doit être pris en compte")
        .expect("raw");
    assert!(raw > annex, "raw findings in the annex");
    assert!(!md[..annex].contains("### Levier"), "{md}");
    assert!(md[annex..].contains("#### Levier"));

    // Move the second one up: the report follows.
    let statements = app
        .store
        .statements(atelier::domain::ids::WorkshopId(1))
        .await
        .expect("read");
    let (first, last) = (statements[0].id, statements[1].id);
    let moved = app
        .post_facilitator(&format!("synthesis/statements/{last}/up"), &[])
        .await;
    assert_eq!(moved.status(), 303);
    let md = report_md(&app).await;
    assert!(
        md.find("Innover demande du temps").expect("2") < md.find("Le temps manque").expect("1"),
        "{md}"
    );
    // Edit, unlink, delete.
    let edited = app
        .post_facilitator(
            &format!("synthesis/statements/{first}"),
            &[("text", "Le temps manque")],
        )
        .await;
    assert_eq!(edited.status(), 303);
    let unlinked = app
        .post_facilitator(
            &format!("synthesis/statements/{first}/unlink"),
            &[("finding", continuity)],
        )
        .await;
    assert_eq!(unlinked.status(), 303);
    let md = report_md(&app).await;
    assert!(md.contains("- Le temps manque *(1 constat, 0 +1)*"), "{md}");
    let deleted = app
        .post_facilitator(&format!("synthesis/statements/{last}/delete"), &[])
        .await;
    assert_eq!(deleted.status(), 303);
    let md = report_md(&app).await;
    assert!(!md.contains("Innover demande du temps"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM findings").await,
        10,
        "findings stay"
    );
}

#[actix_web::test]
async fn a_statement_gathering_no_finding_says_zero_not_one() {
    // The trial of issue #13: French plural "one" covers 0, and the message said "1 constat".
    let app = TestApp::with_fixture().await;
    replay(&app).await;
    let added = app
        .post_facilitator(
            "synthesis/statements",
            &[
                ("category", "levier"),
                ("text", "Un énoncé écrit avant d'y rattacher des constats"),
            ],
        )
        .await;
    assert_eq!(added.status(), 303);
    let report = report_md(&app).await;
    let line = report
        .lines()
        .find(|l| l.contains("Un énoncé écrit avant"))
        .expect("the statement in the report");
    assert!(line.contains("(0 constat, 0 +1)"), "{line}");
}

#[actix_web::test]
async fn a_refused_statement_keeps_what_was_typed_and_ticked_and_stores_nothing() {
    let app = TestApp::with_fixture().await;
    replay(&app).await;
    let ids = finding_ids(&app).await;
    let time = &ids["Le besoin de temps doit être pris en compte dans le montage de tout projet"];
    let too_long = format!("Trop long {}", "é".repeat(600));
    let refused = app
        .post_facilitator(
            "synthesis/statements",
            &[
                ("category", "difficulte"),
                ("text", &too_long),
                ("finding", time),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.expect("page");
    assert!(
        page.contains("Un énoncé tient en 600 caractères au plus"),
        "{page}"
    );
    assert!(page.contains(&too_long), "the typed text is kept");
    assert!(
        page.contains(&format!("name=\"finding\" value=\"{time}\" checked")),
        "the ticked finding stays ticked"
    );
    let blank = app
        .post_facilitator(
            "synthesis/statements",
            &[("category", "difficulte"), ("text", " \u{200B} ")],
        )
        .await;
    assert_eq!(blank.status(), 422);
    assert!(
        blank
            .text()
            .await
            .expect("page")
            .contains("Écrivez l&#39;énoncé")
    );
    let elsewhere = app
        .post_facilitator(
            "synthesis/statements",
            &[
                ("category", "difficulte"),
                ("text", "Ailleurs"),
                ("finding", "9999"),
            ],
        )
        .await;
    assert_eq!(elsewhere.status(), 404);
    let page = elsewhere.text().await.expect("page");
    assert!(page.contains("n&#39;est plus affiché"), "{page}");
    assert!(page.contains(">Ailleurs</textarea>"), "typed text kept");
    for fields in [
        vec![("category", "nope"), ("text", "x")],
        vec![("category", "constat"), ("text", "x"), ("finding", "abc")],
    ] {
        assert_eq!(
            app.post_facilitator("synthesis/statements", &fields)
                .await
                .status(),
            400
        );
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM statements").await, 0);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM statement_findings").await,
        0
    );
    assert_eq!(
        app.post_facilitator("synthesis/statements/77/delete", &[])
            .await
            .status(),
        404
    );
}

#[actix_web::test]
async fn suggested_groups_gather_findings_about_the_same_thing() {
    let app = TestApp::with_workshop(
        r#"
[workshop]
title = "Suggestions"
join_code = "SUGGES"
"#,
    )
    .await;
    let room = [
        (
            "difficulte",
            "Le manque de temps d'animation freine les projets",
        ),
        (
            "constat",
            "Il faut du temps d'animation pour monter les projets",
        ),
        (
            "difficulte",
            "Les bénévoles s'épuisent et le renouvellement des bénévoles est difficile",
        ),
        (
            "difficulte",
            "Difficile de renouveler les bénévoles dans les associations",
        ),
        ("constat", "Le numérique isole les personnes âgées"),
        ("levier", "Les projets européens sont complexes à monter"),
    ];
    for (category, text) in room {
        let response = app.post_finding(&phone(), category, text).await;
        assert_eq!(response.status(), 303);
    }
    let json = common::text(&phone(), app.facilitator("synthesis/suggestions.json")).await;
    let groups: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(
        groups,
        serde_json::json!([
            {"findings": [1, 2], "words": ["temps", "animation", "projets"]},
            {"findings": [3, 4], "words": ["bénévoles", "renouveler", "difficile"]}
        ]),
        "{json}"
    );
    // On the page, each group is a form with its findings ticked.
    let page = common::text(&phone(), app.facilitator("synthesis")).await;
    assert!(page.contains("Regroupements suggérés"));
    assert!(page.contains("<input type=\"checkbox\" name=\"finding\" value=\"3\" checked>"));
    assert!(
        page.contains("<option value=\"difficulte\" selected>"),
        "{page}"
    );
}

#[actix_web::test]
async fn the_session_date_and_hours_set_on_the_page_show_in_the_report() {
    let app = TestApp::with_workshop(
        r#"
[workshop]
title = "Séance"
join_code = "SEANCE"
"#,
    )
    .await;
    let refused = app
        .post_facilitator(
            "synthesis/session",
            &[("date", "2019-11-31"), ("starts", "16:30"), ("ends", "14h")],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.expect("page");
    assert!(page.contains("un jour qui existe"), "{page}");
    assert!(page.contains("La fin vient avant le début"));
    assert!(page.contains("value=\"2019-11-31\""), "typed value kept");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM workshops WHERE session_date IS NOT NULL")
            .await,
        0
    );
    let saved = app
        .post_facilitator(
            "synthesis/session",
            &[("date", "21/11/2019"), ("starts", "14h"), ("ends", "16:30")],
        )
        .await;
    assert_eq!(saved.status(), 303);
    assert!(
        report_md(&app)
            .await
            .contains("\n21 novembre 2019, 14:00–16:30\n")
    );
    let english = common::text(&phone(), app.facilitator("synthesis?lang=en")).await;
    assert!(english.contains("value=\"2019-11-21\""), "{english}");
}

#[actix_web::test]
async fn the_share_link_serves_the_report_read_only_and_stops_once_revoked() {
    let app = TestApp::with_fixture().await;
    replay(&app).await;
    let facilitator_key = app
        .links
        .facilitator_url
        .rsplit('/')
        .next()
        .expect("key")
        .to_string();
    let made = app.post_facilitator("share", &[]).await;
    assert_eq!(made.status(), 200);
    let page = made.text().await.expect("page");
    let at = page.find("/r/").expect("the new link is shown");
    let key: String = page[at + 3..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    assert_eq!(key.len(), 32);
    assert_eq!(
        app.count(format!(
            "SELECT COUNT(*) FROM report_links WHERE key_hash LIKE '%{key}%'"
        ))
        .await,
        0,
        "the key is stored hashed"
    );

    let shared = phone()
        .get(app.url(&format!("/r/{key}")))
        .send()
        .await
        .expect("answer");
    assert_eq!(shared.status(), 200);
    let report = shared.text().await.expect("report");
    assert!(report.contains("<h1>Atelier thématique solidarités sociales</h1>"));
    assert!(report.contains("Des moyens, de l&#39;animation et du temps"));
    for page in [
        &report,
        &common::text(&phone(), app.facilitator("report")).await,
    ] {
        assert!(
            !page.contains(&facilitator_key),
            "no facilitator key in the report"
        );
        assert!(!page.contains("/f/"), "no facilitator link in the report");
        assert!(!page.contains("<form"), "read-only");
    }
    // Read-only: the share key opens nothing of the facilitator's.
    let dashboard = phone()
        .get(app.url(&format!("/f/{key}")))
        .send()
        .await
        .expect("answer");
    assert_eq!(dashboard.status(), 404);
    let synthesis = common::text(&phone(), app.facilitator("synthesis")).await;
    assert!(synthesis.contains("Un lien de partage est actif depuis le"));
    assert!(!synthesis.contains(&key), "shown once only");

    let revoked = app.post_facilitator("share/revoke", &[]).await;
    assert_eq!(revoked.status(), 303);
    let gone = phone()
        .get(app.url(&format!("/r/{key}")))
        .send()
        .await
        .expect("answer");
    assert_eq!(gone.status(), 404);
    let unknown = phone()
        .get(app.url("/r/00000000000000000000000000000000"))
        .send()
        .await
        .expect("answer");
    assert_eq!(unknown.status(), 404);
}
