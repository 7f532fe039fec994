//! The workshop's room and the organiser's printables (issue #14, part 2): the `room` key
//! of the workshop and event files, stored and shown where a person looks for it (the
//! import's JSON, the organiser's console, the posters, the links sheet, the
//! facilitator's and the phone's headers), refused with its file, line and key when
//! wrong; each poster printed in its own workshop's language. The printed PDFs
//! themselves are checked in `tests/browser/printables.rs`.

use std::process::Command;

use atelier::domain::event_file;
use atelier::store::CreatedEvent;

use crate::common::{TestApp, phone, post, text};

/// The event fixture: two workshops with a room, the third without.
const EVENT: &str = include_str!("../fixtures/rencontres-leader.toml");

/// The event fixture beside the fixture workshop (which holds SOLIDA), its second
/// workshop in English.
fn event_file() -> String {
    EVENT.replace("\"SOLIDA\"", "\"SOCIAL\"").replace(
        "join_code = \"ECOLO\"",
        "join_code = \"ECOLO\"\nlanguage = \"en\"",
    )
}

async fn with_event() -> (TestApp, CreatedEvent) {
    let app = TestApp::with_fixture().await;
    let file = event_file::parse(&event_file()).expect("valid");
    let created = app.store.create_event(file).await.expect("imported");
    (app, created)
}

fn organiser(app: &TestApp, event: &CreatedEvent, path: &str) -> String {
    app.url(&format!("/o/{}{path}", event.organiser_key))
}

/// `atelier import FILE` in French, into `db`.
fn import(db: &std::path::Path, name: &str, source: &str) -> std::process::Output {
    let file = db.with_file_name(name);
    std::fs::write(&file, source).expect("write");
    Command::new(env!("CARGO_BIN_EXE_atelier"))
        .env_remove("ATELIER_DB")
        .env_remove("ATELIER_BASE_URL")
        .env("LANG", "fr_FR.UTF-8")
        .arg("import")
        .arg(&file)
        .arg("--db")
        .arg(db)
        .arg("--base-url")
        .arg("http://192.168.1.20:8080")
        .output()
        .expect("atelier runs")
}

fn rooms_in(db: &std::path::Path) -> Vec<Option<String>> {
    let conn = rusqlite::Connection::open(db).expect("db");
    let mut statement = conn
        .prepare("SELECT room FROM workshops ORDER BY id")
        .expect("prepare");
    statement
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rooms")
}

/// The HTML of the poster whose join code is `code`.
fn poster<'a>(page: &'a str, code: &str) -> &'a str {
    page.split("<section class=\"poster\"")
        .skip(1)
        .find(|p| p.contains(&format!("class=\"poster-code\">{code}<")))
        .unwrap_or_else(|| panic!("a poster for {code}: {page}"))
}

#[test]
fn import_prints_each_workshops_room_and_null_without_one() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("a.db");
    let output = import(&db, "rencontre.toml", EVENT);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let links: serde_json::Value = serde_json::from_slice(&output.stdout).expect("one JSON object");
    let workshops = links["workshops"].as_array().expect("a list");
    let rooms: Vec<&serde_json::Value> = workshops.iter().map(|w| &w["room"]).collect();
    assert_eq!(
        rooms,
        [
            &serde_json::json!("Salle Vercors, 2e étage"),
            &serde_json::json!("Amphithéâtre Gaston Berger"),
            &serde_json::Value::Null
        ]
    );
    for w in workshops {
        let keys: Vec<&str> = w
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        for key in [
            "join_code",
            "participant_url",
            "projector_url",
            "facilitator_url",
            "room",
        ] {
            assert!(keys.contains(&key), "{key} in {w}");
        }
    }
    assert_eq!(
        rooms_in(&db),
        [
            Some("Salle Vercors, 2e étage".to_string()),
            Some("Amphithéâtre Gaston Berger".to_string()),
            None
        ]
    );

    // A workshop file: its room, typed with a non-breaking space and a zero-width
    // space, comes back clean; without one, `null`.
    let single = import(
        &db,
        "atelier.toml",
        "[workshop]\ntitle = \"Mobilités\"\nroom = \"  Salle\u{a0}Chartreuse\u{200b} \"\n",
    );
    assert!(single.status.success());
    let links: serde_json::Value = serde_json::from_slice(&single.stdout).expect("JSON");
    assert_eq!(links["room"], "Salle\u{a0}Chartreuse");
    assert!(links["facilitator_url"].as_str().is_some());
    let bare = import(&db, "nu.toml", "[workshop]\ntitle = \"Sans salle\"\n");
    let links: serde_json::Value = serde_json::from_slice(&bare.stdout).expect("JSON");
    assert!(links["room"].is_null(), "{links}");
}

