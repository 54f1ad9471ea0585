//! Text from documents and file names, made safe for the sink it is written to.
//!
//! A document title or a file name is attacker-chosen: ESC sequences set a terminal's
//! title or clear the screen, BEL rings, U+202E turns `exe.docx` around, a newline in a
//! file name starts a new GitHub workflow command (`::warning ...`) in a CI log, and a
//! control character makes JUnit XML ill-formed (issue 12). Every renderer passes such
//! text through here, so the rule lives in one place:
//!
//! - [`line`]: one line of a terminal or CI log (human headings, concise, github): every
//!   control character (C0, DEL, C1), every line or paragraph separator, and every bidi
//!   control is shown escaped, `\u{1b}`; so are tab, CR and LF (`\t`, `\r`, `\n`).
//! - [`block`]: terminal text that may span lines (human help, quoted values): the same,
//!   but line feeds and tabs are kept.
//! - [`xml`]: the last guard before XML 1.0 (JUnit): characters XML 1.0 forbids, C1
//!   controls and bidi controls shown escaped; tab and LF kept, CR escaped (an XML parser
//!   would turn it into LF). Findings' fields go through [`line`] first in JUnit and SARIF
//!   too, so that only the report's own line breaks remain.

use std::borrow::Cow;

use crate::diag::Finding;

/// Bidi controls: embeddings and overrides (U+202A-U+202E), isolates (U+2066-U+2069), the
/// marks (U+200E, U+200F, U+061C). Shown, never obeyed.
fn is_bidi_control(ch: char) -> bool {
    matches!(
        ch,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Characters that move the cursor or change a terminal when printed raw.
fn is_terminal_unsafe(ch: char) -> bool {
    ch.is_control() || matches!(ch, '\u{2028}' | '\u{2029}') || is_bidi_control(ch)
}

fn is_xml_unsafe(ch: char) -> bool {
    let forbidden = match ch {
        '\t' | '\n' => false,
        '\r' => true,
        '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => true,
        _ => false,
    };
    // C1 controls and DEL are legal XML but still drive some terminals and viewers.
    forbidden || ('\u{7F}'..='\u{9F}').contains(&ch) || is_bidi_control(ch)
}

fn escape_with(text: &str, unsafe_char: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for ch in text.chars() {
        if !unsafe_char(ch) {
            out.push(ch);
            continue;
        }
        match ch {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            other => out.push_str(&format!("\\u{{{:x}}}", u32::from(other))),
        }
    }
    Cow::Owned(out)
}

/// For one line of a terminal or a CI log: nothing can start a new line or a sequence.
pub fn line(text: &str) -> Cow<'_, str> {
    escape_with(text, is_terminal_unsafe)
}

/// For terminal text that may span lines: line feeds and tabs kept, the rest as [`line`];
/// but a line feed before a line that would start with `::` (a workflow command in a CI
/// log, even indented) is shown escaped, so document text never starts one.
pub fn block(text: &str) -> Cow<'_, str> {
    let escaped = escape_with(text, |ch| {
        ch != '\n' && ch != '\t' && is_terminal_unsafe(ch)
    });
    if !escaped
        .lines()
        .skip(1)
        .any(|l| l.trim_start().starts_with("::"))
    {
        return escaped;
    }
    let mut out = String::with_capacity(escaped.len() + 8);
    for (index, line) in escaped.split('\n').enumerate() {
        if index > 0 {
            out.push_str(if line.trim_start().starts_with("::") {
                "\\n"
            } else {
                "\n"
            });
        }
        out.push_str(line);
    }
    Cow::Owned(out)
}

/// For XML 1.0 and SARIF: forbidden characters and bidi controls shown escaped.
pub fn xml(text: &str) -> Cow<'_, str> {
    escape_with(text, is_xml_unsafe)
}

/// A copy of a finding with every text that may come from a document passed through
/// `clean` (message, expected, found, place, accepted reason).
pub fn finding(finding: &Finding, clean: fn(&str) -> Cow<'_, str>) -> Finding {
    let mut out = finding.clone();
    out.message = clean(&finding.message).into_owned();
    out.expected = finding.expected.as_deref().map(|t| clean(t).into_owned());
    out.found = finding.found.as_deref().map(|t| clean(t).into_owned());
    out.location.part = clean(&finding.location.part).into_owned();
    out.location.path = clean(&finding.location.path).into_owned();
    out.location.anchor = clean(&finding.location.anchor).into_owned();
    out.suppressed = finding.suppressed.as_deref().map(|t| clean(t).into_owned());
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_block_never_lets_a_line_start_a_workflow_command() {
        assert_eq!(super::block("a\nb"), "a\nb");
        assert_eq!(
            super::block("inbox/x\n::warning title=X::y\n  ::error::z"),
            "inbox/x\\n::warning title=X::y\\n  ::error::z"
        );
    }

    use super::*;

    const HOSTILE: &str =
        "x\u{1b}]0;owned\u{7}\u{1b}[2J\u{202e}fdp.exe\n::warning title=INJECTED::boom\r\u{9b}31m";

    #[test]
    fn lines_cannot_break_or_drive_a_terminal() {
        let shown = line(HOSTILE);
        assert!(
            shown
                .chars()
                .all(|c| !c.is_control() && !is_bidi_control(c)),
            "{shown}"
        );
        assert!(shown.contains("\\u{1b}]0;owned\\u{7}"), "{shown}");
        assert!(shown.contains("\\u{202e}fdp.exe\\n::warning"), "{shown}");
        assert!(shown.contains("\\u{9b}"), "{shown}");
        assert_eq!(line("plain é 日本"), "plain é 日本");
    }

    #[test]
    fn blocks_keep_line_feeds_only() {
        assert_eq!(block("a\nb\tc\r\u{1b}"), "a\nb\tc\\r\\u{1b}");
    }

    #[test]
    fn xml_text_has_no_forbidden_characters() {
        let shown = xml(HOSTILE);
        assert!(
            shown
                .chars()
                .all(|c| matches!(c, '\t' | '\n' | '\r') || !c.is_control()),
            "{shown}"
        );
        assert!(!shown.contains('\u{202e}'));
        assert!(shown.contains('\n'), "line feeds are legal XML");
    }
}
