//! A PNG file written a band of rows at a time (issue #15: the ZIP's memory), byte for
//! byte the file `png`'s `Writer::write_image_data` writes when handed the whole picture
//! at once with the encoder's default settings (adaptive filter, `flate2`'s default
//! level, all the compressed data in one `IDAT` chunk).
//!
//! `png`'s own `StreamWriter` takes rows as they come but writes a different file (its
//! `IDAT` chunks are cut every few KB and its compressed stream ends with a flush), so the
//! rows go through it only for its filters, compressed by `fdeflate`'s fastest coder (a
//! few bytes of state and no window, where a `flate2` compressor holds some 300 KB even
//! when told not to compress): that stream is inflated as it arrives and each filtered
//! row compressed again at the default level into
//! the one `IDAT` chunk, handed to the compressor as `write_image_data` hands it (its
//! filter's byte, then the row: the compressed bytes depend on how the input is cut).
//! What it holds is the compressed file (written once, in place), the two compressors'
//! and the inflater's state, a row and a chunk of [`CHUNK_BYTES`]; never the picture.

use std::io::{self, Write};

use flate2::write::{ZlibDecoder, ZlibEncoder};
use png::{BitDepth, ColorType, DeflateCompression, EncodingError, Filter};

/// The size of the chunks `png`'s stream writer hands over.
const CHUNK_BYTES: usize = 64 * 1024;

/// The longest `IDAT` chunk `png` writes (a longer stream would go in several; a canvas
/// of at most 4,000 × 4,000 pixels never comes near).
const MAX_IDAT_BYTES: usize = (u32::MAX >> 1) as usize;

