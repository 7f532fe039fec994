//! Downloads sent as they are made (issue #15): a large workshop's ZIP, written and sent
//! one file after the other, opens and holds each file as its own download gives it.

use calamine::{Data, Reader, Xlsx};

use crate::common::{TestApp, part, phone, replay};

async fn download(app: &TestApp, file: &str) -> Vec<u8> {
    let response = phone()
        .get(app.facilitator(&format!("export/{file}")))
        .send()
        .await
        .expect("export answers");
    assert_eq!(response.status(), 200, "{file}");
    response.bytes().await.expect("the whole body").to_vec()
}

/// Every cell of every sheet of a workbook, by sheet name.
fn cells(xlsx: Vec<u8>) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).expect("an xlsx");
    book.worksheets()
        .into_iter()
        .map(|(name, range)| (name, range.rows().map(<[Data]>::to_vec).collect()))
        .collect()
}

/// 8,000 more keywords from the fixture's phones, straight in the database: the large
/// files then span many chunks of the response.
fn grow(app: &TestApp) {
    let mut conn = rusqlite::Connection::open(app.dir.path().join("atelier.db")).expect("db");
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .expect("timeout");
    let tx = conn.transaction().expect("transaction");
    let phones: Vec<i64> = tx
        .prepare("SELECT id FROM participants ORDER BY id")
        .expect("query")
        .query_map([], |r| r.get(0))
        .expect("participants")
        .collect::<Result<_, _>>()
        .expect("ids");
    for n in 0..8_000usize {
        tx.execute(
            "INSERT INTO keywords (participant_id, text, submitted_at)
             VALUES (?1, ?2, '2026-11-30T08:30:00.000Z')",
            rusqlite::params![phones[n % phones.len()], format!("mot{}", n % 700)],
        )
        .expect("keyword");
    }
    tx.commit().expect("commit");
}

#[actix_web::test]
async fn the_zip_of_a_large_workshop_holds_each_file_as_its_own_download_gives_it() {
    let app = TestApp::with_fixture().await;
    replay(&app).await;
    grow(&app);
    // The rows above bypassed the writer: one phone's keyword through the server moves
    // the live version, as every real write does.
    let late = phone();
    crate::common::join(&late, &app.links.participant_url).await;
    assert!(
        app.post_keywords(&late, &["relance"])
            .await
            .status()
            .is_redirection()
    );
    let zip = download(&app, "atelier.zip").await;
    for name in [
        "report.md",
        "entries.csv",
        "keywords.csv",
        "keyword-entries.csv",
        "findings.csv",
        "votes.csv",
    ] {
        let alone = download(&app, name).await;
        assert!(part(&zip, name) == alone, "{name} differs in the ZIP");
    }
    let entries = download(&app, "entries.csv").await;
    assert!(entries.len() > 400_000, "{} bytes", entries.len());
    assert_eq!(
        String::from_utf8_lossy(&entries)
            .lines()
            .filter(|l| l.contains(",keyword,"))
            .count(),
        36 + 8_000 + 1
    );

    let workbook = cells(part(&zip, "workshop.xlsx"));
    assert_eq!(workbook, cells(download(&app, "workshop.xlsx").await));
    let names: Vec<&str> = workbook.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Mots-clés",
            "Constat",
            "Difficulté",
            "Levier",
            "Recommandations",
            "Entrées"
        ]
    );
    let (_, rows) = &workbook[5];
    assert_eq!(
        rows.len(),
        1 + 36 + 8_000 + 1 + 10 + 29,
        "header and every entry"
    );

    let document = |docx: Vec<u8>| part(&docx, "word/document.xml");
    assert!(
        document(part(&zip, "report.docx")) == document(download(&app, "report.docx").await),
        "the Word report differs in the ZIP"
    );
    let html = String::from_utf8(part(&zip, "report.html")).expect("utf-8");
    assert!(html.contains("<h1>Atelier thématique solidarités sociales</h1>"));
}
