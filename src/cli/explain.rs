//! `fgcheck explain SLUG|CODE`: the rule's page (see [`crate::rules::docs`]).

use std::io::Write;

use crate::rules;
use crate::rules::docs::markdown;
use crate::rules::vars::Vars;

/// `fgcheck explain RULE`, in the words of the given profile (and meeting).
pub fn run(name: &str, vars: &Vars) -> i32 {
    match rules::find(name) {
        Some(rule) => {
            let _ = std::io::stdout()
                .lock()
                .write_all(markdown(rule, vars).as_bytes());
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
