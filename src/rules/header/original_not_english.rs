use crate::diag::{Finding, Severity};
use crate::model::header::keys;
use crate::rules::{Area, Context, Rule, RuleId};
use crate::text;

pub static RULE: Rule = Rule {
    id: RuleId::OriginalNotEnglish,
    code: "FG105",
    slug: "original-not-english",
    severity: Severity::Error,
    area: Area::Header,
    summary: "the cover's Original: line is missing or names another language than the meeting's",
    why: "The Original: line states the language the document was written in; a meeting that works in one language (focus groups work in English only) cannot discuss an input written in another.",
    fix: "Write \"Original: {language}\" in the cover's top block, and send the {language} text.",
    source: "the meeting's announcement (working language); the profile's template, top block",
    bad: "Original: French for a meeting held in English, or no Original: line.",
    good: "Original: English (any case) for a meeting held in English.",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::header_found(context) || context.profile.field(keys::ORIGINAL).is_none() {
        return;
    }
    let Some(language) = context
        .meeting
        .and_then(|m| m.language.as_deref())
        .or(context.profile.language.as_deref())
        .and_then(crate::rules::vars::language)
    else {
        return;
    };
    let expected = format!("Original: {}", language.name);
    match context.header.get(keys::ORIGINAL) {
        None => out.push(
            context
                .finding(
                    &RULE,
                    "the cover has no \"Original:\" line",
                    super::at_header(context),
                )
                .expected(expected)
                .found("no Original: line"),
        ),
        Some(original) => {
            let value = text::fold(&original.value);
            // "English", "English (US)", "language: English": the first word that names a
            // language is the one written; a bare code ("en") counts too.
            let named = value
                .split([' ', ',', ';', '/', '(', ')', ':'])
                .find_map(crate::rules::vars::language_named)
                .or_else(|| crate::rules::vars::language(&value));
            let names_it = named.is_some_and(|l| l == language);
            if !names_it {
                let found = if value.is_empty() {
                    "an empty value".to_string()
                } else {
                    format!("\"Original: {}\"", text::clip(&value, 40))
                };
                out.push(
                    context
                        .finding(
                            &RULE,
                            format!(
                                "the original language is \"{}\", not {}",
                                text::clip(&value, 40),
                                language.name
                            ),
                            super::at_field(original),
                        )
                        .expected(expected)
                        .found(found),
                );
            }
        }
    }
}
