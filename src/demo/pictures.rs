//! Pictures for the demo content, drawn rather than downloaded: calm abstract scenes (sky,
//! ground, banners, people as simple shapes) in a given hue, different for every seed.

use image::{DynamicImage, Rgb, RgbImage};

/// Large enough to have two stored variants, small enough to keep the first start quick.
const WIDTH: u32 = 800;
const HEIGHT: u32 = 534;
/// Scenes are drawn at a quarter of the size and enlarged by the (optimised) image crate:
/// drawing pixel by pixel in our own unoptimised test builds would dominate the test time.
const SCALE: u32 = 4;

/// A tiny deterministic generator (xorshift), so the demo is the same on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: &str) -> Self {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in seed.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        Rng(h | 1)
    }

    fn next(&mut self) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 32) as u32
    }

    fn below(&mut self, n: u32) -> u32 {
        self.next() % n.max(1)
    }
}

/// An RGB colour from hue (degrees), saturation and lightness (0–1).
fn hsl(hue: f32, s: f32, l: f32) -> Rgb<u8> {
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let h = (hue.rem_euclid(360.0)) / 60.0;
    let x = c * (1.0 - (h % 2.0 - 1.0).abs());
    let (r, g, b) = match h as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let m = l - c / 2.0;
    let to = |v: f32| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    Rgb([to(r), to(g), to(b)])
}

fn fill_rect(img: &mut RgbImage, x: u32, y: u32, w: u32, h: u32, colour: Rgb<u8>) {
    for yy in y..(y + h).min(img.height()) {
        for xx in x..(x + w).min(img.width()) {
            img.put_pixel(xx, yy, colour);
        }
    }
}

fn fill_circle(img: &mut RgbImage, cx: i64, cy: i64, r: i64, colour: Rgb<u8>) {
    for y in (cy - r).max(0)..(cy + r).min(i64::from(img.height())) {
        for x in (cx - r).max(0)..(cx + r).min(i64::from(img.width())) {
            if (x - cx).pow(2) + (y - cy).pow(2) <= r * r {
                img.put_pixel(x as u32, y as u32, colour);
            }
        }
    }
}

/// A scene for a photo of an event.
pub fn photo(seed: &str, hue: u16) -> DynamicImage {
    let mut rng = Rng::new(seed);
    let hue = f32::from(hue);
    let (w, h) = (WIDTH / SCALE, HEIGHT / SCALE);
    let horizon = h * (55 + rng.below(15)) / 100;
    let mut img = RgbImage::from_fn(w, h, |_, y| {
        if y < horizon {
            hsl(hue, 0.45, 0.82 - 0.25 * y as f32 / horizon as f32)
        } else {
            let depth = (y - horizon) as f32 / (h - horizon) as f32;
            hsl(hue + 25.0, 0.30, 0.42 - 0.12 * depth)
        }
    });
    // A banner across the back, as at most of the network's events.
    let banner = hsl(hue + 180.0, 0.55, 0.45);
    let banner_y = horizon.saturating_sub(h / 4 + rng.below(h / 10));
    fill_rect(
        &mut img,
        w / 8 + rng.below(w / 12),
        banner_y,
        w * 3 / 5 + rng.below(w / 8),
        h / 10,
        banner,
    );
    // People: a head and shoulders each, in a loose row.
    let people = 4 + rng.below(6);
    let unit = i64::from(h / 20);
    for i in 0..people {
        let x = i64::from(w / 16 + i * (w - w / 8) / people + rng.below(w / 25));
        let y = i64::from(horizon + h / 14 + rng.below(h / 6));
        let clothes = hsl(
            rng.below(360) as f32,
            0.45,
            0.35 + rng.below(30) as f32 / 100.0,
        );
        let skin = hsl(25.0, 0.35, 0.30 + rng.below(25) as f32 / 100.0);
        fill_circle(&mut img, x, y + 3 * unit, 2 * unit, clothes);
        fill_circle(&mut img, x, y, unit, skin);
    }
    DynamicImage::ImageRgb8(img).resize_exact(WIDTH, HEIGHT, image::imageops::FilterType::Triangle)
}

/// A square logo: a ring and a band in the organization's colour.
pub fn logo(seed: &str, hue: u16) -> DynamicImage {
    let mut rng = Rng::new(seed);
    let hue = f32::from(hue);
    let size: u32 = 240;
    let mut img = RgbImage::from_pixel(size, size, Rgb([255, 255, 255]));
    let c = i64::from(size / 2);
    fill_circle(&mut img, c, c, 110, hsl(hue, 0.60, 0.38));
    fill_circle(&mut img, c, c, 80, Rgb([255, 255, 255]));
    fill_circle(
        &mut img,
        c,
        c,
        50 + i64::from(rng.below(20)),
        hsl(hue + 30.0, 0.55, 0.50),
    );
    fill_rect(
        &mut img,
        20,
        size / 2 - 10,
        size - 40,
        20,
        hsl(hue, 0.60, 0.30),
    );
    DynamicImage::ImageRgb8(img)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::GenericImageView;

    #[test]
    fn the_same_seed_draws_the_same_picture_and_others_differ() {
        let a = photo("imd-2016/1", 30);
        assert_eq!(a.dimensions(), (WIDTH, HEIGHT));
        assert_eq!(a.as_bytes(), photo("imd-2016/1", 30).as_bytes());
        assert_ne!(a.as_bytes(), photo("imd-2016/2", 30).as_bytes());
        assert_eq!(logo("mmn", 205).dimensions(), (240, 240));
    }

    #[test]
    fn hsl_covers_the_wheel() {
        assert_eq!(hsl(0.0, 1.0, 0.5), Rgb([255, 0, 0]));
        assert_eq!(hsl(120.0, 1.0, 0.5), Rgb([0, 255, 0]));
        assert_eq!(hsl(240.0, 1.0, 0.5), Rgb([0, 0, 255]));
    }
}
