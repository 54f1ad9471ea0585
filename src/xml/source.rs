//! What the XML parser reads from: the part's bytes, decoded from UTF-16 when the part is
//! UTF-16 (XML allows it and some producers write it; quick-xml parses only ASCII-compatible
//! encodings), and cut off when one token grows past [`limits::MAX_TOKEN_BYTES`].
//!
//! The cut-off is what bounds the parser's memory: quick-xml gathers a whole text node or
//! tag into one buffer, so a 200 MB `w:t` (which deflates well under the ratio limit) would
//! otherwise be held whole before any cap on kept text could apply.

use std::fmt;
use std::io::{self, BufRead, Read};

use crate::guard::limits;

/// Raised when one XML token passes [`limits::MAX_TOKEN_BYTES`].
#[derive(Debug)]
pub struct TokenTooLarge;

impl fmt::Display for TokenTooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "one XML text node or tag is longer than {} MiB",
            limits::MAX_TOKEN_BYTES >> 20
        )
    }
}

impl std::error::Error for TokenTooLarge {}

/// Raised when a UTF-16 part holds an unpaired surrogate or an odd number of bytes.
#[derive(Debug)]
pub struct BadUtf16(pub &'static str);

impl fmt::Display for BadUtf16 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the part is declared UTF-16 but is not valid UTF-16: {}",
            self.0
        )
    }
}

impl std::error::Error for BadUtf16 {}

/// Counts the bytes the parser takes for the current token and refuses more than the cap.
pub struct TokenCap<S> {
    inner: S,
    taken: u64,
}

impl<S: BufRead> TokenCap<S> {
    pub fn new(inner: S) -> Self {
        TokenCap { inner, taken: 0 }
    }

    /// A new token starts.
    pub fn reset(&mut self) {
        self.taken = 0;
    }
}

impl<S: BufRead> Read for TokenCap<S> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        if let (Some(to), Some(from)) = (buf.get_mut(..n), available.get(..n)) {
            to.copy_from_slice(from);
        }
        self.consume(n);
        Ok(n)
    }
}

impl<S: BufRead> BufRead for TokenCap<S> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.taken > limits::MAX_TOKEN_BYTES {
            return Err(io::Error::other(TokenTooLarge));
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.taken = self.taken.saturating_add(amount as u64);
        self.inner.consume(amount);
    }
}

/// The part's bytes as UTF-8: passed through, or decoded from UTF-16.
pub enum Source<B> {
    Utf8(B),
    Utf16(Utf16<B>),
}

impl<B: BufRead> Source<B> {
    /// Looks at the first bytes: a UTF-16 byte-order mark, or `<?` / `<` written in UTF-16
    /// without one (XML 1.0 appendix F), means UTF-16.
    pub fn new(mut inner: B) -> Self {
        let Ok(head) = inner.fill_buf() else {
            return Source::Utf8(inner);
        };
        let big_endian = match head {
            [0xFF, 0xFE, ..] | [b'<', 0, ..] => Some(false),
            [0xFE, 0xFF, ..] | [0, b'<', ..] => Some(true),
            _ => None,
        };
        match big_endian {
            Some(big_endian) => Source::Utf16(Utf16 {
                inner,
                big_endian,
                out: Vec::with_capacity(32 * 1024),
                at: 0,
                carry: None,
                high: None,
                started: false,
            }),
            None => Source::Utf8(inner),
        }
    }
}

impl<B: BufRead> Read for Source<B> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        if let (Some(to), Some(from)) = (buf.get_mut(..n), available.get(..n)) {
            to.copy_from_slice(from);
        }
        self.consume(n);
        Ok(n)
    }
}

impl<B: BufRead> BufRead for Source<B> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match self {
            Source::Utf8(inner) => inner.fill_buf(),
            Source::Utf16(decoder) => decoder.fill_buf(),
        }
    }

    fn consume(&mut self, amount: usize) {
        match self {
            Source::Utf8(inner) => inner.consume(amount),
            Source::Utf16(decoder) => decoder.consume(amount),
        }
    }
}

