//! The rapporteur's take-away (issue #5): the report in Markdown (golden file), Word and
//! HTML, the workbook, the CSV dialects, times across a clock change, the ZIP, the
//! syntheses, closing the workshop, and `atelier export`.

use std::io::Read;

use crate::common::{self, TestApp, csv_rows, phone, replay};

const GOLDEN: &str = include_str!("../fixtures/solidarites-sociales-report.md");

/// Sets every time of the replayed workshop to fixed values (keywords 09:05, findings
/// 09:20, ballots 09:40, Paris time on 30 November 2026), so the report is the same at
/// every run.
fn fix_times(app: &TestApp) {
    let conn = rusqlite::Connection::open(app.dir.path().join("atelier.db")).expect("db");
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .expect("timeout");
    conn.execute_batch(
        "UPDATE keywords SET submitted_at = '2026-11-30T08:05:00.000Z';
         UPDATE findings SET submitted_at = '2026-11-30T08:20:00.000Z';
         UPDATE ballots SET submitted_at = '2026-11-30T08:40:00.000Z';",
    )
    .expect("times");
}

async fn bytes(url: &str) -> (reqwest::StatusCode, String, Vec<u8>) {
    let response = phone().get(url).send().await.expect("answer");
    let status = response.status();
    let kind = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (status, kind, response.bytes().await.expect("body").to_vec())
}

fn unzip(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut file = archive.by_name(name).expect("the part");
    let mut text = String::new();
    file.read_to_string(&mut text).expect("text");
    text
}

/// The rapporteur's statements for the fixture, as the real report rewrites and merges
/// the room's findings: `(category, statement, findings it gathers)`.
const STATEMENTS: &[(&str, &str, &[&str])] = &[
    (
        "constat",
        "La solidarité et la coopération restent mal reconnues par les collectivités, et la volonté politique est décisive",
        &[
            "Les problématiques de solidarité et de coopération ne sont pas toujours bien reconnues par les collectivités",
            "L'enjeu de la volonté politique est clé",
        ],
    ),
    (
        "difficulte",
        "Innover et monter un projet demandent du temps",
        &[
            "L'innovation nécessite du temps de calage",
            "Le besoin de temps doit être pris en compte dans le montage de tout projet",
        ],
    ),
    (
        "difficulte",
        "La continuité des projets souffre quand les personnes changent",
        &["Difficile de capitaliser et d'assurer la continuité quand les personnes changent"],
    ),
    (
        "difficulte",
        "La mixité des acteurs demande une animation à part entière",
        &[
            "La mixité des acteurs (publics/privés, économiques/sociaux) nécessite une animation à part entière",
        ],
    ),
    (
        "levier",
        "Coopérer : se connaître et comprendre les enjeux de chacun",
        &[
            "La coopération et les partenariats sont une condition clé pour avancer",
            "Apprendre à se connaître et comprendre les enjeux de chacun",
        ],
    ),
    (
        "levier",
        "Reconnaître les associations comme acteurs économiques et le droit à l'expérimentation",
        &[
            "La reconnaissance des associations en tant qu'acteurs économiques locaux",
            "La reconnaissance de l'expérimentation, de l'erreur ou de l'échec possible",
        ],
    ),
];

/// Writes [`STATEMENTS`] through the synthesis page's form.
async fn write_statements(app: &TestApp) {
    let ids: std::collections::HashMap<String, String> =
        csv_rows(&app.export("findings.csv").await)
            .into_iter()
            .map(|row| (row["text"].clone(), row["id"].clone()))
            .collect();
    for (category, text, findings) in STATEMENTS {
        let mut fields = vec![("category", *category), ("text", *text)];
        fields.extend(findings.iter().map(|f| ("finding", ids[*f].as_str())));
        let response = app.post_facilitator("synthesis/statements", &fields).await;
        assert_eq!(response.status(), 303, "{text}");
    }
}

