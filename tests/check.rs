//! `insight check` and `insight tags rename`, run as a user would.
//!
//! `tests/fixtures/broken` holds one entry per error and warning that `check`
//! knows, beside two good entries; its whole report is pinned below.

use crate::common::{TempDir, fixture, insight, insight_in};
use std::fs;

const BROKEN_REPORT: &str = "\
insight.yaml:2:1: warning: `peer` is listed twice in `kinds`
  hint: remove one
insight.yaml:4:1: warning: unknown setting `colour`
insight.yaml:7:1: warning: there is a target for group `managers`, but nobody in `people` is in it
  hint: give someone `group: managers`, or check the group's spelling
visits/2026-02-01-renamed-idea.md:7:1: warning: idea `finder` is called `Split billing for two payers` here but was raised as `Aisle finder` (visits/2026-01-01-good.md); they read like different ideas
  hint: give a different idea an id of its own; if it is the same idea, word the titles alike
visits/2026-02-02-untitled-idea.md:7:1: error: idea `queue-board` has no title here or in any other entry
  hint: add `title:` to this mention (or to the one that raised `queue-board`), or check the id's spelling
visits/2026-03-01-warnings.md:2:1: warning: the file name says 2026-03-01 but `date` is 2026-03-02
  hint: rename the file or correct the date
visits/2026-03-01-warnings.md:5:1: warning: unknown key `tag`; insight ignores it
  hint: did you mean `tags`?
visits/2026-03-01-warnings.md:6:1: warning: unknown key `customer`; insight ignores it
  hint: did you mean `customers`?
visits/2026-03-01-warnings.md:7:8: warning: tag `moble` is not in the journal's tag list
  hint: did you mean `mobile`?
visits/2026-03-01-warnings.md:7:15: warning: tag `selfservice` is not in the journal's tag list
  hint: did you mean `self-service`?
visits/2026-03-01-warnings.md:7:28: warning: tag `pricng` is not in the journal's tag list
  hint: did you mean `pricing`?
visits/2026-03-01-warnings.md:7:8: warning: tag `moble` looks like `mobile` (in 2 entries)
  hint: if they are the same, run `insight tags rename moble mobile`
visits/2026-03-01-warnings.md:7:15: warning: tag `selfservice` looks like `self-service` (in 2 entries)
  hint: if they are the same, run `insight tags rename selfservice self-service`
visits/2026-12-24-future.md:2:1: warning: `date` 2026-12-24 is after today (2026-11-22)
  hint: is the year right?
visits/a-no-front-matter.md:1:1: error: no front matter: the first line must be `---`
  hint: start the file with a `---` line, then `date:`, `kind:` and `site:`, then a `---` line
visits/b-unclosed.md:1:1: error: front matter opened on line 1 is never closed by a `---` line
  hint: add a line `---` after the last front-matter key
visits/c-yaml.md:4:7: error: a quote or bracket opened here is never closed
  hint: close it on the same line, e.g. `site: 'Tower One: floor 12'`
visits/d-list.md:2:1: error: the front matter is a list, not `key: value` lines
  hint: write one `key: value` per line, starting with `date:`, `kind:` and `site:`
visits/e-duplicate.md:5:1: error: `site` is given twice
  hint: keep one of them; a key may appear once
visits/f-missing.md:2:1: error: missing `date`
  hint: add `date:` to the front matter: when the visit happened, as `date: 2026-11-20`
visits/f-missing.md:2:1: error: missing `kind`
  hint: add `kind:` to the front matter: one of frontline, peer, immersion, research, sales, peer
visits/f-missing.md:2:1: error: missing `site`
  hint: add `site:` to the front matter: where the visit happened, e.g. `site: Cub Foods, Minneapolis`
visits/g-bad-date.md:2:1: error: `date`: `2026-02-30` is not a valid date
  hint: write the date as YYYY-MM-DD, e.g. `date: 2026-11-20`
visits/h-numbers.md:5:1: error: `customers`: expected a whole number of 0 or more, found -2
visits/h-numbers.md:6:1: error: `hours`: expected a number, found text `lots`
visits/i-kind.md:3:1: error: `kind`: `frontlien` is not a kind of this journal
  hint: did you mean `frontline`? The kinds are frontline, peer, immersion, research, sales, peer
visits/j-status.md:5:1: error: idea `X`: status `shiped` is not one of this journal's statuses
  hint: did you mean `shipped`? The statuses are new, exploring, planned, building, shipped, dropped
