//! The national meeting (issue #14): the event file imported by `atelier import`, the
//! organiser's console, the posters and links sheet, the plenary screen.

use std::process::Command;
use std::time::{Duration, Instant};

use atelier::domain::event_file;
use atelier::store::CreatedEvent;

use crate::common::{TestApp, phone, post, text};

/// The event fixture: three workshops of the national meeting.
const EVENT: &str = include_str!("../fixtures/rencontres-leader.toml");

fn import(db: &std::path::Path, source: &str) -> std::process::Output {
    import_in("fr_FR.UTF-8", db, source)
}

/// `atelier import` of `source` in a terminal whose `LANG` is `lang`.
fn import_in(lang: &str, db: &std::path::Path, source: &str) -> std::process::Output {
    let file = db.with_extension("toml");
    std::fs::write(&file, source).expect("write");
    Command::new(env!("CARGO_BIN_EXE_atelier"))
        .env_remove("ATELIER_DB")
        .env_remove("ATELIER_BASE_URL")
        .env("LANG", lang)
        .arg("import")
        .arg(&file)
        .arg("--db")
        .arg(db)
        .arg("--base-url")
        .arg("http://192.168.1.20:8080")
        .output()
        .expect("atelier runs")
}

fn count(db: &std::path::Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("db");
    conn.query_row(sql, [], |r| r.get(0)).expect(sql)
}

#[test]
fn an_event_file_with_three_workshops_imports_and_prints_every_link() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("a.db");
    let output = import(&db, EVENT);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let links: serde_json::Value = serde_json::from_slice(&output.stdout).expect("one JSON object");
    assert_eq!(links["event_code"], "LEADER2019");
    assert_eq!(
        links["plenary_url"],
        "http://192.168.1.20:8080/e/LEADER2019/plenary"
    );
    let key = links["event_url"]
        .as_str()
        .and_then(|u| u.strip_prefix("http://192.168.1.20:8080/o/"))
        .expect("the console's link");
    assert_eq!(key.len(), 32);
    let workshops = links["workshops"].as_array().expect("a list");
    assert_eq!(workshops.len(), 3);
    assert_eq!(workshops[0]["join_code"], "SOLIDA");
    assert_eq!(workshops[1]["join_code"], "ECOLO");
    let generated = workshops[2]["join_code"].as_str().expect("a code");
    assert_eq!(generated.len(), 6);
    for w in workshops {
        let code = w["join_code"].as_str().expect("code");
        assert_eq!(
            w["participant_url"],
            format!("http://192.168.1.20:8080/w/{code}")
        );
        assert_eq!(
            w["projector_url"],
            format!("http://192.168.1.20:8080/w/{code}/screen")
        );
        assert!(w["facilitator_url"].as_str().expect("link").contains("/f/"));
    }
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM workshops WHERE event_id = 1"),
        3
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM events WHERE organiser_key_hash IS NOT NULL"
        ),
        1
    );
    // The same file again: its code is taken; nothing more is stored.
    let again = import(&db, EVENT);
    assert!(!again.status.success());
    let message = String::from_utf8_lossy(&again.stderr);
    assert!(message.contains("« LEADER2019 »"), "{message}");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM workshops"), 3);
}

#[test]
fn a_wrong_workshop_stores_nothing_and_is_named_with_its_line_and_key() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("a.db");
    let source = EVENT.replace(
        "keywords_per_participant = 5",
        "keywords_per_participant = 50",
    );
    let line = source
        .lines()
        .position(|l| l.contains("= 50"))
        .expect("the line")
        + 1;
    let output = import(&db, &source);
    assert!(!output.status.success());
    assert!(output.stdout.is_empty());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains(&format!(
            "ligne {line}, clé workshops[2].keywords_per_participant"
        )),
        "{message}"
    );
    // A join code already used in the database stops the whole file: the two workshops
    // before it are not stored either.
    let first = import(
        &db,
        "[workshop]\ntitle = \"Avant\"\njoin_code = \"ECOLO\"\n",
    );
    assert!(first.status.success());
    let clash = import(&db, EVENT);
    assert!(!clash.status.success());
    assert!(String::from_utf8_lossy(&clash.stderr).contains("« ECOLO »"));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM workshops"), 1);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM events"), 0);
}

