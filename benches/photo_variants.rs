//! How long one 12-megapixel photo takes to become its stored variants, and how much memory
//! that needs: `cargo bench --bench photo_variants`.
//!
//! The parent writes a photo-like JPEG (noise over gradients, so the codecs have real work)
//! to a temp file and runs itself again on it, so the figures are those of a fresh process
//! that does only what an upload does: read the file, check and decode it, make every
//! variant (JPEG and WebP at each size). Targets: under 1.5 s of one core, under 250 MB.

use std::io::Cursor;
use std::process::Command;
use std::time::Instant;

use image::codecs::jpeg::JpegEncoder;
use image::{Rgb, RgbImage};
use mmn_portal::media::images::prepare_owned;
use mmn_portal::media::upload::decode;

const WIDTH: u32 = 4000;
const HEIGHT: u32 = 3000;
const CPU_TARGET_SECS: f64 = 1.5;
const MEMORY_TARGET_MB: f64 = 250.0;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.iter().position(|a| a == "--measure") {
        Some(i) => measure(&args[i + 1]),
        None => run(),
    }
}

/// Writes the photo, then measures in a child process.
fn run() {
    let dir = std::env::temp_dir().join(format!("photo-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("photo.jpg");
    let jpeg = photo_like_jpeg();
    std::fs::write(&path, &jpeg).expect("photo written");
    println!(
        "photo: {WIDTH} x {HEIGHT} JPEG ({:.1} MB), quality 92",
        jpeg.len() as f64 / 1e6
    );
    let status = Command::new(std::env::current_exe().expect("own path"))
        .arg("--measure")
        .arg(&path)
        .status()
        .expect("measuring process runs");
    let _ = std::fs::remove_dir_all(&dir);
    std::process::exit(status.code().unwrap_or(1));
}

/// A camera-like picture: smooth gradients and shapes under per-pixel sensor noise.
fn photo_like_jpeg() -> Vec<u8> {
    let mut state: u32 = 0x9E37_79B9;
    let mut noise = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        (state % 25) as i32 - 12
    };
    let image = RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
        let (fx, fy) = (x as f32 / WIDTH as f32, y as f32 / HEIGHT as f32);
        let wave = ((fx * 23.0).sin() * (fy * 17.0).cos() * 40.0) as i32;
        let disc = if (fx - 0.6).powi(2) + (fy - 0.4).powi(2) < 0.02 {
            70
        } else {
            0
        };
        let base = [
            (60.0 + 150.0 * fy) as i32 + wave,
            (90.0 + 100.0 * fx) as i32 - wave / 2 + disc,
            (170.0 - 120.0 * fy) as i32 + disc / 2,
        ];
        Rgb(base.map(|c| (c + noise()).clamp(0, 255) as u8))
    });
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut Cursor::new(&mut bytes), 92)
        .encode_image(&image)
        .expect("photo encoded");
    bytes
}

fn measure(path: &str) {
    let cpu_before = cpu_seconds();
    let started = Instant::now();
    let bytes = std::fs::read(path).expect("photo read");
    let decoded = decode(&bytes, 25 * 1024 * 1024).expect("the photo decodes");
    let decoded_at = cpu_seconds();
    let prepared = prepare_owned(decoded, "bench".into()).expect("variants made");
    let wall = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu_before;
    let peak_mb = peak_memory_kb() as f64 / 1024.0;
    for v in &prepared.variants {
        println!(
            "  {:>4} {:>4} x {:<4} {:>8} bytes",
            v.format,
            v.width,
            v.height,
            v.bytes.len()
        );
    }
    println!(
        "decode {:.2} s CPU, variants {:.2} s CPU; total {cpu:.2} s CPU ({wall:.2} s wall), \
         peak memory {peak_mb:.0} MB",
        decoded_at - cpu_before,
        cpu - (decoded_at - cpu_before),
    );
    let ok = cpu < CPU_TARGET_SECS && peak_mb < MEMORY_TARGET_MB;
    println!(
        "targets: < {CPU_TARGET_SECS} s of one core, < {MEMORY_TARGET_MB} MB: {}",
        if ok { "met" } else { "MISSED" }
    );
}

/// User plus system time of this process, from `/proc/self/stat` (in clock ticks of 1/100 s).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").expect("/proc/self/stat");
    // The command name may hold spaces; the fields after its closing parenthesis do not.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .expect("stat format")
        .1
        .split_whitespace()
        .collect();
    let ticks = |i: usize| fields[i].parse::<f64>().expect("a tick count");
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the name.
    (ticks(11) + ticks(12)) / 100.0
}

/// The peak resident set (VmHWM) of this process, in KB.
fn peak_memory_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/self/status")
}
