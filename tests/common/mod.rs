//! Shared test helpers: start the real server on a random port with a temporary
//! database, import the fixture workshop, and act as phones with their own cookie jars.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, HashMap};

use atelier::domain::workshop_file;
use atelier::startup::{Application, Config};
use atelier::store::{Store, StoreError};
use atelier::workshops::{self, Links};
use reqwest::redirect::Policy;

/// The fixture workshop, as the project keeps it.
pub const FIXTURE: &str = include_str!("../fixtures/solidarites-sociales.toml");
/// The fixture's 12 participants' answers.
pub const RESPONSES: &str = include_str!("../fixtures/solidarites-sociales-responses.csv");
/// What the fixture's tallies must be.
pub const EXPECTED: &str = include_str!("../fixtures/solidarites-sociales-expected.toml");

/// A running server with the fixture workshop.
pub struct TestApp {
    /// `http://127.0.0.1:{port}`.
    pub base: String,
    pub store: Store,
    pub links: Links,
    pub dir: tempfile::TempDir,
    /// The projector broadcasters, to count open streams.
    pub broadcasts: std::sync::Arc<atelier::web::screen::Broadcasts>,
}

impl TestApp {
    /// The server, with the fixture workshop imported.
    pub async fn with_fixture() -> Self {
        Self::with_workshop(FIXTURE).await
    }

    /// The server, with the workshop of `toml` imported.
    pub async fn with_workshop(toml: &str) -> Self {
        let dir = tempfile::tempdir().expect("temporary directory");
        let config = Config::local(dir.path().join("atelier.db"));
        Self::start(config, dir, toml).await
    }

    /// The server with `config` (its database inside `dir`).
    pub async fn start(config: Config, dir: tempfile::TempDir, toml: &str) -> Self {
        let app = Application::build(&config).expect("server starts");
        let base = app.base_url().to_string();
        let store = app.store().clone();
        let broadcasts = app.broadcasts();
        actix_web::rt::spawn(app.run_until_stopped());
        let workshop = workshop_file::parse(toml).expect("valid workshop");
        let created = workshops::create(&store, workshop).await.expect("imported");
        let links = Links::new(&base, &created.join_code, &created.facilitator_key);
        Self {
            base,
            store,
            links,
            dir,
            broadcasts,
        }
    }

    /// `{base}{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// `{participant_url}/{path}`: a phone's form or page of the workshop.
    pub fn participant(&self, path: &str) -> String {
        format!("{}/{path}", self.links.participant_url)
    }

    /// `{facilitator_url}/{path}`: a facilitator's form or page.
    pub fn facilitator(&self, path: &str) -> String {
        format!("{}/{path}", self.links.facilitator_url)
    }

    /// `phone` sends the keyword form, one box per keyword.
    pub async fn post_keywords(
        &self,
        phone: &reqwest::Client,
        keywords: &[&str],
    ) -> reqwest::Response {
        let fields: Vec<(&str, &str)> = keywords.iter().map(|k| ("keyword", *k)).collect();
        post(phone, &self.participant("keywords"), &fields).await
    }

    /// `phone` sends one finding.
    pub async fn post_finding(
        &self,
        phone: &reqwest::Client,
        category: &str,
        text: &str,
    ) -> reqwest::Response {
        post(
            phone,
            &self.participant("findings"),
            &[("category", category), ("text", text)],
        )
        .await
    }

    /// `phone` sends a ballot: `(field, dots)` pairs such as `("rec-3", "2")`.
    pub async fn post_votes(
        &self,
        phone: &reqwest::Client,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        post(phone, &self.participant("votes"), fields).await
    }

    /// A facilitator's form (`{facilitator_url}/{path}`), sent from a fresh client.
    pub async fn post_facilitator(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        post(&phone(), &self.facilitator(path), fields).await
    }

    /// A file of the facilitator's exports, as text.
    pub async fn export(&self, file: &str) -> String {
        let response = phone()
            .get(self.facilitator(&format!("export/{file}")))
            .send()
            .await
            .expect("export answers");
        assert_eq!(response.status(), 200, "{file}");
        response.text().await.expect("export body")
    }

    /// Every row of the tables participants write to, as text: to check that a refused
    /// request left the database as it was.
    pub async fn snapshot(&self) -> String {
        self.store
            .readers
            .read(|conn| {
                let mut out = String::new();
                for table in [
                    "participants",
                    "keywords",
                    "findings",
                    "ballots",
                    "submissions",
                ] {
                    let mut statement = conn.prepare(&format!("SELECT * FROM {table}"))?;
                    let columns = statement.column_count();
                    let mut rows = statement.query([])?;
                    while let Some(row) = rows.next()? {
                        let values: Vec<String> = (0..columns)
                            .map(|i| format!("{:?}", row.get_ref(i).map(|v| format!("{v:?}"))))
                            .collect();
                        out.push_str(&format!("{table}: {}\n", values.join(", ")));
                    }
                }
                Ok::<_, StoreError>(out)
            })
            .await
            .expect("snapshot")
    }

    /// One number from the database.
    pub async fn count(&self, sql: impl Into<String>) -> i64 {
        let sql = sql.into();
        self.store
            .readers
            .read(move |conn| Ok::<_, StoreError>(conn.query_row(&sql, [], |r| r.get(0))?))
            .await
            .expect("count")
    }
}

