//! The proceedings of an event and its exports (issue #14, item 4): three workshops of
//! the national meeting, each with its own keywords, and one keyword sent in two of them.

use std::process::Command;

use atelier::domain::event_file;
use atelier::store::CreatedEvent;
use calamine::{Data, Reader, Xlsx};

use crate::common::{TestApp, part, phone, post};

const EVENT: &str = include_str!("../fixtures/rencontres-leader.toml");

/// A server (its own fixture workshop SOLIDA aside) with the event file's three
/// workshops, the first one's join code changed so both fit, and keywords sent in each:
/// "Inspirant" in the first two, "Mobilité" only in the first, "Circuits courts" only in
/// the second, "Accueil" only in the third.
async fn event() -> (TestApp, CreatedEvent) {
    let app = TestApp::with_fixture().await;
    let file = event_file::parse(&EVENT.replace("\"SOLIDA\"", "\"SOCIAL\"")).expect("event file");
    let created = app.store.create_event(file).await.expect("event stored");
    let sent: [&[&str]; 3] = [
        &["Inspirant", "Mobilité"],
        &["Circuits courts", "Inspirant"],
        &["Accueil"],
    ];
    for (workshop, keywords) in created.workshops.iter().zip(sent) {
        let fields: Vec<(&str, &str)> = keywords.iter().map(|k| ("keyword", *k)).collect();
        let url = app.url(&format!("/w/{}/keywords", workshop.join_code));
        let response = post(&phone(), &url, &fields).await;
        assert_eq!(response.status(), 303, "{url}");
    }
    (app, created)
}

async fn download(app: &TestApp, created: &CreatedEvent, file: &str) -> Vec<u8> {
    let url = app.url(&format!("/o/{}/export/{file}", created.organiser_key));
    let response = phone().get(&url).send().await.expect("answers");
    assert_eq!(response.status(), 200, "{file}");
    response.bytes().await.expect("body").to_vec()
}

fn names(zip: &[u8]) -> Vec<String> {
    let archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("a zip");
    archive
        .file_names()
        .map(|n| n.expect("a name").into_owned())
        .collect()
}

/// Every sheet's rows, by name.
fn sheets(xlsx: Vec<u8>) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).expect("an xlsx");
    book.worksheets()
        .into_iter()
        .map(|(name, range)| (name, range.rows().map(<[Data]>::to_vec).collect()))
        .collect()
}

const TITLES: [&str; 3] = [
    "Atelier 1 — Atelier thématique solidarités sociales",
    "Atelier 2 — Atelier thématique transition écologique",
    "Atelier 3 — Atelier thématique attractivité des territoires",
];

