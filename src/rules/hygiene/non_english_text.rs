use std::collections::BTreeMap;

use whatlang::{Detector, Lang};

use crate::diag::{Finding, Location, Severity};
use crate::model::scan::ScriptCensus;
use crate::rules::{Area, Context, Rule};

pub static RULE: Rule = Rule {
    code: "FG209",
    slug: "non-english-text",
    severity: Severity::Warning,
    area: Area::Hygiene,
    summary: "most of the body text is not in English",
    why: "Focus group meetings work in English only, without interpretation or translation: an input in another language cannot be discussed. Only the body after the header tables is read; a few names, quotations or terms in other scripts or languages are normal and stay below the threshold. The check runs only for meetings whose language is English.",
    fix: "Send the English version of the contribution; a translation may be attached as a second file for information.",
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

/// What the body reads as, when it is clearly not English: (share, language or script).
pub(crate) fn judge(sample: &str) -> Option<(f64, String)> {
    let mut census = ScriptCensus::default();
    census.add(sample);
    let total = census.total();
    if total < MIN_LETTERS {
        return None;
    }
    // Scripts other than Latin for most letters: named by the largest of them.
    let foreign = total - census.latin;
    if foreign as f64 / total as f64 > MIN_SHARE {
        let script = census
            .ranked()
            .into_iter()
            .find(|(name, _)| *name != "Latin")
            .map_or("other", |(name, _)| name);
        return Some((foreign as f64 / total as f64, format!("{script} script")));
    }
    // Latin script: identify the language of the sample as a whole, then of each paragraph,
    // weighted by letters. Both must agree that most of the text is one language, not English.
    let detector = Detector::new();
    let whole = detector.detect(sample)?;
    if whole.lang() == Lang::Eng || !whole.is_reliable() || whole.confidence() < MIN_CONFIDENCE {
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
    let english = context
        .meeting
        .and_then(|m| m.language.as_deref())
        .is_some_and(|lang| {
            let lang = lang.trim().to_ascii_lowercase();
            lang == "en" || lang.starts_with("en-") || lang == "english"
        });
    if !english {
        return;
    }
    let body = &context.doc.body;
    let Some((share, what)) = judge(&body.sample) else {
        return;
    };
    let percent = (share * 100.0).round() as u32;
    out.push(
        context
            .finding(
                &RULE,
                format!("{percent}% of the body text reads as {what}, not English"),
                Location::new(body.part.clone(), "/w:document/w:body", "body text"),
            )
            .expected("English text (the meeting's language)")
            .found(format!(
                "{what}: {percent}% of {} letters read",
                letters(&body.sample)
            )),
    );
}

#[cfg(test)]
mod tests {
    use super::judge;

    const ENGLISH: &str = "Quantum key distribution networks need key management between trusted nodes. This contribution proposes text for the key management clause of the deliverable, with the requirements on key relay, key storage and the interfaces towards applications.\n";

    #[test]
    fn english_with_foreign_names_is_english() {
        let text = format!(
            "{ENGLISH}{ENGLISH}As Müller and Żółkowski (Zürich) noted, « la clé est partagée ». 量子密钥分发 is the Chinese term.\n{ENGLISH}"
        );
        assert_eq!(judge(&text), None);
    }

    #[test]
    fn french_and_russian_bodies_are_not_english() {
        let french = "Les réseaux de distribution quantique de clés ont besoin d'une gestion des clés entre les nœuds de confiance. Cette contribution propose un texte pour la clause sur la gestion des clés du livrable, avec les exigences relatives au relais des clés et à leur stockage.\n".repeat(3);
        let (share, what) = judge(&french).expect("French");
        assert!(share > 0.5);
        assert_eq!(what, "French");
        let russian = "Сети квантового распределения ключей нуждаются в управлении ключами между доверенными узлами. Этот вклад предлагает текст для раздела об управлении ключами.\n".repeat(3);
        let (_, what) = judge(&russian).expect("Russian");
        assert_eq!(what, "Cyrillic script");
    }

    #[test]
    fn short_text_is_not_judged() {
        assert_eq!(judge("Bonjour à tous, voici notre proposition."), None);
    }
}