/// A phone: its own cookie jar, redirects not followed (to see the `303`).
pub fn phone() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .expect("client")
}

/// The page at `url` as `client` sees it, as text.
pub async fn text(client: &reqwest::Client, url: impl reqwest::IntoUrl) -> String {
    client
        .get(url)
        .send()
        .await
        .expect("the server answers")
        .text()
        .await
        .expect("a text body")
}

/// Opens the workshop page of the participant URL `url` (`{base}/w/{code}/…`), as a
/// phone does before it sends anything: the page hands out the participant cookie.
pub async fn join(client: &reqwest::Client, url: &str) {
    let Some((base, rest)) = url.split_once("/w/") else {
        return;
    };
    let code = rest.split(['/', '?', '#']).next().unwrap_or("");
    let _ = client.get(format!("{base}/w/{code}")).send().await;
}

/// Where a `303` leads: its `location` header.
pub fn location(response: &reqwest::Response) -> String {
    response.headers()["location"]
        .to_str()
        .expect("location")
        .to_string()
}

/// The recommendation ids of the ballot on a workshop page, in page order.
pub fn recommendation_ids(page: &str) -> Vec<i64> {
    let mut ids = Vec::new();
    for part in page.split("name=\"rec-").skip(1) {
        let id: i64 = part
            .split('"')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("recommendation id");
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// Reads a CSV export into rows of named fields.
pub fn csv_rows(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("headers").clone();
    reader
        .records()
        .map(|r| {
            let record = r.expect("row");
            headers
                .iter()
                .zip(record.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// Sends a urlencoded form. A participant's form (`…/w/{code}/…`) is sent as a phone
/// does: after the workshop page, whose cookie identifies the phone.
pub async fn post(
    client: &reqwest::Client,
    url: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    join(client, url).await;
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    client
        .post(url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .expect("server answers")
}

#[derive(Default)]
struct Answers {
    keywords: Vec<String>,
    findings: Vec<(String, String)>,
    dots: Vec<(usize, String)>,
}

/// The fixture's answers by participant, in order of first appearance.
fn responses() -> Vec<(String, Answers)> {
    let mut order: Vec<String> = Vec::new();
    let mut by_participant: HashMap<String, Answers> = HashMap::new();
    let mut reader = csv::Reader::from_reader(RESPONSES.as_bytes());
    for row in reader.records() {
        let row = row.expect("fixture row");
        let participant = row[0].to_string();
        if !order.contains(&participant) {
            order.push(participant.clone());
        }
        let answers = by_participant.entry(participant).or_default();
        match &row[1] {
            "keyword" => answers.keywords.push(row[4].to_string()),
            "finding" => answers
                .findings
                .push((row[2].to_string(), row[4].to_string())),
            "dots" => answers
                .dots
                .push((row[3].parse().expect("position"), row[5].to_string())),
            other => panic!("unknown kind {other}"),
        }
    }
    order
        .into_iter()
        .map(|p| {
            let answers = by_participant.remove(&p).unwrap_or_default();
            (p, answers)
        })
        .collect()
}

/// Replays the fixture's 12 participants over HTTP, one cookie jar each.
pub async fn replay(app: &TestApp) {
    replay_at(&app.links.participant_url).await;
}

/// [`replay`] on the workshop whose participant page is `participant_url`, wherever it
/// runs (a server in another process, say).
pub async fn replay_at(participant_url: &str) {
    let form = |name: &str| format!("{participant_url}/{name}");
    for (participant, answers) in responses() {
        let phone = phone();
        let page = text(&phone, participant_url).await;
        let ids = recommendation_ids(&page);
        assert_eq!(ids.len(), 5, "the ballot lists the 5 recommendations");

        let keywords: Vec<(&str, &str)> = answers
            .keywords
            .iter()
            .map(|k| ("keyword", k.as_str()))
            .collect();
        let response = post(&phone, &form("keywords"), &keywords).await;
        assert_eq!(response.status(), 303, "{participant}'s keywords");

        for (category, text) in &answers.findings {
            let fields = [("category", category.as_str()), ("text", text.as_str())];
            let response = post(&phone, &form("findings"), &fields).await;
            assert_eq!(response.status(), 303, "{participant}'s finding");
        }

        let names: Vec<String> = answers
            .dots
            .iter()
            .map(|(position, _)| format!("rec-{}", ids[position - 1]))
            .collect();
        let fields: Vec<(&str, &str)> = names
            .iter()
            .zip(&answers.dots)
            .map(|(name, (_, dots))| (name.as_str(), dots.as_str()))
            .collect();
        let response = post(&phone, &form("votes"), &fields).await;
        assert_eq!(response.status(), 303, "{participant}'s ballot");
    }
}

/// The bytes of the part `name` of the ZIP file `zip` (an export, a Word file, a workbook).
pub fn part(zip: &[u8], name: &str) -> Vec<u8> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("a zip");
    let mut bytes = Vec::new();
    archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the archive"))
        .read_to_end(&mut bytes)
        .expect("the part reads");
    bytes
}
