//! Checks of a workshop draft: what the import file and the `/new` form may hold.

use super::*;
use crate::domain::text::TextError;

fn draft() -> WorkshopDraft {
    WorkshopDraft {
        workshop: WorkshopFields {
            title: "Atelier".into(),
            ..Default::default()
        },
        ..Default::default()
    }
}

#[test]
fn optional_settings_take_their_documented_defaults() {
    let w = draft().validate().expect("valid");
    assert_eq!(w.language, "fr");
    assert_eq!(w.time_zone, "Europe/Paris");
    assert_eq!(
        (
            w.keywords_per_participant,
            w.dots_per_participant,
            w.max_dots_per_recommendation
        ),
        (3, 3, 3)
    );
    assert_eq!(w.categories.len(), 3);
    assert_eq!(
        w.categories[1],
        ("difficulte".to_string(), "Difficulté".to_string())
    );
    assert!(w.join_code.is_none());
}

#[test]
fn every_problem_is_reported_with_its_key() {
    let mut d = draft();
    d.workshop.title = " \u{200B} ".into();
    d.workshop.max_dots_per_recommendation = Some(5);
    d.workshop.time_zone = Some("Paris".into());
    d.finding_categories = vec![
        CategoryDraft {
            slug: "constat".into(),
            label: "Constat".into(),
        },
        CategoryDraft {
            slug: "constat".into(),
            label: "Encore".into(),
        },
        CategoryDraft {
            slug: "Levier!".into(),
            label: "Levier".into(),
        },
    ];
    let errors = d.validate().expect_err("invalid");
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "workshop.title",
            "finding_categories[1].slug",
            "finding_categories[2].slug",
            "workshop.time_zone",
            "workshop.max_dots_per_recommendation"
        ]
    );
    assert_eq!(errors[4].problem, Problem::OutOfRange { min: 1, max: 3 });
}

#[test]
fn a_wrong_dot_budget_is_one_error_not_two() {
    let mut d = draft();
    d.workshop.dots_per_participant = Some(-2);
    let errors = d.validate().expect_err("invalid");
    let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["workshop.dots_per_participant"]);
}

#[test]
fn a_room_is_clean_text_of_one_line_and_at_most_80_characters() {
    let mut d = draft();
    d.workshop.room = "  Salle\u{00A0}Vercors,\u{200B} 2e e\u{0301}tage ".into();
    let w = d.validate().expect("valid");
    assert_eq!(w.room.as_deref(), Some("Salle\u{00A0}Vercors, 2e étage"));

    assert_eq!(draft().validate().expect("valid").room, None, "no room");
    let mut d = draft();
    d.workshop.room = " \u{200B} ".into();
    assert_eq!(
        d.validate().expect("valid").room,
        None,
        "a blank room is none"
    );

    let mut d = draft();
    d.workshop.room = "é".repeat(ROOM_MAX_CHARS);
    assert!(d.validate().is_ok(), "80 characters fit");
    for (room, problem) in [
        (
            "é".repeat(ROOM_MAX_CHARS + 1),
            Problem::Text(TextError::TooLong { max: 80 }),
        ),
        (
            "Salle A\n2e étage".to_string(),
            Problem::Text(TextError::ControlCharacter),
        ),
    ] {
        let mut d = draft();
        d.workshop.room = room;
        let errors = d.validate().expect_err("refused");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, "workshop.room");
        assert_eq!(errors[0].problem, problem);
    }
}
