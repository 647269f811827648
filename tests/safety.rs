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
    // An edit of several files needs a folder of its own to be safe: it
    // says so, and changes nothing.
    let run = insight_at(j.path(), &["tags", "rename", "mobile", "handheld"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("cannot keep the edit's files in"),
        "{}",
        run.stderr
    );
    assert_eq!(
        contents(&target),
        before,
        "an edit does not write through it either"
    );
    let listed = insight_at(j.path(), &["list", "--tag", "mobile", "--format", "paths"]);
    assert_eq!(listed.stdout, "visits/a.md\n");
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

/// A journal of `n` entries, each tagged `mobile`.
fn tagged_journal(name: &str, n: usize) -> TempDir {
    let dir = TempDir::new(name);
    fs::create_dir_all(dir.path().join("visits")).unwrap();
    fs::write(dir.path().join("insight.yaml"), "name: Kill\n").unwrap();
    for i in 0..n {
        let text = format!(
            "---\ndate: 2026-03-01\nkind: peer\nsite: Store {i}\ntags: [mobile, pricing]\n---\n# Visit {i}\n\n> What a customer said at store {i}.\n"
        );
        fs::write(dir.path().join(format!("visits/v{i:04}.md")), text).unwrap();
    }
    dir
}

/// How many entries still say `mobile`, and how many say `handheld`; and
/// every name in the journal that is not an entry or the index's folder.
fn tally(dir: &Path) -> (usize, usize, Vec<String>) {
    let (mut old, mut new, mut stray) = (0, 0, Vec::new());
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(dir)
            .unwrap()
            .display()
            .to_string();
        if rel.starts_with("visits/v") && rel.ends_with(".md") {
            let text = fs::read_to_string(entry.path()).unwrap();
            old += usize::from(text.contains("tags: [mobile, pricing]"));
            new += usize::from(text.contains("tags: [handheld, pricing]"));
        } else {
            let ours = ["insight.yaml", "visits"].contains(&rel.as_str())
                || (rel.starts_with(".insight") && !rel.starts_with(".insight/edit-"));
            if !ours {
                stray.push(rel);
            }
        }
    }
    (old, new, stray)
}

