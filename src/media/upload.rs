//! Checking an uploaded image by its content, shared by logos and activity photos: only
//! JPEG, PNG and WebP are decoded, within a size and a pixel cap, with the camera's EXIF
//! orientation applied to the pixels (the EXIF block itself is then dropped by re-encoding).

use std::io::Cursor;

use actix_multipart::Field;
use actix_web::web::{Bytes, BytesMut};
use futures_util::StreamExt;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits};

/// The most pixels accepted: decoding allocates about 4 bytes each.
pub const MAX_PIXELS: u64 = 50_000_000;

/// Why an uploaded file was not taken as an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No file, or an empty one.
    Missing,
    /// Larger than the cap of its kind of upload.
    TooLarge,
    /// Not JPEG, PNG or WebP by content, whatever its name.
    NotAnImage,
    /// The header announces more than [`MAX_PIXELS`].
    TooManyPixels,
    /// Damaged or incomplete.
    Unreadable,
}

/// Decodes `bytes` when their content is a JPEG, PNG or WebP image of at most `max_bytes`
/// and [`MAX_PIXELS`], turned upright as its EXIF orientation says.
pub fn decode(bytes: &[u8], max_bytes: usize) -> Result<DynamicImage, Refusal> {
    let (format, width, height) = inspect(bytes, max_bytes)?;
    let mut decoder = ImageReader::with_format(Cursor::new(bytes), format)
        .into_decoder()
        .map_err(refusal)?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(width);
    limits.max_image_height = Some(height);
    decoder.set_limits(limits).map_err(refusal)?;
    // Phones store the picture sideways and say so in EXIF; without this a portrait photo
    // would be published lying on its side once the EXIF block is gone.
    let orientation = decoder.orientation().ok();
    let mut image = DynamicImage::from_decoder(decoder).map_err(refusal)?;
    if let Some(orientation) = orientation {
        image.apply_orientation(orientation);
    }
    Ok(image)
}

/// The checks of [`decode`] that need no pixels: size, format by content, a JPEG's end,
/// and the dimensions its header announces. Cheap enough to run before waiting for a turn
/// at decoding, so a file that will be refused is refused at once.
pub fn inspect(bytes: &[u8], max_bytes: usize) -> Result<(ImageFormat, u32, u32), Refusal> {
    if bytes.is_empty() {
        return Err(Refusal::Missing);
    }
    if bytes.len() > max_bytes {
        return Err(Refusal::TooLarge);
    }
    let format = image::guess_format(bytes).map_err(|_| Refusal::NotAnImage)?;
    if !matches!(
        format,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP
    ) {
        return Err(Refusal::NotAnImage);
    }
    // The JPEG decoder paints whatever is missing grey rather than fail, so a photo cut
    // short in transfer would be published half grey: its end marker must be there.
    if format == ImageFormat::Jpeg && !jpeg_is_complete(bytes) {
        return Err(Refusal::Unreadable);
    }
    // Only the header is read here, so that a small file announcing a huge picture is
    // refused before a pixel buffer is allocated.
    let decoder = ImageReader::with_format(Cursor::new(bytes), format)
        .into_decoder()
        .map_err(refusal)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Refusal::TooManyPixels);
    }
    Ok((format, width, height))
}

fn refusal(e: ImageError) -> Refusal {
    match e {
        // A decoder that refuses its own allocation has met a huge picture.
        ImageError::Limits(_) => Refusal::TooManyPixels,
        _ => Refusal::Unreadable,
    }
}

/// Whether a JPEG reaches its end-of-image marker. Walks the segments (skipping their
/// lengths, so a thumbnail inside EXIF with its own end marker does not count) and the
/// entropy-coded data after each start of scan, where 0xFF is always followed by a stuffed
/// zero or a restart marker unless a real marker begins.
fn jpeg_is_complete(b: &[u8]) -> bool {
    let mut i = 2;
    while i + 1 < b.len() {
        if b[i] != 0xFF {
            // Stray bytes between segments: decoders skip them, and so do we.
            i += 1;
            continue;
        }
        let marker = b[i + 1];
        match marker {
            0xD9 => return true,
            // Fill byte, or a marker without a length.
            0xFF => {
                i += 1;
                continue;
            }
            0x01 | 0xD0..=0xD7 => {
                i += 2;
                continue;
            }
            _ => {}
        }
        let Some(len) = b
            .get(i + 2..i + 4)
            .map(|l| usize::from(u16::from_be_bytes([l[0], l[1]])))
        else {
            return false;
        };
        i += 2 + len;
        if marker == 0xDA {
            loop {
                let (Some(&x), Some(&y)) = (b.get(i), b.get(i + 1)) else {
                    return false;
                };
                if x == 0xFF && y != 0x00 && !(0xD0..=0xD7).contains(&y) {
                    break;
                }
                i += 1;
            }
        }
    }
    false
}

/// What reading one file part ended with.
pub enum Read {
    /// The whole file, within the cap.
    Complete(Bytes),
    /// The file passed `max_bytes`; the rest of it was read and thrown away. Carries how
    /// many bytes the part had in all (for the request's total).
    TooLarge(usize),
}

/// Why a part could not be read to its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadError {
    /// The request carried more than its budget; nothing more was read.
    OverBudget,
    /// The body broke off or is not well-formed multipart.
    Broken,
}

