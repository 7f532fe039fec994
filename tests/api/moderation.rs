//! Moderation by participant and the workshop's capacity (issue #10): the dashboard's
//! capacity form, hiding every entry of one participant at once, the "+1" quota, the
//! paged participant list. (The 21st phone of a 20-place workshop: `one_phone`.)

use crate::common::{self, TestApp, csv_rows, location, phone, post, recommendation_ids};

async fn get(url: &str) -> (u16, String) {
    let response = reqwest::get(url).await.expect("page");
    let status = response.status().as_u16();
    (status, response.text().await.expect("text"))
}

/// The figures of the projector's vote bars ("… gommettes …"), in order.
fn bar_figures(screen: &str) -> Vec<String> {
    screen
        .split("class=\"bar-figures\">")
        .skip(1)
        .filter_map(|rest| rest.split('<').next())
        .map(str::to_string)
        .collect()
}

#[actix_web::test]
async fn the_dashboard_capacity_form_changes_the_capacity_and_shows_phones_over_it() {
    let app = TestApp::with_fixture().await;
    let (first, second) = (phone(), phone());
    assert_eq!(app.post_keywords(&first, &["entraide"]).await.status(), 303);
    assert_eq!(app.post_keywords(&second, &["partage"]).await.status(), 303);

    let response = app
        .post_facilitator("capacity", &[("capacity", "2 000")])
        .await;
    assert_eq!(response.status(), 303);
    assert!(location(&response).contains("done=capacity"));
    assert_eq!(
        app.count("SELECT max_participants FROM workshops").await,
        2000
    );
    let (_, dashboard) = get(&app.links.facilitator_url).await;
    assert!(
        dashboard.contains("2 téléphones / capacité 2000"),
        "{dashboard}"
    );

    // A wrong value: the French message, what was typed kept, nothing stored.
    for typed in ["vingt", "0", "100001", "12,5"] {
        let response = app
            .post_facilitator("capacity", &[("capacity", typed)])
            .await;
        assert_eq!(response.status(), 422, "{typed}");
        let page = response.text().await.expect("page");
        assert!(
            page.contains("La capacité est un nombre entier de 1 à 100000"),
            "{page}"
        );
        assert!(page.contains(&format!("value=\"{typed}\"")), "{typed}");
    }
    assert_eq!(
        app.count("SELECT max_participants FROM workshops").await,
        2000
    );

    // Down to the two phones present: a third is refused, the two go on.
    assert_eq!(
        app.post_facilitator("capacity", &[("capacity", "2")])
            .await
            .status(),
        303
    );
    let (_, dashboard) = get(&app.links.facilitator_url).await;
    assert!(
        dashboard.contains("2 téléphones / capacité 2"),
        "{dashboard}"
    );
    let late = phone();
    let response = late
        .get(&app.links.participant_url)
        .send()
        .await
        .expect("page");
    assert_eq!(response.status(), 403);
    assert!(response.text().await.expect("page").contains("complet"));
    assert_eq!(app.post_keywords(&first, &["écoute"]).await.status(), 303);
    assert_eq!(app.post_keywords(&second, &["lien"]).await.status(), 303);
    assert_eq!(app.count("SELECT COUNT(*) FROM participants").await, 2);
}