#[actix_web::test]
async fn the_proceedings_hold_a_chapter_per_workshop_with_its_own_keywords_and_the_event_summary() {
    let (app, created) = event().await;
    let md = String::from_utf8(download(&app, &created, "report.md").await).expect("utf-8");
    assert!(
        md.starts_with("# 2èmes rencontres nationales de la coopération LEADER\n"),
        "{md}"
    );
    assert!(
        md.contains("21 novembre 2019 — Paris, Cité des sciences"),
        "{md}"
    );
    for (n, title) in (1..).zip(TITLES) {
        assert!(
            md.contains(&format!("- [{title}](#atelier-{n})")),
            "contents name {title}"
        );
    }
    // Each chapter, from its anchor to the next.
    let section = |anchor: &str| {
        let start = md
            .find(&format!("<a id=\"{anchor}\"></a>"))
            .expect("chapter anchor");
        let end = md[start + 1..]
            .find("<a id=")
            .map_or(md.len(), |e| start + 1 + e);
        md[start..end].to_string()
    };
    let chapter = |n: usize| section(&format!("atelier-{n}"));
    let (one, two, three) = (chapter(1), chapter(2), chapter(3));
    assert!(one.contains(&format!("## {}", TITLES[0])), "{one}");
    assert!(
        one.contains("Inspirant") && one.contains("Mobilité"),
        "{one}"
    );
    assert!(
        !one.contains("Circuits courts") && !one.contains("Accueil"),
        "{one}"
    );
    assert!(two.contains(&format!("## {}", TITLES[1])), "{two}");
    assert!(
        two.contains("Circuits courts") && two.contains("Inspirant"),
        "{two}"
    );
    assert!(
        !two.contains("Mobilité") && !two.contains("Accueil"),
        "{two}"
    );
    assert!(three.contains("Accueil"), "{three}");
    assert!(
        !three.contains("Inspirant") && !three.contains("Mobilité"),
        "{three}"
    );
    // The workshop report's sections, a level down, with each chapter's own annex.
    assert!(one.contains("### Les mots clefs"), "{one}");
    assert!(one.contains("### Annexe"), "{one}");
    assert!(
        one.contains("1 téléphone, 2 mots-clés, 0 votant."),
        "no voter is 0 votant: {one}"
    );
    assert!(
        !one.contains("\n# "),
        "no chapter heading at the proceedings' level"
    );

    let summary = section("rencontre");
    assert!(summary.starts_with("<a id=\"rencontre\"></a>"), "{summary}");
    assert!(summary.contains("## La rencontre en chiffres"), "{summary}");
    assert!(
        summary.contains(&format!("| {} | 1 | 2 | 0 | 0 |", TITLES[0])),
        "{summary}"
    );
    assert!(
        summary.contains("| **Toute la rencontre** | **3** | **5** | **0** | **0** |"),
        "{summary}"
    );
    assert!(
        summary.contains("- Inspirant (2) — ateliers 1, 2"),
        "{summary}"
    );
    assert!(summary.contains("- Mobilité (1) — atelier 1"), "{summary}");
    assert!(summary.contains("- Accueil (1) — atelier 3"), "{summary}");
    assert!(!summary.contains("Solidarité"), "SOLIDA is not the event's");

    let html = String::from_utf8(download(&app, &created, "report.html").await).expect("utf-8");
    for (n, title) in (1..).zip(TITLES) {
        assert!(
            html.contains(&format!("<a href=\"#atelier-{n}\">{title}</a>")),
            "{html}"
        );
        assert!(html.contains(&format!("id=\"atelier-{n}\"")), "{html}");
    }
    assert!(html.contains("Inspirant (2) — ateliers 1, 2"), "{html}");
    assert!(!html.contains(&created.organiser_key), "no key on the page");
    // Printed, the title page stands alone: the contents start a page, as each chapter does.
    assert!(
        html.contains(".contents-page, .chapter, .event-summary { break-before: page; }")
            && html.contains("<section class=\"contents-page\">"),
        "{html}"
    );

    let docx = download(&app, &created, "report.docx").await;
    let document = String::from_utf8(part(&docx, "word/document.xml")).expect("utf-8");
    for title in TITLES {
        assert!(document.contains(title), "{title} in the Word file");
    }
    assert!(
        document.contains("w:val=\"Heading3\""),
        "chapters' parts a level down"
    );
    assert!(document.contains("Inspirant (2) — ateliers 1, 2"));
}

/// The texts of `document.xml`'s paragraphs (runs joined), each with whether it starts a
/// new page (`w:pageBreakBefore`, or a page break in a run before its text).
fn paragraphs(document: &str) -> Vec<(bool, String)> {
    document
        .split("</w:p>")
        .map(|p| {
            let p = p.rsplit("<w:p>").next().unwrap_or(p);
            let p = p.rsplit("<w:p ").next().unwrap_or(p);
            let text: String = p
                .split("<w:t")
                .skip(1)
                .filter_map(|t| t.split_once('>').map(|(_, rest)| rest))
                .map(|t| t.split("</w:t>").next().unwrap_or(""))
                .collect();
            let breaks = p.contains("<w:pageBreakBefore") || p.contains("w:type=\"page\"");
            (breaks, text)
        })
        .collect()
}

