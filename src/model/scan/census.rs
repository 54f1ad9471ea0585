//! Letters counted by script, for language and script checks.

use serde::Serialize;

/// Counts of characters by script, for language and script checks.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ScriptCensus {
    pub latin: usize,
    pub cyrillic: usize,
    pub greek: usize,
    pub arabic: usize,
    pub hebrew: usize,
    pub cjk: usize,
    pub hangul: usize,
    pub devanagari: usize,
    pub thai: usize,
    pub other: usize,
}

impl ScriptCensus {
    pub fn add(&mut self, text: &str) {
        for ch in text.chars() {
            if !ch.is_alphabetic() {
                continue;
            }
            let code = ch as u32;
            match code {
                0x0041..=0x024F | 0x1E00..=0x1EFF => self.latin += 1,
                0x0370..=0x03FF | 0x1F00..=0x1FFF => self.greek += 1,
                0x0400..=0x052F => self.cyrillic += 1,
                0x0590..=0x05FF => self.hebrew += 1,
                0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
                    self.arabic += 1
                }
                0x0900..=0x097F => self.devanagari += 1,
                0x0E00..=0x0E7F => self.thai += 1,
                0x1100..=0x11FF | 0xAC00..=0xD7AF => self.hangul += 1,
                0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => {
                    self.cjk += 1
                }
                _ => self.other += 1,
            }
        }
    }

    pub fn total(&self) -> usize {
        self.latin
            + self.cyrillic
            + self.greek
            + self.arabic
            + self.hebrew
            + self.cjk
            + self.hangul
            + self.devanagari
            + self.thai
            + self.other
    }

    /// The scripts by count, largest first.
    pub fn ranked(&self) -> Vec<(&'static str, usize)> {
        let mut all = vec![
            ("Latin", self.latin),
            ("Cyrillic", self.cyrillic),
            ("Greek", self.greek),
            ("Arabic", self.arabic),
            ("Hebrew", self.hebrew),
            ("CJK", self.cjk),
            ("Hangul", self.hangul),
            ("Devanagari", self.devanagari),
            ("Thai", self.thai),
            ("other", self.other),
        ];
        all.sort_by_key(|entry| std::cmp::Reverse(entry.1));
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_counted_by_script() {
        let mut census = ScriptCensus::default();
        census.add("Key relay: 量子 ключ, 42!");
        assert_eq!((census.latin, census.cjk, census.cyrillic), (8, 2, 4));
        assert_eq!(census.total(), 14);
        assert_eq!(census.ranked().first(), Some(&("Latin", 8)));
    }
}
