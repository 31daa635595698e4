//! Photo variants: resized copies at a few widths, re-encoded so that no metadata survives.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, GenericImageView};

use super::sha256_hex;

/// Long-edge sizes of the stored variants; a photo is never enlarged.
pub const VARIANT_SIZES: [u32; 3] = [400, 1000, 2000];

const JPEG_QUALITY: u8 = 80;

/// A photo ready to be stored: its variants encoded, nothing written yet.
#[derive(Debug)]
pub struct PreparedImage {
    /// Hash of what was uploaded (or generated), so the same photo is stored once.
    pub source_sha256: String,
    pub width: u32,
    pub height: u32,
    /// Smallest first.
    pub variants: Vec<PreparedVariant>,
}

/// One encoded variant.
#[derive(Debug)]
pub struct PreparedVariant {
    pub format: &'static str,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

impl PreparedVariant {
    /// Where the variant lives under `media/`: named by the hash of its own bytes.
    pub fn relative_path(&self) -> String {
        let hash = sha256_hex(&self.bytes);
        let ext = if self.format == "jpeg" {
            "jpg"
        } else {
            self.format
        };
        format!("img/{}/{hash}.{ext}", &hash[..2])
    }
}

/// The long-edge sizes to make for a photo whose long edge is `long_edge`: every standard
/// size below it, and the photo's own size when it is not larger than the largest standard.
pub fn variant_sizes(long_edge: u32) -> Vec<u32> {
    let mut sizes: Vec<u32> = VARIANT_SIZES
        .into_iter()
        .filter(|&s| s < long_edge)
        .collect();
    if long_edge <= VARIANT_SIZES[VARIANT_SIZES.len() - 1] {
        sizes.push(long_edge);
    }
    sizes
}

/// Resizes and re-encodes `image` into its variants. Encoding from decoded pixels is what
/// drops every metadata block (EXIF, GPS, XMP, IPTC) of the original.
pub fn prepare(image: &DynamicImage, source_sha256: String) -> anyhow::Result<PreparedImage> {
    let (width, height) = image.dimensions();
    let long_edge = width.max(height);
    let mut variants = Vec::new();
    // Largest first, each made from the previous one: far cheaper than resizing the full
    // photo for every size, and indistinguishable at these ratios.
    let mut source = image.clone();
    for size in variant_sizes(long_edge).into_iter().rev() {
        if size < source.width().max(source.height()) {
            source = source.resize(size, size, FilterType::Lanczos3);
        }
        let rgb = source.to_rgb8();
        let mut bytes = Vec::new();
        JpegEncoder::new_with_quality(&mut Cursor::new(&mut bytes), JPEG_QUALITY)
            .encode_image(&rgb)?;
        variants.push(PreparedVariant {
            format: "jpeg",
            width: rgb.width(),
            height: rgb.height(),
            bytes,
        });
    }
    variants.reverse();
    Ok(PreparedImage {
        source_sha256,
        width,
        height,
        variants,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage};

    #[test]
    fn sizes_never_enlarge() {
        assert_eq!(variant_sizes(300), [300]);
        assert_eq!(variant_sizes(1200), [400, 1000, 1200]);
        assert_eq!(variant_sizes(2000), [400, 1000, 2000]);
        assert_eq!(variant_sizes(4000), [400, 1000, 2000]);
    }

    #[test]
    fn variants_keep_the_aspect_ratio_and_are_jpeg() {
        let photo = DynamicImage::ImageRgb8(RgbImage::from_pixel(1200, 800, Rgb([200, 120, 40])));
        let prepared = prepare(&photo, "x".into()).unwrap();
        let sizes: Vec<_> = prepared
            .variants
            .iter()
            .map(|v| (v.width, v.height))
            .collect();
        assert_eq!(sizes, [(400, 267), (1000, 667), (1200, 800)]);
        for v in &prepared.variants {
            assert_eq!(&v.bytes[..3], &[0xFF, 0xD8, 0xFF], "JPEG signature");
            assert!(v.relative_path().starts_with("img/") && v.relative_path().ends_with(".jpg"));
        }
    }
}
