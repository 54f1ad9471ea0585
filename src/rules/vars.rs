//! The words a finding is written in, taken from the profile, the meeting and the document,
//! so that what a contributor reads names their own group, numbers and meeting, and a
//! secretariat of another group never reads about FG-QIT4N.
//!
//! Rule texts (`fix`, `why`, `bad`, `good`) may hold `{name}` slots; [`Vars::fill`] fills
//! them. The slots: `template`, `group`, `acronym`, `number_example`, `revision_example`,
//! `placeholder_example`, `meeting`, `study_period`, `language`, `page`, `margin`, `font`,
//! `size`, `number_style`.

use whatlang::Lang;

use crate::profile::{Meeting, Profile};

/// An acronym that reads as an example when neither the profile nor the document names one.
const EXAMPLE_ACRONYM: &str = "ABC";

/// A working language: its code, its English name and how language detection calls it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Language {
    pub code: &'static str,
    pub name: &'static str,
    pub lang: Lang,
    /// The script its letters are in, as [`crate::model::scan::ScriptCensus`] names them.
    pub script: &'static str,
}

const fn lang(
    code: &'static str,
    name: &'static str,
    lang: Lang,
    script: &'static str,
) -> Language {
    Language {
        code,
        name,
        lang,
        script,
    }
}

/// The ITU's six official languages and a few more that meetings have used.
const LANGUAGES: &[Language] = &[
    lang("en", "English", Lang::Eng, "Latin"),
    lang("fr", "French", Lang::Fra, "Latin"),
    lang("es", "Spanish", Lang::Spa, "Latin"),
    lang("ru", "Russian", Lang::Rus, "Cyrillic"),
    lang("zh", "Chinese", Lang::Cmn, "CJK"),
    lang("ar", "Arabic", Lang::Ara, "Arabic"),
    lang("de", "German", Lang::Deu, "Latin"),
    lang("pt", "Portuguese", Lang::Por, "Latin"),
    lang("it", "Italian", Lang::Ita, "Latin"),
    lang("ja", "Japanese", Lang::Jpn, "CJK"),
    lang("ko", "Korean", Lang::Kor, "Hangul"),
];

/// A language by its English name only (`English`, any case).
pub fn language_named(name: &str) -> Option<Language> {
    let name = name.trim();
    LANGUAGES
        .iter()
        .copied()
        .find(|l| l.name.eq_ignore_ascii_case(name))
}

/// A language by ISO 639-1 code (`en`, `en-GB`) or English name (`english`).
pub fn language(code_or_name: &str) -> Option<Language> {
    let key = code_or_name.trim().to_ascii_lowercase();
    let primary = key.split(['-', '_']).next().unwrap_or_default();
    LANGUAGES
        .iter()
        .copied()
        .find(|l| l.code == primary || l.name.eq_ignore_ascii_case(&key))
}

/// The words of one check.
#[derive(Clone, Debug)]
pub struct Vars {
    entries: Vec<(&'static str, String)>,
}

impl Vars {
    /// The words for a document checked against a profile and, perhaps, a meeting. The
    /// acronym is the profile's; a profile for any group (no acronym) shows an example one,
    /// never one read from the document: what fgcheck says in its own words names only the
    /// group the secretariat configured.
    pub fn new(profile: &Profile, meeting: Option<&Meeting>) -> Vars {
        let acronym = profile
            .acronym
            .clone()
            .unwrap_or_else(|| EXAMPLE_ACRONYM.to_string());
        let fill = |text: &str| text.replace("{acronym}", &acronym);
        let layout = &profile.layout;
        let language = meeting
            .and_then(|m| m.language.as_deref())
            .or(profile.language.as_deref())
            .and_then(language)
            .map_or("the meeting's language", |l| l.name);
        let margin = layout
            .margin_twips
            .map(centimetres)
            .unwrap_or_else(|| "the template's".into());
        let entries = vec![
            ("template", profile.text.template.clone()),
            ("group", fill(&profile.text.group)),
            ("acronym", acronym.clone()),
            ("number_example", fill(&profile.text.number_example)),
            ("revision_example", fill(&profile.text.revision_example)),
            (
                "placeholder_example",
                fill(&profile.text.placeholder_example),
            ),
            (
                "meeting",
                meeting.map_or_else(|| "the meeting".to_string(), |m| m.name.clone()),
            ),
            (
                "study_period",
                meeting
                    .and_then(|m| m.study_periods.first().cloned())
                    .unwrap_or_else(|| "of the meeting".into()),
            ),
            ("language", language.to_string()),
            (
                "page",
                layout
                    .page_name
                    .clone()
                    .unwrap_or_else(|| "the template's".into()),
            ),
            ("margin", margin),
            (
                "font",
                layout
                    .normal_font
                    .clone()
                    .unwrap_or_else(|| "the template's font".into()),
            ),
            (
                "size",
                layout
                    .normal_size_half_points
                    .map(|h| format!("{} pt", f64::from(h) / 2.0))
                    .unwrap_or_else(|| "the template's size".into()),
            ),
            (
                "number_style",
                layout
                    .number_style
                    .clone()
                    .unwrap_or_else(|| "Docnumber".into()),
            ),
        ];
        Vars { entries }
    }

    /// No words: slots are left as written.
    pub fn empty() -> Vars {
        Vars {
            entries: Vec::new(),
        }
    }

    pub fn get(&self, name: &str) -> &str {
        self.entries
            .iter()
            .find(|(key, _)| *key == name)
            .map_or("", |(_, value)| value.as_str())
    }

    /// Fills every `{slot}` of a rule text.
    pub fn fill(&self, template: &str) -> String {
        if !template.contains('{') {
            return template.to_string();
        }
        let mut out = template.to_string();
        for (key, value) in &self.entries {
            out = out.replace(&format!("{{{key}}}"), value);
        }
        out
    }
}

/// Twips as centimetres, the way Word's dialogs show them: "2 cm", "2.54 cm".
pub fn centimetres(twips: i64) -> String {
    let cm = twips as f64 * 2.54 / 1440.0;
    let text = format!("{cm:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text} cm")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centimetres_read_like_word() {
        assert_eq!(centimetres(1134), "2 cm");
        assert_eq!(centimetres(1440), "2.54 cm");
        assert_eq!(centimetres(1417), "2.5 cm");
    }

    #[test]
    fn languages_by_code_or_name() {
        assert_eq!(language("en").map(|l| l.name), Some("English"));
        assert_eq!(language("EN-gb").map(|l| l.name), Some("English"));
        assert_eq!(language("french").map(|l| l.code), Some("fr"));
        assert_eq!(language("xx"), None);
    }

    #[test]
    fn texts_name_the_profiles_group() {
        let data = crate::profile::RuleData::builtin().unwrap();
        let qit4n = Vars::new(&data.profiles["fg-qit4n"], None);
        assert_eq!(qit4n.fill("e.g. {number_example}"), "e.g. QIT4N-I-012");
        let generic = Vars::new(&data.profiles["itu-t-fg"], None);
        assert_eq!(
            generic.fill("{group}: {number_example}"),
            "FG-ABC: ABC-I-012"
        );
    }
}
