//! `fgcheck explain SLUG|CODE`: the rule's page, from the registry.

use std::io::Write;

use crate::rules::{self, Rule};

/// The rule's documentation as Markdown; `explain`, `docs/rules.md` and the web page use it.
pub fn markdown(rule: &Rule) -> String {
    format!(
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
    )
}

/// `docs/rules.md`: an index, then every rule's `explain` page, grouped by area (areas in
/// code order). Regenerate with `FGCHECK_BLESS=1 cargo test --test docs`.
pub fn rules_markdown() -> String {
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
            for line in markdown(rule).lines() {
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

pub fn run(name: &str) -> i32 {
    match rules::find(name) {
        Some(rule) => {
            let _ = std::io::stdout()
                .lock()
                .write_all(markdown(rule).as_bytes());
            0
        }
        None => {
            let close: Vec<&str> = rules::ALL
                .iter()
                .filter(|r| r.slug.contains(name) || name.contains(r.slug))
                .map(|r| r.slug)
                .collect();
            if close.is_empty() {
                eprintln!("fgcheck: error: no rule {name:?}; `fgcheck rules` lists them all");
            } else {
                eprintln!(
                    "fgcheck: error: no rule {name:?}; did you mean {}?",
                    close.join(", ")
                );
            }
            2
        }
    }
}