#[actix_web::test]
async fn the_fixture_report_in_markdown_matches_the_golden_file() {
    let app = TestApp::with_fixture().await;
    replay(&app).await;
    fix_times(&app);
    write_statements(&app).await;
    let (status, kind, body) =
        bytes(&format!("{}/export/report.md", app.links.facilitator_url)).await;
    assert_eq!(status, 200);
    assert!(kind.starts_with("text/markdown"));
    let report = String::from_utf8(body).expect("utf-8");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/solidarites-sociales-report.md"
            ),
            &report,
        )
        .expect("golden");
    }
    assert_eq!(report, GOLDEN);

    // In order: the title, the three speakers' topics, the 13 keywords, the 10 findings
    // under their categories, the 5 recommendations with 11, 10, 5, 5, 5 dots.
    let mut at = 0;
    let mut after = |needle: &str| {
        let found = report[at..]
            .find(needle)
            .unwrap_or_else(|| panic!("«{needle}» after byte {at}"));
        at += found + needle.len();
    };
    after("2èmes rencontres nationales de la coopération LEADER");
    after("# Atelier thématique solidarités sociales");
    after("21 novembre 2019, 14:00–16:30");
    after("La revitalisation des centres-bourgs, l'habitat de demain");
    after("« Fenêtres sur Bourg »");
    after("« Le kiosque de la mobilité »");
    after("## Les mots clefs qui ont caractérisé les expériences présentées");
    for keyword in [
        "Inspirant (5)",
        "intergénérationnel (4)",
        "co-conception (3)",
        "essaimage (3)",
        "services (3)",
        "temporalité (3)",
        "turn over (3)",
    ] {
        assert!(report.contains(&format!("- {keyword}\n")), "{keyword}");
    }
    assert_eq!(report.matches(" (2)\n").count(), 6);
    after("Inspirant, intergénérationnel, co-conception");
    after("### Constat");
    after("*(2 constats, 0 +1)*");
    after("### Difficulté");
    after("### Levier");
    after("## Enjeux et recommandations");
    after("- **1** Des moyens, de l'animation et du temps *(11 gommettes, 9 votants)*");
    after("## Annexe");
    after("- Inspirant (5)");
    after("#### Constat");
    after("- L'enjeu de la volonté politique est clé");
    for dots in ["| 11 |", "| 10 |", "| 5 |", "| 5 |", "| 5 |"] {
        after(dots);
    }
    after("12 téléphones, 36 mots-clés, 3 constats, 3 difficultés, 4 leviers, 12 votants.");
    assert!(!report.contains("Rien pour l'instant"));
}

#[actix_web::test]
async fn the_word_report_and_the_workbook_open_and_hold_the_same_figures() {
    let app = TestApp::with_fixture().await;
    replay(&app).await;
    fix_times(&app);
    let (status, kind, docx) =
        bytes(&format!("{}/export/report.docx", app.links.facilitator_url)).await;
    assert_eq!(status, 200);
    assert!(kind.contains("wordprocessingml"));
    let document = unzip(&docx, "word/document.xml");
    for text in [
        "Atelier thématique solidarités sociales",
        "Enjeux et recommandations",
        "intergénérationnel (4)",
        "Des moyens, de l&apos;animation et du temps",
    ] {
        assert!(
            document.contains(text) || document.contains(&text.replace("&apos;", "'")),
            "{text}"
        );
    }
    assert!(
        document.contains("<w:t xml:space=\"preserve\">11</w:t>") || document.contains(">11<"),
        "11 dots in the table"
    );

    let (status, _, xlsx) = bytes(&format!(
        "{}/export/workshop.xlsx",
        app.links.facilitator_url
    ))
    .await;
    assert_eq!(status, 200);
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).expect("xlsx opens");
    assert_eq!(
        book.sheet_names(),
        [
            "Mots-clés",
            "Constat",
            "Difficulté",
            "Levier",
            "Recommandations",
            "Entrées"
        ]
    );
    let keywords = book.worksheet_range("Mots-clés").expect("sheet");
    assert_eq!(
        keywords.get((1, 0)),
        Some(&Data::String("Inspirant".into()))
    );
    assert_eq!(
        keywords.get((1, 1)),
        Some(&Data::Float(5.0)),
        "counts are numbers"
    );
    assert_eq!(keywords.height(), 14);
    let votes = book.worksheet_range("Recommandations").expect("sheet");
    let dots: Vec<Option<&Data>> = (1..6).map(|row| votes.get((row, 2))).collect();
    assert_eq!(
        dots,
        [
            Some(&Data::Float(11.0)),
            Some(&Data::Float(10.0)),
            Some(&Data::Float(5.0)),
            Some(&Data::Float(5.0)),
            Some(&Data::Float(5.0))
        ]
    );
    let entries = book.worksheet_range("Entrées").expect("sheet");
    assert_eq!(entries.height(), 1 + 36 + 10 + 29);
    assert!(
        matches!(entries.get((1, 0)), Some(Data::DateTime(_))),
        "times are dates: {:?}",
        entries.get((1, 0))
    );
}

