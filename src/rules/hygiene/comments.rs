use crate::diag::{Finding, Location, Severity};
use crate::model::scan::{CommentAnchor, CommentNote};
use crate::rules::{Area, Context, Rule, RuleId};

pub static RULE: Rule = Rule {
    id: RuleId::Comments,
    code: "FG202",
    slug: "comments",
    severity: Severity::Warning,
    area: Area::Hygiene,
    summary: "the document holds reviewer comments",
    why: "Comments are internal discussion: once the contribution is posted every participant reads them, with their authors' names.",
    fix: "In Word: Review > Delete > Delete All Comments in Document, then save.",
    source: super::SOURCE,
    bad: "A reviewer's comment \"check this figure\" left on a paragraph.",
    good: "No comments; an empty comments part left behind by an editor is fine.",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let count = context.doc.comment_count();
    if count == 0 {
        return;
    }
    let notes: Vec<&CommentNote> = context
        .doc
        .other_parts
        .iter()
        .flat_map(|p| p.comments.notes.iter())
        .collect();
    let anchors: Vec<&CommentAnchor> = context
        .doc
        .all_parts()
        .flat_map(|p| p.comments.anchors.iter())
        .collect();
    let comments_part = context
        .doc
        .other_parts
        .iter()
        .find(|p| p.comments.count > 0)
        .map(|p| p.part.clone())
        .unwrap_or_default();
    // The first comment a reader meets: the first anchored in the text, else the first one.
    let first = anchors
        .iter()
        .find_map(|a| notes.iter().find(|n| n.id == a.id).map(|n| (*n, Some(*a))))
        .or_else(|| notes.first().map(|n| (*n, None)));
    let location = match first {
        Some((_, Some(anchor))) => super::at(&anchor.place),
        _ => Location::new(comments_part, "/w:comments", "comments"),
    };
    let mut found = super::plural(count, "comment", "comments");
    if let Some((note, anchor)) = first {
        let said = if note.text.is_empty() {
            "an empty comment".to_string()
        } else {
            format!("\"{}\"", note.text)
        };
        found.push_str(&format!(", first: {said}"));
        if !note.author.is_empty() {
            found.push_str(&format!(" by {}", note.author));
        }
        if let Some(date) = &note.date {
            found.push_str(&format!(" ({date})"));
        }
        if let Some(anchor) = anchor {
            if anchor.text.is_empty() {
                found.push_str(&format!(" at {}", anchor.place.anchor));
            } else {
                found.push_str(&format!(
                    " on \"{}\" in {}",
                    anchor.text, anchor.place.anchor
                ));
            }
        }
    }
    let authors: Vec<&str> = {
        let mut names: Vec<&str> = notes
            .iter()
            .map(|n| n.author.as_str())
            .filter(|a| !a.is_empty())
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    };
    let by = if authors.is_empty() {
        String::new()
    } else {
        format!(
            " by {}",
            authors
                .iter()
                .take(3)
                .copied()
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    out.push(
        context
            .finding(
                &RULE,
                format!(
                    "{}{by} left in the document",
                    super::plural(count, "comment", "comments")
                ),
                location,
            )
            .expected("no comments")
            .found(found),
    );
}
