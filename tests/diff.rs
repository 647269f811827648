//! What `insight diff` tells a reviewer about each entry: the values a
//! change gives its fields, a file renamed and edited at once, and what is
//! wrong with an entry that cannot be read. Each test commits a small journal
//! on `main` and changes it in the working tree.

use crate::common::{TempDir, git, insight_at};
use std::path::Path;

const SETTINGS: &str = "name: Test journal\n";

/// A visit at Store A, with a quote and an idea.
const STORE_A: &str = "---
date: 2026-10-14
kind: frontline
site: Store A
people: [Ann, Bo]
customers: 23
hours: 4
tags: [coupons, mobile]
ideas:
  - id: aisle-finder
    title: Aisle finder
    status: exploring
    owner: Bo
---
# Coupons at the shelf

We spent the morning at the shelf edge with the coupon scanner.

> I never know which aisle the flour is in.
";

fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A repository whose `main` holds `files` and the settings.
fn journal(dir: &Path, files: &[(&str, &str)]) {
    write(dir, "insight.yaml", SETTINGS);
    for (path, text) in files {
        write(dir, path, text);
    }
    git(dir, &["init", "-q", "-b", "main"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "The journal so far"]);
}

/// A repository whose `main` holds the visit at Store A and one more entry.
fn store_a_and(dir: &Path, path: &str, text: &str) {
    journal(
        dir,
        &[("visits/2026-10-14-store-a.md", STORE_A), (path, text)],
    );
}

/// `diff main` in `format`, from the line that starts with `from` to the
/// one that starts with `to`.
fn part(dir: &Path, format: &str, from: &str, to: &str) -> String {
    let out = insight_at(dir, &["diff", "main", "--format", format]).ok();
    let start = out.find(from).unwrap();
    let end = start + out[start..].find(to).unwrap();
    out[start..end].to_string()
}

