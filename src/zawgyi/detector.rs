//! The detector: a port of `ZawgyiDetector` (myanmar-tools' `src/zawgyi_detector.ts`).
//!
//! The model is a Markov chain over Myanmar code points: for each pair of successive states
//! it stores log P(pair | Unicode) − log P(pair | Zawgyi). Summed over a text, that gives the
//! odds of the two encodings, hence the probability that the text is Zawgyi. Code points
//! outside the Myanmar blocks (and the space-like U+2000–U+200B) all share state 0 and
//! transitions from 0 to 0 are skipped, so English around Burmese does not dilute the signal.

use std::sync::LazyLock;

/// `resources/zawgyiUnicodeModel.dat` of the npm package `myanmar-tools` 1.2.0, unchanged.
static MODEL_BYTES: &[u8] = include_bytes!("zawgyiUnicodeModel.dat");

static MODEL: LazyLock<Model> = LazyLock::new(|| {
    Model::parse(MODEL_BYTES).expect("the bundled Zawgyi model parses (unit-tested)")
});

/// The blocks that get a state of their own, in the order of the model's states.
const BLOCKS: [(u32, u32); 5] = [
    (0x1000, 0x103F), // Myanmar, before the digits
    (0x104A, 0x109F), // Myanmar, after the digits
    (0xAA60, 0xAA7F), // Myanmar Extended-A
    (0xA9E0, 0xA9FF), // Myanmar Extended-B
    (0x2000, 0x200B), // space-like (only in models that include them)
];

fn block_len((lo, hi): (u32, u32)) -> usize {
    (hi - lo + 1) as usize
}

/// The number of states: state 0 for everything else, then one per code point of the blocks.
fn states(with_spaces: bool) -> usize {
    let blocks = if with_spaces { 5 } else { 4 };
    1 + BLOCKS[..blocks]
        .iter()
        .copied()
        .map(block_len)
        .sum::<usize>()
}

fn state(c: char, with_spaces: bool) -> usize {
    let cp = u32::from(c);
    let blocks = if with_spaces { 5 } else { 4 };
    let mut offset = 1;
    for block in &BLOCKS[..blocks] {
        if (block.0..=block.1).contains(&cp) {
            return offset + (cp - block.0) as usize;
        }
        offset += block_len(*block);
    }
    0
}

/// Big-endian reads, as Java's `DataOutputStream` wrote the file.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let (head, rest) = self
            .bytes
            .split_first_chunk::<N>()
            .ok_or("the model file is truncated")?;
        self.bytes = rest;
        Ok(*head)
    }

    fn u32(&mut self) -> Result<u32, String> {
        self.take().map(u32::from_be_bytes)
    }

    fn i16(&mut self) -> Result<i16, String> {
        self.take().map(i16::from_be_bytes)
    }

    fn f32(&mut self) -> Result<f32, String> {
        self.take().map(f32::from_be_bytes)
    }

    fn tag(&mut self, expected: &[u8; 8]) -> Result<(), String> {
        let tag: [u8; 8] = self.take()?;
        if &tag == expected {
            Ok(())
        } else {
            Err(format!(
                "expected the tag {:?}",
                String::from_utf8_lossy(expected)
            ))
        }
    }
}

/// The parsed model: a square table of log-probability differences.
pub(super) struct Model {
    size: usize,
    with_spaces: bool,
    deltas: Vec<f32>,
}

impl Model {
    /// Reads the binary format of `ZawgyiUnicodeMarkovModel` (serial versions 1 and 2)
    /// wrapping a `BinaryMarkov` (version 0): for each row, the number of explicit entries,
    /// the value of all other cells (when there are entries), then (column, value) pairs.
    pub(super) fn parse(bytes: &[u8]) -> Result<Model, String> {
        let mut r = Reader { bytes };
        r.tag(b"UZMODEL ")?;
        let with_spaces = match r.u32()? {
            1 => true,
            2 => match r.u32()? {
                0 => true,
                1 => false,
                ssv => return Err(format!("unknown state set {ssv}")),
            },
            v => return Err(format!("unknown model version {v}")),
        };
        r.tag(b"BMARKOV ")?;
        if r.u32()? != 0 {
            return Err("unknown Markov table version".into());
        }
        let size = usize::try_from(r.i16()?).map_err(|_| "negative size")?;
        if size != states(with_spaces) {
            return Err(format!("{size} states, expected {}", states(with_spaces)));
        }
        let mut deltas = Vec::with_capacity(size * size);
        for _ in 0..size {
            let mut entries = r.i16()?;
            let fallback = if entries == 0 { 0.0 } else { r.f32()? };
            let mut next: i32 = -1;
            for column in 0..size as i32 {
                if entries > 0 && next < column {
                    next = i32::from(r.i16()?);
                    entries -= 1;
                }
                deltas.push(if next == column { r.f32()? } else { fallback });
            }
        }
        if !r.bytes.is_empty() {
            return Err("trailing bytes after the model".into());
        }
        Ok(Model {
            size,
            with_spaces,
            deltas,
        })
    }

    /// P(Zawgyi | Zawgyi or Unicode), or `None` when the text has no Myanmar code point.
    pub(super) fn probability(&self, text: &str) -> Option<f64> {
        let mut previous = 0;
        let mut total = 0.0_f64;
        let mut seen = false;
        let ends = std::iter::once(0);
        for current in text.chars().map(|c| state(c, self.with_spaces)).chain(ends) {
            if previous != 0 || current != 0 {
                total += f64::from(self.deltas[previous * self.size + current]);
                seen = true;
            }
            previous = current;
        }
        // Pz / (Pu + Pz) = 1 / (1 + exp(log Pu − log Pz))
        seen.then(|| 1.0 / (1.0 + total.exp()))
    }
}

/// The probability, with the bundled model.
pub(super) fn probability(text: &str) -> Option<f64> {
    MODEL.probability(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_model_parses_and_damage_is_refused() {
        let model = Model::parse(MODEL_BYTES).unwrap();
        assert_eq!(model.size, 227);
        assert!(Model::parse(&MODEL_BYTES[..MODEL_BYTES.len() - 1]).is_err());
        let mut longer = MODEL_BYTES.to_vec();
        longer.push(0);
        assert!(Model::parse(&longer).is_err());
        assert!(Model::parse(b"BMARKOV UZMODEL ").is_err());
    }

    #[test]
    fn states_follow_the_source() {
        assert_eq!(state('a', true), 0);
        assert_eq!(state('\u{1000}', true), 1);
        assert_eq!(state('\u{1040}', true), 0, "digits share state 0");
        assert_eq!(state('\u{104A}', true), 65);
        assert_eq!(state('\u{200B}', true), 226);
        assert_eq!(state('\u{200B}', false), 0);
    }
}
