//! The printed report (issue #13, item 4): headless Chromium prints the report page to
//! PDF (`--print-to-pdf`, which prints the browser's header and footer — the page's
//! address among them — whenever the page's margins leave room), read back with
//! `pdftotext` (Debian's `poppler-utils`): neither the facilitator's report nor the
//! share link's carries the facilitator's key. A page with ordinary margins (the summary)
//! does, which shows the check can fail. PDFs go to `target/screenshots/`.

use std::process::Command;

use crate::common::{TestApp, replay};
use crate::support::{chromium, screenshots};

/// Prints `url` to `target/screenshots/{name}.pdf` and returns its text.
async fn print(url: String, name: &str) -> String {
    let pdf = screenshots().join(format!("{name}.pdf"));
    chromium(url, format!("--print-to-pdf={}", pdf.display())).await;
    let text = Command::new("pdftotext")
        .arg("-layout")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (apt-get install poppler-utils)");
    assert!(text.status.success());
    // Words as read, lines joined: a title may wrap.
    String::from_utf8_lossy(&text.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[actix_web::test]
#[ignore = "needs Chromium and pdftotext (cargo test --test browser -- --ignored)"]
async fn a_printed_report_never_carries_the_facilitator_key() {
    let app = TestApp::with_fixture().await;
    replay(&app).await;
    let key = app
        .links
        .facilitator_url
        .rsplit('/')
        .next()
        .expect("key")
        .to_string();
    let made = app.post_facilitator("share", &[]).await;
    let page = made.text().await.expect("page");
    let at = page.find("/r/").expect("a share link");
    let share_key: String = page[at + 3..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();

    // The workbench, with a statement and the suggestions, for the eye.
    let made = app
        .post_facilitator(
            "synthesis/statements",
            &[
                ("category", "difficulte"),
                ("text", "Le temps manque"),
                ("finding", "4"),
            ],
        )
        .await;
    assert_eq!(made.status(), 303);
    let shot = screenshots().join("synthesis.png");
    chromium(
        app.facilitator("synthesis"),
        format!("--screenshot={}", shot.display()),
    )
    .await;
    assert!(shot.exists(), "a screenshot of the synthesis page");

    // Printed headers and footers are on: a page with margins shows its address, key
    // included (pdftotext may cut a long address at the page's edge: its first 8
    // characters are enough).
    let summary = print(app.facilitator("summary"), "summary-print").await;
    assert!(
        summary.contains(&key[..8]),
        "the check sees a printed address: {summary}"
    );

    for (url, name) in [
        (app.facilitator("report"), "report-print"),
        (app.url(&format!("/r/{share_key}")), "report-share-print"),
    ] {
        let text = print(url, name).await;
        assert!(
            text.contains("Atelier thématique solidarités sociales"),
            "{text}"
        );
        assert!(
            text.contains("Annexe"),
            "the whole report is printed: {text}"
        );
        assert!(!text.contains(&key[..8]), "{name}: {text}");
        assert!(!text.contains("/f/"), "{name}: {text}");
        assert!(
            !text.contains("127.0.0.1"),
            "no address in a footer: {text}"
        );
    }
}
