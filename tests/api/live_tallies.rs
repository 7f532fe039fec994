//! The live tallies kept up to date from what arrived since (issue #15) always equal a
//! full recount: random rooms — keywords, findings, "+1"s, ballots, and the
//! facilitator's hides, corrections and vote switch — replayed through the store, the
//! projector's tallies and `keywords.csv`'s groups compared with a full load after
//! every step.

use atelier::domain::activity::EntryKind;
use atelier::domain::ballot::Ballot;
use atelier::domain::entry::{FindingText, Keywords};
use atelier::domain::ids::{FindingId, WorkshopId};
use atelier::domain::keyword::Correction;
use atelier::domain::summary::Summary;
use atelier::store::{Phone, Store};
use atelier::tallies::live::{LIVE_FINDINGS_KEPT, LIVE_KEYWORDS_KEPT};
use atelier::tallies::{Tallies, TalliesCache};

use crate::common::{FIXTURE, TestApp};

/// A small deterministic generator, so that a failing room can be replayed by its seed.
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % n.max(1) as u64).unwrap_or(0)
    }
}

const WORDS: [&str; 12] = [
    "Entraide",
    "entraide",
    "ENTRAIDE",
    "Mobilité",
    "mobilites",
    "Turn over",
    "turn-over",
    "ESS",
    "Lien social",
    "liens sociaux",
    "Proximité",
    "proximite",
];

/// What the projector can show of `summary`, cut as the live tallies cut it.
fn shown(summary: &Summary) -> Summary {
    let mut cut = summary.clone();
    cut.keywords.truncate(LIVE_KEYWORDS_KEPT);
    cut.hidden_keywords.clear();
    for group in &mut cut.findings {
        group.items.truncate(LIVE_FINDINGS_KEPT);
    }
    cut
}

async fn one_step(store: &Store, id: WorkshopId, rng: &mut XorShift, step: usize) {
    let workshop = store.workshop(id).await.expect("read").expect("workshop");
    let phone = Phone {
        workshop_id: id,
        token_hash: format!("phone-{}", rng.below(45)),
        may_join: true,
    };
    let max = |table: &str| {
        let sql = format!("SELECT COALESCE(MAX(id), 0) FROM {table}");
        store
            .readers
            .read_blocking(move |c| Ok(c.query_row(&sql, [], |r| r.get::<_, i64>(0))?))
    };
    // Refusals (quotas, a "+1" on one's own finding…) are part of a room: ignored.
    let _ = match rng.below(20) {
        0..=5 => {
            let boxes: Vec<String> = (0..3)
                .map(|_| match rng.below(3) {
                    0 => WORDS[rng.below(WORDS.len())].to_string(),
                    _ => format!("mot{}", rng.below(900)),
                })
                .collect();
            match Keywords::parse(&boxes) {
                Ok(keywords) => store
                    .submit_keywords(&workshop, phone, None, keywords)
                    .await
                    .map(|_| ()),
                Err(_) => Ok(()),
            }
        }
        6..=8 => {
            let category = &workshop.categories[rng.below(workshop.categories.len())];
            let text =
                FindingText::parse(&format!("Constat {step} {}", rng.below(9))).expect("a finding");
            store
                .submit_finding(phone, None, category.id, text)
                .await
                .map(|_| ())
        }
        9..=11 => {
            let finding = i64::try_from(
                rng.below(usize::try_from(max("findings").expect("max")).unwrap_or(0) + 1),
            )
            .unwrap_or(0);
            store
                .support_finding(phone, FindingId(finding))
                .await
                .map(|_| ())
        }
        12..=14 => {
            let recs = &workshop.recommendations;
            let first = recs[rng.below(recs.len())].id;
            let second = recs[rng.below(recs.len())].id;
            let mut dots = vec![(first, i64::try_from(1 + rng.below(2)).unwrap_or(1))];
            if second != first {
                dots.push((second, 1));
            }
            store.cast_ballot(phone, Ballot { dots }).await.map(|_| ())
        }
        15 => {
            let (kind, table) = if rng.below(2) == 0 {
                (EntryKind::Keyword, "keywords")
            } else {
                (EntryKind::Finding, "findings")
            };
            let top = usize::try_from(max(table).expect("max")).unwrap_or(0);
            let entry = i64::try_from(1 + rng.below(top)).unwrap_or(1);
            store
                .set_entry_hidden(id, kind, entry, rng.below(3) > 0)
                .await
        }
        16 => {
            let seq = i64::try_from(1 + rng.below(45)).unwrap_or(1);
            store
                .set_participant_hidden(id, seq, rng.below(2) == 0)
                .await
        }
        17 | 18 => {
            let full = Tallies::load(store, workshop).await.expect("full load");
            let groups = &full.summary.keywords;
            if groups.len() < 2 {
                return;
            }
            let a = groups[rng.below(groups.len())].key.clone();
            let b = groups[rng.below(groups.len())].key.clone();
            let correction = match rng.below(3) {
                0 if a != b => Correction::Merge { from: a, into: b },
                1 => Correction::Label {
                    group: a,
                    label: format!("Libellé {step}"),
                },
                _ => Correction::Hide { group: a },
            };
            store
                .correct_keywords(id, vec![(correction, "groupe".into())])
                .await
        }
        _ => store.set_votes_need_code(id, rng.below(4) == 0).await,
    };
}