#[actix_web::test]
async fn hiding_a_participant_takes_every_entry_out_of_every_tally_and_show_brings_them_back() {
    let app = TestApp::with_fixture().await;
    let url = app.links.participant_url.clone();
    app.post_facilitator("screen", &[("panel", "findings")])
        .await;
    app.post_facilitator("proposals", &[("open", "1")]).await;
    let (prankster, honest) = (phone(), phone());
    // The prankster comes first: P1.
    assert_eq!(
        app.post_keywords(&prankster, &["Pirate"]).await.status(),
        303
    );
    assert_eq!(
        app.post_finding(&prankster, "constat", "Spam partout")
            .await
            .status(),
        303
    );
    assert_eq!(
        app.post_keywords(&honest, &["Entraide"]).await.status(),
        303
    );
    assert_eq!(
        app.post_finding(&honest, "levier", "Les tiers-lieux")
            .await
            .status(),
        303
    );
    let honest_finding = app
        .count("SELECT id FROM findings WHERE text = 'Les tiers-lieux'")
        .await;
    let support = format!("{url}/findings/{honest_finding}/support");
    assert_eq!(post(&prankster, &support, &[]).await.status(), 303);
    let ids = recommendation_ids(&common::text(&honest, &url).await);
    let (first, second) = (format!("rec-{}", ids[0]), format!("rec-{}", ids[1]));
    assert_eq!(
        app.post_votes(&prankster, &[(first.as_str(), "2")])
            .await
            .status(),
        303
    );
    assert_eq!(
        app.post_votes(&honest, &[(second.as_str(), "1")])
            .await
            .status(),
        303
    );
    let proposal = post(
        &prankster,
        &format!("{url}/recommendations"),
        &[("text", "Proposition farfelue")],
    )
    .await;
    assert_eq!(proposal.status(), 303);

    let screen_url = |panel: &str| format!("{}?panel={panel}", app.links.projector_url);
    let summary_url = format!("{}/summary", app.links.facilitator_url);
    let report_url = format!("{}/report", app.links.facilitator_url);
    let (_, summary_before) = get(&summary_url).await;
    assert!(summary_before.contains("Pirate") && summary_before.contains("Spam partout"));
    assert!(summary_before.contains("2 téléphones, 2 mots-clés, 2 constats, 2 votants"));
    let (_, votes_before) = get(&screen_url("votes")).await;
    let votes_csv_before = app.export("votes.csv").await;
    assert_eq!(csv_rows(&votes_csv_before)[0]["dots"], "2");

    let response = app.post_facilitator("participants/P1/hide", &[]).await;
    assert_eq!(response.status(), 303);
    assert!(location(&response).contains("done=participant-hidden"));

    // Out of every tally at once.
    let (_, summary) = get(&summary_url).await;
    assert!(!summary.contains("Pirate"), "{summary}");
    assert!(!summary.contains("Spam partout"));
    assert!(summary.contains("Entraide") && summary.contains("Les tiers-lieux"));
    assert!(
        summary.contains("1 téléphone, 1 mot-clé, 1 constat, 1 votant"),
        "{summary}"
    );
    let (_, keywords_screen) = get(&screen_url("keywords")).await;
    assert!(!keywords_screen.contains("Pirate"));
    assert!(keywords_screen.contains("Entraide"));
    let (_, findings_screen) = get(&screen_url("findings")).await;
    assert!(!findings_screen.contains("Spam partout"));
    assert!(findings_screen.contains("Les tiers-lieux"));
    let (_, votes_screen) = get(&screen_url("votes")).await;
    assert_ne!(bar_figures(&votes_screen), bar_figures(&votes_before));
    let (_, report) = get(&report_url).await;
    assert!(!report.contains("Pirate") && !report.contains("Spam partout"));
    let votes = csv_rows(&app.export("votes.csv").await);
    let total_dots: i64 = votes
        .iter()
        .map(|r| r["dots"].parse::<i64>().unwrap())
        .sum();
    assert_eq!(total_dots, 1, "only the honest dot counts");
    let findings = csv_rows(&app.export("findings.csv").await);
    let honest_row = findings
        .iter()
        .find(|r| r["text"] == "Les tiers-lieux")
        .unwrap();
    assert_eq!(honest_row["supports"], "0", "the prankster's +1 left too");

    // Exports keep every entry, marked hidden.
    let spam = findings
        .iter()
        .find(|r| r["text"] == "Spam partout")
        .unwrap();
    assert_eq!(spam["hidden"], "true");
    assert_eq!(honest_row["hidden"], "false");
    let keyword_entries = csv_rows(&app.export("keyword-entries.csv").await);
    let pirate = keyword_entries
        .iter()
        .find(|r| r["text"] == "Pirate")
        .unwrap();
    assert_eq!(pirate["hidden"], "true");
    let entries = csv_rows(&app.export("entries.csv").await);
    let of_p1: Vec<_> = entries
        .iter()
        .filter(|r| r["participant"] == "P1")
        .collect();
    assert_eq!(
        of_p1.len(),
        5,
        "keyword, finding, +1, ballot line, proposal"
    );
    assert!(of_p1.iter().all(|r| r["hidden"] == "true"), "{of_p1:?}");
    assert!(
        entries
            .iter()
            .filter(|r| r["participant"] == "P2")
            .all(|r| r["hidden"] == "false")
    );

    // The dashboard says so; the prankster's phone is not told and still posts, uncounted.
    let (_, dashboard) = get(&app.links.facilitator_url).await;
    assert!(dashboard.contains("participants/P1/show"));
    assert_eq!(
        app.post_keywords(&prankster, &["Encore"]).await.status(),
        303
    );
    let (_, summary) = get(&summary_url).await;
    assert!(!summary.contains("Encore"));

    // Shown again: everything counts again.
    let response = app.post_facilitator("participants/P1/show", &[]).await;
    assert_eq!(response.status(), 303);
    let (_, summary) = get(&summary_url).await;
    assert!(
        summary.contains("Pirate")
            && summary.contains("Spam partout")
            && summary.contains("Encore")
    );
    assert!(summary.contains("2 téléphones, 3 mots-clés, 2 constats, 2 votants"));
    let (_, votes_screen) = get(&screen_url("votes")).await;
    assert_eq!(bar_figures(&votes_screen), bar_figures(&votes_before));
    assert_eq!(app.export("votes.csv").await, votes_csv_before);

    // A participant the workshop does not have, or not a pseudonym: 404.
    for path in [
        "participants/P9/hide",
        "participants/abc/hide",
        "participants/P1/nope",
    ] {
        assert_eq!(
            app.post_facilitator(path, &[]).await.status(),
            404,
            "{path}"
        );
    }
}

