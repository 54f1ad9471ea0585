use std::collections::BTreeMap;

use whatlang::Detector;

use crate::diag::{Finding, Location, Severity};
use crate::model::scan::ScriptCensus;
use crate::rules::vars::{Language, language};
use crate::rules::{Area, Context, Rule, RuleId};

pub static RULE: Rule = Rule {
    id: RuleId::NonEnglishText,
    code: "FG209",
    slug: "non-english-text",
    severity: Severity::Warning,
    area: Area::Hygiene,
    summary: "most of the body text is not in the meeting's language",
    why: "Focus group meetings work in English only, without interpretation or translation: an input in another language cannot be discussed. Only the body after the header tables is read; a few names, quotations or terms in other scripts or languages are normal and stay below the threshold. The language is the meeting's (`language` in its data), else the profile's.",
    fix: "Send the {language} version of the contribution; a translation may be attached as a second file for information.",
    source: "ITU-T A.1 and the focus group's terms of reference: English is the working language",
    bad: "A body written in French, Russian or Chinese under an English header.",
    good: "An English body that quotes a few foreign names, terms or a short passage.",
    check: Some(check),
};

/// Fewer letters than this: too little text to judge.
const MIN_LETTERS: usize = 200;
/// Paragraphs shorter than this are not identified one by one (too noisy).
const MIN_PARAGRAPH_LETTERS: usize = 40;
/// The share of letters that must be foreign to report.
const MIN_SHARE: f64 = 0.5;
/// Whatlang's confidence required for the whole sample.
const MIN_CONFIDENCE: f64 = 0.5;

fn letters(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphabetic()).count()
}

/// What the body reads as, when it is clearly not in the expected language: (share,
/// language or script).
pub(crate) fn judge(sample: &str, expected: Language) -> Option<(f64, String)> {
    let mut census = ScriptCensus::default();
    census.add(sample);
    let total = census.total();
    if total < MIN_LETTERS {
        return None;
    }
    // Other scripts than the language's for most letters: named by the largest of them.
    let own = census
        .ranked()
        .into_iter()
        .find(|(name, _)| *name == expected.script)
        .map_or(0, |(_, count)| count);
    let foreign = total - own;
    if foreign as f64 / total as f64 > MIN_SHARE {
        let script = census
            .ranked()
            .into_iter()
            .find(|(name, _)| *name != expected.script)
            .map_or("other", |(name, _)| name);
        return Some((foreign as f64 / total as f64, format!("{script} script")));
    }
    // The language's own script: identify the language of the sample as a whole, then of
    // each paragraph, weighted by letters. Both must agree that most of the text is one
    // other language.
    let detector = Detector::new();
    let whole = detector.detect(sample)?;
    if whole.lang() == expected.lang || !whole.is_reliable() || whole.confidence() < MIN_CONFIDENCE
    {
        return None;
    }
    let mut by_lang: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut judged = 0usize;
    for paragraph in sample.lines() {
        let count = letters(paragraph);
        if count < MIN_PARAGRAPH_LETTERS {
            continue;
        }
        judged += count;
        if let Some(info) = detector.detect(paragraph)
            && info.is_reliable()
        {
            *by_lang.entry(info.lang().eng_name()).or_default() += count;
        }
    }
    if judged < MIN_LETTERS {
        return None;
    }
    let foreign = by_lang.get(whole.lang().eng_name()).copied().unwrap_or(0);
    let share = foreign as f64 / judged as f64;
    (share > MIN_SHARE).then(|| (share, whole.lang().eng_name().to_string()))
}

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    // The meeting's language, else the profile's; unknown: nothing to compare with.
    let Some(expected) = context
        .meeting
        .and_then(|m| m.language.as_deref())
        .or(context.profile.language.as_deref())
        .and_then(language)
    else {
        return;
    };
    let body = &context.doc.body;
    let Some((share, what)) = judge(&body.sample, expected) else {
        return;
    };
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a share in 0..=1 rounds to a percent in 0..=100"
    )]
    let percent = (share * 100.0).round() as u32;
    out.push(
        context
            .finding(
                &RULE,
                format!(
                    "{percent}% of the body text reads as {what}, not {}",
                    expected.name
                ),
                Location::new(body.part.clone(), "/w:document/w:body", "body text"),
            )
            .expected(format!("{} text (the meeting's language)", expected.name))
            .found(format!(
                "{what}: {percent}% of {} letters read",
                letters(&body.sample)
            )),
    );
}

#[cfg(test)]
mod tests {
    use super::judge;
    use crate::rules::vars::{Language, language};

    fn english() -> Language {
        language("en").unwrap()
    }

    const ENGLISH: &str = "Quantum key distribution networks need key management between trusted nodes. This contribution proposes text for the key management clause of the deliverable, with the requirements on key relay, key storage and the interfaces towards applications.\n";

    #[test]
    fn english_with_foreign_names_is_english() {
        let text = format!(
            "{ENGLISH}{ENGLISH}As Müller and Żółkowski (Zürich) noted, « la clé est partagée ». 量子密钥分发 is the Chinese term.\n{ENGLISH}"
        );
        assert_eq!(judge(&text, english()), None);
    }

    #[test]
    fn french_and_russian_bodies_are_not_english() {
        let french = "Les réseaux de distribution quantique de clés ont besoin d'une gestion des clés entre les nœuds de confiance. Cette contribution propose un texte pour la clause sur la gestion des clés du livrable, avec les exigences relatives au relais des clés et à leur stockage.\n".repeat(3);
        let (share, what) = judge(&french, english()).expect("French");
        assert!(share > 0.5);
        assert_eq!(what, "French");
        let russian = "Сети квантового распределения ключей нуждаются в управлении ключами между доверенными узлами. Этот вклад предлагает текст для раздела об управлении ключами.\n".repeat(3);
        let (_, what) = judge(&russian, english()).expect("Russian");
        assert_eq!(what, "Cyrillic script");
    }

    #[test]
    fn short_text_is_not_judged() {
        assert_eq!(
            judge("Bonjour à tous, voici notre proposition.", english()),
            None
        );
    }

    #[test]
    fn the_meetings_language_is_what_counts() {
        let french = "Les réseaux de distribution quantique de clés ont besoin d'une gestion des clés entre les nœuds de confiance. Cette contribution propose un texte pour la clause sur la gestion des clés du livrable, avec les exigences relatives au relais des clés et à leur stockage.\n".repeat(3);
        assert_eq!(judge(&french, language("fr").unwrap()), None);
        let russian = "Сети квантового распределения ключей нуждаются в управлении ключами между доверенными узлами. Этот вклад предлагает текст для раздела об управлении ключами.\n".repeat(3);
        assert_eq!(judge(&russian, language("ru").unwrap()), None);
        let (_, what) = judge(&russian, language("fr").unwrap()).expect("not French");
        assert_eq!(what, "Cyrillic script");
    }
}
