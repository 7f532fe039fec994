//! One-time codes for a vote that must be exact (issue #10): a code redeems on one phone,
//! once; while the workshop needs codes a ballot counts only from a phone that redeemed
//! one; codes are typed in any case; the dashboard makes them with a sheet of A4 cards,
//! the command line prints them; exports say which ballots came with a code.

use std::collections::HashSet;

use crate::common::{self, FIXTURE, TestApp, csv_rows, location, phone, post};

/// The fixture workshop with `votes_need_code = true` in its import file.
fn fixture_with_codes() -> String {
    FIXTURE.replacen("[workshop]\n", "[workshop]\nvotes_need_code = true\n", 1)
}

/// The codes printed on a cards page, in order.
fn printed_codes(sheet: &str) -> Vec<String> {
    sheet
        .split("<p class=\"vote-code\">")
        .skip(1)
        .filter_map(|rest| rest.split('<').next())
        .map(str::to_string)
        .collect()
}

/// `n` new codes, made from the dashboard as a facilitator does.
async fn make_codes(app: &TestApp, n: usize) -> Vec<String> {
    let response = app
        .post_facilitator("codes", &[("count", &n.to_string())])
        .await;
    assert_eq!(response.status(), 200);
    let codes = printed_codes(&response.text().await.expect("sheet"));
    assert_eq!(codes.len(), n);
    codes
}

async fn redeem(app: &TestApp, phone: &reqwest::Client, code: &str) -> reqwest::Response {
    post(phone, &app.participant("code"), &[("code", code)]).await
}

/// A ballot of 2 dots on the first recommendation and 1 on the second.
async fn vote(app: &TestApp, phone: &reqwest::Client) -> reqwest::Response {
    let page = common::text(phone, &app.links.participant_url).await;
    let recs = common::recommendation_ids(&page);
    let (first, second) = (format!("rec-{}", recs[0]), format!("rec-{}", recs[1]));
    app.post_votes(phone, &[(&first, "2"), (&second, "1")])
        .await
}

#[actix_web::test]
async fn a_code_redeems_on_one_phone_only() {
    let app = TestApp::with_workshop(&fixture_with_codes()).await;
    let code = make_codes(&app, 1).await.remove(0);
    assert!(
        regex_like_code(&code),
        "printed as XXXX-XXXX without look-alikes: {code}"
    );

    let first = phone();
    let response = redeem(&app, &first, &code).await;
    assert_eq!(response.status(), 303);
    assert!(location(&response).contains("sent=vote-code"));
    let page = common::text(&first, &location_url(&app, &response)).await;
    assert!(page.contains("Code accepté : vous pouvez voter."), "{page}");
    assert!(
        !page.contains("action=\"/w/SOLIDA/code#vote-code-error\""),
        "no code form once redeemed"
    );

    let second = phone();
    let response = redeem(&app, &second, &code).await;
    assert_eq!(response.status(), 409);
    let page = response.text().await.expect("page");
    assert!(
        page.contains("Ce code de vote a déjà servi sur un autre téléphone."),
        "{page}"
    );
    assert!(
        page.contains(&format!("value=\"{code}\"")),
        "the typed code is kept"
    );
    assert_eq!(vote(&app, &second).await.status(), 403, "still no vote");

    // The first phone sending its code again is fine; the code is still used once.
    assert_eq!(redeem(&app, &first, &code).await.status(), 303);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM vote_codes WHERE redeemed_by IS NOT NULL")
            .await,
        1
    );

    // A second code on a phone that has one says so, and stays free for another phone.
    let other = make_codes(&app, 1).await.remove(0);
    let twice = redeem(&app, &first, &other).await;
    assert_eq!(twice.status(), 409);
    let page = twice.text().await.expect("page");
    assert!(
        page.contains("Ce téléphone a déjà un code de vote accepté"),
        "the refusal is in view: {page}"
    );
    assert_eq!(redeem(&app, &second, &other).await.status(), 303);

    let unknown = redeem(&app, &phone(), "ZZZZ-ZZZZ").await;
    assert_eq!(unknown.status(), 422);
    let page = unknown.text().await.expect("page").replace("&#39;", "'");
    assert!(
        page.contains("Ce code de vote n'existe pas dans cet atelier."),
        "{page}"
    );
}

/// Whether `code` is 4 + 4 characters of the alphabet without look-alikes.
fn regex_like_code(code: &str) -> bool {
    let alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    code.len() == 9
        && code.as_bytes()[4] == b'-'
        && code
            .chars()
            .enumerate()
            .all(|(i, c)| i == 4 || alphabet.contains(c))
}

fn location_url(app: &TestApp, response: &reqwest::Response) -> String {
    app.url(&location(response))
}

