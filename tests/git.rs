//! `insight diff` and `insight check --staged` on real git repositories built
//! at test time, with a fixed identity and clock so commit ids never change.
//!
//! The branch `visit` starts from the `history` fixture on `main` and adds two
//! entries (one named with spaces and non-ASCII letters), edits one (an idea
//! moves to shipped with a new owner, a quote is added), deletes one and
//! renames one.

use crate::common::{TempDir, git, insight_at, manifest_dir};
use std::path::Path;

/// A repository whose `main` holds the `history` journal (at `journal`,
/// relative to the repository) and whose branch `visit` changes it.
fn branch_repo(root: &Path, journal: &str) {
    let dir = root.join(journal);
    crate::common::copy_dir(&manifest_dir().join("tests/fixtures/history"), &dir);
    git(root, &["init", "-q", "-b", "main"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "The journal so far"]);
    git(root, &["checkout", "-q", "-b", "visit"]);
    let visits = dir.join("visits");
    for name in ["2026-11-21-store-9.md", "2026-11-21 store 10 café.md"] {
        std::fs::copy(
            manifest_dir().join("tests/fixtures/branch").join(name),
            visits.join(name),
        )
        .unwrap();
    }
    let edited = visits.join("2026-10-14-store-7.md");
    let text = std::fs::read_to_string(&edited).unwrap().replacen(
        "    status: building\n",
        "    status: shipped\n    owner: Ann Berg\n",
        1,
    ) + "\n> The app found the flour for me before I found the aisle.\n";
    std::fs::write(&edited, text).unwrap();
    std::fs::remove_file(visits.join("2026-04-20-data-lab.md")).unwrap();
    std::fs::rename(
        visits.join("2026-08-20-data-lab.md"),
        visits.join("2026-08-20-loyalty-data.md"),
    )
    .unwrap();
    git(root, &["add", "-A"]);
    git(
        root,
        &["commit", "-q", "-m", "Two visits, a launch, tidying"],
    );
}

const TABLE: &str = r#"Journal changes: the merge base of main and HEAD (7012ef7) → the working tree
Entries: 2 added, 1 changed, 1 renamed, 1 removed. Ideas: 1 raised, 1 moved, 1 with a new owner. 3 new quotes. Problems: 1 warning.

Entries
Change   Date        Kind       Site                   People                    Entry
-------- ----------- ---------- ---------------------- ------------------------- -----------------------------------
added    2026-11-21  peer       Café Zürich, Store 10  Bob Okafor, Zed Moreau    visits/2026-11-21 store 10 café.md
added    2026-11-21  frontline  Store 9, Harbour       Ann Berg                  visits/2026-11-21-store-9.md
changed  2026-10-14  frontline  Store 7, Riverside     Ann Berg                  visits/2026-10-14-store-7.md
renamed  2026-08-20  research   Data lab               Cy Lindqvist, Dana Novak  visits/2026-08-20-loyalty-data.md
removed  2026-04-20  research   Data lab               Cy Lindqvist              visits/2026-04-20-data-lab.md

What changed
visits/2026-10-14-store-7.md       scan-and-go: status building → shipped, owner none → Ann Berg; text: +2 lines
visits/2026-08-20-loyalty-data.md  renamed from visits/2026-08-20-data-lab.md

Ideas
Id           Idea                                 Change                        Entry
------------ ------------------------------------ ----------------------------- -----------------------------
queue-board  Queue length on a board by the door  raised: new                   visits/2026-11-21-store-9.md
scan-and-go  Scan and go in the mobile app        building → shipped            visits/2026-10-14-store-7.md
scan-and-go  Scan and go in the mobile app        owner: Bob Okafor → Ann Berg  visits/2026-10-14-store-7.md

New quotes
“The app found the flour for me before I found the aisle.”
    — 2026-10-14, Store 7, Riverside
“Half my regulars pay with their phones; the other half want a paper receipt.”
    — 2026-11-21, Café Zürich, Store 10
“Nobody told me the self-service tills were closed until I had queued for ten minutes.”
    — 2026-11-21, Store 9, Harbour

