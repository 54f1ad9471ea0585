//! Each rule's page, rendered from the registry beside it: `fgcheck explain`,
//! `docs/rules.md`, SARIF's help and the web page all show this text.

use crate::profile::RuleData;
use crate::rules::vars::Vars;
use crate::rules::{self, Rule};

/// The rule's documentation as Markdown, in a profile's words; `explain`, `docs/rules.md`,
/// SARIF's help and the web page use it. Its fix is the one printed under each of the
/// rule's findings (`Rule::fix` with the profile's words filled in), and findings point back here.
pub fn markdown(rule: &Rule, vars: &Vars) -> String {
    let page = format!(
        "## {code} `{slug}`\n\n{summary}.\n\n- Default severity: {severity}\n- Area: {area:?}\n- Source: {source}\n\n### Why it matters\n\n{why}\n\n### How to fix\n\n{fix}\n\n### Fails\n\n{bad}\n\n### Passes\n\n{good}\n",
        code = rule.code,
        slug = rule.slug,
        summary = capitalised(rule.summary),
        severity = rule.severity,
        area = rule.area,
        source = rule.source,
        why = rule.why,
        fix = match rules::fixes::safe_fix(rule) {
            Some(safe) => format!(
                "{}\n\n`fgcheck fix` applies this fix on its own (a safe fix): it {}.",
                rule.fix, safe.what
            ),
            None => rule.fix.to_string(),
        },
        bad = rule.bad,
        good = rule.good,
    );
    vars.fill(&page)
}

/// The words of the generic focus-group profile, for documentation that is about no one
/// group (`docs/rules.md`).
pub fn generic_vars() -> Vars {
    let data = RuleData::builtin().unwrap_or_default();
    match data.profiles.get("itu-t-fg") {
        Some(profile) => Vars::new(profile, None),
        None => Vars::empty(),
    }
}

/// `docs/rules.md`: an index, then every rule's `explain` page, grouped by area (areas in
/// code order). Regenerate with `FGCHECK_BLESS=1 cargo test --test docs`.
pub fn rules_markdown() -> String {
    let vars = generic_vars();
    let mut out = String::from(
        "<!-- Generated from the rule registry (src/rules); do not edit. Regenerate with `FGCHECK_BLESS=1 cargo test --test docs`. -->\n\n# fgcheck rules\n\nEvery rule fgcheck checks, as `fgcheck explain RULE` prints it. Severities are defaults: change them per rule in `fgcheck.toml` (`[rules]`) or with `--severity RULE=LEVEL`.\n\n| Code | Slug | Default severity | Summary |\n|---|---|---|---|\n",
    );
    for rule in rules::ALL {
        out.push_str(&format!(
            "| {} | [`{}`](#{}) | {} | {} |\n",
            rule.code,
            rule.slug,
            anchor(rule),
            rule.severity,
            rule.summary
        ));
    }
    let mut areas = Vec::new();
    for rule in rules::ALL {
        if !areas.contains(&rule.area) {
            areas.push(rule.area);
        }
    }
    for area in areas {
        out.push_str(&format!("\n## {area:?} rules\n"));
        for rule in rules::ALL.iter().filter(|r| r.area == area) {
            out.push('\n');
            for line in markdown(rule, &vars).lines() {
                // One level down: the page's `##` rule heading becomes `###`.
                if line.starts_with('#') {
                    out.push('#');
                }
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// The GitHub-style anchor of a rule's heading in `docs/rules.md`.
fn anchor(rule: &Rule) -> String {
    format!("{}-{}", rule.code, rule.slug).to_ascii_lowercase()
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