#[actix_web::test]
async fn excel_fr_csv_opens_right_and_neutralises_formulas() {
    let app = TestApp::with_fixture().await;
    let phone = phone();
    for text in [
        "=HYPERLINK(\"http://x\",\"y\")",
        "\t=1+1",
        "Un; \"deux\"\ntrois",
        "intergénérationnel œuvre « ok »",
    ] {
        let response = app.post_finding(&phone, "constat", text).await;
        assert_eq!(response.status(), 303, "{text:?}");
    }
    let (status, kind, body) = bytes(&format!(
        "{}/export/findings.csv?dialect=excel-fr",
        app.links.facilitator_url
    ))
    .await;
    assert_eq!(status, 200);
    assert!(kind.starts_with("text/csv"));
    assert_eq!(&body[..3], [0xEF, 0xBB, 0xBF], "UTF-8 BOM");
    let text = String::from_utf8(body[3..].to_vec()).expect("utf-8");
    assert!(text.starts_with("id;categorie;texte;date_envoi;"), "{text}");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("rows");
    assert_eq!(
        rows.len(),
        4,
        "one row per finding: a field with ; \" and a newline is one cell"
    );
    let texts: Vec<&str> = rows.iter().map(|r| &r[2]).collect();
    assert_eq!(
        texts,
        [
            "'=HYPERLINK(\"http://x\",\"y\")",
            "'=1+1",
            "Un; \"deux\"\ntrois",
            "intergénérationnel œuvre « ok »"
        ]
    );
    for row in &rows {
        assert!(
            row[0].chars().all(|c| c.is_ascii_digit()),
            "ids are never prefixed"
        );
        assert!(
            row[7].chars().all(|c| c.is_ascii_digit()),
            "supports are never prefixed"
        );
    }
    let (_, _, standard) = bytes(&format!(
        "{}/export/findings.csv",
        app.links.facilitator_url
    ))
    .await;
    assert!(
        standard.starts_with(b"id,category,text,"),
        "the standard dialect has no BOM"
    );
}

#[actix_web::test]
async fn a_finding_at_half_past_midnight_on_the_night_the_clocks_go_back_shows_that_local_time() {
    let app = TestApp::with_fixture().await;
    let phone = phone();
    app.post_finding(&phone, "levier", "Tard dans la nuit")
        .await;
    app.post_keywords(&phone, &["nocturne"]).await;
    // 00:30 in Paris on 25 October 2026 (summer time, UTC+2) is 22:30 UTC the day before.
    let conn = rusqlite::Connection::open(app.dir.path().join("atelier.db")).expect("db");
    conn.execute_batch(
        "UPDATE findings SET submitted_at = '2026-10-24T22:30:00.000Z';
         UPDATE keywords SET submitted_at = '2026-10-24T22:30:00.000Z';",
    )
    .expect("times");
    let base = &app.links.facilitator_url;
    for file in [
        "findings.csv",
        "entries.csv",
        "keyword-entries.csv",
        "findings.csv?dialect=excel-fr",
    ] {
        let (_, _, body) = bytes(&format!("{base}/export/{file}")).await;
        let text = String::from_utf8_lossy(&body);
        assert!(text.contains("2026-10-25 00:30:00"), "{file}: {text}");
    }
    let (_, _, xlsx) = bytes(&format!("{base}/export/workshop.xlsx")).await;
    use calamine::{DataType, Reader, Xlsx};
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).expect("xlsx");
    let findings = book.worksheet_range("Levier").expect("sheet");
    let cell = findings.get((1, 2)).expect("time cell");
    let time = cell.as_datetime().expect("a date");
    assert_eq!(time.to_string(), "2026-10-25 00:30:00");
    // The fixture gives the session's date; cleared, the report shows the answers' span.
    let report =
        String::from_utf8(bytes(&format!("{base}/export/report.md")).await.2).expect("utf-8");
    assert!(
        report.contains("\n21 novembre 2019, 14:00–16:30\n"),
        "{report}"
    );
    let cleared = app
        .post_facilitator(
            "synthesis/session",
            &[("date", ""), ("starts", ""), ("ends", "")],
        )
        .await;
    assert_eq!(cleared.status(), 303);
    let report =
        String::from_utf8(bytes(&format!("{base}/export/report.md")).await.2).expect("utf-8");
    assert!(
        report.contains("25 octobre 2026, de 00:30 à 00:30"),
        "{report}"
    );
}

#[actix_web::test]
async fn entries_csv_lists_every_raw_entry_with_its_kind_and_hidden_ones_marked() {
    let app = TestApp::with_fixture().await;
    replay(&app).await;
    let dashboard = common::text(&phone(), &app.links.facilitator_url).await;
    let hide = dashboard
        .split("/entries/keyword/")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a hide button")
        .to_string();
    app.post_facilitator(&format!("entries/keyword/{hide}"), &[])
        .await;
    let rows = csv_rows(
        &String::from_utf8(
            bytes(&format!("{}/export/entries.csv", app.links.facilitator_url))
                .await
                .2,
        )
        .expect("utf-8"),
    );
    assert_eq!(rows.len(), 36 + 10 + 29);
    let kinds = |kind: &str| rows.iter().filter(|r| r["kind"] == kind).count();
    assert_eq!(
        (kinds("keyword"), kinds("finding"), kinds("dots")),
        (36, 10, 29)
    );
    assert_eq!(rows.iter().filter(|r| r["hidden"] == "true").count(), 1);
    let dots: i64 = rows
        .iter()
        .filter(|r| r["kind"] == "dots")
        .map(|r| r["value"].parse::<i64>().expect("dots"))
        .sum();
    assert_eq!(dots, 36);
    assert!(rows.iter().all(|r| r["participant"].starts_with('P')));
}