/// The line (from 1) of the first line of `source` holding `text`.
fn line_of(source: &str, text: &str) -> usize {
    source
        .lines()
        .position(|l| l.contains(text))
        .expect("the line")
        + 1
}

/// The trial of #14 found a deeply nested value answered in English with no key, and a
/// code in use answered with no line.
#[test]
fn every_import_error_names_file_line_and_key_in_the_terminals_language() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("a.db");
    let file = db.with_extension("toml").display().to_string();
    let deep = format!("tags = {}1{}", "[".repeat(300), "]".repeat(300));
    let nested = EVENT.replace(
        "keywords_per_participant = 5",
        &format!("keywords_per_participant = 5\n{deep}"),
    );
    let line = line_of(&nested, "tags = [[[");
    let dotted = format!(
        "[workshop]\ntitle = \"A\"\n\n{} = 1\n",
        ["a"; 200].join(".")
    );
    for (source, line, key) in [
        (nested.as_str(), line, "workshops[2].tags"),
        (dotted.as_str(), 4, "workshop.a.a.a.a"),
    ] {
        let output = import(&db, source);
        assert!(!output.status.success());
        assert!(output.stdout.is_empty());
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(
            message.contains(&format!("{file}, ligne {line}, clé {key}")),
            "{message}"
        );
        assert!(message.contains("trop de niveaux"), "{message}");
        assert!(!message.contains("recurs"), "no English: {message}");
        let english = import_in("en_GB.UTF-8", &db, source);
        let message = String::from_utf8_lossy(&english.stderr);
        assert!(
            message.contains(&format!("{file}, line {line}, key {key}"))
                && message.contains(": too many levels"),
            "{message}"
        );
    }
    assert!(!db.exists(), "nothing stored: not even a database made");

    // Codes in use: the event's, then a workshop's, each at its own line and key.
    assert!(import(&db, EVENT).status.success());
    let taken = import(&db, EVENT);
    let message = String::from_utf8_lossy(&taken.stderr);
    let line = line_of(EVENT, "code = \"LEADER2019\"");
    assert!(
        message.contains(&format!(
            "{file}, ligne {line}, clé event.code : Le code « LEADER2019 »"
        )),
        "{message}"
    );
    let other_event = EVENT.replace("LEADER2019", "AUTRE2019");
    let taken = import_in("en_GB.UTF-8", &db, &other_event);
    let message = String::from_utf8_lossy(&taken.stderr);
    let line = line_of(EVENT, "join_code = \"SOLIDA\"");
    assert!(
        message.contains(&format!(
            "{file}, line {line}, key workshops[0].join_code: "
        )) && message.contains("SOLIDA"),
        "{message}"
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM workshops"), 3);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM events"), 1);
}

/// A server with the fixture workshop, and the event fixture imported beside it (its
/// first workshop's code changed, the fixture workshop holding SOLIDA).
async fn with_event() -> (TestApp, CreatedEvent) {
    let app = TestApp::with_fixture().await;
    let file = event_file::parse(&EVENT.replace("\"SOLIDA\"", "\"SOCIAL\"")).expect("valid");
    let created = app.store.create_event(file).await.expect("imported");
    (app, created)
}

fn console(app: &TestApp, event: &CreatedEvent, path: &str) -> String {
    app.url(&format!("/o/{}{path}", event.organiser_key))
}

/// The row of the console's table whose join code is `code`.
fn row<'a>(page: &'a str, code: &str) -> &'a str {
    let start = page.find(&format!(">{code}<")).expect("the workshop's row");
    let end = page[start..]
        .find("</tr>")
        .map_or(page.len(), |e| start + e);
    &page[start..end]
}

