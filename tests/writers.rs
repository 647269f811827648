//! Every mistake caught where it is typed: a file checked as a whole in one
//! round, a merge left half done, settings typed as one text, a filter that
//! matches nothing, a value `new` or `tags rename` would write wrong.

use crate::common::{TempDir, git, insight_at};
use std::fs;

/// A journal with `settings` and entries as `(name, text)`.
fn journal(name: &str, settings: &str, entries: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new(name);
    fs::create_dir_all(dir.path().join("visits")).unwrap();
    fs::write(dir.path().join("insight.yaml"), settings).unwrap();
    for (file, text) in entries {
        fs::write(dir.path().join("visits").join(file), text).unwrap();
    }
    dir
}

const MERGED: &str = "---\ndate: 2026-03-01\nkind: peer\nsite: Store\nideas:\n\
    <<<<<<< HEAD\n  - {id: lift, title: A lift, status: dropped}\n=======\n  - {id: lift, title: A lift, status: planned}\n>>>>>>> ann\n---\n";

#[test]
fn a_merge_left_with_conflict_markers_is_named_as_one() {
    let j = journal("conflict", "", &[("a.md", MERGED)]);
    let run = insight_at(j.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "visits/a.md:6:1: error: an unresolved merge conflict (lines 6-10): status: dropped on HEAD, planned on ann: keep one\n\
         \x20 hint: keep what is meant between `<<<<<<<` and `>>>>>>>`, and remove the three marker lines\n\
         checked 1 entry: 1 error\n"
    );
    // The hook says the same of what is staged.
    git(j.path(), &["init", "-q", "-b", "main"]);
    git(j.path(), &["add", "-A"]);
    let staged = insight_at(j.path(), &["check", "--staged"]);
    assert_eq!(staged.code, 1);
    assert!(
        staged
            .stdout
            .contains("an unresolved merge conflict (lines 6-10)"),
        "{}",
        staged.stdout
    );
}

#[test]
fn a_file_with_errors_shows_its_warnings_too() {
    let text = "---\ndate: 2026-03-01\nkind: frontlien\nsite: S\ntag: x\npeople: A, B\n---\n";
    let j = journal("errors-and-warnings", "", &[("a.md", text)]);
    assert_eq!(
        insight_at(j.path(), &["check"]).stdout,
        "visits/a.md:3:1: error: `kind`: `frontlien` is not a kind of this journal\n\
         \x20 hint: did you mean `frontline`? The kinds are frontline, peer, immersion, research, sales\n\
         visits/a.md:5:1: warning: unknown key `tag`; insight ignores it\n\
         \x20 hint: did you mean `tags`?\n\
         visits/a.md:6:1: warning: `A, B` is one person, not a list\n\
         \x20 hint: for several, write a list: `people: [A, B]`\n\
         checked 1 entry: 1 error, 2 warnings\n"
    );
}

#[test]
fn settings_typed_as_one_text_where_a_list_is_meant_are_caught() {
    let j = journal("settings-commas", "kinds: frontline, peer\n", &[]);
    assert_eq!(
        insight_at(j.path(), &["check"]).stdout,
        "insight.yaml:1:1: warning: `kinds: frontline, peer` is one item, not a list\n\
         \x20 hint: for several, write a list: `kinds: [frontline, peer]`\n\
         checked 0 entries: 1 warning\n"
    );
}

/// A fresh journal made by `insight init`, for `new`.
fn new_journal(name: &str) -> TempDir {
    let dir = TempDir::new(name);
    insight_at(dir.path(), &["init"]).ok();
    dir
}

