use std::sync::LazyLock;

use regex::Regex;

use crate::diag::{Finding, Location, Severity};
use crate::rules::{Area, Context, Rule, RuleId};
use crate::text;

pub static RULE: Rule = Rule {
    id: RuleId::PersonalMetadata,
    code: "FG210",
    slug: "personal-metadata",
    severity: Severity::Info,
    area: Area::Hygiene,
    summary: "document properties hold an e-mail address or a login name",
    why: "The author and last-modified-by properties, and custom properties (a sensitivity label's owner, document-management fields), travel with the posted file. A person's name there is normal (the contact is named in the header anyway, and TSB re-saves files under its staff's names), so names alone are not reported; an e-mail address or a Windows login (`DOMAIN\\user`) is an account identifier the author did not mean to publish. `fgcheck check` only reports them; `fgcheck fix` removes them on request.",
    fix: "In Word: File > Info > Properties: edit Author and Last Modified By, or File > Info > Check for Issues > Inspect Document > Document Properties and Personal Information > Remove All.",
    source: super::SOURCE,
    bad: "dc:creator \"alice.example@corp.example.com\"; cp:lastModifiedBy `CORP\\aexample`; a custom property MSIP_Label_..._Owner \"alice@corp.example.com\".",
    good: "dc:creator \"Alice Example\"; cp:lastModifiedBy \"TSB\".",
    check: Some(check),
};

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
        .expect("regex")
});
static ACCOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Za-z0-9][A-Za-z0-9._\-]*\\[A-Za-z0-9._$\-]+$").expect("regex")
});

/// What kind of account identifier a property value holds, if any.
pub(crate) fn identifier_kind(value: &str) -> Option<&'static str> {
    let value = value.trim();
    if EMAIL.is_match(value) {
        Some("an e-mail address")
    } else if ACCOUNT.is_match(value) {
        Some("a Windows login (DOMAIN\\user)")
    } else {
        None
    }
}

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = context.doc;
    let core = &doc.core;
    let core_part = doc.core_part.as_deref().unwrap_or("docProps/core.xml");
    for (name, element, value) in [
        ("Author", "dc:creator", &core.creator),
        (
            "Last Modified By",
            "cp:lastModifiedBy",
            &core.last_modified_by,
        ),
    ] {
        let Some(value) = value else { continue };
        let Some(kind) = identifier_kind(value) else {
            continue;
        };
        out.push(
            context
                .finding(
                    &RULE,
                    format!("the {name} property holds {kind}"),
                    Location::new(
                        core_part,
                        format!("/cp:coreProperties/{element}"),
                        format!("document property {name} (File > Info)"),
                    ),
                )
                .expected("a name, or nothing")
                .found(format!("{name}: \"{}\"", text::clip(value, 80))),
        );
    }
    // Custom properties: sensitivity labels (MSIP_Label_..._Owner) carry the author's
    // address; so do properties that document-management systems add.
    let custom_part = doc.custom_part.as_deref().unwrap_or("docProps/custom.xml");
    for (name, value) in &doc.custom {
        let Some(kind) = identifier_kind(value) else {
            continue;
        };
        let shown = text::clip(name, 80);
        out.push(
            context
                .finding(
                    &RULE,
                    format!("the custom property \"{shown}\" holds {kind}"),
                    Location::new(
                        custom_part,
                        format!("/Properties/property[@name='{name}']"),
                        format!("custom document property \"{shown}\" (File > Info > Properties > Advanced Properties > Custom)"),
                    ),
                )
                .expected("no account identifier in the document's properties")
                .found(format!("{shown}: \"{}\"", text::clip(value, 80)))
                .fix("In Word: File > Info > Properties > Advanced Properties > Custom: delete the property; or File > Info > Check for Issues > Inspect Document > Document Properties and Personal Information > Remove All. A sensitivity label's owner is set again when the label is reapplied: remove the label if the document is public."),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::identifier_kind;

    #[test]
    fn identifiers_are_told_from_names() {
        assert!(identifier_kind("alice.example@corp.example.com").is_some());
        assert!(identifier_kind("Alice Example <alice@example.org>").is_some());
        assert!(identifier_kind(r"CORP\aexample").is_some());
        assert!(identifier_kind("Alice Example").is_none());
        assert!(identifier_kind("TSB").is_none());
        assert!(identifier_kind(r"Alice \ Bob").is_none());
        assert!(identifier_kind("").is_none());
    }
}
