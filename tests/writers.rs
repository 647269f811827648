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
