//! Every command speaks the same language: `--format jsonl` wherever JSON
//! is, `--limit` for "at most N rows", global options last in `--help`,
//! errors that point at the command's own help, `man` for a subcommand,
//! colour in `check`, periods of the last few days and half-years, and
//! `show` by what is written in an entry.

use crate::common::{TempDir, basic, insight_at, insight_in, on_terminal};
use std::fs;

#[test]
fn jsonl_is_one_object_per_line_wherever_json_is() {
    let tags = basic(&["tags", "--format", "jsonl", "--limit", "2"]).ok();
    assert_eq!(
        tags,
        "{\"tag\":\"mobile\",\"entries\":3}\n{\"tag\":\"pricing\",\"entries\":2}\n"
    );
    // The groups of `--format json`, one a line.
    let by_kind = basic(&["report", "--by", "kind", "--year", "2026", "-f", "jsonl"]).ok();
    let json = basic(&["report", "--by", "kind", "--year", "2026", "-f", "json"]).ok();
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let lines: Vec<serde_json::Value> = by_kind
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(&json["groups"], &serde_json::Value::Array(lines));
    for command in [&["ideas"][..], &["people"], &["ideas", "aisle-finder"]] {
        let run = basic(&[command, &["--format", "jsonl"]].concat()).ok();
        for line in run.lines() {
            let value: serde_json::Value = serde_json::from_str(line).expect("one object a line");
            assert!(value.is_object(), "{line}");
        }
    }
    let sections = basic(&["report", "--format", "jsonl"]);
    assert_eq!(sections.code, 2);
    assert_eq!(
        sections.stderr,
        "error: a report is one document, not a list of lines\n\
         hint: add --by kind|tag|site|person|month|quarter|journal for one line per group, or use --format json\n"
    );
}

#[test]
fn limit_caps_the_rows_and_zero_says_nothing() {
    assert_eq!(
        basic(&["ideas", "--limit", "1", "--format", "csv"])
            .ok()
            .lines()
            .count(),
        2
    );
    assert_eq!(
        basic(&["people", "-n", "1", "--format", "csv"])
            .ok()
            .lines()
            .count(),
        2
    );
    for command in ["list", "tags", "ideas", "people", "quotes"] {
        let run = basic(&[command, "--limit", "0"]);
        assert_eq!(
            (run.code, run.stdout.as_str(), run.stderr.as_str()),
            (0, "", ""),
            "{command}"
        );
    }
}

#[test]
fn global_options_come_last_in_every_help() {
    for command in [
        &["list"][..],
        &["report"],
        &["tags", "rename"],
        &["check"],
        &[],
    ] {
        let help = insight_in(&std::env::temp_dir(), &[], &[command, &["--help"]].concat()).ok();
        let headings: Vec<&str> = help
            .lines()
            .filter(|l| l.ends_with(':') && !l.starts_with(' '))
            .collect();
        assert_eq!(
            headings.last(),
            Some(&"Global options:"),
            "{command:?}: {headings:?}"
        );
        let global = &help[help.find("Global options:").unwrap()..];
        for option in ["--journal", "--today", "--color", "--no-cache"] {
            assert!(global.contains(option), "{command:?} {option}");
        }
    }
}