/// The PNG file of an 8-bit RGB picture of `width` × `height` pixels whose rows, top
/// first, `rows` writes (`width × 3` bytes each, in any number of calls).
///
/// # Errors
/// Those of `rows`; a picture of another number of bytes than `width × height × 3`
/// ([`EncodingError::Format`]).
pub fn write(
    width: u32,
    height: u32,
    rows: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<Vec<u8>, EncodingError> {
    let mut file = OneIdat::new(width);
    {
        let mut encoder = png::Encoder::new(&mut file, width, height);
        encoder.set_color(ColorType::Rgb);
        encoder.set_depth(BitDepth::Eight);
        encoder.set_filter(Filter::default());
        encoder.set_deflate_compression(DeflateCompression::FdeflateUltraFast);
        let mut writer = encoder.write_header()?;
        let mut stream = writer.stream_writer_with_size(CHUNK_BYTES)?;
        rows(&mut stream)?;
        stream.finish()?;
        writer.finish()?;
    }
    Ok(file.done()?)
}

/// Where a chunk's bytes are in the stream of chunks `png` writes.
enum Position {
    /// The signature's bytes still to come.
    Signature(usize),
    /// A chunk's length and type, as far as they came.
    Header([u8; 8], usize),
    /// A chunk's data still to come; whether it is an `IDAT` chunk.
    Data(usize, bool),
    /// A chunk's CRC still to come; whether it is an `IDAT` chunk's.
    Crc(usize, bool),
}

/// The file `png` writes with its `IDAT` chunks, compressed fast, made into one `IDAT`
/// chunk compressed at the default level; other chunks are kept as written.
struct OneIdat {
    file: Vec<u8>,
    at: Position,
    /// The `IDAT` chunks' data inflated and compressed again, until the chunk after them.
    idat: Option<ZlibDecoder<Rows>>,
    /// The bytes of a filtered row: its filter's, then `width × 3`.
    row_bytes: usize,
    /// Where the `IDAT` chunk starts in the file.
    idat_at: usize,
}

/// Filtered rows compressed as `png`'s `write_image_data` compresses them.
struct Rows {
    row: Vec<u8>,
    row_bytes: usize,
    compressed: ZlibEncoder<Vec<u8>>,
}

impl Write for Rows {
    /// Takes bytes up to the end of the current row; a full row goes to the compressor in
    /// two writes, its filter's byte and the rest.
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let taken = bytes.len().min(self.row_bytes - self.row.len());
        self.row
            .extend_from_slice(bytes.get(..taken).unwrap_or_default());
        if self.row.len() == self.row_bytes {
            let (filter, row) = self.row.split_at(1.min(self.row.len()));
            self.compressed.write_all(filter)?;
            self.compressed.write_all(row)?;
            self.row.clear();
        }
        Ok(taken)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl OneIdat {
    /// For a picture `width` pixels wide.
    fn new(width: u32) -> Self {
        Self {
            file: Vec::new(),
            at: Position::Signature(8),
            idat: None,
            row_bytes: 1 + width as usize * 3,
            idat_at: 0,
        }
    }

    /// Appends the `IDAT` chunk(s) of what the `IDAT` chunks held, if not yet done.
    fn close_idat(&mut self) -> io::Result<()> {
        let Some(idat) = self.idat.take() else {
            return Ok(());
        };
        let rows = idat.finish()?;
        if !rows.row.is_empty() {
            return Err(io::Error::other("the PNG file ended inside a row"));
        }
        // The compressor wrote after the file and a room for the chunk's length and type.
        self.file = rows.compressed.finish()?;
        let data = self.idat_at + 8;
        let length = self.file.len().saturating_sub(data);
        if length > MAX_IDAT_BYTES {
            return Err(io::Error::other("a picture too big for one IDAT chunk"));
        }
        let length = u32::try_from(length).map_err(io::Error::other)?;
        let header = self.file.get_mut(self.idat_at..data).unwrap_or_default();
        header.copy_from_slice(&[&length.to_be_bytes()[..], b"IDAT"].concat());
        let crc = crc32fast::hash(self.file.get(self.idat_at + 4..).unwrap_or_default());
        self.file.extend_from_slice(&crc.to_be_bytes());
        Ok(())
    }

    /// The file, once `png` wrote all of it.
    fn done(mut self) -> io::Result<Vec<u8>> {
        self.close_idat()?;
        match self.at {
            Position::Header(_, 0) => Ok(self.file),
            _ => Err(io::Error::other("the PNG file ended inside a chunk")),
        }
    }
}

impl Write for OneIdat {
    /// Takes the next bytes of the file as far as the current part (signature, a chunk's
    /// header, data or CRC) goes.
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        match &mut self.at {
            Position::Signature(left) => {
                let taken = bytes.len().min(*left);
                self.file
                    .extend_from_slice(bytes.get(..taken).unwrap_or_default());
                *left -= taken;
                if *left == 0 {
                    self.at = Position::Header([0; 8], 0);
                }
                Ok(taken)
            }
            Position::Header(header, got) => {
                let taken = bytes.len().min(8 - *got);
                let into = header.get_mut(*got..*got + taken).unwrap_or_default();
                into.copy_from_slice(bytes.get(..taken).unwrap_or_default());
                *got += taken;
                if *got == 8 {
                    let header = *header;
                    let length = u32::from_be_bytes([header[0], header[1], header[2], header[3]]);
                    let length = usize::try_from(length).map_err(io::Error::other)?;
                    let is_idat = &header[4..] == b"IDAT";
                    if is_idat {
                        if self.idat.is_none() {
                            // The file so far, and room for the length and type, become
                            // the compressor's output: no second copy of the data.
                            self.idat_at = self.file.len();
                            let mut file = std::mem::take(&mut self.file);
                            file.extend_from_slice(&[0; 8]);
                            self.idat = Some(ZlibDecoder::new(Rows {
                                row: Vec::with_capacity(self.row_bytes),
                                row_bytes: self.row_bytes,
                                compressed: ZlibEncoder::new(file, flate2::Compression::default()),
                            }));
                        }
                    } else {
                        self.close_idat()?;
                        self.file.extend_from_slice(&header);
                    }
                    self.at = Position::Data(length, is_idat);
                    if length == 0 {
                        self.at = Position::Crc(4, is_idat);
                    }
                }
                Ok(taken)
            }
            Position::Data(left, is_idat) => {
                let taken = bytes.len().min(*left);
                let data = bytes.get(..taken).unwrap_or_default();
                if *is_idat {
                    if let Some(idat) = &mut self.idat {
                        idat.write_all(data)?;
                    }
                } else {
                    self.file.extend_from_slice(data);
                }
                *left -= taken;
                if *left == 0 {
                    self.at = Position::Crc(4, *is_idat);
                }
                Ok(taken)
            }
            Position::Crc(left, is_idat) => {
                let taken = bytes.len().min(*left);
                if !*is_idat {
                    self.file
                        .extend_from_slice(bytes.get(..taken).unwrap_or_default());
                }
                *left -= taken;
                if *left == 0 {
                    self.at = Position::Header([0; 8], 0);
                }
                Ok(taken)
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file `png` writes for `pixels` handed over at once (the old way).
    fn at_once(width: u32, height: u32, pixels: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(ColorType::Rgb);
        encoder.set_depth(BitDepth::Eight);
        let mut writer = encoder.write_header().expect("header");
        writer.write_image_data(pixels).expect("data");
        writer.finish().expect("end");
        out
    }

    #[test]
    fn rows_written_in_pieces_make_the_file_png_writes_at_once() {
        // Gradients, noise and flat parts, so that every filter gets picked somewhere;
        // 500 rows of 333 pixels: the fast stream spans several chunks.
        let (width, height) = (333u32, 500u32);
        let mut seed = 7u32;
        let pixels: Vec<u8> = (0..width * height * 3)
            .map(|i| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                let (row, col) = (i / (width * 3), i % (width * 3));
                match row / 100 {
                    0 => 255,
                    1 => (col % 256) as u8,
                    2 => (seed >> 24) as u8,
                    3 => ((row + col) % 7 * 30) as u8,
                    _ => ((col / 3 + row) % 256) as u8 ^ ((seed >> 29) as u8),
                }
            })
            .collect();
        let expected = at_once(width, height, &pixels);
        for piece in [1usize, 4_096, 65_537, 1 << 20] {
            let file = write(width, height, |rows| {
                for part in pixels.chunks(piece) {
                    rows.write_all(part)?;
                }
                Ok(())
            })
            .expect("written");
            assert!(file == expected, "pieces of {piece} bytes: another file");
        }
    }

    #[test]
    fn a_picture_short_of_rows_is_an_error() {
        let written = write(10, 10, |rows| rows.write_all(&[255; 10 * 3 * 9]));
        assert!(written.is_err());
    }
}
