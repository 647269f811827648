//! Problems as a compiler reports them: `path:line:column: severity:
//! message`, with a `hint:` line below where there is a fix.

use std::fmt::Write;

use super::escape::escape_controls;
use crate::model::diagnostic::Diagnostic;

/// Each problem on its line, its hint below; control characters from a file
/// name or a value are shown as escapes.
pub fn diagnostics(found: &[Diagnostic]) -> String {
    let shown = |text: &str| escape_controls(text, false).into_owned();
    let mut out = String::new();
    for d in found {
        let _ = writeln!(out, "{}", shown(&d.to_string()));
        if let Some(hint) = &d.hint {
            let _ = writeln!(out, "  hint: {}", shown(hint));
        }
    }
    out
}
