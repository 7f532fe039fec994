//! The files the rapporteur takes away, as files (issue #13, items 5–8): the Word report's
//! chart, table and properties, the keyword cloud as an image, the workbook's layout and
//! chart, French Excel in French.

use std::io::Read;

use crate::common::{FIXTURE, TestApp, phone, replay};

/// The bytes of a facilitator's export, after checking it answers 200.
async fn download(app: &TestApp, file: &str) -> Vec<u8> {
    let response = phone()
        .get(app.facilitator(&format!("export/{file}")))
        .send()
        .await
        .expect("export answers");
    assert_eq!(response.status(), 200, "{file}");
    response.bytes().await.expect("body").to_vec()
}

/// The names of a ZIP's entries.
fn entries(zip: &[u8]) -> Vec<String> {
    let archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("a zip");
    archive
        .file_names()
        .map(|n| n.expect("a name").into_owned())
        .collect()
}

/// The bytes of the entry `name` of a ZIP.
fn entry(zip: &[u8], name: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("a zip");
    let mut file = archive.by_name(name).expect(name);
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).expect("read");
    bytes
}

/// The quoted value that follows the first `needle` (which ends with its opening quote).
fn value_after<'a>(haystack: &'a str, needle: &str) -> &'a str {
    let rest = &haystack[haystack.find(needle).expect(needle) + needle.len()..];
    &rest[..rest.find('"').expect("a closing quote")]
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).expect("utf-8")
}

#[actix_web::test]
async fn the_word_report_has_a_votes_chart_a_repeated_header_row_and_french_as_its_language() {
    let app = TestApp::with_fixture().await;
    replay(&app).await;
    let docx = download(&app, "report.docx").await;

    // The chart and the keyword cloud: PNGs in the package, linked from the document and
    // drawn in it, the cloud under the keywords, the chart under the recommendations.
    let media: Vec<String> = entries(&docx)
        .into_iter()
        .filter(|n| n.starts_with("word/media/") && !n.ends_with('/'))
        .collect();
    assert_eq!(media.len(), 2, "{media:?}");
    let rels = text(entry(&docx, "word/_rels/document.xml.rels"));
    for picture in &media {
        assert!(entry(&docx, picture).starts_with(b"\x89PNG\r\n\x1a\n"));
        assert!(rels.contains(picture.trim_start_matches("word/")), "{rels}");
    }
    let document = text(entry(&docx, "word/document.xml"));
    assert_eq!(document.matches("<w:drawing>").count(), 2);
    let at = |needle: &str| document.find(needle).expect(needle);
    assert!(at("Les mots clefs") < at("r:embed=\"rIdKeywordCloud\""));
    assert!(at("r:embed=\"rIdKeywordCloud\"") < at("Ce qui ressort"));
    assert!(at("</w:tbl>") < at("r:embed=\"rIdVotesChart\""));

    // The table: one header row repeated on every page, numbers right-aligned, fitted
    // columns (the text column wider than the others together).
    assert_eq!(document.matches("<w:tblHeader />").count(), 1);
    let header = &document[document.find("<w:tblHeader />").expect("header")..];
    assert!(
        header.find("Rang") < header.find("</w:tr>"),
        "the header is the first row"
    );
    assert!(
        document.contains("w:val=\"right\""),
        "numbers right-aligned"
    );
    let grid = &document[document.find("<w:tblGrid>").expect("a grid")..];
    let widths: Vec<usize> = grid[..grid.find("</w:tblGrid>").expect("closed")]
        .split("w:w=\"")
        .skip(1)
        .map(|w| w[..w.find('"').expect("quote")].parse().expect("a width"))
        .collect();
    assert_eq!(widths.len(), 5);
    assert!(
        widths[1] > widths[0] + widths[2] + widths[3] + widths[4],
        "{widths:?}"
    );

    // Lists are Word lists, headings are kept with what follows.
    assert!(document.contains("<w:numPr>"));
    assert!(!document.contains("• "), "no typed bullets");
    assert!(document.contains("<w:keepNext />"));
    let numbering = text(entry(&docx, "word/numbering.xml"));
    let used = value_after(&document, "<w:numId w:val=\"");
    let abstract_id = value_after(
        &numbering[numbering
            .find(&format!("<w:num w:numId=\"{used}\""))
            .expect("the list's numbering")..],
        "<w:abstractNumId w:val=\"",
    );
    let definition = format!("<w:abstractNum w:abstractNumId=\"{abstract_id}\"");
    assert_eq!(numbering.matches(&definition).count(), 1, "{numbering}");
    let definition = &numbering[numbering.find(&definition).expect("defined")..];
    assert_eq!(value_after(definition, "<w:numFmt w:val=\""), "bullet");

    // Font and language.
    let styles = text(entry(&docx, "word/styles.xml"));
    assert!(styles.contains("w:ascii=\"Calibri\""));
    assert!(styles.contains("<w:lang w:val=\"fr-FR\""));

    // Properties: title, the rapporteur as author, created now.
    let core = text(entry(&docx, "docProps/core.xml"));
    assert!(core.contains("<dc:title>Atelier thématique solidarités sociales</dc:title>"));
    assert!(core.contains("<dc:creator>Coordinateur mobilité, Pays de Langres</dc:creator>"));
    let created = &core[core.find("W3CDTF\">").expect("created") + 8..];
    let created: chrono::DateTime<chrono::Utc> = created[..created.find('<').expect("closed")]
        .parse()
        .expect("a date");
    assert!(
        (chrono::Utc::now() - created).num_minutes().abs() < 5,
        "{created}"
    );
}