visits/k-latin1.md:4:10: error: the file is not UTF-8 text; save it as UTF-8 in your editor
visits/l-empty.md:1:1: error: the file is empty
  hint: start the file with a `---` line, then `date:`, `kind:` and `site:`, then a `---` line
visits/m-toml.md:1:1: error: front matter in TOML (`+++`) is not supported
  hint: write the front matter as YAML between `---` lines
checked 19 entries: 17 errors, 13 warnings
";

#[test]
fn check_reports_every_problem_like_a_compiler() {
    let run = fixture("broken", &["check"]);
    assert_eq!((run.code, run.stderr.as_str()), (1, ""));
    assert_eq!(run.stdout, BROKEN_REPORT);
}

#[test]
fn check_json_has_one_object_per_problem() {
    let run = fixture("broken", &["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let problems: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let problems = problems.as_array().unwrap();
    assert_eq!(problems.len(), 30);
    assert_eq!(
        problems[5],
        serde_json::json!({
            "path": "visits/2026-03-01-warnings.md", "line": 2, "column": 1, "severity": "warning",
            "code": "file-name-date", "message": "the file name says 2026-03-01 but `date` is 2026-03-02",
            "hint": "rename the file or correct the date"
        })
    );
    let keys: Vec<&String> = problems[0].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "code", "column", "hint", "line", "message", "path", "severity"
        ]
    );
}

