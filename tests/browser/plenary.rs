//! The plenary screen (issue #14) at 1280×720, 1366×768, 1920×1080 and 3840×2160, for an
//! event of three workshops: the fixture's room (its 12 phones replayed), a room of 40
//! phones ("transition écologique", with four 580-character synthesis statements) and one
//! of long texts (a 150-character title, five 300-character recommendations,
//! 400-character findings, 60 keyword groups). Each step
//! (the whole event, then each workshop) must show nothing cut or outside the screen, no
//! box overflowing, the smallest text 24 px at 1280×720 (scaled with the screen), a more
//! frequent keyword never smaller, the event's cloud filling the screen, and "et N autres
//! mots-clés" where words are left out; and "Connexion perdue" once the server stops.
//! Screenshots: `plenary-{view}-{size}.png`, `plenary-connection-lost-1280x720.png`.

use std::time::Duration;

use atelier::domain::{event_file, workshop_file};
use atelier::startup::{Application, Config};
use atelier::workshops::Links;
use fantoccini::Client;
use futures_util::future::join_all;
use serde_json::Value;

use crate::common::{self, TestApp, phone, post, recommendation_ids, text};
use crate::support::{
    badge_after_stop, browser, save_screenshot, start_chromedriver, viewport, wait_until,
};

const LONG_TITLE: &str = "Atelier sur l'accompagnement des porteurs de projets \
    intercommunaux dans les territoires ruraux et périurbains très éloignés des métropoles \
    et des grandes villes universitaires";

/// A 300-character recommendation, `n` its number.
fn long_recommendation(n: usize) -> String {
    let text = format!(
        "Recommandation {n} : mettre en place un dispositif pérenne d'ingénierie financière \
         mutualisée entre les groupes d'action locale, les intercommunalités et les \
         départements, afin que les petites communes rurales puissent monter des projets de \
         coopération et répondre aux appels à projets européens sans dépendre d'un seul agent"
    );
    text.chars().take(300).collect()
}

fn event_file_text() -> String {
    let mut toml = String::from(
        r#"[event]
title = "2èmes rencontres nationales de la coopération LEADER"
code = "PLENIERE"

[[workshops]]
title = "Atelier thématique transition écologique"
join_code = "ECOLO"

[[workshops.finding_categories]]
slug = "constat"
label = "Constat"

[[workshops.finding_categories]]
slug = "levier"
label = "Levier"

[[workshops.recommendations]]
text = "Former les élus aux circuits courts et à la commande publique locale"

[[workshops.recommendations]]
text = "Financer des postes d'animation partagés entre GAL voisins"

[[workshops.recommendations]]
text = "Ouvrir les appels à projets aux collectifs d'habitants"

[[workshops.recommendations]]
text = "Mesurer l'empreinte carbone des projets dès leur conception"

[[workshops]]
join_code = "LONGUE"
"#,
    );
    toml.push_str(&format!("title = \"{LONG_TITLE}\"\n"));
    for n in 1..=5 {
        toml.push_str(&format!(
            "\n[[workshops.recommendations]]\ntext = \"{}\"\n",
            long_recommendation(n)
        ));
    }
    toml
}

/// `phone` sends `keywords`, one finding when given, and its dots (`(position, dots)`,
/// positions from 1 in the ballot's order) to workshop `code`.
async fn answer(
    base: &str,
    code: &str,
    keywords: &[&str],
    finding: Option<(&str, &str)>,
    dots: &[(usize, &str)],
) {
    let phone = phone();
    let page = text(&phone, format!("{base}/w/{code}")).await;
    let ids = recommendation_ids(&page);
    let fields: Vec<(&str, &str)> = keywords.iter().map(|k| ("keyword", *k)).collect();
    let sent = post(&phone, &format!("{base}/w/{code}/keywords"), &fields).await;
    assert_eq!(sent.status(), 303, "{code}: keywords {keywords:?}");
    if let Some((category, finding)) = finding {
        let sent = post(
            &phone,
            &format!("{base}/w/{code}/findings"),
            &[("category", category), ("text", finding)],
        )
        .await;
        assert_eq!(sent.status(), 303, "{code}: finding");
    }
    let names: Vec<String> = dots
        .iter()
        .map(|(position, _)| format!("rec-{}", ids[position - 1]))
        .collect();
    let fields: Vec<(&str, &str)> = names
        .iter()
        .zip(dots)
        .map(|(name, (_, n))| (name.as_str(), *n))
        .collect();
    let sent = post(&phone, &format!("{base}/w/{code}/votes"), &fields).await;
    assert_eq!(sent.status(), 303, "{code}: ballot");
}

