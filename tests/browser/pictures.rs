//! Real JPEG files on disk, as a member's camera would leave them, for the file input.

use std::path::{Path, PathBuf};

use image::{ImageFormat, Rgb, RgbImage};

/// `count` distinct photos of 1600×1200 in `dir`, named `photo-N.jpg`.
pub fn jpegs(dir: &Path, count: u8) -> Vec<PathBuf> {
    (1..=count)
        .map(|n| {
            let picture = RgbImage::from_fn(1600, 1200, |x, y| {
                // Bands and a gradient, different per photo, so each file is its own.
                let band = ((x / 100 + y / 150 + u32::from(n)) % 3) as u8;
                Rgb([(x / 7) as u8 ^ (n * 60), (y / 5) as u8, band * 90 + n * 20])
            });
            let path = dir.join(format!("photo-{n}.jpg"));
            picture
                .save_with_format(&path, ImageFormat::Jpeg)
                .expect("JPEG written");
            path
        })
        .collect()
}
