//! The plenary's layout budget (issue #14): like the projector, the plenary is laid out
//! once for 1280×720 CSS pixels and scaled as a whole to the screen (`static/style.css`,
//! `--u`: one pixel at 1280×720), so what fits there fits at 1366×768, 1920×1080 and 4K.
//! These functions decide, for 1280×720, how many lines the title takes, how much of a
//! column each text and each recommendation may take (shortened at a word with "…" when
//! longer, the ones left out counted), and the box the keyword cloud fills. The heights
//! and widths below are the stylesheet's (section "Plenary"); the character widths are
//! those of Debian's DejaVu Sans, the widest of the usual projector fonts.

use crate::web::screen::cloud::CloudBox;
use crate::web::screen::view::{lines_of, shorten};

/// The screen less its margins (20 px above and below, 28 px on each side).
const CONTENT_WIDTH_PX: f64 = 1224.0;
const CONTENT_HEIGHT_PX: f64 = 680.0;
/// What is budgeted of a height: browsers round, fonts differ; the rest is slack.
const SLACK: f64 = 0.97;
/// The title: 36 px bold, line height 1.2, at most two lines; a bold character is about
/// 0.62 em wide.
const TITLE_LINE_PX: f64 = 43.2;
const TITLE_CHAR_PX: f64 = 36.0 * 0.62;
const TITLE_LINES: f64 = 2.0;
/// The counter under the title (24 px, line height 1.25, 4 px above) and the space under it.
const COUNTER_PX: f64 = 34.0 + 12.0;
/// A "+ N autres" line: 24 px, line height 1.25, 6 px above.
const MORE_PX: f64 = 36.0;
/// The two columns of a workshop's step, 28 px apart.
const COLUMN_WIDTH_PX: f64 = (CONTENT_WIDTH_PX - 28.0) / 2.0;
/// A column's heading: 30 px, line height 1.2, 8 px under it; the texts' heading has
/// 12 px more above it (under the cloud).
const HEADING_PX: f64 = 44.0;
const TEXTS_HEADING_PX: f64 = HEADING_PX + 12.0;
/// A statement or finding: 26 px text, line height 1.2, 10 px under it; a character of
/// 26 px text is counted 0.56 em wide (as on the projector): DejaVu Sans draws 0.46–0.49 em
/// a character, spaces included, but lines wrap at words, and the plenary's screenshots
/// held 37–41 characters a line of 598 px.
const TEXT_LINE_PX: f64 = 31.2;
const TEXT_GAP_PX: f64 = 10.0;
const TEXT_CHAR_PX: f64 = 26.0 * 0.56;
/// A recommendation: its text (24 px, line height 1.15) over a row holding its bar and
/// figures (30 px), 2 px between them and 10 px under the row; the text's width is the
/// column's less the rank (72 px) and the gap after it (14 px); a character of 24 px
/// text is counted 0.53 em (the screenshots held 37–43 characters a line of 512 px).
const BAR_LINE_PX: f64 = 27.6;
const BAR_ROW_PX: f64 = 42.0;
const BAR_TEXT_PX: f64 = COLUMN_WIDTH_PX - 72.0 - 14.0;
const BAR_CHAR_PX: f64 = 24.0 * 0.53;
/// The keyword cloud keeps at least this height in a workshop's step.
const CLOUD_MIN_PX: f64 = 150.0;
/// The findings or statements take at most this share of what the left column holds
/// under its heading; the cloud takes the rest.
const TEXTS_SHARE: f64 = 0.55;
/// A text shortened to the room left shows at least this many characters, or waits in
/// "+ N autres" (the first one is always shown).
const MIN_TEXT_CHARS: usize = 40;
/// Most lines a statement or finding takes, and a recommendation: the room reads the top
/// three of each rather than one whole.
const TEXT_LINES: f64 = 3.0;
const BAR_LINES: f64 = 4.0;
/// Longest text shown, in characters (the proceedings have them whole).
const MAX_TEXT_CHARS: usize = 300;