/// Forty phones in "transition écologique", words cited from 30 times to once.
async fn fill_ecolo(base: &str) {
    const WORDS: [&str; 16] = [
        "sobriété",
        "circuits courts",
        "énergie",
        "mobilité",
        "coopération",
        "biodiversité",
        "alimentation",
        "eau",
        "forêt",
        "rénovation",
        "tiers-lieux",
        "climat",
        "agriculture",
        "déchets",
        "paysage",
        "vélo",
    ];
    let phones = (0..40).map(|i| async move {
        let words = [WORDS[i % 3], WORDS[3 + i % 5], WORDS[8 + (i * 7) % 8]];
        let finding = format!(
            "Constat {i} : les projets de transition avancent quand une commune pilote \
             entraîne ses voisines et partage ses résultats"
        );
        let category = if i % 2 == 0 { "constat" } else { "levier" };
        let dots = [(1 + i % 4, "2"), (1 + (i + 1) % 4, "1")];
        answer(
            base,
            "ECOLO",
            &words,
            (i < 20).then_some((category, &finding)),
            &dots,
        )
        .await;
    });
    join_all(phones).await;
}

/// Thirty phones in the workshop of long texts: 60 keyword groups (long words among
/// them), findings of 400 characters.
async fn fill_long(base: &str) {
    let phones = (0..30).map(|i| async move {
        let a = format!("développementterritorialintégré{i}");
        let b = format!("thème {i}");
        let words = [a.as_str(), b.as_str(), "ingénierie"];
        let finding = format!(
            "Constat {i} : {}",
            "les porteurs de projet des territoires ruraux manquent de temps, d'ingénierie et \
             de trésorerie pour monter des dossiers européens, et les délais de paiement \
             découragent les petites associations. "
                .repeat(2)
        );
        let dots = [(1 + i % 5, "2"), (1 + (i + 2) % 5, "1")];
        answer(base, "LONGUE", &words, Some(("constat", &finding)), &dots).await;
    });
    join_all(phones).await;
}

/// What is wrong on the plenary now, by the rules above, and figures to print.
async fn check(client: &Client, view: &str) -> Value {
    client
        .execute(
            r#"
const W = innerWidth, H = innerHeight, scale = Math.min(W / 1280, H / 720);
const problems = [];
let minFont = 1e9, bottom = 0;
for (const el of document.querySelectorAll('main *')) {
  if (el.closest('[hidden], .visually-hidden')) continue;
  const texts = [...el.childNodes].filter(n => n.nodeType === 3 && n.textContent.trim());
  if (!texts.length) continue;
  minFont = Math.min(minFont, parseFloat(getComputedStyle(el).fontSize));
  for (const t of texts) {
    const range = document.createRange();
    range.selectNodeContents(t);
    for (const r of range.getClientRects()) {
      if (r.width === 0 || r.height === 0) continue;
      const where = t.textContent.trim().slice(0, 40) + ' ' + [r.left, r.top, r.right, r.bottom].map(Math.round);
      if (r.left < -1 || r.top < -1 || r.right > W + 1 || r.bottom > H + 1) problems.push('outside the screen: ' + where);
      bottom = Math.max(bottom, r.bottom);
    }
  }
}
for (const el of document.querySelectorAll('main, main *')) {
  const s = getComputedStyle(el);
  if (el.closest('.visually-hidden')) continue;
  if ((s.overflowX !== 'visible' || s.overflowY !== 'visible')
      && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1))
    problems.push('cut by its box: ' + el.tagName + '.' + el.className);
  const r = el.getBoundingClientRect();
  if (r.width && r.height && (r.right > W + 1 || r.bottom > H + 1 || r.left < -1))
    problems.push('box outside the screen: ' + el.tagName + '.' + el.className + ' ' + [r.left, r.top, r.right, r.bottom].map(Math.round));
}
const words = [...document.querySelectorAll('.cloud li')].map(li =>
  [parseInt(li.title, 10), parseFloat(getComputedStyle(li).fontSize), li.textContent]);
for (const a of words) for (const b of words)
  if (a[0] > b[0] && a[1] < b[1] - 0.5) problems.push(`"${a[2]}" ×${a[0]} at ${a[1]} px is smaller than "${b[2]}" ×${b[0]} at ${b[1]} px`);
if (minFont < 24 * scale - 0.5) problems.push('text at ' + minFont + ' px, under ' + (24 * scale));
const more = [...document.querySelectorAll('.more')].map(m => m.textContent.trim());
return { problems, size: [W, H], minFont, fill: bottom / H, more, words: words.length,
         bars: document.querySelectorAll('.bars li').length,
         texts: document.querySelectorAll('.plenary-texts li').length,
         biggest: words.length ? Math.max(...words.map(w => w[1])) : 0 };
"#,
            vec![],
        )
        .await
        .unwrap_or_else(|e| panic!("checks of {view}: {e}"))
}