#[actix_web::test]
async fn syntheses_are_printed_and_closing_the_workshop_keeps_the_exports() {
    let app = TestApp::with_fixture().await;
    replay(&app).await;
    let base = &app.links.facilitator_url;
    let saved = app
        .post_facilitator(
            "report/synthesis",
            &[
                ("section", "recommendations"),
                ("text", "La salle place les moyens\net l'animation en tête."),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303);
    let too_long = "x".repeat(2001);
    let refused = app
        .post_facilitator(
            "report/synthesis",
            &[("section", "keywords"), ("text", &too_long)],
        )
        .await;
    assert_eq!(refused.status(), 422);
    assert_eq!(
        app.post_facilitator("report/synthesis", &[("section", "nope"), ("text", "x")])
            .await
            .status(),
        400
    );
    let page = common::text(&phone(), format!("{base}/report")).await;
    assert!(
        page.contains("La salle place les moyens\net l&#39;animation en tête."),
        "{page}"
    );
    assert!(page.contains("@page { size: A4"));
    let md = String::from_utf8(bytes(&format!("{base}/export/report.md")).await.2).expect("utf-8");
    assert!(
        md.contains(
            "## Enjeux et recommandations\n\nLa salle place les moyens  \net l'animation en tête.\n"
        ),
        "{md}"
    );

    assert_eq!(app.post_facilitator("close", &[]).await.status(), 303);
    let dashboard = common::text(&phone(), base).await;
    assert!(dashboard.contains("Atelier clos le"));
    let late = app.post_keywords(&phone(), &["trop tard"]).await;
    assert_eq!(late.status(), 409);
    let (status, kind, zip) = bytes(&format!("{base}/export/atelier.zip?dialect=excel-fr")).await;
    assert_eq!(status, 200);
    assert_eq!(kind, "application/zip");
    let archive = zip::ZipArchive::new(std::io::Cursor::new(zip.clone())).expect("zip");
    let mut names: Vec<String> = archive
        .file_names()
        .map(|n| n.expect("a name").into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "entries-excel-fr.csv",
            "findings-excel-fr.csv",
            "keyword-entries-excel-fr.csv",
            "keywords-excel-fr.csv",
            "keywords.svg",
            "report.docx",
            "report.html",
            "report.md",
            "votes-excel-fr.csv",
            "workshop.xlsx"
        ]
    );
    assert!(
        unzip(&zip, "report.html").contains("<h1>Atelier thématique solidarités sociales</h1>")
    );
    assert!(unzip(&zip, "keywords-excel-fr.csv").starts_with("\u{FEFF}mot_cle;nombre;variantes"));
}

#[actix_web::test]
async fn atelier_export_writes_the_same_files_from_the_command_line() {
    let app = TestApp::with_fixture().await;
    replay(&app).await;
    fix_times(&app);
    write_statements(&app).await;
    let db = app.dir.path().join("atelier.db");
    let out = app.dir.path().join("rapport.md");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_atelier"))
            .arg("export")
            .args(args)
            .arg("--db")
            .arg(&db)
            .env("LANG", "fr_FR.UTF-8")
            .output()
            .expect("atelier runs")
    };
    let output = run(&[
        "--workshop",
        "solida",
        "--format",
        "md",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(std::fs::read_to_string(&out).expect("report"), GOLDEN);
    let folder = app.dir.path().join("csv");
    let output = run(&[
        "--workshop",
        "SOLIDA",
        "--format",
        "csv",
        "--dialect",
        "excel-fr",
        "--out",
        folder.to_str().expect("path"),
    ]);
    assert!(output.status.success());
    let votes = std::fs::read(folder.join("votes.csv")).expect("votes.csv");
    assert!(votes.starts_with("\u{FEFF}rang;recommandation;gommettes;votants;ex_aequo;position;part_des_votants\r\n1;Des moyens, de l'animation et du temps;11;9;non;2;75,0\r\n".as_bytes()), "{}", String::from_utf8_lossy(&votes));
    for format in ["docx", "xlsx", "zip"] {
        let path = app.dir.path().join(format!("out.{format}"));
        let output = run(&[
            "--workshop",
            "SOLIDA",
            "--format",
            format,
            "--out",
            path.to_str().expect("path"),
        ]);
        assert!(output.status.success(), "{format}");
        assert!(
            std::fs::read(&path).expect("file").starts_with(b"PK"),
            "{format} is a zip container"
        );
    }
    let output = run(&[
        "--workshop",
        "NOPE42",
        "--format",
        "md",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("Aucun atelier n'a le code « NOPE42 »")
    );
}