/// The title, shortened at a word with "…" to two lines of the screen's width, and the
/// lines it takes.
pub fn title(text: &str) -> (String, f64) {
    let per_line = CONTENT_WIDTH_PX / TITLE_CHAR_PX;
    let text = within_lines(text, per_line, TITLE_LINES, usize::MAX);
    let lines = lines_of(&text, per_line).min(TITLE_LINES);
    (text, lines)
}

/// `text` on one line (its line breaks become spaces), shortened until it takes at most
/// `lines` lines of `per_line` characters (counted as [`lines_of`] counts them), and at
/// most `max_chars` characters; `suffix_chars` more (a "+3" after it) count on its last
/// line.
fn within_lines(text: &str, per_line: f64, lines: f64, max_chars: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut limit = flat.chars().count().min(max_chars);
    loop {
        let cut = shorten(&flat, limit);
        if limits_ok(&cut, per_line, lines) || limit <= 8 {
            return cut;
        }
        limit = limit.saturating_sub(limit / 10 + 1);
    }
}

fn limits_ok(text: &str, per_line: f64, lines: f64) -> bool {
    lines_of(text, per_line) <= lines
}

/// The heights of a step at 1280×720, once its title's lines are known.
#[derive(Debug, Clone, Copy)]
pub struct Step {
    /// Height under the title and counter, in pixels.
    body_px: f64,
}

impl Step {
    /// A step whose title takes `title_lines` lines.
    pub fn new(title_lines: f64) -> Self {
        let header = TITLE_LINE_PX * title_lines.max(1.0) + COUNTER_PX;
        Self {
            body_px: (CONTENT_HEIGHT_PX - header) * SLACK,
        }
    }

    /// The box of the whole event's cloud: the screen's width, the height under the
    /// title less a "+ N autres" line.
    pub fn event_cloud(self) -> CloudBox {
        CloudBox {
            width_px: CONTENT_WIDTH_PX,
            height_px: self.body_px - MORE_PX,
        }
    }

    /// What a workshop's step shows of `texts` (statements or findings, each with its
    /// "+1" count, 0 for none) under the cloud in the left column, and the box the cloud
    /// keeps above them.
    pub fn workshop_left(self, texts: &[(&str, i64)], at_most: usize) -> (Vec<String>, CloudBox) {
        let room = self.body_px - TEXTS_HEADING_PX - MORE_PX - MORE_PX;
        let texts_room = (room * TEXTS_SHARE).min(room - CLOUD_MIN_PX);
        let per_line = COLUMN_WIDTH_PX / TEXT_CHAR_PX;
        let (shown, used) = fit_items(
            texts,
            at_most,
            texts_room,
            per_line,
            (TEXT_LINE_PX, TEXT_LINES),
            TEXT_GAP_PX,
        );
        let cloud = CloudBox {
            width_px: COLUMN_WIDTH_PX,
            height_px: room - used,
        };
        (shown, cloud)
    }

    /// What a workshop's step shows of the recommendations' `texts` (best first) in the
    /// right column, under its heading and above a "+ N autres" line.
    pub fn workshop_bars(self, texts: &[&str], at_most: usize) -> Vec<String> {
        let room = self.body_px - HEADING_PX - MORE_PX;
        let items: Vec<(&str, i64)> = texts.iter().map(|t| (*t, 0)).collect();
        let per_line = BAR_TEXT_PX / BAR_CHAR_PX;
        fit_items(
            &items,
            at_most,
            room,
            per_line,
            (BAR_LINE_PX, BAR_LINES),
            BAR_ROW_PX,
        )
        .0
    }
}

