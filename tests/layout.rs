//! The house rules of `src/`, checked on every `cargo test`: one folder per
//! stage, at most a dozen entries at the top, no file over 900 lines, no
//! module that imports one that imports it back, stages that import only
//! the stages below them, commands that never import each other, and pure
//! stages that never touch the disk. docs/development.md draws the layout.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each stage (a folder or a file at the top of `src/`) and its height:
/// a module may import modules of its own height or lower, never higher.
const STAGES: &[(&str, u8)] = &[
    ("error", 0),
    ("parse", 1),
    ("model", 2),
    ("read", 3),
    ("query", 3),
    ("aggregate", 4),
    ("check", 5),
    ("edit", 5),
    ("render", 5),
    ("commands", 6),
];

/// The stages that take data and return data: no file system in them.
const PURE: &[&str] = &["query", "aggregate", "render"];

/// The modules of `commands/` that are not a subcommand: what every
/// subcommand may share.
const COMMAND_HELPERS: &[&str] = &["candidates", "context", "filters", "output"];

#[test]
fn src_has_at_most_a_dozen_entries_at_the_top() {
    let entries: Vec<String> = std::fs::read_dir(src())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        entries.len() <= 12,
        "{} entries: {entries:?}",
        entries.len()
    );
}

#[test]
fn no_source_file_is_over_900_lines() {
    let long: Vec<String> = sources()
        .iter()
        .filter(|(_, text)| text.lines().count() > 900)
        .map(|(module, text)| format!("{module}: {} lines", text.lines().count()))
        .collect();
    assert!(long.is_empty(), "{long:?}");
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let graph = imports();
    let circles = circles(&graph);
    assert!(circles.is_empty(), "circles of imports: {circles:#?}");
}