#[actix_web::test]
async fn the_console_lists_the_three_workshops_with_live_counts() {
    let (app, event) = with_event().await;
    let page = text(&phone(), console(&app, &event, "")).await;
    for title in [
        "Atelier thématique solidarités sociales",
        "Atelier thématique transition écologique",
        "Atelier thématique attractivité des territoires",
    ] {
        assert!(page.contains(title), "{title}");
    }
    assert!(row(&page, "ECOLO").contains("data-phones=\"0\""));
    let someone = phone();
    let sent = post(
        &someone,
        &app.url("/w/ECOLO/keywords"),
        &[("keyword", "circuits courts")],
    )
    .await;
    assert_eq!(sent.status(), 303);
    // The table the console's script fetches shows the new phone and its entry.
    let table = text(&phone(), console(&app, &event, "/workshops")).await;
    assert!(
        row(&table, "ECOLO").contains("data-phones=\"1\""),
        "{table}"
    );
    assert!(
        row(&table, "ECOLO").contains("data-entries=\"1\""),
        "{table}"
    );
    assert!(row(&table, "SOCIAL").contains("data-entries=\"0\""));
    // The time of the last answer, in the event's time zone, only where one came.
    assert!(!row(&table, "ECOLO").contains("<td>—</td>"), "{table}");
    assert!(row(&table, "SOCIAL").contains("<td>—</td>"));
    assert!(!table.contains("<html"), "a fragment, not a page");
    // A wrong key is a plain 404.
    let wrong = phone()
        .get(app.url("/o/0123456789abcdef0123456789abcdef"))
        .send()
        .await
        .expect("answer");
    assert_eq!(wrong.status(), 404);
}

#[actix_web::test]
async fn a_reissued_facilitator_link_replaces_the_old_one() {
    let (app, event) = with_event().await;
    let ecolo = &event.workshops[1];
    let old = app.url(&format!("/f/{}", ecolo.facilitator_key));
    assert_eq!(
        phone().get(&old).send().await.expect("answer").status(),
        200
    );
    // A console already open with the old link (trial of stop 20: it kept its counts).
    let mut stream = reqwest::get(format!("{old}/events")).await.expect("stream");
    assert_eq!(stream.status(), 200);
    let answer = post(
        &phone(),
        &console(&app, &event, &format!("/workshops/{}/reissue", ecolo.id)),
        &[],
    )
    .await;
    assert_eq!(answer.status(), 200);
    let page = answer.text().await.expect("page");
    assert!(page.contains("ne fonctionne plus"), "{page}");
    let new = page
        .split("class=\"facilitator-url\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("the new link")
        .to_string();
    assert_ne!(new, old);
    assert_eq!(
        phone().get(&old).send().await.expect("answer").status(),
        404
    );
    // The old console's stream ends (a keyword would otherwise bring it new counts).
    let keyword = post(
        &phone(),
        &app.url(&format!("/w/{}/keywords", ecolo.join_code)),
        &[("keyword", "Haies")],
    )
    .await;
    assert_eq!(keyword.status(), 303);
    let mut after = String::new();
    let ended = tokio::time::timeout(std::time::Duration::from_secs(10), async {
        while let Ok(Some(chunk)) = stream.chunk().await {
            after.push_str(&String::from_utf8_lossy(&chunk));
        }
    })
    .await;
    assert!(
        ended.is_ok(),
        "the old link's stream is still open: {after}"
    );
    assert!(
        !after.contains("Haies") && !after.contains(">1<"),
        "{after}"
    );
    assert_eq!(
        phone().get(&new).send().await.expect("answer").status(),
        200
    );
    // A workshop of another event (the fixture's) cannot be re-issued from this console.
    let foreign = post(
        &phone(),
        &console(&app, &event, "/workshops/1/reissue"),
        &[],
    )
    .await;
    assert_eq!(foreign.status(), 404);
}

#[actix_web::test]
async fn a_workshop_is_added_from_the_console_and_a_wrong_one_is_refused_with_its_text() {
    let (app, event) = with_event().await;
    let wrong = "[workshop]\ntitle = \"Mobilités\"\nkeywords_per_participant = 99\n";
    let refused = post(
        &phone(),
        &console(&app, &event, "/workshops/new"),
        &[("file", wrong)],
    )
    .await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.expect("page");
    assert!(
        page.contains("ligne 3, clé workshop.keywords_per_participant"),
        "{page}"
    );
    assert!(
        page.contains("keywords_per_participant = 99"),
        "the text is kept"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM workshops").await, 4);
    // A join code in use and a value nested too deep are named like the other problems.
    for (wrong, named) in [
        (
            "[workshop]\ntitle = \"Mobilités\"\n\njoin_code = \"ECOLO\"\n",
            "ligne 4, clé workshop.join_code : Le code « ECOLO » est déjà pris",
        ),
        (
            &*format!("[workshop]\ntitle = \"M\"\ntags = {}", "{a=".repeat(200)),
            "ligne 3, clé workshop.tags : trop de niveaux",
        ),
    ] {
        let refused = post(
            &phone(),
            &console(&app, &event, "/workshops/new"),
            &[("file", wrong)],
        )
        .await;
        assert_eq!(refused.status(), 422);
        let page = refused.text().await.expect("page");
        assert!(page.contains(named), "{page}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM workshops").await, 4);

    let right = "[workshop]\ntitle = \"Atelier mobilités\"\njoin_code = \"MOBIL\"\n";
    let added = post(
        &phone(),
        &console(&app, &event, "/workshops/new"),
        &[("file", right)],
    )
    .await;
    assert_eq!(added.status(), 200);
    let page = added.text().await.expect("page");
    assert!(page.contains("/w/MOBIL"), "{page}");
    assert!(page.contains("/f/"), "the facilitator's link, shown once");
    let console_page = text(&phone(), console(&app, &event, "")).await;
    assert!(console_page.contains("Atelier mobilités"));
    // Its file has no date: it takes the event's, as a workshop of the event file does
    // (its proceedings chapter is dated like the others).
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM workshops WHERE join_code = 'MOBIL' AND session_date = '2019-11-21'"
        )
        .await,
        1
    );
    assert_eq!(
        app.count(format!(
            "SELECT COUNT(*) FROM workshops WHERE event_id = {}",
            event.id
        ))
        .await,
        4
    );
}

