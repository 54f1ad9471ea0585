//! Signals counted exactly, with the first few examples kept: hidden runs, tracked changes
//! (by kind and author, so that a finding says "3 insertions and 2 deletions by A. Example
//! (2020-03-02)"), comments and where they are anchored.

use serde::Serialize;

use super::place::Place;

/// Examples kept per signal; the count is always exact.
pub const MAX_EXAMPLES: usize = 5;
/// Authors of tracked changes kept per part.
const MAX_AUTHORS: usize = 16;
/// Comments described per part (author, date, opening words).
const MAX_COMMENTS: usize = 256;
/// Characters of a comment's text, or of the text it is anchored on, kept.
pub const COMMENT_CHARS: usize = 60;

/// An example occurrence of a signal.
#[derive(Clone, Debug, Serialize)]
pub struct Mark {
    pub kind: String,
    pub detail: Option<String>,
    pub place: Place,
}

/// Occurrences of one kind of signal: an exact count and the first few examples.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Marks {
    pub count: usize,
    pub examples: Vec<Mark>,
}

impl Marks {
    /// True while another example would be kept: details and places are formatted only then.
    pub fn wants_example(&self) -> bool {
        self.examples.len() < MAX_EXAMPLES
    }

    pub fn add(&mut self, kind: &str, detail: Option<String>, place: impl FnOnce() -> Place) {
        self.count += 1;
        if self.examples.len() < MAX_EXAMPLES {
            self.examples.push(Mark {
                kind: kind.to_string(),
                detail,
                place: place(),
            });
        }
    }
}

/// What a tracked change does, as Word's Reviewing pane groups them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    Insertion,
    Deletion,
    Move,
    Formatting,
}

impl ChangeKind {
    /// The kind of a revision element (`w:ins`, `w:del`, `w:rPrChange`...).
    pub fn of(local: &[u8]) -> ChangeKind {
        match local {
            b"ins" | b"cellIns" => ChangeKind::Insertion,
            b"del" | b"cellDel" => ChangeKind::Deletion,
            b"moveFrom" | b"moveTo" => ChangeKind::Move,
            _ => ChangeKind::Formatting,
        }
    }

    /// "1 insertion", "3 deletions", "2 moves", "1 formatting change".
    pub fn counted(self, count: usize) -> String {
        let (one, many) = match self {
            ChangeKind::Insertion => ("insertion", "insertions"),
            ChangeKind::Deletion => ("deletion", "deletions"),
            ChangeKind::Move => ("move", "moves"),
            ChangeKind::Formatting => ("formatting change", "formatting changes"),
        };
        if count == 1 {
            format!("1 {one}")
        } else {
            format!("{count} {many}")
        }
    }
}

/// An author of tracked changes and the earliest date written on one of theirs.
#[derive(Clone, Debug, Serialize)]
pub struct ChangeAuthor {
    pub name: String,
    /// `YYYY-MM-DD`, when the changes carry dates.
    pub first_date: Option<String>,
}

/// Tracked changes of a part: the marks, their count by kind, and who made them.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Revisions {
    pub marks: Marks,
    pub by_kind: Vec<(ChangeKind, usize)>,
    pub authors: Vec<ChangeAuthor>,
}

impl Revisions {
    pub fn count(&self) -> usize {
        self.marks.count
    }

