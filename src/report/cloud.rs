//! The keyword cloud as an image (`keywords.svg`, issue #13 item 7): the projector's
//! cloud without its join code and QR corner, for the report and the network's pages.
//! The 40 most cited keyword groups, each sized by its count on a log scale (as on the
//! projector: `web::screen::view`), so a more frequent keyword is never drawn smaller; a
//! word too long for the image is wrapped between its words, or hyphenated, never shrunk.
//! Words are laid in centred rows, most cited first, in the projector's six colours.
//! Pure: keyword counts in, SVG text out, every text escaped.

use unicode_segmentation::UnicodeSegmentation;

use crate::domain::keyword::KeywordCount;
use crate::domain::text::xml_safe;

/// Keyword groups drawn, the most cited (as on the projector).
pub const WORDS_SHOWN: usize = 40;

/// Width of the image in pixels.
pub const WIDTH: f64 = 1200.0;
const MARGIN: f64 = 24.0;
/// Font sizes in pixels: the least cited, the most cited.
const SMALLEST: f64 = 24.0;
const LARGEST: f64 = 96.0;
/// Gaps between words in a row, and between rows.
const GAP_X: f64 = 28.0;
const GAP_Y: f64 = 10.0;
/// Line height as a share of the font size.
pub const LINE: f64 = 1.15;
/// Width of a bold character as a share of the font size, as the projector estimates it
/// (generous, so that a word drawn in a wider font than Calibri still fits).
const CHAR_EM: f64 = 0.62;
/// The projector's six colours (`.c0` … `.c5` in `static/style.css`), AA on white.
pub const COLOURS: [[u8; 3]; 6] = [
    [0x0b, 0x4f, 0x8a],
    [0x8a, 0x1c, 0x4a],
    [0x1d, 0x6b, 0x37],
    [0x6a, 0x3d, 0x9a],
    [0x9a, 0x4a, 0x00],
    [0x2f, 0x48, 0x58],
];
/// The fonts a viewer tries, as in the Word report.
const FONTS: &str =
    "Calibri, Carlito, &apos;Liberation Sans&apos;, Arial, &apos;DejaVu Sans&apos;, sans-serif";

/// The font size of a keyword cited `count` times when the most cited has `max`: on a
/// log scale from [`SMALLEST`] to [`LARGEST`], never smaller for a larger count.
pub fn font_size(count: usize, max: usize) -> f64 {
    if max == 0 {
        return SMALLEST;
    }
    let scale = ((count.min(max) + 1) as f64).ln() / ((max + 1) as f64).ln();
    SMALLEST + (LARGEST - SMALLEST) * scale
}

/// Estimated width of `text` at `size`: a grapheme cluster is [`CHAR_EM`] of the size, a
/// wide one (CJK, emoji) a whole em.
fn width(text: &str, size: f64) -> f64 {
    text.graphemes(true)
        .map(|g| {
            if g.chars().next().is_some_and(|c| c >= '\u{2E80}') {
                1.0
            } else {
                CHAR_EM
            }
        })
        .sum::<f64>()
        * size
}

