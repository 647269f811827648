//! git's conflict markers, left in a file by a merge that was not finished:
//!
//! ```text
//! <<<<<<< HEAD
//! status: dropped
//! ||||||| base        (with merge.conflictStyle diff3 or zdiff3)
//! status: new
//! =======
//! status: planned
//! >>>>>>> ann
//! ```
//!
//! A `=======` line alone is a Markdown heading's underline: only the three
//! markers in their order make a conflict.

/// One conflict: where its markers are, and the two sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict<'a> {
    /// The 1-based lines of its first and last marker.
    pub first_line: usize,
    pub last_line: usize,
    /// What the markers name each side (`HEAD`, a branch), as written.
    pub ours: &'a str,
    pub theirs: &'a str,
    /// The lines of each side, without the markers.
    pub our_lines: Vec<&'a str>,
    pub their_lines: Vec<&'a str>,
}

/// Every conflict in `text`, in order.
pub fn conflicts(text: &str) -> Vec<Conflict<'_>> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        match conflict_at(&lines, at) {
            Some(conflict) => {
                at = conflict.last_line;
                found.push(conflict);
            }
            None => at += 1,
        }
    }
    found
}

/// The conflict whose first marker is line `start` (0-based), if it is one.
fn conflict_at<'a>(lines: &[&'a str], start: usize) -> Option<Conflict<'a>> {
    let ours = marker(lines[start], '<')?;
    let mut base = None;
    let mut middle = None;
    for (at, line) in lines.iter().enumerate().skip(start + 1) {
        if middle.is_none() && base.is_none() && marker(line, '|').is_some() {
            base = Some(at);
        } else if middle.is_none() && line.trim_end() == "=======" {
            middle = Some(at);
        } else if let (Some(middle), Some(theirs)) = (middle, marker(line, '>')) {
            let our_end = base.unwrap_or(middle);
            return Some(Conflict {
                first_line: start + 1,
                last_line: at + 1,
                ours,
                theirs,
                our_lines: lines[start + 1..our_end].to_vec(),
                their_lines: lines[middle + 1..at].to_vec(),
            });
        } else if marker(line, '<').is_some() {
            return None;
        }
    }
    None
}

/// The label after a marker of seven `sign`s (`<<<<<<< HEAD` → `HEAD`).
fn marker(line: &str, sign: char) -> Option<&str> {
    let rest = line.strip_prefix(&sign.to_string().repeat(7))?;
    match rest.chars().next() {
        None => Some(""),
        Some(' ') => Some(rest.trim()),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_both_sides_and_the_base_of_a_conflict() {
        let text = "a\n<<<<<<< HEAD\nstatus: dropped\n||||||| base\nstatus: new\n=======\nstatus: planned\n>>>>>>> ann\nb\n";
        assert_eq!(
            conflicts(text),
            [Conflict {
                first_line: 2,
                last_line: 8,
                ours: "HEAD",
                theirs: "ann",
                our_lines: vec!["status: dropped"],
                their_lines: vec!["status: planned"],
            }]
        );
    }

    #[test]
    fn a_heading_underline_is_not_a_conflict() {
        assert_eq!(conflicts("Title\n=======\n\ntext\n"), []);
        assert_eq!(conflicts("<<<<<<< HEAD\nnever closed\n=======\n"), []);
        assert_eq!(conflicts("<<<<<<<< eight\n=======\n>>>>>>> x\n"), []);
    }
}