/// Reads one multipart file part, keeping at most `max_bytes` in memory. `budget` is what
/// the request may still carry: the read stops as soon as the part would pass it, without
/// reading further.
pub async fn read_capped(
    field: &mut Field,
    max_bytes: usize,
    budget: usize,
) -> Result<Read, ReadError> {
    let mut bytes = BytesMut::new();
    let mut total = 0usize;
    while let Some(chunk) = field.next().await {
        let chunk = chunk.map_err(|_| ReadError::Broken)?;
        total += chunk.len();
        if total > budget {
            return Err(ReadError::OverBudget);
        }
        // Past the cap the bytes are only counted: the next file may still be fine.
        if total <= max_bytes {
            bytes.extend_from_slice(&chunk);
        } else if !bytes.is_empty() {
            bytes = BytesMut::new();
        }
    }
    if total > max_bytes {
        Ok(Read::TooLarge(total))
    } else {
        Ok(Read::Complete(bytes.freeze()))
    }
}

/// A file part written to a temporary file as it arrived.
pub enum Streamed {
    /// The whole file, within the cap, synced: its size and content hash.
    Complete { len: u64, sha256: String },
    /// The file passed `max_bytes`: the temporary file is gone and the rest of the part was
    /// read and thrown away. Carries how many bytes the part had in all.
    TooLarge(usize),
}

/// How much of a streamed part is gathered before it is written out.
const WRITE_CHUNK: usize = 256 * 1024;

/// Streams one multipart file part into `temp` (a fresh file in `tmp/`), keeping at most
/// [`WRITE_CHUNK`] in memory and hashing as it goes; `budget` is what the request may still
/// carry. Writes happen on the blocking pool. On any error, and when the part is too large,
/// the temporary file is removed: a refused or broken upload leaves nothing behind.
pub async fn stream_to_file(
    field: &mut Field,
    temp: std::path::PathBuf,
    file: std::fs::File,
    max_bytes: usize,
    budget: usize,
) -> Result<Result<Streamed, ReadError>, std::io::Error> {
    use sha2::{Digest, Sha256};
    use std::io::Write;

    let mut file = Some(file);
    let mut hasher = Sha256::new();
    let mut pending = BytesMut::new();
    let mut total = 0usize;
    let discard = |temp: &std::path::Path| {
        let _ = std::fs::remove_file(temp);
    };
    while let Some(chunk) = field.next().await {
        let Ok(chunk) = chunk else {
            discard(&temp);
            return Ok(Err(ReadError::Broken));
        };
        total += chunk.len();
        if total > budget {
            discard(&temp);
            return Ok(Err(ReadError::OverBudget));
        }
        if total > max_bytes {
            // Past the cap the bytes are only counted: the next file may still be fine.
            if file.take().is_some() {
                discard(&temp);
                pending = BytesMut::new();
            }
            continue;
        }
        hasher.update(&chunk);
        pending.extend_from_slice(&chunk);
        if pending.len() >= WRITE_CHUNK {
            let out = file.take().expect("open while within the cap");
            let bytes = pending.split().freeze();
            match actix_web::web::block(move || {
                let mut out = out;
                out.write_all(&bytes).map(|()| out)
            })
            .await
            {
                Ok(Ok(out)) => file = Some(out),
                Ok(Err(e)) => {
                    discard(&temp);
                    return Err(e);
                }
                Err(e) => {
                    discard(&temp);
                    return Err(std::io::Error::other(e.to_string()));
                }
            }
        }
    }
    let Some(out) = file else {
        return Ok(Ok(Streamed::TooLarge(total)));
    };
    let rest = pending.freeze();
    let synced = actix_web::web::block(move || {
        let mut out = out;
        out.write_all(&rest)?;
        out.sync_all()
    })
    .await
    .map_err(|e| std::io::Error::other(e.to_string()))
    .and_then(|r| r);
    if let Err(e) = synced {
        discard(&temp);
        return Err(e);
    }
    Ok(Ok(Streamed::Complete {
        len: total as u64,
        sha256: hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage};

    fn encoded(format: ImageFormat, width: u32, height: u32) -> Vec<u8> {
        let picture =
            DynamicImage::ImageRgb8(RgbImage::from_pixel(width, height, Rgb([20, 90, 160])));
        let mut bytes = Vec::new();
        picture
            .write_to(&mut Cursor::new(&mut bytes), format)
            .unwrap();
        bytes
    }

    #[test]
    fn the_three_formats_are_decoded_and_others_refused() {
        for format in [ImageFormat::Jpeg, ImageFormat::Png, ImageFormat::WebP] {
            let image = decode(&encoded(format, 30, 20), 1 << 20).unwrap();
            assert_eq!((image.width(), image.height()), (30, 20), "{format:?}");
        }
        assert_eq!(decode(b"", 10).err(), Some(Refusal::Missing));
        assert_eq!(
            decode(b"<!doctype html><p>hi", 100).err(),
            Some(Refusal::NotAnImage)
        );
        assert_eq!(
            decode(&encoded(ImageFormat::Png, 30, 20), 10).err(),
            Some(Refusal::TooLarge)
        );
    }

    #[test]
    fn a_jpeg_cut_short_is_unreadable_wherever_it_is_cut() {
        let whole = encoded(ImageFormat::Jpeg, 64, 48);
        assert!(jpeg_is_complete(&whole));
        for cut in [4, 20, whole.len() / 2, whole.len() - 2] {
            assert_eq!(
                decode(&whole[..cut], 1 << 20).err(),
                Some(Refusal::Unreadable),
                "cut at {cut} of {}",
                whole.len()
            );
        }
    }
}
