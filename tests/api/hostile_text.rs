//! Text that broke the product (issue #11, item 8), sent through the participants' forms,
//! checked where a person would notice: emoji sequences intact on the projector and the
//! dashboard, a readable `report.docx` despite a noncharacter, a keyword of a dash alone
//! refused in French, a workbook with a cell over Excel's limit that still downloads,
//! `report.md` that shows indented lines and `|` as text, CSV cells that start with `-`
//! neutralised.

use std::io::Read;

use futures_util::future::join_all;

use crate::common::{self, TestApp, csv_rows, phone, post};

const FAMILY: &str = "👨\u{200D}👩\u{200D}👧\u{200D}👦";
const RAINBOW_FLAG: &str = "🏳\u{FE0F}\u{200D}🌈";

/// The bytes of a facilitator's export, after checking it answers 200.
async fn export_bytes(app: &TestApp, file: &str) -> Vec<u8> {
    let response = phone()
        .get(app.facilitator(&format!("export/{file}")))
        .send()
        .await
        .expect("export answers");
    assert_eq!(response.status(), 200, "{file}");
    response.bytes().await.expect("body").to_vec()
}

#[actix_web::test]
async fn a_family_emoji_comes_back_whole_on_the_projector_and_the_dashboard() {
    let app = TestApp::with_fixture().await;
    for _ in 0..2 {
        let response = app.post_keywords(&phone(), &[FAMILY, RAINBOW_FLAG]).await;
        assert_eq!(response.status(), 303);
    }
    let response = app
        .post_facilitator("screen", &[("panel", "keywords")])
        .await;
    assert!(response.status().is_redirection(), "{}", response.status());
    let projector = common::text(&phone(), &app.links.projector_url).await;
    let dashboard = common::text(&phone(), &app.links.facilitator_url).await;
    for (page, name) in [(&projector, "projector"), (&dashboard, "dashboard")] {
        assert!(
            page.contains(FAMILY),
            "the family is one emoji on the {name}"
        );
        assert!(
            page.contains(RAINBOW_FLAG),
            "the flag is whole on the {name}"
        );
    }
    let rows = csv_rows(&app.export("keywords.csv").await);
    let family = rows
        .iter()
        .find(|r| r["keyword"] == FAMILY)
        .expect("the family is a keyword of its own");
    assert_eq!(family["count"], "2", "two phones, one group");
}

#[actix_web::test]
async fn a_long_finding_of_flags_is_cut_between_two_flags_on_the_projector() {
    let app = TestApp::with_fixture().await;
    let flags = format!("a{}", "🇫🇷".repeat(200));
    let response = app.post_finding(&phone(), "constat", &flags).await;
    assert_eq!(response.status(), 303);
    let response = app
        .post_facilitator("screen", &[("panel", "findings")])
        .await;
    assert!(response.status().is_redirection(), "{}", response.status());
    let projector = common::text(&phone(), &app.links.projector_url).await;
    assert!(
        projector.contains("🇫🇷…"),
        "the finding is shortened after a flag"
    );
    let regional_indicators = projector
        .chars()
        .filter(|c| ('\u{1F1E6}'..='\u{1F1FF}').contains(c))
        .count();
    assert_eq!(regional_indicators % 2, 0, "no half flag on the projector");
}

#[actix_web::test]
async fn a_finding_with_a_noncharacter_gives_a_report_docx_word_can_read() {
    let app = TestApp::with_fixture().await;
    let response = app
        .post_finding(&phone(), "constat", "Un constat\u{FFFE} utile\u{FFFF}")
        .await;
    assert_eq!(response.status(), 303);
    let docx = export_bytes(&app, "report.docx").await;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .expect("the document part")
        .read_to_string(&mut xml)
        .expect("UTF-8 XML");
    assert!(
        xml.contains("Un constat utile"),
        "the finding is in the report"
    );
    let not_xml: Vec<char> = xml
        .chars()
        .filter(|c| {
            !matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        })
        .collect();
    assert!(not_xml.is_empty(), "characters XML forbids: {not_xml:?}");
}

