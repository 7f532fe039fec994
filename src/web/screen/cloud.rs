//! The projector's keyword cloud: each word's size from its count alone (a log scale),
//! all scaled down together until the words fit the projector laid out at 1280×720, never
//! below 24 px; words measured grapheme by grapheme (an emoji sequence is one wide glyph).

use crate::domain::keyword::KeywordCount;

/// Width of the projector's panel at 1280×720, in CSS pixels: the screen less its
/// margins and the join corner (`static/style.css`). The cloud takes all of it.
pub(super) const PANEL_WIDTH_PX: f64 = 990.0;
const CLOUD_WIDTH_PX: f64 = PANEL_WIDTH_PX;
/// Width of a character as a share of the font size, for the cloud's bold text: most
/// letters, and a wide one (emoji, CJK: `wide`).
const CHAR_WIDTH_EM: f64 = 0.62;
const WIDE_CHAR_WIDTH_EM: f64 = 1.2;
/// Smallest text on the projector, in CSS pixels (ARCHITECTURE.md, "Rules that hold everywhere": 24 px at 1280×720).
const MIN_TEXT_PX: f64 = 24.0;

/// Width of `text` in ems of bold text, grapheme by grapheme: an emoji sequence such as
/// 👨‍👩‍👧‍👦 (seven code points) is one wide glyph, a CJK character is wide, other
/// graphemes are an average letter.
fn width_em(text: &str) -> f64 {
    use unicode_segmentation::UnicodeSegmentation;
    text.graphemes(true)
        .map(|g| {
            if wide(g) {
                WIDE_CHAR_WIDTH_EM
            } else {
                CHAR_WIDTH_EM
            }
        })
        .sum::<f64>()
        .max(CHAR_WIDTH_EM)
}

/// Whether the grapheme `g` is drawn about one em wide (emoji, pictographs, CJK, Hangul,
/// full-width forms).
fn wide(g: &str) -> bool {
    g.chars().any(|c| {
        matches!(u32::from(c),
            0x1100..=0x115F | 0x2600..=0x27BF | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0x1F000..=0x1FAFF
            | 0x20000..=0x3FFFD)
    })
}

/// A word of the keyword cloud.
pub struct CloudWord {
    pub text: String,
    pub count: usize,
    /// Font size on the projector, in CSS pixels at 1280×720: by weight, from 28 px to
    /// 110 px, all scaled down together to fit, at least 24 px (see [`cloud`]).
    pub size_px: u32,
    /// Font size on a phone's results card, in rem, two decimals: by weight from 1 to
    /// 1.8 rem, all scaled down together so that the longest word fits a phone's card
    /// (never under 0.95 rem): words stay whole, and a more frequent one is never smaller.
    pub phone_rem: String,
    /// One of six colours with AA contrast on white (`.c0` … `.c5`).
    pub colour: usize,
}

/// Width of the cloud in a phone's results card, in CSS pixels (a 360 px phone less the
/// page's and the card's margins), and the phone's root font size (`style.css`: 112.5 %).
const PHONE_CLOUD_PX: f64 = 280.0;
const PHONE_ROOT_PX: f64 = 18.0;

/// Phone sizes in rem for words of `scales` (0 to 1) whose longest unbreakable part is
/// `ems` wide: see [`CloudWord::phone_rem`].
fn phone_sizes(words: &[(f64, f64)]) -> Vec<f64> {
    let base = |scale: f64| 1.0 + 0.8 * scale;
    let widest = words
        .iter()
        .map(|(scale, em)| em * base(*scale) * PHONE_ROOT_PX)
        .fold(0.0, f64::max);
    let factor = if widest > PHONE_CLOUD_PX {
        PHONE_CLOUD_PX / widest
    } else {
        1.0
    };
    words
        .iter()
        .map(|(scale, _)| (base(*scale) * factor).max(0.95))
        .collect()
}

/// Width in ems of the longest part of `label` that cannot wrap (between spaces).
fn longest_word_em(label: &str) -> f64 {
    label.split_whitespace().map(width_em).fold(0.0, f64::max)
}

/// Area of the projector the cloud may fill, in square CSS pixels at 1280×720 (about
/// 990 × 480, of which words cover about 75 % once wrapped in lines).
const CLOUD_AREA_PX2: f64 = 360_000.0;