#[actix_web::test]
async fn posters_and_the_links_sheet_hold_the_join_codes_and_qr_images() {
    let (app, event) = with_event().await;
    let posters = text(&phone(), console(&app, &event, "/posters")).await;
    // Addresses carry line-break opportunities (`<wbr>`) where a printed line may break.
    let links = text(&phone(), console(&app, &event, "/links"))
        .await
        .replace("<wbr>", "");
    for code in ["SOCIAL", "ECOLO", event.workshops[2].join_code.as_str()] {
        let qr = format!("src=\"/w/{code}/qr.svg\"");
        assert!(posters.contains(&qr) && links.contains(&qr), "{code}");
        assert!(posters.contains(&format!("class=\"poster-code\">{code}<")));
        assert!(links.contains(&format!("{}/w/{code}/screen", app.base)));
    }
    assert_eq!(posters.matches("class=\"poster\"").count(), 3);
    for sheet in [&posters, &links] {
        assert!(
            !sheet.contains("/f/") && !sheet.contains("/o/"),
            "no key is printed"
        );
    }
    let qr = phone()
        .get(app.url("/w/ECOLO/qr.svg"))
        .send()
        .await
        .expect("qr");
    assert_eq!(qr.status(), 200);
}

/// Reads the plenary's stream until a frame holds `text`.
async fn stream_until(response: &mut reqwest::Response, text: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut buffer = String::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match tokio::time::timeout(left, response.chunk()).await {
            Ok(Ok(Some(chunk))) => buffer.push_str(&String::from_utf8_lossy(&chunk)),
            _ => return false,
        }
        if buffer.contains(text) {
            return true;
        }
    }
    false
}