#[test]
fn a_changed_field_shows_its_old_and_new_value() {
    let dir = TempDir::new("diff-values");
    journal(dir.path(), &[("visits/2026-10-14-store-a.md", STORE_A)]);
    let edited = STORE_A
        .replace("date: 2026-10-14", "date: 2026-10-15")
        .replace("site: Store A", "site: Store B")
        .replace("[Ann, Bo]", "[Ann, Cy]")
        .replace("customers: 23", "customers: 25")
        .replace("hours: 4", "hours: 6.5")
        .replace("[coupons, mobile]", "[mobile, pricing]")
        .replace("title: Aisle finder", "title: Aisle finder app")
        .replace("status: exploring", "status: planned")
        .replace("owner: Bo", "owner: Ann")
        .replace("# Coupons", "# Prices");
    write(dir.path(), "visits/2026-10-14-store-a.md", &edited);
    assert_eq!(
        part(dir.path(), "table", "Entries\n", "Totals"),
        "Entries
Change   Date        Kind       Site     People   Entry
-------- ----------- ---------- -------- -------- -----------------------------
changed  2026-10-15  frontline  Store B  Ann, Cy  visits/2026-10-14-store-a.md

What changed
visits/2026-10-14-store-a.md  date: 2026-10-14 → 2026-10-15; site: Store A → Store B; title: Coupons at the shelf → Prices at the shelf; people: +Cy −Bo; customers: 23 → 25; hours: 4 → 6.5; tags: +pricing −coupons; aisle-finder: title Aisle finder → Aisle finder app, status exploring → planned, owner Bo → Ann; text: +1 −1 lines

Ideas
Id            Idea              Change                                  Entry
------------- ----------------- --------------------------------------- -----------------------------
aisle-finder  Aisle finder app  exploring → planned                     visits/2026-10-14-store-a.md
aisle-finder  Aisle finder app  owner: Bo → Ann                         visits/2026-10-14-store-a.md
aisle-finder  Aisle finder app  title: Aisle finder → Aisle finder app  visits/2026-10-14-store-a.md

New quotes
No new block quotes.

"
    );
    assert_eq!(
        part(dir.path(), "markdown", "## Entries", "## New quotes"),
        "## Entries

| Change | Date | Kind | Site | People | Entry |
| --- | --- | --- | --- | --- | --- |
| changed | 2026-10-15 | frontline | Store B | Ann, Cy | visits/2026-10-14-store-a.md |

## What changed

- **visits/2026-10-14-store-a.md**: date: 2026-10-14 → 2026-10-15; site: Store A → Store B; title: Coupons at the shelf → Prices at the shelf; people: +Cy −Bo; customers: 23 → 25; hours: 4 → 6.5; tags: +pricing −coupons; aisle-finder: title Aisle finder → Aisle finder app, status exploring → planned, owner Bo → Ann; text: +1 −1 lines

## Ideas

| Id | Idea | Change | Entry |
| --- | --- | --- | --- |
| aisle-finder | Aisle finder app | exploring → planned | visits/2026-10-14-store-a.md |
| aisle-finder | Aisle finder app | owner: Bo → Ann | visits/2026-10-14-store-a.md |
| aisle-finder | Aisle finder app | title: Aisle finder → Aisle finder app | visits/2026-10-14-store-a.md |

"
    );
    let run = insight_at(dir.path(), &["diff", "main", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.ok()).unwrap();
    assert_eq!(
        json["entries"][0]["fields"],
        serde_json::json!([
            {"field": "date", "from": "2026-10-14", "to": "2026-10-15"},
            {"field": "site", "from": "Store A", "to": "Store B"},
            {"field": "title", "from": "Coupons at the shelf", "to": "Prices at the shelf"},
            {"field": "people", "added": ["Cy"], "removed": ["Bo"]},
            {"field": "customers", "from": 23, "to": 25},
            {"field": "hours", "from": 4, "to": 6.5},
            {"field": "tags", "added": ["pricing"], "removed": ["coupons"]},
            {"idea": "aisle-finder", "field": "title", "from": "Aisle finder", "to": "Aisle finder app"},
            {"idea": "aisle-finder", "field": "status", "from": "exploring", "to": "planned"},
            {"idea": "aisle-finder", "field": "owner", "from": "Bo", "to": "Ann"},
            {"field": "text", "lines_added": 1, "lines_removed": 1},
        ])
    );
    assert_eq!(
        json["ideas"][2],
        serde_json::json!({
            "change": "title",
            "id": "aisle-finder",
            "title": "Aisle finder app",
            "from": "Aisle finder",
            "to": "Aisle finder app",
            "path": "visits/2026-10-14-store-a.md"
        })
    );
}

#[test]
fn a_file_renamed_and_edited_is_one_entry_renamed_with_its_changes() {
    let dir = TempDir::new("diff-rename");
    let other = "---\ndate: 2026-10-14\nkind: peer\nsite: Head office\n---\nLunch with the CIO.\n";
    store_a_and(dir.path(), "visits/2026-10-14-head-office.md", other);
    std::fs::remove_file(dir.path().join("visits/2026-10-14-store-a.md")).unwrap();
    let edited = STORE_A
        .replace("site: Store A", "site: Store A, bakery")
        .replace("customers: 23", "customers: 25")
        .replace("hours: 4\n", "")
        + "\nWe came back after lunch.\n";
    write(dir.path(), "visits/2026-10-14-store-a-bakery.md", &edited);
    // Another visit of the same day, removed, is not taken for it.
    std::fs::remove_file(dir.path().join("visits/2026-10-14-head-office.md")).unwrap();
    assert_eq!(
        part(dir.path(), "table", "Entries: ", "Totals"),
        "Entries: 1 renamed, 1 removed. No problems.

Entries
Change   Date        Kind       Site             People   Entry
-------- ----------- ---------- ---------------- -------- ------------------------------------
renamed  2026-10-14  frontline  Store A, bakery  Ann, Bo  visits/2026-10-14-store-a-bakery.md
removed  2026-10-14  peer       Head office               visits/2026-10-14-head-office.md

What changed
visits/2026-10-14-store-a-bakery.md  renamed from visits/2026-10-14-store-a.md; site: Store A → Store A, bakery; customers: 23 → 25; hours: 4 → unknown; text: +2 lines

Ideas
No idea was raised, moved, retitled or given a new owner.

New quotes
No new block quotes.

"
    );
}

#[test]
fn a_broken_entry_says_what_is_wrong_in_one_phrase() {
    let dir = TempDir::new("diff-broken");
    let store_c = "---\ndate: 2026-09-01\nkind: frontlien\nsite: Store C\n---\n";
    store_a_and(dir.path(), "visits/2026-09-01-store-c.md", store_c);
    write(dir.path(), "visits/2026-08-01-store-e.md", store_c);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "Store E"]);
    // Broken by the change, mended by it, added broken, and removed broken:
    // what was wrong with a file now gone is not said.
    std::fs::remove_file(dir.path().join("visits/2026-08-01-store-e.md")).unwrap();
    write(
        dir.path(),
        "visits/2026-10-14-store-a.md",
        &STORE_A.replace("date: 2026-10-14", "date: 2026-10-41"),
    );
    write(
        dir.path(),
        "visits/2026-09-01-store-c.md",
        &store_c.replace("frontlien", "frontline"),
    );
    write(
        dir.path(),
        "visits/2026-11-02-store-d.md",
        "---\ndate: 2026-11-02\nkind: frontline\n---\nNo site.\n",
    );
    assert_eq!(
        part(dir.path(), "table", "Entries: ", "Totals"),
        "Entries: 1 added, 2 changed, 1 removed. Problems: 2 errors.

Entries
Change   Date        Kind       Site     People  Entry
-------- ----------- ---------- -------- ------- -----------------------------
added                                            visits/2026-11-02-store-d.md
changed                                          visits/2026-10-14-store-a.md
changed  2026-09-01  frontline  Store C          visits/2026-09-01-store-c.md
removed                                          visits/2026-08-01-store-e.md

What changed
visits/2026-11-02-store-d.md  missing `site`
visits/2026-10-14-store-a.md  `date`: `2026-10-41` is not a valid date
visits/2026-09-01-store-c.md  fixed: `kind`: `frontlien` is not a kind of this journal

Ideas
No idea was raised, moved, retitled or given a new owner.

New quotes
No new block quotes.

"
    );
}
