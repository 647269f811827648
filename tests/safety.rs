//! Nothing lost, nothing leaked: insight never writes through a link it did
//! not make, shows nothing raw that could move a terminal's cursor or turn
//! its text around, reads what git holds as it reads the working tree, and
//! says what it means in its messages.

use crate::common::{TempDir, git, insight_at};
use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;

/// A journal in a fresh folder: settings, and entries as `(name, text)`.
fn journal(name: &str, entries: &[(&str, &[u8])]) -> TempDir {
    let dir = TempDir::new(name);
    fs::create_dir_all(dir.path().join("visits")).unwrap();
    fs::write(dir.path().join("insight.yaml"), "name: Safety\n").unwrap();
    for (file, text) in entries {
        let path = dir.path().join("visits").join(file);
        fs::write(path, text).unwrap();
    }
    dir
}

fn entry(site: &str) -> String {
    format!(
        "---\ndate: 2026-03-01\nkind: peer\nsite: {site}\npeople: [Ann]\ntags: [mobile]\n---\n# Visit\n"
    )
}

/// The files below `dir` with their bytes, in name order.
fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut found: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let name = e.path().strip_prefix(dir).unwrap().display().to_string();
            (name, fs::read(e.path()).unwrap())
        })
        .collect();
    found.sort();
    found
}

