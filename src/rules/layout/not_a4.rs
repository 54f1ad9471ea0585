use crate::diag::{Finding, Severity};
use crate::model::scan::Section;
use crate::rules::{Area, Context, Rule, RuleId};

pub static RULE: Rule = Rule {
    id: RuleId::NotA4,
    code: "FG301",
    slug: "not-a4",
    severity: Severity::Warning,
    area: Area::Layout,
    summary: "the page size is not A4",
    why: "ITU documents are A4 (210 x 297 mm): a Letter-size contribution prints cut or shrunk, and its layout shifts when the secretariat converts or merges it. A4 in landscape (a wide table or figure) is still A4 and is not reported, in the final section as in any other; a section without a page size (Word then uses its default) is not judged.",
    fix: "In Word: Layout > Size > A4 (apply to the whole document), then check the tables still fit.",
    source: super::SOURCE,
    bad: "<w:pgSz w:w=\"12240\" w:h=\"15840\"/> (US Letter).",
    good: "<w:pgSz w:w=\"11906\" w:h=\"16838\"/> or 11907 x 16840, portrait or landscape.",
    check: Some(check),
};

/// Whether a width and height are A4, either way round.
pub(crate) fn is_a4(width: u32, height: u32, page_width: [u32; 2], page_height: [u32; 2]) -> bool {
    let within = |value: u32, range: [u32; 2]| value >= range[0] && value <= range[1];
    (within(width, page_width) && within(height, page_height))
        || (within(height, page_width) && within(width, page_height))
}

/// A page size in words: a known paper name, and millimetres.
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "u32 twips are at most 75,000 km of paper: a positive u32 of millimetres"
)]
fn millimetres(twips: u32) -> u32 {
    (f64::from(twips) * 25.4 / 1440.0).round() as u32
}

pub(crate) fn describe(width: u32, height: u32) -> String {
    let mm = millimetres;
    let (short, long) = (width.min(height), width.max(height));
    let near = |w: u32, h: u32| short.abs_diff(w) <= 20 && long.abs_diff(h) <= 20;
    let name = if near(11906, 16838) {
        "A4, "
    } else if near(12240, 15840) {
        "US Letter, "
    } else if near(12240, 20160) {
        "US Legal, "
    } else if near(16838, 23811) {
        "A3, "
    } else if near(8391, 11906) {
        "A5, "
    } else if near(10318, 14570) {
        "B5 (JIS), "
    } else if near(9979, 14175) {
        "B5 (ISO), "
    } else {
        ""
    };
    format!("{name}{} x {} mm", mm(width), mm(height))
}

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let layout = &context.profile.layout;
    let (Some(page_width), Some(page_height)) = (layout.page_width, layout.page_height) else {
        return;
    };
    let page = layout.page_name.as_deref().unwrap_or("the template's size");
    let sections = &context.doc.body.sections;
    let count = sections.len();
    let bad: Vec<(usize, &Section, u32, u32)> = sections
        .iter()
        .enumerate()
        .filter_map(|(index, section)| {
            Some((index, section, section.page_width?, section.page_height?))
        })
        .filter(|(_, _, width, height)| !is_a4(*width, *height, page_width, page_height))
        .collect();
    let Some((index, section, _, _)) = bad.first().copied() else {
        return;
    };
    // Every section's size by name: "US Letter, 216 x 279 mm (sections 1-4)".
    let mut sizes: Vec<(String, Vec<usize>)> = Vec::new();
    for (index, _, width, height) in &bad {
        let size = describe(*width, *height);
        match sizes.iter_mut().find(|(s, _)| *s == size) {
            Some((_, numbers)) => numbers.push(index + 1),
            None => sizes.push((size, vec![index + 1])),
        }
    }
    let which = if count == 1 {
        "the page".to_string()
    } else if bad.len() == count {
        format!("all {count} sections")
    } else if bad.len() == 1 {
        format!("section {} of {count}", index + 1)
    } else {
        format!("{} of {count} sections", bad.len())
    };
    let verb = if bad.len() > 1 { "are" } else { "is" };
    let found = sizes
        .iter()
        .map(|(size, numbers)| {
            if count == 1 {
                size.clone()
            } else {
                let list: Vec<String> = numbers.iter().map(usize::to_string).collect();
                format!("{size} (section {})", list.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    let first_size = sizes.first().map(|(s, _)| s.clone()).unwrap_or_default();
    let message = if sizes.len() == 1 {
        format!("{which} {verb} {first_size}, not {page}")
    } else {
        format!("{which} {verb} not {page}")
    };
    out.push(
        context
            .finding(
                &RULE,
                message,
                super::at_section(section, index + 1 == count, &format!("page setup, {which}")),
            )
            .expected(format!(
                "{page} ({} x {} mm), portrait or landscape",
                millimetres(page_width[0].midpoint(page_width[1])),
                millimetres(page_height[0].midpoint(page_height[1]))
            ))
            .found(found),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a4_either_way_round() {
        let (w, h) = ([11900, 11910], [16834, 16845]);
        assert!(is_a4(11906, 16838, w, h));
        assert!(is_a4(16840, 11907, w, h));
        assert!(!is_a4(12240, 15840, w, h));
        assert_eq!(describe(12240, 15840), "US Letter, 216 x 279 mm");
        assert_eq!(describe(11000, 15000), "194 x 265 mm");
    }
}