    /// Notes one revision element. `place` is called only when an example is kept.
    pub fn add(
        &mut self,
        local: &[u8],
        author: Option<String>,
        date: Option<String>,
        place: impl FnOnce() -> Place,
    ) {
        let kind = ChangeKind::of(local);
        match self.by_kind.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, count)) => *count += 1,
            None => {
                self.by_kind.push((kind, 1));
                self.by_kind.sort();
            }
        }
        // A date is written 2020-03-02T10:00:00Z: the day is what a reader wants.
        let day = date.and_then(|d| d.get(..10).map(str::to_string));
        if let Some(name) = author.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            let room = self.authors.len() < MAX_AUTHORS;
            match self.authors.iter_mut().find(|a| a.name == name) {
                Some(known) => {
                    if let Some(day) = &day
                        && known.first_date.as_ref().is_none_or(|d| day < d)
                    {
                        known.first_date = Some(day.clone());
                    }
                }
                None if room => self.authors.push(ChangeAuthor {
                    name: name.to_string(),
                    first_date: day,
                }),
                None => {}
            }
        }
        let kind_name = String::from_utf8_lossy(local).into_owned();
        if self.marks.wants_example() {
            self.marks.add(&kind_name, author, place);
        } else {
            self.marks.count += 1;
        }
    }

    /// Merges another part's revisions (the document's total).
    pub fn absorb(&mut self, other: &Revisions) {
        self.marks.count += other.marks.count;
        for mark in &other.marks.examples {
            if self.marks.wants_example() {
                self.marks.examples.push(mark.clone());
            }
        }
        for (kind, count) in &other.by_kind {
            match self.by_kind.iter_mut().find(|(k, _)| k == kind) {
                Some((_, total)) => *total += count,
                None => self.by_kind.push((*kind, *count)),
            }
        }
        self.by_kind.sort();
        for author in &other.authors {
            let room = self.authors.len() < MAX_AUTHORS;
            match self.authors.iter_mut().find(|a| a.name == author.name) {
                Some(known) => {
                    if let Some(day) = &author.first_date
                        && known.first_date.as_ref().is_none_or(|d| day < d)
                    {
                        known.first_date = Some(day.clone());
                    }
                }
                None if room => self.authors.push(author.clone()),
                None => {}
            }
        }
    }

    /// "3 insertions and 2 deletions by A. Example (2020-03-02) and B. Example".
    pub fn describe(&self) -> String {
        let kinds: Vec<String> = self
            .by_kind
            .iter()
            .map(|(kind, count)| kind.counted(*count))
            .collect();
        let mut text = join_words(&kinds);
        if !self.authors.is_empty() {
            let shown: Vec<String> = self
                .authors
                .iter()
                .take(3)
                .map(|a| match &a.first_date {
                    Some(day) => format!("{} ({day})", a.name),
                    None => a.name.clone(),
                })
                .collect();
            text.push_str(" by ");
            text.push_str(&join_words(&shown));
            if self.authors.len() > 3 {
                text.push_str(&format!(" and {} more", self.authors.len() - 3));
            }
        }
        text
    }
}

/// "a", "a and b", "a, b and c".
pub fn join_words(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A comment as the comments part holds it.
#[derive(Clone, Debug, Serialize)]
pub struct CommentNote {
    pub id: String,
    pub author: String,
    /// `YYYY-MM-DD`, when dated.
    pub date: Option<String>,
    /// The comment's opening words.
    pub text: String,
}

/// Where the body anchors a comment: the text it is on and the paragraph it starts in.
#[derive(Clone, Debug, Serialize)]
pub struct CommentAnchor {
    pub id: String,
    /// The opening words of the text the comment is on (empty for a point comment).
    pub text: String,
    pub place: Place,
}

/// Comments: those a comments part holds, and where a story part anchors them.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Comments {
    /// Comments in this part (a comments part): exact count, the first few described.
    pub count: usize,
    pub notes: Vec<CommentNote>,
    /// Anchors in this part (the body, notes...).
    pub anchors: Vec<CommentAnchor>,
}

impl Comments {
    pub fn note(&mut self, note: CommentNote) {
        self.count += 1;
        if self.notes.len() < MAX_COMMENTS {
            self.notes.push(note);
        }
    }

    pub fn wants_anchor(&self) -> bool {
        self.anchors.len() < MAX_COMMENTS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracked_changes_are_described_as_word_groups_them() {
        let mut revisions = Revisions::default();
        for (local, author, date) in [
            (&b"ins"[..], "A. Example", "2020-03-02T10:00:00Z"),
            (b"ins", "A. Example", "2020-03-01T09:00:00Z"),
            (b"del", "A. Example", "2020-03-05T10:00:00Z"),
            (b"rPrChange", "B. Example", ""),
        ] {
            revisions.add(
                local,
                Some(author.into()),
                Some(date.into()),
                Place::default,
            );
        }
        assert_eq!(revisions.count(), 4);
        assert_eq!(
            revisions.describe(),
            "2 insertions, 1 deletion and 1 formatting change by A. Example (2020-03-01) and B. Example"
        );
    }

    #[test]
    fn words_join_as_a_reader_writes_them() {
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_words(&words(&["a"])), "a");
        assert_eq!(join_words(&words(&["a", "b", "c"])), "a, b and c");
    }
}
