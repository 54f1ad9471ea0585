//! The rule files as written: the serde types that `rules/**/*.toml` parse into.
//!
//! These types are the single source of the rule-data reference: their doc comments become
//! `docs/rule-data.md` and the JSON Schema `docs/rule-data.schema.json` (both generated and
//! tested in sync), and `fgcheck data check DIR` reports errors against them with the file,
//! line and column. Values that are validated after parsing (patterns, dates, time zones,
//! references to other profiles) keep their place in the file (`Spanned`) so that a
//! validation error points at them too.

use schemars::JsonSchema;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};
use toml::Spanned;

pub use crate::model::header::FieldKind;

/// A regular expression, with its place in the file.
pub type Pattern = Spanned<String>;

/// A template profile (`rules/profiles/*.toml`): what a cover made from one template holds.
///
/// A profile may extend another (`extends`). Merging, nearest profile first: scalars and
/// `patterns`/`values` lists are taken from the nearest profile that sets them; `labels`,
/// `tags`, `styles`, `prefixes`, `placeholders`, `shapes`, `strip_prefixes` and
/// `email_labels` accumulate along the chain; fields are merged by `key`, a new key is
/// appended after the inherited ones.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "fgcheck profile")]
pub struct RawProfile {
    /// The profile's id, used by `--profile`, meetings and `extends` (e.g. `itu-t-fg`).
    pub id: String,
    /// A name for people (e.g. "ITU-T focus group input template").
    pub name: String,
    /// The id of the profile this one extends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub extends: Option<Spanned<String>>,
    /// Where the facts come from (template file, recommendation clause, circular).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The group's acronym as it appears in document numbers (`QIT4N`). `{acronym}` in
    /// patterns and texts is replaced by it; without it, by the acronym read from the
    /// document (patterns: any acronym of 2 to 12 capitals and digits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acronym: Option<String>,
    /// The group's name after "Focus Group on" (`Quantum Information Technology for
    /// Networks`). `{name}` in patterns is replaced by it (any name when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    /// The language documents are written in, as an ISO 639-1 code (`en`). A meeting's
    /// `language` takes precedence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Words used in messages, so that what a contributor reads names their own group.
    #[serde(default)]
    pub text: RawText,
    /// Rules about the header as a whole.
    #[serde(default)]
    pub header: RawHeader,
    /// The header's fields, in the order people read them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<RawField>,
    /// Page setup and styles of the template.
    #[serde(default)]
    pub layout: RawLayout,
}

/// Texts filled into messages. `{acronym}` and `{name}` are replaced as in patterns.
#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawText {
    /// The template's name in messages ("the FG base template").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// The group line as the template writes it (`FG-{acronym}`, `STUDY GROUP 17`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// An example document number (`{acronym}-I-012`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_example: Option<String>,
    /// An example revision number (`{acronym}-I-012-R1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision_example: Option<String>,
    /// An example placeholder left for the secretariat (`{acronym}-I-xxx`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placeholder_example: Option<String>,
}

/// Rules about the header as a whole.
#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawHeader {
    /// The keys of labelled fields in the template's order, for `label-order`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_order: Option<Vec<String>>,
    /// How many different labelled fields, written with a colon, make a table the cover
    /// (an ordinary table listing "Title", "Abstract"... is not one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("default" = 2))]
    pub min_labels: Option<usize>,
}

/// One header field. In an extending profile, a field with the same `key` changes the
/// inherited one; only the keys written change.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawField {
    /// The field's key, used by rules, the JSON `metadata` and the register
    /// (`document_number`, `group`, `title`...).
    #[schemars(with = "String")]
    pub key: Spanned<String>,
    /// The field's name for people ("Document number", "WG(s) / Question(s)").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// How the field is found; required for a new key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<FieldKind>,
    /// Label spellings (`labelled`, `contact`). Compared after folding: case, spaces, NBSP
    /// and a trailing colon do not matter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<Vec<String>>,
    /// Content-control tags or aliases that hint at the field (`SgText`, `ShortName`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// Paragraph styles that hint at the field (`Docnumber`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub styles: Option<Vec<String>>,
    /// Line prefixes (`prefixed`): `Original`, `STUDY PERIOD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefixes: Option<Vec<String>>,
    /// Regular expressions a valid value matches (`number`, `group`). A named group
    /// `acronym` captures the group's acronym, compared between number and group line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Vec<String>>")]
    pub patterns: Option<Vec<Pattern>>,
    /// Regular expressions of placeholders left for the secretariat (`{acronym}-I-xxx`):
    /// reported as placeholders, never as bad numbers or duplicates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Vec<String>>")]
    pub placeholders: Option<Vec<Pattern>>,
    /// Regular expressions of anything shaped like this field under any profile (another
    /// group's number): used to find the line, not to accept its value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Vec<String>>")]
    pub shapes: Option<Vec<Pattern>>,
    /// Accepted values (`purpose`: the template's list; `banner`: the document types).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<String>>,
    /// Whether the cover must have the field (a missing row is reported).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("default" = false))]
    pub required: Option<bool>,
    /// For `beside`: the key of the field whose value this one follows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beside: Option<String>,
    /// For `contact`: the words that label an e-mail address (`E-mail`, `Email`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_labels: Option<Vec<String>>,
    /// For `labelled`: the most words the value may have (the abstract's limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_words: Option<usize>,
    /// For `number`: prefixes that do not change the number when comparing documents
    /// (`FG-` in `FG-QIT4N-I-012`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strip_prefixes: Option<Vec<String>>,
    /// For `number`: a regular expression matching the revision suffix at the end of a
    /// number, its first group being the revision (`-R(\d+)$`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub revision: Option<Pattern>,
    /// Whether the intake register shows this field as a column (JSON and CSV keep all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("default" = true))]
    pub register: Option<bool>,
}