#[actix_web::test]
async fn the_plenary_shows_the_event_wide_cloud_and_follows_the_organisers_step() {
    let (app, event) = with_event().await;
    for code in ["SOCIAL", "ECOLO"] {
        let sent = post(
            &phone(),
            &app.url(&format!("/w/{code}/keywords")),
            &[("keyword", "Coopération")],
        )
        .await;
        assert_eq!(sent.status(), 303);
    }
    let sent = post(
        &phone(),
        &app.url("/w/ECOLO/keywords"),
        &[("keyword", "sobriété")],
    )
    .await;
    assert_eq!(sent.status(), 303);
    // The fixture workshop is not the event's: its keywords stay out.
    let outside = phone();
    assert_eq!(
        app.post_keywords(&outside, &["hors rencontre"])
            .await
            .status(),
        303
    );

    let plenary = app.url("/e/leader2019/plenary");
    let page = text(&phone(), &plenary).await;
    assert!(page.contains("Les mots-clés de la rencontre"), "{page}");
    assert!(
        page.contains("title=\"2\">Coopération<"),
        "counted in both workshops: {page}"
    );
    assert!(page.contains("title=\"1\">sobriété<"));
    assert!(!page.contains("hors rencontre"));

    let mut stream = reqwest::get(app.url("/e/LEADER2019/plenary/events"))
        .await
        .expect("stream");
    assert_eq!(stream.status(), 200);
    assert!(stream_until(&mut stream, "Les mots-clés de la rencontre").await);
    let ecolo = event.workshops[1].id.to_string();
    let step = post(
        &phone(),
        &console(&app, &event, "/plenary"),
        &[("show", &ecolo)],
    )
    .await;
    assert_eq!(step.status(), 303);
    assert!(
        stream_until(&mut stream, "Atelier thématique transition écologique").await,
        "the stream follows the step"
    );
    let page = text(&phone(), &plenary).await;
    assert!(page.contains("Atelier 2 sur 3"), "{page}");
    assert!(
        page.contains("Former les élus aux circuits courts"),
        "its ballot"
    );
    assert!(page.contains("title=\"1\">Coopération<"), "its own cloud");
    // A synthesis statement takes the place of the raw findings.
    let finding = post(
        &phone(),
        &app.url("/w/ECOLO/findings"),
        &[
            ("category", "constat"),
            ("text", "Les circuits courts manquent de logistique"),
        ],
    )
    .await;
    assert_eq!(finding.status(), 303);
    assert!(stream_until(&mut stream, "Les circuits courts manquent de logistique").await);
    let category: i64 = app
        .count(format!(
            "SELECT id FROM finding_categories WHERE workshop_id = {} AND slug = 'constat'",
            event.workshops[1].id
        ))
        .await;
    app.store
        .add_statement(
            event.workshops[1].id,
            category,
            atelier::domain::statement::StatementText::parse(
                "La logistique freine les circuits courts",
            )
            .expect("text"),
            Vec::new(),
        )
        .await
        .expect("a statement");
    let page = text(&phone(), &plenary).await;
    assert!(
        page.contains("Énoncés de synthèse")
            && page.contains("La logistique freine les circuits courts"),
        "{page}"
    );
    assert!(!page.contains("Les circuits courts manquent de logistique"));
    // A workshop of another event cannot be shown.
    let foreign = post(
        &phone(),
        &console(&app, &event, "/plenary"),
        &[("show", "1")],
    )
    .await;
    assert_eq!(foreign.status(), 404);
    let unknown = phone()
        .get(app.url("/e/NOPE/plenary"))
        .send()
        .await
        .expect("answer");
    assert_eq!(unknown.status(), 404);
}

#[actix_web::test]
async fn a_long_french_workshop_file_is_read_up_to_its_character_limit() {
    let (app, event) = with_event().await;
    // 44,000 characters, most of them accented: 66 KB once URL-encoded, past the site's
    // 64 KB form limit (stop 20's trial: a bare 413, the text lost).
    let comment = format!("# {}\n", "Mobilités é".repeat(4_000));
    let long =
        format!("[workshop]\ntitle = \"Atelier mobilités\"\njoin_code = \"LONGUE\"\n{comment}");
    assert!(long.chars().count() > 44_000);
    let added = post(
        &phone(),
        &console(&app, &event, "/workshops/new"),
        &[("file", long.as_str())],
    )
    .await;
    assert_eq!(added.status(), 200);
    assert!(added.text().await.expect("page").contains("/w/LONGUE"));
    // Past 60,000 characters: refused by its own message, the text kept.
    let too_long = format!("{long}{}", comment.repeat(2));
    let refused = post(
        &phone(),
        &console(&app, &event, "/workshops/new"),
        &[("file", too_long.as_str())],
    )
    .await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.expect("page");
    assert!(page.contains("60"), "the limit is named: {page}");
    assert!(page.contains("LONGUE"), "the text is kept");
}