#[actix_web::test]
async fn a_ballot_counts_only_from_a_phone_with_a_code() {
    let app = TestApp::with_workshop(&fixture_with_codes()).await;
    let voter = phone();
    let page = common::text(&voter, &app.links.participant_url).await;
    assert!(
        page.contains("action=\"/w/SOLIDA/code#vote-code-error\""),
        "the code form is shown"
    );
    let recs = common::recommendation_ids(&page);
    let field = format!("rec-{}", recs[0]);

    let refused = app.post_votes(&voter, &[(&field, "2")]).await;
    assert_eq!(refused.status(), 403);
    let page = refused.text().await.expect("page").replace("&#39;", "'");
    assert!(
        page.contains(
            "Ce vote demande un code de vote : demandez votre carte à l'animation, \
             saisissez son code dans le champ « Code de vote » ci-dessus, puis votez."
        ),
        "{page}"
    );
    assert!(
        page.contains(&format!("name=\"{field}\" value=\"2\" checked")),
        "the dots are kept"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM ballots").await, 0);

    let code = make_codes(&app, 1).await.remove(0);
    assert_eq!(redeem(&app, &voter, &code).await.status(), 303);
    let counted = app.post_votes(&voter, &[(&field, "2")]).await;
    assert_eq!(counted.status(), 303);
    assert_eq!(app.count("SELECT SUM(dots) FROM ballots").await, 2);
    let votes = csv_rows(&app.export("votes.csv").await);
    let total: i64 = votes
        .iter()
        .map(|r| r["dots"].parse::<i64>().unwrap())
        .sum();
    assert_eq!(total, 2, "the ballot is in the tally");
}

#[actix_web::test]
async fn codes_are_typed_in_any_case_with_spaces_or_without_the_dash() {
    let app = TestApp::with_workshop(&fixture_with_codes()).await;
    let codes = make_codes(&app, 4).await;
    let typed = [
        codes[0].to_lowercase(),
        format!("  {} ", codes[1].replace('-', " ")),
        codes[2].replace('-', ""),
        codes[3].to_lowercase().replace('-', " - "),
    ];
    for text in &typed {
        let phone = phone();
        let response = redeem(&app, &phone, text).await;
        assert_eq!(response.status(), 303, "{text:?}");
        assert_eq!(vote(&app, &phone).await.status(), 303, "{text:?} votes");
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM vote_codes WHERE redeemed_by IS NOT NULL")
            .await,
        4
    );
    assert_eq!(
        app.count("SELECT COUNT(DISTINCT participant_id) FROM ballots")
            .await,
        4
    );
}

#[actix_web::test]
async fn the_cards_page_prints_n_cards_with_the_workshop_qr_code() {
    let app = TestApp::with_fixture().await;
    let response = app.post_facilitator("codes", &[("count", "12")]).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let sheet = response.text().await.expect("sheet");
    let codes = printed_codes(&sheet);
    assert_eq!(codes.len(), 12);
    assert_eq!(codes.iter().collect::<HashSet<_>>().len(), 12, "distinct");
    assert_eq!(sheet.matches("class=\"vote-card\"").count(), 12);
    assert_eq!(
        sheet.matches("<img src=\"/w/SOLIDA/qr.svg\"").count(),
        12,
        "a QR code on each card, the image sent once"
    );
    let qr = reqwest::get(app.url("/w/SOLIDA/qr.svg")).await.expect("QR");
    assert_eq!(qr.headers()["content-type"], "image/svg+xml");
    assert!(qr.text().await.expect("svg").contains("<svg"));
    assert_eq!(
        sheet.matches("class=\"vote-sheet\"").count(),
        2,
        "10 cards an A4 page"
    );
    assert!(sheet.contains("size: A4"));
    assert!(sheet.contains("12 nouveaux codes de vote."), "{sheet}");
    assert!(sheet.contains(&app.links.participant_url));
    assert_eq!(app.count("SELECT COUNT(*) FROM vote_codes").await, 12);

    for count in ["0", "2001", "douze", ""] {
        let response = app.post_facilitator("codes", &[("count", count)]).await;
        assert_eq!(response.status(), 422, "{count:?}");
        let page = response.text().await.expect("dashboard");
        assert!(
            page.contains("Indiquez un nombre de codes entre 1 et 2000."),
            "{page}"
        );
        if !count.is_empty() {
            assert!(
                page.contains(&format!("value=\"{count}\"")),
                "keeps {count:?}"
            );
        }
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM vote_codes").await, 12);
}

#[actix_web::test]
async fn the_dashboard_switch_turns_the_codes_on_and_off() {
    let app = TestApp::with_fixture().await;
    let dashboard = common::text(&phone(), &app.links.facilitator_url).await;
    assert!(dashboard.contains("Le vote compte tous les téléphones, sans code."));
    assert!(dashboard.contains("Exiger un code pour voter"));
    let voter = phone();
    assert_eq!(vote(&app, &voter).await.status(), 303, "no code needed yet");

    let response = app.post_facilitator("codes/required", &[("on", "1")]).await;
    assert_eq!(response.status(), 303);
    assert!(location(&response).contains("done=vote-codes-on"));
    let dashboard = common::text(&phone(), location_url(&app, &response)).await;
    assert!(dashboard.contains("Le vote demande désormais un code de vote."));
    assert!(
        dashboard.contains("Le vote ne compte que les téléphones qui ont saisi un code de vote.")
    );
    let page = common::text(&voter, &app.links.participant_url).await;
    assert!(page.contains("action=\"/w/SOLIDA/code#vote-code-error\""));
    assert_eq!(vote(&app, &voter).await.status(), 403);
    let votes = csv_rows(&app.export("votes.csv").await);
    assert!(
        votes.iter().all(|r| r["dots"] == "0"),
        "a ballot without a code leaves the tally: {votes:?}"
    );

    let response = app.post_facilitator("codes/required", &[("on", "0")]).await;
    assert_eq!(response.status(), 303);
    let dashboard = common::text(&phone(), location_url(&app, &response)).await;
    assert!(dashboard.contains("Le vote compte tous les téléphones, sans code."));
    let page = common::text(&voter, &app.links.participant_url).await;
    assert!(!page.contains("action=\"/w/SOLIDA/code#vote-code-error\""));
    assert_eq!(vote(&app, &voter).await.status(), 303);

    let response = app
        .post_facilitator("codes/required", &[("on", "oui")])
        .await;
    assert_eq!(response.status(), 400);
}

#[actix_web::test]
async fn exports_mark_the_ballots_that_came_with_a_code() {
    let app = TestApp::with_fixture().await;
    let code = make_codes(&app, 1).await.remove(0);
    let (coded, plain) = (phone(), phone());
    assert_eq!(redeem(&app, &coded, &code).await.status(), 303);
    assert_eq!(vote(&app, &coded).await.status(), 303);
    assert_eq!(vote(&app, &plain).await.status(), 303);

    let entries = csv_rows(&app.export("entries.csv").await);
    let dots: Vec<_> = entries.iter().filter(|r| r["kind"] == "dots").collect();
    assert_eq!(dots.len(), 4);
    let marked: Vec<(&str, &str)> = dots
        .iter()
        .map(|r| (r["participant"].as_str(), r["vote_code"].as_str()))
        .collect();
    assert_eq!(
        marked.iter().filter(|(_, c)| *c == "true").count(),
        2,
        "{marked:?}"
    );
    assert!(
        marked.iter().all(|(p, c)| (*p == "P1") == (*c == "true")),
        "{marked:?}"
    );

    let xlsx = phone()
        .get(app.facilitator("export/workshop.xlsx"))
        .send()
        .await
        .expect("xlsx")
        .bytes()
        .await
        .expect("bytes");
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.to_vec())).expect("xlsx");
    let sheet = book.worksheet_range("Entrées").expect("entries sheet");
    assert_eq!(
        sheet.get((0, 8)),
        Some(&Data::String("Avec code de vote".into()))
    );
    let marks: Vec<(String, Option<Data>)> = (1..sheet.height())
        .filter(|row| sheet.get((*row, 2)) == Some(&Data::String("gommettes".into())))
        .map(|row| {
            let who = sheet
                .get((row, 1))
                .map(|d| d.to_string())
                .unwrap_or_default();
            (who, sheet.get((row, 8)).cloned())
        })
        .collect();
    assert_eq!(marks.len(), 4, "{marks:?}");
    for (who, mark) in &marks {
        assert_eq!(mark, &Some(Data::Bool(who == "P1")), "{who}");
    }
}