#[actix_web::test]
async fn the_word_proceedings_give_the_title_page_the_contents_and_each_chapter_a_page() {
    let (app, created) = event().await;
    let docx = download(&app, &created, "report.docx").await;
    let document = String::from_utf8(part(&docx, "word/document.xml")).expect("utf-8");
    let paragraphs = paragraphs(&document);
    // Page 1 holds the title and what the event is; every new page starts with a heading.
    let pages: Vec<&str> = paragraphs
        .iter()
        .filter(|(breaks, _)| *breaks)
        .map(|(_, text)| text.as_str())
        .collect();
    let mut expected = vec!["Sommaire"];
    expected.extend(TITLES);
    expected.push("La rencontre en chiffres");
    assert_eq!(pages, expected);
    let first_page: Vec<&str> = paragraphs
        .iter()
        .take_while(|(breaks, _)| !breaks)
        .map(|(_, text)| text.as_str())
        .filter(|text| !text.is_empty())
        .collect();
    assert_eq!(
        first_page,
        [
            "2èmes rencontres nationales de la coopération LEADER",
            "Actes",
            "21 novembre 2019 — Paris, Cité des sciences"
        ],
        "the title page holds the title, 'Actes', the date and place, and nothing else"
    );
    // The chapters' parts are headings a level down, styled as such.
    let styles = String::from_utf8(part(&docx, "word/styles.xml")).expect("utf-8");
    assert!(styles.contains("w:styleId=\"Heading3\""), "{styles}");

    // The summary table: the title column wide, the number columns narrow and right-aligned.
    let summary = document
        .split("La rencontre en chiffres")
        .nth(2)
        .expect("the summary after the contents' line");
    let table = summary.split("</w:tbl>").next().expect("a table");
    let widths: Vec<usize> = table
        .split("<w:gridCol w:w=\"")
        .skip(1)
        .map(|w| {
            w.split('"')
                .next()
                .expect("a width")
                .parse()
                .expect("a number")
        })
        .collect();
    assert_eq!(widths.len(), 5, "{table}");
    // A number column is as wide as its header's longest word ("Téléphones"), about 2.6 cm.
    assert!(
        widths[1..].iter().all(|w| *w < 1_600),
        "number columns are narrow: {widths:?}"
    );
    assert!(
        widths[0] > 2 * widths[1..].iter().max().expect("columns"),
        "the title column is wide: {widths:?}"
    );
    let total_row = table.split("<w:tr>").last().expect("rows");
    assert!(total_row.contains("Toute la rencontre"), "{total_row}");
    assert_eq!(
        total_row.matches("w:val=\"right\"").count(),
        4,
        "the four counts of a row are right-aligned: {total_row}"
    );
}

/// The proceedings of [`event`] as the golden file keeps them: every workshop given its
/// hours, so nothing depends on when the test runs (`UPDATE_GOLDEN=1` rewrites it).
#[actix_web::test]
async fn the_proceedings_in_markdown_match_the_golden_file() {
    let app = TestApp::with_fixture().await;
    let source = EVENT
        .replace("\"SOLIDA\"", "\"SOCIAL\"")
        .replace(
            "join_code = \"ECOLO\"",
            "join_code = \"ECOLO\"\nstarts = \"09:30\"\nends = \"11:00\"",
        )
        .replace(
            "keywords_per_participant = 5",
            "keywords_per_participant = 5\nstarts = \"14:00\"\nends = \"17:00\"",
        );
    let created = app
        .store
        .create_event(event_file::parse(&source).expect("event file"))
        .await
        .expect("event stored");
    let sent: [&[(&str, &str)]; 3] = [
        &[("keyword", "Inspirant"), ("keyword", "Mobilité")],
        &[("keyword", "Circuits courts"), ("keyword", "inspirant")],
        &[("keyword", "Accueil")],
    ];
    for (workshop, fields) in created.workshops.iter().zip(sent) {
        let base = app.url(&format!("/w/{}", workshop.join_code));
        let phone = phone();
        post(&phone, &format!("{base}/keywords"), fields).await;
        let response = post(
            &phone,
            &format!("{base}/findings"),
            &[
                ("category", "constat"),
                ("text", "# Pas un titre\n- ni une liste"),
            ],
        )
        .await;
        assert_eq!(response.status(), 303);
    }
    let md = String::from_utf8(download(&app, &created, "report.md").await).expect("utf-8");
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/rencontres-leader-proceedings.md"
    );
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, &md).expect("golden");
    }
    assert_eq!(md, std::fs::read_to_string(path).expect("golden file"));
}