#[test]
fn a_wrong_room_names_its_file_line_and_key_and_nothing_is_stored() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("a.db");
    let long = "x".repeat(81);
    let source = EVENT.replace(
        "room = \"Amphithéâtre Gaston Berger\"",
        &format!("room = \"{long}\""),
    );
    let line = source
        .lines()
        .position(|l| l.contains(&long))
        .expect("the line")
        + 1;
    let output = import(&db, "rencontre.toml", &source);
    assert!(!output.status.success());
    assert!(output.stdout.is_empty());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains(&format!(
            "rencontre.toml, ligne {line}, clé workshops[1].room : 80 caractères au plus."
        )),
        "{message}"
    );
    // Exactly 80 characters fit.
    let fits = import(
        &db,
        "atelier.toml",
        &format!("[workshop]\ntitle = \"A\"\nroom = \"{}\"\n", "é".repeat(80)),
    );
    assert!(fits.status.success());
    // A room of two lines in a workshop file.
    let two_lines = import(
        &db,
        "atelier.toml",
        "[workshop]\ntitle = \"A\"\n\nroom = \"\"\"Salle A\n2e étage\"\"\"\n",
    );
    assert!(!two_lines.status.success());
    let message = String::from_utf8_lossy(&two_lines.stderr);
    assert!(
        message.contains("atelier.toml, ligne 4, clé workshop.room : Ce texte contient un caractère non autorisé."),
        "{message}"
    );
    assert_eq!(rooms_in(&db), [Some("é".repeat(80))]);
}

