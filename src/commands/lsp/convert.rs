//! Between the protocol's terms and insight's: positions (a line and a
//! column in UTF-16 code units, the protocol's default) and byte offsets;
//! `file:` URIs and paths; diagnostics, completions and fixes as the
//! protocol writes them.

use lsp_types::{
    CodeAction, CodeActionKind, CompletionItem, CompletionItemKind, CompletionTextEdit,
    Diagnostic as LspDiagnostic, DiagnosticSeverity, Location, NumberOrString, Position, Range,
    TextEdit, Uri, WorkspaceEdit,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::check::assist::complete::{self, Item};
use crate::check::assist::diagnose::span;
use crate::check::assist::fix::Fix;
use crate::check::assist::navigate::Target;
use crate::model::diagnostic::{Diagnostic, Severity};

/// The byte offset of `position` in `text`; past a line's end is its end.
pub fn offset(text: &str, position: Position) -> usize {
    let mut start = 0;
    for _ in 0..position.line {
        match text[start..].find('\n') {
            Some(end) => start += end + 1,
            None => return text.len(),
        }
    }
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let mut units = 0;
    for (at, c) in text[start..line_end].char_indices() {
        if units >= position.character as usize {
            return start + at;
        }
        units += c.len_utf16();
    }
    line_end
}

/// The position of byte `at` of `text`.
pub fn position(text: &str, at: usize) -> Position {
    let at = at.min(text.len());
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..line_start].matches('\n').count();
    Position::new(line as u32, utf16(&text[line_start..at]))
}

fn utf16(text: &str) -> u32 {
    text.chars().map(char::len_utf16).sum::<usize>() as u32
}

pub fn range(text: &str, bytes: std::ops::Range<usize>) -> Range {
    Range::new(position(text, bytes.start), position(text, bytes.end))
}

/// The file a `file:` URI names.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file://localhost/…` and `file:///…` both name a file here.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let bytes = rest.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied(),
            bytes.get(i + 2).copied(),
        ) {
            (b'%', Some(a), Some(b)) if hex(a).is_some() && hex(b).is_some() => {
                decoded.push((hex(a)? * 16 + hex(b)?) as u8);
                i += 3;
            }
            (b'?' | b'#', _, _) => break,
            (b, _, _) => {
                decoded.push(b);
                i += 1;
            }
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(decoded)))
    }
    #[cfg(not(unix))]
    {
        Some(PathBuf::from(String::from_utf8(decoded).ok()?))
    }
}

/// The `file:` URI of a path.
pub fn uri_of(path: &Path) -> Option<Uri> {
    let mut uri = String::from("file://");
    for &b in path.as_os_str().as_encoded_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(b as char)
            }
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    Uri::from_str(&uri).ok()
}

/// A diagnostic as an editor shows it: the hint on a line of its own
/// below the message, as `check` prints it.
pub fn diagnostic(text: &str, d: &Diagnostic) -> LspDiagnostic {
    let message = match &d.hint {
        Some(hint) => format!("{}\nhint: {hint}", d.message),
        None => d.message.clone(),
    };
    LspDiagnostic {
        range: range(text, span(text, d.line, d.column)),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.to_string())),
        source: Some("insight".into()),
        message,
        ..LspDiagnostic::default()
    }
}

pub fn completion(text: &str, number: usize, item: Item) -> CompletionItem {
    CompletionItem {
        kind: Some(match item.kind {
            complete::Kind::Key => CompletionItemKind::PROPERTY,
            complete::Kind::Value => CompletionItemKind::VALUE,
            complete::Kind::Placeholder => CompletionItemKind::SNIPPET,
        }),
        detail: item.detail,
        // Offered in the order given: most used first.
        sort_text: Some(format!("{number:05}")),
        filter_text: Some(item.label.clone()),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
            range(text, item.replace),
            item.insert,
        ))),
        label: item.label,
        ..CompletionItem::default()
    }
}

/// A place in another file (or this one), from the line it is on.
pub fn location(target: &Target) -> Option<Location> {
    let line = target.line.saturating_sub(1) as u32;
    let start = utf16(&target.line_text[..target.span.start]);
    let end = utf16(&target.line_text[..target.span.end]);
    Some(Location::new(
        uri_of(&target.file)?,
        Range::new(Position::new(line, start), Position::new(line, end)),
    ))
}

pub fn code_action(uri: &Uri, text: &str, fix: Fix) -> CodeAction {
    let edits = fix
        .edits
        .into_iter()
        .map(|(bytes, new)| TextEdit::new(range(text, bytes), new))
        .collect();
    CodeAction {
        title: fix.title,
        kind: Some(CodeActionKind::QUICKFIX),
        is_preferred: Some(fix.fixes.is_some()),
        diagnostics: fix.fixes.map(|d| vec![diagnostic(text, &d)]),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }),
        ..CodeAction::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units() {
        let text = "a\nz€𝄞x\n";
        let x = text.find('x').unwrap();
        assert_eq!(position(text, x), Position::new(1, 4));
        assert_eq!(offset(text, Position::new(1, 4)), x);
        assert_eq!(offset(text, Position::new(1, 99)), text.len() - 1);
        assert_eq!(offset(text, Position::new(9, 0)), text.len());
    }

    #[test]
    fn uris_and_paths() {
        let path = Path::new("/tmp/my journal/visits/été.md");
        let uri = uri_of(path).unwrap();
        assert_eq!(
            uri.as_str(),
            "file:///tmp/my%20journal/visits/%C3%A9t%C3%A9.md"
        );
        assert_eq!(path_of(&uri).unwrap(), path);
    }
}
