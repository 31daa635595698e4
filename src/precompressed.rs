//! Bodies compressed once and kept: cached pages and static assets are sent in the encoding
//! the browser prefers without compressing anything per request.

use std::io::Write;

use actix_web::HttpRequest;
use actix_web::http::header::{AcceptEncoding, ContentEncoding, Encoding, Header};
use actix_web::web::Bytes;

/// Below this, compressing saves less than the headers it costs.
const WORTH_COMPRESSING: usize = 1024;

/// gzip for every browser, brotli for those that take it (about a fifth smaller on HTML).
pub struct Encoded {
    pub gzip: Option<Bytes>,
    pub brotli: Option<Bytes>,
}

impl Encoded {
    pub fn of(body: &[u8]) -> Encoded {
        if body.len() < WORTH_COMPRESSING {
            return Encoded {
                gzip: None,
                brotli: None,
            };
        }
        Encoded {
            gzip: gzip(body).map(Bytes::from),
            brotli: brotli(body).map(Bytes::from),
        }
    }

    pub fn byte_size(&self) -> usize {
        self.gzip.as_ref().map_or(0, Bytes::len) + self.brotli.as_ref().map_or(0, Bytes::len)
    }

    /// The encoded body `req` prefers, or `None` for the body as it is.
    pub fn for_request(&self, req: &HttpRequest) -> Option<(ContentEncoding, Bytes)> {
        let accepted = AcceptEncoding::parse(req).ok()?;
        let mut offered = vec![Encoding::identity()];
        if self.brotli.is_some() {
            offered.push(Encoding::brotli());
        }
        if self.gzip.is_some() {
            offered.push(Encoding::gzip());
        }
        let chosen = accepted.negotiate(offered.iter())?;
        if chosen == Encoding::brotli() {
            Some((ContentEncoding::Brotli, self.brotli.clone()?))
        } else if chosen == Encoding::gzip() {
            Some((ContentEncoding::Gzip, self.gzip.clone()?))
        } else {
            None
        }
    }
}

fn gzip(body: &[u8]) -> Option<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(body).ok()?;
    encoder.finish().ok()
}

fn brotli(body: &[u8]) -> Option<Vec<u8>> {
    // Quality 6 compresses a page in about a millisecond, once per change; 11 would take
    // tens of milliseconds for a few per cent.
    let params = brotli::enc::BrotliEncoderParams {
        quality: 6,
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &body[..], &mut out, &params).ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn both_encodings_round_trip() {
        let body = "<p>ယာယီ အလုပ်သမား</p>\n".repeat(200);
        let encoded = Encoded::of(body.as_bytes());
        let mut unzipped = String::new();
        flate2::read::GzDecoder::new(&encoded.gzip.unwrap()[..])
            .read_to_string(&mut unzipped)
            .unwrap();
        assert_eq!(unzipped, body);
        let mut unbrotlied = Vec::new();
        brotli::BrotliDecompress(&mut &encoded.brotli.unwrap()[..], &mut unbrotlied).unwrap();
        assert_eq!(unbrotlied, body.as_bytes());
    }

    #[test]
    fn small_bodies_stay_as_they_are() {
        let encoded = Encoded::of(b"User-agent: *\n");
        assert!(encoded.gzip.is_none() && encoded.brotli.is_none());
    }
}
