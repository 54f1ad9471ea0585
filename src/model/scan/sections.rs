//! Page setup as a section's properties give it (`w:sectPr`): size, margins, first page,
//! the page headers and footers it uses. Lengths are read in every unit OOXML allows.

use serde::Serialize;

use super::place::Place;
use crate::xml::Element;

/// Header and footer references kept per section (Word writes at most three of each).
const MAX_REFERENCES: usize = 16;

/// A section's page setup (twips).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Section {
    pub page_width: Option<u32>,
    pub page_height: Option<u32>,
    pub landscape: bool,
    pub margin_top: Option<i64>,
    pub margin_bottom: Option<i64>,
    pub margin_left: Option<i64>,
    pub margin_right: Option<i64>,
    pub title_page: bool,
    /// (type, relationship id) of header references: `default`, `first`, `even`.
    pub headers: Vec<(String, String)>,
    pub footers: Vec<(String, String)>,
    pub place: Place,
}

impl Section {
    /// Reads one child of `w:sectPr`; returns false for elements it does not know.
    pub fn read(&mut self, local: &[u8], e: &Element<'_>, short: fn(String) -> String) -> bool {
        match local {
            b"pgSz" => {
                let size = |v: String| parse_twips(&v).and_then(|t| u32::try_from(t).ok());
                self.page_width = e.attr("w").and_then(size);
                self.page_height = e.attr("h").and_then(size);
                self.landscape = e.attr("orient").is_some_and(|o| o == "landscape");
            }
            b"pgMar" => {
                self.margin_top = e.attr("top").and_then(|v| parse_twips(&v));
                self.margin_bottom = e.attr("bottom").and_then(|v| parse_twips(&v));
                self.margin_left = e.attr("left").and_then(|v| parse_twips(&v));
                self.margin_right = e.attr("right").and_then(|v| parse_twips(&v));
            }
            b"titlePg" => self.title_page = e.on_off("val"),
            b"headerReference" | b"footerReference" => {
                let kind = short(e.attr("type").unwrap_or_else(|| "default".into()));
                let id = short(e.attr("id").unwrap_or_default());
                let list = if local == b"headerReference" {
                    &mut self.headers
                } else {
                    &mut self.footers
                };
                if list.len() < MAX_REFERENCES {
                    list.push((kind, id));
                }
            }
            _ => return false,
        }
        true
    }
}

/// A length as OOXML writes it, in twips: a plain number is twips
/// (`ST_TwipsMeasure`), and a number with a unit is a universal measure
/// (`ST_UniversalMeasure`: `mm`, `cm`, `in`, `pt`, `pc`, `pi`), as in `w:w="612pt"`.
/// Some producers write decimals. Absurd values (beyond 100 m) are not a length.
pub fn parse_twips(value: &str) -> Option<i64> {
    let value = value.trim();
    let split = value
        .find(|c: char| c.is_ascii_alphabetic())
        .unwrap_or(value.len());
    let (number, unit) = value.split_at(split);
    let number: f64 = number.trim().parse().ok()?;
    let per_unit = match unit.trim().to_ascii_lowercase().as_str() {
        "" => 1.0,
        "pt" => 20.0,
        "pc" | "pi" => 240.0,
        "in" => 1440.0,
        "cm" => 1440.0 / 2.54,
        "mm" => 144.0 / 2.54,
        _ => return None,
    };
    let twips = (number * per_unit).round();
    #[expect(
        clippy::cast_possible_truncation,
        reason = "a whole number of twips, finite and under 100 m, fits an i64"
    )]
    (twips.is_finite() && twips.abs() < 5_669_291.0).then_some(twips as i64)
}

#[cfg(test)]
mod tests {
    use super::parse_twips;

    #[test]
    fn lengths_in_every_unit_ooxml_allows() {
        assert_eq!(parse_twips("11906"), Some(11906));
        assert_eq!(parse_twips("11906.4"), Some(11906));
        assert_eq!(parse_twips("612pt"), Some(12240));
        assert_eq!(parse_twips("792pt"), Some(15840));
        assert_eq!(parse_twips("21cm"), Some(11906));
        assert_eq!(parse_twips("297mm"), Some(16838));
        assert_eq!(parse_twips("8.5in"), Some(12240));
        assert_eq!(parse_twips("51pc"), Some(12240));
        assert_eq!(parse_twips("-1134"), Some(-1134));
        assert_eq!(parse_twips("2cm"), Some(1134));
        for bad in ["", "x", "12furlongs", "1e300", "NaN", "inf"] {
            assert_eq!(parse_twips(bad), None, "{bad}");
        }
    }
}