#[actix_web::test]
#[ignore = "needs Debian's chromium and chromium-driver; run by .ci/run"]
async fn every_plenary_step_fits_every_screen_with_nothing_cut_and_says_what_it_left_out() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let config = Config::local(dir.path().join("atelier.db"));
    let server = Application::build(&config).expect("server starts");
    let base = server.base_url().to_string();
    let store = server.store().clone();
    let broadcasts = server.broadcasts();
    let stop = server.server_handle();
    actix_web::rt::spawn(server.run_until_stopped());
    let event = store
        .create_event(event_file::parse(&event_file_text()).expect("valid event file"))
        .await
        .expect("imported");
    let fixture = store
        .add_workshop_to_event(
            event.id,
            workshop_file::parse(common::FIXTURE).expect("valid workshop"),
        )
        .await
        .expect("the fixture's workshop added");
    let app = TestApp {
        links: Links::new(&base, &fixture.join_code, &fixture.facilitator_key),
        base: base.clone(),
        store,
        dir,
        broadcasts,
    };
    for workshop in event.workshops.iter().chain([&fixture]) {
        for activity in ["keywords", "findings", "votes"] {
            let url = format!("{base}/f/{}/activities", workshop.facilitator_key);
            let opened = post(&phone(), &url, &[("activity", activity), ("open", "1")]).await;
            assert_eq!(opened.status(), 303, "{activity} of {}", workshop.join_code);
        }
    }
    common::replay(&app).await;
    fill_ecolo(&base).await;
    fill_long(&base).await;
    // The rapporteur of "transition écologique" wrote four long statements (580
    // characters): they take the place of its findings.
    let ecolo = event.workshops[0].id;
    let category = app
        .count(format!(
            "SELECT id FROM finding_categories WHERE workshop_id = {ecolo} AND slug = 'levier'"
        ))
        .await;
    for n in 1..=4 {
        let text = format!(
            "Énoncé {n} : {}",
            "les communes qui avancent sur la transition sont celles qui partagent un poste \
             d'animation avec leurs voisines et s'appuient sur le GAL pour financer les études. "
                .repeat(4)
        );
        let text: String = text.chars().take(580).collect();
        app.store
            .add_statement(
                ecolo,
                category,
                atelier::domain::statement::StatementText::parse(text.trim()).expect("statement"),
                Vec::new(),
            )
            .await
            .expect("a statement");
    }

    let views: [(&str, String, &str); 4] = [
        (
            "event",
            "event".to_string(),
            "Les mots-clés de la rencontre",
        ),
        (
            "ecolo",
            event.workshops[0].id.to_string(),
            "Atelier thématique transition écologique",
        ),
        (
            "long",
            event.workshops[1].id.to_string(),
            "Atelier sur l'accompagnement",
        ),
        (
            "fixture",
            fixture.id.to_string(),
            "Atelier thématique solidarités sociales",
        ),
    ];
    let step = format!("{base}/o/{}/plenary", event.organiser_key);
    let plenary = format!("{base}/e/PLENIERE/plenary");
    let (_driver, driver_url) = start_chromedriver();
    let profiles = tempfile::tempdir().expect("profiles");
    let mut failures = Vec::new();
    for (width, height) in [(1280, 720), (1366, 768), (1920, 1080), (3840, 2160)] {
        let profile = profiles.path().join(format!("p{width}"));
        let screen = browser(&driver_url, width, height, &profile, false).await;
        screen.goto(&plenary).await.expect("plenary page");
        viewport(&screen, width, height).await;
        for (view, show, title) in &views {
            let stepped = post(&phone(), &step, &[("show", show)]).await;
            assert_eq!(stepped.status(), 303, "step to {view}");
            // The stream brings the step (the page is not reloaded).
            wait_until(
                &screen,
                &format!(
                    "document.querySelector('.plenary-panel h1').textContent.startsWith({})",
                    serde_json::to_string(title).expect("json")
                ),
                Duration::from_secs(10),
            )
            .await;
            let report = check(&screen, view).await;
            println!("{width}×{height} {view}: {report}");
            save_screenshot(&screen, &format!("plenary-{view}-{width}x{height}.png")).await;
            for problem in report["problems"].as_array().into_iter().flatten() {
                failures.push(format!("{width}×{height} {view}: {problem}"));
            }
            let more: Vec<&str> = report["more"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            // Words are left out of the event's cloud and of the long workshop's (60
            // groups): the screen says how many.
            if ["event", "long"].contains(view) && !more.iter().any(|m| m.contains("mots-clés")) {
                failures.push(format!(
                    "{width}×{height} {view}: no \"et N autres mots-clés\": {more:?}"
                ));
            }
            let fill = report["fill"].as_f64().unwrap_or(0.0);
            if *view == "event" && fill < 0.85 {
                failures.push(format!(
                    "{width}×{height} {view}: the cloud ends at {fill:.2} of the screen"
                ));
            }
            if *view != "event"
                && (report["bars"].as_u64() < Some(1) || report["texts"].as_u64() < Some(1))
            {
                failures.push(format!("{width}×{height} {view}: no bar or no text"));
            }
        }
        screen.close().await.expect("close");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // The server stops: the plenary says so, as the projector does.
    let screen = browser(&driver_url, 1280, 720, &profiles.path().join("lost"), false).await;
    screen.goto(&plenary).await.expect("plenary page");
    viewport(&screen, 1280, 720).await;
    let waited = badge_after_stop(&screen, "document.querySelector('.plenary-panel')", &stop).await;
    println!("server stopped: the plenary's badge showed after {waited:?}");
    let inside = check(&screen, "lost").await;
    assert!(
        inside["problems"].as_array().is_none_or(Vec::is_empty),
        "{inside}"
    );
    save_screenshot(&screen, "plenary-connection-lost-1280x720.png").await;
    screen.close().await.expect("close");
}
