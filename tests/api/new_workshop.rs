//! `/new`: preparing a workshop from the browser, with the same fields as the file.

use crate::common::{self, FIXTURE, TestApp, location, phone, post};
use atelier::startup::Config;

const FORM: [(&str, &str); 10] = [
    ("title", "Atelier mobilités rurales"),
    ("question", "Que retenez-vous ?"),
    (
        "speakers",
        "Animatrice du GAL | Le covoiturage\nChargé de mission",
    ),
    ("categories", "Constat\nDifficulté\nIdée à creuser"),
    ("recommendations", "Former les élus\n\nOuvrir les données"),
    ("join_code", "mobil1"),
    ("keywords_per_participant", "2"),
    ("dots_per_participant", "4"),
    ("max_dots_per_recommendation", ""),
    ("max_participants", "1\u{202f}500"),
];

#[actix_web::test]
async fn a_workshop_created_with_the_form_is_ready_for_phones() {
    let app = TestApp::with_fixture().await;
    let response = post(&phone(), &app.url("/new"), &FORM).await;
    assert_eq!(response.status(), 303, "to the new workshop's dashboard");
    let dashboard = location(&response);
    assert!(
        dashboard.starts_with("/f/") && dashboard.ends_with("?done=created"),
        "{dashboard}"
    );
    let page = reqwest::get(app.url(&dashboard))
        .await
        .expect("dashboard")
        .text()
        .await
        .expect("text");
    assert!(
        page.contains("Atelier créé. Ce tableau de bord est à vous"),
        "{page}"
    );
    assert!(page.contains("/w/MOBIL1/screen"));
    assert!(
        page.contains("/ capacité 1500"),
        "the room size typed as a French reader writes it"
    );
    assert!(
        page.contains(&dashboard.replace("?done=created", "")),
        "the page shows its own link to keep"
    );

    let phone_page = reqwest::get(app.url("/w/mobil1"))
        .await
        .expect("page")
        .text()
        .await
        .expect("text");
    assert!(phone_page.contains("Atelier mobilités rurales"));
    assert!(
        phone_page.contains("value=\"idee-a-creuser\""),
        "categories get slugs from their labels"
    );
    assert!(phone_page.contains("<strong>Animatrice du GAL</strong> — Le covoiturage"));
    assert!(
        phone_page.contains("Répartissez jusqu&#39;à 4 gommettes, 4 au plus par recommandation."),
        "{phone_page}"
    );
    assert_eq!(common::recommendation_ids(&phone_page).len(), 2);
    assert!(phone_page.contains("Jusqu&#39;à 2 mots-clés"));
}

#[actix_web::test]
async fn a_form_with_mistakes_is_shown_again_with_every_value_and_creates_nothing() {
    let app = TestApp::with_fixture().await;
    let mut form = FORM.to_vec();
    form[0] = ("title", "   ");
    form[5] = ("join_code", "solida");
    form[8] = ("max_dots_per_recommendation", "9");
    let response = post(&phone(), &app.url("/new"), &form).await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.expect("page");
    assert!(page.contains("Certains champs sont à corriger : rien n&#39;a été créé."));
    assert!(page.contains("Ce champ est obligatoire."));
    assert!(page.contains("Un nombre entier de 1 à 4."), "{page}");
    assert!(
        page.contains(">Former les élus\n\nOuvrir les données</textarea>"),
        "typed values stay"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM workshops").await, 1);

    form[0] = ("title", "Un titre");
    form[8] = ("max_dots_per_recommendation", "2");
    let response = post(&phone(), &app.url("/new"), &form).await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .expect("page")
            .contains("Le code « SOLIDA » est déjà pris par un autre atelier.")
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM workshops").await, 1);
}

#[actix_web::test]
async fn the_form_asks_for_the_admin_password_when_one_is_set() {
    let dir = tempfile::tempdir().expect("dir");
    let config = Config {
        admin_password: Some("gal-2026".into()),
        ..Config::local(dir.path().join("a.db"))
    };
    let app = TestApp::start(config, dir, FIXTURE).await;
    let page = reqwest::get(app.url("/new"))
        .await
        .expect("page")
        .text()
        .await
        .expect("text");
    assert!(page.contains("name=\"password\""));
    let mut form = FORM.to_vec();
    form.push(("password", "mauvais"));
    let response = post(&phone(), &app.url("/new"), &form).await;
    assert_eq!(response.status(), 403);
    let page = response.text().await.expect("page");
    assert!(page.contains("Mot de passe incorrect."));
    assert!(page.contains("value=\"Atelier mobilités rurales\""));
    assert_eq!(app.count("SELECT COUNT(*) FROM workshops").await, 1);
    form.pop();
    form.push(("password", "gal-2026"));
    assert_eq!(post(&phone(), &app.url("/new"), &form).await.status(), 303);
    assert_eq!(app.count("SELECT COUNT(*) FROM workshops").await, 2);
}
