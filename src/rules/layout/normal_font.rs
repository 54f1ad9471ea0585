use crate::diag::{Finding, Location, Severity};
use crate::rules::{Area, Context, Rule, RuleId};

pub static RULE: Rule = Rule {
    id: RuleId::NormalFont,
    code: "FG303",
    slug: "normal-font",
    severity: Severity::Info,
    area: Area::Layout,
    summary: "the Normal style is not the template's font and size",
    why: "The template's Normal style is Times New Roman 12 pt, and every other style builds on it: a document started from Word's blank template (Calibri 11 pt, a theme font) looks different from every other contribution and changes length when merged into a draft. The font is resolved as Word does: the default paragraph style (found even when a producer leaves out w:default=\"1\"), its basedOn chain, the document defaults, then the theme's fonts.",
    fix: "Start from the {template}, or in Word: Home > Styles > right-click Normal > Modify: {font}, {size}.",
    source: super::SOURCE,
    bad: "Normal in the theme's body font (Calibri) at 11 pt.",
    good: "Normal in Times New Roman 12 pt (w:sz w:val=\"24\").",
    check: Some(check),
};

/// Word's size when no style sets one (ECMA-376: 10 pt).
const DEFAULT_HALF_POINTS: u32 = 20;

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::made_from_template(context) {
        return;
    }
    let layout = &context.profile.layout;
    let (Some(wanted_font), Some(wanted_size)) = (
        layout.normal_font.as_deref(),
        layout.normal_size_half_points,
    ) else {
        return;
    };
    let styles = &context.doc.styles;
    if styles.by_id.is_empty() {
        // No styles part: nothing was chosen; the other layout rules say enough.
        return;
    }
    let (props, name) = match styles.default_paragraph() {
        Some(style) => (styles.effective(&style.id), style.id.clone()),
        None => (styles.defaults.clone(), "document defaults".to_string()),
    };
    let font = styles.resolve_font(&props);
    let size = props.size.unwrap_or(DEFAULT_HALF_POINTS);
    let font_ok = font
        .as_deref()
        .is_none_or(|font| font.trim().eq_ignore_ascii_case(wanted_font.trim()));
    let size_ok = size == wanted_size;
    if font_ok && size_ok {
        return;
    }
    let points = |half: u32| {
        if half.is_multiple_of(2) {
            format!("{} pt", half / 2)
        } else {
            format!("{}.5 pt", half / 2)
        }
    };
    let shown = match (&font, &props.font_theme) {
        (Some(font), Some(slot)) if props.font.is_none() => format!("{font} (theme {slot})"),
        (Some(font), _) => font.clone(),
        (None, _) => "no font set (the application's default)".to_string(),
    };
    let styles_part = context
        .doc
        .main_rels
        .iter()
        .find(|r| r.is_type("styles") && !r.external)
        .map(|r| r.target.clone())
        .unwrap_or_else(|| "word/styles.xml".into());
    out.push(
        context
            .finding(
                &RULE,
                format!(
                    "the Normal style shows {shown} {}, not {} {}",
                    points(size),
                    wanted_font,
                    points(wanted_size)
                ),
                Location::new(
                    styles_part,
                    format!("/w:styles/w:style[@w:styleId='{name}']"),
                    format!("style {name}"),
                ),
            )
            .expected(format!("{} {}", wanted_font, points(wanted_size)))
            .found(format!("{shown} {}", points(size))),
    );
}