Totals
                     Before  After  Change
-------------------- ------- ------ -------
Entries                  10     11      +1
Customers spoken to      81    103     +22
Hours                    34     37      +3
People who went out       5      5       0
Not in the sums: 3 entries without a count of customers before, 2 entries after.

Problems in the changed entries
visits/2026-11-21 store 10 café.md:8:1: warning: unknown key `tag`; insight ignores it
  hint: did you mean `tags`?
"#;

const MARKDOWN: &str = r#"# Journal changes: the merge base of main and HEAD (7012ef7) → the working tree

Entries: 2 added, 1 changed, 1 renamed, 1 removed. Ideas: 1 raised, 1 moved, 1 with a new owner. 3 new quotes. Problems: 1 warning.

## Entries

| Change | Date | Kind | Site | People | Entry |
| --- | --- | --- | --- | --- | --- |
| added | 2026-11-21 | peer | Café Zürich, Store 10 | Bob Okafor, Zed Moreau | visits/2026-11-21 store 10 café.md |
| added | 2026-11-21 | frontline | Store 9, Harbour | Ann Berg | visits/2026-11-21-store-9.md |
| changed | 2026-10-14 | frontline | Store 7, Riverside | Ann Berg | visits/2026-10-14-store-7.md |
| renamed | 2026-08-20 | research | Data lab | Cy Lindqvist, Dana Novak | visits/2026-08-20-loyalty-data.md |
| removed | 2026-04-20 | research | Data lab | Cy Lindqvist | visits/2026-04-20-data-lab.md |

## What changed

- **visits/2026-10-14-store-7.md**: scan-and-go: status building → shipped, owner none → Ann Berg; text: +2 lines
- **visits/2026-08-20-loyalty-data.md**: renamed from visits/2026-08-20-data-lab.md

## Ideas

| Id | Idea | Change | Entry |
| --- | --- | --- | --- |
| queue-board | Queue length on a board by the door | raised: new | visits/2026-11-21-store-9.md |
| scan-and-go | Scan and go in the mobile app | building → shipped | visits/2026-10-14-store-7.md |
| scan-and-go | Scan and go in the mobile app | owner: Bob Okafor → Ann Berg | visits/2026-10-14-store-7.md |

## New quotes

> The app found the flour for me before I found the aisle.
>
> — 2026-10-14, Store 7, Riverside

> Half my regulars pay with their phones; the other half want a paper receipt.
>
> — 2026-11-21, Café Zürich, Store 10

> Nobody told me the self-service tills were closed until I had queued for ten minutes.
>
> — 2026-11-21, Store 9, Harbour

## Totals

|  | Before | After | Change |
| --- | ---: | ---: | ---: |
| Entries | 10 | 11 | +1 |
| Customers spoken to | 81 | 103 | +22 |
| Hours | 34 | 37 | +3 |
| People who went out | 5 | 5 | 0 |

Not in the sums: 3 entries without a count of customers before, 2 entries after.

## Problems in the changed entries

```
visits/2026-11-21 store 10 café.md:8:1: warning: unknown key `tag`; insight ignores it
  hint: did you mean `tags`?
```
"#;

