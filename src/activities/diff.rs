//! What an edit of a published activity changes, for the secretariat's review.

use similar::{ChangeTag, TextDiff};

/// One line of a diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// "added", "removed" or "same".
    pub kind: &'static str,
    pub text: String,
}

/// A field that changed, with its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDiff {
    pub field: &'static str,
    pub lines: Vec<Line>,
}

/// Line diffs of the fields that differ between the live text and the proposed one; fields
/// that are the same are left out.
pub fn fields(pairs: &[(&'static str, &str, &str)]) -> Vec<FieldDiff> {
    pairs
        .iter()
        .filter(|(_, live, proposed)| live != proposed)
        .map(|(field, live, proposed)| FieldDiff {
            field,
            lines: TextDiff::from_lines(*live, *proposed)
                .iter_all_changes()
                .map(|change| Line {
                    kind: match change.tag() {
                        ChangeTag::Insert => "added",
                        ChangeTag::Delete => "removed",
                        ChangeTag::Equal => "same",
                    },
                    text: change.value().trim_end_matches('\n').to_owned(),
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_fields_with_their_lines() {
        let diff = fields(&[
            ("title", "Same", "Same"),
            ("body", "one\ntwo\nthree\n", "one\n2\nthree\n"),
        ]);
        assert_eq!(diff.len(), 1);
        let kinds: Vec<_> = diff[0]
            .lines
            .iter()
            .map(|l| (l.kind, l.text.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("same", "one"),
                ("removed", "two"),
                ("added", "2"),
                ("same", "three")
            ]
        );
    }
}