/// `tags rename`, killed at moments spread over the whole run (seeded, so
/// that a failure can be replayed), then any other command: the journal is
/// all old or all new, and nothing is left behind.
#[test]
fn a_rename_killed_at_any_moment_leaves_the_journal_all_old_or_all_new() {
    const ENTRIES: usize = 200;
    const ROUNDS: u64 = 24;
    let rename = |dir: &Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_insight"))
            .current_dir(dir)
            .env_clear()
            .args([
                "--today",
                "2026-11-22",
                "tags",
                "rename",
                "mobile",
                "handheld",
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    // How long a whole rename takes here, to spread the kills over it.
    let whole = tagged_journal("kill-timed", ENTRIES);
    let started = std::time::Instant::now();
    assert!(rename(whole.path()).wait().unwrap().success());
    let span = started.elapsed().mul_f64(1.2);
    assert_eq!(tally(whole.path()), (0, ENTRIES, Vec::new()));
    let mut seed: u64 = 26;
    let mut outcomes = Vec::new();
    for round in 0..ROUNDS {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let jitter = (seed >> 33) as f64 / (1u64 << 31) as f64;
        // Spread from a third of the way in to past the end: the last part,
        // from the plan to the end, is the one worth the most kills.
        let at = span.mul_f64(0.3 + 0.9 * (round as f64 + jitter) / ROUNDS as f64);
        let j = tagged_journal("kill", ENTRIES);
        let mut child = rename(j.path());
        std::thread::sleep(at);
        let _ = child.kill();
        child.wait().unwrap();
        let next = insight_at(j.path(), &["list", "--format", "paths"]);
        assert_eq!(
            next.code, 0,
            "round {round}, killed at {at:?}: {}",
            next.stderr
        );
        let (old, new, stray) = tally(j.path());
        assert!(
            (old, new) == (ENTRIES, 0) || (old, new) == (0, ENTRIES),
            "round {round}, killed at {at:?}: {old} old and {new} new entries"
        );
        assert_eq!(
            stray,
            Vec::<String>::new(),
            "round {round}, killed at {at:?}"
        );
        let finished_by_next = next.stderr.contains("it is completed now");
        outcomes.push(match (new == ENTRIES, finished_by_next) {
            (true, true) => "new, completed by the next command",
            (true, false) => "new",
            (false, _) => "old",
        });
    }
    eprintln!("kills over {span:?}: {outcomes:?}");
}

/// On a terminal, an edit that takes a while shows how far it has got; the
/// line is taken away at the end, and a pipe sees none of it.
#[test]
fn a_long_rename_shows_its_progress_on_a_terminal() {
    let j = tagged_journal("progress", 50);
    let screen = crate::common::on_terminal(
        j.path(),
        &[("INSIGHT_PROGRESS_AFTER_MS", "0")],
        &[
            "--today",
            "2026-11-22",
            "tags",
            "rename",
            "mobile",
            "handheld",
        ],
        None,
    );
    for shown in [
        "reading 50 of 50 files, ",
        "replacing 50 of 50 files, ",
        " s left\x1b[K",
    ] {
        assert!(screen.contains(shown), "{shown:?} not in {screen:?}");
    }
    assert!(
        screen.contains("\r\x1b[Kvisits/v0000.md:5: mobile -> handheld\n"),
        "{screen:?}"
    );
    assert!(screen.ends_with("renamed `mobile` to `handheld` in 50 entries (50 places)\n"));
    let piped = crate::common::insight_in(
        j.path(),
        &[("INSIGHT_PROGRESS_AFTER_MS", "0")],
        &[
            "--today",
            "2026-11-22",
            "tags",
            "rename",
            "handheld",
            "mobile",
        ],
    );
    assert_eq!(piped.stderr, "");
}

#[test]
fn a_long_read_and_export_show_their_progress_on_a_terminal() {
    let j = tagged_journal("progress-read", 50);
    let screen = crate::common::on_terminal(
        j.path(),
        &[("INSIGHT_PROGRESS_AFTER_MS", "0")],
        &["--no-cache", "list", "--format", "paths"],
        None,
    );
    assert!(screen.contains("reading 50 of 50 files, "), "{screen:?}");
    // The line is taken away before the list is printed.
    assert!(
        screen.contains(" s left\x1b[K\r\x1b[Kvisits/v0000.md\n"),
        "{screen:?}"
    );
    let screen = crate::common::on_terminal(
        j.path(),
        &[("INSIGHT_PROGRESS_AFTER_MS", "0")],
        &["export", "tables"],
        None,
    );
    assert!(screen.contains("building 7 of 7 tables, "), "{screen:?}");
    let piped = crate::common::insight_in(
        j.path(),
        &[("INSIGHT_PROGRESS_AFTER_MS", "0")],
        &["--no-cache", "list"],
    );
    assert_eq!(piped.stderr, "");
}

/// A disk that fills while a rename writes (here, a limit on the size of the
/// files it may write, which fails a write as a full disk does): nothing is
/// changed, and nothing is left behind.
#[test]
fn a_rename_that_cannot_write_changes_nothing() {
    let j = tagged_journal("full-disk", 20);
    let long = format!("\n{}\n", "> A long quote from a customer. ".repeat(200));
    for i in 0..20 {
        let path = j.path().join(format!("visits/v{i:04}.md"));
        let mut text = fs::read_to_string(&path).unwrap();
        text.push_str(&long);
        fs::write(path, text).unwrap();
    }
    let before = contents(j.path());
    // `ulimit -f 2`: no file over 1 KiB (POSIX sh's blocks are 512 bytes);
    // SIGXFSZ ignored, so that a write past it fails rather than kills.
    let run = std::process::Command::new("sh")
        .args(["-c", "trap '' XFSZ; ulimit -f 2; exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_insight"))
        .args(["--no-cache", "tags", "rename", "mobile", "handheld"])
        .current_dir(j.path())
        .env_clear()
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with("error: cannot write the new text of "),
        "{stderr}"
    );
    assert!(stderr.contains("; nothing was changed\n"), "{stderr}");
    assert_eq!(contents(j.path()), before, "every entry as it was");
    assert_eq!(
        tally(j.path()).2,
        Vec::<String>::new(),
        "nothing left behind"
    );
}
