//! `insight completions SHELL` and `insight man`: they work anywhere, with no
//! journal, and name every subcommand; inside a journal, completion offers
//! its own tags, people, sites, kinds, statuses and ideas.

use crate::common::{TempDir, insight_in};

const SUBCOMMANDS: [&str; 16] = [
    "init",
    "new",
    "list",
    "show",
    "tags",
    "report",
    "ideas",
    "people",
    "quotes",
    "check",
    "diff",
    "export",
    "site",
    "lsp",
    "completions",
    "man",
];

#[test]
fn completion_scripts_ask_insight_as_words_are_typed() {
    let nowhere = TempDir::new("completions");
    for (shell, asks) in [
        ("bash", "COMPLETE=\"bash\""),
        ("zsh", "COMPLETE=\"zsh\""),
        ("fish", "COMPLETE=fish insight --"),
        (
            "powershell",
            "Register-ArgumentCompleter -Native -CommandName insight",
        ),
        ("elvish", "COMPLETE=\"elvish\" insight --"),
    ] {
        let script = insight_in(nowhere.path(), &[], &["completions", shell]).ok();
        assert!(script.contains(asks), "{shell}: {script}");
    }
    let run = insight_in(nowhere.path(), &[], &["completions", "tcsh"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("[possible values: bash, elvish, fish, powershell, zsh]"),
        "{}",
        run.stderr
    );
}

/// What the shell gets when it asks for the words after `typed`, as the
/// fish script asks (fish shows each value's help beside it).
fn completed(cwd: &std::path::Path, typed: &[&str]) -> String {
    let mut args = vec!["--", "insight"];
    args.extend_from_slice(typed);
    insight_in(cwd, &[("COMPLETE", "fish")], &args).ok()
}

#[test]
fn completion_offers_every_subcommand_and_option() {
    let nowhere = TempDir::new("completions-words");
    let words = completed(nowhere.path(), &[""]);
    for subcommand in SUBCOMMANDS {
        assert!(
            words
                .lines()
                .any(|line| line.split('\t').next() == Some(subcommand)),
            "`{subcommand}` not offered: {words}"
        );
    }
    assert!(completed(nowhere.path(), &["list", "--has"]).starts_with("--has-ideas"));
}

#[test]
fn completion_offers_the_journals_own_values() {
    let example = crate::common::manifest_dir().join("examples/journal");
    let at = |typed: &[&str]| completed(&example, typed);
    assert_eq!(
        at(&["list", "--tag", "mo"]),
        "mobile\t8 entries\nmobile/app\t5 entries\nmobile/payments\t1 entry\n"
    );
    assert_eq!(at(&["report", "--kind", "p"]), "peer\n");
    assert_eq!(
        at(&["ideas", "ai"]),
        "aisle-finder\tAisle finder in the mobile app (building)\n"
    );
    assert_eq!(at(&["ideas", "--status", "bu"]), "building\n");
    assert!(at(&["list", "--person", "Wa"]).starts_with("Wayne Shurts\n"));
    assert!(at(&["list", "--site", "Cub"]).starts_with("Cub Foods, Minneapolis\n"));
    assert_eq!(at(&["tags", "rename", "pric"]), "pricing\t3 entries\n");
    // Outside a journal there are no values to offer, and no error.
    let nowhere = TempDir::new("completions-nowhere");
    assert_eq!(completed(nowhere.path(), &["list", "--tag", "mo"]), "");
}

#[test]
fn the_man_page_names_every_subcommand() {
    let nowhere = TempDir::new("man");
    let page = insight_in(nowhere.path(), &[], &["man"]).ok();
    assert!(
        page.contains("\n.TH insight 1  \"insight 0.1.0\" \n.SH NAME\ninsight \\- "),
        "{page}"
    );
    for subcommand in SUBCOMMANDS {
        assert!(
            page.contains(&format!("\n.TP\ninsight\\-{subcommand}(1)\n")),
            "man page lacks {subcommand}"
        );
    }
    let report = insight_in(nowhere.path(), &[], &["man", "report"]).ok();
    assert!(report.contains("\n.TH insight-report 1 "), "{report}");
    assert!(
        report.contains("\n.SH SYNOPSIS\n\\fBinsight report\\fR "),
        "{report}"
    );
    assert!(report.contains("\\-\\-period"), "{report}");
    let run = insight_in(nowhere.path(), &[], &["man", "reprot"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            2,
            "error: `reprot` is not an insight command\n\
             hint: did you mean `report`? The commands are init, new, list, show, tags, report, ideas, people, quotes, check, diff, export, site, lsp, completions, man\n"
        )
    );
}