/// `label` in lines no wider than `room` at `size`: broken between words, and a word
/// longer than a line cut into pieces ending with a hyphen.
fn lines(label: &str, size: f64, room: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in label.split_whitespace() {
        let joined = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if width(&joined, size) <= room {
            current = joined;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        // The word alone: hyphenated while it is too long.
        let mut piece = String::new();
        for g in word.graphemes(true) {
            if !piece.is_empty() && width(&format!("{piece}{g}-"), size) > room {
                lines.push(format!("{piece}-"));
                piece.clear();
            }
            piece.push_str(g);
        }
        current = piece;
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// A keyword placed in the cloud.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedWord {
    /// The group's label, in lines.
    pub lines: Vec<String>,
    /// Its count (distinct participants).
    pub count: usize,
    /// Font size in pixels.
    pub size: f64,
    /// Centre of the block, and the baseline of its first line.
    pub x: f64,
    pub y: f64,
    /// Index in [`COLOURS`].
    pub colour: usize,
}

/// The keyword groups of a tally that a cloud shows: the visible ones, as
/// `(label, count)`.
pub fn visible(groups: &[KeywordCount]) -> Vec<(String, usize)> {
    groups
        .iter()
        .filter(|k| !k.hidden)
        .map(|k| (k.label.clone(), k.count))
        .collect()
}

/// The cloud of `keywords` (`(label, count)`, see [`visible`]) laid out: the
/// [`WORDS_SHOWN`] most cited (by count, ties in the given order), in centred rows; and
/// the image's height.
pub fn layout(keywords: &[(String, usize)]) -> (Vec<PlacedWord>, f64) {
    let mut shown: Vec<&(String, usize)> = keywords.iter().collect();
    shown.sort_by_key(|k| std::cmp::Reverse(k.1));
    shown.truncate(WORDS_SHOWN);
    let max = shown.first().map_or(0, |k| k.1);
    let room = WIDTH - 2.0 * MARGIN;
    // Blocks: (lines, count, size, width, height).
    let blocks: Vec<(Vec<String>, usize, f64, f64, f64)> = shown
        .iter()
        .map(|(label, count)| {
            let size = font_size(*count, max);
            let lines = lines(&xml_safe(label), size, room);
            let w = lines.iter().map(|l| width(l, size)).fold(0.0, f64::max);
            let h = size * LINE * lines.len() as f64;
            (lines, *count, size, w, h)
        })
        .collect();
    // Rows of blocks that fit the width.
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut used = 0.0;
    for (i, block) in blocks.iter().enumerate() {
        match rows.last_mut() {
            Some(row) if used + GAP_X + block.3 <= room => {
                row.push(i);
                used += GAP_X + block.3;
            }
            _ => {
                rows.push(vec![i]);
                used = block.3;
            }
        }
    }
    let mut placed = Vec::with_capacity(blocks.len());
    let mut top = MARGIN;
    for row in &rows {
        let row_width: f64 =
            row.iter().map(|&i| blocks[i].3).sum::<f64>() + GAP_X * (row.len() - 1) as f64;
        let row_height = row.iter().map(|&i| blocks[i].4).fold(0.0, f64::max);
        let mut left = (WIDTH - row_width) / 2.0;
        for &i in row {
            let (lines, count, size, w, h) = &blocks[i];
            let block_top = top + (row_height - h) / 2.0;
            placed.push(PlacedWord {
                lines: lines.clone(),
                count: *count,
                size: *size,
                x: left + w / 2.0,
                // The baseline sits about 0.8 em under the line's top.
                y: block_top + size * (LINE - 1.0) / 2.0 + size * 0.8,
                colour: i % COLOURS.len(),
            });
            left += w + GAP_X;
        }
        top += row_height + GAP_Y;
    }
    let height = if rows.is_empty() {
        2.0 * MARGIN
    } else {
        top - GAP_Y + MARGIN
    };
    (placed, height)
}

/// The cloud's title: "Mots-clés — {workshop title}", in the workshop's `language`.
pub fn title(language: crate::domain::language::Language, workshop: &str) -> String {
    format!(
        "{} — {workshop}",
        crate::i18n::Tr::new(language).t("keywords-title")
    )
}

/// `text` for XML: characters XML forbids dropped, markup escaped.
fn escape(text: &str) -> String {
    xml_safe(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// The cloud of `keywords` (`(label, count)`) as an SVG document titled `title` (e.g. "Mots-clés — Atelier
/// …"): one `<text>` per keyword group, its count in `data-count` and a `<title>` (the
/// tooltip), its lines as `<tspan>`s. An empty cloud is a blank image.
pub fn svg(keywords: &[(String, usize)], title: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}",
        element(keywords, title)
    )
}

/// The `<svg>` element of [`svg`], to put in an HTML page (the report page): scaled to
/// the page's width by its style sheet.
pub fn element(keywords: &[(String, usize)], title: &str) -> String {
    let (words, height) = layout(keywords);
    let height = height.ceil();
    let mut out = String::with_capacity(256 + words.len() * 200);
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" \
viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{title}\">\n\
<title>{title}</title>\n\
<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n\
<g font-family=\"{FONTS}\" font-weight=\"700\" text-anchor=\"middle\">\n",
        title = escape(title),
    ));
    for word in &words {
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{:.1}\" fill=\"#{}\" data-count=\"{}\">\
<title>{}</title>",
            word.x,
            word.y,
            word.size,
            hex::encode(COLOURS[word.colour]),
            word.count,
            escape(&format!("{} ({})", word.lines.join(" "), word.count)),
        ));
        for (n, line) in word.lines.iter().enumerate() {
            let dy = if n == 0 { 0.0 } else { word.size * LINE };
            out.push_str(&format!(
                "<tspan x=\"{:.1}\" dy=\"{dy:.1}\">{}</tspan>",
                word.x,
                escape(line)
            ));
        }
        out.push_str("</text>\n");
    }
    out.push_str("</g>\n</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keyword(label: &str, count: usize) -> (String, usize) {
        (label.to_string(), count)
    }

    #[test]
    fn a_more_cited_keyword_is_never_drawn_smaller_even_when_long() {
        let long = "anticonstitutionnellement-intercommunalités-rurales-et-solidaires";
        let (words, _) = layout(&[keyword(long, 9), keyword("temps", 5), keyword("lien", 1)]);
        assert_eq!(words.len(), 3);
        assert!(words[0].size > words[1].size && words[1].size > words[2].size);
        assert_eq!(words[0].size, LARGEST);
        // Too long for a line at its size: hyphenated over several lines, not shrunk.
        assert!(words[0].lines.len() > 1, "{:?}", words[0].lines);
        assert!(words[0].lines[0].ends_with('-'));
        assert_eq!(
            words[0].lines.concat().replace('-', ""),
            long.replace('-', "")
        );
        for line in &words[0].lines {
            assert!(width(line, words[0].size) <= WIDTH - 2.0 * MARGIN, "{line}");
        }
    }

    #[test]
    fn the_forty_most_cited_visible_keywords_are_drawn() {
        let mut groups: Vec<_> = (1..=60)
            .map(|n| KeywordCount {
                key: format!("mot{n}"),
                label: format!("mot{n}"),
                count: n,
                variants: Vec::new(),
                hidden: false,
            })
            .collect();
        groups[59].hidden = true;
        let (words, height) = layout(&visible(&groups));
        assert_eq!(words.len(), 40);
        assert_eq!(words[0].count, 59);
        assert_eq!(words.last().map(|w| w.count), Some(20));
        assert!(words.iter().all(|w| w.y < height));
        for pair in words.windows(2) {
            assert!(pair[0].size >= pair[1].size);
        }
    }

    #[test]
    fn text_is_escaped_and_an_empty_cloud_is_a_blank_image() {
        let svg = svg(&[keyword("<b>R&D</b> \"ok\"", 2)], "Mots-clés & co");
        assert!(svg.contains("&lt;b&gt;R&amp;D&lt;/b&gt; &quot;ok&quot;"));
        assert!(svg.contains("<title>Mots-clés &amp; co</title>"));
        assert!(!svg.contains("<b>"));
        let blank = super::svg(&[], "Vide");
        assert!(!blank.contains("<text"));
        assert!(blank.ends_with("</svg>\n"));
    }
}