/// Page setup and styles. A key no profile in the chain sets is not checked.
#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLayout {
    /// The page size's name in messages (`A4`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_name: Option<String>,
    /// Accepted page width, smallest and largest, in twips (1/1440 inch; A4 is 11906).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_width: Option<[u32; 2]>,
    /// Accepted page height, smallest and largest, in twips (A4 is 16838).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_height: Option<[u32; 2]>,
    /// Every margin, in twips (2 cm is 1134).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub margin_twips: Option<i64>,
    /// How far a margin may be from `margin_twips`, in twips.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("default" = 0))]
    pub margin_tolerance: Option<i64>,
    /// The Normal style's font.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normal_font: Option<String>,
    /// The Normal style's size in half-points (24 is 12 pt).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normal_size_half_points: Option<u32>,
    /// The style the document number is written in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_style: Option<String>,
}

/// One or several values: `study_period = "2017-2020"` or `["2017-2020", "2022-2024"]`.
#[derive(Clone, Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(one) => vec![one],
            OneOrMany::Many(many) => many,
        }
    }
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> de::Visitor<'de> for Visitor {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string or a list of strings")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(value.to_string()))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut all = Vec::new();
                while let Some(value) = seq.next_element::<String>()? {
                    all.push(value);
                }
                Ok(OneOrMany::Many(all))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A meeting (`rules/meetings/*.toml`): where and when, the deadline, the profile its
/// inputs are made from. Adding a meeting is adding one of these files.
#[derive(Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "fgcheck meeting")]
pub struct RawMeeting {
    /// The meeting's id, used by `--meeting` (e.g. `fg-qit4n-5`).
    pub id: String,
    /// A name for people ("5th FG-QIT4N meeting (e-meeting)").
    pub name: String,
    /// The id of the profile inputs are checked against (`itu-t-fg` for any focus group).
    #[schemars(with = "String")]
    pub profile: Spanned<String>,
    /// Where the facts come from (the circular announcing the meeting).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The place as the cover should write it (`Geneva`, `E-meeting`).
    pub place: String,
    /// Other spellings of the same place (`virtual`, `online`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub place_aliases: Vec<String>,
    /// The first day (YYYY-MM-DD).
    #[schemars(with = "String")]
    pub start: Spanned<String>,
    /// The last day (YYYY-MM-DD).
    #[schemars(with = "String")]
    pub end: Spanned<String>,
    /// The input deadline's date (YYYY-MM-DD).
    #[schemars(with = "String")]
    pub input_deadline: Spanned<String>,
    /// The time on that date by which inputs must be received (HH:MM:SS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>", extend("default" = "23:59:59"))]
    pub deadline_time: Option<Spanned<String>>,
    /// The IANA time zone of the deadline (ITU works on Geneva time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>", extend("default" = "Europe/Zurich"))]
    pub time_zone: Option<Spanned<String>>,
    /// The registration deadline (YYYY-MM-DD), shown for information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub registration_deadline: Option<Spanned<String>>,
    /// The study period(s) the cover may name: one (`"2017-2020"`) or several. A period
    /// extended past its end keeps its name, so list it as long as covers use it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub study_period: Option<OneOrMany>,
    /// The meeting's working language, as an ISO 639-1 code (`en`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Where inputs are sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secretariat: Option<String>,
}

/// `rules/defaults.toml`: what a run uses when neither the command line nor
/// `fgcheck.toml` says. There is no default meeting: without one, a run is judged against
/// the next meeting whose input deadline has not passed, or none (a fixed meeting would
/// make every document saved after its deadline late).
#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "fgcheck rule defaults")]
pub struct RawDefaults {
    /// The profile used when neither a profile nor a meeting is given, and no meeting is
    /// upcoming.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
}