#[test]
fn a_bad_period_points_at_the_help_of_the_command_that_was_run() {
    let run = basic(&["report", "--quarter", "2026Q9"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            2,
            "error: `--quarter 2026Q9`: write a quarter as 3, Q3, 2026Q3, this or last\n\
             hint: see `insight report --help` for the period forms\n"
        )
    );
    let run = basic(&["list", "--since", "2026-10", "--until", "2026-09"]);
    assert!(
        run.stderr
            .ends_with("hint: write the earlier one first: --since 2026-09 --until 2026-10\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_last_few_days_and_half_years_are_periods() {
    let last = basic(&["list", "--period", "last 30 days", "--format", "paths"]).ok();
    assert_eq!(last, "");
    let h1 = basic(&["list", "--period", "2026H1", "--format", "paths"]).ok();
    let q1_q2 = basic(&["list", "--period", "2026Q1..2026Q2", "--format", "paths"]).ok();
    assert_eq!(h1, q1_q2);
    assert!(!h1.is_empty());
    let heading = basic(&["report", "--period", "2026H1", "--format", "markdown"]).ok();
    assert!(heading.starts_with("# "), "{heading}");
    assert!(
        heading.lines().next().unwrap().ends_with("2026H1"),
        "{heading}"
    );
}

#[test]
fn man_gives_a_subcommands_page_however_it_is_written() {
    for typed in [&["tags rename"][..], &["tags-rename"], &["tags", "rename"]] {
        let page = basic(&[&["man"][..], typed].concat()).ok();
        assert!(page.contains(".TH insight-tags-rename 1"), "{typed:?}");
    }
    let run = basic(&["man", "tags", "renam"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: `tags renam` is not an insight command\n\
         hint: did you mean `rename`? The commands of `insight tags` are rename\n"
    );
}

#[test]
fn check_paints_as_the_other_commands_do() {
    let temp = TempDir::new("conventions-check-colour");
    let root = temp.path();
    fs::create_dir_all(root.join("visits")).unwrap();
    fs::write(root.join("insight.yaml"), "tags: [mobile]\n").unwrap();
    let entry = "---\ndate: 2026-11-02\nkind: peer\nsite: A\ntags: [moble]\n---\n";
    fs::write(root.join("visits/a.md"), entry).unwrap();
    let painted = on_terminal(root, &[], &["--today", "2026-11-22", "check"], None);
    assert!(
        painted.contains("\x1b[1mvisits/a.md:5:8:\x1b[0m \x1b[1;33mwarning\x1b[0m: tag `moble`"),
        "{painted:?}"
    );
    let plain = on_terminal(
        root,
        &[("NO_COLOR", "1")],
        &["--today", "2026-11-22", "check"],
        None,
    );
    assert!(!plain.contains('\x1b'), "{plain:?}");
    let piped = insight_at(root, &["check", "--color", "always"]);
    assert!(
        piped.stdout.contains("\x1b[1;33mwarning"),
        "{}",
        piped.stdout
    );
}

#[test]
fn show_finds_an_entry_by_its_site_or_title_as_written() {
    let temp = TempDir::new("conventions-show");
    let root = temp.path();
    fs::create_dir_all(root.join("visits")).unwrap();
    fs::write(root.join("insight.yaml"), "").unwrap();
    let write = |name: &str, site: &str, title: &str| {
        let text =
            format!("---\ndate: 2026-11-02\nkind: peer\nsite: {site}\ntitle: {title}\n---\n");
        fs::write(root.join("visits").join(name), text).unwrap();
    };
    write(
        "2026-11-02-tokyo.md",
        "東京 本店",
        "A morning in the flagship",
    );
    write(
        "2026-11-03-muenchen.md",
        "Müller Drogerie, München",
        "Drugstore shift",
    );
    write(
        "2026-11-04-muenchen-2.md",
        "Hauptbahnhof",
        "Back in München",
    );
    let first_line = |args: &[&str]| insight_at(root, args).ok().lines().next().map(String::from);
    assert_eq!(
        first_line(&["show", "東京"]).as_deref(),
        Some("A morning in the flagship")
    );
    assert_eq!(
        first_line(&["show", "müller"]).as_deref(),
        Some("Drugstore shift")
    );
    assert_eq!(
        first_line(&["show", "MULLER"]).as_deref(),
        Some("Drugstore shift")
    );
    let run = insight_at(root, &["show", "münchen"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: `münchen` matches 2 entries:\n  \
         visits/2026-11-03-muenchen.md  Drugstore shift\n  \
         visits/2026-11-04-muenchen-2.md  Back in München\n\
         hint: type more of the file name, site or title, or the whole path\n"
    );
}

#[test]
fn unknown_is_not_zero_and_a_far_off_amount_is_named() {
    let temp = TempDir::new("conventions-unknown");
    let root = temp.path();
    fs::create_dir_all(root.join("visits")).unwrap();
    fs::write(root.join("insight.yaml"), "").unwrap();
    // Twenty ordinary visits: 5 to 24 customers, 2 to 8 hours.
    for n in 0..20 {
        let text = format!(
            "---\ndate: 2026-10-{:02}\nkind: frontline\nsite: Store {n}\ncustomers: {}\nhours: {}\n---\n",
            n + 1,
            n + 5,
            2 + n % 7
        );
        fs::write(root.join(format!("visits/v{n:02}.md")), text).unwrap();
    }
    let odd =
        "---\ndate: 2026-11-02\nkind: frontline\nsite: Depot\ncustomers: 5000\nhours: 1000\n---\n";
    fs::write(root.join("visits/odd.md"), odd).unwrap();
    let silent = "---\ndate: 2026-11-03\nkind: peer\nsite: HQ\n---\n";
    fs::write(root.join("visits/silent.md"), silent).unwrap();
    let check = insight_at(root, &["check"]);
    assert_eq!(
        check.stdout,
        "visits/odd.md:5:1: warning: `customers: 5000` is far above what this journal's entries give (6 to 24 in 9 of 10)\n  \
         hint: is it a typo? If not, nothing needs doing\n\
         visits/odd.md:6:1: warning: `hours: 1000` is more than a week has (168)\n  \
         hint: give the hours spent with customers; is it a typo?\n\
         checked 22 entries: 2 warnings\n"
    );
    let show = insight_at(root, &["show", "silent"]).ok();
    assert!(show.contains("customers  –\nhours      –\n"), "{show}");
    let json = insight_at(root, &["list", "--site", "HQ", "--format", "json"]).ok();
    assert!(
        json.contains("\"customers\": null,\n    \"hours\": null,"),
        "{json}"
    );
    let csv = insight_at(root, &["list", "--site", "HQ", "--format", "csv"]).ok();
    assert_eq!(csv.lines().nth(1), Some("2026-11-03,peer,HQ,silent,,,"));
    let report = insight_at(root, &["report", "--month", "2026-11", "-f", "markdown"]).ok();
    assert!(
        report.contains("spoke to 5000 customers (1 entry without a count)"),
        "{report}"
    );
    assert!(
        report.contains(
            "\nNot in the sums: 1 entry without a count of customers, 1 entry without hours.\n"
        ),
        "{report}"
    );
}
