//! The keyword tally's tests: one at a time equals all at once, the top groups are the
//! head of the full tally, the event tally equals every room together.

use super::*;
use crate::domain::keyword::Correction;

fn entry(participant_id: i64, text: &str) -> KeywordEntry {
    KeywordEntry {
        participant_id,
        text: text.to_string(),
    }
}

#[test]
fn added_one_by_one_it_equals_the_tally_of_all_at_once() {
    let all = [
        entry(1, "Entraide"),
        entry(2, "entraide"),
        entry(2, "Mobilité"),
        entry(3, "mobilites"),
        entry(3, "Entraide"),
        entry(4, "ESS"),
    ];
    let corrections = Corrections::from_list(&[Correction::Label {
        group: "ess".into(),
        label: "Économie sociale".into(),
    }]);
    let mut growing = KeywordTally::new(Language::French, corrections.clone());
    for (n, e) in all.iter().enumerate() {
        growing.add(e);
        let at_once = KeywordTally::of(&all[..=n], Language::French, corrections.clone());
        assert_eq!(
            growing.counts(),
            at_once.counts(),
            "after {} entries",
            n + 1
        );
    }
    let counts = growing.counts();
    assert_eq!(counts[0].label, "Entraide");
    assert_eq!(counts[0].count, 3);
    assert_eq!(growing.entries(), 6);
}

#[test]
fn one_group_of_eighty_thousand_entries_counts_each_phone_once() {
    let entries: Vec<KeywordEntry> = (0..80_000).map(|i| entry(i % 2_000, "Mobilité")).collect();
    let tally = KeywordTally::of(&entries, Language::French, Corrections::default());
    let counts = tally.counts();
    assert_eq!(counts.len(), 1);
    assert_eq!(counts[0].count, 2_000);
    assert_eq!(counts[0].variants, vec![("Mobilité".to_string(), 80_000)]);
}

/// A small deterministic generator, so that a failing sequence can be replayed.
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % n as u64).unwrap_or(0)
    }
}

/// Whatever the entries, corrections and number shown, `top` is the head of the
/// visible groups of `counts`, ties at the cut included.
#[test]
fn the_top_groups_are_the_head_of_the_full_tally() {
    const WORDS: [&str; 10] = [
        "Entraide",
        "entraide",
        "ENTRAIDE ",
        "Mobilité",
        "mobilites",
        "Turn over",
        "turn-over",
        "ESS",
        "Lien social",
        "liens sociaux",
    ];
    for seed in 1..=60_u64 {
        let mut rng = XorShift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let mut corrections: Vec<Correction> = Vec::new();
        for _ in 0..rng.below(4) {
            let word = WORDS[rng.below(WORDS.len())];
            let group = Corrections::from_list(&corrections)
                .group_of(&collapse_spaces(word), Language::French);
            corrections.push(match rng.below(3) {
                0 => Correction::Hide { group },
                1 => Correction::Label {
                    group,
                    label: format!("Libellé {seed}"),
                },
                _ => Correction::Split {
                    spelling: crate::domain::keyword::basic_key(word),
                },
            });
        }
        let mut tally = KeywordTally::new(Language::French, Corrections::from_list(&corrections));
        for n in 0..rng.below(200) {
            let word = WORDS[rng.below(WORDS.len())];
            let text = if rng.below(3) == 0 {
                format!("{word} {n}")
            } else {
                word.to_string()
            };
            tally.add_text(i64::try_from(rng.below(30)).unwrap_or(0), &text);
        }
        let visible: Vec<KeywordCount> = tally.counts().into_iter().filter(|k| !k.hidden).collect();
        for shown in [0, 1, 2, 3, 5, 8, 40, 500] {
            let (top, groups) = tally.top(shown);
            assert_eq!(groups, visible.len(), "seed {seed}");
            assert_eq!(
                top,
                visible[..shown.min(visible.len())],
                "seed {seed}, {shown} shown"
            );
        }
    }
}

/// Two workshops' tallies united equal the tally of both rooms' entries, the first
/// workshop's first; a group hidden in one workshop counts only the other's phones.
#[test]
fn the_event_tally_equals_the_tally_of_every_room_together() {
    const WORDS: [&str; 6] = [
        "Entraide",
        "entraide",
        "Mobilité",
        "mobilites",
        "ESS",
        "Lien social",
    ];
    for seed in 1..=40_u64 {
        let mut rng = XorShift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let rooms: Vec<Vec<KeywordEntry>> = (0..3_i64)
            .map(|room| {
                (0..rng.below(40))
                    .map(|_| {
                        let phone = room * 100 + i64::try_from(rng.below(15)).unwrap_or(0);
                        entry(phone, WORDS[rng.below(WORDS.len())])
                    })
                    .collect()
            })
            .collect();
        let tallies: Vec<KeywordTally> = rooms
            .iter()
            .map(|r| KeywordTally::of(r, Language::French, Corrections::default()))
            .collect();
        let event = KeywordTally::across(&tallies.iter().collect::<Vec<_>>(), Language::French);
        let together = KeywordTally::of(
            rooms.iter().flatten(),
            Language::French,
            Corrections::default(),
        );
        assert_eq!(event.counts(), together.counts(), "seed {seed}");
        assert_eq!(event.entries(), together.entries());
    }
    let hidden = Corrections::from_list(&[Correction::Hide {
        group: Corrections::default().group_of("Entraide", Language::French),
    }]);
    let first = KeywordTally::of(
        &[entry(1, "Entraide"), entry(2, "ESS")],
        Language::French,
        hidden,
    );
    let second = KeywordTally::of(
        &[entry(3, "entraide")],
        Language::French,
        Corrections::default(),
    );
    let counts = KeywordTally::across(&[&first, &second], Language::French).counts();
    let entraide = counts
        .iter()
        .find(|k| k.label == "entraide")
        .expect("kept from the second room");
    assert_eq!((entraide.count, entraide.hidden), (1, false));
    assert_eq!(counts.len(), 2);
}