/// The most cited keyword's size the cloud makes room for, in pixels at 1280×720: twice
/// the floor, so that frequency shows (the trial of issue #12).
const STANDOUT_PX: f64 = 2.0 * MIN_TEXT_PX;

/// Words a crowded cloud keeps at least, whatever their length.
const FEWEST_WORDS: usize = 12;

/// The cloud of `keywords` (most frequent first, `max` the largest count): sizes by weight
/// (a log scale of the count) between 24 px and a top size, the top shrinking from 110 px
/// until the words fit the projector: the sizes keep their spread above the 24-px floor
/// instead of all shrinking onto it (the trial of issue #12 measured 25–31 px for counts
/// of 4 to 57 when every size was scaled by one factor). A size depends on the count
/// alone, so a more frequent keyword is never drawn smaller than a rarer one (issue #12);
/// a word wider than the screen wraps (`overflow-wrap` in the stylesheet) instead of
/// shrinking, and the area counts its lines. When the words cannot all fit with the most
/// cited at [`STANDOUT_PX`], the least cited are left out (at least [`FEWEST_WORDS`] kept):
/// the result may be shorter than `keywords`, and the caller counts the rest.
pub(super) fn cloud(keywords: &[KeywordCount], max: usize) -> Vec<CloudWord> {
    let area_of = |words: &[(f64, f64)], top: f64| -> f64 {
        words
            .iter()
            .map(|(scale, em)| {
                let px = size(*scale, top);
                let width = em * px;
                let lines = (width / CLOUD_WIDTH_PX).ceil().max(1.0);
                (width.min(CLOUD_WIDTH_PX) + 28.0) * px * 1.2 * lines
            })
            .sum()
    };
    fit(keywords, max, |words, top| {
        area_of(words, top) <= CLOUD_AREA_PX2
    })
}

/// A box a cloud must fit, in CSS pixels at 1280×720 (the plenary's: the whole screen
/// under its title for the event, a column's share for a workshop).
#[derive(Debug, Clone, Copy)]
pub struct CloudBox {
    /// Its width, in CSS pixels at 1280×720.
    pub width_px: f64,
    /// Its height, in CSS pixels at 1280×720.
    pub height_px: f64,
}

/// Width of a bold character as the plenary's packing counts it, in ems: wider than
/// [`CHAR_WIDTH_EM`] (an area's average) because lines are packed word by word, and
/// Debian's DejaVu Sans Bold, the widest of the usual projector fonts, draws French words
/// at 0.56–0.6 em a letter (measured on the plenary's screenshots), more with capitals.
const PACK_CHAR_EM: f64 = 0.61;

/// Height in pixels that `words` (scale, width in ems) take at `top` when laid out as the
/// stylesheet's `.cloud` lays them out in a box `width` wide: in order, line by line
/// (flex-wrap), 28 px between words, 10 px between lines, each line as tall as its
/// largest word (line height 1.1); a word wider than the box wraps over as many lines.
fn packed_height(words: &[(f64, f64)], top: f64, width: f64) -> f64 {
    let (mut total, mut line_width, mut line_height) = (0.0, 0.0, 0.0_f64);
    for (scale, em) in words {
        let px = size(*scale, top);
        let w = em * (PACK_CHAR_EM / CHAR_WIDTH_EM) * px;
        let h = px * 1.1 * (w / width).ceil().max(1.0);
        if line_width > 0.0 && line_width + 28.0 + w > width {
            total += line_height + 10.0;
            line_width = 0.0;
            line_height = 0.0;
        }
        line_width += if line_width > 0.0 { 28.0 } else { 0.0 } + w.min(width);
        line_height = line_height.max(h);
    }
    total + line_height
}

/// [`cloud`]'s sizing within `area` instead of the projector's panel (the plenary, issue
/// #14): the same sizes by count between the 24-px floor and a top that shrinks, the same
/// least cited words left out until the most cited stands at twice the floor; the fit is
/// the words packed line by line into the box ([`packed_height`]) rather than an area, so
/// a box of any shape is filled. The result may be shorter than `keywords`: the caller
/// counts the rest ("et N autres").
pub fn cloud_in(keywords: &[KeywordCount], max: usize, area: CloudBox) -> Vec<CloudWord> {
    fit(keywords, max, |words, top| {
        packed_height(words, top, area.width_px) <= area.height_px
    })
}

