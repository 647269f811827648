//! Every example in the README and in docs/ is run, and its output compared,
//! with trycmd (as cargo and clap test their docs): a ```console block holds
//! `$ insight …` lines, each followed by what it prints (stdout and stderr
//! together) and, when it is not 0, its exit code as `? 2`. `...` on a line of
//! its own stands for any lines, `[..]` for any text within a line.
//!
//! Each page runs in a sandbox of its own, its commands one after another:
//! a copy of the example journal (`examples/journal`), or an empty folder when
//! the page has the line `<!-- examples run in an empty folder -->`. Today is
//! 2026-12-07 (`INSIGHT_TODAY`), git has a fixed identity and clock, and
//! `git` may be run too. After a deliberate change, `TRYCMD=overwrite cargo
//! test --test main docs::` writes the new outputs into the pages, to be read
//! before they are committed.

use crate::common::{copy_dir, manifest_dir};
use std::path::{Path, PathBuf};
use std::time::Duration;

const EMPTY_FOLDER: &str = "<!-- examples run in an empty folder -->";

#[test]
fn the_examples_in_the_readme_and_the_docs_print_what_they_show() {
    let root = manifest_dir();
    let mut pages = vec![root.join("README.md")];
    pages.extend(markdown_files(&root.join("docs")));
    let sandbox = crate::common::TempDir::new("docs");
    let cases = trycmd::TestCases::new();
    for copy in stage(&pages, sandbox.path()) {
        cases.case(copy);
    }
    cases
        .register_bin("git", which("git"))
        // The pre-commit hook `insight init` installs runs `insight` by name.
        .env("PATH", path_with_insight_first())
        .timeout(Duration::from_secs(120))
        .env("INSIGHT_TODAY", "2026-12-07")
        .env("INSIGHT_JOURNAL", "")
        .env("INSIGHT_NO_CACHE", "")
        .env("NO_COLOR", "")
        .env("HOME", "/nonexistent")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Ann Berg")
        .env("GIT_AUTHOR_EMAIL", "ann@example.com")
        .env("GIT_COMMITTER_NAME", "Ann Berg")
        .env("GIT_COMMITTER_EMAIL", "ann@example.com")
        .env("GIT_AUTHOR_DATE", "2026-12-07T10:00:00+00:00")
        .env("GIT_COMMITTER_DATE", "2026-12-07T10:00:00+00:00")
        .env("GIT_CONFIG_COUNT", "2")
        .env("GIT_CONFIG_KEY_0", "init.defaultBranch")
        .env("GIT_CONFIG_VALUE_0", "main")
        .env("GIT_CONFIG_KEY_1", "user.name")
        .env("GIT_CONFIG_VALUE_1", "Ann Berg");
    cases.run();
    if std::env::var_os("TRYCMD").is_some_and(|mode| mode == "overwrite") {
        for (page, copy) in pages.iter().zip(staged_names(&pages, sandbox.path())) {
            std::fs::copy(&copy, page).expect("write the page back");
        }
    }
}

/// The Markdown pages under `dir` and its folders, in path order.
fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|entry| entry.expect("a docs entry").into_path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    pages
}

/// Where each page's copy goes: trycmd takes `NAME.in/` beside `NAME.md` as
/// the folder the commands start in, and with `NAME.out/` there it works on
/// a copy of it, so that a page's commands cannot change the repository.
fn staged_names(pages: &[PathBuf], sandbox: &Path) -> Vec<PathBuf> {
    pages
        .iter()
        .enumerate()
        .map(|(n, page)| {
            let stem = page
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("a page name");
            sandbox.join(format!("{n:02}-{stem}.md"))
        })
        .collect()
}

/// Copies each page into `sandbox` with its `.in/` and `.out/` folders.
fn stage(pages: &[PathBuf], sandbox: &Path) -> Vec<PathBuf> {
    let copies = staged_names(pages, sandbox);
    for (page, copy) in pages.iter().zip(&copies) {
        let text = std::fs::read_to_string(page).expect("read the page");
        std::fs::write(copy, &text).expect("copy the page");
        let start = copy.with_extension("in");
        if text.contains(EMPTY_FOLDER) {
            std::fs::create_dir_all(start.join("")).expect("make the folder");
            std::fs::write(start.join(".keep"), "").expect("keep the folder");
        } else {
            copy_dir(&manifest_dir().join("examples/journal"), &start);
        }
        let out = copy.with_extension("out");
        std::fs::create_dir_all(&out).expect("make the .out folder");
        std::fs::write(out.join(".keep"), "").expect("keep the .out folder");
    }
    copies
}

/// The PATH with the folder of the `insight` under test in front.
fn path_with_insight_first() -> String {
    let insight = std::path::Path::new(env!("CARGO_BIN_EXE_insight"));
    let path = std::env::var_os("PATH").unwrap_or_default();
    let folders = std::iter::once(insight.parent().expect("a folder").to_path_buf())
        .chain(std::env::split_paths(&path));
    let joined = std::env::join_paths(folders).expect("a PATH");
    joined.to_string_lossy().into_owned()
}

/// A program's path from the PATH, for trycmd to run by name.
fn which(program: &str) -> PathBuf {
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join(program))
        .find(|path| path.is_file())
        .unwrap_or_else(|| panic!("{program} is on the PATH"))
}

/// A command page that shows nothing at work would leave its command
/// untested: each has at least one example run above.
#[test]
fn every_command_page_runs_its_command() {
    for page in markdown_files(&manifest_dir().join("docs/commands")) {
        let text = std::fs::read_to_string(&page).unwrap();
        let name = page
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .replace('-', " ");
        let runs = text
            .lines()
            .filter(|line| line.starts_with("$ insight ") && line.contains(name.as_str()))
            .count();
        assert!(runs > 0, "{} runs no `insight {name}`", page.display());
    }
}

/// Every link from one page of the manual to another, and to a heading in
/// it, leads somewhere.
#[test]
fn the_links_between_pages_resolve() {
    let root = manifest_dir();
    let mut pages = vec![root.join("README.md")];
    pages.extend(markdown_files(&root.join("docs")));
    let mut broken = Vec::new();
    for page in &pages {
        let text = std::fs::read_to_string(page).unwrap();
        for target in links(&text) {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (file, anchor) = target.split_once('#').unwrap_or((&target, ""));
            let linked = if file.is_empty() {
                page.clone()
            } else {
                page.parent().unwrap().join(file)
            };
            let found = match (linked.exists(), anchor) {
                (false, _) => false,
                (true, "") => true,
                (true, anchor) => std::fs::read_to_string(&linked)
                    .map(|text| anchors(&text).contains(&anchor.to_string()))
                    .unwrap_or(false),
            };
            if !found {
                broken.push(format!("{}: {target}", page.display()));
            }
        }
    }
    assert!(broken.is_empty(), "{broken:#?}");
}

/// The targets of the Markdown links `[text](target)` outside code blocks.
fn links(text: &str) -> Vec<String> {
    let mut targets = Vec::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
        }
        if in_code {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let Some(end) = after.find(')') else { break };
            targets.push(after[..end].to_string());
            rest = &after[end..];
        }
    }
    targets
}

/// The anchors a page's headings get on GitHub: lower case, spaces as `-`,
/// punctuation but `-` and `_` dropped.
fn anchors(text: &str) -> Vec<String> {
    let mut in_code = false;
    let mut found = Vec::new();
    for line in text.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
        }
        let Some(heading) = line.strip_prefix('#').filter(|_| !in_code) else {
            continue;
        };
        let title = heading.trim_start_matches('#').trim();
        let anchor: String = title
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        found.push(anchor);
    }
    found
}
