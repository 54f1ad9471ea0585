//! The body text language identification reads: a bounded sample spread evenly over the
//! whole body, not its first pages only (a body may open in English and go on in another
//! language, and identification costs in proportion to what it reads).
//!
//! Paragraphs are offered as the scan meets them; every `stride`-th is kept. When the next
//! one kept would pass [`SAMPLE_BYTES`], the stride doubles and every other kept paragraph
//! is let go, so what is kept stays spread over all that was read, and a body that fits is
//! kept whole, as it reads.

use crate::xml::clip_bytes;

/// Bytes of body text kept for language identification.
pub const SAMPLE_BYTES: usize = 8 * 1024;
/// Bytes kept of one paragraph: one long paragraph does not fill the sample alone.
const PARAGRAPH_BYTES: usize = 2 * 1024;

#[derive(Debug)]
pub struct Spread {
    /// The kept paragraphs, each followed by a line break.
    text: String,
    /// (paragraph number, start, end) of each kept paragraph in `text`.
    kept: Vec<(usize, usize, usize)>,
    stride: usize,
    seen: usize,
}

impl Default for Spread {
    fn default() -> Self {
        Spread {
            text: String::new(),
            kept: Vec::new(),
            stride: 1,
            seen: 0,
        }
    }
}

impl Spread {
    /// The next paragraph of the body.
    pub fn offer(&mut self, paragraph: &str) {
        let number = self.seen;
        self.seen += 1;
        if !number.is_multiple_of(self.stride) {
            return;
        }
        let text = clip_bytes(paragraph, PARAGRAPH_BYTES);
        // The first paragraph always fits; for a later one the stride passes its number
        // after a few doublings at most.
        while self.text.len() + text.len() + 1 > SAMPLE_BYTES {
            self.stride = self.stride.saturating_mul(2);
            self.thin();
            if !number.is_multiple_of(self.stride) {
                return;
            }
        }
        let start = self.text.len();
        self.text.push_str(text);
        self.text.push('\n');
        self.kept.push((number, start, self.text.len()));
    }

    /// Lets go of the kept paragraphs the new stride does not keep.
    fn thin(&mut self) {
        let stride = self.stride;
        let mut text = String::with_capacity(self.text.len());
        let mut kept = Vec::with_capacity(self.kept.len() / 2 + 1);
        for &(number, start, end) in &self.kept {
            if number.is_multiple_of(stride)
                && let Some(paragraph) = self.text.get(start..end)
            {
                let at = text.len();
                text.push_str(paragraph);
                kept.push((number, at, text.len()));
            }
        }
        self.text = text;
        self.kept = kept;
    }

    /// The sample: the kept paragraphs in order, one per line.
    pub fn into_text(self) -> String {
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_body_is_kept_whole() {
        let mut spread = Spread::default();
        for paragraph in ["Title", "", "Some text."] {
            spread.offer(paragraph);
        }
        assert_eq!(spread.into_text(), "Title\n\nSome text.\n");
    }

    #[test]
    fn a_long_body_is_sampled_evenly_within_the_bound() {
        let mut spread = Spread::default();
        for n in 0..100_000 {
            spread.offer(&format!("paragraph {n:06} of a long body, with some words"));
        }
        let text = spread.into_text();
        assert!(text.len() <= SAMPLE_BYTES, "{}", text.len());
        let numbers: Vec<usize> = text
            .lines()
            .filter_map(|l| l.get(10..16)?.parse().ok())
            .collect();
        assert!(numbers.len() > 64, "{}", numbers.len());
        assert_eq!(numbers.first(), Some(&0));
        // Spread to the end, at an even step.
        assert!(*numbers.last().unwrap_or(&0) > 90_000, "{numbers:?}");
        let step = numbers[1] - numbers[0];
        assert!(numbers.windows(2).all(|w| w[1] - w[0] == step));
    }

    #[test]
    fn one_huge_paragraph_is_clipped() {
        let mut spread = Spread::default();
        spread.offer(&"x".repeat(1 << 20));
        spread.offer(&"y".repeat(1 << 20));
        let text = spread.into_text();
        assert!(text.len() <= SAMPLE_BYTES);
        assert!(text.starts_with("xx"));
    }
}
