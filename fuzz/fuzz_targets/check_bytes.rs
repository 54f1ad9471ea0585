//! The whole per-file pipeline on arbitrary bytes: sniff, open the package, read every part,
//! extract the header, run the rules. Any input must give a report; a panic is a bug (the
//! pipeline turns one into `internal-error`, which is asserted against here too).
#![no_main]

use std::sync::OnceLock;
use std::time::Duration;

use fgcheck::check::{self, Settings};
use libfuzzer_sys::fuzz_target;

fn settings() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(|| {
        let data = fgcheck::profile::RuleData::builtin().expect("rule data");
        let (profile, meeting) =
            fgcheck::cli::resolve_settings(&data, None, None).expect("defaults");
        Settings {
            profile,
            meeting,
            policy: Default::default(),
            fail_on: fgcheck::diag::Severity::Error,
            timeout: Duration::from_secs(10),
            cancel: None,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let report = check::check_bytes(data, "fuzz.docx", settings());
    if let Some(finding) = report
        .findings
        .iter()
        .find(|f| f.rule.slug == "internal-error")
    {
        panic!("internal error: {}", finding.message);
    }
});