#[actix_web::test]
async fn kept_up_to_date_the_live_tallies_always_equal_a_full_recount() {
    let toml = FIXTURE.replace(
        "keywords_per_participant = 3",
        "keywords_per_participant = 12",
    );
    for seed in 1..=4_u64 {
        let app = TestApp::with_workshop(&toml).await;
        let id = WorkshopId(app.count("SELECT id FROM workshops").await);
        let live = TalliesCache::new(app.store.clone());
        let mut rng = XorShift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let mut longest = (0, 0);
        for step in 0..300 {
            one_step(&app.store, id, &mut rng, step).await;
            let projected = live.get(id).await.expect("live").expect("workshop");
            let workshop = app
                .store
                .workshop(id)
                .await
                .expect("read")
                .expect("workshop");
            let full = Tallies::load(&app.store, workshop).await.expect("full");
            assert_eq!(
                projected.summary,
                shown(&full.summary),
                "seed {seed}, step {step}: live tallies differ from a full recount"
            );
            let groups = live
                .keyword_counts(id)
                .await
                .expect("live")
                .expect("workshop");
            assert_eq!(
                groups, full.summary.keywords,
                "seed {seed}, step {step}: keywords.csv's groups differ from a full recount"
            );
            longest.0 = longest.0.max(full.summary.keywords.len());
            let most = full.summary.findings.iter().map(|g| g.items.len()).max();
            longest.1 = longest.1.max(most.unwrap_or(0));
        }
        // The rooms are large enough for the cuts to matter.
        assert!(
            longest.0 > LIVE_KEYWORDS_KEPT && longest.1 > LIVE_FINDINGS_KEPT,
            "seed {seed}: {longest:?}"
        );
    }
}

/// The plenary's cloud unites the workshops' live tallies: a group counts the phones of
/// every workshop, and a group one facilitator hid counts only the other workshop's.
#[actix_web::test]
async fn the_event_cloud_unites_every_workshop_of_the_meeting() {
    let app = TestApp::with_fixture().await;
    let other = atelier::domain::workshop_file::parse(
        &FIXTURE.replace("join_code = \"SOLIDA\"", "join_code = \"MOBILI\""),
    )
    .expect("second workshop");
    atelier::workshops::create(&app.store, other)
        .await
        .expect("imported");
    let ids = [WorkshopId(1), WorkshopId(2)];
    let send = |workshop: i64, phone: &str, words: &[&str]| {
        let store = app.store.clone();
        let phone = Phone {
            workshop_id: WorkshopId(workshop),
            token_hash: format!("{workshop}-{phone}"),
            may_join: true,
        };
        let keywords = Keywords::parse(words).expect("keywords");
        async move {
            let workshop = store
                .workshop(phone.workshop_id)
                .await
                .expect("read")
                .expect("workshop");
            store
                .submit_keywords(&workshop, phone, None, keywords)
                .await
                .expect("stored");
        }
    };
    send(1, "a", &["Entraide", "ESS"]).await;
    send(1, "b", &["entraide"]).await;
    send(2, "a", &["Entraide", "Mobilité"]).await;
    let live = TalliesCache::new(app.store.clone());
    let (cloud, groups) = live.event_keywords(&ids, 10).await.expect("event");
    let counts: Vec<(&str, usize)> = cloud.iter().map(|k| (k.label.as_str(), k.count)).collect();
    assert_eq!(counts, vec![("Entraide", 3), ("ESS", 1), ("Mobilité", 1)]);
    assert_eq!(groups, 3);

    // Workshop 1 hides "entraide"; workshop 2's phone still counts; a new keyword shows.
    let key = cloud[0].key.clone();
    app.store
        .correct_keywords(
            WorkshopId(1),
            vec![(Correction::Hide { group: key }, "Entraide".into())],
        )
        .await
        .expect("hidden");
    send(2, "b", &["mobilites"]).await;
    let (cloud, _) = live.event_keywords(&ids, 10).await.expect("event");
    let counts: Vec<(&str, usize)> = cloud.iter().map(|k| (k.label.as_str(), k.count)).collect();
    assert_eq!(counts, vec![("Mobilité", 2), ("Entraide", 1), ("ESS", 1)]);
}