#[test]
fn check_named_paths_only() {
    let run = fixture(
        "broken",
        &[
            "check",
            "tests/fixtures/broken/visits/g-bad-date.md",
            "tests/fixtures/broken/visits/2026-01-01-good.md",
        ],
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "visits/g-bad-date.md:2:1: error: `date`: `2026-02-30` is not a valid date\n\
         \x20 hint: write the date as YYYY-MM-DD, e.g. `date: 2026-11-20`\n\
         checked 2 entries: 1 error\n"
    );
    // Journal-wide warnings still see the whole journal.
    let run = fixture(
        "broken",
        &[
            "check",
            "tests/fixtures/broken/visits/2026-03-01-warnings.md",
        ],
    );
    assert!(
        run.stdout
            .contains("tag `moble` looks like `mobile` (in 2 entries)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with("checked 1 entry: 8 warnings\n"),
        "{}",
        run.stdout
    );
    assert_eq!(run.code, 0);
    // Files outside the entries folder are passed over, as a pre-commit hook may name any file.
    let run = fixture(
        "broken",
        &["check", "README.md", "tests/fixtures/broken/insight.yaml"],
    );
    assert_eq!(run.stderr, "skipping README.md: not in the journal\n");
    assert!(
        run.stdout.ends_with("checked 0 entries: 3 warnings\n"),
        "{}",
        run.stdout
    );
    let run = fixture("broken", &["check", "no-such-file.md"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: no-such-file.md does not exist\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn strict_makes_warnings_errors() {
    let run = fixture(
        "broken",
        &[
            "check",
            "--strict",
            "tests/fixtures/broken/visits/2026-12-24-future.md",
        ],
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "visits/2026-12-24-future.md:2:1: error: `date` 2026-12-24 is after today (2026-11-22)\n\
         \x20 hint: is the year right?\n\
         checked 1 entry: 1 error\n"
    );
    let run = fixture(
        "broken",
        &["check", "tests/fixtures/broken/visits/2026-12-24-future.md"],
    );
    assert_eq!(run.code, 0);
}

#[test]
fn a_sound_journal_checks_quietly() {
    let run = insight(&["--journal", "examples/journal", "check", "--strict"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, "checked 17 entries: no problems\n", "")
    );
}

#[test]
fn an_unreadable_settings_file_exits_2() {
    let dir = TempDir::new("check-settings");
    fs::write(dir.path().join("insight.yaml"), "fiscal_year_start: 13\n").unwrap();
    let run = insight_in(dir.path(), &[], &["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "insight.yaml:1:1: `fiscal_year_start`: expected a month from 1 to 12, found 13"
        ),
        "{}",
        run.stderr
    );
}

/// A journal with entries written in several styles, in a temp folder.
fn tagged_journal(name: &str) -> TempDir {
    let dir = TempDir::new(name);
    fs::write(dir.path().join("insight.yaml"), "").unwrap();
    fs::create_dir_all(dir.path().join("visits")).unwrap();
    fs::write(
        dir.path().join("visits/a.md"),
        "---\r\ndate: 2026-01-01   # a comment\r\nkind: peer\r\nsite: 'Moble: HQ'\r\ntags: [Moble, 'moble/app', pricing]\r\n---\r\nmoble\r\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("visits/b.md"),
        "---\ndate: 2026-01-02\nkind: peer\nsite: HQ\ntags:\n  - pricing\n  - moble # typo\nideas:\n  - title: T\n    tags: [moble]\n---\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("visits/c.md"),
        "---\ndate: 2026-01-03\nkind: peer\nsite: HQ\ntags: mobile\n---\n",
    )
    .unwrap();
    dir
}

#[test]
fn rename_changes_only_the_tags_bytes() {
    let dir = tagged_journal("rename");
    let run = insight_in(dir.path(), &[], &["tags", "rename", "moble", "mobile"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(
        run.stdout,
        "visits/a.md:5: Moble -> mobile\n\
         visits/a.md:5: moble/app -> mobile/app\n\
         visits/b.md:7: moble -> mobile\n\
         visits/b.md:10: moble -> mobile\n\
         renamed `moble` to `mobile` in 2 entries (4 places)\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("visits/a.md")).unwrap(),
        "---\r\ndate: 2026-01-01   # a comment\r\nkind: peer\r\nsite: 'Moble: HQ'\r\ntags: [mobile, 'mobile/app', pricing]\r\n---\r\nmoble\r\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("visits/b.md")).unwrap(),
        "---\ndate: 2026-01-02\nkind: peer\nsite: HQ\ntags:\n  - pricing\n  - mobile # typo\nideas:\n  - title: T\n    tags: [mobile]\n---\n"
    );
    let tags = insight_in(dir.path(), &[], &["tags", "--format", "csv"]).ok();
    assert_eq!(tags, "tag,entries\nmobile,3\npricing,2\nmobile/app,1\n");
}

#[test]
fn rename_dry_run_writes_nothing() {
    let dir = tagged_journal("rename-dry");
    let before = fs::read(dir.path().join("visits/a.md")).unwrap();
    let run = insight_in(
        dir.path(),
        &[],
        &["tags", "rename", "moble", "mobile", "--dry-run"],
    );
    assert_eq!(run.code, 0);
    assert!(run.stdout.ends_with(
        "would rename `moble` to `mobile` in 2 entries (4 places); nothing was written\n"
    ));
    assert_eq!(fs::read(dir.path().join("visits/a.md")).unwrap(), before);
}

#[test]
fn rename_says_when_there_is_nothing_to_do_and_follows_links() {
    let dir = tagged_journal("rename-noop");
    fs::write(dir.path().join("insight.yaml"), "tags: [moble, pricing]\n").unwrap();
    let run = insight_in(dir.path(), &[], &["tags", "rename", "Mobile", "mobile"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "nothing to rename: 1 entry spells it `mobile` already\n")
    );
    // An entry reached through a symbolic link is edited where it lives.
    let real = dir.path().join("elsewhere.md");
    fs::rename(dir.path().join("visits/c.md"), &real).unwrap();
    fs::write(
        &real,
        "---\ndate: 2026-01-03\nkind: peer\nsite: HQ\ntags: moble\n---\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(&real, dir.path().join("visits/c.md")).unwrap();
    let run = insight_in(dir.path(), &[], &["tags", "rename", "moble", "mobile"]);
    assert_eq!(run.code, 0);
    assert!(
        fs::symlink_metadata(dir.path().join("visits/c.md"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read_to_string(&real).unwrap(),
        "---\ndate: 2026-01-03\nkind: peer\nsite: HQ\ntags: mobile\n---\n"
    );
    // The vocabulary in insight.yaml is the user's to change; they are told.
    assert_eq!(
        run.stderr,
        "warning: `moble` is in the `tags:` list of insight.yaml; put `mobile` there instead, or check will warn\n"
    );
}

#[test]
fn rename_refuses_what_it_cannot_edit_safely() {
    let dir = tagged_journal("rename-refuse");
    fs::write(
        dir.path().join("visits/d.md"),
        "---\ndate: 2026-01-04\nkind: peer\nsite: HQ\nall: &t [moble]\ntags: *t\n---\n",
    )
    .unwrap();
    let run = insight_in(dir.path(), &[], &["tags", "rename", "moble", "mobile"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stderr,
        "warning: visits/d.md: left unchanged: the tags are written in a form insight cannot edit safely; edit them by hand\n"
    );
    assert!(
        run.stdout
            .ends_with("; 1 entry left unchanged (see above)\n"),
        "{}",
        run.stdout
    );
    let run = insight_in(dir.path(), &[], &["tags", "rename", "nothing", "x"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: no entry has the tag `nothing`\nhint: `insight tags` lists the tags in use\n"
    );
}
