use crate::diag::{Finding, Severity};
use crate::rules::{Area, Context, Rule};
use crate::text;

pub static RULE: Rule = Rule {
    code: "FG105",
    slug: "original-not-english",
    severity: Severity::Error,
    area: Area::Header,
    summary: "the header's Original: line is missing or names a language other than English",
    why: "The meeting works in English only (TSB Circular 260); the Original: line states the language the document was written in.",
    fix: "Write \"Original: English\" in the header's top block, and send the English text.",
    source: "TSB Circular 260 (English only); FG base template, row 2 right",
    bad: "Original: French, or no Original: line.",
    good: "Original: English (any case).",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::header_found(context) {
        return;
    }
    let expected = format!(
        "Original: {}",
        capitalised(&context.profile.original_language)
    );
    match &context.header.original {
        None => out.push(
            Finding::new(
                &RULE,
                "the header has no \"Original:\" line",
                super::at_header(context),
            )
            .expected(expected)
            .found("no Original: line"),
        ),
        Some(original) => {
            let value = text::fold(&original.value);
            if !value
                .to_lowercase()
                .starts_with(&context.profile.original_language.to_lowercase())
            {
                let found = if value.is_empty() {
                    "an empty value".to_string()
                } else {
                    format!("Original: {value}")
                };
                out.push(
                    Finding::new(
                        &RULE,
                        format!("the original language is \"{value}\", not English"),
                        super::at_field(original),
                    )
                    .expected(expected)
                    .found(found),
                );
            }
        }
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