#[actix_web::test]
async fn an_english_workshop_writes_its_word_report_in_british_english() {
    let app =
        TestApp::with_workshop(&FIXTURE.replace("language = \"fr\"", "language = \"en\"")).await;
    let docx = download(&app, "report.docx").await;
    let styles = text(entry(&docx, "word/styles.xml"));
    assert!(styles.contains("<w:lang w:val=\"en-GB\""));
    assert!(text(entry(&docx, "docProps/core.xml")).contains("<dc:language>en-GB</dc:language>"));
    // No vote yet: no chart, and the document still opens as a package.
    assert!(!entries(&docx).iter().any(|n| n.ends_with(".png")));
    assert!(!text(entry(&docx, "word/document.xml")).contains("<w:drawing>"));
}

/// The `<text>` elements of an SVG as (text, font size, count), after checking that the
/// whole document parses as XML.
fn svg_words(svg: &str) -> Vec<(String, f64, usize)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut words = Vec::new();
    let mut current: Option<(String, f64, usize)> = None;
    let mut in_tspan = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if e.name().as_ref() == "text" => {
                let attribute = |name: &str| {
                    let a = e
                        .try_get_attribute(name)
                        .expect("attribute")
                        .expect("present");
                    a.value.to_string()
                };
                current = Some((
                    String::new(),
                    attribute("font-size").parse().expect("a size"),
                    attribute("data-count").parse().expect("a count"),
                ));
            }
            Event::Start(e) if e.name().as_ref() == "tspan" => in_tspan = true,
            Event::End(e) if e.name().as_ref() == "tspan" => in_tspan = false,
            Event::Text(t) if in_tspan => {
                if let Some(word) = current.as_mut() {
                    word.0.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_tspan => {
                if let Some(word) = current.as_mut() {
                    let name = r.xml10_content();
                    word.0.push_str(match name.as_ref() {
                        "apos" => "'",
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        other => panic!("unknown entity {other}"),
                    });
                }
            }
            Event::End(e) if e.name().as_ref() == "text" => {
                words.extend(current.take());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    words
}

#[actix_web::test]
async fn the_keyword_cloud_is_an_svg_image_with_the_top_keywords_sized_by_count() {
    let app = TestApp::with_fixture().await;
    replay(&app).await;
    let response = phone()
        .get(app.facilitator("export/keywords.svg"))
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"].to_str().expect("ascii"),
        "image/svg+xml"
    );
    let svg = response.text().await.expect("text");
    let words = svg_words(&svg);
    // The fixture's 13 keyword groups, the most cited first and largest.
    assert_eq!(words.len(), 13, "{words:?}");
    assert_eq!((words[0].0.as_str(), words[0].2), ("Inspirant", 5));
    assert_eq!((words[1].0.as_str(), words[1].2), ("intergénérationnel", 4));
    for pair in words.windows(2) {
        assert!(pair[0].2 >= pair[1].2, "most cited first: {pair:?}");
        if pair[0].2 > pair[1].2 {
            assert!(
                pair[0].1 > pair[1].1,
                "a more cited keyword is larger: {pair:?}"
            );
        } else {
            assert_eq!(pair[0].1, pair[1].1, "same count, same size: {pair:?}");
        }
    }
    // No join code or address: the cloud is not the projector's corner.
    assert!(!svg.contains("/w/"));

    // In the ZIP, and drawn in the HTML report.
    let zip = download(&app, "atelier.zip").await;
    assert_eq!(svg_words(&text(entry(&zip, "keywords.svg"))).len(), 13);
    let page = phone()
        .get(app.facilitator("report"))
        .send()
        .await
        .expect("answer")
        .text()
        .await
        .expect("text");
    let figure = &page[page.find("<figure class=\"cloud\">").expect("the cloud")..];
    assert_eq!(
        svg_words(&figure[22..figure.find("</figure>").expect("closed")]).len(),
        13
    );
}

/// The `;`-separated rows of a French Excel CSV file, after its BOM.
fn excel_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    assert_eq!(&bytes[..3], [0xEF, 0xBB, 0xBF], "UTF-8 BOM");
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(&bytes[3..])
        .records()
        .map(|r| r.expect("row").iter().map(str::to_string).collect())
        .collect()
}