#[actix_web::test]
async fn event_zip_holds_the_proceedings_and_each_workshop_folder() {
    let (app, created) = event().await;
    let zip = download(&app, &created, "event.zip").await;
    let names = names(&zip);
    for top in ["report.md", "report.docx", "report.html", "event.xlsx"] {
        assert!(names.contains(&top.to_string()), "{top} in {names:?}");
    }
    // The join code as printed on the posters, then the title (a rapporteur recognises both).
    let third = created.workshops[2].join_code.to_string();
    for folder in [
        "SOCIAL-atelier-thematique-solidarites-sociales".to_string(),
        "ECOLO-atelier-thematique-transition-ecologique".to_string(),
        // Cut between words at 40 characters, not inside "territoires".
        format!("{third}-atelier-thematique-attractivite-des"),
    ] {
        for file in [
            "report.md",
            "report.docx",
            "report.html",
            "workshop.xlsx",
            "keywords.csv",
        ] {
            let name = format!("{folder}/{file}");
            assert!(names.contains(&name), "{name} in {names:?}");
        }
    }
    let ecolo = String::from_utf8(part(
        &zip,
        "ECOLO-atelier-thematique-transition-ecologique/keywords.csv",
    ))
    .expect("utf-8");
    assert!(
        ecolo.contains("Circuits courts") && !ecolo.contains("Mobilité"),
        "{ecolo}"
    );
    let md = String::from_utf8(part(&zip, "report.md")).expect("utf-8");
    assert!(md.contains(TITLES[2]), "the proceedings at the top");
}

#[actix_web::test]
async fn the_event_workbook_has_a_workshop_column_and_numbers_as_numbers() {
    let (app, created) = event().await;
    let sheets = sheets(download(&app, &created, "event.xlsx").await);
    // Every header is a translated word (the trial of #14 found "Unknown localization key").
    for (name, rows) in &sheets {
        for cell in rows.iter().flatten() {
            let text = cell.to_string();
            assert!(!text.contains("localization"), "{name}: {text}");
        }
    }
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Mots-clés",
            "Mots-clés (rencontre)",
            "Constats",
            "Recommandations",
            "Participation"
        ]
    );
    let keywords = &sheets[0].1;
    assert_eq!(keywords[0][0], Data::String("Atelier".into()));
    assert!(keywords.contains(&vec![
        Data::String(TITLES[1].into()),
        Data::String("ECOLO".into()),
        Data::String("Circuits courts".into()),
        Data::Float(1.0),
        Data::String("Circuits courts (1)".into()),
    ]));
    let event_keywords = &sheets[1].1;
    assert_eq!(
        event_keywords[1],
        vec![
            Data::String("Inspirant".into()),
            Data::Float(2.0),
            Data::String(format!("{} | {}", TITLES[0], TITLES[1])),
        ]
    );
    let recommendations = &sheets[3].1;
    assert!(
        recommendations
            .iter()
            .any(|r| r[0] == Data::String(TITLES[2].into())
                && r[3] == Data::String("Mutualiser l'accueil des nouveaux arrivants".into())),
        "{recommendations:?}"
    );
    // The voters' share is a fraction shown as a percentage (it read "75.0" in the trial).
    assert!(
        recommendations
            .iter()
            .skip(1)
            .all(|r| matches!(r.get(6), Some(Data::Float(share)) if (0.0..=1.0).contains(share))),
        "{recommendations:?}"
    );
    let participation = &sheets[4].1;
    assert_eq!(participation.len(), 4, "a row per workshop");
    assert_eq!(participation[3][2], Data::Float(1.0));
}

