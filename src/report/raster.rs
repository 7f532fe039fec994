//! A small RGB canvas for the report's images (the votes chart of the Word report):
//! filled rectangles and text, encoded as PNG. Text is drawn with the Ubuntu Light
//! typeface that `epaint_default_fonts` ships inside the crate, with its licence (the
//! Ubuntu Font Licence 1.0, `UFL.txt` in that crate), rasterised by `ab_glyph` (pure
//! Rust): the binary needs no font installed on the machine, so a server or CI without
//! fonts draws the same image.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};

use crate::domain::text::shorten;

/// An RGB colour.
pub type Rgb = [u8; 3];

/// The typeface every image is drawn with (see the module's documentation).
fn typeface() -> Option<FontRef<'static>> {
    FontRef::try_from_slice(epaint_default_fonts::UBUNTU_LIGHT).ok()
}

/// A white canvas of `width` × `height` pixels.
pub struct Canvas {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
    font: Option<FontRef<'static>>,
}

impl Canvas {
    /// A white canvas; its size is capped at 4,000 × 4,000 pixels (48 MB at most).
    pub fn new(width: u32, height: u32) -> Self {
        let (width, height) = (width.clamp(1, 4000), height.clamp(1, 4000));
        Self {
            width,
            height,
            pixels: vec![255; (width * height * 3) as usize],
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
        for row in y0..y1 {
            for col in x0..x1 {
                let at = ((row * self.width + col) * 3) as usize;
                self.pixels[at..at + 3].copy_from_slice(&colour);
            }
        }
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
        let Some(font) = self.font.clone() else {
            return;
        };
        let scale = PxScale::from(size);
        let scaled = font.as_scaled(scale);
        let mut caret = x;
        let mut previous = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(previous) = previous {
                caret += scaled.kern(previous, id);
            }
            let glyph = id.with_scale_and_position(scale, point(caret, y));
            caret += scaled.h_advance(id);
            previous = Some(id);
            let Some(outline) = font.outline_glyph(glyph) else {
                continue;
            };
            let bounds = outline.px_bounds();
            let (width, height) = (self.width as i64, self.height as i64);
            let pixels = &mut self.pixels;
            outline.draw(|gx, gy, coverage| {
                let px = bounds.min.x as i64 + i64::from(gx);
                let py = bounds.min.y as i64 + i64::from(gy);
                if px < 0 || py < 0 || px >= width || py >= height {
                    return;
                }
                let at = ((py * width + px) * 3) as usize;
                let coverage = coverage.clamp(0.0, 1.0);
                for (channel, target) in pixels[at..at + 3].iter_mut().zip(colour) {
                    let blended =
                        f32::from(*channel) * (1.0 - coverage) + f32::from(target) * coverage;
                    *channel = blended.round() as u8;
                }
            });
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

    /// The canvas as a PNG file (8-bit RGB).
    ///
    /// # Errors
    /// None expected: the encoder writes to memory.
    pub fn png(&self) -> Result<Vec<u8>, png::EncodingError> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, self.width, self.height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header()?;
        writer.write_image_data(&self.pixels)?;
        writer.finish()?;
        Ok(out)
    }

    /// The canvas's size in pixels, `(width, height)`.
    pub fn size(&self) -> (u32, u32) {
        (self.width, self.height)
    }
}