#[test]
fn a_committed_insight_link_is_never_written_through() {
    let j = journal("link-index", &[("a.md", entry("Cub Foods").as_bytes())]);
    // What a hostile commit could point the index at: git's own folder.
    let target = j.path().join("target");
    fs::create_dir(&target).unwrap();
    fs::write(target.join("index"), "git's index: keep me").unwrap();
    symlink("target", j.path().join(".insight")).unwrap();
    let before = contents(&target);
    let expected = insight_at(j.path(), &["--no-cache", "list", "--format", "paths"]).ok();
    for _ in 0..2 {
        let run = insight_at(j.path(), &["list", "--format", "paths", "--text", "visit"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(run.stdout, expected);
        assert_eq!(
            run.stderr,
            "warning: .insight is a symbolic link, not a folder insight made: the index is not used, \
             and nothing is written through it\nhint: remove the link (`rm .insight`); insight makes its own folder\n"
        );
    }
    assert_eq!(
        contents(&target),
        before,
        "nothing was written through the link"
    );
    let run = insight_at(j.path(), &["tags", "rename", "mobile", "handheld"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        contents(&target),
        before,
        "an edit does not write through it either"
    );
}

#[test]
fn an_insight_file_is_not_a_folder_and_is_left_alone() {
    let j = journal("file-index", &[("a.md", entry("Cub Foods").as_bytes())]);
    fs::write(j.path().join(".insight"), "not a folder").unwrap();
    let run = insight_at(j.path(), &["list", "--format", "paths"]);
    assert_eq!(run.stdout, "visits/a.md\n");
    assert!(
        run.stderr.starts_with("warning: .insight is not a folder"),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read(j.path().join(".insight")).unwrap(),
        b"not a folder"
    );
}

#[test]
fn the_gitignore_of_a_new_journal_ignores_the_index_in_any_form() {
    let dir = TempDir::new("gitignore");
    insight_at(dir.path(), &["init"]).ok();
    let ignore = fs::read_to_string(dir.path().join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == ".insight"), "{ignore}");
    assert!(!ignore.lines().any(|l| l == ".insight/"), "{ignore}");
}

/// A site, title, body, person and tag that try to retitle the terminal,
/// clear it, ring it, and turn the text after them around.
const HOSTILE: &str = "---\ndate: 2026-03-01\nkind: peer\nsite: \"\\e]0;pwned\\a\\e[2J\u{202e}site\"\n\
    people: [\"Ann \\e[31m\"]\ntags: [\"mo\\ebile\"]\ntitle: \"T\\e[5m\u{202e}\"\n---\nBody \u{1b}[2J \u{202e} end\n";

#[test]
fn show_escapes_every_control_character() {
    let j = journal("show-controls", &[("a.md", HOSTILE.as_bytes())]);
    let run = insight_at(j.path(), &["show", "a.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for raw in ['\x1b', '\x07', '\u{202e}'] {
        assert!(!run.stdout.contains(raw), "raw {raw:?} in:\n{}", run.stdout);
    }
    assert!(
        run.stdout
            .contains("\\x1b]0;pwned\\x07\\x1b[2J\\u{202e}site"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Ann \\x1b[31m"), "{}", run.stdout);
    assert!(
        run.stdout.contains("Body \\x1b[2J \\u{202e} end"),
        "{}",
        run.stdout
    );
    // JSON carries the text as it is, escaped as JSON escapes it.
    let json = insight_at(j.path(), &["show", "a.md", "--format", "json"]).ok();
    let site = r#""site": "\u001b]0;pwned\u0007\u001b[2J\u202esite""#;
    assert!(json.contains(site), "{json}");
}

#[test]
fn a_right_to_left_override_is_shown_escaped_in_every_table() {
    let j = journal("bidi", &[("a.md", HOSTILE.as_bytes())]);
    for args in [
        &["list"][..],
        &["report", "--year", "2026"],
        &["tags"],
        &["people"],
    ] {
        let run = insight_at(j.path(), args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert!(
            !run.stdout.contains('\u{202e}'),
            "{args:?}:\n{}",
            run.stdout
        );
        assert!(!run.stdout.contains('\x1b'), "{args:?}:\n{}", run.stdout);
    }
}

#[test]
fn a_line_break_in_a_file_name_is_shown_escaped() {
    let with_idea =
        "---\ndate: 2026-03-01\nkind: peer\nsite: S\nideas: [{id: lift, title: A lift}]\n---\n";
    let j = journal(
        "newline-names",
        &[
            ("new\nline.md", with_idea.as_bytes()),
            ("bad\nname.md", b"---\ndate: nope\n---\n"),
        ],
    );
    let ideas = insight_at(j.path(), &["ideas"]);
    assert!(ideas.stdout.contains("new\\nline"), "{}", ideas.stdout);
    assert_eq!(
        ideas.stderr.lines().last().unwrap_or(""),
        "warning: skipped 1 entry with errors: visits/bad\\nname.md:2:1 (`date`: `nope` is not a valid date); `insight check` explains each"
    );
    let story = insight_at(j.path(), &["ideas", "lift"]);
    assert!(
        story.stdout.contains("visits/new\\nline.md"),
        "{}",
        story.stdout
    );
    assert_eq!(
        story.stdout.matches('\n').count(),
        story.stdout.lines().count()
    );
    assert!(!story.stdout.contains("new\nline"), "{}", story.stdout);
    let show = insight_at(j.path(), &["show", "bad"]);
    assert_eq!(show.code, 2);
    assert!(
        show.stderr
            .starts_with("error: visits/bad\\nname.md cannot be shown"),
        "{}",
        show.stderr
    );
}

#[test]
fn nothing_in_a_list_is_nothing() {
    let text = "---\ndate: 2026-03-01\nkind: peer\nsite: S\npeople: [~, null, Ann]\ntags: [~, mobile]\n---\n";
    let j = journal("null-items", &[("a.md", text.as_bytes())]);
    let json = insight_at(j.path(), &["list", "--format", "json"]).ok();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value[0]["people"], serde_json::json!(["Ann"]));
    assert_eq!(value[0]["tags"], serde_json::json!(["mobile"]));
    let check = insight_at(j.path(), &["check"]);
    assert_eq!(
        check.stdout,
        "visits/a.md:5:1: warning: `people` has an empty item (`~` or `null`), which is left out\n\
         \x20 hint: remove it, or write the name it stands for\n\
         visits/a.md:6:1: warning: `tags` has an empty item (`~` or `null`), which is left out\n\
         \x20 hint: remove it, or write the name it stands for\n\
         checked 1 entry: 2 warnings\n"
    );
}

#[test]
fn an_include_is_named_as_it_is_written() {
    let dir = TempDir::new("include-names");
    let j = dir.path().join("j");
    fs::create_dir_all(j.join("visits")).unwrap();
    for (include, says) in [
        (
            "..",
            "`include: ..` names {parent}, which is not a journal (it has no insight.yaml)",
        ),
        (
            "../nope",
            "`include: ../nope` names {parent}/nope, which does not exist",
        ),
    ] {
        fs::write(j.join("insight.yaml"), format!("include: [{include}]\n")).unwrap();
        let run = insight_at(dir.path(), &["--journal", "j", "list"]);
        assert_eq!(run.code, 2);
        let says = says.replace("{parent}", &dir.path().display().to_string());
        assert_eq!(
            run.stderr,
            format!(
                "error: j/insight.yaml: {says}\n\
                 hint: give the path of a journal's folder, relative to this insight.yaml\n"
            )
        );
    }
}

#[test]
fn a_dangling_link_that_is_not_an_entry_is_passed_over() {
    let j = journal("dangling-note", &[("a.md", entry("S").as_bytes())]);
    symlink("nowhere.txt", j.path().join("visits/notes.txt")).unwrap();
    let run = insight_at(j.path(), &["check"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "checked 1 entry: no problems\n")
    );
}

/// A repository whose journal is at its top, one commit on `main`.
fn repository(name: &str, entries: &[(&[u8], &[u8])]) -> TempDir {
    use std::os::unix::ffi::OsStrExt;
    let dir = TempDir::new(name);
    git(dir.path(), &["init", "-q", "-b", "main"]);
    fs::create_dir_all(dir.path().join("visits")).unwrap();
    fs::write(dir.path().join("insight.yaml"), "name: Git\n").unwrap();
    for (file, text) in entries {
        let path = dir
            .path()
            .join("visits")
            .join(std::ffi::OsStr::from_bytes(file));
        fs::write(path, text).unwrap();
    }
    dir
}

#[test]
fn a_staged_entry_whose_name_is_not_utf8_is_checked() {
    let broken = b"---\ndate: 2026-13-01\nkind: peer\nsite: S\n---\n";
    let dir = repository("staged-latin1", &[(b"a.md", entry("S").as_bytes())]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-qm", "first"]);
    let name = std::ffi::OsStr::new(std::str::from_utf8(b"caf").unwrap()).to_owned();
    let mut name = name.into_encoded_bytes();
    name.extend_from_slice(b"\xe9.md");
    use std::os::unix::ffi::OsStrExt;
    fs::write(
        dir.path()
            .join("visits")
            .join(std::ffi::OsStr::from_bytes(&name)),
        broken,
    )
    .unwrap();
    git(dir.path(), &["add", "-A"]);
    let staged = insight_at(dir.path(), &["check", "--staged"]);
    assert_eq!(staged.code, 1, "{}", staged.stdout);
    assert_eq!(
        staged.stdout,
        "visits/caf\\xe9.md:2:1: error: `date`: `2026-13-01` is not a valid date\n\
         \x20 hint: write the date as YYYY-MM-DD, e.g. `date: 2026-11-20`\n\
         checked 1 staged entry: 1 error\n"
    );
    git(dir.path(), &["commit", "-qm", "second"]);
    let diff = insight_at(dir.path(), &["diff", "HEAD~1..HEAD", "--format", "json"]).ok();
    let value: serde_json::Value = serde_json::from_str(&diff).unwrap();
    assert_eq!(value["entries"][0]["path"], "visits/caf\\xe9.md", "{diff}");
    assert_eq!(value["entries"][0]["change"], "added");
}

#[test]
fn both_sides_of_a_diff_read_a_committed_link_alike() {
    let dir = repository("diff-link", &[(b"b.md", entry("Elsewhere").as_bytes())]);
    fs::write(dir.path().join("a.md"), entry("Linked")).unwrap();
    symlink("../a.md", dir.path().join("visits/link.md")).unwrap();
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-qm", "with a link"]);
    let diff = insight_at(dir.path(), &["diff", "--format", "json"]).ok();
    let value: serde_json::Value = serde_json::from_str(&diff).unwrap();
    assert_eq!(value["entries"], serde_json::json!([]), "{diff}");
    assert_eq!(value["totals"]["before"]["entries"], 2, "{diff}");
    assert_eq!(value["totals"]["after"]["entries"], 2, "{diff}");
}

#[test]
fn both_sides_of_a_diff_pass_over_a_submodule_alike() {
    let dir = repository("diff-submodule", &[(b"b.md", entry("Here").as_bytes())]);
    let team = dir.path().join("visits/team");
    fs::create_dir_all(&team).unwrap();
    git(&team, &["init", "-q", "-b", "main"]);
    fs::write(team.join("x.md"), entry("Theirs")).unwrap();
    git(&team, &["add", "-A"]);
    git(&team, &["commit", "-qm", "theirs"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-qm", "with a repository inside"]);
    let diff = insight_at(dir.path(), &["diff", "--format", "json"]).ok();
    let value: serde_json::Value = serde_json::from_str(&diff).unwrap();
    assert_eq!(value["entries"], serde_json::json!([]), "{diff}");
    assert_eq!(value["totals"]["after"]["entries"], 1, "{diff}");
    let check = insight_at(dir.path(), &["check"]);
    assert_eq!(
        check.stdout,
        "visits/team:1:1: warning: another git repository (a submodule?): its files are not read as entries\n\
         \x20 hint: to read another team's journal with this one, name its folder under `include:` in insight.yaml\n\
         checked 1 entry: 1 warning\n"
    );
}
