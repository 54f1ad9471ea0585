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
        fix = rule.fix,
        bad = rule.bad,
        good = rule.good,
    )
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