#[test]
fn the_command_line_prints_n_distinct_codes() {
    let dir = tempfile::tempdir().expect("dir");
    let (db, file) = (dir.path().join("codes.db"), dir.path().join("w.toml"));
    std::fs::write(&file, FIXTURE).expect("file");
    let atelier = || {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_atelier"));
        command.env_remove("ATELIER_DB").env("LANG", "fr_FR.UTF-8");
        command
    };
    let imported = atelier()
        .arg("import")
        .arg(&file)
        .arg("--db")
        .arg(&db)
        .output()
        .expect("import");
    assert!(imported.status.success());
    let run = |count: &str| {
        atelier()
            .args(["codes", "--workshop", "solida", "--count", count, "--db"])
            .arg(&db)
            .output()
            .expect("codes")
    };
    let output = run("25");
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).expect("utf-8");
    let codes: Vec<&str> = text.lines().collect();
    assert_eq!(codes.len(), 25);
    assert!(codes.iter().all(|c| regex_like_code(c)), "{codes:?}");
    assert_eq!(codes.iter().collect::<HashSet<_>>().len(), 25);

    let refused = run("2001");
    assert!(!refused.status.success());
    assert!(refused.stdout.is_empty());
    let message = String::from_utf8(refused.stderr).expect("utf-8");
    assert!(
        message.contains("Indiquez un nombre de codes entre 1 et 2000."),
        "{message}"
    );

    let conn = rusqlite::Connection::open(&db).expect("db");
    let stored: i64 = conn
        .query_row("SELECT COUNT(*) FROM vote_codes", [], |r| r.get(0))
        .expect("count");
    assert_eq!(stored, 25);
}
