//! Text as a reader sees it: white space folded, NBSP as space, dashes and quotes unified.
//! Labels and values are compared only after this, never as raw XML text.

/// Folds what Word shows as the same: NBSP, tabs and line breaks to spaces, runs of white
/// space to one, curly quotes to straight ones, every dash to `-`; trims the ends.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for ch in text.chars() {
        let Some(ch) = fold_char(ch) else {
            continue;
        };
        if ch.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(ch);
    }
    out
}

/// One character as [`fold`] sees it, before white space is collapsed; `None` for the
/// invisible ones.
fn fold_char(ch: char) -> Option<char> {
    Some(match ch {
        '\u{00a0}' | '\u{2007}' | '\u{202f}' | '\u{2009}' | '\u{200a}' | '\u{2002}'
        | '\u{2003}' | '\u{3000}' => ' ',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{fe63}' | '\u{ff0d}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{2032}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2033}' => '"',
        // Soft hyphen and zero-width characters are invisible in Word.
        '\u{00ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => return None,
        other => other,
    })
}

/// The key a label is matched by: folded, lower-case, without a trailing colon.
/// `"Contact :"`, `"CONTACT"` and `"contact:\u{a0}"` all give `"contact"`.
pub fn label_key(text: &str) -> String {
    let folded = fold(text).to_lowercase();
    folded
        .trim_end_matches([':', '\u{ff1a}'])
        .trim_end()
        .to_string()
}

/// True when a value has nothing a reader could see (spaces, NBSP, invisible characters).
pub fn is_blank(text: &str) -> bool {
    // `fold(text).is_empty()`, without building the folded copy: called for every paragraph.
    text.chars()
        .all(|ch| fold_char(ch).is_none_or(char::is_whitespace))
}

/// Words as a reader counts them: white-space separated tokens with a letter or digit.
/// A lone dash or bullet is not a word; `e-mail` and `QKD-based` are one word each.
pub fn word_count(text: &str) -> usize {
    // One pass, no splitting: a token counts once it has a letter or digit.
    let mut words = 0;
    let mut counted = false;
    for c in text.chars() {
        if c.is_whitespace() || c == '\u{00a0}' {
            counted = false;
        } else if !counted && c.is_alphanumeric() {
            counted = true;
            words += 1;
        }
    }
    words
}

/// Shortens a quoted value for messages, on a character boundary.
pub fn clip(text: &str, max_chars: usize) -> String {
    let folded = fold(text);
    if folded.chars().count() <= max_chars {
        return folded;
    }
    let mut out: String = folded.chars().take(max_chars.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_unifies_what_word_shows_alike() {
        assert_eq!(
            fold("  E-meeting,\u{a0}27\u{a0}July \u{2013} 7 August\t2020 "),
            "E-meeting, 27 July - 7 August 2020"
        );
        assert_eq!(fold("\u{201c}Quantum\u{201d}\u{00ad}"), "\"Quantum\"");
        assert_eq!(fold("a\n\nb"), "a b");
    }

    #[test]
    fn labels_match_case_colon_and_space_insensitively() {
        for raw in [
            "Title:",
            "TITLE",
            " title :",
            "Title\u{a0}:\u{a0}",
            "Title\u{ff1a}",
        ] {
            assert_eq!(label_key(raw), "title", "{raw:?}");
        }
        assert_eq!(label_key("Question(s):"), "question(s)");
    }

    #[test]
    fn blank_means_nothing_visible() {
        assert!(is_blank("\u{a0} \t\u{200b}"));
        assert!(!is_blank(" x "));
    }

    #[test]
    fn words_are_counted_as_a_reader_would() {
        assert_eq!(word_count("QKD-based networks - a survey; e-mail"), 5);
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("one\u{a0}two"), 2);
    }

    #[test]
    fn fast_paths_agree_with_their_definitions() {
        // is_blank and word_count avoid allocating; they must say what the plain versions say.
        for text in [
            "",
            " ",
            "\u{a0}\u{2007}\u{3000}",
            "\u{200b}\u{feff}\u{ad}",
            "\u{2013}",
            "\u{201c}\u{201d}",
            " - ",
            "a",
            "\u{200b}x\u{200b}",
            "\t\n\r ",
            "one  two\u{a0}\u{a0}three - 4",
            "\u{85}\u{2028}word\u{2029}",
            "日本語 テキスト",
            "-- ** 42 --",
        ] {
            assert_eq!(is_blank(text), fold(text).is_empty(), "{text:?}");
            let plain = text
                .split(|c: char| c.is_whitespace() || c == '\u{00a0}')
                .filter(|token| token.chars().any(char::is_alphanumeric))
                .count();
            assert_eq!(word_count(text), plain, "{text:?}");
        }
    }

    #[test]
    fn clip_keeps_char_boundaries() {
        assert_eq!(clip("日本語のテキスト", 4), "日本語…");
        assert_eq!(clip("short", 10), "short");
    }
}