#[actix_web::test]
async fn a_keyword_of_a_dash_alone_is_refused_in_french_and_nothing_is_stored() {
    let app = TestApp::with_fixture().await;
    for dash in ["—", "-", "_"] {
        let phone = phone();
        common::join(&phone, &app.links.participant_url).await;
        let before = app.snapshot().await;
        let response = post(
            &phone,
            &app.participant("keywords"),
            &[("keyword", "mobilité"), ("keyword", dash)],
        )
        .await;
        assert_eq!(response.status(), 422, "{dash}");
        let page = response.text().await.expect("page");
        assert!(
            page.contains("Un mot-clé doit contenir au moins une lettre, un chiffre ou un emoji"),
            "the French message for {dash}:\n{page}"
        );
        assert!(
            page.contains("value=\"mobilité\""),
            "the form keeps what was typed"
        );
        assert!(page.contains(&format!("value=\"{dash}\"")), "and the dash");
        assert_eq!(app.snapshot().await, before, "nothing stored for {dash}");
    }
}

/// The `i`-th spelling of one 54-letter keyword: its first ten letters in capitals or not
/// after the bits of `i`, so every spelling folds to the same key.
fn spelling(i: usize) -> String {
    "solidaritesintergenerationnellesentreterritoiresruraux"
        .chars()
        .enumerate()
        .map(|(at, c)| {
            if at < 10 && (i >> at) & 1 == 1 {
                c.to_ascii_uppercase()
            } else {
                c
            }
        })
        .collect()
}

#[actix_web::test]
async fn a_workbook_with_a_cell_over_excels_limit_still_downloads() {
    let app = TestApp::with_fixture().await;
    // 600 phones send 600 spellings of one keyword: its variants cell holds 600 × 61
    // characters, over Excel's 32,767.
    let app = &app;
    for chunk in (0..600).collect::<Vec<_>>().chunks(25) {
        let sent = join_all(chunk.iter().map(|&i| async move {
            let keyword = spelling(i);
            app.post_keywords(&phone(), &[keyword.as_str()])
                .await
                .status()
        }))
        .await;
        assert!(sent.iter().all(|s| *s == 303), "{sent:?}");
    }
    let rows = csv_rows(&app.export("keywords.csv").await);
    assert_eq!(rows.len(), 1, "one group");
    let whole = &rows[0]["variants"];
    assert!(
        whole.chars().count() > 32_767,
        "the CSV keeps the whole text"
    );

    let xlsx = export_bytes(app, "workshop.xlsx").await;
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).expect("a workbook");
    let sheet = book
        .worksheet_range("Mots-clés")
        .expect("the keywords sheet");
    let cell = sheet
        .get_value((1, 2))
        .expect("the variants cell")
        .to_string();
    assert!(
        cell.encode_utf16().count() <= 32_767,
        "within Excel's limit"
    );
    assert!(cell.ends_with('…'), "cut, with …");
    assert!(whole.starts_with(cell.trim_end_matches('…')));
}

#[actix_web::test]
async fn report_md_shows_an_indented_finding_and_a_pipe_as_text() {
    let toml = common::FIXTURE.replacen(
        "text = \"Un besoin de volonté politique pour soutenir la coopération\"",
        "text = \"Volonté politique | coopération\"",
        1,
    );
    let app = TestApp::with_workshop(&toml).await;
    let finding = "Premier constat\n    indenté comme du code\n# pas un titre | a";
    let response = app.post_finding(&phone(), "constat", finding).await;
    assert_eq!(response.status(), 303);
    let md = app.export("report.md").await;
    assert!(md.contains("indenté comme du code"));
    assert!(
        !md.lines()
            .any(|l| l.starts_with("    ") || l.starts_with('\t')),
        "no line is indented into a code block:\n{md}"
    );
    assert!(
        md.contains("\\# pas un titre \\| a"),
        "not a heading:\n{md}"
    );
    assert!(
        md.contains("| Volonté politique \\| coopération |"),
        "the table cell holds its | escaped once:\n{md}"
    );
    assert!(!md.contains("\\\\|"), "no | is escaped twice");
}

#[actix_web::test]
async fn csv_cells_that_start_with_a_dash_are_neutralised() {
    let toml = common::FIXTURE.replacen("slug = \"constat\"", "slug = \"-1-1\"", 1);
    let app = TestApp::with_workshop(&toml).await;
    let response = app.post_finding(&phone(), "-1-1", "-5 % de budget").await;
    assert_eq!(response.status(), 303);
    let rows = csv_rows(&app.export("findings.csv").await);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["category"], "'-1-1", "the slug is neutralised");
    assert_eq!(rows[0]["text"], "'-5 % de budget", "the text too");
}
