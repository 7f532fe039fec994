use super::*;

const FIXTURE: &str = include_str!("../../../tests/fixtures/rencontres-leader.toml");
const WORKSHOP_FIXTURE: &str = include_str!("../../../tests/fixtures/solidarites-sociales.toml");

#[test]
fn the_event_fixture_is_read_with_its_three_workshops() {
    let file = parse(FIXTURE).expect("valid");
    assert_eq!(
        file.event.title,
        "2èmes rencontres nationales de la coopération LEADER"
    );
    assert_eq!(
        file.event.code.as_ref().map(EventCode::as_str),
        Some("LEADER2019")
    );
    assert_eq!(file.event.place, "Paris, Cité des sciences");
    let titles: Vec<&str> = file.workshops.iter().map(|w| w.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Atelier thématique solidarités sociales",
            "Atelier thématique transition écologique",
            "Atelier thématique attractivité des territoires"
        ]
    );
    let first = &file.workshops[0];
    assert_eq!(first.speakers.len(), 1);
    assert_eq!(first.recommendations.len(), 2);
    assert_eq!(
        first.event_title.as_deref(),
        Some("2èmes rencontres nationales de la coopération LEADER")
    );
    let session = first
        .session
        .as_ref()
        .expect("the event's date with the workshop's hours");
    assert_eq!(session.stored().0, "2019-11-21");
    let slugs: Vec<&str> = file.workshops[1]
        .categories
        .iter()
        .map(|c| c.0.as_str())
        .collect();
    assert_eq!(slugs, ["constat", "levier"]);
    assert_eq!(file.workshops[2].keywords_per_participant, 5);
    assert_eq!(file.workshops[2].join_code, None);
    let rooms: Vec<Option<&str>> = file.workshops.iter().map(|w| w.room.as_deref()).collect();
    assert_eq!(
        rooms,
        [
            Some("Salle Vercors, 2e étage"),
            Some("Amphithéâtre Gaston Berger"),
            None
        ]
    );
}

#[test]
fn a_room_too_long_is_named_with_its_workshop_line_and_key() {
    let long = "x".repeat(81);
    let source = format!(
        "[event]\ntitle = \"R\"\n\n[[workshops]]\ntitle = \"A\"\nroom = \"Salle 1\"\n\n[[workshops]]\ntitle = \"B\"\nroom = \"{long}\"\n"
    );
    let errors = parse(&source).expect_err("refused");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].key.as_deref(), Some("workshops[1].room"));
    assert_eq!(errors[0].line, Some(10));
    assert_eq!(
        errors[0].kind,
        FileErrorKind::Field(Problem::Text(crate::domain::text::TextError::TooLong {
            max: 80
        }))
    );
}

#[test]
fn a_workshop_file_is_still_read_as_one_workshop() {
    let ImportFile::Workshop(w) = parse_import(WORKSHOP_FIXTURE).expect("valid") else {
        panic!("a workshop file is not an event file");
    };
    assert_eq!(w.title, "Atelier thématique solidarités sociales");
    assert!(matches!(parse_import(FIXTURE), Ok(ImportFile::Event(_))));
}

#[test]
fn every_wrong_workshop_is_named_with_its_line_and_key() {
    let source = FIXTURE
        .replace(
            "text = \"Associer les habitants dès la conception des projets\"",
            "text = \"  \"",
        )
        .replace(
            "keywords_per_participant = 5",
            "keywords_per_participant = 50",
        );
    let errors = parse(&source).expect_err("refused");
    let found: Vec<(Option<&str>, Option<usize>)> =
        errors.iter().map(|e| (e.key.as_deref(), e.line)).collect();
    let line = |needle: &str| {
        source
            .lines()
            .position(|l| l.contains(needle))
            .map(|n| n + 1)
    };
    assert_eq!(
        found,
        [
            (
                Some("workshops[0].recommendations[1].text"),
                line("text = \"  \"")
            ),
            (
                Some("workshops[2].keywords_per_participant"),
                line("keywords_per_participant = 50")
            ),
        ]
    );
}

#[test]
fn a_mistyped_or_unknown_key_in_a_workshop_names_it() {
    let source = FIXTURE.replace(
        "keywords_per_participant = 5",
        "keywords_per_participant = \"cinq\"",
    );
    let errors = parse(&source).expect_err("refused");
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].key.as_deref(),
        Some("workshops[2].keywords_per_participant")
    );
    assert_eq!(
        errors[0].line,
        source
            .lines()
            .position(|l| l.contains("\"cinq\""))
            .map(|n| n + 1)
    );
    let source = FIXTURE.replace("join_code = \"ECOLO\"", "joincode = \"ECOLO\"");
    let errors = parse(&source).expect_err("refused");
    let FileErrorKind::Syntax(message) = &errors[0].kind else {
        panic!("a shape error: {:?}", errors[0]);
    };
    assert!(message.contains("joincode"), "{message}");
    assert_eq!(
        errors[0].line,
        source
            .lines()
            .position(|l| l.contains("joincode"))
            .map(|n| n + 1)
    );
}

#[test]
fn two_workshops_with_one_join_code_and_a_bad_event_code_are_refused() {
    let source = FIXTURE
        .replace("join_code = \"ECOLO\"", "join_code = \"solida\"")
        .replace("code = \"LEADER2019\"", "code = \"L!\"");
    let errors = parse(&source).expect_err("refused");
    let keys: Vec<&str> = errors.iter().filter_map(|e| e.key.as_deref()).collect();
    assert_eq!(keys, ["event.code", "workshops[1].join_code"]);
    assert_eq!(
        errors[1].kind,
        FileErrorKind::Field(Problem::DuplicateJoinCode)
    );
}

#[test]
fn an_event_without_workshops_is_refused() {
    let errors = parse("workshops = []\n\n[event]\ntitle = \"R\"\n").expect_err("refused");
    assert_eq!(errors[0].key.as_deref(), Some("workshops"));
}