#[actix_web::test]
async fn the_forty_first_support_is_refused() {
    let app = TestApp::with_fixture().await;
    let url = app.links.participant_url.clone();
    for author in 0..3 {
        let author_phone = phone();
        for n in 0..14 {
            let text = format!("Constat {author}-{n}");
            let response = app.post_finding(&author_phone, "constat", &text).await;
            assert_eq!(response.status(), 303);
        }
    }
    let supporter = phone();
    for offset in 0..41 {
        let finding = app
            .count(format!(
                "SELECT id FROM findings ORDER BY id LIMIT 1 OFFSET {offset}"
            ))
            .await;
        let response = post(
            &supporter,
            &format!("{url}/findings/{finding}/support"),
            &[],
        )
        .await;
        if offset < 40 {
            assert_eq!(response.status(), 303, "+1 number {}", offset + 1);
        } else {
            assert_eq!(response.status(), 422);
            let page = response.text().await.expect("page");
            assert!(
                page.contains("Vous avez déjà donné 40 « +1 » : c&#39;est le maximum."),
                "{page}"
            );
        }
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM finding_supports").await, 40);
    // A "+1" given again still counts once, without a refusal.
    let first = app.count("SELECT MIN(id) FROM findings").await;
    let again = post(&supporter, &format!("{url}/findings/{first}/support"), &[]).await;
    assert_eq!(again.status(), 303);
}

#[actix_web::test]
async fn the_participants_page_is_paged_and_the_dashboard_lists_ten() {
    let app = TestApp::with_fixture().await;
    for n in 0..60 {
        let keyword = format!("mot{n}");
        assert_eq!(
            app.post_keywords(&phone(), &[keyword.as_str()])
                .await
                .status(),
            303
        );
    }
    // P60 floods: it shows first on the dashboard, the most active.
    let flooder = phone();
    app.post_keywords(&flooder, &["a", "b", "c"]).await;
    let rows = |page: &str| page.matches("id=\"participant-").count();
    let (_, dashboard) = get(&app.links.facilitator_url).await;
    assert_eq!(rows(&dashboard), 10);
    assert!(dashboard.contains("51 de plus"), "{dashboard}");
    let top = dashboard.split("id=\"participant-").nth(1).unwrap();
    assert!(top.starts_with("61\""), "{top}");

    let list = format!("{}/participants", app.links.facilitator_url);
    let (status, first) = get(&list).await;
    assert_eq!(status, 200);
    assert_eq!(rows(&first), 50);
    assert!(first.contains("Page 1 sur 2"));
    let (_, second) = get(&format!("{list}?order=arrival&page=2")).await;
    assert_eq!(rows(&second), 11);
    assert!(second.contains("Page 2 sur 2"));
    assert!(second.contains("id=\"participant-51\""));
    // Past the last page, or not a page: the last one, or the first.
    let (_, past) = get(&format!("{list}?page=99999999999")).await;
    assert!(past.contains("Page 2 sur 2"));
    let (_, wrong) = get(&format!("{list}?page=abc&order=%3Cx%3E")).await;
    assert!(wrong.contains("Page 1 sur 2"));

    // Hiding from page 2 leads back to page 2.
    let response = app
        .post_facilitator(
            "participants/P55/hide",
            &[("order", "arrival"), ("page", "2")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let back = location(&response);
    assert!(
        back.ends_with("/participants?order=arrival&page=2&done=participant-hidden"),
        "{back}"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM participants WHERE hidden = 1")
            .await,
        1
    );
}
