//! Issue 12: text from documents and file names cannot drive a terminal, inject a CI
//! workflow command or break XML, in any report format. Hostile file names (ESC, BEL, a
//! newline followed by a GitHub workflow command, U+202E) and hostile titles (a C1 CSI,
//! bidi overrides, a line break followed by a workflow command) go through every format.

mod support;

use fgcheck::check::{self, FileReport};
use fgcheck::report::{self, Format, Run};
use support::*;

const INJECTED: &str = "::warning title=INJECTED::pwned";

fn hostile_run() -> Run {
    let data = fgcheck::profile::RuleData::builtin().expect("rule data");
    let settings = check::Settings::defaults(&data).expect("defaults");
    // The title holds what XML allows: C1 CSI, bidi overrides and isolates, a line break.
    let title = p_runs(&format!(
        "{}<w:r><w:br/></w:r>{}",
        run("Title \u{9b}31m\u{202e}txt.exe\u{2066}"),
        run(INJECTED)
    ));
    let names = [
        "inbox/a\u{1b}]0;owned\u{7}\u{1b}[2J.docx".to_string(),
        format!("inbox/x\n{INJECTED}\r\n\u{202e}b.docx"),
    ];
    // Two numbers, one title: a batch finding quotes the title and both names.
    let mut files: Vec<FileReport> = names
        .iter()
        .zip(["QIT4N-I-012", "QIT4N-I-013"])
        .map(|(name, number)| {
            let mut spec = Spec::template().set_row("Title:", title.clone());
            spec.number = p_styled("Docnumber", number);
            check::check_bytes(&spec.build(), name, &settings)
        })
        .collect();
    // An unreadable file with a hostile name too.
    files.push(check::check_bytes(
        b"not a zip",
        "inbox/\u{1b}[31mred\n.docx",
        &settings,
    ));
    let run = fgcheck::run::Plan::new(settings).run_checked(files);
    assert!(
        run.batch.iter().any(|f| f.rule.slug == "duplicate-title"),
        "the title must reach the reports through a batch finding"
    );
    run
}

fn render(run: &Run, format: Format) -> String {
    report::render(
        run,
        format,
        report::human::Style {
            color: false,
            width: 100,
        },
    )
}

/// No character that drives a terminal or reorders text.
fn assert_inert(format: Format, text: &str) {
    for ch in text.chars() {
        let bidi = matches!(ch, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        let control = ch.is_control() && ch != '\n';
        assert!(
            !bidi && !control,
            "{format:?} output holds U+{:04X}:\n{text}",
            u32::from(ch)
        );
    }
}

#[test]
fn terminal_formats_show_hostile_text_escaped() {
    let run = hostile_run();
    for format in [Format::Human, Format::Concise, Format::Github] {
        let text = render(&run, format);
        assert_inert(format, &text);
        assert!(
            text.contains("\\u{1b}"),
            "{format:?} shows ESC escaped:\n{text}"
        );
        assert!(
            text.contains("\\u{202e}"),
            "{format:?} shows U+202E escaped:\n{text}"
        );
        for line in text.lines() {
            assert!(
                !line.trim_start().starts_with("::warning title=INJECTED"),
                "{format:?} let a document start a line:\n{text}"
            );
        }
    }
}

#[test]
fn concise_and_github_give_one_line_per_finding() {
    let run = hostile_run();
    let findings = report::all_findings(&run).len();
    let concise = render(&run, Format::Concise);
    // One line per finding, then the summary line.
    assert_eq!(concise.lines().count(), findings + 1, "{concise}");
    let github = render(&run, Format::Github);
    let commands: Vec<&str> = github.lines().filter(|l| l.starts_with("::")).collect();
    let unsuppressed = report::all_findings(&run)
        .iter()
        .filter(|(_, f, _)| f.suppressed.is_none())
        .count();
    assert_eq!(commands.len(), unsuppressed, "{github}");
    // Every workflow command is one of ours: error, warning or notice with our title.
    for command in commands {
        assert!(
            command.starts_with("::error ")
                || command.starts_with("::warning ")
                || command.starts_with("::notice "),
            "{command}"
        );
        assert!(command.contains("title=FG"), "{command}");
    }
    assert_eq!(github.lines().count(), unsuppressed + 1, "{github}");
}

#[test]
fn junit_stays_well_formed_xml() {
    let run = hostile_run();
    let text = render(&run, Format::Junit);
    assert_inert(Format::Junit, &text);
    let mut reader = quick_xml::Reader::from_str(&text);
    let mut cases = 0;
    loop {
        match reader.read_event().expect("well-formed JUnit") {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)
                if e.name().as_ref() == "testcase" =>
            {
                cases += 1;
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert!(cases > 0);
}

#[test]
fn json_formats_stay_valid_and_sarif_gitlab_show_no_raw_controls() {
    let run = hostile_run();
    for format in [Format::Json, Format::Sarif, Format::Gitlab] {
        let text = render(&run, format);
        let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        if format != Format::Json {
            // Every string a viewer shows is inert once decoded.
            fn walk(value: &serde_json::Value, format: Format) {
                match value {
                    serde_json::Value::String(s) => assert_inert(format, s),
                    serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, format)),
                    serde_json::Value::Object(map) => map.values().for_each(|v| walk(v, format)),
                    _ => {}
                }
            }
            walk(&value, format);
        }
    }
    for line in render(&run, Format::Jsonl).lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("valid JSON line");
    }
}