#[actix_web::test]
async fn french_excel_speaks_french_and_the_standard_dialect_keeps_its_english() {
    let app = TestApp::with_fixture().await;
    replay(&app).await;

    let entries = excel_rows(&download(&app, "entries.csv?dialect=excel-fr").await);
    assert_eq!(
        entries[0],
        [
            "date_envoi",
            "participant",
            "type",
            "categorie",
            "recommandation",
            "texte",
            "valeur",
            "masque",
            "code_de_vote"
        ]
    );
    assert!(entries.len() > 50);
    for row in &entries[1..] {
        assert_eq!(row[7], "non", "{row:?}");
        assert_eq!(row[8], "non", "{row:?}");
    }
    let votes = excel_rows(&download(&app, "votes.csv?dialect=excel-fr").await);
    assert_eq!(
        votes[0],
        [
            "rang",
            "recommandation",
            "gommettes",
            "votants",
            "ex_aequo",
            "position",
            "part_des_votants"
        ]
    );
    let tied: Vec<&str> = votes[1..].iter().map(|r| r[4].as_str()).collect();
    assert_eq!(tied, ["non", "non", "oui", "oui", "oui"]);
    for (file, header) in [
        ("keywords.csv", "mot_cle;nombre;variantes"),
        (
            "keyword-entries.csv",
            "date_envoi;participant;texte;mot_cle;masque",
        ),
        (
            "findings.csv",
            "id;categorie;texte;date_envoi;participant;libelle_categorie;masque;plus_un",
        ),
    ] {
        let rows = excel_rows(&download(&app, &format!("{file}?dialect=excel-fr")).await);
        assert_eq!(rows[0].join(";"), header, "{file}");
    }

    // The standard dialect: today's English names and booleans, which scripts rely on.
    let standard = text(download(&app, "votes.csv").await);
    assert!(standard.starts_with(
        "rank,recommendation,dots,voters,tied,position,share_of_voters\r\n\
         1,\"Des moyens, de l'animation et du temps\",11,9,false,2,75.0\r\n"
    ));
    assert!(text(download(&app, "entries.csv").await).starts_with(
        "submitted_at,participant,kind,category,recommendation,text,value,hidden,vote_code\r\n"
    ));
}

#[actix_web::test]
async fn an_english_workshop_keeps_english_names_in_the_french_excel_dialect() {
    let app =
        TestApp::with_workshop(&FIXTURE.replace("language = \"fr\"", "language = \"en\"")).await;
    let votes = excel_rows(&download(&app, "votes.csv?dialect=excel-fr").await);
    assert_eq!(votes[0][0], "rank");
    assert_eq!(votes[0][4], "tied");
}