#[actix_web::test]
async fn the_console_links_to_each_export_and_each_link_downloads() {
    let (app, created) = event().await;
    let key = &created.organiser_key;
    let console = crate::common::text(&phone(), app.url(&format!("/o/{key}"))).await;
    for file in [
        "report.html",
        "report.docx",
        "report.md",
        "event.xlsx",
        "event.zip",
        "event.zip?dialect=excel-fr",
    ] {
        let href = format!("/o/{key}/export/{file}");
        assert!(
            console.contains(&format!("href=\"{href}\"")),
            "{href} on the console"
        );
        let response = phone().get(app.url(&href)).send().await.expect("answers");
        assert_eq!(response.status(), 200, "{href}");
        let disposition = response
            .headers()
            .get("content-disposition")
            .map(|v| v.to_str().expect("ascii").to_string());
        if file == "report.html" {
            assert_eq!(disposition, None, "the page to print opens in the browser");
        } else {
            let name = file.split('?').next().expect("name");
            let expected = if file.contains("excel-fr") {
                "attachment; filename=\"leader2019-event-excel-fr.zip\"".to_string()
            } else {
                format!("attachment; filename=\"leader2019-{name}\"")
            };
            assert_eq!(disposition.as_deref(), Some(expected.as_str()), "{href}");
        }
    }
}

#[actix_web::test]
async fn a_wrong_key_or_an_unknown_file_is_not_found() {
    let (app, created) = event().await;
    for path in [
        format!("/o/{}/export/report.md", "0".repeat(32)),
        "/o/nothex/export/report.md".to_string(),
        format!("/o/{}/export/secret.txt", created.organiser_key),
        format!("/o/{}/export/atelier.zip", created.organiser_key),
    ] {
        let response = phone().get(app.url(&path)).send().await.expect("answers");
        assert_eq!(response.status(), 404, "{path}");
    }
}

fn export(app: &TestApp, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_atelier"))
        .env_remove("ATELIER_DB")
        .env("LANG", "fr_FR.UTF-8")
        .arg("export")
        .arg("--db")
        .arg(app.dir.path().join("atelier.db"))
        .args(args)
        .output()
        .expect("atelier runs")
}

#[actix_web::test]
async fn export_event_writes_each_format_and_refuses_an_unknown_event() {
    let (app, _created) = event().await;
    let out = |name: &str| app.dir.path().join(name);
    for (format, name) in [
        ("md", "actes.md"),
        ("docx", "actes.docx"),
        ("xlsx", "rencontre.xlsx"),
        ("zip", "rencontre.zip"),
        ("html", "actes.html"),
    ] {
        let path = out(name);
        let output = export(
            &app,
            &[
                "--event",
                "leader2019",
                "--format",
                format,
                "--out",
                path.to_str().expect("path"),
            ],
        );
        assert!(
            output.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&output.stdout).trim(),
            path.display().to_string()
        );
    }
    let md = std::fs::read_to_string(out("actes.md")).expect("md");
    assert!(md.contains(TITLES[0]) && md.contains("- Inspirant (2) — ateliers 1, 2"));
    let docx = std::fs::read(out("actes.docx")).expect("docx");
    let document = String::from_utf8(part(&docx, "word/document.xml")).expect("utf-8");
    assert!(document.contains(TITLES[1]));
    let sheets = sheets(std::fs::read(out("rencontre.xlsx")).expect("xlsx"));
    assert_eq!(sheets[0].1[0][0], Data::String("Atelier".into()));
    let zip = std::fs::read(out("rencontre.zip")).expect("zip");
    assert!(
        names(&zip)
            .contains(&"ECOLO-atelier-thematique-transition-ecologique/report.md".to_string())
    );
    // No temporary file left beside them.
    let left: Vec<String> = std::fs::read_dir(app.dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".atelier-export-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");

    let unknown = export(
        &app,
        &[
            "--event",
            "NOSUCH",
            "--format",
            "md",
            "--out",
            out("x.md").to_str().expect("path"),
        ],
    );
    assert!(!unknown.status.success());
    assert!(
        String::from_utf8_lossy(&unknown.stderr)
            .contains("Aucune rencontre n'a le code « NOSUCH »")
    );
    assert!(!out("x.md").exists());
    let csv = export(
        &app,
        &[
            "--event",
            "LEADER2019",
            "--format",
            "csv",
            "--out",
            out("csv").to_str().expect("path"),
        ],
    );
    assert!(!csv.status.success());
    assert!(String::from_utf8_lossy(&csv.stderr).contains("event.zip"));
}
