//! A small RGB canvas for the report's images (the votes chart of the Word report):
//! filled rectangles and text, encoded as PNG. Text is drawn with the Ubuntu Light
//! typeface that `epaint_default_fonts` ships inside the crate, with its licence (the
//! Ubuntu Font Licence 1.0, `UFL.txt` in that crate), rasterised by `ab_glyph` (pure
//! Rust): the binary needs no font installed on the machine, so a server or CI without
//! fonts draws the same image.

use std::io::Write;

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};

use crate::domain::text::shorten;

/// An RGB colour.
pub type Rgb = [u8; 3];

/// The glyphs of `text` at `size` pixels, its baseline at `y` from `x`, placed with the
/// font's advances and kerning, as outlines ready to rasterise (glyphs without an outline,
/// such as a space, are left out).
fn glyphs<'f>(
    font: &'f FontRef<'static>,
    text: &'f str,
    x: f32,
    y: f32,
    size: f32,
) -> impl Iterator<Item = ab_glyph::OutlinedGlyph> + 'f {
    let scale = PxScale::from(size);
    let scaled = font.as_scaled(scale);
    let mut caret = x;
    let mut previous = None;
    text.chars().filter_map(move |c| {
        let id = scaled.glyph_id(c);
        if let Some(previous) = previous {
            caret += scaled.kern(previous, id);
        }
        let glyph = id.with_scale_and_position(scale, point(caret, y));
        caret += scaled.h_advance(id);
        previous = Some(id);
        font.outline_glyph(glyph)
    })
}

/// The typeface every image is drawn with (see the module's documentation).
fn typeface() -> Option<FontRef<'static>> {
    FontRef::try_from_slice(epaint_default_fonts::UBUNTU_LIGHT).ok()
}

/// Rows of the canvas painted at once when it is encoded ([`Canvas::write_png`]): 32 rows of a
/// 1,800-pixel picture are 173 KB, where the whole keyword cloud of a large workshop
/// (1,800 × 3,670 pixels) was 19.8 MB held at once (issue #15, the ZIP's memory).
pub const BAND_ROWS: u32 = 32;

/// The compressed bytes `png`'s stream writer gathers before it writes an `IDAT` chunk.
pub const STREAM_CHUNK_BYTES: usize = 64 * 1024;

/// A white canvas of `width` × `height` pixels. What is drawn on it is kept as a list of
/// strokes, and painted a band of [`BAND_ROWS`] rows at a time as the PNG is written, so
/// that the picture's pixels are never all held at once; each pixel gets the strokes that
/// touch it in the order they were drawn, so the picture is the one painting the whole
/// canvas at once gives, byte for byte.
pub struct Canvas {
    width: u32,
    height: u32,
    strokes: Vec<Stroke>,
    font: Option<FontRef<'static>>,
}

/// One drawing on a [`Canvas`].
enum Stroke {
    /// A rectangle, its rows `y0..y1` and columns `x0..x1` already rounded and clipped.
    Fill {
        x0: u32,
        y0: u32,
        x1: u32,
        y1: u32,
        colour: Rgb,
    },
    /// A line of text (see [`Canvas::text`]); `rows` are the first and last pixel rows its
    /// glyphs cover, so that a band it does not reach skips it.
    Text {
        text: String,
        x: f32,
        y: f32,
        size: f32,
        colour: Rgb,
        rows: (i64, i64),
    },
}

impl Canvas {
    /// A white canvas; its size is capped at 4,000 × 4,000 pixels (48 MB if it were held
    /// at once; it never is, see [`BAND_ROWS`]).
    pub fn new(width: u32, height: u32) -> Self {
        let (width, height) = (width.clamp(1, 4000), height.clamp(1, 4000));
        Self {
            width,
            height,
            strokes: Vec::new(),
            font: typeface(),
        }
    }