const JSON: &str = r#"{
  "from": {
    "label": "the merge base of main and HEAD",
    "commit": "7012ef7"
  },
  "to": {
    "label": "the working tree",
    "commit": null
  },
  "entries": [
    {
      "change": "added",
      "path": "visits/2026-11-21 store 10 café.md",
      "from_path": null,
      "date": "2026-11-21",
      "kind": "peer",
      "site": "Café Zürich, Store 10",
      "people": [
        "Bob Okafor",
        "Zed Moreau"
      ],
      "problem": null,
      "fields": []
    },
    {
      "change": "added",
      "path": "visits/2026-11-21-store-9.md",
      "from_path": null,
      "date": "2026-11-21",
      "kind": "frontline",
      "site": "Store 9, Harbour",
      "people": [
        "Ann Berg"
      ],
      "problem": null,
      "fields": []
    },
    {
      "change": "changed",
      "path": "visits/2026-10-14-store-7.md",
      "from_path": null,
      "date": "2026-10-14",
      "kind": "frontline",
      "site": "Store 7, Riverside",
      "people": [
        "Ann Berg"
      ],
      "problem": null,
      "fields": [
        {
          "idea": "scan-and-go",
          "field": "status",
          "from": "building",
          "to": "shipped"
        },
        {
          "idea": "scan-and-go",
          "field": "owner",
          "from": null,
          "to": "Ann Berg"
        },
        {
          "field": "text",
          "lines_added": 2,
          "lines_removed": 0
        }
      ]
    },
    {
      "change": "renamed",
      "path": "visits/2026-08-20-loyalty-data.md",
      "from_path": "visits/2026-08-20-data-lab.md",
      "date": "2026-08-20",
      "kind": "research",
      "site": "Data lab",
      "people": [
        "Cy Lindqvist",
        "Dana Novak"
      ],
      "problem": null,
      "fields": []
    },
    {
      "change": "removed",
      "path": "visits/2026-04-20-data-lab.md",
      "from_path": null,
      "date": "2026-04-20",
      "kind": "research",
      "site": "Data lab",
      "people": [
        "Cy Lindqvist"
      ],
      "problem": null,
      "fields": []
    }
  ],
  "ideas": [
    {
      "change": "raised",
      "id": "queue-board",
      "title": "Queue length on a board by the door",
      "from": null,
      "to": "new",
      "path": "visits/2026-11-21-store-9.md"
    },
    {
      "change": "moved",
      "id": "scan-and-go",
      "title": "Scan and go in the mobile app",
      "from": "building",
      "to": "shipped",
      "path": "visits/2026-10-14-store-7.md"
    },
    {
      "change": "owner",
      "id": "scan-and-go",
      "title": "Scan and go in the mobile app",
      "from": "Bob Okafor",
      "to": "Ann Berg",
      "path": "visits/2026-10-14-store-7.md"
    }
  ],
  "quotes": [
    {
      "text": "The app found the flour for me before I found the aisle.",
      "date": "2026-10-14",
      "site": "Store 7, Riverside",
      "path": "visits/2026-10-14-store-7.md"
    },
    {
      "text": "Half my regulars pay with their phones; the other half want a paper receipt.",
      "date": "2026-11-21",
      "site": "Café Zürich, Store 10",
      "path": "visits/2026-11-21 store 10 café.md"
    },
    {
      "text": "Nobody told me the self-service tills were closed until I had queued for ten minutes.",
      "date": "2026-11-21",
      "site": "Store 9, Harbour",
      "path": "visits/2026-11-21-store-9.md"
    }
  ],
  "totals": {
    "before": {
      "entries": 10,
      "customers": 81,
      "entries_without_customers": 3,
      "hours": 34,
      "entries_without_hours": 0,
      "people": 5
    },
    "after": {
      "entries": 11,
      "customers": 103,
      "entries_without_customers": 2,
      "hours": 37,
      "entries_without_hours": 0,
      "people": 5
    }
  },
  "problems": [
    {
      "path": "visits/2026-11-21 store 10 café.md",
      "line": 8,
      "column": 1,
      "severity": "warning",
      "code": "unknown-key",
      "message": "unknown key `tag`; insight ignores it",
      "hint": "did you mean `tags`?"
    }
  ]
}
"#;