#[test]
fn new_refuses_what_check_would_refuse() {
    let j = new_journal("new-refuses");
    let new = |extra: &[&str]| {
        let mut args = vec!["new", "visit", "--site", "Cub Foods", "--no-edit"];
        args.extend_from_slice(extra);
        insight_at(j.path(), &args)
    };
    let run = new(&["--tag", "mobile/"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            2,
            "error: `--tag mobile/`: a tag is names joined by `/`, and one of its names is empty\n\
             hint: did you mean `--tag mobile`?\n"
        )
    );
    let run = new(&["--hours", "1e3"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "`1e3` is not a number of hours from 0 to 100000: write plain digits, such as 8 or 7.5"
        ),
        "{}",
        run.stderr
    );
    assert!(
        !j.path().join("visits/2026").exists(),
        "nothing was written"
    );
    let run = new(&["--tag", "mobile, pricing", "--dry-run"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.starts_with(
            "warning: `--tag mobile, pricing` is one tag, not a list\n\
             hint: for several, repeat the flag: --tag mobile --tag pricing\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn new_names_an_ideas_owner_and_the_customers() {
    let j = new_journal("new-owner");
    let run = insight_at(
        j.path(),
        &[
            "new",
            "visit",
            "--site",
            "Cub Foods",
            "--person",
            "Ann",
            "--date",
            "2026-11-20",
            "--customer",
            "Jo Ann",
            "--customer",
            "Bo",
            "--idea",
            "[aisle-finder] Aisle finder (planned) @Wayne Shurts",
            "--no-edit",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = fs::read_to_string(j.path().join("visits/2026/2026-11-20-cub-foods.md")).unwrap();
    assert!(
        text.starts_with(
            "---\ndate: 2026-11-20\nkind: frontline\nsite: Cub Foods\npeople:\n- Ann\ncustomers:\n- Jo Ann\n- Bo\n\
             ideas:\n- id: aisle-finder\n  title: Aisle finder\n  status: planned\n  owner: Wayne Shurts\n---\n"
        ),
        "{text}"
    );
    let json = insight_at(j.path(), &["list", "--format", "json"]).ok();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value[0]["customers"], 2);
    assert_eq!(value[0]["ideas"][0]["owner"], "Wayne Shurts");
}

#[test]
fn a_template_placeholder_that_is_misspelt_is_named() {
    let j = new_journal("placeholders");
    fs::write(
        j.path().join("templates/odd.md"),
        "---\nkind: peer\n---\n# {{titel}}\n",
    )
    .unwrap();
    let run = insight_at(j.path(), &["new", "odd", "--site", "X", "--dry-run"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.starts_with(
            "warning: template `odd` has `{{titel}}`, which is not a placeholder; it is written as it is\n\
             hint: did you mean `{{title}}`? The placeholders are {{title}}, {{site}}, {{date}}, {{quotes}}\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_rename_to_a_name_that_is_not_a_tag_is_refused() {
    let text = "---\ndate: 2026-03-01\nkind: peer\nsite: S\ntags: [mobile]\n---\n";
    let j = journal("rename-names", "", &[("a.md", text)]);
    for (name, meant) in [("/fresh", "fresh"), ("bad tag/", "bad tag")] {
        let run = insight_at(j.path(), &["tags", "rename", "mobile", name]);
        assert_eq!(
            (run.code, run.stderr),
            (
                2,
                format!(
                    "error: `{name}` is not a tag: a tag is names joined by `/`, and one of its names is empty\n\
                     hint: did you mean `{meant}`?\n"
                )
            )
        );
    }
    assert_eq!(
        fs::read_to_string(j.path().join("visits/a.md")).unwrap(),
        text
    );
    let run = insight_at(j.path(), &["tags", "rename", "mobile", "a,b", "--dry-run"]);
    assert!(
        run.stderr
            .starts_with("warning: `a,b` is one tag, not a list\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_filter_that_matches_nothing_says_so_with_what_it_is_close_to() {
    let example = crate::common::manifest_dir().join("examples/journal");
    let run = |args: &[&str]| insight_at(&example, args);
    let listed = run(&["list", "--tag", "moble"]);
    assert_eq!(listed.code, 0);
    assert_eq!(
        listed.stderr,
        "no entries match\nwarning: no entry has the tag `moble`\nhint: did you mean `--tag mobile`?\n"
    );
    let report = run(&[
        "report", "--year", "2026", "--tag", "nosuch", "--format", "json",
    ]);
    assert!(
        report.stderr.ends_with(
            "warning: no entry has the tag `nosuch`\nhint: `insight tags` lists the tags in use\n"
        ),
        "{}",
        report.stderr
    );
    for (args, said) in [
        (
            &["list", "--kind", "frontlien"][..],
            "error: `--kind frontlien`: not a kind of this journal\nhint: did you mean `--kind frontline`? The kinds are frontline, peer, immersion, research, sales\n",
        ),
        (
            &["list", "--person", "wayne shurst"],
            "warning: no one in the journal is called `wayne shurst`\nhint: did you mean `--person 'Wayne Shurts'`?\n",
        ),
        (
            &["list", "--site", "minneapolsi"],
            "warning: no entry's site contains `minneapolsi`\nhint: did you mean `--site Minneapolis`?\n",
        ),
        (
            &["ideas", "--owner", "wayne shurst"],
            "warning: no idea's owner is called `wayne shurst`\nhint: did you mean `--owner 'Wayne Shurts'`?\n",
        ),
        (
            &["quotes", "--tag", "moble"],
            "warning: no entry has the tag `moble`\nhint: did you mean `--tag mobile`?\n",
        ),
    ] {
        let stderr = run(args).stderr;
        assert!(stderr.ends_with(said), "{args:?}: {stderr}");
    }
    let story = run(&["ideas", "aisle-fnder"]);
    assert_eq!(
        (story.code, story.stderr.as_str()),
        (
            2,
            "error: no idea matches `aisle-fnder`\nhint: did you mean `insight ideas aisle-finder`?\n"
        )
    );
    let show = run(&["show", "2026-01-14-starbuck-seattle"]);
    assert_eq!(
        show.stderr,
        "error: no entry matches `2026-01-14-starbuck-seattle`\nhint: did you mean `insight show 2026-01-14-starbucks-seattle`?\n"
    );
    // A value the journal has is not warned about.
    assert_eq!(
        run(&["list", "--tag", "mobile", "--format", "paths"]).stderr,
        ""
    );
}

#[test]
fn init_sets_up_git_the_hook_and_ci_for_a_team() {
    let dir = TempDir::new("init-team");
    let run = insight_at(dir.path(), &["init", "--git", "--ci", "github"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "Made it a git repository (`git init`)\n\
             Installed the pre-commit hook .git/hooks/pre-commit: it runs `insight check --staged`\n\
             Wrote the CI job .github/workflows/journal.yml: it checks every pull request \
             (set the variable INSIGHT_GIT to where insight is installed from)\n"
        ),
        "{}",
        run.stdout
    );
    let hook = dir.path().join(".git/hooks/pre-commit");
    assert!(
        fs::read_to_string(&hook)
            .unwrap()
            .ends_with("\nexec insight check --staged\n")
    );
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        fs::metadata(&hook).unwrap().permissions().mode() & 0o111,
        0o111
    );
    let job = fs::read_to_string(dir.path().join(".github/workflows/journal.yml")).unwrap();
    assert!(
        job.contains("      - run: insight check --strict\n"),
        "{job}"
    );
    // The hook refuses a commit of a broken entry, with `insight` on the PATH.
    fs::write(
        dir.path().join("visits/bad.md"),
        "---\ndate: 2026-13-01\nkind: peer\nsite: S\n---\n",
    )
    .unwrap();
    git(dir.path(), &["add", "-A"]);
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_insight"))
        .parent()
        .unwrap();
    let committed = std::process::Command::new("git")
        .current_dir(dir.path())
        .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir.path())
        .args([
            "-c",
            "user.name=Ann",
            "-c",
            "user.email=ann@example.com",
            "commit",
            "-qm",
            "bad",
        ])
        .output()
        .unwrap();
    assert!(
        !committed.status.success(),
        "the hook let a broken entry in"
    );
    // git shows what a hook prints on its stderr.
    let said = String::from_utf8_lossy(&committed.stderr);
    assert!(said.contains("is not a valid date"), "{said}");
    // Without insight on the PATH, the hook refuses and says why.
    let unchecked = std::process::Command::new(&hook)
        .current_dir(dir.path())
        .env("PATH", "/usr/bin:/bin")
        .output()
        .unwrap();
    assert_eq!(unchecked.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&unchecked.stderr),
        "pre-commit: insight is not on the PATH, so the journal cannot be checked.\n\
         Install it (see the journal's README), or commit once unchecked with git commit --no-verify.\n"
    );
    // A second journal in the same repository keeps the hook there, and a
    // GitLab job names the journal's folder.
    let run = insight_at(dir.path(), &["init", "team", "--ci", "gitlab"]);
    assert!(
        run.stdout.contains(
            "Kept your pre-commit hook .git/hooks/pre-commit; add `insight --journal team check --staged` to it\n"
        ),
        "{}",
        run.stdout
    );
    let job = fs::read_to_string(dir.path().join(".gitlab-ci.yml")).unwrap();
    assert!(
        job.contains("    - insight --journal team check --strict\n"),
        "{job}"
    );
}

#[test]
fn init_asks_for_git_on_a_terminal() {
    let dir = TempDir::new("init-asks");
    let screen = crate::common::on_terminal(dir.path(), &[], &["init"], Some("y"));
    assert!(
        screen.contains(
            "Not in a git repository. Run `git init` here, to keep the journal in git [Y/n]: y\n"
        ),
        "{screen}"
    );
    assert!(screen.contains("Installed the pre-commit hook"), "{screen}");
    assert!(dir.path().join(".git/hooks/pre-commit").is_file());
    let elsewhere = TempDir::new("init-no-git");
    let run = insight_at(elsewhere.path(), &["init", "--no-git"]);
    assert!(!elsewhere.path().join(".git").exists());
    assert!(run.stdout.contains("Not in a git repository"));
}
