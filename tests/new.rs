//! `insight new` as a person uses it: day words for --date, --kind, ideas with
//! an id and a status, quotes, default people, and a check once the entry is written.

use crate::common::{TempDir, insight_in};
use serde_json::{Value, json};
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

/// `insight --today 2026-11-22 ARGS` on a terminal without colour, answering the prompt if asked.
fn on_terminal(dir: &Path, env: &[(&str, &str)], args: &[&str], answer: Option<&str>) -> String {
    let mut all = vec!["--today", TODAY];
    all.extend_from_slice(args);
    let mut env = env.to_vec();
    env.push(("NO_COLOR", "1"));
    crate::common::on_terminal(dir, &env, &all, answer)
}

const TODAY: &str = "2026-11-22";

fn journal(name: &str) -> TempDir {
    let dir = TempDir::new(name);
    let run = insight_in(dir.path(), &[], &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    dir
}

/// `insight --today 2026-11-22 new ARGS` in `dir`; returns the run and the new file's text.
fn new(dir: &TempDir, args: &[&str]) -> (crate::common::Run, String) {
    new_with(dir, &[], args)
}

fn new_with(dir: &TempDir, env: &[(&str, &str)], args: &[&str]) -> (crate::common::Run, String) {
    let mut all = vec!["--today", TODAY, "new"];
    all.extend_from_slice(args);
    let run = insight_in(dir.path(), env, &all);
    let text = fs::read_to_string(dir.path().join(run.stdout.trim())).unwrap_or_default();
    (run, text)
}

/// The front matter of a new entry, without the body.
fn front_matter(text: &str) -> &str {
    let end = text[4..]
        .find("\n---\n")
        .map_or(text.len(), |at| at + 4 + 5);
    &text[..end]
}

fn entries_json(dir: &TempDir) -> Value {
    let run = insight_in(dir.path(), &[], &["list", "--format", "json"]);
    serde_json::from_str(&run.ok()).expect("JSON")
}

#[test]
fn date_takes_the_words_periods_take() {
    let dir = journal("new-dates");
    for (typed, file) in [
        ("yesterday", "visits/2026/2026-11-21-cub.md"),
        ("last-friday", "visits/2026/2026-11-20-cub.md"),
        ("last friday", "visits/2026/2026-11-20-cub-2.md"),
        ("3 days ago", "visits/2026/2026-11-19-cub.md"),
        ("2026/7/4", "visits/2026/2026-07-04-cub.md"),
    ] {
        let (run, _) = new(&dir, &["visit", "--site", "Cub", "--date", typed]);
        assert_eq!(
            (run.code, run.stdout.as_str(), run.stderr.as_str()),
            (0, format!("{file}\n").as_str(), ""),
            "{typed}"
        );
    }
    let (run, _) = new(&dir, &["visit", "--site", "Cub", "--date", "yesterdy"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            2,
            "error: --date: `yesterdy` is not a date\nhint: did you mean `yesterday`?\n"
        )
    );
    let (run, _) = new(&dir, &["visit", "--site", "Cub", "--date", "last month"]);
    assert_eq!(
        run.stderr,
        "error: --date: `last month` is 2026-10 (2026-10-01..2026-10-31), not one day\n\
         hint: give a day, such as 2026-10-01\n"
    );
}

#[test]
fn kind_chooses_the_template() {
    let dir = journal("new-kind");
    let (run, text) = new(&dir, &["--kind", "peer", "--site", "Atlanta"]);
    assert_eq!(run.stdout, "visits/2026/2026-11-22-atlanta.md\n");
    assert!(
        text.starts_with("---\ndate: 2026-11-22\nkind: peer\nsite: Atlanta\n---\n# Atlanta\n\n<!-- Time with a customer's or partner's CIO"),
        "{text}"
    );
    // The frontline template is visit.md: found by its `kind:`, not its name.
    let (_, text) = new(&dir, &["--kind", "Frontline", "--site", "Cub"]);
    assert!(
        text.starts_with("---\ndate: 2026-11-22\nkind: frontline\nsite: Cub\n---\n# Cub\n\n<!-- A shift worked at Cub"),
        "{text}"
    );
    // A template named with a kind makes an entry of that kind.
    let (_, text) = new(&dir, &["visit", "--kind", "immersion", "--site", "Depot"]);
    assert!(text.contains("kind: immersion\n"), "{text}");
    assert!(text.contains("<!-- A shift worked at Depot"), "{text}");
}

#[test]
fn an_unknown_kind_is_an_error_and_a_kind_without_a_template_starts_bare() {
    let dir = journal("new-kind-bare");
    let (run, _) = new(&dir, &["--kind", "frontlin", "--site", "Cub"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            2,
            "error: `--kind frontlin`: not a kind of this journal\n\
             hint: did you mean `frontline`? The kinds are frontline, peer, immersion, research, sales\n"
        )
    );
    fs::write(
        dir.path().join("insight.yaml"),
        "kinds: [frontline, lunch]\n",
    )
    .unwrap();
    let (run, text) = new(&dir, &["--kind", "lunch", "--site", "Cafe"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(
        text,
        "---\ndate: 2026-11-22\nkind: lunch\nsite: Cafe\n---\n# Cafe\n"
    );
}

#[test]
fn without_a_template_a_terminal_is_asked_and_a_script_gets_visit() {
    let dir = journal("new-ask");
    let (run, text) = new(&dir, &["--site", "Cub"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert!(text.contains("\nkind: frontline\n"), "{text}");
    let screen = on_terminal(
        dir.path(),
        &[],
        &["new", "--site", "Atlanta", "--no-edit"],
        Some("peer"),
    );
    assert_eq!(
        screen,
        "Template (immersion, peer, research, sales, visit) [visit]: peer\n\
         visits/2026/2026-11-22-atlanta.md\n"
    );
    let text = fs::read_to_string(dir.path().join("visits/2026/2026-11-22-atlanta.md")).unwrap();
    assert!(text.contains("\nkind: peer\n"), "{text}");
}

#[test]
fn ideas_take_an_id_and_a_status() {
    let dir = journal("new-ideas");
    let (run, text) = new(
        &dir,
        &[
            "visit",
            "--site",
            "Cub",
            "--date",
            "last friday",
            "--idea",
            "[aisle-finder] Aisle finder in the app (exploring)",
            "--idea",
            "Route through the store",
            "--idea",
            "Queue display (phase 2)",
        ],
    );
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(
        front_matter(&text),
        "---\ndate: 2026-11-20\nkind: frontline\nsite: Cub\nideas:\n\
         - id: aisle-finder\n  title: Aisle finder in the app\n  status: exploring\n\
         - Route through the store\n- Queue display (phase 2)\n---\n"
    );
    // An id alone moves an idea the journal knows along, written as the journal writes follow-ups.
    let (run, text) = new(
        &dir,
        &[
            "visit",
            "--site",
            "Cub",
            "--idea",
            "[aisle-finder] (building)",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        text.contains("ideas:\n- id: aisle-finder\n  status: building\n---\n"),
        "{text}"
    );
    let ideas = insight_in(dir.path(), &[], &["ideas", "--format", "csv"]).ok();
    assert!(
        ideas.contains("aisle-finder,Aisle finder in the app,building,,2,"),
        "{ideas}"
    );
    let (run, _) = new(
        &dir,
        &["visit", "--site", "Cub", "--idea", "[nope] (planned)"],
    );
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            2,
            "error: --idea [nope]: no idea in the journal has the id `nope`, so it needs a title\n\
             hint: write it as --idea \"[nope] Its title\"\n"
        )
    );
    let (run, _) = new(
        &dir,
        &[
            "visit",
            "--site",
            "Cub",
            "--idea",
            "Aisle finder (exploing)",
        ],
    );
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            2,
            "error: --idea `(exploing)` is not a status of this journal; did you mean `(exploring)`? \
             The statuses are new, exploring, planned, building, shipped, dropped\n"
        )
    );
}

#[test]
fn any_idea_title_reads_back_as_typed() {
    let dir = journal("new-idea-yaml");
    let titles = [
        "yes",
        "Off",
        "#1: 'quoted' \"double\"",
        "[not] a list",
        "- dash: colon",
        "{braces}",
        "null",
        "2026-11-22",
        "1.10",
        "& anchor * alias",
        "ends with colon:",
        "東京 (new store)",
    ];
    let mut args = vec!["visit", "--site", "Cub"];
    let typed: Vec<String> = titles
        .iter()
        .enumerate()
        .map(|(i, title)| format!("[idea-{i}] {title} (planned)"))
        .collect();
    for t in &typed {
        args.extend(["--idea", t.as_str()]);
    }
    args.extend(["--idea", "y", "--idea", "[plain] n"]);
    let (run, _) = new(&dir, &args);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let entries = entries_json(&dir);
    let ideas = entries[0]["ideas"].as_array().unwrap();
    let read = |idea: &Value| json!([idea["id"], idea["title"], idea["status"]]);
    for (i, title) in titles.iter().enumerate() {
        assert_eq!(
            read(&ideas[i]),
            json!([format!("idea-{i}"), title, "planned"])
        );
    }
    assert_eq!(read(&ideas[titles.len()]), json!([null, "y", "new"]));
    assert_eq!(ideas[titles.len() + 1]["id"], "plain");
    assert_eq!(ideas[titles.len() + 1]["title"], "n");
}

#[test]
fn quote_adds_a_block_quote_where_customers_speak() {
    let dir = journal("new-quote");
    let (run, text) = new(
        &dir,
        &[
            "visit",
            "--site",
            "Cub",
            "--quote",
            "I love the store locator on the web, but in here I can never find anything.",
            "--quote",
            "Where is the gluten-free bread?\nAnd why did it move?",
        ],
    );
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert!(
        text.contains(
            "starts with \"> \" followed by their words. Quote, don't paraphrase. -->\n\n\
             > I love the store locator on the web, but in here I can never find anything.\n\n\
             > Where is the gluten-free bread?\n> And why did it move?\n\n## What got in their way\n"
        ),
        "{text}"
    );
    let quotes = insight_in(dir.path(), &[], &["quotes", "--format", "csv"]).ok();
    assert_eq!(
        quotes,
        "date,site,people,text,path\n\
         2026-11-22,Cub,,\"I love the store locator on the web, but in here I can never find anything.\",visits/2026/2026-11-22-cub.md\n\
         2026-11-22,Cub,,Where is the gluten-free bread? And why did it move?,visits/2026/2026-11-22-cub.md\n"
    );
    // A template of the user's own without a place for quotes gets them at the end.
    fs::write(
        dir.path().join("templates/walk.md"),
        "---\nkind: frontline\n---\n# {{title}}\n\nNotes.",
    )
    .unwrap();
    let (_, text) = new(&dir, &["walk", "--site", "Depot", "--quote", "Too far."]);
    assert!(
        text.ends_with("---\n# Depot\n\nNotes.\n\n> Too far.\n"),
        "{text}"
    );
}

#[test]
fn people_default_to_me_then_to_git() {
    let dir = journal("new-people");
    let path = std::env::var("PATH").unwrap_or_default();
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .args(args)
            .current_dir(dir.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", dir.path())
            .stdout(Stdio::null())
            .status()
            .expect("git");
        assert!(status.success());
    };
    git(&["init", "-q"]);
    git(&["config", "user.name", "Grace Hopper"]);
    let env = [("PATH", path.as_str())];
    let (_, text) = new_with(&dir, &env, &["visit", "--site", "A"]);
    assert!(text.contains("\npeople:\n- Grace Hopper\n"), "{text}");
    // Without git, there is no default.
    let empty = TempDir::new("new-people-no-git");
    let (run, text) = new_with(&dir, &[("PATH", empty.str())], &["visit", "--site", "B"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert!(!front_matter(&text).contains("people"), "{text}");
    // `me:` in insight.yaml comes first, and --person before it.
    let settings = dir.path().join("insight.yaml");
    let mut yaml = fs::read_to_string(&settings).unwrap();
    yaml.push_str("me: Ada Lovelace\n");
    fs::write(&settings, yaml).unwrap();
    let (_, text) = new_with(&dir, &env, &["visit", "--site", "C"]);
    assert!(text.contains("\npeople:\n- Ada Lovelace\n"), "{text}");
    let (_, text) = new_with(
        &dir,
        &env,
        &["visit", "--site", "D", "--person", "Wayne Shurts"],
    );
    assert!(text.contains("\npeople:\n- Wayne Shurts\n"), "{text}");
    // `me` is a known setting.
    let check = insight_in(dir.path(), &[], &["check", "insight.yaml"]);
    assert_eq!(check.ok(), "checked 0 entries: no problems\n");
}

#[test]
fn the_new_entry_is_checked_as_the_editor_left_it() {
    let dir = journal("new-check");
    let editor = dir.path().join("editor.sh");
    // The editor misspells the kind and saves.
    fs::write(
        &editor,
        "#!/bin/sh\nsed 's/^kind: frontline$/kind: frontlien/' \"$1\" > \"$1.tmp\" && mv \"$1.tmp\" \"$1\"\n",
    )
    .unwrap();
    make_executable(&editor);
    let env = [("EDITOR", editor.to_str().unwrap())];
    let screen = on_terminal(dir.path(), &env, &["new", "visit", "--site", "Cub"], None);
    assert_eq!(
        screen,
        "visits/2026/2026-11-22-cub.md:3:1: error: `kind`: `frontlien` is not a kind of this journal\n  \
         hint: did you mean `frontline`? The kinds are frontline, peer, immersion, research, sales\n\
         warning: visits/2026/2026-11-22-cub.md is saved as you left it; fix what is above, then run `insight check visits/2026/2026-11-22-cub.md`\n\
         visits/2026/2026-11-22-cub.md\n"
    );
    let text = fs::read_to_string(dir.path().join("visits/2026/2026-11-22-cub.md")).unwrap();
    assert!(text.starts_with("---\ndate: 2026-11-22\nkind: frontlien\nsite: Cub\n---\n# Cub\n"));
}

#[test]
fn the_new_entry_is_checked_without_an_editor_too() {
    let dir = journal("new-check-tags");
    fs::create_dir_all(dir.path().join("visits/2026")).unwrap();
    for n in 1..=3 {
        fs::write(
            dir.path().join(format!("visits/2026/2026-01-0{n}-x.md")),
            format!("---\ndate: 2026-01-0{n}\nkind: frontline\nsite: X\ntags: [mobile]\n---\n"),
        )
        .unwrap();
    }
    let (run, _) = new(
        &dir,
        &[
            "visit", "--site", "Cub", "--tag", "moble", "--date", "tomorrow",
        ],
    );
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "visits/2026/2026-11-23-cub.md\n");
    assert_eq!(
        run.stderr,
        "visits/2026/2026-11-23-cub.md:2:1: warning: `date` 2026-11-23 is after today (2026-11-22)\n  \
         hint: is the year right?\n\
         visits/2026/2026-11-23-cub.md:6:3: warning: tag `moble` looks like `mobile` (in 3 entries)\n  \
         hint: if they are the same, run `insight tags rename moble mobile`\n\
         warning: visits/2026/2026-11-23-cub.md is saved as you left it; fix what is above, then run `insight check visits/2026/2026-11-23-cub.md`\n"
    );
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
}