#[test]
fn diff_shows_what_a_branch_changes_in_every_format() {
    let dir = TempDir::new("git-branch");
    branch_repo(dir.path(), ".");
    // `main...` is where the branch parted from main, against the files on disk.
    assert_eq!(insight_at(dir.path(), &["diff", "main..."]).ok(), TABLE);
    assert_eq!(
        insight_at(dir.path(), &["diff", "main...", "-f", "markdown"]).ok(),
        MARKDOWN
    );
    assert_eq!(
        insight_at(dir.path(), &["diff", "main...", "--format", "json"]).ok(),
        JSON
    );
    // The same change between two commits names both.
    let two = insight_at(dir.path(), &["diff", "main..visit"]).ok();
    assert!(
        two.starts_with("Journal changes: main (7012ef7) → visit (")
            && two.ends_with(&TABLE[TABLE.find("\nEntries: ").unwrap()..]),
        "{two}"
    );
    // Nothing uncommitted: HEAD and the working tree hold the same journal.
    assert_eq!(
        insight_at(dir.path(), &["diff"]).ok(),
        "Journal changes: HEAD (5c2535d) → the working tree\nNo entry changed. No problems.\n\n\
         Entries\nNo entry was added, changed or removed.\n\n\
         Ideas\nNo idea was raised, moved, retitled or given a new owner.\n\n\
         New quotes\nNo new block quotes.\n\n\
         Totals\n                     Before  After  Change\n\
         -------------------- ------- ------ -------\n\
         Entries                  11     11       0\n\
         Customers spoken to     103    103       0\n\
         Hours                    37     37       0\n\
         People who went out       5      5       0\n\
         Not in the sums: 2 entries without a count of customers before, 2 entries after.\n\n\
         Problems in the changed entries\n`insight check` finds no problems in them.\n"
    );
}

#[test]
fn a_journal_in_a_folder_of_a_larger_repository() {
    let dir = TempDir::new("git-subfolder");
    branch_repo(dir.path(), "team/journal");
    std::fs::write(dir.path().join("README.md"), "# Our repository\n").unwrap();
    let journal = dir.path().join("team/journal");
    // Run from deep inside the journal; only its own files count.
    let run = insight_at(&journal.join("visits"), &["diff", "main...", "-f", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.ok()).unwrap();
    let paths: Vec<&str> = json["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "visits/2026-11-21 store 10 café.md",
            "visits/2026-11-21-store-9.md",
            "visits/2026-10-14-store-7.md",
            "visits/2026-08-20-loyalty-data.md",
            "visits/2026-04-20-data-lab.md"
        ]
    );
    // --journal from outside the repository works the same.
    let outside = insight_at(
        &manifest_dir(),
        &[
            "--journal",
            journal.to_str().unwrap(),
            "diff",
            "main..visit",
            "-f",
            "json",
        ],
    );
    assert_eq!(outside.code, 0, "{}", outside.stderr);
}

