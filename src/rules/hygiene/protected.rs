use crate::diag::{Finding, Location, Severity};
use crate::rules::{Area, Context, Rule, RuleId};

pub static RULE: Rule = Rule {
    id: RuleId::Protected,
    code: "FG208",
    slug: "protected",
    severity: Severity::Warning,
    area: Area::Hygiene,
    summary: "editing restrictions are enforced",
    why: "The secretariat and the editors must be able to edit a contribution (add the document number, merge it into a draft); enforced protection (read only, comments only, tracked changes only, forms) blocks them until the author sends the password. Protection settings left with enforcement off, and the DocSecurity value in docProps/app.xml alone, restrict nothing and are not reported.",
    fix: "In Word: Review > Restrict Editing > Stop Protection (enter the password), then save.",
    source: super::SOURCE,
    bad: "<w:documentProtection w:edit=\"readOnly\" w:enforcement=\"1\"/> in word/settings.xml.",
    good: "No w:documentProtection, or one with w:enforcement=\"0\".",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = context.doc;
    let Some(edit) = &doc.settings.protection else {
        return;
    };
    let kind = match edit.as_str() {
        "readOnly" => "read only",
        "comments" => "comments only",
        "trackedChanges" => "tracked changes only",
        "forms" => "filling in forms only",
        other => other,
    };
    let settings_part = super::settings_part(doc);
    out.push(
        context
            .finding(
                &RULE,
                format!("editing is restricted ({kind}) with enforcement on"),
                Location::new(
                    settings_part,
                    "/w:settings/w:documentProtection",
                    "document protection",
                ),
            )
            .expected("no enforced editing restriction")
            .found(format!("protection \"{edit}\", enforced")),
    );
}
