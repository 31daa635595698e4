//! Organization logos. An upload is judged by its content, never its name or declared type:
//! only JPEG, PNG and WebP are decoded, within a size and a pixel cap, then re-encoded into
//! variants (which drops every metadata block) before anything is recorded.

use actix_web::web;
use image::DynamicImage;

use crate::accounts::{Actor, audit};
use crate::db::Db;
use crate::db::models::{media, organizations};
use crate::error::AppError;
use crate::media::images::{self, PreparedImage};
use crate::media::sha256_hex;
use crate::media::store::MediaStore;
use crate::media::upload::{self, Refusal};

/// The largest file accepted.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

pub use crate::media::upload::MAX_PIXELS;

/// Why an upload was not taken as a logo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoRefusal {
    Missing,
    TooLarge,
    NotAnImage,
    TooManyPixels,
    Unreadable,
}

impl From<Refusal> for LogoRefusal {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::Missing => LogoRefusal::Missing,
            Refusal::TooLarge => LogoRefusal::TooLarge,
            Refusal::NotAnImage => LogoRefusal::NotAnImage,
            Refusal::TooManyPixels => LogoRefusal::TooManyPixels,
            Refusal::Unreadable => LogoRefusal::Unreadable,
        }
    }
}

impl LogoRefusal {
    /// The message that names the problem (and the formats that work).
    pub fn message_id(self) -> &'static str {
        match self {
            LogoRefusal::Missing => "logo-missing",
            LogoRefusal::TooLarge => "logo-too-large",
            LogoRefusal::NotAnImage => "logo-not-an-image",
            LogoRefusal::TooManyPixels => "logo-too-many-pixels",
            LogoRefusal::Unreadable => "logo-unreadable",
        }
    }
}

/// Decodes `bytes` when their content is a JPEG, PNG or WebP image within the caps (the
/// checks photos share, in `media::upload`).
pub fn decode(bytes: &[u8]) -> Result<DynamicImage, LogoRefusal> {
    upload::decode(bytes, MAX_BYTES).map_err(LogoRefusal::from)
}

/// Decodes, re-encodes and writes the variants: slow work, for the blocking pool.
fn prepare_and_write(
    store: &MediaStore,
    bytes: &[u8],
) -> Result<Result<PreparedImage, LogoRefusal>, AppError> {
    let image = match decode(bytes) {
        Ok(image) => image,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let prepared = images::prepare(&image, sha256_hex(bytes))?;
    for variant in &prepared.variants {
        store.write(&variant.relative_path(), &variant.bytes)?;
    }
    Ok(Ok(prepared))
}

/// Makes `bytes` the logo of organization `id`. The variant files are written first, then
/// recorded with an audit event in one transaction; a refused upload stores nothing.
pub async fn set_logo(
    db: &Db,
    store: &MediaStore,
    actor: Actor,
    id: i32,
    bytes: web::Bytes,
) -> Result<Result<(), LogoRefusal>, AppError> {
    let store = store.clone();
    let prepared = match web::block(move || prepare_and_write(&store, &bytes)).await?? {
        Ok(prepared) => prepared,
        Err(refusal) => return Ok(Err(refusal)),
    };
    db.write(move |conn| {
        let org = organizations::find(conn, id)?.ok_or(AppError::NotFound)?;
        let image_id = media::insert_image(conn, &prepared)?;
        organizations::set_logo(conn, id, image_id)?;
        audit(
            conn,
            &actor,
            "organization-logo-changed",
            ("organization", Some(id)),
            &org.slug,
        )?;
        Ok(Ok(()))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::ImageFormat;
    use image::{Rgb, RgbImage};
    use std::io::Cursor;

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
    fn jpeg_png_and_webp_are_decoded_by_content() {
        for format in [ImageFormat::Jpeg, ImageFormat::Png, ImageFormat::WebP] {
            let image = decode(&encoded(format, 30, 20)).unwrap();
            assert_eq!((image.width(), image.height()), (30, 20), "{format:?}");
        }
    }

    #[test]
    fn anything_else_is_refused_with_its_reason() {
        assert_eq!(decode(b"").err(), Some(LogoRefusal::Missing));
        assert_eq!(
            decode(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj").err(),
            Some(LogoRefusal::NotAnImage)
        );
        assert_eq!(
            decode(b"GIF89a\x01\x00\x01\x00").err(),
            Some(LogoRefusal::NotAnImage)
        );
        let mut cut = encoded(ImageFormat::Png, 30, 20);
        cut.truncate(60);
        assert_eq!(decode(&cut).err(), Some(LogoRefusal::Unreadable));
        assert_eq!(
            decode(&vec![0xFF; MAX_BYTES + 1]).err(),
            Some(LogoRefusal::TooLarge)
        );
    }

    #[test]
    fn a_header_announcing_too_many_pixels_is_refused_before_decoding() {
        // A valid PNG header (IHDR) claiming 10000 x 10000 pixels, with no pixel data.
        let mut png = encoded(ImageFormat::Png, 1, 1);
        png[16..20].copy_from_slice(&10_000u32.to_be_bytes());
        png[20..24].copy_from_slice(&10_000u32.to_be_bytes());
        let crc = crc32(&png[12..29]);
        png[29..33].copy_from_slice(&crc.to_be_bytes());
        assert_eq!(decode(&png).err(), Some(LogoRefusal::TooManyPixels));
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn every_refusal_has_its_message() {
        let catalog = crate::i18n::Catalog::for_language("en");
        for refusal in [
            LogoRefusal::Missing,
            LogoRefusal::TooLarge,
            LogoRefusal::NotAnImage,
            LogoRefusal::TooManyPixels,
            LogoRefusal::Unreadable,
        ] {
            assert!(catalog.has(refusal.message_id()), "{refusal:?}");
        }
    }
}