/// A streaming UTF-16 to UTF-8 decoder; the byte-order mark is dropped.
pub struct Utf16<B> {
    inner: B,
    big_endian: bool,
    out: Vec<u8>,
    at: usize,
    /// An odd byte left from the last chunk.
    carry: Option<u8>,
    /// A high surrogate waiting for its low half.
    high: Option<u16>,
    started: bool,
}

impl<B: BufRead> Utf16<B> {
    fn unit(&self, pair: [u8; 2]) -> u16 {
        if self.big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    }

    fn push_unit(&mut self, unit: u16) -> io::Result<()> {
        let code = match (self.high.take(), unit) {
            (None, 0xD800..=0xDBFF) => {
                self.high = Some(unit);
                return Ok(());
            }
            (None, 0xDC00..=0xDFFF) | (Some(_), 0x0000..=0xDBFF | 0xE000..=0xFFFF) => {
                return Err(io::Error::other(BadUtf16("an unpaired surrogate")));
            }
            (Some(high), low) => {
                0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(low) - 0xDC00)
            }
            (None, unit) => u32::from(unit),
        };
        if !self.started {
            self.started = true;
            if code == 0xFEFF {
                return Ok(());
            }
        }
        let ch = char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER);
        let mut bytes = [0u8; 4];
        self.out
            .extend_from_slice(ch.encode_utf8(&mut bytes).as_bytes());
        Ok(())
    }

    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.at >= self.out.len() {
            self.out.clear();
            self.at = 0;
            let chunk = self.inner.fill_buf()?.to_vec();
            if chunk.is_empty() {
                if self.carry.is_some() {
                    return Err(io::Error::other(BadUtf16("an odd number of bytes")));
                }
                if self.high.is_some() {
                    return Err(io::Error::other(BadUtf16("an unpaired surrogate")));
                }
                return Ok(&[]);
            }
            self.inner.consume(chunk.len());
            let mut bytes = chunk.as_slice();
            if let Some(first) = self.carry.take()
                && let Some((&second, rest)) = bytes.split_first()
            {
                let unit = self.unit([first, second]);
                self.push_unit(unit)?;
                bytes = rest;
            }
            let mut pairs = bytes.chunks_exact(2);
            for pair in pairs.by_ref() {
                if let [a, b] = pair {
                    let unit = self.unit([*a, *b]);
                    self.push_unit(unit)?;
                }
            }
            self.carry = pairs.remainder().first().copied();
        }
        Ok(self.out.get(self.at..).unwrap_or_default())
    }

    fn consume(&mut self, amount: usize) {
        self.at = self.at.saturating_add(amount).min(self.out.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> io::Result<String> {
        let mut out = String::new();
        // A tiny buffer, so that pairs and surrogates are split across chunks.
        Source::new(io::BufReader::with_capacity(3, bytes)).read_to_string(&mut out)?;
        Ok(out)
    }

    #[test]
    fn utf16_with_and_without_bom_decodes() {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>é 𝄞</a>";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le).unwrap(), text);
        assert_eq!(decode(&be).unwrap(), text);
        let with_bom: Vec<u8> = [0xFF, 0xFE].into_iter().chain(le).collect();
        assert_eq!(decode(&with_bom).unwrap(), text);
        assert_eq!(decode("<a>plain</a>".as_bytes()).unwrap(), "<a>plain</a>");
    }

    #[test]
    fn broken_utf16_is_an_error() {
        assert!(decode(&[0xFF, 0xFE, b'<', 0, 0x00, 0xD8, b'a', 0]).is_err());
        assert!(decode(&[0xFF, 0xFE, b'<', 0, b'a']).is_err());
    }

    #[test]
    fn a_token_past_the_cap_is_refused() {
        let big = vec![b'x'; usize::try_from(limits::MAX_TOKEN_BYTES + 2).expect("fits")];
        let mut capped = TokenCap::new(io::BufReader::new(big.as_slice()));
        let mut sink = Vec::new();
        let error = capped.read_to_end(&mut sink).unwrap_err();
        assert!(error.to_string().contains("MiB"), "{error}");
    }
}