/// The first of `items` (text, "+1" count) that fit `room` pixels, at most `at_most`,
/// each shortened to the lines left and to `lines.1` lines (at least [`MIN_TEXT_CHARS`]
/// characters, or it waits; the first is always shown), each taking its lines of
/// `lines.0` pixels and `extra_px` more; and the height they take.
fn fit_items(
    items: &[(&str, i64)],
    at_most: usize,
    room: f64,
    per_line: f64,
    (line_px, max_lines): (f64, f64),
    extra_px: f64,
) -> (Vec<String>, f64) {
    let mut shown = Vec::new();
    let mut used = 0.0;
    for (text, supports) in items.iter().take(at_most) {
        let lines_left = ((room - used - extra_px) / line_px).floor().min(max_lines);
        let suffix = if *supports > 0 {
            supports.to_string().len() + 2
        } else {
            0
        };
        // Characters the lines left hold, as `lines_of` counts them (0.9 of a line).
        let fits = (lines_left.max(1.0) * per_line * 0.9) as usize;
        if !shown.is_empty() && (lines_left < 1.0 || fits < MIN_TEXT_CHARS + suffix) {
            break;
        }
        let padded = |t: &str| format!("{t}{}", " ".repeat(suffix));
        let mut text = within_lines(text, per_line, lines_left.max(1.0), MAX_TEXT_CHARS);
        while !limits_ok(&padded(&text), per_line, lines_left.max(1.0)) && text.len() > 8 {
            let shorter = text.chars().count().saturating_sub(suffix + 1);
            text = shorten(&text, shorter);
        }
        used += lines_of(&padded(&text), per_line) * line_px + extra_px;
        shown.push(text);
    }
    (shown, used)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONG: &str = "Recommandation : mettre en place un dispositif pérenne d'ingénierie \
        financière mutualisée entre les groupes d'action locale, les intercommunalités et \
        les départements, afin que les petites communes rurales puissent monter des projets \
        de coopération, répondre aux appels à projets européens et partager leurs retours \
        d'expérience sans dépendre d'un seul agent";

    #[test]
    fn a_long_title_is_shortened_to_two_lines_at_a_word() {
        let (short, lines) = title("Atelier solidarités sociales");
        assert_eq!(
            (short.as_str(), lines),
            ("Atelier solidarités sociales", 1.0)
        );
        let long = "Atelier sur l'accompagnement des porteurs de projets intercommunaux \
            dans les territoires ruraux et périurbains très éloignés des métropoles et des \
            grandes villes universitaires";
        let (short, lines) = title(long);
        assert_eq!(lines, 2.0);
        assert!(short.ends_with('…') && short.len() < long.len(), "{short}");
    }

    #[test]
    fn three_long_recommendations_fit_the_column_shortened_and_the_first_is_shown() {
        assert!(LONG.chars().count() >= 300);
        let step = Step::new(2.0);
        let shown = step.workshop_bars(&[LONG, LONG, LONG, LONG, LONG], 5);
        assert!(!shown.is_empty() && shown.len() < 5, "{}", shown.len());
        let per_line = BAR_TEXT_PX / BAR_CHAR_PX;
        let height: f64 = shown
            .iter()
            .map(|t| lines_of(t, per_line) * BAR_LINE_PX + BAR_ROW_PX)
            .sum();
        assert!(height <= step.body_px - HEADING_PX - MORE_PX, "{height}");
        assert!(shown.iter().all(|t| t.ends_with('…')));
        // Short ones are whole.
        let short = step.workshop_bars(&["Des moyens, de l'animation et du temps"; 3], 5);
        assert_eq!(short, vec!["Des moyens, de l'animation et du temps"; 3]);
    }

    #[test]
    fn the_cloud_keeps_its_height_whatever_the_findings() {
        let step = Step::new(2.0);
        let (shown, cloud) = step.workshop_left(&[(LONG, 12), (LONG, 3), (LONG, 1)], 3);
        assert!(!shown.is_empty());
        assert!(cloud.height_px >= CLOUD_MIN_PX, "{}", cloud.height_px);
        let (few, roomy) = step.workshop_left(&[("Court", 0)], 3);
        assert_eq!(few, vec!["Court"]);
        assert!(roomy.height_px > cloud.height_px);
    }
}
