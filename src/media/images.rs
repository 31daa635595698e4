//! Photo variants: resized copies at a few widths, each as JPEG and as lossy WebP,
//! re-encoded from pixels so that no metadata survives.

use std::io::Cursor;

use anyhow::anyhow;
use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, Rgb, RgbImage};

use super::sha256_hex;

/// Long-edge sizes of the stored variants; a photo is never enlarged.
pub const VARIANT_SIZES: [u32; 3] = [400, 1000, 2000];

const JPEG_QUALITY: u8 = 80;
/// libwebp's quality scale: 75 is about JPEG 80 to the eye, at two thirds of the bytes.
const WEBP_QUALITY: f32 = 75.0;

/// An encoded format of the variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    WebP,
}

impl Format {
    /// The name stored in `image_variants.format`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Jpeg => "jpeg",
            Format::WebP => "webp",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::WebP => "webp",
        }
    }
}

/// A photo ready to be stored: its variants encoded, nothing written yet.
#[derive(Debug)]
pub struct PreparedImage {
    /// Hash of what was uploaded (or generated), so the same photo is stored once.
    pub source_sha256: String,
    pub width: u32,
    pub height: u32,
    /// Smallest first; at each size the JPEG, then the WebP.
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
        let ext = match self.format {
            "jpeg" => Format::Jpeg.extension(),
            other => other,
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
    prepare_rgb(opaque_rgb(image), source_sha256)
}

/// [`prepare`] for an image the caller no longer needs: an RGB photo is used in place
/// rather than copied (36 MB for 12 megapixels).
pub fn prepare_owned(image: DynamicImage, source_sha256: String) -> anyhow::Result<PreparedImage> {
    let rgb = match image {
        DynamicImage::ImageRgb8(rgb) => rgb,
        other => opaque_rgb(&other),
    };
    prepare_rgb(rgb, source_sha256)
}

fn prepare_rgb(image: RgbImage, source_sha256: String) -> anyhow::Result<PreparedImage> {
    let (width, height) = image.dimensions();
    let mut variants = Vec::new();
    // Largest first, each made from the previous one: far cheaper than resizing the full
    // photo for every size, and indistinguishable at these ratios.
    let mut source = image;
    for size in variant_sizes(width.max(height)).into_iter().rev() {
        if size < source.width().max(source.height()) {
            let (w, h) = fit(source.width(), source.height(), size);
            source = image::imageops::resize(&source, w, h, FilterType::Lanczos3);
        }
        // Pushed WebP first: the list is reversed below, so each size reads JPEG, WebP.
        variants.push(encode(&source, Format::WebP)?);
        variants.push(encode(&source, Format::Jpeg)?);
    }
    variants.reverse();
    Ok(PreparedImage {
        source_sha256,
        width,
        height,
        variants,
    })
}

/// The size of a `width` × `height` picture scaled so its long edge is `long_edge`.
fn fit(width: u32, height: u32, long_edge: u32) -> (u32, u32) {
    let scale = |a: u32, b: u32| {
        ((u64::from(a) * u64::from(long_edge) + u64::from(b) / 2) / u64::from(b)).max(1) as u32
    };
    if width >= height {
        (long_edge, scale(height, width))
    } else {
        (scale(width, height), long_edge)
    }
}

/// The picture as RGB, transparent parts laid on white (JPEG has no alpha, and a logo's
/// transparent background would otherwise turn black).
fn opaque_rgb(image: &DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.to_rgb8();
    }
    let rgba = image.to_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let over_white =
            |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a)) + 127) / 255) as u8;
        Rgb([over_white(r), over_white(g), over_white(b)])
    })
}

fn encode(rgb: &RgbImage, format: Format) -> anyhow::Result<PreparedVariant> {
    let bytes = match format {
        Format::Jpeg => {
            let mut bytes = Vec::new();
            JpegEncoder::new_with_quality(&mut Cursor::new(&mut bytes), JPEG_QUALITY)
                .encode_image(rgb)?;
            bytes
        }
        // libwebp's simple API writes a bare VP8 stream: no EXIF, XMP or ICC chunk.
        Format::WebP => webp::Encoder::from_rgb(rgb.as_raw(), rgb.width(), rgb.height())
            .encode_simple(false, WEBP_QUALITY)
            .map_err(|e| anyhow!("WebP encoding failed: {e:?}"))?
            .to_vec(),
    };
    Ok(PreparedVariant {
        format: format.as_str(),
        width: rgb.width(),
        height: rgb.height(),
        bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{GenericImageView, Rgba, RgbaImage};

    #[test]
    fn sizes_never_enlarge() {
        assert_eq!(variant_sizes(300), [300]);
        assert_eq!(variant_sizes(1200), [400, 1000, 1200]);
        assert_eq!(variant_sizes(2000), [400, 1000, 2000]);
        assert_eq!(variant_sizes(4000), [400, 1000, 2000]);
    }

    #[test]
    fn variants_keep_the_aspect_ratio_in_jpeg_and_webp() {
        let photo = DynamicImage::ImageRgb8(RgbImage::from_fn(1200, 800, |x, y| {
            Rgb([(x / 5) as u8, (y / 4) as u8, 90])
        }));
        let prepared = prepare(&photo, "x".into()).unwrap();
        let sizes: Vec<_> = prepared
            .variants
            .iter()
            .map(|v| (v.format, v.width, v.height))
            .collect();
        assert_eq!(
            sizes,
            [
                ("jpeg", 400, 267),
                ("webp", 400, 267),
                ("jpeg", 1000, 667),
                ("webp", 1000, 667),
                ("jpeg", 1200, 800),
                ("webp", 1200, 800)
            ]
        );
        for v in &prepared.variants {
            let path = v.relative_path();
            assert!(path.starts_with("img/"));
            let decoded = image::load_from_memory(&v.bytes).unwrap();
            assert_eq!(decoded.dimensions(), (v.width, v.height), "{path}");
            if v.format == "jpeg" {
                assert_eq!(&v.bytes[..3], &[0xFF, 0xD8, 0xFF], "JPEG signature");
                assert!(path.ends_with(".jpg"));
            } else {
                assert_eq!(&v.bytes[..4], b"RIFF");
                assert_eq!(
                    &v.bytes[8..16],
                    b"WEBPVP8 ",
                    "lossy VP8, no extended header"
                );
                assert!(path.ends_with(".webp"));
            }
        }
        let at = |format: &str, width: u32| {
            prepared
                .variants
                .iter()
                .find(|v| v.format == format && v.width == width)
                .unwrap()
                .bytes
                .len()
        };
        assert!(at("webp", 1200) < at("jpeg", 1200), "lossy WebP is smaller");
    }

    #[test]
    fn transparency_is_laid_on_white() {
        let logo = DynamicImage::ImageRgba8(RgbaImage::from_fn(20, 10, |x, _| {
            if x < 10 {
                Rgba([0, 0, 0, 0])
            } else {
                Rgba([200, 0, 0, 255])
            }
        }));
        let rgb = opaque_rgb(&logo);
        assert_eq!(rgb.get_pixel(2, 2), &Rgb([255, 255, 255]));
        assert_eq!(rgb.get_pixel(15, 2), &Rgb([200, 0, 0]));
    }

    #[test]
    fn a_tall_photo_keeps_its_long_edge() {
        assert_eq!(fit(3000, 4000, 1000), (750, 1000));
        assert_eq!(fit(4000, 3000, 400), (400, 300));
        assert_eq!(fit(10_000, 1, 400), (400, 1), "never zero");
    }
}