#[actix_web::test]
async fn a_wrong_room_pasted_in_the_console_is_refused_with_its_line_and_key_and_the_text_kept() {
    let (app, event) = with_event().await;
    let pasted = format!(
        "[workshop]\ntitle = \"Mobilités\"\nroom = \"{}\"\n",
        "y".repeat(81)
    );
    let english = phone()
        .post(organiser(&app, &event, "/workshops/new"))
        .header("accept-language", "en")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(
            form_urlencoded::Serializer::new(String::new())
                .append_pair("file", &pasted)
                .finish(),
        )
        .send()
        .await
        .expect("answer");
    assert_eq!(english.status(), 422);
    let page = english.text().await.expect("page");
    assert!(
        page.contains("line 3, key workshop.room: At most 80 characters."),
        "{page}"
    );
    assert!(page.contains(&"y".repeat(81)), "the text is kept");
    let french = post(
        &phone(),
        &organiser(&app, &event, "/workshops/new"),
        &[("file", &pasted)],
    )
    .await;
    assert_eq!(french.status(), 422);
    let page = french.text().await.expect("page");
    assert!(
        page.contains("ligne 3, clé workshop.room : 80 caractères au plus."),
        "{page}"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM workshops").await, 4);

    // The same workshop with a room that fits is added with it, and the console shows it.
    let added = post(
        &phone(),
        &organiser(&app, &event, "/workshops/new"),
        &[(
            "file",
            "[workshop]\ntitle = \"Mobilités\"\njoin_code = \"MOBIL\"\nroom = \"Salle Chartreuse\"\n",
        )],
    )
    .await;
    assert_eq!(added.status(), 200);
    let console = text(&phone(), organiser(&app, &event, "")).await;
    assert!(console.contains("Salle Chartreuse"), "{console}");
}

#[actix_web::test]
async fn the_room_shows_on_the_console_the_posters_the_links_sheet_and_both_headers() {
    let (app, event) = with_event().await;
    let console = text(&phone(), organiser(&app, &event, "")).await;
    let table = text(&phone(), organiser(&app, &event, "/workshops")).await;
    for page in [&console, &table] {
        for room in ["Salle Vercors, 2e étage", "Amphithéâtre Gaston Berger"] {
            assert!(page.contains(&format!("</span>{room}</span>")), "{page}");
        }
        assert_eq!(page.matches("class=\"room\"").count(), 2, "{page}");
    }

    let posters = text(&phone(), organiser(&app, &event, "/posters")).await;
    assert!(
        poster(&posters, "SOCIAL").contains("<p class=\"poster-room\">Salle Vercors, 2e étage</p>")
    );
    assert!(
        poster(&posters, "ECOLO")
            .contains("<p class=\"poster-room\">Amphithéâtre Gaston Berger</p>")
    );
    let third = event.workshops[2].join_code.as_str();
    assert!(!poster(&posters, third).contains("poster-room"), "no room");

    let links = text(&phone(), organiser(&app, &event, "/links")).await;
    for room in ["Salle Vercors, 2e étage", "Amphithéâtre Gaston Berger"] {
        assert!(
            links.contains(&format!("<span class=\"room\">{room}</span>")),
            "{links}"
        );
    }

    let facilitator = text(
        &phone(),
        app.url(&format!("/f/{}", event.workshops[0].facilitator_key)),
    )
    .await;
    assert!(
        facilitator.contains("Lieu : <span lang=\"fr\">Salle Vercors, 2e étage</span>"),
        "{facilitator}"
    );
    let phone_page = text(&phone(), app.url("/w/SOCIAL")).await;
    assert!(
        phone_page.contains("<p class=\"workshop-room\">")
            && phone_page.contains("</span> Salle Vercors, 2e étage</p>"),
        "{phone_page}"
    );
    let without = text(&phone(), app.url(&format!("/w/{third}"))).await;
    assert!(!without.contains("workshop-room"));
}

#[actix_web::test]
async fn each_poster_speaks_its_workshops_language_whatever_the_browser_reads() {
    let (app, event) = with_event().await;
    for (accept, chrome) in [
        ("en", "Posters to print (A4)"),
        ("fr", "Affiches à imprimer (A4)"),
    ] {
        let page = phone()
            .get(organiser(&app, &event, "/posters"))
            .header("accept-language", accept)
            .send()
            .await
            .expect("answer")
            .text()
            .await
            .expect("page");
        assert!(
            page.contains(&format!("<html lang=\"{accept}\">")),
            "the page's own language: {page}"
        );
        assert!(page.contains(&format!("<h1>{chrome}</h1>")), "{page}");
        let french = poster(&page, "SOCIAL");
        assert!(french.starts_with(" lang=\"fr\""), "{french}");
        assert!(french.contains("Avec votre téléphone, ouvrez"), "{french}");
        assert!(french.contains("ou tapez le code"));
        assert!(!french.contains("With your phone"));
        let english = poster(&page, "ECOLO");
        assert!(english.starts_with(" lang=\"en\""), "{english}");
        assert!(english.contains("With your phone, open"), "{english}");
        assert!(english.contains("or type the code"));
        assert!(!english.contains("Avec votre téléphone"));
    }
}

#[actix_web::test]
async fn the_new_workshop_form_takes_a_room_and_refuses_a_long_one_on_the_same_page() {
    let app = TestApp::with_fixture().await;
    let long = "z".repeat(81);
    let refused = post(
        &phone(),
        &app.url("/new"),
        &[("title", "Atelier mobilités"), ("room", &long)],
    )
    .await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.expect("page");
    assert!(page.contains("80 caractères au plus."), "{page}");
    assert!(page.contains(&format!("value=\"{long}\"")), "kept: {page}");
    assert_eq!(app.count("SELECT COUNT(*) FROM workshops").await, 1);

    let made = post(
        &phone(),
        &app.url("/new"),
        &[
            ("title", "Atelier mobilités"),
            ("room", "Salle Chartreuse"),
            ("join_code", "MOBIL1"),
        ],
    )
    .await;
    assert_eq!(made.status(), 303);
    let phone_page = text(&phone(), app.url("/w/MOBIL1")).await;
    assert!(
        phone_page.contains("</span> Salle Chartreuse</p>"),
        "{phone_page}"
    );
}