#[actix_web::test]
async fn the_french_excel_zip_keeps_the_suffixes_and_dates_its_entries_in_the_workshops_time() {
    let app = TestApp::with_fixture().await;
    replay(&app).await;
    let zip = download(&app, "atelier.zip?dialect=excel-fr").await;
    let names = entries(&zip);
    for csv in [
        "entries",
        "keywords",
        "keyword-entries",
        "findings",
        "votes",
    ] {
        assert!(
            names.contains(&format!("{csv}-excel-fr.csv")),
            "{csv}: {names:?}"
        );
        assert!(!names.contains(&format!("{csv}.csv")), "{csv}: {names:?}");
    }
    let votes = excel_rows(&entry(&zip, "votes-excel-fr.csv"));
    assert_eq!(votes[0][0], "rang");
    let standard = entries(&download(&app, "atelier.zip").await);
    assert!(standard.contains(&"votes.csv".to_string()), "{standard:?}");

    // Entry times: the workshop's local time (Paris), as the times in the files.
    let paris = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .naive_local();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("a zip");
    let stamp = archive
        .by_name("votes-excel-fr.csv")
        .expect("votes")
        .last_modified()
        .expect("a time");
    let stamp = chrono::NaiveDate::from_ymd_opt(
        i32::from(stamp.year()),
        u32::from(stamp.month()),
        u32::from(stamp.day()),
    )
    .and_then(|d| {
        d.and_hms_opt(
            u32::from(stamp.hour()),
            u32::from(stamp.minute()),
            u32::from(stamp.second()),
        )
    })
    .expect("a valid time");
    assert!(
        (paris - stamp).num_seconds().abs() < 120,
        "entry at {stamp}, Paris now {paris}"
    );
}

#[actix_web::test]
async fn the_workbook_has_a_sheet_per_category_percentages_a_votes_chart_and_prints_one_page_wide()
{
    let app = TestApp::with_fixture().await;
    replay(&app).await;
    let xlsx = download(&app, "workshop.xlsx").await;

    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.clone())).expect("xlsx");
    // One sheet per category, each with its own findings (3 constats, 3 difficultés,
    // 4 leviers in the fixture).
    for (category, findings) in [("Constat", 3), ("Difficulté", 3), ("Levier", 4)] {
        let sheet = book.worksheet_range(category).expect(category);
        assert_eq!(sheet.height(), 1 + findings, "{category}");
    }
    let levers = book.worksheet_range("Levier").expect("sheet");
    assert_eq!(levers.get((0, 0)), Some(&Data::String("Levier".into())));
    assert_eq!(
        levers.get((1, 0)),
        Some(&Data::String(
            "La coopération et les partenariats sont une condition clé pour avancer".into()
        ))
    );
    // In the raw entries, a finding's kind is its category.
    let entries = book.worksheet_range("Entrées").expect("sheet");
    let kinds: std::collections::BTreeSet<String> =
        entries.rows().skip(1).map(|r| r[2].to_string()).collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["constat", "difficulté", "gommettes", "levier", "mot-clé"]
    );
    // Shares as percentages: 0.75 shown as 75 %.
    let votes = book.worksheet_range("Recommandations").expect("sheet");
    assert_eq!(votes.get((1, 4)), Some(&Data::Float(0.75)));

    // The package: the number format, the chart, and the print setup.
    let sheet_of = |name: &str| {
        let workbook = text(entry(&xlsx, "xl/workbook.xml"));
        let at = workbook.find(&format!("name=\"{name}\"")).expect(name);
        let id = value_after(&workbook[at..], "sheetId=\"");
        text(entry(&xlsx, &format!("xl/worksheets/sheet{id}.xml")))
    };
    let styles = text(entry(&xlsx, "xl/styles.xml"));
    assert!(styles.contains("formatCode=\"0%\""), "{styles}");
    let chart = text(entry(&xlsx, "xl/charts/chart1.xml"));
    assert!(chart.contains("<c:barChart>"));
    assert!(chart.contains("Recommandations!$C$2:$C$6"), "{chart}");
    assert!(sheet_of("Recommandations").contains("<drawing r:id="));
    for name in ["Mots-clés", "Constat", "Recommandations", "Entrées"] {
        let sheet = sheet_of(name);
        assert!(sheet.contains("orientation=\"landscape\""), "{name}");
        assert!(sheet.contains("<pageSetUpPr fitToPage=\"1\"/>"), "{name}");
        assert!(sheet.contains("fitToHeight=\"0\""), "{name}");
    }
    let levers = sheet_of("Levier");
    assert!(
        levers.contains("<c r=\"A2\" s="),
        "wrapped text has a style"
    );
    // A finding longer than its column's line is a row as tall as its lines.
    assert!(levers.contains("<row r=\"3\" ht=\"30\""), "{levers}");
}