    /// Fills the rectangle from (`x`, `y`) of `w` × `h` pixels with `colour`, clipped to
    /// the canvas.
    pub fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, colour: Rgb) {
        let x0 = x.max(0.0).round() as u32;
        let y0 = y.max(0.0).round() as u32;
        let x1 = ((x + w).round().max(0.0) as u32).min(self.width);
        let y1 = ((y + h).round().max(0.0) as u32).min(self.height);
        self.strokes.push(Stroke::Fill {
            x0,
            y0,
            x1,
            y1,
            colour,
        });
    }

    /// The width in pixels of `text` at `size` pixels (the em height).
    pub fn measure(&self, text: &str, size: f32) -> f32 {
        let Some(font) = &self.font else {
            return 0.0;
        };
        let scaled = font.as_scaled(PxScale::from(size));
        let mut width = 0.0;
        let mut previous = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(previous) = previous {
                width += scaled.kern(previous, id);
            }
            width += scaled.h_advance(id);
            previous = Some(id);
        }
        width
    }

    /// Draws `text` at `size` pixels with its baseline at `y`, starting at `x`, in
    /// `colour` over what is there (anti-aliased); what falls outside the canvas is cut.
    pub fn text(&mut self, text: &str, x: f32, y: f32, size: f32, colour: Rgb) {
        let Some(font) = &self.font else {
            return;
        };
        let mut rows: Option<(i64, i64)> = None;
        for outline in glyphs(font, text, x, y, size) {
            let bounds = outline.px_bounds();
            let (top, bottom) = (bounds.min.y as i64, bounds.max.y as i64);
            rows = Some(rows.map_or((top, bottom), |(t, b)| (t.min(top), b.max(bottom))));
        }
        if let Some(rows) = rows {
            self.strokes.push(Stroke::Text {
                text: text.to_string(),
                x,
                y,
                size,
                colour,
                rows,
            });
        }
    }

    /// Paints the strokes that reach the rows `top..top + band.len() / (3 × width)` into
    /// `band` (those rows, white or as painted by earlier calls), in the order they were
    /// drawn.
    fn paint(&self, band: &mut [u8], top: u32) {
        let stride = self.width as usize * 3;
        let rows = u32::try_from(band.len() / stride.max(1)).unwrap_or(u32::MAX);
        let bottom = top.saturating_add(rows);
        for stroke in &self.strokes {
            match stroke {
                Stroke::Fill {
                    x0,
                    y0,
                    x1,
                    y1,
                    colour,
                } => {
                    for row in (*y0).max(top)..(*y1).min(bottom) {
                        for col in *x0..*x1 {
                            let at = (((row - top) * self.width + col) * 3) as usize;
                            if let Some(pixel) = band.get_mut(at..at + 3) {
                                pixel.copy_from_slice(colour);
                            }
                        }
                    }
                }
                Stroke::Text {
                    text,
                    x,
                    y,
                    size,
                    colour,
                    rows: (first, last),
                } => {
                    if *last < i64::from(top) || *first >= i64::from(bottom) {
                        continue;
                    }
                    let Some(font) = &self.font else {
                        continue;
                    };
                    let (width, top, bottom) =
                        (i64::from(self.width), i64::from(top), i64::from(bottom));
                    for outline in glyphs(font, text, *x, *y, *size) {
                        let bounds = outline.px_bounds();
                        if (bounds.max.y as i64) < top || (bounds.min.y as i64) >= bottom {
                            continue;
                        }
                        outline.draw(|gx, gy, coverage| {
                            let px = bounds.min.x as i64 + i64::from(gx);
                            let py = bounds.min.y as i64 + i64::from(gy);
                            if px < 0 || py < top || px >= width || py >= bottom {
                                return;
                            }
                            let at = (((py - top) * width + px) * 3) as usize;
                            let coverage = coverage.clamp(0.0, 1.0);
                            let Some(pixel) = band.get_mut(at..at + 3) else {
                                return;
                            };
                            for (channel, target) in pixel.iter_mut().zip(*colour) {
                                let blended = f32::from(*channel) * (1.0 - coverage)
                                    + f32::from(target) * coverage;
                                *channel = blended.round() as u8;
                            }
                        });
                    }
                }
            }
        }
    }

    /// `text` cut into at most `lines` lines no wider than `width` pixels at `size`,
    /// broken between words; a word wider than a line is cut at grapheme clusters, and
    /// the last line ends with "…" when text is left over.
    pub fn wrap(&self, text: &str, width: f32, size: f32, lines: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut current = String::new();
        let words = text.split_whitespace();
        for word in words {
            let candidate = if current.is_empty() {
                word.to_string()
            } else {
                format!("{current} {word}")
            };
            if self.measure(&candidate, size) <= width || current.is_empty() {
                current = candidate;
                if self.measure(&current, size) > width {
                    current = self.fit(&current, width, size);
                }
                continue;
            }
            out.push(std::mem::take(&mut current));
            if out.len() == lines {
                break;
            }
            current = self.fit(word, width, size);
        }
        let left_over = out.len() == lines;
        if !current.is_empty() && out.len() < lines {
            out.push(current);
        }
        if left_over && let Some(last) = out.last_mut() {
            *last = self.fit(&format!("{last}…"), width, size);
        }
        out
    }

    /// `text` shortened at grapheme clusters (ending with "…") until it fits in `width`.
    fn fit(&self, text: &str, width: f32, size: f32) -> String {
        let mut keep = text.chars().count();
        let mut fitted = text.to_string();
        while keep > 1 && self.measure(&fitted, size) > width {
            keep -= 1;
            fitted = shorten(text, keep).into_owned();
        }
        fitted
    }

    /// Writes the canvas to `out` as a PNG file (8-bit RGB), painted [`BAND_ROWS`] rows
    /// at a time and handed to `png`'s stream writer band by band, its `IDAT` chunks going
    /// to `out` as they are made: what it holds is one band, the compressor's state and a
    /// chunk of [`STREAM_CHUNK_BYTES`], neither the picture's pixels (a keyword cloud of a
    /// large workshop is some 20 MB of pixels) nor the file (some 470 KB at 100,000
    /// keywords): issue #15, the ZIP's memory.
    ///
    /// # Errors
    /// Those of `out`, as [`png::EncodingError::IoError`].
    pub fn write_png(&self, out: impl Write) -> Result<(), png::EncodingError> {
        let stride = self.width as usize * 3;
        let mut band = vec![255; stride * self.height.min(BAND_ROWS) as usize];
        let mut encoder = png::Encoder::new(out, self.width, self.height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header()?;
        let mut rows = writer.stream_writer_with_size(STREAM_CHUNK_BYTES)?;
        let mut top = 0;
        while top < self.height {
            let height = (self.height - top).min(BAND_ROWS) as usize;
            let band = band.get_mut(..stride * height).unwrap_or_default();
            band.fill(255);
            self.paint(band, top);
            rows.write_all(band)?;
            top += BAND_ROWS;
        }
        rows.finish()?;
        writer.finish()?;
        Ok(())
    }

    /// The PNG file [`Canvas::write_png`] writes, in memory (for tests).
    ///
    /// # Errors
    /// None expected: the encoder writes to memory.
    #[cfg(test)]
    pub fn png(&self) -> Result<Vec<u8>, png::EncodingError> {
        let mut file = Vec::new();
        self.write_png(&mut file)?;
        Ok(file)
    }

    /// The canvas's size in pixels, `(width, height)`.
    pub fn size(&self) -> (u32, u32) {
        (self.width, self.height)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pixels of `canvas` painted whole at once, as the canvas did before it painted
    /// by bands.
    fn painted_at_once(canvas: &Canvas) -> Vec<u8> {
        let (width, height) = canvas.size();
        let mut pixels = vec![255; (width * height * 3) as usize];
        canvas.paint(&mut pixels, 0);
        pixels
    }

    /// The pixels a PNG file decodes to, with its width and height.
    fn decoded(file: &[u8]) -> (u32, u32, Vec<u8>) {
        let mut reader = png::Decoder::new(std::io::Cursor::new(file))
            .read_info()
            .expect("a PNG");
        let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
        let frame = reader.next_frame(&mut pixels).expect("a frame");
        pixels.truncate(frame.buffer_size());
        (frame.width, frame.height, pixels)
    }

    #[test]
    fn a_picture_painted_by_bands_is_the_one_painted_at_once() {
        // Strokes across band edges, overlapping, partly off the canvas, big and small.
        let mut canvas = Canvas::new(500, BAND_ROWS * 3 + 17);
        canvas.fill(-10.0, 50.0, 300.0, 100.0, [0x1f, 0x5f, 0x8b]);
        canvas.fill(
            200.0,
            60.4,
            400.0,
            2.0 * BAND_ROWS as f32,
            [0xbb, 0xbb, 0xbb],
        );
        canvas.text(
            "Émergence",
            20.0,
            BAND_ROWS as f32 + 10.0,
            90.0,
            [0x22, 0x22, 0x22],
        );
        canvas.text(
            "Émergence",
            22.0,
            BAND_ROWS as f32 + 10.0,
            90.0,
            [0x22, 0x22, 0x22],
        );
        canvas.text(
            "coopération…",
            300.0,
            2.0 * BAND_ROWS as f32,
            40.0,
            [200, 30, 30],
        );
        canvas.text("au bord", -20.0, 5.0, 30.0, [0, 0, 0]);
        canvas.text(
            "en bas, jg",
            400.0,
            (BAND_ROWS * 3 + 30) as f32,
            60.0,
            [0, 90, 0],
        );
        let (width, height, pixels) = decoded(&canvas.png().expect("encoded"));
        assert_eq!((width, height), (500, BAND_ROWS * 3 + 17));
        assert!(pixels == painted_at_once(&canvas), "another picture");
    }

    #[test]
    fn a_keyword_cloud_painted_by_bands_is_the_one_painted_at_once() {
        // Mostly white, words here and there, over many bands.
        let words = (0..60)
            .map(|n| (format!("mot{n} coopération"), 60 - n))
            .collect::<Vec<_>>();
        let (placed, height) = super::super::cloud::layout(&words);
        let mut canvas = Canvas::new(1800, (height * 1.5) as u32);
        for word in &placed {
            for line in &word.lines {
                let size = (word.size * 1.5) as f32;
                canvas.text(
                    line,
                    (word.x * 1.5) as f32,
                    (word.y * 1.5) as f32,
                    size,
                    [0x1f, 0x5f, 0x8b],
                );
            }
        }
        let (_, _, pixels) = decoded(&canvas.png().expect("encoded"));
        assert!(pixels == painted_at_once(&canvas), "another picture");
    }
}
