//! Per-rule fixtures, as ruff keeps them: every rule names the inputs it must fail and the
//! look-alikes it must stay silent on (one step from failing: 'Original language: English'
//! for `original-not-english`, not the conforming template). Each rule's fixtures are
//! checked with that rule alone selected (`fgcheck check --select SLUG`), and its human
//! report (no colour, 100 columns) is one snapshot, `tests/snapshots/rule_fixtures__SLUG.snap`.
//!
//! Document rules use the bundled samples (`tests/samples.rs`); rules that a `.docx` alone
//! cannot trigger (the package reader's, the deadline's, the batch's, the configuration's)
//! use files built here, in a temporary folder.
//!
//! Snapshots: `INSTA_UPDATE=always cargo test --test rule_fixtures`, then review the diffs.

mod support;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use fgcheck::rules::RuleId;
use serde_json::Value;
use support::*;

/// "Now" for every run: the morning after the 5th meeting's input deadline.
const AS_OF: &str = "2020-07-23T09:00:00+02:00";

/// One input of a fixture run: a bundled sample, or a file built by the test.
enum Input {
    Sample(&'static str),
    Built(&'static str, Vec<u8>),
    /// A symbolic link to a sample, or (`None`) to nothing.
    Link(&'static str, Option<&'static str>),
}

impl Input {
    fn name(&self) -> &'static str {
        match self {
            Input::Sample(name) | Input::Built(name, _) | Input::Link(name, _) => name,
        }
    }
}

/// One `fgcheck check` run: the inputs that must fail the rule, the look-alikes that must
/// not, and what else the run needs (a receipts CSV, a configuration file, options).
#[derive(Default)]
struct Case {
    fail: Vec<Input>,
    pass: Vec<Input>,
    /// Files written beside the inputs: (name, text).
    files: Vec<(&'static str, String)>,
    args: Vec<&'static str>,
}

fn samples(fail: &[&'static str], pass: &[&'static str]) -> Vec<Case> {
    vec![Case {
        fail: fail.iter().map(|n| Input::Sample(n)).collect(),
        pass: pass.iter().map(|n| Input::Sample(n)).collect(),
        ..Case::default()
    }]
}

/// Every rule's fixtures. A rule without an entry fails `every_rule_has_fixtures`.
fn fixtures(id: RuleId) -> Vec<Case> {
    use RuleId::*;
    match id {
        // ---------------------------------------------------------------- package
        NotOoxml => vec![Case {
            fail: vec![
                Input::Sample("fail-not-a-docx.docx"),
                Input::Built("fail-empty.docx", Vec::new()),
                Input::Built("fail-pdf-named-docx.docx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec()),
            ],
            // Strict Open XML uses other namespaces, and the main part may have another name.
            pass: vec![
                Input::Sample("pass-strict-ooxml.docx"),
                Input::Sample("pass-document2-part.docx"),
            ],
            ..Case::default()
        }],
        LegacyDoc => vec![Case {
            fail: vec![Input::Built("fail-word-97.docx", word_97(false))],
            // A Word 97 file and an encrypted .docx are both OLE containers; only the
            // first is a legacy document.
            pass: vec![Input::Built("pass-encrypted-docx.docx", encrypted_docx())],
            ..Case::default()
        }],
        Encrypted => vec![Case {
            fail: vec![Input::Built("fail-encrypted-docx.docx", encrypted_docx())],
            pass: vec![Input::Sample("pass-protection-not-enforced.docx")],
            ..Case::default()
        }],
        CorruptZip => vec![Case {
            fail: vec![
                Input::Built("fail-truncated.docx", truncated()),
                Input::Built("fail-path-traversal.docx", with_entry("../../evil.xml", b"<x/>".to_vec())),
            ],
            // Stored (not deflated) entries and an extra unknown entry are fine.
            pass: vec![
                Input::Built("pass-stored-entries.docx", zip_stored(&template_entries())),
                Input::Built("pass-extra-entry.docx", with_entry("customXml/item9.xml", b"<x/>".to_vec())),
            ],
            ..Case::default()
        }],
        MissingDocumentPart => vec![Case {
            fail: vec![
                Input::Built("fail-no-document-xml.docx", without_entry("word/document.xml")),
                Input::Built("fail-no-package-rels.docx", without_entry("_rels/.rels")),
            ],
            pass: vec![Input::Sample("pass-document2-part.docx")],
            ..Case::default()
        }],
        CorruptXml => vec![Case {
            fail: vec![Input::Built(
                "fail-unclosed-element.docx",
                document_xml(&format!(r#"<w:document xmlns:w="{W_NS}"><w:body></w:document>"#)),
            )],
            // An entity XML predefines is well-formed.
            pass: vec![Input::Built(
                "pass-predefined-entity.docx",
                document_xml(&format!(
                    r#"<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>R&amp;D &lt;key&gt;</w:t></w:r></w:p></w:body></w:document>"#
                )),
            )],
            ..Case::default()
        }],
        ZipBomb => vec![Case {
            fail: vec![Input::Built("fail-deflate-ratio.docx", zip_bomb())],
            // Large and repetitive, but within the ratio: a long ordinary document.
            pass: vec![Input::Built("pass-long-document.docx", long_document())],
            ..Case::default()
        }],
        XmlBomb => vec![Case {
            fail: vec![Input::Built(
                "fail-external-entity.docx",
                document_xml(&format!(
                    r#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"#
                )),
            )],
            // A document about DOCTYPEs: the declaration is text, not markup.
            pass: vec![Input::Built(
                "pass-doctype-as-text.docx",
                document_xml(&format!(
                    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>Reject &lt;!DOCTYPE x [&lt;!ENTITY a "b"&gt;]&gt; in parts.</w:t></w:r></w:p></w:body></w:document>"#
                )),
            )],
            ..Case::default()
        }],
        TooDeep => vec![Case {
            fail: vec![Input::Built("fail-100000-levels.docx", nested(100_000))],
            // Content controls nested 200 deep (400 elements): odd, but under the limit.
            pass: vec![Input::Built("pass-200-nested-controls.docx", nested(200))],
            ..Case::default()
        }],
        // A name whose file is gone by the time it is read: a dangling link (a test run as
        // root reads any file whatever its permissions). The look-alike link resolves.
        IoError => vec![Case {
            fail: vec![Input::Link("fail-link-to-nothing.docx", None)],
            pass: vec![Input::Link("pass-link-to-a-document.docx", Some("fail-comment.docx"))],
            ..Case::default()
        }],
        TooSlow => vec![
            Case {
                fail: vec![Input::Built("fail-long-document.docx", long_document())],
                args: vec!["--timeout-per-file", "0.000001"],
                ..Case::default()
            },
            Case {
                // The same document within the default budget.
                pass: vec![Input::Built("pass-long-document.docx", long_document())],
                ..Case::default()
            },
        ],
        InternalError => Vec::new(),
        WordLockFile => vec![Case {
            fail: vec![Input::Built("~$T4N-I-012.docx", lock_file())],
            // A document whose name merely starts with a tilde.
            pass: vec![Input::Built("~draft.docx", Spec::template().build())],
            ..Case::default()
        }],
        // ---------------------------------------------------------------- header
        NoHeaderTable => samples(
            &[
                "fail-no-header-table.docx",
                "fail-table-with-one-label.docx",
                "fail-text-before-header.docx",
                "fail-property-table-not-a-cover.docx",
            ],
            &["pass-labels-spelled-differently.docx", "pass-place-dates-in-own-row.docx"],
        ),
        BadDocNumber => samples(
            &["fail-bad-doc-number.docx"],
            &["pass-revision-number.docx", "pass-placeholder-number.docx"],
        ),
        PlaceholderDocNumber => samples(
            &["pass-placeholder-number.docx", "fail-other-group-cover.docx"],
            &["pass-revision-number.docx"],
        ),
        WrongGroup => samples(
            &["fail-wrong-group.docx", "fail-group-cell-content-control.docx"],
            &[
                "pass-full-group-name.docx",
                "pass-purpose-with-more-words.docx",
                "pass-group-cell-content-control.docx",
            ],
        ),
        OriginalNotEnglish => samples(
            &["fail-original-not-english.docx"],
            &["pass-original-language-label.docx"],
        ),
        WrongStudyPeriod => samples(
            &["fail-wrong-study-period.docx"],
            &["pass-study-period-spelled-differently.docx"],
        ),
        WrongMeetingPlaceDate => samples(
            &["fail-wrong-place-date.docx"],
            &[
                "pass-partial-dates.docx",
                "pass-place-dates-in-own-row.docx",
                "pass-content-controls-split-runs.docx",
            ],
        ),
        EmptySource => samples(
            &["fail-empty-source.docx"],
            &["pass-source-in-content-control.docx"],
        ),
        MissingTitle => samples(
            &["fail-missing-title.docx", "fail-title-placeholder.docx"],
            &["pass-fields-and-deleted-text-free.docx", "pass-content-controls-split-runs.docx"],
        ),
        BadPurpose => samples(
            &["fail-bad-purpose.docx"],
            &["pass-purpose-with-more-words.docx"],
        ),
        MissingContactEmail => samples(
            &["fail-missing-contact-email.docx"],
            &["pass-two-contacts-merged-label.docx"],
        ),
        InvalidEmail => samples(
            &["fail-invalid-email.docx"],
            &["pass-two-contacts-merged-label.docx", "pass-labels-spelled-differently.docx"],
        ),
        MissingKeywords => samples(
            &["fail-missing-keywords.docx"],
            &["pass-keywords-and-abstract-in-content-controls.docx"],
        ),
        MissingAbstract => samples(
            &["fail-missing-abstract.docx"],
            &["pass-keywords-and-abstract-in-content-controls.docx"],
        ),
        AbstractTooLong => samples(
            &["fail-abstract-too-long.docx"],
            &["pass-abstract-at-the-limit.docx"],
        ),
        LabelOrder => samples(
            &["fail-label-order.docx"],
            &["pass-labels-spelled-differently.docx", "pass-place-dates-in-own-row.docx"],
        ),
        SwappedNumberAndGroup => samples(
            &["fail-swapped-number-and-group.docx"],
            &["pass-docnumber-styled-top-lines.docx"],
        ),
        // ---------------------------------------------------------------- hygiene
        TrackedChanges => samples(
            &["fail-tracked-insertion.docx", "fail-tracked-change-in-footnote.docx"],
            &["pass-track-changes-on-no-marks.docx"],
        ),
        Comments => samples(&["fail-comment.docx"], &["pass-empty-comments-part.docx"]),
        HiddenText => samples(
            &[
                "fail-hidden-run.docx",
                "fail-hidden-paragraph-style.docx",
                "fail-hidden-in-page-header.docx",
            ],
            &["pass-hidden-paragraph-mark-web-hidden.docx"],
        ),
        Macro => samples(
            &["fail-macro-enabled-renamed.docx", "fail-vba-part-in-docx.docx"],
            &["pass-made-from-normal-dotm.docx"],
        ),
        ExternalTemplate => samples(
            &["fail-template-on-server.docx", "fail-template-on-web.docx"],
            &["pass-template-on-local-disk.docx", "pass-template-mac-local.docx"],
        ),
        ExternalLink => samples(
            &[
                "fail-dde-field.docx",
                "fail-linked-picture.docx",
                "fail-linked-logo-in-page-header.docx",
                "fail-includepicture-field.docx",
                "fail-linked-ole-object.docx",
            ],
            &["pass-hyperlinks.docx", "pass-picture.docx"],
        ),
        EmbeddedObject => samples(
            &["fail-embedded-excel.docx", "fail-embedded-package.docx"],
            &["pass-equation-object.docx", "pass-picture.docx"],
        ),
        Protected => samples(
            &["fail-protected-read-only.docx"],
            &["pass-protection-not-enforced.docx"],
        ),
        NonEnglishText => samples(
            &["fail-body-in-french.docx", "fail-body-in-russian.docx"],
            &["pass-english-with-foreign-names.docx"],
        ),
        PersonalMetadata => samples(
            &[
                "fail-author-email.docx",
                "fail-modified-by-login.docx",
                "fail-email-in-custom-property.docx",
            ],
            &["pass-custom-properties-without-identifiers.docx"],
        ),
        StaleProperties => samples(
            &["fail-stale-properties.docx"],
            &["pass-properties-truncated-title.docx"],
        ),
        // ---------------------------------------------------------------- layout
        NotA4 => samples(
            &["fail-letter-size.docx", "fail-us-letter-in-points.docx"],
            &[
                "pass-a4-landscape.docx",
                "pass-a4-rounded.docx",
                "pass-a4-in-points-and-cm.docx",
                "pass-no-page-size.docx",
            ],
        ),
        Margins => samples(&["fail-margins-one-inch.docx"], &["pass-margins-rounded.docx"]),
        NormalFont => samples(
            &["fail-normal-calibri-theme.docx"],
            &["pass-normal-without-default-flag.docx"],
        ),
        MissingDocnumberStyle => samples(
            &["fail-no-docnumber-style.docx"],
            &["pass-docnumber-style-localised-id.docx"],
        ),
        MissingRunningHeader => samples(
            &[
                "fail-no-page-header.docx",
                "fail-header-without-page.docx",
                "fail-even-pages-without-page-number.docx",
            ],
            &[
                "pass-header-inherited-fldsimple.docx",
                "pass-even-page-header-with-page-number.docx",
            ],
        ),
        // ---------------------------------------------------------------- deadline
        Late => vec![Case {
            fail: vec![
                Input::Built("fail-received-half-past-midnight.docx", numbered(21)),
                Input::Sample("fail-created-after-deadline.docx"),
            ],
            // Received in the last second of the deadline day, Geneva time.
            pass: vec![Input::Built("pass-received-last-second.docx", numbered(22))],
            files: vec![(
                "receipts.csv",
                "file,received_at\n\
                 inputs/fail-received-half-past-midnight.docx,2020-07-23T00:30:00+02:00\n\
                 inputs/pass-received-last-second.docx,2020-07-22T23:59:59+02:00\n"
                    .into(),
            )],
            args: vec!["--receipts", "receipts.csv"],
        }],
        OnTime => vec![Case {
            fail: vec![Input::Built("fail-receipt-on-time.docx", numbered(23))],
            // On time by its last-saved time, with no receipt: not reported without
            // --deadline-report.
            pass: vec![Input::Built("pass-saved-on-time-no-receipt.docx", numbered(24))],
            files: vec![(
                "receipts.csv",
                "file,received_at\ninputs/fail-receipt-on-time.docx,2020-07-20T09:15:00Z\n".into(),
            )],
            args: vec!["--receipts", "receipts.csv"],
        }],
        DeadlineUnknown => vec![Case {
            fail: vec![Input::Sample("pass-created-before-deadline-only.docx")],
            // The same kind of document, with a receipt.
            pass: vec![Input::Built("pass-no-modified-with-receipt.docx", sample("pass-created-before-deadline-only.docx"))],
            files: vec![(
                "receipts.csv",
                "file,received_at\ninputs/pass-no-modified-with-receipt.docx,2020-07-21T10:00:00Z\n"
                    .into(),
            )],
            args: vec!["--receipts", "receipts.csv"],
        }],
        UnmatchedReceipt => vec![Case {
            fail: vec![],
            // Named by its bare file name, which one input has: matched.
            pass: vec![Input::Built("pass-named-by-file-name.docx", numbered(25))],
            files: vec![(
                "receipts.csv",
                "file,received_at\n\
                 pass-named-by-file-name.docx,2020-07-21T10:00:00Z\n\
                 inputs/QIT4N-I-013.docx,2020-07-22T10:00:00Z\n"
                    .into(),
            )],
            args: vec!["--receipts", "receipts.csv"],
        }],
        // ---------------------------------------------------------------- batch
        DuplicateDocNumber => vec![Case {
            fail: vec![
                Input::Built("fail-first-012.docx", Spec::template().build()),
                Input::Built("fail-second-012.docx", titled("Another title")),
            ],
            // The revision of the same number, and the placeholder twice.
            pass: vec![
                Input::Sample("pass-revision-number.docx"),
                Input::Built("pass-placeholder-a.docx", placeholder("First title")),
                Input::Built("pass-placeholder-b.docx", placeholder("Second title")),
            ],
            ..Case::default()
        }],
        DuplicateTitle => vec![
            Case {
                fail: vec![
                    Input::Built("fail-title-under-012.docx", Spec::template().build()),
                    Input::Built("fail-same-title-under-013.docx", numbered_only(13)),
                ],
                ..Case::default()
            },
            Case {
                // A revision keeps its base's title.
                pass: vec![
                    Input::Built("pass-base-012.docx", Spec::template().build()),
                    Input::Sample("pass-revision-number.docx"),
                ],
                ..Case::default()
            },
        ],
        RevisionWithoutBase => vec![
            Case {
                fail: vec![Input::Sample("pass-revision-number.docx")],
                ..Case::default()
            },
            Case {
                // The same revision, with its base in the batch.
                pass: vec![
                    Input::Sample("pass-revision-number.docx"),
                    Input::Built("pass-base-012.docx", Spec::template().build()),
                ],
                ..Case::default()
            },
        ],
        // ---------------------------------------------------------------- configuration
        // The failing "input" is the configuration's first entry (a suppression that can
        // match nothing); the look-alike is the second, for a rule that did not run (only
        // this rule is selected), which cannot have matched and is not stale.
        UnusedSuppression => vec![Case {
            fail: vec![],
            pass: vec![Input::Sample("fail-comment.docx")],
            files: vec![(
                "fgcheck.toml",
                "[[suppress]]\nrule = \"unused-suppression\"\ndocuments = \"inputs/nothing-*\"\nreason = \"matches no input\"\n\n\
                 [[suppress]]\nrule = \"comments\"\ndocuments = \"inputs/fail-comment.docx\"\nreason = \"the comments are answered in the meeting\"\n"
                    .into(),
            )],
            args: vec!["--config", "fgcheck.toml"],
        }],
    }
}

/// Rules with no fixture, and why: they need fgcheck itself to fail.
const NO_FIXTURE: &[(RuleId, &str)] = &[(
    RuleId::InternalError,
    "raised only when fgcheck panics on a file (a bug); tests/hostile.rs cannot provoke one by design",
)];

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(manifest().join("samples").join(name))
        .expect("sample (FGCHECK_BLESS=1 cargo test --test samples)")
}

fn without_entry(name: &str) -> Vec<u8> {
    let entries: Vec<_> = template_entries()
        .into_iter()
        .filter(|(n, _)| n != name)
        .collect();
    zip_entries(&entries)
}

fn truncated() -> Vec<u8> {
    let bytes = Spec::template().build();
    bytes[..bytes.len() / 2].to_vec()
}

fn nested(depth: usize) -> Vec<u8> {
    document_xml(&format!(
        r#"<w:document xmlns:w="{W_NS}"><w:body>{}<w:p/>{}</w:body></w:document>"#,
        "<w:sdt><w:sdtContent>".repeat(depth),
        "</w:sdtContent></w:sdt>".repeat(depth)
    ))
}

fn zip_bomb() -> Vec<u8> {
    // 64 MiB of spaces inside a valid element deflates about 1000:1.
    let mut xml = format!(r#"<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>"#).into_bytes();
    xml.resize(xml.len() + (64 << 20), b' ');
    xml.extend_from_slice(b"</w:t></w:r></w:p></w:body></w:document>");
    let mut entries = template_entries();
    for entry in &mut entries {
        if entry.0 == "word/document.xml" {
            entry.1 = xml.clone();
        }
    }
    zip_entries(&entries)
}

/// The template with 3,000 different body paragraphs.
fn long_document() -> Vec<u8> {
    let mut s = Spec::template();
    s.body = (0..3000)
        .map(|i| {
            p(&format!(
                "Paragraph {i}: the key manager relays key {i} to node {}.",
                i * 7 % 13
            ))
        })
        .collect();
    s.build()
}

fn word_97(encrypted: bool) -> Vec<u8> {
    let mut fib = vec![0u8; 64];
    fib[0] = 0xEC;
    fib[1] = 0xA5;
    if encrypted {
        fib[11] = 0x01;
    }
    cfb_with_streams(&[("/WordDocument", &fib)])
}

fn encrypted_docx() -> Vec<u8> {
    cfb_with_streams(&[
        ("/EncryptionInfo", &[4, 0, 4, 0]),
        ("/EncryptedPackage", &[0; 16]),
    ])
}

/// Word's owner file: a length byte, the owner's name, padding to 162 bytes.
fn lock_file() -> Vec<u8> {
    let name = b"Alice Example";
    let mut bytes = vec![u8::try_from(name.len()).expect("a short name")];
    bytes.extend_from_slice(name);
    bytes.resize(162, 0);
    bytes
}

/// The template under another number (and the same title).
fn numbered_only(n: u32) -> Vec<u8> {
    let mut s = Spec::template();
    s.number = p_styled("Docnumber", &format!("QIT4N-I-{n:03}"));
    s.build()
}

/// The template under another number and its own title.
fn numbered(n: u32) -> Vec<u8> {
    let mut s = Spec::template().set_row("Title:", p(&format!("Contribution {n}")));
    s.number = p_styled("Docnumber", &format!("QIT4N-I-{n:03}"));
    s.build()
}

fn titled(title: &str) -> Vec<u8> {
    Spec::template().set_row("Title:", p(title)).build()
}

fn placeholder(title: &str) -> Vec<u8> {
    let mut s = Spec::template().set_row("Title:", p(title));
    s.number = p_styled("Docnumber", "QIT4N-I-xxx");
    s.build()
}

/// Writes a case's inputs under `dir/inputs/` and its files in `dir`; the input paths, in
/// order (failing ones first).
fn write_case(dir: &Path, case: &Case) -> Vec<String> {
    let inputs = dir.join("inputs");
    std::fs::create_dir_all(&inputs).expect("inputs");
    let mut paths = Vec::new();
    for input in case.fail.iter().chain(&case.pass) {
        let path = inputs.join(input.name());
        match input {
            Input::Sample(name) => std::fs::write(&path, sample(name)).expect("write"),
            Input::Link(_, target) => {
                let target = match target {
                    Some(name) => manifest().join("samples").join(name),
                    None => inputs.join("gone.docx"),
                };
                std::os::unix::fs::symlink(target, &path).expect("link");
            }
            Input::Built(_, bytes) => std::fs::write(&path, bytes).expect("write"),
        }
        paths.push(format!("inputs/{}", input.name()));
    }
    for (name, text) in &case.files {
        std::fs::write(dir.join(name), text).expect("write");
    }
    paths
}

fn fgcheck(dir: &Path, id: RuleId, case: &Case, format: &str) -> (String, String) {
    let mut args: Vec<String> = vec![
        "check".into(),
        "--select".into(),
        id.slug().into(),
        "--meeting".into(),
        "fg-qit4n-5".into(),
        "--as-of".into(),
        AS_OF.into(),
        "--color".into(),
        "never".into(),
        "--exit-zero".into(),
        "--format".into(),
        format.into(),
    ];
    if !case.args.contains(&"--config") {
        args.push("--no-config".into());
    }
    args.extend(case.args.iter().map(|a| a.to_string()));
    // The folder, as a secretariat checks an inbox: a name that vanished before it was read
    // (io-error) can only come from a folder listing.
    args.push("inputs".into());
    let output = Command::cargo_bin("fgcheck")
        .expect("binary")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(&args)
        .output()
        .expect("runs");
    let shown: Vec<String> = args
        .iter()
        .filter(|a| !matches!(a.as_str(), "--format" | "human"))
        .map(|a| {
            if a.contains(' ') {
                format!("{a:?}")
            } else {
                a.clone()
            }
        })
        .collect();
    (
        format!("$ fgcheck {}\n", shown.join(" ")),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

/// Which inputs a JSON report flags with the rule (batch findings name their inputs).
fn flagged(json: &str, id: RuleId, inputs: &[String]) -> Vec<String> {
    let report: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{id}: {e}: {json}"));
    let is_rule = |f: &Value| f["slug"] == id.slug();
    let mut out = Vec::new();
    for file in report["files"].as_array().into_iter().flatten() {
        if file["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .any(is_rule)
        {
            out.push(file["path"].as_str().unwrap_or_default().to_string());
        }
    }
    for finding in report["batch"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| is_rule(f))
    {
        let text = format!("{} {}", finding["message"], finding["found"]);
        out.extend(inputs.iter().filter(|i| text.contains(i.as_str())).cloned());
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn every_rule_has_fixtures_and_each_fails_or_passes_as_named() {
    let mut problems = Vec::new();
    let mut snapshots = Vec::new();
    for id in RuleId::ALL.iter().copied() {
        let cases = fixtures(id);
        let exempt = NO_FIXTURE.iter().any(|(rule, _)| *rule == id);
        if cases.is_empty() {
            if !exempt {
                problems.push(format!("{id}: no fixtures"));
            }
            continue;
        }
        assert!(!exempt, "{id} has fixtures and is listed in NO_FIXTURE");
        let mut shown = String::new();
        let (mut fails, mut passes) = (0, 0);
        for case in &cases {
            let dir = tempfile::tempdir().expect("dir");
            let paths = write_case(dir.path(), case);
            let (_, json) = fgcheck(dir.path(), id, case, "json");
            let flagged = flagged(&json, id, &paths);
            for input in &case.fail {
                fails += 1;
                let path = format!("inputs/{}", input.name());
                if !flagged.contains(&path) {
                    problems.push(format!("{id}: {path} should fail it"));
                }
            }
            for input in &case.pass {
                passes += 1;
                let path = format!("inputs/{}", input.name());
                if flagged.contains(&path) {
                    problems.push(format!("{id}: {path} should pass it"));
                }
            }
            let (command, human) = fgcheck(dir.path(), id, case, "human");
            for (name, text) in &case.files {
                shown.push_str(&format!("--- {name}\n{text}"));
            }
            shown.push_str(&command);
            shown.push_str(&human);
            shown.push('\n');
        }
        // Receipts name no input for unmatched-receipt, and a stale suppression is about the
        // configuration: their failing "input" is the CSV row or the entry, shown in the
        // snapshot.
        if fails == 0 && !matches!(id, RuleId::UnmatchedReceipt | RuleId::UnusedSuppression) {
            problems.push(format!("{id}: no failing fixture"));
        }
        if passes == 0 {
            problems.push(format!("{id}: no look-alike that passes"));
        }
        if matches!(id, RuleId::UnmatchedReceipt | RuleId::UnusedSuppression)
            && !shown.contains(id.code())
        {
            problems.push(format!("{id}: the run does not report it"));
        }
        snapshots.push((id, shown));
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
    for (id, shown) in snapshots {
        insta::assert_snapshot!(id.slug(), shown);
    }
}

#[test]
fn look_alikes_are_not_the_conforming_template() {
    for id in RuleId::ALL.iter().copied() {
        for case in fixtures(id) {
            for input in &case.pass {
                assert_ne!(
                    input.name(),
                    "pass-template.docx",
                    "{id}: a look-alike is one step from failing, not the template"
                );
            }
        }
    }
}

/// The template with `xml` as its main document part.
fn document_xml(xml: &str) -> Vec<u8> {
    with_entry("word/document.xml", xml.as_bytes().to_vec())
}