#[test]
fn diff_check_fails_on_errors_in_the_changed_entries_only() {
    let dir = TempDir::new("git-diff-check");
    branch_repo(dir.path(), ".");
    // Warnings do not fail --check.
    assert_eq!(
        insight_at(dir.path(), &["diff", "main...", "--check"]).code,
        0
    );
    std::fs::write(
        dir.path().join("visits/2026-11-22-store-11.md"),
        "---\ndate: 2026-11-22\nkind: frontlien\nsite: Store 11\n---\n",
    )
    .unwrap();
    let run = insight_at(dir.path(), &["diff", "--check", "-f", "markdown"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.ends_with(
            "## Problems in the changed entries\n\n```\n\
             visits/2026-11-22-store-11.md:3:1: error: `kind`: `frontlien` is not a kind of this journal\n\
             \x20 hint: did you mean `frontline`? The kinds are frontline, peer, immersion, research, sales\n```\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("| added |  |  |  |  | visits/2026-11-22-store-11.md |\n")
    );
    assert!(run.stdout.contains(
        "- **visits/2026-11-22-store-11.md**: `kind`: `frontlien` is not a kind of this journal\n"
    ));
    // Without --check the same diff exits 0: it is a report.
    assert_eq!(insight_at(dir.path(), &["diff"]).code, 0);
}

#[test]
fn revisions_that_cannot_be_compared_say_why() {
    let dir = TempDir::new("git-bad-revision");
    branch_repo(dir.path(), ".");
    let run = insight_at(dir.path(), &["diff", "no-such-branch..."]);
    assert_eq!((run.code, run.stdout.as_str()), (2, ""));
    assert_eq!(
        run.stderr,
        "error: `no-such-branch` is not a revision of this repository\n\
         hint: name a branch, a tag or a commit; `git log --oneline` lists commits and `git branch -a` branches\n"
    );
    let outside = TempDir::new("git-none");
    crate::common::copy_dir(
        &manifest_dir().join("tests/fixtures/quarterly"),
        outside.path(),
    );
    for args in [&["diff"][..], &["check", "--staged"][..]] {
        let run = insight_at(outside.path(), args);
        assert_eq!(run.code, 2);
        assert!(
            run.stderr
                .starts_with("error: the journal at . is not in a git repository\n")
                || run.stderr.contains("is not in a git repository"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn an_empty_repository_and_a_shallow_clone() {
    let dir = TempDir::new("git-empty");
    crate::common::copy_dir(&manifest_dir().join("tests/fixtures/quarterly"), dir.path());
    git(dir.path(), &["init", "-q", "-b", "main"]);
    // No commit yet: everything on disk is added.
    let json: serde_json::Value =
        serde_json::from_str(&insight_at(dir.path(), &["diff", "-f", "json"]).ok()).unwrap();
    assert_eq!(
        json["from"],
        serde_json::json!({"label": "HEAD", "commit": null})
    );
    assert_eq!(json["entries"].as_array().unwrap().len(), 6);
    assert_eq!(json["totals"]["before"]["entries"], 0);
    let run = insight_at(dir.path(), &["diff", "main..."]);
    assert_eq!(
        run.stderr,
        "error: `main` has no commit yet, so it parts from nothing\n\
         hint: commit the journal first, or compare with `insight diff REV`\n"
    );
    // Nothing staged: nothing to check.
    assert_eq!(
        insight_at(dir.path(), &["check", "--staged"]).ok(),
        "checked 0 staged entries: no problems\n"
    );
    // An entry staged without the settings is checked with the ones on disk.
    git(dir.path(), &["add", "visits"]);
    assert_eq!(
        insight_at(dir.path(), &["check", "--staged"]).ok(),
        "insight.yaml:1:1: warning: insight.yaml is not in the staging area, so the entries were checked with the one on disk\n\
         \x20 hint: `git add insight.yaml` to commit the journal's settings\n\
         checked 6 staged entries: 1 warning\n"
    );
    git(dir.path(), &["add", "."]);
    assert_eq!(
        insight_at(dir.path(), &["check", "--staged"]).ok(),
        "checked 6 staged entries: no problems\n"
    );
    git(dir.path(), &["commit", "-q", "-m", "one"]);
    std::fs::write(
        dir.path().join("visits/2026-11-01-x.md"),
        "---\ndate: 2026-11-01\nkind: peer\nsite: X\n---\n",
    )
    .unwrap();
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "two"]);
    let clone = TempDir::new("git-shallow");
    let source = format!("file://{}", dir.str());
    git(clone.path(), &["clone", "-q", "--depth", "1", &source, "c"]);
    let shallow = clone.path().join("c");
    // The working tree against HEAD works with one commit of history.
    assert_eq!(insight_at(&shallow, &["diff"]).code, 0);
    let run = insight_at(&shallow, &["diff", "HEAD~1"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: `HEAD~1` is not a revision of this repository\n\
         hint: this clone is shallow, so older commits are missing; fetch more history (`git fetch --unshallow`), or name a branch, tag or commit that is here\n"
    );
}

#[test]
fn check_staged_reads_what_the_commit_will_contain() {
    let dir = TempDir::new("git-staged");
    branch_repo(dir.path(), ".");
    let name = "visits/2026-11-22 -draft ö.md";
    let path = dir.path().join(name);
    std::fs::write(
        &path,
        "---\ndate: 2026-11-22\nkind: frontlien\nsite: Store 12\n---\n",
    )
    .unwrap();
    git(dir.path(), &["add", "--", name]);
    // Fixed on disk but not staged: the commit would still hold the broken entry.
    std::fs::write(
        &path,
        "---\ndate: 2026-11-22\nkind: frontline\nsite: Store 12\n---\n",
    )
    .unwrap();
    assert_eq!(insight_at(dir.path(), &["check", name]).code, 0);
    let run = insight_at(dir.path(), &["check", "--staged"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "visits/2026-11-22 -draft ö.md:3:1: error: `kind`: `frontlien` is not a kind of this journal\n\
         \x20 hint: did you mean `frontline`? The kinds are frontline, peer, immersion, research, sales\n\
         checked 1 staged entry: 1 error\n"
    );
    git(dir.path(), &["add", "--", name]);
    assert_eq!(
        insight_at(dir.path(), &["check", "--staged"]).ok(),
        "checked 1 staged entry: no problems\n"
    );
    // A staged insight.yaml is checked as staged too.
    std::fs::write(
        dir.path().join("insight.yaml"),
        "name: Grocery IT journal\nkinds: [frontline, peer, research, sales, frontline]\n",
    )
    .unwrap();
    git(dir.path(), &["add", "insight.yaml"]);
    let run = insight_at(dir.path(), &["check", "--staged", "--format", "json"]);
    let found: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        found[0]["message"],
        "`frontline` is listed twice in `kinds`"
    );
}

/// The GitHub job that docs/review.md shows is the one `insight init --ci
/// github` writes for a journal at the root of its repository.
#[test]
fn the_ci_job_in_the_docs_is_the_one_init_writes() {
    let review = std::fs::read_to_string(manifest_dir().join("docs/review.md")).unwrap();
    let template =
        std::fs::read_to_string(manifest_dir().join("journal-template/git/github-journal.yml"))
            .unwrap();
    let job: String = template
        .lines()
        .skip_while(|line| line.starts_with('#'))
        .map(|line| line.replace("insight JOURNAL ", "insight ") + "\n")
        .collect();
    assert!(
        review.contains(&format!("```yaml\n{job}```")),
        "the job in docs/review.md differs from journal-template/git/github-journal.yml"
    );
}

/// The pre-commit hook from the README, word for word.
const HOOK: &str = "#!/bin/sh\nexec insight check --staged\n";

#[test]
fn the_hook_written_by_hand_refuses_a_broken_staged_entry_and_accepts_it_fixed() {
    let review = std::fs::read_to_string(manifest_dir().join("docs/review.md")).unwrap();
    assert!(
        review.contains(&format!("```sh\n{HOOK}```")),
        "the hook in docs/review.md changed"
    );
    let dir = TempDir::new("git-hook");
    branch_repo(dir.path(), ".");
    let hook = dir.path().join(".git/hooks/pre-commit");
    std::fs::write(&hook, HOOK).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_insight")).parent().unwrap();
    let path = format!("{}:/usr/local/bin:/usr/bin:/bin", bin.display());
    let commit = |message: &str| {
        std::process::Command::new("git")
            .current_dir(dir.path())
            .env_clear()
            .env("PATH", &path)
            .env("HOME", dir.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .args([
                "-c",
                "user.name=Ann",
                "-c",
                "user.email=ann@example.com",
                "commit",
                "-q",
                "-m",
                message,
            ])
            .output()
            .unwrap()
    };
    let name = "visits/2026-11-22-store-12.md";
    std::fs::write(
        dir.path().join(name),
        "---\ndate: 2026-11-22\nkind: frontlien\nsite: Store 12\n---\n",
    )
    .unwrap();
    git(dir.path(), &["add", name]);
    let refused = commit("A broken visit");
    assert_eq!(refused.status.code(), Some(1));
    // git shows a hook's output on stderr.
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains(
            "visits/2026-11-22-store-12.md:3:1: error: `kind`: `frontlien` is not a kind of this journal\n"
        ),
        "{refused:?}"
    );
    assert_eq!(
        git(dir.path(), &["log", "-1", "--format=%s"]),
        "Two visits, a launch, tidying\n"
    );
    std::fs::write(
        dir.path().join(name),
        "---\ndate: 2026-11-22\nkind: frontline\nsite: Store 12\n---\n",
    )
    .unwrap();
    git(dir.path(), &["add", name]);
    let accepted = commit("A visit");
    assert!(accepted.status.success(), "{accepted:?}");
    assert_eq!(git(dir.path(), &["log", "-1", "--format=%s"]), "A visit\n");
}
