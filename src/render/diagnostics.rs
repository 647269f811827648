//! Problems as a compiler reports them: `path:line:column: severity:
//! message`, with a `hint:` line below where there is a fix.

use std::fmt::Write;

use super::escape::escape_controls;
use crate::model::diagnostic::{Diagnostic, Severity};

/// Each problem on its line, its hint below; control characters from a file
/// name or a value are shown as escapes. With `color`, the way compilers
/// paint them: the place bold, `error` red, `warning` yellow, `hint` cyan.
pub fn diagnostics(found: &[Diagnostic], color: bool) -> String {
    let shown = |text: &str| escape_controls(text, false).into_owned();
    let paint = |text: &str, ansi: &str| match color {
        true => format!("\x1b[{ansi}m{text}\x1b[0m"),
        false => text.to_string(),
    };
    let mut out = String::new();
    for d in found {
        let severity = match d.severity {
            Severity::Error => paint("error", "1;31"),
            Severity::Warning => paint("warning", "1;33"),
        };
        let place = paint(&format!("{}:", shown(&d.location())), "1");
        let _ = writeln!(out, "{place} {severity}: {}", shown(&d.message));
        if let Some(hint) = &d.hint {
            let _ = writeln!(out, "  {} {}", paint("hint:", "1;36"), shown(hint));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn painted_only_when_asked() {
        let found = [Diagnostic {
            path: "visits/a.md".into(),
            line: 3,
            column: 1,
            severity: Severity::Warning,
            code: "x",
            message: "tag `moble`".into(),
            hint: Some("did you mean `mobile`?".into()),
        }];
        assert_eq!(
            diagnostics(&found, false),
            "visits/a.md:3:1: warning: tag `moble`\n  hint: did you mean `mobile`?\n"
        );
        assert_eq!(
            diagnostics(&found, true),
            "\x1b[1mvisits/a.md:3:1:\x1b[0m \x1b[1;33mwarning\x1b[0m: tag `moble`\n  \x1b[1;36mhint:\x1b[0m did you mean `mobile`?\n"
        );
    }
}
