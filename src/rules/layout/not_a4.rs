use crate::diag::{Finding, Severity};
use crate::model::scan::Section;
use crate::profile::Layout;
use crate::rules::{Area, Context, Rule};

pub static RULE: Rule = Rule {
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
pub(crate) fn is_a4(width: u32, height: u32, layout: &Layout) -> bool {
    let within = |value: u32, range: [u32; 2]| value >= range[0] && value <= range[1];
    (within(width, layout.page_width) && within(height, layout.page_height))
        || (within(height, layout.page_width) && within(width, layout.page_height))
}

/// A page size in words: a known paper name, and millimetres.
pub(crate) fn describe(width: u32, height: u32) -> String {
    let mm = |twips: u32| (twips as f64 * 25.4 / 1440.0).round() as u32;
    let (short, long) = (width.min(height), width.max(height));
    let near = |w: u32, h: u32| short.abs_diff(w) <= 20 && long.abs_diff(h) <= 20;
    let name = if near(12240, 15840) {
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
    let sections = &context.doc.body.sections;
    let count = sections.len();
    let bad: Vec<(usize, &Section, u32, u32)> = sections
        .iter()
        .enumerate()
        .filter_map(|(index, section)| {
            Some((index, section, section.page_width?, section.page_height?))
        })
        .filter(|(_, _, width, height)| !is_a4(*width, *height, layout))
        .collect();
    let Some((index, section, width, height)) = bad.first().copied() else {
        return;
    };
    let which = if index + 1 == count {
        if count == 1 {
            "the page".to_string()
        } else {
            "the final section".to_string()
        }
    } else {
        format!("section {} of {count}", index + 1)
    };
    let more = if bad.len() > 1 {
        format!(" ({} sections in all)", bad.len())
    } else {
        String::new()
    };
    out.push(
        Finding::new(
            &RULE,
            format!("{which} is {}, not A4{more}", describe(width, height)),
            super::at_section(section, index + 1 == count, &format!("page setup, {which}")),
        )
        .expected("A4: 210 x 297 mm (11906 x 16838 twips), portrait or landscape")
        .found(format!("{width} x {height} twips")),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a4_either_way_round() {
        let layout = Layout {
            page_width: [11900, 11910],
            page_height: [16834, 16845],
            margin_twips: 1134,
            margin_tolerance: 20,
            normal_font: "Times New Roman".into(),
            normal_size_half_points: 24,
            number_style: "Docnumber".into(),
        };
        assert!(is_a4(11906, 16838, &layout));
        assert!(is_a4(16840, 11907, &layout));
        assert!(!is_a4(12240, 15840, &layout));
        assert_eq!(describe(12240, 15840), "US Letter, 216 x 279 mm");
        assert_eq!(describe(11000, 15000), "194 x 265 mm");
    }
}
