//! The pictures of the Word report, drawn on a [`Canvas`] as PNG so that Word and
//! LibreOffice show them without a chart engine: the votes bar chart (issue #13, item 5),
//! one horizontal bar per recommendation, in the report's order (rank), its length the
//! dots it got, the count at its end and the rank with the recommendation's first words on
//! the left; and the keyword cloud (item 7), laid out as `keywords.svg` is.

use super::cloud;
use super::document::RecommendationLine;
use super::raster::{Canvas, Rgb};

/// A picture ready to go into a document: drawn, not yet painted; its PNG file is
/// written where it goes ([`Picture::write_png`]), never held whole in memory (issue #15,
/// the ZIP's memory).
pub struct Picture {
    canvas: Canvas,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl Picture {
    /// A picture of what is drawn on `canvas`.
    fn of(canvas: Canvas) -> Self {
        let (width, height) = canvas.size();
        Self {
            canvas,
            width,
            height,
        }
    }

    /// Writes the picture to `out` as a PNG file, as it is painted ([`Canvas::write_png`]).
    ///
    /// # Errors
    /// Those of `out`, as [`png::EncodingError::IoError`].
    pub fn write_png(&self, out: impl std::io::Write) -> Result<(), png::EncodingError> {
        self.canvas.write_png(out)
    }
}

/// The most recommendations drawn: the chart of a long list keeps its top 20 (the table
/// beside it in the report has them all).
pub const MOST_BARS: usize = 20;

/// Width of the chart in pixels: 15 cm at 300 dpi, the Word report's text width.
const WIDTH: f32 = 1800.0;
/// Height of one recommendation's row (two lines of its text).
const ROW: f32 = 116.0;
/// Text size in pixels (about 9 pt at the printed size).
const TEXT: f32 = 40.0;
const MARGIN: f32 = 24.0;
/// The left part, for rank and text: 46 % of the width.
const LABELS: f32 = WIDTH * 0.46;
const BAR: Rgb = [0x1f, 0x5f, 0x8b];
const INK: Rgb = [0x22, 0x22, 0x22];
const RULE: Rgb = [0xbb, 0xbb, 0xbb];

/// The chart of `lines` (the report's recommendations, best ranked first): `None` when no
/// recommendation got a dot, as there is nothing to draw.
pub fn votes(lines: &[RecommendationLine]) -> Option<Picture> {
    let shown = &lines[..lines.len().min(MOST_BARS)];
    let most = shown.iter().map(|r| r.dots).max().unwrap_or(0);
    if most <= 0 {
        return None;
    }
    let height = MARGIN * 2.0 + ROW * shown.len() as f32;
    let mut canvas = Canvas::new(WIDTH as u32, height as u32);
    let bars_from = LABELS + MARGIN;
    let count_room = canvas.measure(&most.to_string(), TEXT) + MARGIN * 2.0;
    let bars_span = WIDTH - bars_from - count_room;
    canvas.fill(bars_from - 2.0, MARGIN, 2.0, ROW * shown.len() as f32, RULE);
    for (i, line) in shown.iter().enumerate() {
        let top = MARGIN + ROW * i as f32;
        // "1. Des moyens…", "3= Reconnaître…".
        let dot = if line.rank.ends_with('=') { "" } else { "." };
        let label = format!("{}{dot} {}", line.rank, line.text.replace('\n', " "));
        let wrapped = canvas.wrap(&label, LABELS - MARGIN, TEXT, 2);
        let first_baseline =
            top + ROW / 2.0 - (wrapped.len() as f32 - 1.0) * TEXT * 0.6 + TEXT * 0.35;
        for (n, text) in wrapped.iter().enumerate() {
            canvas.text(
                text,
                MARGIN,
                first_baseline + n as f32 * TEXT * 1.2,
                TEXT,
                INK,
            );
        }
        let length = bars_span * line.dots.max(0) as f32 / most as f32;
        canvas.fill(bars_from, top + ROW * 0.2, length, ROW * 0.6, BAR);
        canvas.text(
            &line.dots.to_string(),
            bars_from + length + MARGIN / 2.0,
            top + ROW / 2.0 + TEXT * 0.35,
            TEXT,
            INK,
        );
    }
    Some(Picture::of(canvas))
}

/// The keyword cloud of `keywords` (`(label, count)`) as a picture, laid out by
/// [`cloud::layout`] and drawn 1.5 times larger, each line centred where the SVG centres
/// it; the typeface is light, so each word is drawn twice a little apart to read as bold.
/// `None` when there is no keyword.
pub fn keyword_cloud(keywords: &[(String, usize)]) -> Option<Picture> {
    const SCALE: f64 = 1.5;
    if keywords.is_empty() {
        return None;
    }
    let (words, height) = cloud::layout(keywords);
    let mut canvas = Canvas::new(
        (cloud::WIDTH * SCALE) as u32,
        (height * SCALE).ceil() as u32,
    );
    for word in &words {
        let size = (word.size * SCALE) as f32;
        let colour = cloud::COLOURS[word.colour];
        for (n, line) in word.lines.iter().enumerate() {
            let width = canvas.measure(line, size);
            let x = (word.x * SCALE) as f32 - width / 2.0;
            let y = ((word.y + n as f64 * word.size * cloud::LINE) * SCALE) as f32;
            let bolder = (size / 40.0).max(1.0);
            canvas.text(line, x, y, size, colour);
            canvas.text(line, x + bolder, y, size, colour);
        }
    }
    Some(Picture::of(canvas))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(rank: &str, dots: i64) -> RecommendationLine {
        RecommendationLine {
            rank: rank.to_string(),
            text: format!("Recommandation {rank} : des moyens, de l'animation et du temps"),
            dots,
            voters: dots,
            share: 50.0,
        }
    }

    #[test]
    fn the_chart_is_a_png_as_tall_as_its_bars() {
        let picture = votes(&[line("1", 11), line("2", 10), line("3=", 0)]).expect("a chart");
        let mut png = Vec::new();
        picture.write_png(&mut png).expect("encoded");
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert_eq!(picture.width, 1800);
        assert_eq!(picture.height, (MARGIN * 2.0 + ROW * 3.0) as u32);
    }

    #[test]
    fn no_dot_no_chart_and_a_long_list_keeps_its_top_twenty() {
        assert!(votes(&[line("1", 0)]).is_none());
        assert!(votes(&[]).is_none());
        let many: Vec<_> = (1..=50).map(|n| line(&n.to_string(), 60 - n)).collect();
        let picture = votes(&many).expect("a chart");
        assert_eq!(picture.height, (MARGIN * 2.0 + ROW * 20.0) as u32);
    }

    #[test]
    fn the_keyword_cloud_is_drawn_as_tall_as_its_layout() {
        let keywords = vec![("Inspirant".to_string(), 5), ("temps".to_string(), 2)];
        let picture = keyword_cloud(&keywords).expect("a cloud");
        let (_, height) = cloud::layout(&keywords);
        assert_eq!(picture.width, 1800);
        assert_eq!(picture.height, (height * 1.5).ceil() as u32);
        assert!(keyword_cloud(&[]).is_none());
    }

    #[test]
    fn the_text_is_drawn_from_the_bundled_font() {
        let canvas = Canvas::new(10, 10);
        assert!(canvas.measure("Recommandation", TEXT) > 100.0);
        let wrapped = canvas.wrap(&"mot ".repeat(200), 600.0, TEXT, 2);
        assert_eq!(wrapped.len(), 2);
        assert!(wrapped[1].ends_with('…'), "{wrapped:?}");
        assert!(wrapped.iter().all(|l| canvas.measure(l, TEXT) <= 600.0));
    }
}
