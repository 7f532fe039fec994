//! Suggested groups benchmark (issue #13, item 2): the time `domain::suggestions::suggest`
//! takes for 300, 1,000 and 3,000 findings, as a French room
//! writes them: sentences of 6 to 14 words drawn from 40 themes (a few theme words
//! each) and a shared vocabulary of common words, so that many findings share a word
//! and some share a theme. Pure computation, no server: the page and `suggestions.json`
//! add a read of the cached tallies.
//!
//! Run: `cargo bench --bench synthesis` (option: `-- --runs N`, default 5; the median and
//! the slowest run are printed).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use atelier::domain::language::Language;
use atelier::domain::suggestions::suggest;

/// Words of the room: each theme has a few words of its own, the rest is shared.
const THEMES: &[&str] = &[
    "mobilité transport covoiturage",
    "bénévoles épuisement renouvellement",
    "temps animation montage",
    "volonté politique élus",
    "financements européens retard",
    "numérique isolement personnes",
    "jeunes engagement associations",
    "logement habitat centre-bourg",
    "santé médecins désert",
    "alimentation circuits courts",
    "culture patrimoine festival",
    "emploi insertion chantier",
    "tourisme accueil hébergement",
    "agriculture installation foncier",
    "énergie rénovation chauffage",
    "eau rivières sécheresse",
    "forêt filière bois",
    "commerce proximité marché",
    "école périscolaire enfants",
    "aînés solitude visite",
    "handicap accessibilité inclusion",
    "coopération partenaires réseau",
    "capitalisation continuité départs",
    "expérimentation erreur droit",
    "mixité acteurs publics",
    "gouvernance comité décision",
    "communication visibilité presse",
    "évaluation indicateurs suivi",
    "formation compétences ingénierie",
    "ruralité services publics",
    "participation citoyens concertation",
    "égalité femmes hommes",
    "sport équipements clubs",
    "déchets recyclage ressourcerie",
    "biodiversité haies paysage",
    "artisanat savoir-faire transmission",
    "tiers-lieu fablab coworking",
    "migrants accueil hospitalité",
    "pauvreté précarité aide",
    "transition climat adaptation",
];
const COMMON: &[&str] = &[
    "projet",
    "territoire",
    "besoin",
    "acteurs",
    "difficile",
    "manque",
    "question",
    "important",
    "local",
    "commune",
    "programme",
    "leader",
    "action",
    "travail",
    "public",
    "moyens",
    "outil",
    "démarche",
    "enjeu",
    "développement",
];

/// A reproducible pseudo-random sequence (xorshift), so every run draws the same room.
struct Draw(u64);

impl Draw {
    fn next(&mut self, below: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % below as u64) as usize
    }
}

fn room(size: usize) -> Vec<(i64, String)> {
    let mut draw = Draw(0x5eed_1234_abcd_0042);
    (1..=size)
        .map(|id| {
            let theme: Vec<&str> = THEMES[draw.next(THEMES.len())].split(' ').collect();
            let length = 6 + draw.next(9);
            let words: Vec<&str> = (0..length)
                .map(|_| {
                    if draw.next(3) == 0 {
                        theme[draw.next(theme.len())]
                    } else {
                        COMMON[draw.next(COMMON.len())]
                    }
                })
                .collect();
            (
                id as i64,
                format!("Le {} de la {}", words.join(" les "), theme[0]),
            )
        })
        .collect()
}

fn main() {
    let runs: usize = std::env::args()
        .skip_while(|a| a != "--runs")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(5);
    println!("suggested groups (domain::suggestions::suggest), {runs} runs each");
    println!("| findings | groups | grouped findings | median ms | slowest ms |");
    println!("| ---: | ---: | ---: | ---: | ---: |");
    for size in [300, 1_000, 3_000] {
        let room = room(size);
        let findings: Vec<(i64, &str)> = room.iter().map(|(id, t)| (*id, t.as_str())).collect();
        let mut times = Vec::with_capacity(runs);
        let mut found = Vec::new();
        for _ in 0..runs {
            let started = Instant::now();
            found = suggest(&findings, Language::French);
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        let grouped: usize = found.iter().map(|g| g.findings.len()).sum();
        println!(
            "| {size} | {} | {grouped} | {:.1} | {:.1} |",
            found.len(),
            times[times.len() / 2],
            times[times.len() - 1]
        );
    }
}
