//! Every page through axe-core (issue #12, item 4) and the Nu HTML checker: no axe
//! violation, no markup error. Both come from npm: `.ci/run` installs them into
//! `target/a11y/node_modules` (`npm install --prefix target/a11y axe-core vnu-jar`); the
//! checker needs Java (`default-jre-headless`). The test fails with the command to run
//! when either is missing, and prints the figures per page (the README's test section).

use std::path::{Path, PathBuf};
use std::process::Command;

use fantoccini::{Client, Locator};
use serde_json::Value;

use crate::common::{TestApp, phone, replay, text};
use crate::support::{browser, start_chromedriver};

/// Where `.ci/run` installs the checkers.
fn node_modules() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/a11y/node_modules")
}

fn required(path: PathBuf) -> PathBuf {
    assert!(
        path.exists(),
        "{} is missing: run `npm install --prefix target/a11y axe-core vnu-jar` \
         (and `apt-get install default-jre-headless` for the Nu HTML checker), as .ci/run does",
        path.display()
    );
    path
}

/// The violations axe-core finds in the page `client` shows: `(rule, impact, first
/// elements)`.
async fn axe(client: &Client, axe_source: &str) -> Vec<String> {
    client
        .execute(&format!("{axe_source}\nreturn true;"), vec![])
        .await
        .expect("axe-core loads");
    let result = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document).then(r => done(r.violations.map(v =>
               v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')
               + (v.nodes.length > 3 ? ' … ' + v.nodes.length + ' in all' : ''))),
               e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .expect("axe-core runs");
    result
        .as_array()
        .map(|a| {
            a.iter()
                .map(|v| v.as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// The Nu HTML checker's `(page name, errors, warnings)` of each file.
fn nu_checker(files: &[PathBuf]) -> Vec<(String, Vec<String>, usize)> {
    let jar = required(node_modules().join("vnu-jar/build/dist/vnu.jar"));
    let output = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--format", "json", "--also-check-svg"])
        .args(files)
        .output()
        .expect("java runs (apt-get install default-jre-headless)");
    let report: Value =
        serde_json::from_slice(&output.stderr).expect("the Nu HTML checker's JSON report");
    let messages = report["messages"].as_array().cloned().unwrap_or_default();
    files
        .iter()
        .map(|file| {
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let of_file: Vec<&Value> = messages
                .iter()
                .filter(|m| m["url"].as_str().is_some_and(|u| u.ends_with(name)))
                .collect();
            let errors = of_file
                .iter()
                .filter(|m| m["type"] == "error")
                .map(|m| {
                    format!(
                        "line {}: {}",
                        m["lastLine"],
                        m["message"].as_str().unwrap_or("")
                    )
                })
                .collect();
            let warnings = of_file.iter().filter(|m| m["subType"] == "warning").count();
            let page = name.trim_end_matches(".html").to_string();
            (page, errors, warnings)
        })
        .collect()
}

struct Page {
    name: &'static str,
    url: String,
    /// The page's source as the server sends it (for the Nu HTML checker).
    source: String,
    /// A phone's window (390×844), else a laptop's (1366×768).
    phone: bool,
}

#[actix_web::test]
#[ignore = "needs Debian's chromium and chromium-driver, and npm's axe-core and vnu-jar; run by .ci/run"]
async fn every_page_passes_axe_core_and_the_nu_html_checker() {
    let axe_source = std::fs::read_to_string(required(node_modules().join("axe-core/axe.min.js")))
        .expect("axe.min.js");
    let app = TestApp::with_fixture().await;
    replay(&app).await;
    let client = phone();
    let f = |path: &str| app.facilitator(path);
    let mut pages = Vec::new();
    let mut add = |name, url: String, source: String, phone| {
        pages.push(Page {
            name,
            url,
            source,
            phone,
        });
    };
    for (name, url, phone) in [
        ("home", app.url("/"), true),
        ("phone", app.links.participant_url.clone(), true),
        ("projector", app.links.projector_url.clone(), false),
        (
            "projector-keywords",
            format!("{}?panel=keywords", app.links.projector_url),
            false,
        ),
        (
            "projector-findings",
            format!("{}?panel=findings", app.links.projector_url),
            false,
        ),
        (
            "projector-votes",
            format!("{}?panel=votes", app.links.projector_url),
            false,
        ),
        ("dashboard", app.links.facilitator_url.clone(), false),
        (
            "dashboard-confirmation",
            format!(
                "{}?done=panel&what=votes&findings_q=mobilit%C3%A9&entries_q=zzz",
                app.links.facilitator_url
            ),
            false,
        ),
        ("dashboard-phone", app.links.facilitator_url.clone(), true),
        ("participants", f("participants"), false),
        ("summary", f("summary"), false),
        ("report", f("report"), false),
        ("new", app.url("/new"), false),
        ("not-found", app.url("/nowhere"), true),
        ("unknown-workshop", app.url("/w/ZZZZZZ"), true),
    ] {
        let source = text(&client, &url).await;
        add(name, url, source, phone);
    }
    let cards = app.post_facilitator("codes", &[("count", "4")]).await;
    assert_eq!(cards.status(), 200, "the vote cards");
    let cards = cards.text().await.expect("cards");

    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/a11y/pages");
    std::fs::create_dir_all(&dir).expect("pages folder");
    let mut files: Vec<PathBuf> = pages
        .iter()
        .map(|p| write(&dir, p.name, &p.source))
        .collect();
    files.push(write(&dir, "vote-cards", &cards));

    let (_driver, driver_url) = start_chromedriver();
    let profiles = tempfile::tempdir().expect("profiles");
    let laptop = browser(
        &driver_url,
        1366,
        768,
        &profiles.path().join("laptop"),
        false,
    )
    .await;
    let handset = browser(&driver_url, 390, 844, &profiles.path().join("phone"), true).await;
    let mut found = Vec::new();
    for page in &pages {
        let window = if page.phone { &handset } else { &laptop };
        window.goto(&page.url).await.expect("page opens");
        found.push(axe(window, &axe_source).await);
    }
    // A refused form: the dashboard again with its message and what was typed.
    laptop
        .goto(&app.links.facilitator_url)
        .await
        .expect("dashboard");
    let capacity = laptop
        .find(Locator::Css("#capacity"))
        .await
        .expect("capacity box");
    capacity.clear().await.expect("clear");
    capacity.send_keys("vingt").await.expect("type");
    laptop
        .find(Locator::Css("#participation button[type=submit]"))
        .await
        .expect("save button")
        .click()
        .await
        .expect("save");
    laptop
        .wait()
        .for_element(Locator::Css(".error.banner"))
        .await
        .expect("the refusal");
    found.push(axe(&laptop, &axe_source).await);
    let refused = app
        .post_facilitator("capacity", &[("capacity", "vingt")])
        .await;
    assert_eq!(refused.status(), 422);
    files.push(write(
        &dir,
        "dashboard-refused",
        &refused.text().await.expect("page"),
    ));
    // A phone after sending its keywords.
    handset
        .goto(&app.links.participant_url)
        .await
        .expect("phone page");
    handset
        .find(Locator::Css("#keyword-1"))
        .await
        .expect("first keyword box")
        .send_keys("Entraide")
        .await
        .expect("type");
    handset
        .find(Locator::Css("#keywords form button[type=submit]"))
        .await
        .expect("send button")
        .click()
        .await
        .expect("send");
    handset
        .wait()
        .for_element(Locator::Css(".flash"))
        .await
        .expect("the confirmation");
    found.push(axe(&handset, &axe_source).await);
    let sender = phone();
    let sent = app.post_keywords(&sender, &["Entraide"]).await;
    assert_eq!(sent.status(), 303);
    let after = text(&sender, app.url(&crate::common::location(&sent))).await;
    files.push(write(&dir, "phone-after-send", &after));
    // The vote cards answer a POST: the dashboard's form, sent by the browser.
    laptop
        .goto(&app.links.facilitator_url)
        .await
        .expect("dashboard");
    let count = laptop
        .find(Locator::Css("#codes-count"))
        .await
        .expect("codes count");
    count.clear().await.expect("clear");
    count.send_keys("4").await.expect("type");
    laptop
        .find(Locator::Css("#vote-codes form[action$='/codes'] button"))
        .await
        .expect("generate button")
        .click()
        .await
        .expect("generate");
    laptop
        .wait()
        .for_element(Locator::Css(".cards, .card-sheet, .vote-card"))
        .await
        .ok();
    found.push(axe(&laptop, &axe_source).await);

    // The session's switches in their other state: results hidden, an activity closed.
    for (path, fields) in [
        ("results", vec![("hidden", "1")]),
        ("activities", vec![("activity", "votes"), ("open", "0")]),
    ] {
        let response = app.post_facilitator(path, &fields).await;
        assert_eq!(response.status(), 303, "{path}");
    }
    laptop
        .goto(&app.links.facilitator_url)
        .await
        .expect("dashboard");
    found.push(axe(&laptop, &axe_source).await);
    files.push(write(
        &dir,
        "dashboard-switched",
        &text(&client, &app.links.facilitator_url).await,
    ));
    let names: Vec<&str> = pages
        .iter()
        .map(|p| p.name)
        .chain([
            "dashboard-refused",
            "phone-after-send",
            "vote-cards",
            "dashboard-switched",
        ])
        .collect();
    assert_eq!(names.len(), found.len());
    let checked = nu_checker(&files);
    println!("| page | axe-core violations | Nu errors | Nu warnings |");
    println!("| --- | --- | --- | --- |");
    let mut failures = Vec::new();
    for (name, violations) in names.iter().zip(&found) {
        let (errors, warnings) = checked
            .iter()
            .find(|(file, _, _)| file == name)
            .map(|(_, errors, warnings)| (errors.clone(), *warnings))
            .expect("every page checked");
        println!(
            "| {name} | {} | {} | {warnings} |",
            violations.len(),
            errors.len()
        );
        for v in violations {
            failures.push(format!("{name}: axe {v}"));
        }
        for e in errors {
            failures.push(format!("{name}: Nu {e}"));
        }
    }
    handset.close().await.expect("close");
    laptop.close().await.expect("close");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn write(dir: &Path, name: &str, source: &str) -> PathBuf {
    let path = dir.join(format!("{name}.html"));
    std::fs::write(&path, source).expect("write page");
    path
}