/// A size in pixels at 1280×720 for a word of weight `scale` (0 to 1) when the most cited
/// stands at `top`.
fn size(scale: f64, top: f64) -> f64 {
    (MIN_TEXT_PX + (top - MIN_TEXT_PX) * scale).round()
}

/// The sizing both clouds share, `fits` telling whether words (scale, width in ems) fit
/// with the most cited at `top` pixels.
fn fit(
    keywords: &[KeywordCount],
    max: usize,
    fits: impl Fn(&[(f64, f64)], f64) -> bool,
) -> Vec<CloudWord> {
    let words: Vec<(f64, f64)> = keywords
        .iter()
        .map(|k| {
            let scale = ((k.count + 1) as f64).ln() / ((max + 1) as f64).ln();
            (scale, width_em(&k.label))
        })
        .collect();
    // The least cited leave the cloud (they are counted below it) until the most cited
    // can stand at twice the floor.
    let mut shown = words.len();
    while shown > FEWEST_WORDS && !fits(&words[..shown], STANDOUT_PX) {
        shown -= 1;
    }
    // Words that do not fit even at the floor leave too (long words in a small box), and
    // the top is found for those that stay.
    while shown > 1 && !fits(&words[..shown], MIN_TEXT_PX) {
        shown -= 1;
    }
    let mut top = 110.0;
    while top > MIN_TEXT_PX && !fits(&words[..shown], top) {
        top = (top * 0.95).max(MIN_TEXT_PX);
    }
    let words = &words[..shown];
    let keywords = &keywords[..shown];
    let phone: Vec<(f64, f64)> = keywords
        .iter()
        .zip(words)
        .map(|(k, (scale, _))| (*scale, longest_word_em(&k.label)))
        .collect();
    let phone = phone_sizes(&phone);
    keywords
        .iter()
        .zip(words.iter().copied())
        .zip(phone)
        .enumerate()
        .map(|(i, ((k, (scale, _)), rem))| CloudWord {
            text: k.label.clone(),
            count: k.count,
            size_px: size(scale, top) as u32,
            phone_rem: format!("{rem:.2}"),
            colour: i % 6,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[(&str, usize)]) -> Vec<KeywordCount> {
        list.iter()
            .map(|(label, count)| KeywordCount {
                key: (*label).to_string(),
                label: (*label).to_string(),
                count: *count,
                variants: vec![((*label).to_string(), *count)],
                hidden: false,
            })
            .collect()
    }

    #[test]
    fn the_most_frequent_keyword_is_the_largest_and_none_is_under_24_px() {
        let cloud = cloud(
            &words(&[("inspirant", 5), ("utile", 2), ("essaimage", 1)]),
            5,
        );
        assert!(cloud[0].size_px > cloud[1].size_px && cloud[1].size_px > cloud[2].size_px);
        assert!(cloud.iter().all(|w| w.size_px >= 24));
    }

    #[test]
    fn forty_words_shrink_together_to_fit_the_projector() {
        let labels: Vec<String> = (0..40).map(|i| format!("motclefnumero{i:02}")).collect();
        let list: Vec<(&str, usize)> = labels.iter().map(|l| (l.as_str(), 3)).collect();
        let cloud = cloud(&words(&list), 3);
        let area: f64 = cloud
            .iter()
            .map(|w| {
                let px = f64::from(w.size_px);
                (CHAR_WIDTH_EM * w.text.chars().count() as f64 * px + 28.0) * px * 1.25
            })
            .sum();
        assert!(area <= CLOUD_AREA_PX2 * 1.05, "{area}");
        assert!(cloud.iter().all(|w| w.size_px >= 24));
    }

    #[test]
    fn a_more_frequent_keyword_is_never_drawn_smaller_even_when_long() {
        // The room: a 25-letter word ×12 was drawn at 65 px, "mobilité" ×4 at 79.
        let long = "expérimentationcollectiveetterritorialeàgrandeéchelleetdurable";
        let list = [
            ("Anticonstitutionnellement", 12),
            (long, 12),
            ("mobilité", 4),
            ("👨‍👩‍👧‍👦", 3),
            ("lien", 1),
        ];
        let cloud = cloud(&words(&list), 12);
        for pair in cloud.windows(2) {
            assert!(
                pair[0].count < pair[1].count || pair[0].size_px >= pair[1].size_px,
                "{} ×{} at {} px, {} ×{} at {} px",
                pair[0].text,
                pair[0].count,
                pair[0].size_px,
                pair[1].text,
                pair[1].count,
                pair[1].size_px
            );
        }
        assert_eq!(cloud[0].size_px, cloud[1].size_px, "same count, same size");
        assert!(cloud[1].size_px > cloud[2].size_px);
        // On a phone too, sizes follow counts; a 25-letter word fits the card whole.
        let rem = |w: &CloudWord| w.phone_rem.parse::<f64>().unwrap();
        for pair in cloud.windows(2) {
            assert!(pair[0].count < pair[1].count || rem(&pair[0]) >= rem(&pair[1]));
        }
        let anti = &cloud[0];
        let width = width_em(&anti.text) * rem(anti) * PHONE_ROOT_PX;
        assert!(width <= PHONE_CLOUD_PX + 1.0, "{width}");
    }

    #[test]
    fn in_a_full_cloud_the_most_cited_keyword_stands_out() {
        // The trial of issue #12: 40 groups cited 57 to 4 times, one a 60-character word;
        // one factor for every size drew them all at 25–31 px.
        let labels: Vec<String> = (0..40)
            .map(|i| {
                if i == 5 {
                    "a".repeat(60)
                } else {
                    format!("motclef{i:02}")
                }
            })
            .collect();
        let list: Vec<(&str, usize)> = labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.as_str(), 57usize.saturating_sub(i * 4 / 3).max(4)))
            .collect();
        let cloud = cloud(&words(&list), 57);
        assert!(
            cloud.len() >= FEWEST_WORDS && cloud.len() < 40,
            "{}",
            cloud.len()
        );
        assert!(
            f64::from(cloud[0].size_px) >= 0.95 * STANDOUT_PX - 1.0,
            "the most cited at {} px",
            cloud[0].size_px
        );
        assert!(cloud.iter().all(|w| w.size_px >= 24));
    }

    #[test]
    fn the_plenarys_cloud_fills_its_box_and_leaves_out_the_least_cited() {
        // The trial of issue #14: 14 of 40 groups drawn, a third of the screen empty and
        // nothing said of the others.
        let labels: Vec<String> = (0..90)
            .map(|i| {
                if i % 9 == 4 {
                    format!("développementterritorialintégré{i}")
                } else {
                    format!("mot{i:02}")
                }
            })
            .collect();
        let list: Vec<(&str, usize)> = labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.as_str(), 40usize.saturating_sub(i / 2).max(1)))
            .collect();
        let words = words(&list);
        let area = CloudBox {
            width_px: 1224.0,
            height_px: 520.0,
        };
        let cloud = cloud_in(&words, 40, area);
        assert!(
            cloud.len() >= FEWEST_WORDS && cloud.len() < 90,
            "{}",
            cloud.len()
        );
        assert!(cloud.iter().all(|w| w.size_px >= 24));
        assert!(f64::from(cloud[0].size_px) >= STANDOUT_PX - 1.0);
        let packed: Vec<(f64, f64)> = cloud
            .iter()
            .map(|w| {
                let scale = (f64::from(w.size_px) - MIN_TEXT_PX)
                    / (f64::from(cloud[0].size_px) - MIN_TEXT_PX);
                (scale, width_em(&w.text))
            })
            .collect();
        let height = packed_height(&packed, f64::from(cloud[0].size_px), area.width_px);
        assert!(height <= area.height_px + 2.0, "{height}");
        // One more word would not have fitted: the box is filled, not a third of it.
        let more = cloud_in(&words[..cloud.len() + 1], 40, area);
        assert!(more.len() <= cloud.len() || more[0].size_px < cloud[0].size_px);
        // A narrow, short box keeps fewer words rather than overflowing.
        let small = cloud_in(
            &words,
            40,
            CloudBox {
                width_px: 598.0,
                height_px: 40.0,
            },
        );
        assert!(
            !small.is_empty() && small.len() < FEWEST_WORDS,
            "{}",
            small.len()
        );
    }

    #[test]
    fn an_emoji_sequence_is_measured_as_one_wide_glyph() {
        assert!((width_em("👨‍👩‍👧‍👦") - WIDE_CHAR_WIDTH_EM).abs() < 1e-9);
        assert!((width_em("abc") - 3.0 * CHAR_WIDTH_EM).abs() < 1e-9);
        assert!(width_em("連帯") > width_em("ab"));
    }
}