#[test]
fn stages_import_only_the_stages_below_them() {
    let mut wrong = Vec::new();
    for (module, imported) in imports() {
        for other in imported {
            if height(&other) > height(&module) {
                wrong.push(format!("{module} imports {other}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn no_command_imports_another() {
    let subcommand = |module: &str| -> Option<String> {
        let name = module.strip_prefix("commands::")?.split("::").next()?;
        (!COMMAND_HELPERS.contains(&name)).then(|| name.to_string())
    };
    let mut wrong = Vec::new();
    for (module, imported) in imports() {
        let Some(own) = subcommand(&module) else {
            continue;
        };
        for other in imported {
            if subcommand(&other).is_some_and(|name| name != own) {
                wrong.push(format!("{module} imports {other}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn the_pure_stages_never_touch_the_disk() {
    let disk = [
        "std::fs",
        "fs::",
        "File::",
        "canonicalize(",
        "read_dir(",
        "OpenOptions",
    ];
    let mut wrong = Vec::new();
    for (module, text) in sources() {
        if !PURE.contains(&stage(&module)) {
            continue;
        }
        let code = without_tests(&strip_comments_and_strings(&text));
        for word in disk.iter().filter(|word| code.contains(*word)) {
            wrong.push(format!("{module} uses {word}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// The rules hold the layout to its shape only if they see the imports:
/// check them on a few that are known.
#[test]
fn the_imports_are_read_as_written() {
    let graph = imports();
    let of = |module: &str| graph.get(module).cloned().unwrap_or_default();
    assert!(
        of("commands::list").contains("query"),
        "{:?}",
        of("commands::list")
    );
    assert!(of("read::worktree").contains("read::cache::index"));
    assert!(of("model::entry").contains("parse::frontmatter"));
    let code = "use crate::{a::b, c::{d, e::f}};\nlet x = super::g::h();\n";
    let found = references(
        "x::y",
        code,
        &["a::b", "c::d", "c::e", "x::g"].map(String::from),
    );
    assert_eq!(
        found,
        BTreeSet::from(["a::b", "c::d", "c::e", "x::g"].map(String::from))
    );
}

fn src() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))
}

/// Every module of the library (not `main.rs`) by path, with its text.
fn sources() -> BTreeMap<String, String> {
    let mut modules = BTreeMap::new();
    for entry in walkdir::WalkDir::new(src()) {
        let path = entry.unwrap().into_path();
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("src/main.rs") {
            continue;
        }
        let relative = path.strip_prefix(src()).unwrap().with_extension("");
        let mut parts: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
            parts.pop();
        }
        modules.insert(parts.join("::"), std::fs::read_to_string(&path).unwrap());
    }
    modules
}

/// Each module and the other modules it names, outside its tests.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let sources = sources();
    let modules: Vec<String> = sources.keys().cloned().collect();
    sources
        .iter()
        .map(|(module, text)| {
            let code = without_tests(&strip_comments_and_strings(text));
            let mut found = references(module, &code, &modules);
            found.retain(|other| other != module);
            (module.clone(), found)
        })
        .collect()
}

/// The modules that `code` of `module` names: `crate::` paths (with their
/// `{…}` groups), `super::` and `self::` paths, its own child modules named
/// bare, and modules it brought in with `use` named by their last part; each
/// path taken to the longest module it starts with.
fn references(module: &str, code: &str, modules: &[String]) -> BTreeSet<String> {
    let children: Vec<(String, String)> = modules
        .iter()
        .filter_map(|m| m.strip_prefix(module)?.strip_prefix("::"))
        .filter(|rest| !rest.contains("::"))
        .map(|child| (child.to_string(), join(module, child)))
        .collect();
    let named = paths_named(module, code, &children);
    // `use crate::read::cache;` then `cache::index::Index`.
    let mut bare = children;
    for path in named.iter().filter(|path| modules.contains(path)) {
        let last = path.rsplit("::").next().unwrap_or(path);
        bare.push((last.to_string(), path.clone()));
    }
    paths_named(module, code, &bare)
        .iter()
        .chain(&named)
        .filter_map(|path| longest_module(path, modules))
        .collect()
}

/// The paths `code` of `module` spells out, with `bare` names (a child, a
/// module brought in by `use`) standing for the modules they name.
fn paths_named(module: &str, code: &str, bare: &[(String, String)]) -> Vec<String> {
    let parent = module.rsplit_once("::").map_or("", |(p, _)| p);
    let bytes = code.as_bytes();
    let mut paths = Vec::new();
    let mut at = 0;
    while at < code.len() {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        let word_start =
            before.is_none_or(|b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b':'));
        let rest = &code[at..];
        let base = match () {
            _ if !word_start => None,
            _ if rest.starts_with("crate::") => Some(("", "crate::".len())),
            _ if rest.starts_with("super::") => Some((parent, "super::".len())),
            _ if rest.starts_with("self::") => Some((module, "self::".len())),
            _ => bare
                .iter()
                .find(|(name, _)| {
                    rest.starts_with(name.as_str()) && rest[name.len()..].starts_with("::")
                })
                .map(|(name, path)| (path.as_str(), name.len() + 2)),
        };
        match base {
            Some((base, skip)) => {
                let (tree, length) = path_tree(&rest[skip..]);
                paths.extend(tree.iter().map(|path| join(base, path)));
                at += skip + length.max(1);
            }
            None => at += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    paths
}

/// The paths a use-tree spells from its start (`a::b`, `a::{b, c::d}`),
/// and how many bytes it took.
fn path_tree(text: &str) -> (Vec<String>, usize) {
    let ident_end = |s: &str| {
        s.find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(s.len())
    };
    let mut at = 0;
    let mut prefix = String::new();
    loop {
        let rest = &text[at..];
        if rest.starts_with('{') {
            at += 1;
            let mut paths = Vec::new();
            loop {
                let rest = &text[at..];
                let item = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
                at += rest.len() - item.len();
                if item.is_empty() || item.starts_with('}') {
                    at += usize::from(!item.is_empty());
                    return (paths, at);
                }
                let (tree, length) = path_tree(item);
                paths.extend(tree.iter().map(|path| join(&prefix, path)));
                // A `*` or an `as` reads as nothing: step over it.
                at += length.max(1);
            }
        }
        let length = ident_end(rest);
        if length == 0 {
            return (vec![prefix], at);
        }
        prefix = join(&prefix, &rest[..length]);
        at += length;
        match text[at..].strip_prefix("::") {
            Some(_) => at += 2,
            None => return (vec![prefix], at),
        }
    }
}

fn join(base: &str, path: &str) -> String {
    match (base.is_empty(), path.is_empty() || path == "self") {
        (_, true) => base.to_string(),
        (true, false) => path.to_string(),
        (false, false) => format!("{base}::{path}"),
    }
}

fn longest_module(path: &str, modules: &[String]) -> Option<String> {
    let mut candidate = path;
    loop {
        if modules.iter().any(|m| m == candidate) {
            return Some(candidate.to_string());
        }
        candidate = candidate.rsplit_once("::")?.0;
    }
}

fn stage(module: &str) -> &str {
    module.split("::").next().unwrap_or("")
}

/// A stage's height; the crate's root (`lib.rs`) is above every stage, so
/// that nothing below `commands` reaches for what it defines.
fn height(module: &str) -> u8 {
    STAGES
        .iter()
        .find(|(name, _)| *name == stage(module))
        .map_or(u8::MAX, |(_, height)| *height)
}

/// The cycles of `graph`, each as the modules on it.
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut done = BTreeSet::new();
    for start in graph.keys() {
        let mut path = vec![start.clone()];
        walk(graph, &mut path, &mut done, &mut found);
        done.insert(start.clone());
    }
    found
}

fn walk(
    graph: &BTreeMap<String, BTreeSet<String>>,
    path: &mut Vec<String>,
    done: &mut BTreeSet<String>,
    found: &mut Vec<Vec<String>>,
) {
    let here = path.last().unwrap().clone();
    for next in graph.get(&here).into_iter().flatten() {
        if done.contains(next) {
            continue;
        }
        if let Some(at) = path.iter().position(|m| m == next) {
            let circle = path[at..].to_vec();
            if !found.iter().any(|c: &Vec<String>| same_circle(c, &circle)) {
                found.push(circle);
            }
            continue;
        }
        path.push(next.clone());
        walk(graph, path, done, found);
        path.pop();
        done.insert(next.clone());
    }
}

fn same_circle(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().collect::<BTreeSet<_>>() == b.iter().collect::<BTreeSet<_>>()
}

/// The code without its test module (by the crate's convention, the
/// `#[cfg(test)] mod tests` at the end of a file) and without other
/// items marked `#[cfg(test)]`.
fn without_tests(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        rest = skip_item(&rest[at + "#[cfg(test)]".len()..]);
    }
    out.push_str(rest);
    out
}

/// What follows the item at the start of `code`: up to its `;`, or past the
/// braces of its body.
fn skip_item(code: &str) -> &str {
    let mut depth = 0usize;
    for (at, c) in code.char_indices() {
        match c {
            ';' if depth == 0 => return &code[at + 1..],
            '{' => depth += 1,
            // The end of the block the item stands in: it had no body.
            '}' if depth == 0 => return &code[at..],
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return &code[at + 1..];
                }
            }
            _ => {}
        }
    }
    ""
}

/// The code with comments taken out and string and character literals
/// emptied, so that neither a doc link nor a `{` in a string counts.
fn strip_comments_and_strings(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !ident_before(&chars, i) {
            let hashes = chars[i + 1..].iter().take_while(|&&h| h == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            i += 2 + hashes;
            while i < chars.len() {
                if chars[i] == '"'
                    && chars[i + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|&&h| h == '#')
                        .count()
                        == hashes
                {
                    i += 1 + hashes;
                    break;
                }
                i += 1;
            }
            out.push_str("\"\"");
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && is_char_literal(&chars, i) {
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// Whether the `'` at `i` opens a character literal rather than a lifetime.
fn is_char_literal(chars: &[char], i: usize) -> bool {
    matches!(
        (chars.get(i + 1), chars.get(i + 2)),
        (Some('\\'), _) | (Some(_), Some('\''))
    )
}
