//! Problems found in journal files, reported the way a compiler does.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem in one file, at a 1-based line and column of the file itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Relative to the journal root, `/`-separated.
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    /// A short machine-readable name for the kind of problem.
    pub code: &'static str,
    pub message: String,
    /// What to do about it, when there is something to say.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(
        path: &str,
        line: usize,
        column: usize,
        code: &'static str,
        message: String,
    ) -> Self {
        Diagnostic {
            path: path.to_string(),
            line,
            column,
            severity: Severity::Error,
            code,
            message,
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// `path:line:column`, the part editors and terminals turn into a link.
    pub fn location(&self) -> String {
        format!("{}:{}:{}", self.path, self.line, self.column)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.location(),
            self.severity,
            self.message
        )
    }
}

/// The one line that commands other than `check` print when entries were skipped:
/// how many, and where the first few are, so the user can go straight there.
pub fn skipped_summary(diagnostics: &[Diagnostic]) -> Option<String> {
    const SHOWN: usize = 3;
    let mut skipped: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    // One entry may carry several errors; it is skipped once.
    skipped.dedup_by(|a, b| a.path == b.path);
    if skipped.is_empty() {
        return None;
    }
    let count = skipped.len();
    let noun = if count == 1 { "entry" } else { "entries" };
    let named: Vec<String> = skipped
        .iter()
        .take(SHOWN)
        .map(|d| format!("{} ({})", d.location(), d.message))
        .collect();
    let more = if count > SHOWN {
        format!(" and {} more", count - SHOWN)
    } else {
        String::new()
    };
    Some(format!(
        "skipped {count} {noun} with errors: {}{more}; `insight check` explains each",
        named.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(path: &str, line: usize) -> Diagnostic {
        Diagnostic::error(path, line, 1, "test", format!("bad {line}"))
    }

    #[test]
    fn displays_like_a_compiler() {
        assert_eq!(
            err("visits/a.md", 3).to_string(),
            "visits/a.md:3:1: error: bad 3"
        );
    }

    #[test]
    fn summary_counts_entries_not_errors() {
        let diags = vec![err("a.md", 1), err("a.md", 2), err("b.md", 4)];
        assert_eq!(
            skipped_summary(&diags).unwrap(),
            "skipped 2 entries with errors: a.md:1:1 (bad 1); b.md:4:1 (bad 4); `insight check` explains each"
        );
    }

    #[test]
    fn summary_names_the_first_three() {
        let diags: Vec<_> = (1..=5).map(|i| err(&format!("{i}.md"), i)).collect();
        let summary = skipped_summary(&diags).unwrap();
        assert!(summary.starts_with("skipped 5 entries"));
        assert!(
            summary.ends_with("3.md:3:1 (bad 3) and 2 more; `insight check` explains each"),
            "{summary}"
        );
    }

    #[test]
    fn no_summary_without_errors() {
        assert_eq!(skipped_summary(&[]), None);
    }
}
